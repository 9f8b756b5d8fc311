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
from typing import NamedTuple, Protocol

import jinja2
from markupsafe import Markup

from karriere.base.deps import current, note, recording
from karriere.base.messages import say
from karriere.base.recall import changed_places

CARD_TEMPLATE = "partials/vacancy_card.html"
_first, _second, _third = (operator.itemgetter(n) for n in range(3))
# The NUL character never reaches a page otherwise (cmark-gfm and YAML's parser turn it
# away), so the placeholder cannot be mistaken for anything an editor wrote.
HOLE = "\x00karriere-cards-{}\x00"


class Checker(Protocol):
    """What the incremental engine offers (engine.PageCache); None without it."""

    base: str
    fragments: dict  # last build's cards: key -> (deps, html)
    # Cards.ids and Cards.calls of the last build in this process under the same base
    card_ids: dict
    card_calls: dict
    keeps_cards: bool  # True: `fragments` lives on in this process and is this build's too

    def item_key(self, item) -> str: ...
    def pairs(self, keys) -> tuple: ...
    def unchanged(self, pairs: tuple) -> bool: ...


class Call(NamedTuple):
    """One vacancy_cards(...) of a page, as the next build may find it again."""

    items: list
    found: list  # (item, key, (deps, html)) of each item
    data: list[bytes]  # each card's html
    deps: dict  # id(deps) -> deps, the distinct ones


class Cards:
    """The `vacancy_cards(items, heading)` template global, with its store."""

    def __init__(self, env: jinja2.Environment, common: dict, checker: Checker | None):
        self.env = env
        self.common = common
        self.checker = checker
        self.known: dict = checker.fragments if checker is not None else {}
        keeps = checker is not None and checker.keeps_cards
        self.used: dict = self.known if keeps else {}  # what this build showed
        self.made: dict = {}  # rendered in this process during this build
        self._page = None  # the recorder of the page being rendered
        self._noted: set[int] = set()  # dependency tuples already passed on to it
        # heading -> {id(item): (item, key, hit)}: last build's too (its deps checked on use)
        self.ids: dict[int, dict] = checker.card_ids if checker is not None else {}
        self.last_calls: dict = checker.card_calls if checker is not None else {}
        # (page, hole, heading) -> Call: this build's, and last build's of the pages it
        # keeps (they are rendered again later, after another save)
        self.calls: dict[tuple, Call] = dict(self.last_calls)
        self.page_path = ""  # the page being rendered
        self.holes: list[bytes] = []  # the page being rendered: the bytes of each hole
        self.language: tuple = ()  # (code,) for the cards of another language (sibling)

    def sibling(self, env: jinja2.Environment, common: dict, code: str) -> Cards:
        """The cards of another language: rendered with its environment and words, kept
        in the same store under keys of their own (a German item listed on an English
        page gets the English words around it)."""
        other = Cards.__new__(Cards)
        other.__dict__.update(self.__dict__)
        other.env, other.common, other.language = env, common, (code,)
        other.made, other.holes, other._noted, other._page = {}, [], set(), None
        return other

    def begin_page(self, path: str) -> None:
        self.page_path = path
        self.made.clear()
        self.holes.clear()

    def __call__(self, items, heading: int = 3) -> Markup:
        return self._hole(self._cards(items, heading))

    def _hole(self, data: bytes) -> Markup:
        self.holes.append(data)
        return Markup(HOLE.format(len(self.holes) - 1))

    def _cards(self, items, heading: int) -> bytes:
        if self.checker is None:
            return b"".join([self.card(v, heading)[1][1] for v in items])
        slot = (self.page_path, len(self.holes), heading)  # (the path tells the language)
        call = self._again(self.last_calls.get(slot), items, heading)
        if call is None:
            call = self._call(items, heading)
        self.calls[slot] = call
        if self.used is not self.known:
            self.used.update(zip(map(_second, call.found), map(_third, call.found), strict=True))
        for pairs in call.deps.values():
            self._pass_on(pairs)
        return b"".join(call.data)

    def _again(self, last: Call | None, items, heading: int) -> Call | None:
        """Last build's call of the same page, if the same items are in the same places
        but for a few, and what its cards read is unchanged: those few are looked up, the
        rest is reused without a lookup each (the preview, after one edit)."""
        if last is None or len(last.items) != len(items):
            return None
        if not all(map(self.checker.unchanged, last.deps.values())):
            return None
        at = changed_places(items, last.items)
        if at is None:
            return None
        new = self._call([items[n] for n in at], heading)
        found, data = list(last.found), list(last.data)
        for n, f, d in zip(at, new.found, new.data, strict=True):
            found[n], data[n] = f, d
        return Call(list(items), found, data, {**last.deps, **new.deps})

    def _call(self, items, heading: int) -> Call:
        """Each item's card: by identity from this build or the last, where what it read is
        unchanged (checked once per distinct list of dependencies), else by key (card)."""
        mine = self.ids.setdefault((heading, *self.language) if self.language else heading, {})
        found = list(map(mine.get, map(id, items)))
        deps = list(map(_first, map(_third, filter(None, found))))
        distinct = dict(zip(map(id, deps), deps, strict=True))
        stale = {k for k, d in distinct.items() if not self.checker.unchanged(d)}
        if None in found or stale:
            for n, f in enumerate(found):
                if f is None or id(f[2][0]) in stale:
                    found[n] = mine[id(items[n])] = (items[n], *self.card(items[n], heading))
        cards = list(map(_third, found))
        deps = list(map(_first, cards))
        distinct = dict(zip(map(id, deps), deps, strict=True))
        return Call(list(items), found, list(map(_second, cards)), distinct)

    def prune(self) -> None:
        """After the pages are rendered: let go of the items of earlier builds that no
        list shows any more, once they pile up (each edit adds one). A table is measured
        against all the items the lists show, not one list: a paginated list is many
        short calls, and each table holds the items of all of them."""
        shown_count = sum(len(call.items) for call in self.calls.values())
        big = [mine for mine in self.ids.values() if len(mine) > 2 * shown_count + 64]
        if not big:
            return
        shown: set[int] = set()
        for call in self.calls.values():
            shown.update(map(id, call.items))
        for mine in big:
            for key in [k for k in mine if k not in shown]:
                del mine[key]

    def card(self, item, heading: int) -> tuple[tuple, tuple]:
        """(key, (dependencies, html)) of the item's card, rendered only if needed."""
        checker = self.checker
        key = (checker.item_key(item) if checker else id(item), heading, *self.language)
        hit = self.used.get(key) or self.known.get(key)
        if hit is not None and (checker is None or checker.unchanged(hit[0])):
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
                say(
                    "vacancy_cards(...) must be shown as it is, e.g. "
                    "{{{{ vacancy_cards(items) }}}}, not passed through a filter"
                )
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
