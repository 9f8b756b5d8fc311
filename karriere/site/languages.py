"""The site in each of its other languages (spec: "Languages").

The default language's site is built first (build.py). Each other language's site is
made from it: every item that has a translation in that language is swapped for the
translated one (the original's facts, the translation's words, a route under /<code>/);
the others stay as they are, German and linking to the German page. Lists and the home
page exist in every language; an item's page only in the languages it is written in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING

from karriere.base.recall import Recall
from karriere.content.loading import Content, Entry
from karriere.content.translations import translated
from karriere.site.model import ROUTES, Item, Page, Site
from karriere.site.network import build_network
from karriere.site.pages import plan_pages
from karriere.site.video import placed_videos

if TYPE_CHECKING:
    from collections.abc import Callable

    from karriere.config.languages import Language

# The collections whose items the network builds (network.py), not build_site.
NETWORK_KINDS = ("employers", "occupations", "events")


@dataclass(frozen=True)
class Making:
    """How build_site makes items: one (`item(entry, route, expired)`), many at once
    (`items(entries, route template, today)`, reused by identity), and which are shown."""

    item: Callable
    items: Callable
    visible: Callable


def language_sites(site: Site, content: Content, made: Making, recall: Recall) -> list[Site]:
    """The site in every language of site.yaml but the default (each joins site.family)."""
    return [
        site_in(language, site, content, made, recall)
        for language in site.settings.site_languages[1:]
    ]


def site_in(language: Language, site: Site, content: Content, made: Making, recall: Recall) -> Site:
    prefix = f"{language.code}/"
    entries = translated_entries(content, language.code, recall)
    recall = recall.part(language.code)  # this language's lists, apart from the others'

    def local_item(entry: Entry, route: str, expired: bool = False) -> Item:
        """A translated entry's item lives under /<code>/; an original's stays German."""
        return made.item(entry, prefix + route if entry.language else route, expired)

    def swap(items: list[Item], kind: str) -> list[Item]:
        """The items, each translated one in place of its original (made all at once,
        so that the preview finds last build's by identity, at C speed)."""
        found = entries.get(kind)
        if not found:
            return items
        today = site.options.today if kind == "vacancies" else None
        translated = made.items(made.visible(list(found.values())), prefix + ROUTES[kind], today)
        return recall.revised(("swapped", kind), (items, translated), _swapped, _revised_swap).items

    local = Site(
        config=site.config,
        options=site.options,
        urls=site.urls,
        vacancies=swap(site.vacancies, "vacancies"),
        stories=swap(site.stories, "stories"),
        faq=swap(site.faq, "faq"),
        pages_content=swap(site.pages_content, "pages"),
        posts=site.posts,  # German only: shown as published (content/posts.py)
        language=language,
        family=site.family,
    )
    in_language = Content(
        {
            kind: [entries.get(kind, {}).get(e.slug, e) for e in content[kind]]
            for kind in NETWORK_KINDS
        }
    )
    # BITV § 4 sections are German only: listed in every language's header, planned only
    # in the default language (localized_page drops their pages).
    local.easy_read, local.sign_language = site.easy_read, site.sign_language
    local.network = build_network(local, in_language, local_item, made.visible, recall)
    local.videos = placed_videos(local, recall)
    pages = recall.many(localized_page, plan_pages(local, recall), prefix, language.code)
    local.pages = [page for page in pages if page is not None]
    return local


@dataclass(frozen=True)
class Swapped:
    """A list of items with the translated ones in place, and where each of those is."""

    items: list[Item]
    places: dict[str, int]  # slug -> place of its translated item


def _swapped(items: list[Item], translated: list[Item]) -> Swapped:
    by_slug = dict(zip(map(_slug, translated), translated, strict=True))
    swapped = list(map(by_slug.get, map(_slug, items), items))
    places = {_slug(item): n for n, item in enumerate(items) if _slug(item) in by_slug}
    return Swapped(swapped, places)


def _revised_swap(last: Swapped, lists: tuple, before: tuple, places: list) -> Swapped | None:
    """Last build's list with the changed items put in; None (made anew) when a changed
    place holds another slug."""
    items, translated = lists
    swapped = list(last.items)
    for n in places[0]:
        if _slug(items[n]) != _slug(before[0][n]):
            return None
        if _slug(items[n]) not in last.places:
            swapped[n] = items[n]
    for n in places[1]:
        slug = _slug(translated[n])
        if slug != _slug(before[1][n]) or slug not in last.places:
            return None
        swapped[last.places[slug]] = translated[n]
    return Swapped(swapped, last.places)


def translated_entries(content: Content, code: str, recall: Recall) -> dict[str, dict[str, Entry]]:
    """kind -> slug -> the entry of each translation into `code` (facts and words).
    After an edit, last build's are revised where an original or a translation changed."""
    found: dict[str, dict[str, Entry]] = {}
    for kind, translations in content.translations.items():
        if not any(t.language == code for t in translations):
            continue
        pairing = recall.revised(
            ("translated", kind, code),
            (content[kind], translations),
            partial(_pairs, code=code, recall=recall),
            partial(_revised_pairs, code=code),
        )
        found[kind] = pairing.merged
    return found


@dataclass(frozen=True)
class Pairing:
    """The translations into one language of one collection: slug -> (original,
    translation), and slug -> the two put together."""

    pairs: dict[str, tuple[Entry, Entry]]
    merged: dict[str, Entry]


def _pairs(originals: list[Entry], translations: list[Entry], code: str, recall: Recall) -> Pairing:
    by_slug = dict(zip(map(_entry_slug, originals), originals, strict=True))
    mine = [t for t in translations if t.language == code and t.slug in by_slug]
    first = list(map(by_slug.__getitem__, map(_entry_slug, mine)))
    merged = recall.pairs(translated, first, mine, key=code)
    slugs = list(map(_entry_slug, mine))
    return Pairing(
        dict(zip(slugs, zip(first, mine, strict=True), strict=True)),
        dict(zip(slugs, merged, strict=True)),
    )


def _revised_pairs(last: Pairing, lists: tuple, before: tuple, places: list, code: str):
    """Last build's pairing with the changed originals and translations put together
    again; None (made anew) when a changed place holds another slug or language."""
    pairs, merged = dict(last.pairs), dict(last.merged)
    for n in places[0]:
        original = lists[0][n]
        if original.slug != before[0][n].slug:
            return None
        if original.slug in pairs:
            translation = pairs[original.slug][1]
            pairs[original.slug] = (original, translation)
            merged[original.slug] = translated(original, translation)
    for n in places[1]:
        translation, old = lists[1][n], before[1][n]
        if (translation.slug, translation.language) != (old.slug, old.language):
            return None
        if translation.language == code:
            if translation.slug not in pairs:
                return None
            original = pairs[translation.slug][0]
            pairs[translation.slug] = (original, translation)
            merged[translation.slug] = translated(original, translation)
    return Pairing(pairs, merged)


def localized_page(page: Page, prefix: str, code: str) -> Page | None:
    """A page of the default language's plan as this language's page: under /<code>/,
    with its breadcrumbs there too. None for a page that is not written in it (an
    untranslated item's page, which only the German site has) and for 404.html."""
    if page.item is not None and not page.item.entry.language:
        return None
    if page.route.endswith(".html"):
        return None  # one 404.html serves every language (hosts send it for any path)
    route = page.route if page.item is not None else prefix + page.route
    crumbs = [(title, prefix + target) for title, target in page.breadcrumbs]
    return replace(page, route=route, breadcrumbs=crumbs, language=code)


# Pages that are German whatever the language (BITV § 4), outside the hreflang set.
OUTSIDE_LANGUAGES = frozenset({"404", "easy_read", "sign_language"})


def with_alternates(pages: list[Page], languages: list[Language], recall: Recall) -> list[Page]:
    """Every page with the routes of itself in each language it exists in (hreflang).
    After an edit that left every route as it was, only the changed pages are made
    again; when a page came or went, all of them (from last build's where unchanged)."""
    codes = tuple(language.code for language in languages)
    prefixes = {codes[0]: ""} | {code: f"{code}/" for code in codes[1:]}
    return recall.revised(
        ("alternates", codes),
        (pages,),
        partial(_all_alternated, prefixes=prefixes, recall=recall),
        partial(_revised_alternates, prefixes=prefixes),
    ).pages


@dataclass(frozen=True)
class Alternated:
    pages: list[Page]
    at: frozenset[str]  # every page's route


def _all_alternated(pages: list[Page], prefixes: dict, recall: Recall) -> Alternated:
    at = frozenset(map(_route, pages))
    key = (tuple(prefixes), at)
    return Alternated(recall.many(_alternated, pages, key=key, prefixes=prefixes, at=at), at)


def _revised_alternates(last: Alternated, lists, before, places, prefixes) -> Alternated | None:
    pages = list(last.pages)
    for n in places[0]:
        if lists[0][n].route != before[0][n].route:
            return None  # a page moved: others' alternates may change
        pages[n] = _alternated(lists[0][n], prefixes, last.at)
    return Alternated(pages, last.at)


def _alternated(page: Page, prefixes: dict[str, str], at: frozenset) -> Page:
    if page.kind in OUTSIDE_LANGUAGES:
        return page
    own = prefixes[page.language] if page.language else ""
    base = page.route.removeprefix(own)
    found = tuple((code, p + base) for code, p in prefixes.items() if p + base in at)
    return replace(page, alternates=found) if len(found) > 1 else page


_route = attrgetter("route")
_slug = attrgetter("entry.slug")  # of an item
_entry_slug = attrgetter("slug")
