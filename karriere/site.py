"""Stage 3: the site model. Decides which pages exist, their URLs and what each lists.

Everything date-dependent (open or expired) is decided here, from BuildOptions.today,
so the render stage only has to show what it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from html import unescape
from itertools import compress
from operator import attrgetter, not_
from urllib.parse import urlsplit

from .cache import note
from .config import Config
from .content import Content, Entry
from .errors import BuildError, Problem
from .markdown import MarkdownRenderer
from .network import Network, build_network, plan_network_pages
from .packed import unpack
from .recall import Recall

LEGAL_PAGES = ("impressum", "datenschutz", "barrierefreiheit")


@dataclass(frozen=True)
class BuildOptions:
    today: date
    base_url: str  # absolute, ends with '/'
    drafts: bool = False
    preview: bool = False  # live preview: show expired vacancies and drafts, marked


@dataclass(frozen=True)
class Urls:
    """Every URL the site prints comes from here, so sub-paths work everywhere."""

    base_url: str

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def path(self, route: str) -> str:
        """Root-relative URL, e.g. '/karriere/stellen/'."""
        return self.base_path + route.lstrip("/")

    def absolute(self, route: str) -> str:
        return self.base_url + route.lstrip("/")


@dataclass
class Item:
    """An entry as it appears on the site: with its URL, HTML and status."""

    entry: Entry
    route: str  # e.g. 'stellen/kfz-mechatroniker/'
    # The body as HTML, packed (packed.py): see `html`. Not compared, like the entry's body.
    packed_html: bytes = field(compare=False)
    expired: bool = False

    @property
    def html(self) -> str:
        """Noted as read: a page or card that shows the body depends on it (a list of
        cards that shows only front matter is not made again when a body changes)."""
        note(("body", self.entry.source))
        return unpack(self.packed_html)

    @property
    def meta(self):
        return self.entry.meta

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def draft(self) -> bool:
        return bool(getattr(self.entry.meta, "draft", False))


@dataclass
class Page:
    """One HTML file of the output."""

    route: str  # '' for the home page, 'stellen/x/', or a file name like '404.html'
    template: str
    kind: str
    title: str
    description: str
    item: Item | None = None
    items: list[Item] = field(default_factory=list)
    heading: str | None = None
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)  # (title, route)
    in_sitemap: bool = True
    noindex: bool = False
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Not a field (fingerprints and comparisons skip it); asked for very often.
        self.output_path = self.route if self.route.endswith(".html") else self.route + "index.html"


@dataclass
class Site:
    config: Config
    options: BuildOptions
    urls: Urls
    vacancies: list[Item]  # every vacancy that gets a page, newest first
    stories: list[Item]
    faq: list[Item]
    pages_content: list[Item]
    pages: list[Page] = field(default_factory=list)
    network: Network | None = None  # employers, occupations, events (karriere/network.py)
    videos: list = field(default_factory=list)  # where each video is (video.placed_videos)

    @property
    def settings(self):
        return self.config.settings

    @cached_property
    def open_vacancies(self) -> list[Item]:
        """Asked for by every listing, the feed and the network pages: made once (the
        vacancies never change once the site is built). Read it, never change it."""
        return list(compress(self.vacancies, map(not_, map(_expired, self.vacancies))))

    @property
    def listed_vacancies(self) -> list[Item]:
        """What listings show: open vacancies; in the live preview expired ones too, marked."""
        return list(self.vacancies) if self.options.preview else self.open_vacancies

    @property
    def categories(self) -> dict[str, str]:
        return self.settings.categories

    def page_at(self, route: str) -> Page | None:
        """The page with this route ('' is the home page)."""
        return self._pages_by_route.get(route)

    @cached_property
    def _pages_by_route(self) -> dict[str, Page]:  # not a field: fingerprints skip it
        return {page.route: page for page in self.pages}

    def menu(self, name: str) -> list[Item]:
        found = [p for p in self.pages_content if p.meta.menu == name]
        return sorted(found, key=lambda p: (p.meta.order, p.meta.title))

    def legal(self) -> dict[str, Item | None]:
        by_slug = {p.slug: p for p in self.pages_content}
        return {slug: by_slug.get(slug) for slug in LEGAL_PAGES}

    def faq_groups(self) -> list[tuple[str, list[Item]]]:
        groups: dict[str, list[Item]] = {}
        for item in self.faq:
            groups.setdefault(item.meta.category or "Allgemein", []).append(item)
        return list(groups.items())


def is_open(vacancy, today: date) -> bool:
    """A deadline is inclusive: applications are accepted all day long."""
    return vacancy.deadline is None or vacancy.deadline >= today


def build_site(
    config: Config,
    content: Content,
    options: BuildOptions,
    markdown=None,
    recall: Recall | None = None,
) -> Site:
    """`markdown` (anything with .convert_packed(body)) replaces the renderer, e.g. by a cache;
    `recall` gives back the previous build's items and pages made from the same objects."""
    from .video import placed_videos  # (video.py reads the site model)

    recall = recall or Recall()
    renderer = markdown or MarkdownRenderer(
        Urls(options.base_url).base_path, config.settings.trusted_html
    )

    def visible(entries: list[Entry]) -> list[Entry]:
        show_drafts = options.drafts or options.preview
        return [e for e in entries if show_drafts or not getattr(e.meta, "draft", False)]

    def item(entry: Entry, route: str, expired: bool = False) -> Item:
        return recall(Item, entry, route, renderer.convert_packed(entry.packed_body), expired)

    def items(kind: str, route: str, today: date | None = None) -> list[Item]:
        md_key = getattr(renderer, "key", "")  # the engine's: code, site.yaml, base path
        found = visible(content[kind])
        return recall.many(make_item, found, route, today, md_key, renderer=renderer)

    vacancies = in_order(recall, items("vacancies", "stellen/{}/", options.today), newest_first)
    stories = in_order(recall, items("stories", "geschichten/{}/"), story_order)
    faq = in_order(recall, items("faq", "faq/#{}"), faq_order)
    pages = items("pages", "{}/")
    site = Site(
        config=config,
        options=options,
        urls=Urls(options.base_url),
        vacancies=vacancies,
        stories=stories,
        faq=faq,
        pages_content=pages,
    )
    site.network = build_network(site, content, item, visible, recall)
    site.videos = placed_videos(site, recall)
    site.pages = plan_pages(site, recall)
    collisions = route_collisions(site.pages, recall)
    if collisions:
        raise BuildError(collisions)
    return site


