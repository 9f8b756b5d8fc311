"""The watcher's pause before a rebuild (karriere/watch.py): short after one save, long
while a burst of saves is under way."""

from __future__ import annotations

from pathlib import Path

from karriere.commands import watch


def test_one_save_waits_briefly_and_a_burst_waits_for_its_end(tmp_path: Path, monkeypatch):
    clock = [100.0]

    def tick() -> float:  # events 1 ms apart, however slow the machine running the test is
        clock[0] += 0.001
        return clock[0]

    monkeypatch.setattr(watch.time, "monotonic", tick)
    watcher = watch.Watcher([tmp_path], on_change=lambda paths: None)
    page = tmp_path / "a.md"
    watcher._record({page})  # modified: the editor is still writing
    assert watcher._quiet() == watch.QUIET
    watcher._record({page}, complete=True)  # closed: the save is complete
    assert watcher._quiet() == watch.QUIET_COMPLETE
    temporary = tmp_path / ".a.md.tmp1"
    watcher._record({temporary, page}, complete=True)  # an atomic save's rename
    assert watcher._quiet() == watch.QUIET_COMPLETE
    watcher._record({page}, complete=True)  # a third file within QUIET: a burst
    assert watcher._quiet() == watch.QUIET
    clock[0] += 10  # long after the burst
    watcher._record({page}, complete=True)
    assert watcher._quiet() == watch.QUIET_COMPLETE


def test_opened_files_are_not_even_reported():
    """Every rebuild reads the watched files; their "opened" events cost the rebuild time."""
    names = {kind.__name__ for kind in watch.EVENTS}
    assert "FileOpenedEvent" not in names and "FileClosedNoWriteEvent" not in names
    assert {"FileClosedEvent", "FileMovedEvent", "FileDeletedEvent"} <= names


def test_stopping_says_whether_a_rebuild_still_runs(tmp_path: Path, monkeypatch):
    """The preview keeps its cache at the end only when no rebuild is changing it."""
    import threading

    monkeypatch.setattr(watch, "STOP_WAIT", 0.2)
    started, release = threading.Event(), threading.Event()

    def slow_rebuild(paths):
        started.set()
        release.wait(10)

    watcher = watch.Watcher([tmp_path / "content"], on_change=slow_rebuild)
    (tmp_path / "content").mkdir()
    watcher.start()
    try:
        (tmp_path / "content" / "a.md").write_text("neu")
        assert started.wait(10), "no rebuild for a saved file"
        assert watcher.stop() is False
    finally:
        release.set()
    watcher.worker.join(10)
    assert watcher.stop() is True
