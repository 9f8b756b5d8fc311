"""Build the example site with the real CLI and serve it over real HTTP under a sub-path.

Shared by the browser tests (conftest.py), ``benchmarks/lighthouse`` and
``scripts/screenshots.py``.  Standard library only.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SUB_PATH = "karriere"
BUILD_DATE = "2026-11-22"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]

# The page types that issue 7 asks to check, in a stable order.
PAGE_TYPES = [
    "home",
    "vacancy-list",
    "category-list",
    "vacancy-open",
    "vacancy-expired",
    "story-list",
    "story-video",
    "faq",
    "legal",
    "404",
]


_COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".svg", ".xml", ".json", ".txt", ".vtt"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; unknown paths get the site's own 404.html with status 404."""

    not_found_page: Path | None = None

    def log_message(self, format, *args):  # noqa: A002 - silence the access log
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        """Like any static host: text files gzip-compressed when the client accepts it."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in _COMPRESSIBLE):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code, message=None, explain=None):
        page = self.not_found_page
        if code == 404 and page is not None and page.is_file():
            body = page.read_bytes()
            self.send_response(404, message)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class Server:
    """A ThreadingHTTPServer on 127.0.0.1 with a port that is known before the build."""

    def __init__(self, root: Path):
        self.root = root
        handler = type("Handler", (_Handler,), {"not_found_page": root / SUB_PATH / "404.html"})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
        )
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.base_url = f"{self.origin}/{SUB_PATH}/"
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:  # shutdown() waits for a serve_forever() that never ran
            self.httpd.shutdown()
        self.httpd.server_close()


def build_site(site: Path, out: Path, base_url: str, date: str = BUILD_DATE) -> None:
    """Run the real command line; raise with its output if the build fails."""
    cmd = [
        sys.executable,
        str(REPO_ROOT / "build.py"),
        "build",
        "--site",
        str(site),
        "--out",
        str(out),
        "--base-url",
        base_url,
        "--date",
        date,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=str(site))
    if proc.returncode != 0:
        raise RuntimeError(
            f"build failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}"
        )


@dataclass
class Site:
    """A built and served site, and the pages of each type found in it."""

    server: Server
    out: Path  # the built output (<tmp>/karriere)
    pages: dict[str, str] = field(default_factory=dict)  # page type -> path below base

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @property
    def origin(self) -> str:
        return self.server.origin

    def url(self, page_type_or_path: str) -> str:
        path = self.pages.get(page_type_or_path, page_type_or_path)
        return self.base_url + path.lstrip("/")

    def html_files(self) -> list[Path]:
        return sorted(self.out.rglob("*.html"))


@contextlib.contextmanager
def built_site(site_dir: Path | None = None) -> Iterator[Site]:
    """Build ``site_dir`` (default: $KARRIERE_TEST_SITE or the repo) and serve it."""
    site_dir = Path(site_dir or os.environ.get("KARRIERE_TEST_SITE") or REPO_ROOT).resolve()
    tmp = Path(tempfile.mkdtemp(prefix="karriere-browser-"))
    server = Server(tmp)
    try:
        out = tmp / SUB_PATH
        build_site(site_dir, out, server.base_url)
        server.start()
        site = Site(server=server, out=out)
        site.pages = discover_pages(out, server.base_url)
        yield site
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


# --- finding one page of every type in the built output ------------------------------

# Not the provider hosts: every page names them in its Content-Security-Policy <meta>.
_VIDEO_RE = re.compile(r"<video\b|data-video|video-facade", re.I)
_EXPIRED_RE = re.compile(
    r"Bewerbungsfrist ist (abgelaufen|vorbei|beendet)|Bewerbungsschluss .{0,40}"
    r"(abgelaufen|vorbei|verstrichen)|nicht mehr (möglich|offen)|abgelaufen",
    re.I,
)


def _rel(p: Path, out: Path) -> str:
    rel = p.relative_to(out).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def _sitemap_paths(out: Path, base_url: str) -> set[str]:
    sm = out / "sitemap.xml"
    if not sm.is_file():
        return set()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text or "" for e in ET.parse(sm).getroot().findall(".//s:loc", ns)]
    return {loc[len(base_url) :] for loc in locs if loc.startswith(base_url)}


def discover_pages(out: Path, base_url: str) -> dict[str, str]:
    """Map each page type to a path below the base URL (``""`` is the home page)."""
    pages: dict[str, str] = {"home": "", "vacancy-list": "stellen/", "story-list": "geschichten/"}
    pages["faq"] = "faq/"
    pages["404"] = "diese-seite-gibt-es-nicht/"
    cats = sorted(p for p in (out / "stellen" / "kategorie").glob("*/index.html"))
    if cats:
        pages["category-list"] = _rel(cats[0], out)
    for legal in ("impressum", "datenschutz", "barrierefreiheit"):
        if (out / legal / "index.html").is_file():
            pages["legal"] = f"{legal}/"
            break

    listed = _sitemap_paths(out, base_url)
    vacancies = sorted(
        p
        for p in (out / "stellen").glob("*/index.html")
        if p.parent.name not in {"kategorie", "seite", "page"}
    )
    list_html = (out / "stellen" / "index.html").read_text(encoding="utf-8", errors="replace")
    open_, expired = [], []
    for p in vacancies:
        rel = _rel(p, out)
        in_list = f"/{rel}" in list_html or f'"{rel}' in list_html
        in_sitemap = rel in listed
        text = p.read_text(encoding="utf-8", errors="replace")
        if in_list and (in_sitemap or not listed):
            open_.append(rel)
        elif not in_list and (not in_sitemap or _EXPIRED_RE.search(text)):
            expired.append(rel)
    if open_:
        pages["vacancy-open"] = open_[0]
    if expired:
        pages["vacancy-expired"] = expired[0]

    for p in sorted((out / "geschichten").glob("*/index.html")):
        if p.parent.name in {"seite", "page"}:
            continue
        if _VIDEO_RE.search(p.read_text(encoding="utf-8", errors="replace")):
            pages["story-video"] = _rel(p, out)
            break
    return pages