def make_item(entry: Entry, route: str, today: date | None, md_key: str, renderer) -> Item:
    """The item of an entry; `today` for vacancies only (they expire), else None."""
    del md_key  # a key of the renderer's output: recall compares it
    expired = today is not None and not is_open(entry.meta, today)
    html = renderer.convert_packed(entry.packed_body)
    return Item(entry, route.format(entry.slug), html, expired)


def in_order(recall: Recall, items: list[Item], order) -> list[Item]:
    """Items sorted by `order(item)`; the sort keys are remembered item by item."""
    return recall.sort(order, items, recall.many(order, items))


def newest_first(v: Item) -> tuple:
    return (-v.meta.posted.toordinal(), v.meta.title)


def story_order(s: Item) -> tuple:
    return (-s.meta.date.toordinal(), s.meta.title)


def faq_order(f: Item) -> tuple:
    return (f.meta.order, f.meta.question)


def route_collisions(pages: list[Page], recall: Recall | None = None) -> list[Problem]:
    """An editor's file whose address is already taken (case-insensitive hosts included)."""
    lowered = (recall or Recall()).many(_lowered_path, pages)
    if len(set(lowered)) == len(pages):
        return []  # the common case, checked at C speed
    seen: dict[str, Page] = {}
    problems = []
    for page in pages:
        first = seen.setdefault(page.output_path.lower(), page)
        if first is page or page.item is None:
            continue
        taken_by = first.item.entry.source if first.item else f"the page '{first.title}'"
        problems.append(
            Problem(
                page.item.entry.source,
                1,
                f"its address /{page.route} is already taken by {taken_by} "
                "(expected another file name)",
            )
        )
    return problems


def _lowered_path(page: Page) -> str:
    return page.output_path.lower()


_category_of = attrgetter("entry.meta.category")
_expired = attrgetter("expired")


