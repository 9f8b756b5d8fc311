"""The question form in Chromium: filled with the keyboard and sent to a receiver that
the test starts on 127.0.0.1, with and without JavaScript, under the page's own CSP
(<meta>: form-action names exactly the receiver); the browser's checks shown next to
their fields; axe on /fragen/ in German and Arabic at 360 and 1280 px.

The site is the example site with `forms: action:` pointed at the receiver, built for
http://127.0.0.1:<port>/karriere/: a site built for this machine may post to http on it.
"""

from __future__ import annotations

import http.server
import re
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from siteserver import REPO_ROOT, SUB_PATH, Server, build_site
from test_browser_pages import format_violations, run_axe

THANKS = b'<!doctype html><html lang="de"><title>Danke</title><p>Danke</p></html>'


class Receiver:
    """The employer's form server, as small as it gets: it keeps every POST."""

    def __init__(self):
        posts = self.posts = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fields = parse_qs(body.decode("utf-8"), keep_blank_values=True)
                posts.append((self.path, self.headers.get("Content-Type"), fields))
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(THANKS)))
                self.end_headers()
                self.wfile.write(THANKS)

            def log_message(self, format, *args):  # noqa: A002 - quiet
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/karriere/frage"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def receiver():
    r = Receiver()
    yield r
    r.stop()


@pytest.fixture(scope="module")
def form_site(receiver):
    """The example site, its form sent to the receiver; served like the other tests'."""
    tmp = Path(tempfile.mkdtemp(prefix="karriere-form-"))
    site = tmp / "site"
    for name in ("content", "themes"):
        shutil.copytree(REPO_ROOT / name, site / name)
    yaml = (REPO_ROOT / "site.yaml").read_text(encoding="utf-8")
    yaml, count = re.subn(r'action: "[^"]+"', f'action: "{receiver.url}"', yaml)
    assert count == 1
    yaml = yaml.replace("    phone: telefon", "    phone: telefon\n    consent: true")
    (site / "site.yaml").write_text(yaml, encoding="utf-8")
    server = Server(tmp / "www")
    try:
        build_site(site, tmp / "www" / SUB_PATH, server.base_url)
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def open_form(chromium, form_site, receiver):
    """open_form(path="fragen/", width=1280, javascript=True) -> (page, console, foreign)"""
    contexts = []
    allowed = {form_site.origin, f"http://127.0.0.1:{receiver.httpd.server_address[1]}"}

    def _open(path="fragen/", width=1280, javascript=True):
        ctx = chromium.new_context(
            viewport={"width": width, "height": 800}, locale="de-DE", java_script_enabled=javascript
        )
        contexts.append(ctx)
        console, foreign = [], []

        def route(r):
            parts = urlsplit(r.request.url)
            if f"{parts.scheme}://{parts.netloc}" in allowed or parts.scheme == "data":
                r.continue_()
            else:
                foreign.append(r.request.url)
                r.abort("blockedbyclient")

        ctx.route("**/*", route)
        page = ctx.new_page()
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
        # A CSP violation is reported to the page; keep the reports across the navigation.
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
        )
        page.goto(form_site.base_url + path, wait_until="load")
        return page, console, foreign

    yield _open
    for ctx in contexts:
        ctx.close()


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_to(page, element_id: str, visited: list[str], limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        visited.append(focused_id(page))
        if visited[-1] == element_id:
            return
    pytest.fail(f"Tab never reached #{element_id}; reached {visited}")


def test_keyboard_fills_and_sends_the_form_to_the_receiver(open_form, receiver):
    page, console, foreign = open_form()
    receiver.posts.clear()
    visited: list[str] = []
    tab_to(page, "frage-per-email", visited)
    page.keyboard.press("ArrowDown")  # the radio group: "Mit einem Rückruf"
    assert focused_id(page) == "frage-rueckruf"
    for field, typed in (
        ("frage-name", "Aylin Demir"),
        ("frage-email", "aylin@example.org"),
        ("frage-telefon", "0221 123456"),
        ("frage-text", "Kann ich die Ausbildung in Teilzeit machen?"),
    ):
        tab_to(page, field, visited, limit=3)
        page.keyboard.type(typed)
    tab_to(page, "frage-einwilligung", visited, limit=3)  # past the privacy link
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation(url=receiver.url):
        page.keyboard.press("Enter")
    assert "frage-website" not in visited  # the honeypot is never reached
    (path, content_type, fields), *more = receiver.posts
    assert not more and path == "/karriere/frage"
    assert content_type == "application/x-www-form-urlencoded"
    assert fields == {
        "reply": ["callback"],
        "name": ["Aylin Demir"],
        "email": ["aylin@example.org"],
        "telefon": ["0221 123456"],
        "message": ["Kann ich die Ausbildung in Teilzeit machen?"],
        "website": [""],
        "consent": ["ja"],
    }
    assert not [c for c in console if "CSP" in c or "Content Security Policy" in c], console
    assert foreign == []


def test_the_form_is_a_plain_post_without_javascript(open_form, receiver):
    page, console, foreign = open_form(javascript=False)
    receiver.posts.clear()
    page.fill("#frage-text", "Gibt es einen Tag der offenen Tür?")
    page.fill("#frage-email", "leon@example.org")
    page.check("#frage-einwilligung")
    with page.expect_navigation(url=receiver.url):
        page.click("button[type=submit]")
    (_, _, fields), *more = receiver.posts
    assert not more
    assert fields["message"] == ["Gibt es einen Tag der offenen Tür?"]
    assert fields["email"] == ["leon@example.org"] and fields["reply"] == ["email"]
    assert fields["website"] == [""]
    assert not [c for c in console if "Content Security Policy" in c], console


def test_a_missing_answer_is_shown_next_to_its_field(open_form, receiver):
    page, console, _ = open_form()
    receiver.posts.clear()
    page.check("#frage-einwilligung")
    page.click("button[type=submit]")
    error = page.locator("#frage-text-fehler")
    assert error.inner_text().strip()  # the browser's own message, beside the field
    assert page.get_attribute("#frage-text", "aria-invalid") == "true"
    assert "frage-text-fehler" in page.get_attribute("#frage-text", "aria-describedby")
    assert focused_id(page) == "frage-text"
    page.keyboard.type("Jetzt mit Frage")
    assert error.inner_text().strip() == "" and receiver.posts == []


@pytest.mark.parametrize("path", ["fragen/", "ar/fragen/"])
@pytest.mark.parametrize("width", [360, 1280])
def test_questions_page_passes_axe(open_form, path, width):
    page, console, foreign = open_form(path, width)
    violations = run_axe(page)
    assert not violations, f"/{path} at {width}px:\n" + format_violations(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert foreign == [] and not [c for c in console if c.startswith("error")], console
