"""Issue 7: one page of every type, in Debian's Chromium, served over HTTP under a sub-path.

Checks per page: axe-core (WCAG 2.1 A/AA) with axe in every frame, console errors,
requests to other hosts, horizontal scrolling at 320 px, visible focus, a working skip
link; plus a keyboard-only path from the home page to a vacancy's "Jetzt bewerben" link.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from siteserver import REPO_ROOT

AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), "
    "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
)


def _axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in the repository root")
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page) -> list[dict]:
    source = _axe_source()
    for frame in page.frames:  # every frame, or iframes come back "incomplete"
        frame.evaluate(source)
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')),
                summary: v.nodes.map(n => n.failureSummary),
            }));
        }""",
        AXE_TAGS,
    )
    return result


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} [{v['impact']}]: {v['help']}")
        for target, summary in zip(v["targets"], v["summary"], strict=False):
            lines.append(f"    {target}")
            for s in (summary or "").splitlines()[:3]:
                lines.append(f"        {s}")
    return "\n".join(lines)


# --- per page type ---------------------------------------------------------------------


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_axe_wcag21_aa(open_page, page_path, page_type, width):
    page, rec = open_page(page_path, width=width)
    violations = run_axe(page)
    assert not violations, (
        f"{len(violations)} axe violation(s) on {page_type} ({page.url}) at {width}px:\n"
        + format_violations(violations)
    )


def test_no_console_errors_no_foreign_requests(open_page, page_path, page_type, site):
    page, rec = open_page(page_path, wait="networkidle")
    expected_status = 404 if page_type == "404" else 200
    assert rec.status == expected_status, f"{page.url} answered {rec.status}"
    errors = rec.console_errors
    if page_type == "404":
        # The document itself is a 404 on purpose; Chromium logs that one as an error.
        errors = [
            e
            for e in errors
            if not (e.startswith("Failed to load resource") and page.url in e and "404" in e)
        ]
    assert not rec.foreign, (
        f"requests to hosts other than {site.origin} on {page_type}:\n" + "\n".join(rec.foreign)
    )
    assert not errors, f"console errors on {page_type} ({page.url}):\n" + "\n".join(errors)
    # Every request the page made must have been to the test server and under the sub-path.
    for url in rec.requests:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https"):
            assert parts.path.startswith("/karriere/") or parts.path == "/favicon.ico", (
                f"{page_type}: request outside the site's sub-path: {url}"
            )


def test_no_horizontal_scroll_at_320px(open_page, page_path, page_type):
    page, _ = open_page(page_path, width=320, height=640)
    m = page.evaluate(
        """() => {
            const de = document.documentElement;
            const wide = [];
            for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width && (r.right > de.clientWidth + 0.5 || r.left < -0.5)) {
                    const cs = getComputedStyle(el);
                    if (cs.visibility !== 'hidden' && cs.display !== 'none')
                        wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                          (el.className && typeof el.className === 'string'
                            ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
                          ` right=${Math.round(r.right)}`);
                }
            }
            return {scrollWidth: de.scrollWidth, clientWidth: de.clientWidth,
                    bodyScroll: document.body.scrollWidth, wide: wide.slice(0, 10)};
        }"""
    )
    assert m["scrollWidth"] <= m["clientWidth"] and m["bodyScroll"] <= m["clientWidth"], (
        f"{page_type} scrolls horizontally at 320px: scrollWidth={m['scrollWidth']} "
        f"clientWidth={m['clientWidth']}; elements sticking out: {m['wide']}"
    )


