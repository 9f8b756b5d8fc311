"""Recall (karriere/recall.py): results reused only for the very same input objects."""

from __future__ import annotations

from karriere.base.recall import Recall


class Thing:
    def __init__(self, name: str):
        self.name = name


def test_same_objects_reuse_last_builds_result():
    recall, made = Recall(), []

    def label(thing: Thing, suffix: str) -> str:
        made.append(thing.name)
        return thing.name + suffix

    a, b = Thing("a"), Thing("b")
    assert recall(label, a, "!") == "a!"
    recall.next_build()
    assert recall(label, a, "!") == "a!"  # same object, equal string: reused
    assert recall(label, Thing("a"), "!") == "a!"  # another object: made again
    assert recall(label, a, "?") == "a?"  # another string: made again
    assert made == ["a", "a", "a"]
    recall.next_build()
    recall.next_build()  # not used in the build before: forgotten
    assert recall(label, b, "!") == "b!" and recall(label, a, "!") == "a!"
    assert made == ["a", "a", "a", "b", "a"]


def test_many_makes_only_new_objects_and_keeps_order():
    recall, made = Recall(), []

    def double(thing: Thing, times: int) -> str:
        made.append(thing.name)
        return thing.name * times

    things = [Thing(str(n)) for n in range(100)]
    two = 2
    assert recall.many(double, things, two) == [t.name * 2 for t in things]
    recall.next_build()
    things[50] = Thing("x")
    assert recall.missing(double, things, two) == [things[50]]
    made.clear()
    assert recall.many(double, things, two) == [t.name * 2 for t in things]
    assert made == ["x"]
    assert recall.many(double, things[::-1], two) == [t.name * 2 for t in things[::-1]]
    assert made == ["x"]


def test_a_failed_build_is_forgotten():
    recall, made = Recall(), []

    def name(thing: Thing) -> str:
        made.append(thing)
        return thing.name

    a = Thing("a")
    recall(name, a)
    recall.next_build()
    recall.start()  # a build that failed made nothing for later
    recall(name, Thing("b"))
    recall.start()
    assert recall(name, a) == "a"
    assert made == [a, made[1]]


def test_sort_reuses_last_order_only_for_equal_keys():
    recall = Recall()
    items = ["b", "a", "c"]
    assert recall.sort(len, items, [2, 1, 3]) == ["a", "b", "c"]
    recall.next_build()
    assert recall.sort(len, ["y", "x", "z"], [2, 1, 3]) == ["x", "y", "z"]  # same order
    recall.next_build()
    assert recall.sort(len, ["y", "x", "z"], [2, 3, 1]) == ["z", "y", "x"]  # sorted again


def test_sort_places_changed_keys_again_exactly_as_a_full_stable_sort():
    """A title edit changes one sort key of ten thousand: the order is mended, not made
    again, and must be what sorting from scratch gives, ties in input order included."""
    import random

    rng = random.Random(7)
    items = [Thing(str(n)) for n in range(500)]
    keys = [(rng.randint(0, 40), rng.choice("abc")) for _ in items]  # many ties
    recall = Recall()
    for round_ in range(30):
        keys = list(keys)
        for n in rng.sample(range(len(keys)), rng.choice([0, 1, 2, 8, 9, 60])):
            keys[n] = (rng.randint(0, 40), rng.choice("abc"))
        expected = [items[n] for n in sorted(range(len(items)), key=keys.__getitem__)]
        assert recall.sort("vacancies", items, keys) == expected, round_
        recall.next_build()


def test_joined_is_made_again_only_when_a_row_or_an_argument_differs():
    recall, made = Recall(), []

    def join(rows: list, sep: str) -> str:
        made.append(list(rows))
        return sep.join(rows)

    first = recall.joined(join, ["a", "b"], ",")
    recall.next_build()
    assert recall.joined(join, ["a", "b"], ",") is first  # equal rows, equal argument
    recall.next_build()
    assert recall.joined(join, ["a", "c"], ",") == "a,c"  # one row differs
    recall.next_build()
    assert recall.joined(join, ["a", "c"], ";") == "a;c"  # the argument differs
    assert made == [["a", "b"], ["a", "c"], ["a", "c"]]


