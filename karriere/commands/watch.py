"""File watching for the preview: watchdog events, debounced into one rebuild per burst."""

from __future__ import annotations

import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from karriere.base.messages import Messages, say

QUIET = 0.03  # seconds without events that end a burst (an editor's save is one burst)
# When every changed file has been closed after writing, renamed into place or deleted
# (inotify reports all three), the save is complete: a much shorter pause is enough to
# gather the events of the same save (an atomic save's temp file and its rename).
QUIET_COMPLETE = 0.005
# More completed files than one save makes (an atomic save makes two), within QUIET: a
# burst (a script, a formatter, git checkout) is under way, so wait QUIET for its end.
BURST_FILES = 3
COMPLETE = ("closed", "moved", "deleted")
STOP_WAIT = 10  # seconds that stopping waits for a running rebuild
IGNORED_SUFFIXES = (".swp", ".swx", "~", ".tmp", ".part")
# Not "opened" or "closed without writing": every rebuild reads the watched files, and
# hundreds of such events per rebuild cost the rebuild itself time (they are handled in
# Python, under the same lock as the build). Left out, inotify does not even report them.
EVENTS = [
    FileCreatedEvent, DirCreatedEvent, FileModifiedEvent, DirModifiedEvent, FileMovedEvent,
    DirMovedEvent, FileDeletedEvent, DirDeletedEvent, FileClosedEvent,
]  # fmt: skip


class Watcher(FileSystemEventHandler):
    """Collects changed paths and calls `on_change` once per burst, never concurrently."""

    def __init__(
        self,
        paths: list[Path],
        on_change: Callable[[set[Path]], None],
        poll=False,
        messages: Messages | None = None,
    ):
        self.paths = paths
        self.messages = messages or Messages("en")  # the editor's, for a failed rebuild
        self.scheduled: set[Path] = set()
        self.on_change = on_change
        self.observer = PollingObserver(timeout=0.25) if poll else Observer()
        self.pending: set[Path] = set()
        self.writing: set[Path] = set()  # modified or created, but not yet closed
        self.completed: deque[float] = deque(maxlen=BURST_FILES)  # when files completed
        self.last_event = 0.0
        self.lock = threading.Condition()
        self.running = False
        self.worker = threading.Thread(target=self._run, name="karriere-rebuild", daemon=True)

    def start(self) -> None:
        # The parents are watched (not recursively) so that a folder created later,
        # such as a first themes/ folder, is noticed and then watched itself.
        for parent in sorted({p.parent for p in self.paths}):
            self.observer.schedule(self, str(parent), recursive=False, event_filter=EVENTS)
        self._schedule_new(initial=True)
        self.running = True
        self.observer.start()
        self.worker.start()

    def stop(self) -> bool:
        """Stop watching; True once no rebuild runs any more (False: one still did after
        STOP_WAIT seconds, and goes on in the background until the process ends)."""
        self.running = False
        with self.lock:
            self.lock.notify_all()
        self.observer.stop()
        self.observer.join(timeout=2)
        if self.worker.is_alive():
            self.worker.join(timeout=STOP_WAIT)  # let a running rebuild finish writing
        return not self.worker.is_alive()

    def _schedule_new(self, initial: bool = False) -> None:
        for path in self.paths:
            if path.is_dir() and path not in self.scheduled:
                self.observer.schedule(self, str(path), recursive=True, event_filter=EVENTS)
                self.scheduled.add(path)
                if not initial:  # a new folder's files may predate its watch
                    self._record(set(path.rglob("*")))

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and Path(str(event.src_path)) in self.paths:
            self._schedule_new()
        if event.event_type == "modified" and event.is_directory:
            return  # a folder's entries changed: the events of those files say which
        changed = {Path(str(event.src_path))}
        if getattr(event, "dest_path", ""):
            changed.add(Path(str(event.dest_path)))  # renames and atomic saves
        complete = event.is_directory or event.event_type in COMPLETE
        self._record(changed, complete)

    def _record(self, changed: set[Path], complete: bool = False) -> None:
        changed = {p for p in changed if not p.name.endswith(IGNORED_SUFFIXES)}
        if not changed:
            return
        with self.lock:
            self.pending |= changed
            self.last_event = time.monotonic()
            if complete:
                self.writing -= changed
                self.completed.append(self.last_event)
            else:
                self.writing |= changed
            self.lock.notify_all()

    def _run(self) -> None:
        while self.running:
            with self.lock:
                while self.running and not self.pending:
                    self.lock.wait()
                while self.running and time.monotonic() - self.last_event < self._quiet():
                    self.lock.wait(self._quiet())
                batch, self.pending, self.writing = self.pending, set(), set()
            if batch and self.running:
                self._call(batch)

    def _call(self, batch: set[Path]) -> None:
        """One rebuild; whatever it raises, the thread lives on for the next save."""
        try:
            self.on_change(batch)
        except Exception as exc:
            failed = say("Preview: the rebuild failed: {error}", error=repr(exc))
            print(self.messages.text(failed), file=sys.stderr)

    def _quiet(self) -> float:
        """Polling (--poll) never reports closed files, so it always waits QUIET."""
        if self.writing or self._bursting():
            return QUIET
        return QUIET_COMPLETE

    def _bursting(self) -> bool:
        times = self.completed
        return len(times) == BURST_FILES and times[-1] - times[0] < QUIET
