"""Vacancy cards rendered once and reused by every list that shows them.

/stellen/, each category page, each employer and the home page show the same card for a
vacancy. Rendering it once per build instead of once per list, and keeping it between
builds while its inputs are unchanged, is what makes one edit on a site with thousands of
vacancies cheap: a list page becomes a join of cached cards.

A card is kept under its item's fingerprint (the entry's file hash, route, status) and the
build's base (code, site.yaml, options, asset names). Like a page, it records what it
reads while it renders (templates, globals, `site.<x>`); it is reused only while all of
that is unchanged, and the page that shows it inherits those dependencies.

Cards are kept as UTF-8 bytes and never pass through a Jinja string: the template gets a
short placeholder (a "hole"), and `splice` puts the joined bytes in its place once the
page is rendered. /stellen/ of a big site is megabytes of cards; joining, copying and
encoding them as Python strings was most of the cost of one edit in the live preview.
"""

from __future__ import annotations

import operator
from itertools import compress, repeat
from typing import Protocol

import jinja2
from markupsafe import Markup

from .cache import current, note, recording

CARD_TEMPLATE = "partials/vacancy_card.html"
_first, _second, _third = (operator.itemgetter(n) for n in range(3))
_FAILED = object()  # the dependencies of "no card": never unchanged
_NO_CARD = (None, None, (_FAILED, b""))
# The NUL character never reaches a page otherwise (cmark-gfm and YAML's parser turn it
# away), so the placeholder cannot be mistaken for anything an editor wrote.
HOLE = "\x00karriere-cards-{}\x00"


class Checker(Protocol):
    """What the incremental engine offers (engine.PageCache); None without it."""

    base: str
    fragments: dict  # last build's cards: key -> (deps, html)
    card_ids: dict  # Cards.ids of the last build in this process under the same base

    def item_key(self, item) -> str: ...
    def pairs(self, keys) -> tuple: ...
    def unchanged(self, pairs: tuple) -> bool: ...


class Cards:
    """The `vacancy_cards(items, heading)` template global, with its store."""

    def __init__(self, env: jinja2.Environment, common: dict, checker: Checker | None):
        self.env = env
        self.common = common
        self.checker = checker
        self.known: dict = checker.fragments if checker is not None else {}
        self.used: dict = {}  # what this build showed: the store for the next build
        self.made: dict = {}  # rendered in this process during this build
        self._page = None  # the recorder of the page being rendered
        self._noted: set[int] = set()  # dependency tuples already passed on to it
        self.ids: dict[int, dict] = {}  # heading -> {id(item): (item, key, hit)}, this build
        self.holes: list[bytes] = []  # the page being rendered: the bytes of each hole

    def __call__(self, items, heading: int = 3) -> Markup:
        return self._hole(self._cards(items, heading))

    def _hole(self, data: bytes) -> Markup:
        self.holes.append(data)
        return Markup(HOLE.format(len(self.holes) - 1))

    def _cards(self, items, heading: int) -> bytes:
        if self.checker is None:
            return b"".join([self.card(v, heading)[1][1] for v in items])
        # The same item object as last build (or earlier in this one): no key to compute.
        # Looked up at C speed: /stellen/ of a big site shows ten thousand cards.
        mine = self.ids.setdefault(heading, {})
        ids = list(map(id, items))
        found = list(map(mine.get, ids))
        if None in found:
            self._take_from_last_build(items, ids, found, heading)
            found = list(map(mine.get, ids))
        cards = list(map(_third, found))
        self.used.update(zip(map(_second, found), cards, strict=True))
        deps = list(map(_first, cards))
        for pairs in dict(zip(map(id, deps), deps, strict=True)).values():
            self._pass_on(pairs)
        return b"".join(map(_second, cards))

    def _take_from_last_build(self, items, ids: list, found: list, heading: int) -> None:
        """Into self.ids: last build's card of each item not found, where what the card
        read is unchanged (checked once per distinct list of dependencies), else a card
        made now. Only the cards made now cost a Python call each."""
        mine = self.ids[heading]
        missing = list(compress(range(len(found)), map(operator.not_, found)))
        wanted = list(map(ids.__getitem__, missing))
        last = self.checker.card_ids.get(heading, {})
        hits = list(map(last.get, wanted, repeat(_NO_CARD)))
        deps = list(map(_first, map(_third, hits)))
        distinct = dict(zip(map(id, deps), deps, strict=True))
        good = {k: d is not _FAILED and self.checker.unchanged(d) for k, d in distinct.items()}
        keep = list(map(good.__getitem__, map(id, deps)))
        mine.update(
            zip(compress(wanted, keep), compress(hits, keep), strict=True)
        )  # keeps items alive
        for n in compress(missing, map(operator.not_, keep)):
            mine[ids[n]] = (items[n], *self.card(items[n], heading))

    def card(self, item, heading: int) -> tuple[tuple, tuple]:
        """(key, (dependencies, html)) of the item's card, rendered only if needed."""
        checker = self.checker
        key = (checker.item_key(item), heading) if checker else (id(item), heading)
        hit = self.used.get(key) or self.known.get(key)
        if hit is not None and (checker is None or key in self.used or checker.unchanged(hit[0])):
            self._pass_on(hit[0])
            self.used[key] = hit
            return key, hit
        with recording() as deps:
            template = self.env.get_template(CARD_TEMPLATE)
            html = template.render(self.common, v=item, card_heading=heading).encode()
        pairs = checker.pairs(deps.keys) if checker else tuple((k, "") for k in deps.keys)
        self._pass_on(pairs)
        hit = self.used[key] = self.made[key] = (pairs, html)
        return key, hit

    def _pass_on(self, pairs: tuple) -> None:
        """The page showing the card depends on what the card read. Cards share one
        tuple of dependencies (PageCache.pairs), so each page notes it once."""
        page = current()
        if page is not self._page:
            self._page, self._noted = page, set()
        if id(pairs) not in self._noted:
            self._noted.add(id(pairs))
            for dep, _ in pairs:
                note(dep)


def splice(html: str, holes: list[bytes]) -> bytes:
    """The page's bytes, with each hole's cards in place of its placeholder."""
    parts = []
    for number, data in enumerate(holes):
        before, found, html = html.partition(HOLE.format(number))
        if not found:  # a template changed the placeholder instead of showing it
            raise jinja2.TemplateRuntimeError(
                "vacancy_cards(...) must be shown as it is, e.g. {{ vacancy_cards(items) }}, "
                "not passed through a filter"
            )
        parts += [before.encode(), data]
    parts.append(html.encode())
    return b"".join(parts)


class Shared:
    """The `shared(name)` template global: a partial that is the same on every page (the
    footer), rendered once per build in each process instead of once per page. It sees
    the site-wide globals, not `page`; every page that shows it depends on what it read."""

    def __init__(self, env: jinja2.Environment, common: dict):
        self.env = env
        self.common = common
        self.done: dict[str, tuple[frozenset, Markup]] = {}

    def __call__(self, name: str) -> Markup:
        hit = self.done.get(name)
        if hit is None:
            with recording() as deps:
                html = Markup(self.env.get_template(name).render(self.common))
            hit = self.done[name] = (frozenset(deps.keys), html)
        for dep in hit[0]:
            note(dep)
        return hit[1]
