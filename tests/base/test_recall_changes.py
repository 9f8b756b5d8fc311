"""Recall's lists carry where they changed: a call given a list that Recall handed out
(or that a stage noted) looks at the changed places only, and still gives what a fresh
computation gives, build after build."""

from __future__ import annotations

import random

from karriere.base.recall import Recall


class Thing:
    def __init__(self, name: str, group: int, shown: bool = True):
        self.name, self.group, self.shown = name, group, shown


def label(thing: Thing) -> str:
    return thing.name.upper()


def group_of(thing: Thing) -> tuple:
    return (thing.group, thing.name)


def is_shown(thing: Thing) -> bool:
    return thing.shown


def stages(recall: Recall, things: list[Thing], extra: list[Thing]) -> dict:
    """A small site stage: items, sorted, filtered, joined with another list."""
    labels = recall.many(label, things)
    ordered = recall.sort(group_of, things, recall.many(group_of, things))
    shown = recall.kept(is_shown, ordered)
    everything = recall.chained("all", [shown, extra])
    return {
        "labels": labels,
        "ordered": ordered,
        "shown": shown,
        "all": everything,
        "again": recall.many(label, everything),
    }


def fresh(things: list[Thing], extra: list[Thing]) -> dict:
    ordered = sorted(things, key=group_of)
    shown = [t for t in ordered if t.shown]
    return {
        "labels": [label(t) for t in things],
        "ordered": ordered,
        "shown": shown,
        "all": shown + extra,
        "again": [label(t) for t in shown + extra],
    }


def test_every_list_matches_a_fresh_computation_through_random_edits():
    rng = random.Random(11)
    things = [Thing(f"t{n}", rng.randint(0, 30), rng.random() > 0.2) for n in range(400)]
    extra = [Thing(f"x{n}", 0) for n in range(5)]
    recall = Recall()
    for round_ in range(60):
        things = list(things)
        recall.note(things, None, None)  # a plain list: compared by a pass
        for _ in range(rng.choice([0, 1, 1, 2, 5, 80])):
            n = rng.randrange(len(things))
            old = things[n]
            shown = old.shown if rng.random() < 0.8 else not old.shown
            group = old.group if rng.random() < 0.7 else rng.randint(0, 30)
            name = old.name if rng.random() < 0.5 else old.name + "'"  # (a sort key)
            things[n] = Thing(name, group, shown)
        if rng.random() < 0.1:
            things.append(Thing(f"new{round_}", rng.randint(0, 30)))
        got = stages(recall, things, extra)
        expected = fresh(things, extra)
        assert got["labels"] == expected["labels"] and got["again"] == expected["again"]
        for name in ("ordered", "shown", "all"):  # the very objects, in the same order
            assert list(map(id, got[name])) == list(map(id, expected[name])), (round_, name)
        recall.next_build()


def test_an_edit_travels_without_a_pass_over_the_lists(passes):
    """The engine notes where its list of entries changed; every call after it finds
    the changed places from that, with no comparison of the long lists."""
    things = [Thing(f"t{n}", n % 7) for n in range(1000)]
    extra = [Thing("x", 0)]
    recall = Recall()
    recall.note(things, None, None)
    stages(recall, things, extra)
    recall.next_build()
    edited = list(things)
    edited[500] = Thing("t500", 500 % 7)  # another object, the same sort key
    recall.note(edited, things, [500])
    passes.clear()
    got = stages(recall, edited, extra)
    assert not [n for n in passes if n >= 1000]  # (the short list `extra`: a pass is cheap)
    assert got["all"][:-1] == [t for t in sorted(edited, key=group_of) if t.shown]
    recall.next_build()
    moved = list(edited)
    moved[500] = Thing("t5075", 500 % 7)  # now after t507: one place further down
    recall.note(moved, edited, [500])
    passes.clear()
    got = stages(recall, moved, extra)
    assert [n for n in passes if n >= 1000] == [1000]  # once, by sort, for all after it
    assert got["again"] == [label(t) for t in fresh(moved, extra)["all"]]


def test_a_list_from_elsewhere_is_compared_by_a_pass(passes):
    things = [Thing(f"t{n}", 0) for n in range(300)]
    recall = Recall()
    recall.many(label, things)
    recall.next_build()
    passes.clear()
    edited = list(things)  # not handed out by recall, nor noted: not known
    edited[3] = Thing("drei", 0)
    assert recall.many(label, edited)[3] == "DREI"
    assert passes == [300]


def test_a_noted_list_is_looked_at_only_where_the_note_says(passes):
    """The note is trusted: a stage that notes a list vouches for the other places."""
    things = [Thing(f"t{n}", 0) for n in range(300)]
    recall = Recall()
    recall.note(things, None, None)
    recall.many(label, things)
    recall.next_build()
    edited = list(things)
    edited[3] = Thing("drei", 0)
    recall.note(edited, things, [3])
    passes.clear()
    assert recall.many(label, edited)[3] == "DREI"
    assert passes == []


def test_kept_falls_back_when_an_answer_changes():
    things = [Thing(f"t{n}", 0, n % 2 == 0) for n in range(100)]
    recall = Recall()
    assert recall.kept(is_shown, things) == things[::2]
    recall.next_build()
    edited = list(things)
    edited[4] = Thing("vier", 0, shown=False)  # was shown: the list gets shorter
    edited[7] = Thing("sieben", 0, shown=True)  # was hidden: it comes in
    assert recall.kept(is_shown, edited) == [t for t in edited if t.shown]
