"""Read a built site the way a crawler would: pages, links, ids. Used by several tests."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src", "poster"):
            if attrs.get(name) and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.links.append(attrs[name])
        if attrs.get("srcset"):
            self.links.extend(part.split()[0] for part in attrs["srcset"].split(","))

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(out: Path, base_path: str, url: str, page: Path) -> tuple[Path | None, str]:
    """The file an internal URL points to (None for external ones) and its fragment."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, ""
    if not parts.path:
        return page, parts.fragment
    path = unquote(parts.path)
    if not path.startswith("/"):
        path = "/" + (page.parent.relative_to(out) / path).as_posix()
    assert path.startswith(base_path), f"{url} in {page} is outside the site's sub-path"
    target = out / path[len(base_path) :]
    if path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def broken_links(out: Path, base_path: str) -> list[str]:
    problems = []
    pages = sorted(out.rglob("*.html"))
    ids = {p: parse(p).ids for p in pages}
    for page in pages:
        for url in parse(page).links:
            if url.startswith(("mailto:", "tel:")):
                continue
            target, fragment = resolve(out, base_path, url, page)
            if target is None:
                continue
            if not target.is_file():
                problems.append(
                    f"{page.relative_to(out)}: {url} -> missing {target.relative_to(out)}"
                )
            elif fragment and target.suffix == ".html" and fragment not in ids.get(target, set()):
                problems.append(f"{page.relative_to(out)}: {url} -> no id {fragment!r}")
    return problems


def text_of(path: Path) -> str:
    return " ".join(" ".join(parse(path).text).replace("\u00ad", "").split())