def test_many_in_place_and_moved_objects_match_a_fresh_list():
    """The place-by-place path (a few objects replaced or swapped) and the lookup path
    (many moved, or another length) give what a fresh comprehension gives."""
    recall, made = Recall(), []

    def label(thing: Thing) -> str:
        made.append(thing.name)
        return thing.name.upper()

    things = [Thing(str(n)) for n in range(200)]
    assert recall.many(label, things) == [t.name.upper() for t in things]
    recall.next_build()
    edited = list(things)
    edited[7], edited[3], edited[5] = Thing("neu"), edited[5], edited[3]  # one new, two swapped
    made.clear()
    assert recall.many(label, edited) == [t.name.upper() for t in edited]
    assert made == ["neu"]
    recall.next_build()
    shuffled = edited[::-1] + [Thing("dazu")]  # everything moved, one more
    made.clear()
    assert recall.many(label, shuffled) == [t.name.upper() for t in shuffled]
    assert made == ["dazu"]


def test_pairs_are_made_again_when_either_object_changes():
    recall = Recall()
    made = []

    def join(a, b):
        made.append((a, b))
        return (a, b)

    firsts, seconds = [object() for _ in range(5)], [object() for _ in range(5)]
    first = recall.pairs(join, firsts, seconds)
    recall.next_build()
    again = recall.pairs(join, list(firsts), list(seconds))
    assert again == first and all(x is y for x, y in zip(again, first, strict=True))
    assert len(made) == 5  # nothing made twice
    recall.next_build()
    changed = list(firsts)
    changed[2] = object()  # the original changed, its translation did not
    third = recall.pairs(join, changed, list(seconds))
    assert third[2] == (changed[2], seconds[2]) and len(made) == 6
    assert all(third[n] is first[n] for n in (0, 1, 3, 4))


def test_a_part_is_its_own_recall_and_follows_the_builds():
    recall, made = Recall(), []

    def label(thing: Thing) -> str:
        made.append(thing.name)
        return thing.name

    english = recall.part("en")
    assert recall.part("en") is english and recall.part("ar") is not english
    assert english is not recall
    lena = Thing("lena")
    english(label, lena)
    recall.next_build()  # the parent's build succeeded: the part's results carry over
    english(label, lena)
    assert made == ["lena"]
    recall.start()  # a failed build: what the part made in it is forgotten
    english(label, Thing("murat"))
    recall.start()
    recall.next_build()
    english(label, lena)  # (the last good build's result was dropped by start())
    assert made == ["lena", "murat", "lena"]


def test_revised_gets_only_the_changed_places_and_falls_back_to_making_anew():
    recall, calls = Recall(), []

    def make(items):
        calls.append("make")
        return [thing.name for thing in items]

    def revise(last, lists, before, places):
        calls.append(("revise", places))
        names = list(last)
        for n in places[0]:
            names[n] = lists[0][n].name
        return names

    things = [Thing(str(n)) for n in range(100)]
    assert recall.revised("names", (things,), make, revise) == [t.name for t in things]
    recall.next_build()
    assert recall.revised("names", (list(things),), make, revise) == [t.name for t in things]
    assert calls == ["make"]  # the very same objects: last build's result as it was
    recall.next_build()
    edited = list(things)
    edited[7] = Thing("seven")
    result = recall.revised("names", (edited,), make, revise)
    assert result[7] == "seven" and calls[-1] == ("revise", [[7]])
    recall.next_build()
    longer = [*edited, Thing("new")]  # another length: made anew
    assert recall.revised("names", (longer,), make, revise)[-1] == "new"
    assert calls[-1] == "make"
    recall.next_build()
    many = [Thing(t.name + "!") for t in longer]  # too many changed: made anew
    assert recall.revised("names", (many,), make, revise)[0] == "0!"
    assert calls[-1] == "make"
    recall.next_build()
    declined = list(many)
    declined[3] = Thing("three")
    assert recall.revised("names", (declined,), make, lambda *a: None)[3] == "three"
    assert calls[-1] == "make"  # revise returned None: made anew
