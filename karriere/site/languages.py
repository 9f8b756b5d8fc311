"""The site in each of its other languages (spec: "Languages").

The default language's site is built first (build.py). Each other language's site is
made from it: every item that has a translation in that language is swapped for the
translated one (the original's facts, the translation's words, a route under /<code>/);
the others stay as they are, German and linking to the German page. Lists and the home
page exist in every language; an item's page only in the languages it is written in.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from karriere.base.recall import Recall
from karriere.content.loading import Content, Entry
from karriere.content.translations import translated
from karriere.site.model import Item, Page, Site
from karriere.site.network import build_network
from karriere.site.pages import plan_pages
from karriere.site.video import placed_videos

if TYPE_CHECKING:
    from collections.abc import Callable

    from karriere.config.languages import Language

# The collections whose items the network builds (network.py), not build_site.
NETWORK_KINDS = ("employers", "occupations", "events")


def language_sites(
    site: Site, content: Content, item: Callable, visible: Callable, recall: Recall
) -> list[Site]:
    """The site in every language of site.yaml but the default (each joins site.family)."""
    return [
        site_in(language, site, content, item, visible, recall)
        for language in site.settings.site_languages[1:]
    ]


def site_in(
    language: Language, site: Site, content: Content, item: Callable, visible: Callable,
    recall: Recall,
) -> Site:  # fmt: skip
    prefix = f"{language.code}/"
    entries = translated_entries(content, language.code, recall)

    def local_item(entry: Entry, route: str, expired: bool = False) -> Item:
        """A translated entry's item lives under /<code>/; an original's stays German."""
        return item(entry, prefix + route if entry.language else route, expired)

    def swap(items: list[Item], kind: str) -> list[Item]:
        found = entries.get(kind, {})
        if not found:
            return items
        return [
            local_item(found[i.slug], i.route, i.expired) if i.slug in found else i for i in items
        ]

    local = Site(
        config=site.config,
        options=site.options,
        urls=site.urls,
        vacancies=swap(site.vacancies, "vacancies"),
        stories=swap(site.stories, "stories"),
        faq=swap(site.faq, "faq"),
        pages_content=swap(site.pages_content, "pages"),
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
    local.network = build_network(local, in_language, local_item, visible, recall)
    local.videos = placed_videos(local, recall)
    pages = recall.many(localized_page, plan_pages(local, recall), prefix, language.code)
    local.pages = [page for page in pages if page is not None]
    return local


def translated_entries(content: Content, code: str, recall: Recall) -> dict[str, dict[str, Entry]]:
    """kind -> slug -> the entry of each translation into `code` (facts and words)."""
    found: dict[str, dict[str, Entry]] = {}
    for kind, translations in content.translations.items():
        mine = [t for t in translations if t.language == code]
        if not mine:
            continue
        originals = {entry.slug: entry for entry in content[kind]}
        found[kind] = {
            t.slug: recall(translated, originals[t.slug], t) for t in mine if t.slug in originals
        }
    return found


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
    """Every page with the routes of itself in each language it exists in (hreflang)."""
    default = languages[0].code
    prefixes = {default: ""} | {language.code: f"{language.code}/" for language in languages[1:]}
    at = {page.route for page in pages}
    result = []
    for page in pages:
        if page.kind in OUTSIDE_LANGUAGES:
            result.append(page)
            continue
        base = page.route.removeprefix(prefixes[page.language or default])
        found = tuple(
            (code, prefix + base) for code, prefix in prefixes.items() if prefix + base in at
        )
        if len(found) < 2:
            result.append(page)
            continue
        key = "\x1f".join(route for _, route in found)
        result.append(recall(_alternated, page, key=key, alternates=found))
    return result


def _alternated(page: Page, alternates: tuple) -> Page:
    return replace(page, alternates=alternates)
