"""The preview's garbage collection waits for an idle moment, and never for long."""

import gc
import time
import weakref

from karriere.commands.idle_collect import IdleCollector


class Node:
    pass


def garbage_cycle() -> weakref.ref:
    """A cycle only the collector can free; the weak reference tells when it is freed."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_collects_once_idle_not_before():
    collector = IdleCollector(idle=0.2)
    try:
        collector.pause()
        assert not gc.isenabled()
        cycle = garbage_cycle()
        collector.later()
        assert cycle() is not None  # the reload goes out first
        assert not gc.isenabled()
        deadline = time.monotonic() + 5
        while cycle() is not None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert cycle() is None
        assert gc.isenabled()
    finally:
        gc.enable()


def test_next_rebuild_collects_what_still_waits():
    collector = IdleCollector(idle=60)
    try:
        collector.pause()
        cycle = garbage_cycle()
        collector.later()
        collector.pause()  # a save within the idle time
        assert cycle() is None
        assert not gc.isenabled()  # and the new rebuild runs without collections
        assert collector.timer is None
    finally:
        collector.later()
        collector.now()
        collector.timer.cancel()
        assert gc.isenabled()
