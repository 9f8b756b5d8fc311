"""OnceRecall (karriere/base/recall_once.py): Recall's answers, with no tables kept."""

from __future__ import annotations

from datetime import date

from karriere.base.recall import Recall
from karriere.base.recall_once import OnceRecall
from karriere.incremental.builder import COMMAND_LINE, PREVIEW, Builder
from karriere.pipeline import Request


class Thing:
    def __init__(self, name: str):
        self.name = name


def _label(thing: Thing, suffix: str, made: list) -> str:
    made.append(thing.name)
    return thing.name + suffix


def _calls(recall: Recall, things: list[Thing]) -> list:
    """Every kind of call a build makes, with its answers."""
    made: list[str] = []
    keys = [t.name[::-1] for t in things]
    return [  # (missing() before many(), as network_files asks)
        [t.name for t in recall.missing(_label, things, "!")],
        recall.many(_label, things, "!", made=made),
        recall.pairs(lambda a, b: a.name + b.name, things, things[::-1]),
        recall.joined(lambda rows, sep: sep.join(rows), [t.name for t in things], "-"),
        recall.revised("slot", (things,), lambda xs: len(xs), lambda *_: None),
        [t.name for t in recall.sort(_calls, things, keys)],
        sorted(made),
    ]


def test_answers_as_a_fresh_recall_does():
    things = [Thing(name) for name in ("b", "ca", "a", "ab", "c", "ba")]
    assert _calls(OnceRecall(), things) == _calls(Recall(), things)


def test_keeps_no_table_of_long_lists():
    recall, things = OnceRecall(), [Thing(str(n)) for n in range(100)]
    _calls(recall, things)
    _calls(recall.part("en"), things)
    assert recall._current == {} and recall.part("en")._current == {}
    assert recall.part("en") is recall.part("en")
    assert isinstance(recall.part("en"), OnceRecall)


def test_single_calls_give_one_result_per_build():
    recall = OnceRecall()
    a = Thing("a")

    def listed(thing: Thing) -> list[str]:
        return [thing.name]

    assert recall(listed, a) is recall(listed, a)
    assert recall(listed, Thing("a")) is not recall(listed, a)


def test_command_line_builder_uses_it_and_the_preview_does_not(tmp_path):
    request = Request(tmp_path, date(2024, 1, 1))
    assert isinstance(Builder(request, tmp_path / "out", COMMAND_LINE)._recall, OnceRecall)
    preview = Builder(request, tmp_path / "out", PREVIEW)._recall
    assert type(preview) is Recall
