"""The wall of social posts as an Atom feed (social/feed.xml, one per language), so that
the same posts can be reused elsewhere: each entry links to the post on its platform,
carries the caption and points to the site's own copy of the picture or clip."""

from __future__ import annotations

import mimetypes

from karriere.base import strings
from karriere.base.messages import say
from karriere.base.xmltext import attribute, language, text
from karriere.site.model import Item, Site, Urls
from karriere.write.output import Bytes, Output

PATH = "social/feed.xml"


def post_feed(site: Site) -> list[Output]:
    """The feed of this language's site: none without posts. A few dozen posts at most,
    made on every build (cheap: incremental/store.py)."""
    if not site.posts:
        return []
    t = strings.load(site.code, site.settings.address)
    urls = site.urls
    path = site.prefix + PATH
    feed_url = urls.absolute(path)
    code = language(site.code)
    lang = f' xml:lang="{code}"' if code else ""
    # The captions' links are root-relative (/karriere/stellen/): xml:base resolves them.
    base = attribute(urls.absolute(""))
    title = t.gettext("Social Media: %(title)s") % {"title": site.title}
    german = "" if site.code == site.settings.language else site.settings.language
    shown = [p for p in site.posts if not p.draft]
    entries = [_entry(p, urls, t, german) for p in shown]
    updated = max((p.meta.date for p in shown), default=site.options.today)
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"{lang} xml:base="{base}">\n'
        f"  <title>{text(title)}</title>\n"
        f'  <link rel="self" type="application/atom+xml" href="{attribute(feed_url)}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{attribute(urls.absolute(site.prefix + "social/"))}"/>\n'
        f"  <id>{text(feed_url)}</id>\n"
        f"  <updated>{_stamp(updated)}</updated>\n"
        f"  <author><name>{text(site.settings.organisation.name)}</name></author>\n"
        + "".join(entries)
        + "</feed>\n"
    )
    return [Bytes(path, xml.encode(), origin=say("the feed of social posts"))]


def _stamp(day) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _entry(p: Item, urls: Urls, t, german: str) -> str:
    """One post: its link on the platform, the caption as HTML, the own media file."""
    m = p.meta
    lang = f' xml:lang="{german}"' if german else ""  # captions are German, as published
    title = t.gettext("%(author)s auf %(platform)s") % {
        "author": m.author,
        "platform": m.platform_name,
    }
    media = m.video.file if m.video is not None else m.image
    kind = mimetypes.guess_type(media)[0] or "application/octet-stream"
    return (
        "  <entry>\n"
        f"    <title>{text(title)}</title>\n"
        f'    <link rel="alternate" type="text/html" href="{attribute(m.url)}"/>\n'
        f'    <link rel="enclosure" type="{kind}" href="{attribute(urls.absolute(media))}"/>\n'
        f"    <id>{text(urls.absolute(p.route))}</id>\n"
        f"    <published>{_stamp(m.date)}</published>\n"
        f"    <updated>{_stamp(m.date)}</updated>\n"
        f"    <author><name>{text(m.author)}</name></author>\n"
        f'    <category term="{m.platform}" label="{attribute(m.platform_name)}"/>\n'
        f'    <content type="html"{lang}>{text(p.html)}</content>\n'
        "  </entry>\n"
    )
