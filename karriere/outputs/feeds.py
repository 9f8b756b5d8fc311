"""Machine-readable outputs: sitemap.xml, robots.txt and the Atom feed of open vacancies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import chain, repeat
from operator import attrgetter, itemgetter

from karriere.base import strings
from karriere.base.messages import say
from karriere.base.recall import Recall
from karriere.base.xmltext import attribute, language, text
from karriere.site.model import Item, Page, Site
from karriere.write.output import Bytes, Output
from karriere.write.spool import Spool

_first, _second = itemgetter(0), itemgetter(1)
_updated = attrgetter("updated")
LONG_LIST = 1000  # items of a list page whose newest day is mended after an edit, not sought


def sitemap(site: Site, recall: Recall | None = None) -> Output:
    """`recall`: the live preview's, which hands back the rows of unchanged pages."""
    recall = recall if recall is not None else Recall()
    urls = site.urls

    def newest(page: Page) -> date | None:  # a long list's: mended where an edit changed it
        return recall.revised(("lastmod", page.route), (page.items,), _newest, _newest_revised)

    rows = recall.many(
        _sitemap_row, site.pages, key=urls.base_url, absolute=urls.absolute, newest=newest
    )
    return recall.joined(_sitemap_file, rows)


def _sitemap_file(rows: list[str]) -> Output:
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "\n".join(filter(None, rows))
        + "\n</urlset>\n"
    )
    return Bytes("sitemap.xml", xml.encode(), origin=say("the sitemap"))


def _sitemap_row(page: Page, absolute: Callable, newest: Callable | None = None) -> str:
    """`absolute`: Urls.absolute of the base_url that recall's key holds; `newest`: as
    _newest, for a long list (the home page holds every vacancy)."""
    if not page.in_sitemap:
        return ""
    links = "".join(
        f'<xhtml:link rel="alternate" hreflang="{code}" href="{attribute(absolute(route))}"/>'
        for code, route in page.alternates
    )
    if links:  # x-default: the default language's page, listed first
        default = attribute(absolute(page.alternates[0][1]))
        links += f'<xhtml:link rel="alternate" hreflang="x-default" href="{default}"/>'
    long_list = newest is not None and len(page.items) > LONG_LIST
    day = newest(page) if long_list and page.item is None else last_modified(page)
    lastmod = f"<lastmod>{day.isoformat()}</lastmod>" if day else ""
    return f"  <url><loc>{text(absolute(page.route))}</loc>{lastmod}{links}</url>"


def last_modified(page: Page) -> date | None:
    """The sitemap's lastmod: a vacancy's `updated`, a story's date; for a list, its
    newest item's; None for a page without a date of its own."""
    if page.item is not None:
        return item_day(page.item)
    return _newest(page.items)


def _newest(items: list[Item]) -> date | None:
    """The newest `updated` of a list of vacancies (read at C level), else the newest
    date of any other list."""
    days = list(filter(None, map(_updated, items)))
    if not days:
        days = [day for day in map(item_day, items) if day is not None]
    return max(days) if days else None


def _newest_revised(last, lists: tuple, before: tuple, places: list) -> date | None:
    """_newest after an edit, from last build's: when the items at the changed places,
    old and new, are vacancies, and no old one was the newest (else made anew: None)."""
    new = [lists[0][n].updated for n in places[0]]
    old = [before[0][n].updated for n in places[0]]
    if last is None or None in new or None in old or max(old) >= last:
        return None
    return max(last, *new)


def item_day(item: Item) -> date | None:
    if item.updated is not None:  # a vacancy
        return item.updated
    day = getattr(item.meta, "date", None)  # a story
    return day if isinstance(day, date) else None


def robots(site: Site) -> Output:
    text = f"User-agent: *\nAllow: /\n\nSitemap: {site.urls.absolute('sitemap.xml')}\n"
    return Bytes("robots.txt", text.encode(), origin="robots.txt")


def _stamp(day) -> str:
    """Midnight UTC of the day, as Atom writes times."""
    return f"{day.isoformat()}T00:00:00Z"