def _focused_info(page) -> dict | None:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body || el === document.documentElement) return null;
            const r = el.getBoundingClientRect();
            const zone = el.closest('header, nav, main, aside, footer');
            return {tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || '')
                      .trim().slice(0, 40), href: el.getAttribute('href'),
                    kind: [el.tagName, el.className, el.getAttribute('role'),
                           zone && (zone.tagName + '.' + zone.className)].join('|'),
                    x: r.x, y: r.y, w: r.width, h: r.height,
                    html: el.outerHTML.slice(0, 120)};
        }"""
    )


MAX_FOCUS_STOPS = 40


def test_visible_focus(open_page, page_path, page_type):
    """Keyboard focus is visible on every kind of Tab stop of the page.

    We Tab through the page (up to 40 stops). For each new kind of stop (same tag, class
    and landmark = same styling) we screenshot the element's surroundings while it has
    keyboard focus and again after blurring it (transitions disabled): they must differ.
    """
    page, _ = open_page(page_path, width=1280, height=800)
    page.mouse.move(0, 0)
    invisible, seen, kinds = [], 0, set()
    for _ in range(MAX_FOCUS_STOPS):
        page.keyboard.press("Tab")
        info = _focused_info(page)
        if info is None:
            break
        seen += 1
        if info["kind"] in kinds:
            continue
        kinds.add(info["kind"])
        if info["w"] < 1 or info["h"] < 1:
            invisible.append(f"zero-size focused element: {info['html']}")
            continue
        pad = 6
        vw = page.viewport_size
        x = max(info["x"] - pad, 0)
        y = max(info["y"] - pad, 0)
        clip = {
            "x": x,
            "y": y,
            "width": max(min(info["w"] + 2 * pad, vw["width"] - x), 1),
            "height": max(min(info["h"] + 2 * pad, vw["height"] - y), 1),
        }
        focused = page.screenshot(clip=clip, animations="disabled", caret="hide")
        handle = page.evaluate_handle("document.activeElement")
        page.evaluate("el => el.blur()", handle)
        blurred = page.screenshot(clip=clip, animations="disabled", caret="hide")
        # Put focus back where it was so the next Tab continues from there.
        page.evaluate("el => el.focus({preventScroll: true})", handle)
        if focused == blurred:
            invisible.append(f"no visible focus indicator: {info['html']}")
    assert seen > 0, f"{page_type}: Tab never focused anything"
    assert not invisible, f"{page_type} ({page.url}):\n" + "\n".join(invisible)


def test_skip_link(open_page, page_path, page_type):
    page, _ = open_page(page_path, width=1280, height=800)
    page.keyboard.press("Tab")
    info = _focused_info(page)
    assert info and info["tag"] == "a" and (info["href"] or "").startswith("#"), (
        f"{page_type}: the first Tab stop is not a skip link: {info}"
    )
    assert info["w"] >= 1 and info["h"] >= 1 and info["y"] >= 0 and info["y"] < 800, (
        f"{page_type}: the skip link is not visible when focused: {info}"
    )
    target_id = info["href"][1:]
    assert page.locator(f"[id='{target_id}']").count() == 1, (
        f"{page_type}: skip link target #{target_id} does not exist (exactly once)"
    )
    page.keyboard.press("Enter")
    # The fragment navigation is synchronous in the page but reaches Playwright's page.url
    # a moment later: give it a few seconds under load. (Not wait_for_function: its
    # string predicate needs eval, which the site's CSP forbids once it has to poll.)
    expect(page).to_have_url(re.compile("#" + re.escape(target_id) + "$"), timeout=5000)
    # The next Tab must land inside the target (or after it), not back in the header.
    page.keyboard.press("Tab")
    pos = page.evaluate(
        """(id) => {
            const t = document.getElementById(id), a = document.activeElement;
            if (!a || a === document.body) return 'nothing';
            if (t.contains(a)) return 'inside';
            return (t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING)
                ? 'after' : 'before: ' + a.outerHTML.slice(0, 100);
        }""",
        target_id,
    )
    if pos == "nothing":
        # Only fine when there is nothing focusable in or after the target.
        assert not page.evaluate(
            "([id, sel]) => document.getElementById(id).querySelector(sel)",
            [target_id, FOCUSABLE],
        ), f"{page_type}: after the skip link, Tab focused nothing"
    else:
        assert pos in ("inside", "after"), (
            f"{page_type}: after the skip link, Tab went to an element {pos}"
        )


# --- keyboard path ---------------------------------------------------------------------

VACANCY_HREF = re.compile(r"/stellen/(?!kategorie/)[^/#?]+/$")


def _tab_until(page, predicate, limit: int, what: str) -> dict:
    trail = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = _focused_info(page)
        if info is None:
            continue
        trail.append(f"{info['tag']} {info['text']!r} {info['href']}")
        if predicate(info):
            return info
    pytest.fail(f"no {what} within {limit} Tab presses; visited:\n" + "\n".join(trail))


def test_keyboard_path_home_to_apply(open_page, site):
    page, _ = open_page("home", width=1280, height=800)
    page.mouse.move(0, 0)
    link = _tab_until(
        page,
        lambda i: i["tag"] == "a" and bool(VACANCY_HREF.search(urlsplit(i["href"] or "").path)),
        80,
        "link to a vacancy",
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert VACANCY_HREF.search(urlsplit(page.url).path), f"{link} led to {page.url}"
    apply = _tab_until(
        page,
        lambda i: "jetzt bewerben" in i["text"].lower(),
        80,
        '"Jetzt bewerben" link',
    )
    assert apply["tag"] == "a" and apply["href"], f"'Jetzt bewerben' is not a link: {apply}"
    assert re.match(r"(https://|mailto:)", apply["href"]), apply
