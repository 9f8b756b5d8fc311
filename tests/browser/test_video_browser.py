"""Videos in a real browser: nothing leaves before a click, keyboard works, CSP holds.

Uses the built, served example site from conftest.py. Every request a page makes is
routed through the recorder there: requests to anything but the test server are
recorded and aborted, never let out. A second server serves the same output with the
headers from its `_headers` file, so the CSP is tested as a host would send it.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from urllib.parse import urlsplit

import pytest
from conftest import PageRecorder, headers_for

# Collects CSP violations in every frame; added before any page script runs.
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def all_pages(site) -> list[str]:
    """Every HTML page of the built example site, as a path below the base URL."""
    paths = []
    for f in site.html_files():
        rel = f.relative_to(site.out).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


def pages_with(site, pattern: str) -> list[str]:
    found = []
    for path in all_pages(site):
        name = path + "index.html" if path.endswith("/") or not path else path
        if re.search(pattern, (site.out / name).read_text(encoding="utf-8")):
            found.append(path)
    return found


def parse_headers(text: str) -> str:
    """A Netlify/Cloudflare `_headers` file, checked to start with a rule for every path."""
    lines = text.splitlines()
    assert lines and lines[0] == "/*", "_headers should start with a rule for every path"
    return text


@pytest.fixture(scope="module")
def headers_origin(site):
    """The built site again, served with the response headers from its `_headers`."""
    headers = parse_headers((site.out / "_headers").read_text(encoding="utf-8"))

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002
            pass

        def end_headers(self):  # each path with the rules that match it, as the hosts do
            for name, value in headers_for(headers, urlsplit(self.path).path).items():
                self.send_header(name, value)
            super().end_headers()

    root = site.out.parent
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root))
    )
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def open_with_headers(site, chromium, headers_origin):
    contexts = []

    def _open(path: str, javascript: bool = True):
        ctx = chromium.new_context(
            viewport={"width": 1280, "height": 800}, locale="de-DE", java_script_enabled=javascript
        )
        contexts.append(ctx)
        page = ctx.new_page()
        rec = PageRecorder(page, headers_origin)
        ctx.route("**/*", rec.route)
        page.add_init_script(CSP_LISTENER)
        base = urlsplit(site.base_url).path
        response = page.goto(headers_origin + base + path, wait_until="load")
        assert response is not None and response.ok, path
        return page, rec

    yield _open
    for ctx in contexts:
        ctx.close()


def csp_messages(rec) -> list[str]:
    return [m for m in rec.console_errors if "Content Security Policy" in m or "Refused to" in m]


def test_headers_are_served(site, headers_origin):
    import urllib.request

    with urllib.request.urlopen(site.base_url.replace(site.origin, headers_origin)) as r:
        csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-src https://www.youtube-nocookie.com" in csp


def test_every_page_loads_nothing_foreign_and_breaks_no_csp(site, open_with_headers):
    pages = all_pages(site)
    assert len(pages) > 10, pages
    for path in pages:
        page, rec = open_with_headers(path)
        page.wait_for_timeout(50)  # let deferred scripts and lazy images settle
        assert rec.foreign == [], f"{path}: requests left the test server: {rec.foreign}"
        assert page.evaluate("window.__csp") == [], path
        assert csp_messages(rec) == [], path
        assert rec.console_errors == [], f"{path}: {rec.console_errors}"
        page.context.close()


def youtube_page(site) -> str:
    found = pages_with(site, r'data-video-src="https://www\.youtube-nocookie\.com/embed/')
    assert found, "the example site should have a YouTube video (issue 4)"
    german = [path for path in found if not re.match(r"[a-z]{2}/", path)]  # (the words)
    return german[0]


def test_click_loads_youtube_nocookie_only_then(site, open_with_headers):
    page, rec = open_with_headers(youtube_page(site))
    title = page.locator(".video-title").first.inner_text()
    # The accessible name; the title part is visually hidden (it is shown beneath).
    button = page.get_by_role("button", name=f"Video abspielen: {title}", exact=True)
    assert button.is_visible()
    assert rec.foreign == []
    button.click()
    frame = page.locator(".video-frame iframe").first
    frame.wait_for(state="attached")
    src = frame.get_attribute("src")
    assert urlsplit(src).netloc == "www.youtube-nocookie.com" and "autoplay=1" in src
    assert frame.get_attribute("title").endswith(title)
    assert "autoplay" in frame.get_attribute("allow")
    page.wait_for_timeout(200)
    # The player was asked for, allowed by the CSP, and stopped by the test: not let out.
    assert rec.foreign and all(
        urlsplit(u).netloc == "www.youtube-nocookie.com" for u in rec.foreign
    ), rec.foreign
    assert page.evaluate("window.__csp") == []
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"


def test_facade_works_with_the_keyboard_alone(site, open_with_headers):
    page, rec = open_with_headers(youtube_page(site))
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.video-facade button')"):
            break
    else:
        pytest.fail("Tab never reached the play button")
    assert rec.foreign == []
    page.keyboard.press("Enter")
    page.locator(".video-frame iframe").first.wait_for(state="attached")
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    assert "youtube-nocookie.com" in page.evaluate("document.activeElement.src")


def test_without_javascript_the_facade_is_a_link(site, open_with_headers):
    page, rec = open_with_headers(youtube_page(site), javascript=False)
    link = page.locator(".video-facade a.video-play").first
    assert link.is_visible()
    assert urlsplit(link.get_attribute("href")).netloc == "www.youtube.com"
    assert not page.locator(".video-facade button").first.is_visible()
    assert rec.foreign == []


def test_self_hosted_videos_preload_nothing_and_have_captions(site, open_with_headers):
    found = pages_with(site, r"<video ")
    assert found, "the example site should have self-hosted videos (issue 4)"
    vertical = 0
    for path in found:
        page, rec = open_with_headers(path)
        for video in page.locator("video").all():
            assert video.get_attribute("preload") == "none"
            assert video.get_attribute("poster")
            track = video.locator("track")
            assert track.get_attribute("kind") == "captions"
            assert track.get_attribute("srclang") == "de"
            box = video.bounding_box()
            if box["height"] > box["width"]:
                vertical += 1
                assert box["width"] <= 24 * 16 + 1  # a phone-sized column, not full width
        # preload=none: not one byte of the clips before play (the poster is fine).
        clips = [u for u in rec.requests if re.search(r"\.(mp4|webm)(\?|$)", u)]
        assert clips == [], path
        assert rec.foreign == [] and page.evaluate("window.__csp") == []
        page.context.close()
    assert vertical >= 1, "the example site should have a vertical (9:16) clip"


def test_video_pages_pass_axe_before_and_after_play(site, open_with_headers):
    from test_browser_pages import format_violations, run_axe

    found = pages_with(site, r"data-video-src=|<video ")
    for path in found:
        page, rec = open_with_headers(path)
        violations = run_axe(page)
        assert violations == [], f"{path}:\n{format_violations(violations)}"
        buttons = page.locator(".video-facade button")
        if buttons.count():
            buttons.first.click()
            page.locator(".video-frame iframe").first.wait_for(state="attached")
            violations = run_axe(page)
            assert violations == [], f"{path} after play:\n{format_violations(violations)}"
        page.context.close()