def feed(site: Site, recall: Recall | None = None, spool: Spool | None = None) -> Output:
    """Atom feed of open vacancies in the site's language (one per language, each at
    <code>/stellen/feed.xml). Dates come from the content, so builds are reproducible.
    `recall`: the live preview's, which hands back the entries of unchanged vacancies.
    `spool`: a published build's, which the feed is written into entry by entry when
    `recall` keeps no rows for a next build."""
    t = strings.load(site.code, site.settings.address)
    recall = recall if recall is not None else Recall()
    categories = site.categories
    labels = repr(sorted(categories.items()))  # what an entry reads besides its vacancy
    urls = site.urls
    german = "" if site.code == site.settings.language else site.settings.language
    path = site.prefix + "stellen/feed.xml"
    feed_url = urls.absolute(path)
    code = language(site.code)
    lang = f' xml:lang="{code}"' if code else ""
    title = t.gettext("Offene Stellen: %(title)s") % {"title": site.title}
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"{lang}>\n'
        f"  <title>{text(title)}</title>\n"
        f'  <link rel="self" type="application/atom+xml" href="{attribute(feed_url)}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{attribute(urls.absolute(site.prefix + "stellen/"))}"/>\n'
        f"  <id>{text(feed_url)}</id>\n"
    )
    author = f"  <author><name>{text(site.settings.organisation.name)}</name></author>\n"
    today = _stamp(site.options.today)
    if spool is not None and not recall.remembers:  # (a big site's rows: as big as the file)
        shown = [v for v in site.open_vacancies if not v.draft]
        newest = max(map(_last_change, shown), default=None)
        rows = (_feed_entry(v, categories, urls.absolute, german)[0] for v in shown)
        start = _feed_start(head, author, _stamp(newest) if newest else today)
        chunks = chain([start], chain.from_iterable(zip(rows, repeat(b"\n"))), [FEED_END])
        return spool.stream(path, chunks, say("the vacancies feed"))
    rows = recall.many(
        _feed_entry, site.open_vacancies, key=(urls.base_url, labels, german, site.code),
        categories=categories, absolute=urls.absolute, german=german,
    )  # fmt: skip
    return recall.joined(_feed_file, rows, head, author, today, path)


FEED_END = b"</feed>\n"


def _feed_start(head: str, author: str, updated: str) -> bytes:
    return (head + f"  <updated>{updated}</updated>\n" + author).encode()


def _feed_file(rows: list, head: str, author: str, today: str, path: str) -> Output:
    """`rows`: (entry as UTF-8, date) of each open vacancy, None for a draft (not
    announced); `today` stands for the newest date when there is no entry."""
    rows = list(filter(None, rows))
    updated = _stamp(max(map(_second, rows))) if rows else today
    # Each row and its line break joined in one go: no second copy of a big site's rows
    data = b"".join([
        _feed_start(head, author, updated),
        *chain.from_iterable(zip(map(_first, rows), repeat(b"\n"))),
        FEED_END,
    ])  # fmt: skip
    return Bytes(path, data, origin=say("the vacancies feed"))


def _last_change(v: Item) -> date:
    return v.updated or v.meta.posted  # (site/build.py last_change: `updated`, else posted)


def _feed_entry(v: Item, categories: dict, absolute: Callable, german: str = "") -> tuple | None:
    """(the <entry> of an open vacancy in UTF-8, its last change), or None for a draft.
    (recall's key holds what `absolute`, `categories` and `german` give: base_url, labels,
    and the default language's code in another language's feed, for untranslated items.)"""
    if v.draft:
        return None
    m = v.meta
    url = absolute(v.route)
    posted = _stamp(m.posted)
    updated = _last_change(v)
    lang = f' xml:lang="{german}"' if german and not v.entry.language else ""
    entry = (
        f"  <entry{lang}>\n"
        f"    <title>{text(m.title)}</title>\n"
        f'    <link rel="alternate" type="text/html" href="{attribute(url)}"/>\n'
        f"    <id>{text(url)}</id>\n"
        f"    <published>{posted}</published>\n"
        f"    <updated>{_stamp(updated)}</updated>\n"
        f"    <summary>{text(m.summary or m.title)}</summary>\n"
        f'    <category term="{attribute(m.category)}" '
        f'label="{attribute(categories[m.category])}"/>\n'
        "  </entry>"
    )
    return entry.encode(), updated
