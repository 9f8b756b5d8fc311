"""Issue 32's ways to talk in Chromium, on a scratch site in German and Arabic: the "open
now" hint from the page's own phone hours with a fixed clock (open and closed, Berlin
time), hidden without JavaScript; the messenger notice: nothing requested before the
clicks, the link after, by keyboard too; axe finds nothing at 360 and 1280 px. (This
module serves its own site: `site` below replaces the example site for `open_page`.)"""

from __future__ import annotations

import sys

import pytest
from conftest import PageRecorder
from siteserver import REPO_ROOT, built_site
from test_browser_pages import format_violations, run_axe

sys.path.insert(0, str(REPO_ROOT / "tests"))
from helpers import SCRATCH_FILES, SITE_YAML, write_files  # noqa: E402

CONTACT = """\
contact:
  name: "Anna Muster"
  phone: "+49 2345 12-3456"
  phone_hours: "Mo–Fr 8–12, Do 14–18"
  email: "anna@example.org"
  consultation:
    - {title: "Azubi-Sprechstunde", when: "jeden Dienstag 15–17 Uhr", place: "Rathaus"}
  messengers:
    whatsapp: "+49 151 2345678"
    signal: "+49 151 2345679"
"""
FILES = {
    **SCRATCH_FILES,
    "site.yaml": SITE_YAML
    + CONTACT
    + "languages:\n  - {code: de, label: Deutsch}\n  - {code: ar, label: العربية}\n",
    "content/vacancies/sachbearbeitung.ar.md": "---\ntitle: موظف/ة في مكتب المواطنين\n---\nنص.\n",
}
# The contact block of a vacancy without its own contact: the site's person.
PAGES = {"de": "", "ar": "ar/"}
MESSENGER_HOSTS = ("wa.me", "signal.me", "threema.id")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = write_files(tmp_path_factory.mktemp("contact") / "site", FILES)
    with built_site(folder) as served:
        yield served


def hint_at(site, chromium, when: str, javascript: bool = True) -> tuple[bool, str]:
    """(hidden, text) of the open hint on the home page with the clock at `when`."""
    ctx = chromium.new_context(locale="de-DE", java_script_enabled=javascript)
    try:
        page = ctx.new_page()
        if javascript:
            page.clock.install(time=when)
        page.goto(site.url(""))
        hint = page.locator(".open-hint")
        if javascript:
            hint.wait_for(state="visible")
        return hint.is_hidden(), hint.inner_text()
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("when", "text"),
    [
        ("2026-12-07T09:30:00+01:00", "Jetzt erreichbar"),  # Monday morning, winter
        ("2026-12-10T15:00:00+01:00", "Jetzt erreichbar"),  # Thursday afternoon
        ("2026-12-07T15:00:00+01:00", "Gerade nicht erreichbar"),  # Monday afternoon
        ("2026-12-12T10:00:00+01:00", "Gerade nicht erreichbar"),  # Saturday
        # 06:30 UTC is 08:30 in Berlin in summer: open, though 06:30 anywhere else is not
        ("2026-07-06T06:30:00Z", "Jetzt erreichbar"),
        ("2026-07-06T10:30:00Z", "Gerade nicht erreichbar"),  # 12:30 in Berlin
    ],
)
def test_the_open_hint_follows_the_clock_in_berlin(site, chromium, when, text):
    hidden, shown = hint_at(site, chromium, when)
    assert not hidden and shown == text


def test_the_open_hint_is_hidden_without_javascript(site, chromium):
    hidden, _ = hint_at(site, chromium, "", javascript=False)
    assert hidden


def test_the_open_hint_is_a_polite_status_that_changes_only_with_the_state(site, chromium):
    ctx = chromium.new_context(locale="de-DE")
    try:
        page = ctx.new_page()
        page.clock.install(time="2026-12-07T11:58:00+01:00")
        page.goto(site.url(""))
        hint = page.locator(".open-hint")
        assert hint.get_attribute("role") == "status"  # polite by default
        page.evaluate("""() => { window.__changes = 0;
            new MutationObserver(m => window.__changes += m.length).observe(
              document.querySelector('.open-hint'), {childList: true, characterData: true}); }""")
        page.clock.run_for(60_000)  # 11:59: still open, nothing said again
        assert hint.inner_text() == "Jetzt erreichbar"
        assert page.evaluate("window.__changes") == 0
        page.clock.run_for(120_000)  # 12:01: closed
        assert hint.inner_text() == "Gerade nicht erreichbar"
        assert page.evaluate("window.__changes") >= 1
    finally:
        ctx.close()


def test_a_messenger_opens_only_after_the_notice(site, chromium):
    ctx = chromium.new_context(locale="de-DE")
    try:
        page = ctx.new_page()
        rec = PageRecorder(page, site.origin)
        ctx.route("**/*", rec.route)
        page.goto(site.url(""))
        summary = page.locator("details.messenger summary", has_text="Signal")
        link = page.locator("details.messenger a.messenger-link", has_text="Signal")
        assert not link.is_visible()
        summary.click()  # first click: the notice
        assert link.is_visible()
        notice = page.locator("details.messenger[open] .messenger-notice").inner_text()
        notice = notice.replace("\u00ad", "")  # (the build's soft hyphens)
        assert "Telefonnummer" in notice and "Signal" in notice
        assert not [u for u in rec.requests if any(h in u for h in MESSENGER_HOSTS)]
        assert link.get_attribute("href") == "https://signal.me/#p/+491512345679"
        link.click()  # second click: now the messenger, refused here by the recorder
        page.wait_for_timeout(300)
        assert any("signal.me" in u for u in rec.foreign)
        assert not any("wa.me" in u for u in rec.requests)
    finally:
        ctx.close()


def test_the_messenger_notice_works_by_keyboard(open_page):
    page, rec = open_page("")
    summary = page.locator("details.messenger summary", has_text="WhatsApp")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.messenger", has_text="WhatsApp").get_attribute("open") == ""
    stops = []
    for _ in range(2):  # the privacy page's link, then the messenger's
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.textContent"))
    assert [stop.replace("\u00ad", "") for stop in stops] == [
        "Mehr zum Datenschutz",
        "Weiter zu WhatsApp",
    ]
    assert not any("wa.me" in u for u in rec.requests)  # nothing before the second press
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert any(u.startswith("https://wa.me/491512345678") for u in rec.foreign)


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_contact_block_passes_axe(open_page, language, width):
    page, rec = open_page(PAGES[language], width=width)
    assert rec.status == 200
    page.locator(".open-hint").wait_for(state="visible")
    for details in page.locator("details.messenger").all():
        details.locator("summary").click()  # the notices open, checked too
    violations = run_axe(page)
    assert not violations, (
        f"{len(violations)} axe violation(s) on {PAGES[language] or '/'} at {width}px:\n"
        + format_violations(violations)
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert rec.console_errors == [] and rec.foreign == []
