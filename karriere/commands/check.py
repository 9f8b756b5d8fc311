"""`check`: run every stage but the writer, then read the rendered site like a visitor would.

Reports (as warnings; `--strict` makes them errors, for CI): broken internal links and
anchors, images without alt text, videos without captions, vacancies past
their deadline whose page is not marked as ended, missing legal pages, a base_url
that is not https, files and folders in content/ that are not read (scan.py), a site
without pages in Leichte Sprache or German Sign Language (BITV 2.0 § 4), and sign-language
videos below 320×240 or 25 frames per second (site/sign_video.py), and free-text pay
that a pay table karriere has could show in euros (site/pay.py).
Nothing is written.
"""

from __future__ import annotations

import argparse
import posixpath
import sys
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from karriere.base.errors import Problem
from karriere.base.messages import Messages, say
from karriere.commands.translation_age import stale_translations
from karriere.pipeline import Request, generate
from karriere.render.occupation_codes import unconverted_kldb
from karriere.site.model import Page, Site
from karriere.site.pay import pay_suggestions
from karriere.site.sign_video import quality_warnings
from karriere.site.video import caption_warnings
from karriere.write.output import Output
from karriere.write.plan import check_unique


def cmd_check(args: argparse.Namespace, today: date, messages: Messages) -> int:
    result = generate(Request(site_dir=args.site, today=today))
    check_unique(result.outputs)
    found = sorted(set(result.warnings + inspect(result.site, result.outputs)))
    for problem in found:
        print(messages.problem(problem), file=sys.stderr)
    if args.strict and found:
        print(messages.text(failed(len(found))), file=sys.stderr)
        return 1
    print(messages.text(passed(len(result.site.pages), len(found))))
    return 0


def failed(count: int):
    if count == 1:
        return say("Check failed: 1 warning (--strict).")
    return say("Check failed: {count} warnings (--strict).", count=count)


def passed(pages: int, count: int):
    if count == 1:
        return say("OK: {pages} pages, 1 warning.", pages=pages)
    return say("OK: {pages} pages, {count} warnings.", pages=pages, count=count)


def inspect(site: Site, outputs: list[Output]) -> list[Problem]:
    rendered = Rendered.read(site, outputs)
    return (
        links(rendered)
        + alt_texts(rendered)
        + captions(site)
        + expired_marked(site, rendered)
        + https_base_url(site)
        + accessible_languages(site)
        + quality_warnings(site)
        + stale_translations(site)
        + pay_tables(site)
        + unconverted_kldb(site)
    )


def pay_tables(site: Site) -> list[Problem]:
    """Free-text pay that names a table and group karriere knows (site/pay.py)."""
    items = list(site.vacancies) + (site.network.occupations if site.network else [])
    return pay_suggestions(site.config.pay_tables, items, site.options.today)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for name in ("href", "src", "poster"):
            if a.get(name):
                self.links.append(a[name])
        if a.get("srcset"):
            self.links += [part.split()[0] for part in a["srcset"].split(",") if part.strip()]
        if tag == "img":
            self.images.append(a)


