"""Results that the previous build made from the very same inputs (same process only).

The live preview rebuilds again and again in one process. The engine hands out the same
Entry and Item objects for unchanged files, and the site model never changes an object
once made, so anything made from the same objects last time still stands. `Recall`
remembers such results for one build to the next and compares inputs by identity
(strings by value), which costs a dictionary lookup instead of a walk over the object.

A long list that Recall hands out (many, sort, kept, chained, or one a stage `note`s)
goes with where it differs from the same call's list last build. A later call given it
looks at those places only, instead of comparing a hundred thousand objects again: an
edit's change travels from stage to stage.
"""

from __future__ import annotations

import operator
from bisect import insort
from collections.abc import Callable, Hashable
from itertools import chain, compress
from typing import TypeVar

T = TypeVar("T")
_second = operator.itemgetter(1)
FEW_CHANGED = 64  # objects not in their last places: looked up one by one, else all


class Recall:
    """`recall(make, *args)` is `make(*args)`, reused while every argument is the same
    object (or an equal string) as in the call that made it, this build or the last."""

    # Whether a next build may find what this one made (OnceRecall: never). Where no next
    # build can, a big file may be made row by row into a file, keeping no row.
    remembers = True

    def __init__(self) -> None:
        self._previous: dict[tuple, tuple] = {}
        self._current: dict[tuple, tuple] = {}
        self._parts: dict[str, Recall] = {}
        # The lists handed out this build, by id: (that list, the same call's list last
        # build, the places where the two differ or None if not known).
        self._known: dict[int, tuple] = {}

    def part(self, name: str) -> Recall:
        """A Recall of its own for one part of the build (the site in one language): its
        calls do not take turns in the same slots with the same calls for another part,
        which would make many() compare each list with the other part's."""
        found = self._parts.get(name)
        if found is None:
            found = self._parts[name] = Recall()
            found._known = self._known  # (lists handed from one part to another)
        return found

    def __call__(self, make: Callable[..., T], *args, key: Hashable = None, **helpers) -> T:
        """`key` is compared (by value) but not passed on: what the result depends on
        besides `args`, e.g. the settings a helper was made from. `helpers` are passed on
        but not compared: caches and the like, never inputs that change the result."""
        slot = _key(make, key, args)
        hit = self._current.get(slot)
        if hit is None:
            hit = self._previous.get(slot)
            if hit is None:
                hit = (args, make(*args, **helpers))
            self._current[slot] = hit
        return hit[1]

    def many(
        self, make: Callable[..., T], objects: list, *shared, key: Hashable = None, **helpers
    ) -> list[T]:
        """`[make(obj, *shared) for obj in objects]`, each reused while `obj` and `shared`
        are the same objects as when it was made, and `key` is equal (as in __call__).
        For the long lists of a big site: the lookups run at C speed, and only the new
        objects cost a Python call. The table goes on from build to build (not copied: an
        edit adds one entry to ten thousand)."""
        entry = self._entry(make, key, shared)
        table, last, known = entry[1], entry[2], self._own(objects)

        def made(obj) -> tuple:
            return obj, make(obj, *shared, **helpers)

        places = None
        if last is not None and len(last[0]) == len(objects):
            places = self._places(objects, last[0], known)
        if places is not None:
            results = _patched(table, objects, last[1], places, made)
        else:
            results = _by_identity(table, objects, made)
        if len(table) > 2 * len(objects) + 64:  # earlier builds' objects pile up: let go
            table.clear()
            table.update(zip(map(id, objects), zip(objects, results, strict=True), strict=True))
        entry[2] = (self._kept(objects, known), results)
        return self._hand_out(results, last[1] if last else None, places)

    def pairs(
        self, make: Callable[..., T], firsts: list, seconds: list, key: Hashable = None
    ) -> list[T]:
        """`[make(a, b) for a, b in zip(firsts, seconds)]`, each reused while `a` and `b`
        are the same objects as when it was made: many() for two lists (an original and
        its translation). Compared place by place at C speed; the others looked up."""
        entry = self._entry(make, key, ("pairs",))
        table, last = entry[1], entry[2]
        if last is not None and len(last[0]) == len(firsts):
            results = list(last[2])
            same = map(operator.and_, map(operator.is_, firsts, last[0]), map(operator.is_, seconds, last[1]))  # fmt: skip
            places = list(compress(range(len(firsts)), map(operator.not_, same)))
        else:
            results, places = [None] * len(firsts), range(len(firsts))
        for n in places:
            a, b = firsts[n], seconds[n]
            hit = table.get((id(a), id(b)))  # (the entry keeps both alive: ids stay theirs)
            if hit is None:
                hit = table[(id(a), id(b))] = (a, b, make(a, b))
            results[n] = hit[2]
        if len(table) > 2 * len(firsts) + 64:  # earlier builds' pairs pile up: let go
            table.clear()
            table.update(((id(a), id(b)), (a, b, r)) for a, b, r in zip(firsts, seconds, results, strict=True))  # fmt: skip
        entry[2] = (list(firsts), list(seconds), results)
        return list(results)

    def joined(
        self, make: Callable[..., T], rows: list, *args, key: Hashable = None, **helpers
    ) -> T:
        """`make(rows, *args)`, reused while `rows` equals last build's list (compared at
        C speed, by identity first) and `args` are the same: a file made of ten thousand
        rows (the sitemap, the feed) is not joined, encoded and hashed again when an edit
        left every row as it was. `key` and `helpers` as in __call__."""
        slot = ("joined", *_key(make, key, args))
        hit = self._current.get(slot) or self._previous.get(slot)
        if hit is None or hit[0] != rows:
            hit = (rows, args, make(rows, *args, **helpers))  # (args kept alive: ids in key)
        self._current[slot] = hit
        return hit[2]

    def revised(
        self, slot: Hashable, lists: tuple[list, ...], make: Callable[..., T], revise: Callable
    ) -> T:
        """`make(*lists)`, or last build's result revised where the lists changed: when
        each list is as long as in last build's call with this `slot` and holds other
        objects in only a few places, `revise(last_result, lists, last_lists, places)`
        (places: one list of changed places per list) gives the result; it must not
        change last_result, and returns None to have it made anew."""
        before = self._current.get(("revised", slot)) or self._previous.get(("revised", slot))
        knowns = list(map(self._own, lists))
        result = None
        if before is not None and list(map(len, lists)) == list(map(len, before[0])):
            places = list(map(self._places, lists, before[0], knowns))
            if None not in places:
                changed = any(places)
                result = revise(before[1], lists, before[0], places) if changed else before[1]
        if result is None:
            result = make(*lists)
        self._current[("revised", slot)] = (tuple(map(self._kept, lists, knowns)), result)
        return result

    def sort(self, slot: Callable, items: list, keys: list) -> list:
        """`items` sorted by `keys` (stable); when the keys equal last build's, item for
        item (the usual case after an edit), last build's order is used again; when a
        few differ (a changed title), only those few are placed again."""
        before = self._previous.get(("sort", slot))  # (keys, order, inverse, items, sorted)
        keys_known, items_known = self._own(keys), self._own(items)
        order, inverse = self._order(before, keys, keys_known)
        last, places = None, None
        if before is not None and order is before[1] and len(before[3]) == len(items):
            last, places = before[4], self._places(items, before[3], items_known)
        if places is not None:  # the same order: last build's list, mended at the places
            inverse = inverse or _inverse(order)
            places = sorted(map(inverse.__getitem__, places))
            result = list(last)
            for n in places:
                result[n] = items[order[n]]
        else:
            result = list(map(items.__getitem__, order))
            if before is not None and len(before[4]) == len(result):
                last = before[4]
                places = changed_places(result, last)  # (once here, not in every call given it)
        kept = (self._kept(keys, keys_known), order, inverse, self._kept(items, items_known))
        self._current[("sort", slot)] = (*kept, result)
        return self._hand_out(result, last, places)

    def _order(self, before: tuple | None, keys: list, known: tuple | None) -> tuple:
        """(positions of `keys` in sorted order, its inverse or None): last build's when no
        key changed, or when the changed ones keep their places (a new title); else
        placed again."""
        changed = None
        if before is not None and len(before[0]) == len(keys):
            places = self._places(keys, before[0], known)
            if places is not None:
                changed = [n for n in places if keys[n] != before[0][n]]
        if changed != []:
            order = _sorted_again(before, keys, changed)
            if before is None or order != before[1]:
                return order, None
        return before[1], before[2]

    def kept(self, test: Callable, objects: list, key: Hashable = None) -> list:
        """`[obj for obj in objects if test(obj)]`, each test remembered as in many();
        when no object at a changed place changed its answer, last build's list mended
        at those places. `key` tells apart the calls with the same test."""
        answers = self.many(test, objects, key=key)
        known, objects_known = self._own(answers), self._own(objects)
        slot = ("kept", test, key)
        before = self._previous.get(slot)  # (answers, objects, result)
        places = None
        if before is not None and len(before[0]) == len(answers):
            at = self._places(answers, before[0], known)
            objects_at = self._places(objects, before[1], objects_known)
            if at == [] and objects_at is not None:
                places = [n for n in objects_at if answers[n]]
        if places is not None:  # each changed object stands where its old one stood
            result = list(before[2])
            ranks = [answers[:n].count(True) for n in places]
            for n, rank in zip(places, ranks, strict=True):
                result[rank] = objects[n]
            places = ranks
        else:
            result = list(compress(objects, answers))
        self._current[slot] = (self._kept(answers, known), self._kept(objects, objects_known), result)  # fmt: skip
        return self._hand_out(result, before[2] if before else None, places)

    def chained(self, slot: Hashable, parts: list[list]) -> list:
        """`list(chain.from_iterable(parts))`; where it changed is found part by part,
        which costs nothing for a part Recall handed out and little for a short one."""
        before = self._previous.get(("chained", slot))  # (parts, result)
        knowns = list(map(self._own, parts))
        result = list(chain.from_iterable(parts))
        places = None
        if before is not None and list(map(len, parts)) == list(map(len, before[0])):
            places, offset = [], 0
            for part, old, known in zip(parts, before[0], knowns, strict=True):
                found = self._places(part, old, known) if part else []
                if found is None or len(places) + len(found) > FEW_CHANGED:
                    places = None
                    break
                places += [offset + n for n in found]
                offset += len(part)
        self._current[("chained", slot)] = (list(map(self._kept, parts, knowns)), result)
        return self._hand_out(result, before[1] if before else None, places)

    def note(self, made: list, last: list | None, places: list[int] | None) -> None:
        """A stage's own list `made`, which it will not change, holds other objects than
        `last` (what it made in last build's place) at `places` only (None: not known):
        a call given `made` looks there only. Next build, give the list made then with
        this one as `last`."""
        self._known[id(made)] = (made, last, places)

    def missing(self, make: Callable, objects: list, *shared, key: Hashable = None) -> list:
        """The objects that many() would have to make something for."""
        table = self._entry(make, key, shared)[1]
        return [obj for obj in objects if id(obj) not in table]

    def _entry(self, make: Callable, key: Hashable, shared: tuple) -> list:
        """[shared, table, last call]: the table maps id(obj) -> (obj, result), and each
        entry keeps its object alive, so an id found there is that very object; the last
        call is (its objects, their results), compared place by place."""
        slot = ("many", *_key(make, key, shared))
        found = self._current.get(slot)
        if found is None:
            found = self._current[slot] = self._previous.get(slot) or [shared, {}, None]
        return found

    def changed(self, objects: list, last: list) -> list[int] | None:
        """changed_places(objects, last), from what Recall knows of `objects` if it
        handed it out this build (`last` then being the same call's list last build)."""
        return self._places(objects, last, self._own(objects))

    def _own(self, objects: list) -> tuple | None:
        """(the list, last, places) if Recall handed out `objects` this build."""
        return self._known.get(id(objects))  # (the entry keeps it alive: the id is its)

    def _kept(self, objects: list, known: tuple | None) -> list:
        """The list to compare `objects` with next build: the very list if Recall handed
        it out (a next build's call that hands out its successor names it as the last)."""
        return objects if known is not None else list(objects)

    def _places(self, objects: list, last: list, known: tuple | None) -> list[int] | None:
        """Where `objects` holds other objects than `last` (as long), or None if at
        more than a few places: from what Recall knows of it, else by a pass over it."""
        if known is not None and known[1] is last and known[2] is not None:
            return [n for n in known[2] if objects[n] is not last[n]]
        return changed_places(objects, last)

    def _hand_out(self, own: list, last: list | None, places: list[int] | None) -> list:
        """`own` for the caller, known to later calls with `places`: where it differs
        from `last`, the same call's list last build. Not a copy: the caller reads it
        and never changes it, as it never changes anything in the site model."""
        self._known[id(own)] = (own, last, places if last is not None else None)
        return own

    def start(self) -> None:
        """Forget what a failed build made."""
        self._current = {}
        self._known.clear()
        for part in self._parts.values():
            part.start()

    def next_build(self) -> None:
        """The build succeeded: what it used is what the next build may reuse."""
        self._previous, self._current = self._current, {}
        self._known.clear()
        for part in self._parts.values():
            part.next_build()