def plan_pages(site: Site, recall: Recall) -> list[Page]:
    """Every HTML page of the site, in a stable order. An item's own page depends only on
    the item and the words of the language, so `recall` hands back last build's."""
    from . import strings

    t = strings.load(site.settings.language)
    settings = site.settings
    open_vacancies = site.listed_vacancies
    home_description = settings.description or t["home_description"].format(
        organisation=settings.organisation.name
    )
    pages = [
        Page("", "home.html", "home", settings.title, home_description, items=open_vacancies),
        Page(
            "stellen/",
            "vacancy_list.html",
            "vacancy_list",
            t["vacancies"],
            t["vacancies_description"].format(organisation=settings.organisation.name),
            items=open_vacancies,
            breadcrumbs=[(t["home"], "")],
        ),
    ]
    # Every category is known (content.check_references). Each vacancy's is looked up
    # by identity (recall): reading it from 10,000 objects is slower than the grouping.
    in_category: dict[str, list[Item]] = {key: [] for key in site.categories}
    for key, v in zip(recall.many(_category_of, open_vacancies), open_vacancies, strict=True):
        in_category[key].append(v)
    for key, label in site.categories.items():
        pages.append(
            Page(
                f"stellen/kategorie/{key}/",
                "vacancy_list.html",
                "category",
                f"{label}: {t['vacancies']}",
                t["category_description"].format(
                    category=label, organisation=settings.organisation.name
                ),
                items=in_category[key],
                heading=label,
                breadcrumbs=[(t["home"], ""), (t["vacancies"], "stellen/")],
                extra={"category": key},
            )
        )
    pages += recall.many(vacancy_page, site.vacancies, t)
    pages.append(
        Page(
            "geschichten/",
            "story_list.html",
            "story_list",
            t["stories"],
            t["stories_description"].format(organisation=settings.organisation.name),
            items=site.stories,
            breadcrumbs=[(t["home"], "")],
        )
    )
    pages += recall.many(story_page, site.stories, t)
    pages.append(
        Page(
            "faq/",
            "faq.html",
            "faq",
            t["faq"],
            t["faq_description"].format(organisation=settings.organisation.name),
            items=site.faq,
            breadcrumbs=[(t["home"], "")],
        )
    )
    pages += recall.many(content_page, site.pages_content, t)
    pages.extend(plan_network_pages(site, t, recall))
    pages.append(
        Page(
            "404.html",
            "404.html",
            "404",
            t["not_found"],
            t["not_found_text"],
            in_sitemap=False,  # hosts answer it with status 404, which already keeps it unindexed
        )
    )
    return pages


def item_page(item: Item, template: str, title: str, description: str, crumbs: list) -> Page:
    """An entry's own page: a draft is kept out of the sitemap and search engines; an
    expired vacancy only out of the sitemap (its page stays findable and points on)."""
    hidden = item.draft or item.expired
    return Page(
        item.route, template, template.removesuffix(".html"), title, description, item=item,
        breadcrumbs=crumbs, in_sitemap=not hidden, noindex=item.draft,
    )  # fmt: skip


def vacancy_page(v: Item, t: dict) -> Page:
    description = v.meta.summary or first_sentence_of(v) or v.meta.title
    crumbs = [(t["home"], ""), (t["vacancies"], "stellen/")]
    return item_page(v, "vacancy.html", v.meta.title, description, crumbs)


def story_page(s: Item, t: dict) -> Page:
    description = s.meta.summary or s.meta.quote or first_sentence_of(s)
    crumbs = [(t["home"], ""), (t["stories"], "geschichten/")]
    return item_page(s, "story.html", s.meta.title, description, crumbs)


def content_page(p: Item, t: dict) -> Page:
    description = p.meta.summary or first_sentence_of(p) or p.meta.title
    return item_page(p, "page.html", p.meta.title, description, [(t["home"], "")])


DESCRIPTION_LIMIT = 160  # characters of a page's description made from its body
# first_sentence_packed() of packed HTML, by its bytes: the same HTML comes again in every
# rebuild of the preview, and a cold build's parse workers send theirs (a pure memo).
_descriptions: dict[tuple[bytes, int], str] = {}


def first_sentence_of(item: Item, limit: int = DESCRIPTION_LIMIT) -> str:
    """first_sentence(item.html), mostly from the start of the HTML alone."""
    found = _descriptions.get((item.packed_html, limit))
    if found is None:
        found = first_sentence_packed(item.packed_html, limit)
        remember_description(item.packed_html, found, limit)
    return found


def remember_description(packed: bytes, text: str, limit: int = DESCRIPTION_LIMIT) -> None:
    """`text` is first_sentence_packed(packed, limit), e.g. from a parse worker."""
    if len(_descriptions) >= 1 << 16:  # a long preview session: start again
        _descriptions.clear()
    _descriptions[packed, limit] = text


def known_description(packed: bytes, limit: int = DESCRIPTION_LIMIT) -> str | None:
    return _descriptions.get((packed, limit))


def first_sentence_packed(packed: bytes, limit: int) -> str:
    """first_sentence() of packed HTML, mostly from its start: most bodies say enough in
    their first few hundred characters. Cut after a '>', so that no tag or entity is
    split: the text of that part is the start of the whole."""
    html = unpack(packed)
    end = html.find(">", 4 * limit)
    if end > 0:
        text = _plain_text(html[: end + 1])
        if len(text) > limit:
            return _cut(text, limit)
    return first_sentence(html, limit)


def first_sentence(html: str, limit: int = 160) -> str:
    """A plain-text description from rendered HTML, cut at a word boundary."""
    text = _plain_text(html)
    return text if len(text) <= limit else _cut(text, limit)


def _cut(text: str, limit: int) -> str:
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


_TAG = re.compile(r"<[^>]+>")


def _plain_text(html: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", html)).split())
