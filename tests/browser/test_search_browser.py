"""The search (Pagefind, static/search.js) in Debian's Chromium, on a scratch site of 250
vacancies served over real HTTP with the response headers of its own `_headers` (so the
CSP is the one a host sends, per path): a word of one vacancy's body finds it, ticking a
category narrows the results and announces the count, nothing is requested from another
host, no CSP violation, axe is clean at 360 and 1280 px, and it works by keyboard."""

from __future__ import annotations

import functools
import http.server
import re
import sys
import textwrap
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import PageRecorder
from test_browser_pages import format_violations, run_axe

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import SCRATCH_FILES, headers_for, run_cli, write_files  # noqa: E402

N = 250
CATEGORIES = ["ausbildung", "duales-studium", "praktikum", "fachkraft", "beamtenlaufbahn"]
TOWNS = ["Teststadt", "Nordheim", "Südberg", "Westfeld"]
UNIQUE = "Quokkaschutzbeauftragte"  # in the body of vacancy 137 only
BUILD_DAY = "2026-11-22"


def vacancy(n: int) -> str:
    expired = n % 10 == 0  # every tenth: past its deadline, in no list and not in the index
    deadline = "2026-01-31" if expired else f"2027-{n % 12 + 1:02d}-15"
    extra = f"Sie arbeiten als {UNIQUE} im Zoo." if n == 137 else "Sie arbeiten im Team."
    return textwrap.dedent(f"""\
        ---
        title: "Stelle Nummer {n} (m/w/d)"
        category: {CATEGORIES[n % 5]}
        posted: 2026-{n % 9 + 1:02d}-{n % 27 + 1:02d}
        deadline: {deadline}
        location: {TOWNS[n % 4]}
        apply_url: "https://example.org/bewerben/{n}"
        {"employment: [part_time]" if n % 3 == 0 else ""}
        ---
        Die Stadt sucht Verstärkung. {extra}
        """)


def is_open(n: int) -> bool:
    return n % 10 != 0


class HeadersHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the headers `_headers` gives their path, as Netlify would."""

    rules = ""

    def log_message(self, format, *args):  # noqa: A002
        pass

    def end_headers(self):
        for name, value in headers_for(self.rules, unquote(urlsplit(self.path).path)).items():
            self.send_header(name, value)
        super().end_headers()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-browser")
    files = {k: v for k, v in SCRATCH_FILES.items() if not k.startswith("content/vacancies/")}
    files |= {f"content/vacancies/stelle-{n}.md": vacancy(n) for n in range(1, N + 1)}
    site = write_files(root / "site", files)
    handler = type("Handler", (HeadersHandler,), {})
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root / "www"))
    )
    httpd.daemon_threads = True
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    out = root / "www" / "karriere"
    result = run_cli(
        "build", "--site", str(site), "--out", str(out), "--date", BUILD_DAY,
        "--base-url", origin + "/karriere/",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    handler.rules = (out / "_headers").read_text(encoding="utf-8")
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield origin
    httpd.shutdown()
    httpd.server_close()


CSP_WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture
def open_search(served, chromium):
    contexts = []

    def _open(path: str, width: int = 1280, height: int = 800):
        ctx = chromium.new_context(viewport={"width": width, "height": height}, locale="de-DE")
        contexts.append(ctx)
        ctx.add_init_script(CSP_WATCH)
        page = ctx.new_page()
        rec = PageRecorder(page, served)
        ctx.route("**/*", rec.route)
        page.goto(f"{served}/karriere/{path}", wait_until="load")
        return page, rec

    yield _open
    for ctx in contexts:
        ctx.close()


def result_links(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-search-results] .card-title a", "els => els.map(a => a.getAttribute('href'))"
    )


def wait_for_count(page, text: str) -> None:
    exact = re.compile(f"^{re.escape(text)}$")  # "1 Ergebnis" is also in "21 Ergebnisse"
    page.locator("#anzahl").filter(has_text=exact).wait_for(timeout=20_000)


def assert_clean(page, rec) -> None:
    assert rec.foreign == [], rec.foreign  # no request leaves the site
    assert page.evaluate("window.__csp") == []
    csp_errors = [e for e in rec.console_errors if "Content Security Policy" in e]
    assert csp_errors == [] and rec.console_errors == [], rec.console_errors


def test_a_word_of_one_body_finds_that_vacancy(open_search):
    page, rec = open_search("suche/")
    page.fill("#suchbegriff", UNIQUE)
    wait_for_count(page, "1 Ergebnis")
    assert result_links(page) == ["/karriere/stellen/stelle-137/"]
    assert page.locator("#anzahl").get_attribute("role") == "status"
    card = page.locator("[data-search-results] .card").first
    assert TOWNS[137 % 4] in card.inner_text()
    assert "Bewerbungsschluss" in card.inner_text()
    assert any("/karriere/pagefind/" in url for url in rec.requests)
    assert_clean(page, rec)


def test_ticking_a_category_narrows_and_announces_the_count(open_search):
    page, rec = open_search("stellen/")
    total = sum(map(is_open, range(1, N + 1)))
    assert page.locator("#anzahl").inner_text().startswith(f"{total} offene Stellen")
    assert not any("/pagefind/" in url for url in rec.requests)  # loaded on demand only
    page.locator("details.refine").evaluate("d => d.open = true")
    page.check("#f-kategorie-3")  # praktikum
    want = sum(1 for n in range(1, N + 1) if is_open(n) and CATEGORIES[n % 5] == "praktikum")
    wait_for_count(page, f"{want} offene Stellen")
    assert page.locator("[data-search-results] .card").count() == 20  # a page of them
    page.click("[data-search-more]")
    page.locator("[data-search-results] .card").nth(20).wait_for()
    assert page.evaluate("document.activeElement.closest('.card') !== null")  # focus moved on
    assert "kategorie=praktikum" in page.url
    page.fill("#suchbegriff", "Verstärkung")
    wait_for_count(page, f"{want} offene Stellen")  # every body has the word: same count
    page.check("#filter-teilzeit")
    both = sum(
        1 for n in range(1, N + 1) if is_open(n) and CATEGORIES[n % 5] == "praktikum" and n % 3 == 0
    )
    wait_for_count(page, f"{both} offene Stellen")
    assert_clean(page, rec)


@pytest.mark.parametrize("width", [360, 1280])
def test_search_page_with_results_is_axe_clean(open_search, width):
    page, rec = open_search("suche/?q=Stelle", width=width)
    page.locator("[data-search-results] .card").first.wait_for()
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
    size = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert size[0] <= size[1], f"scrolls sideways at {width} px: {size}"
    assert_clean(page, rec)


def test_works_at_320px_and_by_keyboard(open_search):
    page, rec = open_search("suche/", width=320, height=640)
    page.focus("#suchbegriff")
    page.keyboard.type(UNIQUE)
    page.keyboard.press("Enter")
    wait_for_count(page, "1 Ergebnis")
    size = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert size[0] <= size[1], size
    page.keyboard.press("Tab")  # to the button, then on towards the facets
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.tagName")
    assert focused in ("SUMMARY", "INPUT", "A"), focused
    assert_clean(page, rec)


def test_without_javascript_the_lists_still_narrow(served, chromium):
    ctx = chromium.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(f"{served}/karriere/suche/")
        assert page.locator("noscript").count() == 1
        page.goto(f"{served}/karriere/stellen/")
        assert not page.locator("#filter").is_visible()
        links = page.eval_on_selector_all(".refine-links a", "els => els.map(a => a.href)")
        assert any("/stellen/kategorie/praktikum/" in link for link in links)
        page.goto(f"{served}/karriere/stellen/kategorie/praktikum/")
        assert page.locator(".cards > li").count() > 0
    finally:
        ctx.close()