def _patched(table: dict, objects: list, results: list, places: list[int], made) -> list:
    """Last call's results, made again at `places` (looked up by identity first)."""
    if not places:
        return results  # (never changed: each call keeps its own list)
    results = list(results)
    for n in places:
        obj = objects[n]
        hit = table.get(id(obj))
        if hit is None:
            hit = table[id(obj)] = made(obj)
        results[n] = hit[1]
    return results


def changed_places(objects: list, last: list) -> list[int] | None:
    """The places where `objects` holds another object than `last` (a list as long), or
    None if there are more than a few. (C-level passes: list.index finds each place.)"""
    same = list(map(operator.is_, objects, last))
    changed = same.count(False)
    if changed > FEW_CHANGED:
        return None
    places, n = [], -1
    for _ in range(changed):
        n = same.index(False, n + 1)
        places.append(n)
    return places


def _by_identity(table: dict, objects: list, made: Callable) -> list:
    ids = list(map(id, objects))
    hits = list(map(table.get, ids))
    if None in hits:
        for n in compress(range(len(hits)), map(operator.not_, hits)):
            hits[n] = table[ids[n]] = made(objects[n])
    return list(map(_second, hits))


def _key(make: Callable, key: Hashable, args: tuple) -> tuple:
    # Each entry keeps its arguments alive, so an id in a key stays that object's.
    return (make, key, *[a if type(a) is str else id(a) for a in args])


def _sorted_again(before: tuple | None, keys: list, changed: list[int] | None) -> list[int]:
    """sorted(range(len(keys)), key=keys.__getitem__), from last build's order when the
    keys changed at a few places only (`changed`; None: not known)."""
    if before is not None and len(before[0]) == len(keys):
        if changed is None:
            changed = list(compress(range(len(keys)), map(operator.ne, before[0], keys)))
        if len(changed) <= 8:
            moved = set(changed)
            order = [n for n in before[1] if n not in moved]
            for n in changed:  # (key, position) is what a stable sort orders by
                insort(order, n, key=lambda m: (keys[m], m))
            return order
    return sorted(range(len(keys)), key=keys.__getitem__)


def _inverse(order: list[int]) -> list[int]:
    """Where each position of the unsorted list went in the sorted one."""
    inverse = [0] * len(order)
    for place, n in enumerate(order):
        inverse[n] = place
    return inverse
