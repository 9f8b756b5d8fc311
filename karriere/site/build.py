"""Stage 3: the site model. Turns entries into items, decides which are open or expired
(from BuildOptions.today) and in what order lists show them, so the render stage only
shows what it is given."""

from __future__ import annotations

from datetime import date
from itertools import chain
from typing import TYPE_CHECKING

from karriere.base.errors import BuildError, Problem
from karriere.base.messages import say
from karriere.base.recall import Recall
from karriere.config.settings import Config
from karriere.content.front_matter import SECTION_KINDS
from karriere.content.loading import Content, Entry
from karriere.content.markdown import MarkdownRenderer
from karriere.content.translations import original_source
from karriere.site.languages import Making, language_sites, with_alternates
from karriere.site.model import ROUTES, Item, Site, Urls, is_open
from karriere.site.network import build_network
from karriere.site.pages import plan_pages
from karriere.site.pay import PAY_KINDS, pay_problems
from karriere.site.sign_video import unreadable_problems
from karriere.site.video import placed_videos

if TYPE_CHECKING:
    from karriere.site.model import BuildOptions, Page


def build_site(
    config: Config,
    content: Content,
    options: BuildOptions,
    markdown=None,
    recall: Recall | None = None,
    dates: dict[str, date] | None = None,
) -> Site:
    """`markdown` (anything with .convert_packed(body)) replaces the renderer, e.g. by a cache;
    `recall` gives back the previous build's items and pages made from the same objects;
    `dates`: each content file's last commit day (base/git_dates.py), for `updated`."""
    recall = recall or Recall()
    dates = dates if dates is not None else {}
    # Whether `updated` lies ahead and which pay table is valid depend on the day:
    # checked every build (site/pay.py)
    problems = day_problems(content, config, options.today, recall)
    if problems:
        raise BuildError(problems)
    renderer = markdown or MarkdownRenderer(
        Urls(options.base_url).base_path, config.settings.trusted_html
    )

    def visible(entries: list[Entry]) -> list[Entry]:
        if options.drafts or options.preview:
            return entries  # (the very list: recall knows where it changed)
        kind = (entries[0].kind, entries[0].language) if entries else None
        return recall.kept(published, entries, key=kind)

    def item(entry: Entry, route: str, expired: bool = False) -> Item:
        return recall(Item, entry, route, renderer.convert_packed(entry.packed_body), expired)

    def items_of(entries: list[Entry], route: str, today: date | None = None) -> list[Item]:
        md_key = getattr(renderer, "key", "")  # the engine's: code, site.yaml, base path
        known = dates if today is not None else None  # (only vacancies have `updated`)
        return recall.many(make_item, entries, route, today, known, key=md_key, renderer=renderer)

    def items(kind: str, route: str, today: date | None = None) -> list[Item]:
        return items_of(visible(content[kind]), route, today)

    vacancies = in_order(  # every list shows them in this order (site.yaml `sort`)
        recall,
        items("vacancies", ROUTES["vacancies"], options.today),
        VACANCY_ORDERS[config.settings.sort],
    )
    stories = in_order(recall, items("stories", ROUTES["stories"]), story_order)
    faq = in_order(recall, items("faq", ROUTES["faq"]), faq_order)
    pages = items("pages", ROUTES["pages"])
    posts = in_order(recall, items("posts", ROUTES["posts"]), post_order)
    site = Site(
        config=config,
        options=options,
        urls=Urls(options.base_url),
        vacancies=vacancies,
        stories=stories,
        faq=faq,
        pages_content=pages,
        posts=posts,
    )
    # (Site.open_vacancies, made with recall: after an edit, mended at the changed places)
    site.open_vacancies = recall.kept(not_expired, vacancies)
    site.easy_read = section(recall, items("leichte-sprache", "leichte-sprache/{}/"))
    site.sign_language = section(recall, items("gebaerdensprache", "gebaerdensprache/{}/"))
    site.network = build_network(site, content, item, visible, recall)
    site.videos = placed_videos(site, recall)
    unreadable = unreadable_problems(site)
    if unreadable:
        raise BuildError(unreadable)
    site.pages = plan_pages(site, recall)
    made = Making(item, items_of, visible)
    local_sites = language_sites(site, content, made, recall)
    if local_sites:
        site.pages = recall.chained("languages", [site.pages, *(s.pages for s in local_sites)])
    if len(site.family) > 1:
        site.pages = with_alternates(site.pages, site.settings.site_languages, recall)
    collisions = route_collisions(site.pages, recall)
    if collisions:
        raise BuildError(collisions)
    return site


