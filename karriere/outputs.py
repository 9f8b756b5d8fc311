"""Machine-readable outputs: sitemap.xml, robots.txt and the Atom feed of open vacancies."""

from __future__ import annotations

from xml.sax.saxutils import escape

from . import strings
from .site import Site
from .writer import Output


def sitemap(site: Site) -> Output:
    rows = []
    for page in site.pages:
        if not page.in_sitemap:
            continue
        loc = escape(site.urls.absolute(page.route))
        rows.append(f"  <url><loc>{loc}</loc></url>")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(rows)
        + "\n</urlset>\n"
    )
    return Output("sitemap.xml", xml.encode(), origin="the sitemap")


def robots(site: Site) -> Output:
    text = f"User-agent: *\nAllow: /\n\nSitemap: {site.urls.absolute('sitemap.xml')}\n"
    return Output("robots.txt", text.encode(), origin="robots.txt")


def _stamp(day) -> str:
    """Midnight UTC of the day, as Atom writes times."""
    return f"{day.isoformat()}T00:00:00Z"


def feed(site: Site) -> Output:
    """Atom feed of open vacancies. Dates come from the content, so builds are reproducible."""
    t = strings.load(site.settings.language)
    vacancies = site.open_vacancies
    vacancies = [v for v in vacancies if not v.draft]
    updated = max((v.meta.posted for v in vacancies), default=site.options.today)
    feed_url = site.urls.absolute("stellen/feed.xml")
    absolute, categories = site.urls.absolute, site.categories  # (ten thousand entries)
    entries = []
    for v in vacancies:
        m = v.meta
        url = escape(absolute(v.route))
        posted = _stamp(m.posted)
        entries.append(
            "  <entry>\n"
            f"    <title>{escape(m.title)}</title>\n"
            f'    <link rel="alternate" type="text/html" href="{url}"/>\n'
            f"    <id>{url}</id>\n"
            f"    <published>{posted}</published>\n"
            f"    <updated>{posted}</updated>\n"
            f"    <summary>{escape(m.summary or m.title)}</summary>\n"
            f'    <category term="{escape(m.category)}" '
            f'label="{escape(categories[m.category])}"/>\n'
            "  </entry>"
        )
    title = escape(t["feed_title"].format(title=site.settings.title))
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{site.settings.language}">\n'
        f"  <title>{title}</title>\n"
        f'  <link rel="self" type="application/atom+xml" href="{escape(feed_url)}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{escape(site.urls.absolute("stellen/"))}"/>\n'
        f"  <id>{escape(feed_url)}</id>\n"
        f"  <updated>{_stamp(updated)}</updated>\n"
        f"  <author><name>{escape(site.settings.organisation.name)}</name></author>\n"
        + "\n".join(entries)
        + ("\n" if entries else "")
        + "</feed>\n"
    )
    return Output("stellen/feed.xml", xml.encode(), origin="the vacancies feed")