@dataclass
class Rendered:
    """The HTML outputs, parsed once, and where each page came from."""

    site: Site
    paths: set[str]
    html: dict[str, _Parser]
    pages: dict[str, Page]
    sources: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, site: Site, outputs: list[Output]) -> Rendered:
        html = {}
        for out in outputs:
            if out.path.endswith(".html"):
                parser = _Parser()
                parser.feed(out.read().decode("utf-8"))
                html[out.path] = parser
        pages = {p.output_path: p for p in site.pages}
        return cls(site, {o.path for o in outputs}, html, pages)

    def where(self, page: Page, *needles: str, nth: int = 0) -> tuple[str, int]:
        """The editor's file and line that wrote one of `needles` (the nth such line, for
        the nth use on the page), else the template."""
        if page.item is not None:
            source = page.item.entry.source
            if source not in self.sources:
                path = self.site.config.site_dir / source
                self.sources[source] = path.read_text(encoding="utf-8-sig").splitlines()
            lines = [
                number
                for number, line in enumerate(self.sources[source], 1)
                if any(n and n in line for n in needles)
            ]
            if lines:
                return source, lines[min(nth, len(lines) - 1)]
        return f"template {page.template}", 1

    def resolve(self, page_path: str, url: str) -> tuple[str | None, str]:
        """Output path and fragment of an internal URL; (None, '') for external ones."""
        base_url = self.site.urls.base_url
        base_path = self.site.urls.base_path
        if url.startswith(base_url):
            url = base_path + url[len(base_url) :]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None, ""
        path = unquote(parts.path)
        if not path:
            return page_path, parts.fragment
        if path.startswith("/"):
            if not path.startswith(base_path):
                return "", parts.fragment  # outside the site's sub-path: broken
            rel = path[len(base_path) :]
        else:
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
            rel = "" if rel == "." else rel + ("/" if path.endswith("/") else "")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        if rel not in self.paths and rel + "/index.html" in self.paths:
            rel += "/index.html"  # static hosts redirect /x to /x/
        return rel, parts.fragment


def _editor_forms(url: str, base_path: str) -> tuple[str, ...]:
    """How an editor may have written a URL that the renderer rebased."""
    path = urlsplit(url).path
    short = path[len(base_path) - 1 :] if path.startswith(base_path) else path
    return (url, short if short != "/" else "", short.lstrip("/"))


def links(r: Rendered) -> list[Problem]:
    found = {}
    base_path = r.site.urls.base_path
    for page_path, parsed in sorted(r.html.items()):
        page = r.pages.get(page_path)
        for url in parsed.links:
            if url.startswith(("mailto:", "tel:")):
                continue
            target, fragment = r.resolve(page_path, url)
            if target is None:
                continue
            if target not in r.paths:
                why = say(
                    "leads to no page or file of the site (expected the address of an "
                    "existing page, e.g. /stellen/, or a file in content/media/)"
                )
            elif fragment and target in r.html and fragment not in r.html[target].ids:
                why = say(
                    "leads to an anchor #{fragment} that does not exist (expected an id of "
                    "that page, e.g. a heading's anchor)",
                    fragment=fragment,
                )
            else:
                continue
            if page is None:
                where = (page_path, 1)
            else:
                where = r.where(
                    page, *_editor_forms(url, base_path), f"#{fragment}" if fragment else ""
                )
            key = (*where, url)
            if key not in found:
                found[key] = Problem(*where, link_warning(url, why, page, where[0]))
    return list(found.values())


def link_warning(url: str, why, page: Page | None, path: str):
    """A link the template wrote names the page it is on."""
    if page is not None and path.startswith("template"):
        return say("warning: link {url} on /{route} {why}", url=url, route=page.route, why=why)
    return say("warning: link {url} {why}", url=url, why=why)


DECORATIVE_ROLES = ("presentation", "none")


def alt_texts(r: Rendered) -> list[Problem]:
    """alt="" is fine only for images the theme marks as decorative (aria-hidden)."""
    found = {}
    for page_path, parsed in sorted(r.html.items()):
        page = r.pages.get(page_path)
        seen: dict[str, int] = {}
        for img in parsed.images:
            src = img.get("src") or ""
            nth = seen[src] = seen.get(src, -1) + 1
            alt = img.get("alt")
            decorative = img.get("aria-hidden") == "true" or img.get("role") in DECORATIVE_ROLES
            if alt is not None and (alt.strip() or decorative):
                continue
            forms = _editor_forms(src, r.site.urls.base_path)[1:]
            where = r.where(page, *forms, nth=nth) if page else (page_path, 1)
            if where[0].startswith("template"):
                expected = say(
                    'alt="…" in the template, or aria-hidden="true" on a decorative image'
                )
            else:
                expected = say(
                    "image_alt: … next to image:, or ![what the image shows](…) in Markdown"
                )
            warning = say(
                "warning: image {src} has no alt text (expected {expected})",
                src=src, expected=expected,
            )  # fmt: skip
            found.setdefault((*where, src), Problem(*where, warning))
    return list(found.values())