def make_item(entry: Entry, route: str, today: date | None, dates: dict | None, renderer) -> Item:
    """The item of an entry; `today` and `dates` for vacancies only (they expire and
    have `updated`), else None."""
    expired = today is not None and not is_open(entry.meta, today)
    html = renderer.convert_packed(entry.packed_body)
    route = route.format(entry.slug)
    if entry.kind in SECTION_KINDS and entry.slug == "index":
        route = route.removesuffix("index/")  # the section's start: /leichte-sprache/
    updated = last_change(entry, today, dates) if today is not None else None
    return Item(entry, route, html, expired, updated)


def published(entry: Entry) -> bool:
    return not getattr(entry.meta, "draft", False)


def not_expired(vacancy: Item) -> bool:
    return not vacancy.expired


def last_change(entry: Entry, today: date, dates: dict | None) -> date:
    """A vacancy's `updated`: as written; else the day of the last commit that changed its
    file (or, for a translation, its original), kept between `posted` and the build date
    (a commit dated after it would be news from the future); else `posted`."""
    m = entry.meta
    if m.updated is not None:
        return m.updated
    sources = {entry.source, original_source(entry.source)} if entry.language else {entry.source}
    committed = max((dates.get(s, date.min) for s in sources), default=date.min) if dates else None
    if not committed or committed == date.min:
        return m.posted
    return max(m.posted, min(committed, today))


def day_problems(content: Content, config: Config, today: date, recall: Recall) -> list[Problem]:
    """What is wrong on the build day: an `updated` ahead of it, a pay table without a
    period on it. Asked of each entry again only when it or the day changed (the preview
    rebuilds after every save)."""
    tables = config.pay_tables
    entries = recall.chained("day_problems", [content[kind] for kind in PAY_KINDS])  # vacancies too
    found = recall.many(
        _day_problems, entries, key=(today, tables.digest), today=today, tables=tables
    )
    return list(chain.from_iterable(filter(None, found)))


def _day_problems(entry: Entry, today: date, tables) -> list[Problem]:
    found = pay_problems(tables, [entry], today)
    return found + updated_problems([entry], today) if entry.kind == "vacancies" else found


def updated_problems(vacancies: list[Entry], today: date) -> list[Problem]:
    """`updated` after the build date: a typo, or a change that has not happened yet."""
    found = []
    for entry in vacancies:
        updated = entry.meta.updated
        if updated is not None and updated > today:
            message = say(
                "updated: {updated} is after the build date {today} (expected the day "
                "of the last change, not a future one)",
                updated=updated.isoformat(), today=today.isoformat(),
            )  # fmt: skip
            found.append(Problem(entry.source, entry.field_lines.get("updated", 1), message))
    return found


def section(recall: Recall, items: list[Item]) -> list[Item]:
    """A § 4 section's pages: its start page (index.md) first, then by order and title."""
    return in_order(recall, items, section_order)


def section_order(p: Item) -> tuple:
    return (p.slug != "index", p.meta.order, p.meta.title)


def in_order(recall: Recall, items: list[Item], order) -> list[Item]:
    """Items sorted by `order(item)`; the sort keys are remembered item by item."""
    return recall.sort(order, items, recall.many(order, items))


def newest_first(v: Item) -> tuple:
    return (-v.meta.posted.toordinal(), v.meta.title, v.slug)


def deadline_first(v: Item) -> tuple:
    """The nearest deadline first; "open until filled" (no deadline) last."""
    deadline = v.meta.deadline.toordinal() if v.meta.deadline else date.max.toordinal()
    return (deadline, *newest_first(v))


VACANCY_ORDERS = {"newest": newest_first, "deadline": deadline_first}  # site.yaml `sort`


def story_order(s: Item) -> tuple:
    return (-s.meta.date.toordinal(), s.meta.title)


def post_order(p: Item) -> tuple:
    """Newest first, as on the platforms."""
    return (-p.meta.date.toordinal(), p.slug)


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
        taken_by = (
            first.item.entry.source if first.item else say("the page '{title}'", title=first.title)
        )
        message = say(
            "its address /{route} is already taken by {taken_by} (expected another file name)",
            route=page.route, taken_by=taken_by,
        )  # fmt: skip
        problems.append(Problem(page.item.entry.source, 1, message))
    return problems


def _lowered_path(page: Page) -> str:
    return page.output_path.lower()
