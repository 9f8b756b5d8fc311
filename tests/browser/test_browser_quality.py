"""Issue 7: HTML validity of every built page, page weight, render-blocking requests,
image dimensions and layout shift."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from siteserver import REPO_ROOT

BUDGET = 14 * 1024  # bytes, gzip: what fits in the first TCP round trip (10 segments)


# --- HTML validity -----------------------------------------------------------------------


def test_every_page_is_valid_html(site):
    files = site.html_files()
    assert len(files) >= 10, f"only {len(files)} HTML files built"
    npx = shutil.which("npx")
    assert npx, "npx not found (install Node.js/npm)"
    assert (REPO_ROOT / "node_modules" / "html-validate").is_dir(), "run `npm ci` first"
    proc = subprocess.run(
        [npx, "--no-install", "html-validate", "--config", str(REPO_ROOT / ".htmlvalidate.json")]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        cwd=str(REPO_ROOT),
    )
    report = (proc.stdout + proc.stderr).replace(str(site.out) + "/", "")
    assert proc.returncode == 0, f"html-validate found problems in the built site:\n{report}"


# --- static analysis of every page --------------------------------------------------------


class _Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_head = True
        self.blocking: list[str] = []  # render-blocking requests in <head>
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.imgs: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.in_head = False
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split():
            self.stylesheets.append(a.get("href") or "")
            media = (a.get("media") or "all").strip()
            if media in ("all", "screen", "") and self.in_head:
                self.blocking.append(f"stylesheet {a.get('href')}")
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
            typ = a.get("type") or ""
            if self.in_head and not ("defer" in a or "async" in a or typ == "module"):
                self.blocking.append(f"script {a['src']}")
        if tag == "img":
            self.imgs.append(a)


def _parse(path) -> _Head:
    p = _Head()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_render_blocking_and_image_dimensions(site):
    problems = []
    for f in site.html_files():
        rel = f.relative_to(site.out).as_posix()
        p = _parse(f)
        css = [b for b in p.blocking if b.startswith("stylesheet")]
        scripts = [b for b in p.blocking if b.startswith("script")]
        # Exceptions: printable Aushang pages add their own poster.css on purpose, and
        # the question page its form.css (which would weigh on every vacancy page).
        own_sheet = "/aushang/" in f"/{rel}" or f"/{rel}".endswith("/fragen/index.html")
        if len(css) > (2 if own_sheet else 1):
            problems.append(f"{rel}: more than one render-blocking stylesheet: {css}")
        if scripts:
            problems.append(f"{rel}: render-blocking script(s): {scripts}")
        for img in p.imgs:
            if not (img.get("width") and img.get("height")):
                problems.append(f"{rel}: <img src={img.get('src')!r}> without width and height")
    # The one stylesheet must be small, and must not pull in more (@import, web fonts).
    for css in sorted(site.out.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        rel = css.relative_to(site.out).as_posix()
        if "@import" in text:
            problems.append(f"{rel}: @import makes a second render-blocking request")
        # Fonts only the site's own (issue 28): self-hosted WOFF2 that never hides text
        # (swap, or optional: a late font is not swapped in, so nothing moves).
        for face in re.findall(r"@font-face\s*{[^}]*}", text):
            urls = re.findall(r"url\(\s*['\"]?([^)'\"]+)", face)
            if not urls or any(
                re.match(r"([a-z]+:|//)", u) or not u.endswith(".woff2") for u in urls
            ):
                problems.append(f"{rel}: web font that is not a self-hosted WOFF2: {face}")
            if not re.search(r"font-display:(swap|optional)", face.replace(" ", "")):
                problems.append(f"{rel}: web font that may hide text (font-display): {face}")
        gz = len(gzip.compress(text.encode(), compresslevel=6))
        if gz > 8 * 1024:
            problems.append(f"{rel}: stylesheet is {gz} bytes gzipped (> 8 KB is not 'small')")
    assert not problems, "\n".join(problems)


# --- page weight ------------------------------------------------------------------------


def _fetch(url: str) -> bytes:
    with urlopen(url, timeout=10) as r:  # noqa: S310 - our own loopback server
        return r.read()


def page_weight(site, page_path: str, open_page) -> dict:
    """gzip sizes of the document and the CSS and JS the page loads in the browser."""
    page, rec = open_page(page_path, wait="networkidle")
    url = page.url
    html = _fetch(url)
    p = _Head()
    p.feed(html.decode("utf-8"))
    assets = {urljoin(url, h) for h in p.stylesheets + p.scripts}
    # Whatever else the browser fetched as CSS/JS (dynamic imports, preloads) counts too.
    assets |= {u for u in rec.requests if urlsplit(u).path.endswith((".css", ".js", ".mjs"))}
    sizes = {url: len(gzip.compress(html, compresslevel=6))}
    for a in sorted(assets):
        sizes[a] = len(gzip.compress(_fetch(a), compresslevel=6))
    return sizes


@pytest.mark.parametrize("kind", ["vacancy-open", "vacancy-expired"])
def test_vacancy_page_weight_within_14kb(site, open_page, kind):
    sizes = page_weight(site, site.pages[kind], open_page)
    total = sum(sizes.values())
    detail = "\n".join(f"  {n:6d}  {u}" for u, n in sizes.items())
    print(f"\npage weight ({kind}), gzip -6: {total} bytes\n{detail}")
    (REPO_ROOT / ".pytest_cache").mkdir(exist_ok=True)
    (REPO_ROOT / ".pytest_cache" / f"page-weight-{kind}.json").write_text(
        json.dumps({"total": total, "parts": sizes}, indent=1)
    )
    assert total <= BUDGET, (
        f"{kind} page weighs {total} bytes gzipped (HTML+CSS+JS) > {BUDGET}:\n{detail}"
    )


# --- layout shift ---------------------------------------------------------------------


def test_zero_layout_shift(open_page, page_path, page_type):
    page, _ = open_page(page_path, width=390, height=844)
    page.evaluate(
        """() => {
            window.__cls = 0; window.__shifts = [];
            new PerformanceObserver(list => {
                for (const e of list.getEntries()) {
                    if (e.hadRecentInput) continue;
                    window.__cls += e.value;
                    window.__shifts.push((e.sources || []).map(s => s.node && s.node.outerHTML
                        ? s.node.outerHTML.slice(0, 80) : String(s.node)));
                }
            }).observe({type: 'layout-shift', buffered: true});
        }"""
    )
    # Scroll through the page so lazy images load and any shift they cause is seen.
    page.evaluate(
        """async () => {
            const step = innerHeight / 2;
            for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
                scrollTo(0, y); await new Promise(r => setTimeout(r, 30));
            }
        }"""
    )
    page.wait_for_load_state("networkidle")
    cls = page.evaluate("window.__cls")
    shifts = page.evaluate("window.__shifts")
    assert cls == 0, f"{page_type}: cumulative layout shift {cls:.4f}; shifted: {shifts}"


def test_every_vacancy_page_within_14kb(site):
    """Static twin of the browser measurement, for every vacancy page of the site."""
    over, css_cache = [], {}
    pages = [
        p
        for p in sorted((site.out / "stellen").glob("*/index.html"))
        if p.parent.name != "kategorie"
    ]
    assert pages, "no vacancy pages built"
    for page in pages:
        html = page.read_bytes()
        p = _Head()
        p.feed(html.decode("utf-8"))
        total = len(gzip.compress(html, compresslevel=6))
        for href in p.stylesheets + p.scripts:
            url = urljoin(site.url(page.parent.relative_to(site.out).as_posix() + "/"), href)
            if not url.startswith(site.origin):
                over.append(f"{page.relative_to(site.out)}: loads {url} from another host")
                continue
            if url not in css_cache:
                css_cache[url] = len(gzip.compress(_fetch(url), compresslevel=6))
            total += css_cache[url]
        if total > BUDGET:
            over.append(f"{page.relative_to(site.out)}: {total} bytes")
    assert not over, f"vacancy pages over {BUDGET} bytes gzipped:\n" + "\n".join(over)