def captions(site: Site) -> list[Problem]:
    """Every video, embedded or self-hosted, in front matter, Markdown or site.yaml."""
    return caption_warnings(site)


def expired_marked(site: Site, r: Rendered) -> list[Problem]:
    """A vacancy past its deadline must say so: a custom theme can forget that."""
    listings = [p.output_path for p in site.pages if p.kind in ("home", "vacancy_list", "category")]
    found = []
    for v in site.vacancies:
        if not v.expired or v.draft:
            continue
        page = next(p for p in site.pages if p.item is v)
        parsed = r.html[page.output_path]
        wrong = []
        if v.meta.apply_url and v.meta.apply_url in parsed.links:
            wrong.append(say("it still links to apply_url"))
        lister = [p for p in listings if _links_to(r, p, page.output_path)]
        if lister:
            wrong.append(say("/{route} still lists it", route=r.pages[lister[0]].route))
        if wrong:
            found.append(
                Problem(
                    v.entry.source,
                    v.entry.field_lines.get("deadline", 1),
                    say(
                        "warning: the deadline {deadline} has passed, but /{route} is not "
                        "marked as ended: {wrong} (expected the default theme's handling of "
                        "expired vacancies in your theme)",
                        deadline=v.meta.deadline.isoformat(),
                        route=v.route,
                        wrong=listed(wrong),
                    ),
                )
            )
    return found


def listed(reasons: list):
    """Reasons joined by "; ", each still translatable."""
    joined = reasons[0]
    for reason in reasons[1:]:
        joined = say("{first}; {second}", first=joined, second=reason)
    return joined


def _links_to(r: Rendered, page_path: str, target: str) -> bool:
    return any(r.resolve(page_path, url)[0] == target for url in r.html[page_path].links)


SITE_YAML = "site.yaml"  # where warnings about site.yaml point


def https_base_url(site: Site) -> list[Problem]:
    url = site.settings.base_url or ""
    if url.startswith("https://") or not url:
        return []
    lines = site.config.source_text.splitlines()
    line = next((n for n, t in enumerate(lines, 1) if t.startswith("base_url:")), 1)
    return [
        Problem(
            SITE_YAML,
            line,
            say(
                "warning: base_url {url} is not https (expected https://…; browsers mark "
                "http pages and their application forms as not secure)",
                url=url,
            ),
        )
    ]


BITV_4 = say(
    "BITV 2.0 § 4 asks public bodies to explain on their website, in Leichte Sprache and in "
    "German Sign Language, what it contains, how to navigate it, the main points of its "
    "accessibility statement and where more of it is found"
)
NO_PAGES = {
    "leichte-sprache": say(
        "warning: the site has no pages in Leichte Sprache (expected "
        "content/leichte-sprache/index.md and more; `python build.py new leichte-sprache` "
        "starts the four texts): {why}",
        why=BITV_4,
    ),
    "gebaerdensprache": say(
        "warning: the site has no pages in German Sign Language (DGS) (expected "
        "content/gebaerdensprache/index.md and more; `python build.py new gebaerdensprache` "
        "starts the four texts): {why}",
        why=BITV_4,
    ),
}


def accessible_languages(site: Site) -> list[Problem]:
    """§ 4 BITV 2.0: a public body's site has pages in Leichte Sprache and in DGS."""
    found = []
    sections = (("leichte-sprache", site.easy_read), ("gebaerdensprache", site.sign_language))
    for folder, items in sections:
        if not items:
            place = f"content/{folder}/"  # (the path of the problem; NO_PAGES is its message)
            found.append(Problem(place, 1, NO_PAGES[folder]))
    if site.sign_language and not any(
        p.video is not None and p.video.sign_language for p in site.videos
    ):
        first = site.sign_language[0].entry
        found.append(
            Problem(
                first.source,
                first.field_lines.get("video", 1),
                say(
                    "warning: no page in content/gebaerdensprache/ has a sign-language video "
                    "(expected video: {{file: media/….mp4, sign_language: true, captions: "
                    "media/….vtt}}): {why}",
                    why=BITV_4,
                ),
            )
        )
    return found
