"""Fixtures for the browser tests: a built, served example site and Debian's Chromium.

The site is built once per session with the real CLI (``python build.py build``) into a
temporary folder and served by a ThreadingHTTPServer on 127.0.0.1 under ``/karriere/``.
Set ``KARRIERE_TEST_SITE=/path/to/site`` to run the suite against another site folder
(used to show that each check fails on a deliberately broken site).
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from siteserver import CHROMIUM, CHROMIUM_ARGS, PAGE_TYPES, built_site  # noqa: E402


@pytest.fixture(scope="session")
def site():
    with built_site() as s:
        yield s


@pytest.fixture(scope="session")
def chromium():
    assert Path(CHROMIUM).exists(), (
        f"Chromium not found at {CHROMIUM}: apt-get install chromium (.ci/run does)"
    )
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageRecorder:
    """Console errors, uncaught exceptions and every request a page makes."""

    def __init__(self, page, origin: str):
        self.page = page
        self.origin = origin
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        self.foreign: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            self.console_errors.append(f"{msg.text} ({loc.get('url', '')})")

    def route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            route.continue_()
        elif f"{parts.scheme}://{parts.netloc}" == self.origin:
            route.continue_()
        else:
            # Never let a test reach the network; remember the attempt and refuse it.
            self.foreign.append(url)
            route.abort("blockedbyclient")


@pytest.fixture
def open_page(site, chromium):
    """``open_page(page_type_or_path, width=1280, height=800)`` -> (page, recorder)."""
    contexts = []

    def _open(target: str, width: int = 1280, height: int = 800, wait: str = "load"):
        ctx = chromium.new_context(viewport={"width": width, "height": height}, locale="de-DE")
        contexts.append(ctx)
        page = ctx.new_page()
        rec = PageRecorder(page, site.origin)
        ctx.route("**/*", rec.route)
        response = page.goto(site.url(target), wait_until=wait)
        rec.status = response.status if response else None
        return page, rec

    yield _open
    for ctx in contexts:
        ctx.close()


def pytest_generate_tests(metafunc):
    if "page_type" in metafunc.fixturenames:
        metafunc.parametrize("page_type", PAGE_TYPES)


@pytest.fixture
def page_path(site, page_type):
    if page_type not in site.pages:
        pytest.fail(
            f"no page of type {page_type!r} found in the built example site; "
            f"found: {sorted(site.pages)}"
        )
    return site.pages[page_type]


def __getattr__(name: str):
    """Names that other test modules import with ``from conftest import ...``.

    With two conftest.py files (tests/ and tests/browser/), ``conftest`` in sys.modules is
    whichever pytest imported last, which is this one once tests/browser is collected.
    Shared helpers live in tests/helpers.py; hand them over from there (PEP 562).
    """
    if name.startswith("__"):
        raise AttributeError(name)
    tests_dir = str(Path(__file__).resolve().parent.parent)
    if tests_dir not in sys.path:
        sys.path.append(tests_dir)
    try:
        import helpers
    except ImportError as exc:
        raise AttributeError(name) from exc
    try:
        return getattr(helpers, name)
    except AttributeError:
        raise AttributeError(f"module 'conftest' has no attribute {name!r}") from None
