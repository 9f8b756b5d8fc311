"""The garbage collector in the live preview: never between a save and the reload.

A rebuild runs with the collector off. Collecting its young objects afterwards walks
every long list the site model holds (a tenth of a second at 100,000 vacancies) and holds
the interpreter lock all the while, so the browser would wait for the reload message and
then for the page. The collection therefore waits until the preview has been idle for a
moment, or until the next rebuild starts, whichever comes first.
"""

from __future__ import annotations

import gc
import threading

IDLE = 0.25  # seconds after a rebuild: the browser has had its message and its page


class IdleCollector:
    def __init__(self, idle: float = IDLE) -> None:
        self.idle = idle
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None
        self.pending = False

    def pause(self) -> None:
        """Before a rebuild: last rebuild's garbage now if it still waits; then off."""
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            if self.pending:
                self._collect()
            gc.disable()

    def later(self) -> None:
        """After a rebuild (its result announced): collect once the preview is idle."""
        with self.lock:
            self.pending = True
            self.timer = threading.Timer(self.idle, self.now)
            self.timer.daemon = True
            self.timer.start()

    def now(self) -> None:
        with self.lock:
            if self.pending:
                self._collect()

    def _collect(self) -> None:
        # Collect this build's young garbage, then freeze what survives: the site model
        # lives on, and later collections need not walk it again and again. (Cycles
        # among frozen objects are never collected: a build leaves a few dozen.)
        gc.collect(1)
        gc.freeze()
        gc.enable()
        self.pending = False
