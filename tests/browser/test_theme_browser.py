"""Issue 28: the campaign theme at 360 px in Debian's Chromium, against the served example
site (conftest.py): nothing overflows, long words break with a hyphen, logos keep their
shape, a compact header with a menu button, results and the campaign on the first screen,
a play button clear of the poster's headline, and a vacancy that prints its address."""

from __future__ import annotations

import re

import pytest

PHONE = {"width": 360, "height": 780}

# Page types from siteserver.discover_pages, or paths below the base URL.
TEXT_PAGES = [
    "home",
    "vacancy-list",
    "category-list",
    "vacancy-open",
    "vacancy-expired",
    "story-video",
    "story-list",
    "faq",
    "arbeitgeber/",
    "arbeitgeber/jobcenter-lindenfeld/",
    "berufe/",
    "berufe/verwaltungsfachangestellte/",
    "termine/ausbildungsmesse-2037/",
]

# Block-level text boxes whose content overflows them, or that stick out of the box that
# holds them (up to the nearest scroll container, e.g. a wide table's wrapper).
OVERFLOWS = """() => {
  const out = [];
  const clips = cs => ['auto', 'scroll', 'hidden', 'clip'].includes(cs.overflowX);
  const sel = 'h1,h2,h3,h4,p,li,dt,dd,label,summary,button,.button,.tag,th,td,figcaption,a';
  for (const el of document.body.querySelectorAll(sel)) {
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (cs.display === 'none' || cs.visibility === 'hidden' || r.width <= 1) continue;
    if (el.closest('[hidden], details:not([open]) > :not(summary)')) continue;
    const name = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') +
      ' "' + el.textContent.trim().slice(0, 40) + '"';
    if (cs.display !== 'inline' && !clips(cs) && el.scrollWidth > el.clientWidth + 1)
      out.push(`${name}: content ${el.scrollWidth} px in a ${el.clientWidth} px box`);
    let box = el.parentElement;
    while (box && getComputedStyle(box).display === 'inline') box = box.parentElement;
    if (!box || clips(getComputedStyle(box))) continue;
    const b = box.getBoundingClientRect();
    if (r.right > b.right + 1 || r.left < b.left - 1)
      out.push(`${name}: ${Math.round(r.left)}..${Math.round(r.right)} outside its box ` +
               `${Math.round(b.left)}..${Math.round(b.right)}`);
  }
  const de = document.documentElement;
  if (de.scrollWidth > de.clientWidth) out.push(`page scrolls sideways: ${de.scrollWidth}`);
  return out;
}"""


@pytest.mark.parametrize("target", TEXT_PAGES)
def test_no_text_box_overflows_at_360(open_page, target):
    page, rec = open_page(target, **PHONE)
    problems = page.evaluate(OVERFLOWS)
    assert problems == [], f"{target} at 360 px:\n" + "\n".join(problems)
    assert rec.console_errors == []


# Every word of more than 12 letters in a heading or label either carries soft hyphens
# from the build, or the browser may hyphenate it (hyphens: auto in a German element).
UNBREAKABLE = r"""() => {
  const out = [];
  const sel = 'h1,h2,h3,h4,dt,th,label,.tag,button,.button,summary';
  for (const el of document.body.querySelectorAll(sel)) {
    if (!el.getClientRects().length) continue;
    const text = el.textContent;
    const cs = getComputedStyle(el);
    const lang = (el.closest('[lang]') || {}).lang || '';
    const auto = cs.hyphens === 'auto' && lang.startsWith('de');
    for (const word of text.match(/[\p{L}\u00ad]+/gu) || []) {
      const letters = word.replace(/\u00ad/g, '');
      if (letters.length > 12 && !word.includes('\u00ad'))
        out.push({tag: el.tagName.toLowerCase(), word: letters, auto: auto});
    }
  }
  return out;
}"""


@pytest.mark.parametrize("target", TEXT_PAGES)
def test_long_words_in_headings_and_labels_can_break_with_a_hyphen(open_page, target):
    page, _ = open_page(target, **PHONE)
    found = page.evaluate(UNBREAKABLE)
    # hyphens:auto alone depends on the browser's German dictionary; it counts as the
    # issue allows, but the build's soft hyphens are what this site is meant to ship.
    bad = [f"<{f['tag']}> {f['word']}" for f in found if not f["auto"]]
    assert bad == [], f"{target}: long words without a place to break:\n" + "\n".join(bad)
    soft = [f"<{f['tag']}> {f['word']}" for f in found]
    assert soft == [], f"{target}: long words without soft hyphens:\n" + "\n".join(soft)
    assert page.evaluate("document.documentElement.lang") == "de"


# Words that the browser had to break in the middle, with no hyphen: "Bewerbung|sschluss".
BROKEN_WORDS = r"""() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || !el.getClientRects().length || el.closest('script, [hidden]')) continue;
    // (the inside of a closed <details> is not shown: Chromium lays it out regardless)
    if (el.closest('details:not([open]) > :not(summary)')) continue;
    for (const m of node.data.matchAll(/[\p{L}­]+/gu)) {
      if (m[0].includes('­') || m[0].length < 4) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                       .map(r => Math.round(r.top)));
      if (tops.size > 1) out.push(`<${el.tagName.toLowerCase()}> ${m[0]}`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("target", TEXT_PAGES)
def test_no_word_is_broken_without_a_hyphen(open_page, target):
    page, _ = open_page(target, **PHONE)
    broken = page.evaluate(BROKEN_WORDS)
    assert broken == [], f"{target} at 360 px, broken mid-word:\n" + "\n".join(broken)


@pytest.mark.parametrize("target", ["arbeitgeber/", "home", "arbeitgeber/jobcenter-lindenfeld/"])
def test_employer_logos_keep_their_aspect_ratio(open_page, target):
    page, _ = open_page(target, **PHONE)
    logos = page.locator(".employer-card img, .logos img, img.employer-logo")
    assert logos.count() >= 1, f"{target}: no employer logo"
    for i in range(logos.count()):
        logo = logos.nth(i)
        logo.scroll_into_view_if_needed()
        logo.evaluate("img => img.decode()")
        m = logo.evaluate(
            "img => {const r = img.getBoundingClientRect();"
            " return {w: r.width, h: r.height, nw: img.naturalWidth, nh: img.naturalHeight,"
            " src: img.getAttribute('src')}}"
        )
        assert m["nw"] and m["nh"] and m["h"], m
        drawn, natural = m["w"] / m["h"], m["nw"] / m["nh"]
        assert abs(drawn / natural - 1) <= 0.02, f"{target}: logo drawn {drawn:.3f}:1, is {m}"


@pytest.mark.parametrize("target", ["home", "vacancy-open", "story-video", "faq"])
def test_header_is_compact_and_the_menu_opens_with_the_keyboard(open_page, target):
    page, _ = open_page(target, **PHONE)
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] <= 120
    nav_links = page.locator("#menu a")
    assert nav_links.count() >= 3
    assert not nav_links.first.is_visible()
    button = page.locator("button.menu-toggle")
    assert button.get_attribute("aria-controls") == "menu"
    assert button.get_attribute("aria-expanded") == "false"
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('button.menu-toggle')"):
            break
    else:
        pytest.fail("Tab never reached the menu button")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    for i in range(nav_links.count()):
        assert nav_links.nth(i).is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#menu') !== null")
    assert page.evaluate("document.activeElement.tagName") == "A"
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.matches('button.menu-toggle')")
    assert not nav_links.first.is_visible()


def test_without_javascript_the_menu_link_opens_the_nav(chromium, site):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("home"))
        assert not page.locator("button.menu-toggle").is_visible()
        assert not page.locator("#menu a").first.is_visible()
        page.locator("a.menu-toggle").click()
        assert page.locator("#menu a").first.is_visible()
        assert page.locator("#menu a").count() >= 3
    finally:
        context.close()


def test_desktop_header_is_one_row(open_page):
    page, _ = open_page("home", width=1280, height=800)
    brand = page.locator(".brand").bounding_box()
    links = page.locator("#menu a")
    assert links.first.is_visible() and not page.locator(".menu-toggle").first.is_visible()
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["y"] < brand["y"] + brand["height"], "the nav wrapped below the logo"


@pytest.mark.parametrize("target", ["vacancy-list", "category-list"])
def test_first_vacancy_is_on_the_first_phone_screen(open_page, target):
    page, _ = open_page(target, **PHONE)
    first = page.locator(".cards > li").first
    assert first.bounding_box()["y"] < PHONE["height"] - 100, "first card starts too low"
    # The ways to narrow fold away; there is one of them at a time.
    refine = page.locator("details.refine")
    assert refine.count() == 1 and refine.get_attribute("open") is None
    refine.locator("summary").click()
    if target == "vacancy-list":
        page.locator("#filter").wait_for(state="visible")
        assert page.locator(".refine-links:visible").count() == 0
        assert page.locator("#filter input[name=arbeitgeber]").first.is_visible()
    else:
        assert page.locator(".refine-links a").first.is_visible()


def test_home_first_screen_shows_the_campaign_and_the_way_to_the_vacancies(open_page, site):
    page, _ = open_page("home", **PHONE)
    on_screen = """el => { const r = el.getBoundingClientRect();
        return r.width > 40 && r.height > 40 && r.top < innerHeight && r.bottom > 0; }"""
    pictures = page.locator("main img, main video")
    shown = [
        i
        for i in range(pictures.count())
        if pictures.nth(i).evaluate(on_screen) and pictures.nth(i).evaluate("el => !!el.src")
    ]
    assert shown, "no picture or video poster on the first screen"
    img = pictures.nth(shown[0])
    img.evaluate("img => img.decode ? img.decode() : null")
    assert img.evaluate("img => img.naturalWidth || img.videoWidth || 1") > 0
    links = page.locator("main a[href$='/stellen/']")
    in_view = [
        links.nth(i)
        for i in range(links.count())
        if links.nth(i).is_visible()
        and links.nth(i).evaluate("a => a.getBoundingClientRect().bottom <= innerHeight")
    ]
    assert in_view, "no link to the vacancies on the first screen"
    h1 = page.locator("h1").inner_text().replace("\u00ad", "")
    title = page.locator(".brand").inner_text().strip()
    assert h1.strip() and h1.strip() != title, "the big heading repeats the header title"
    # Category entry points near the top, not at the bottom of the page.
    category = page.locator("main a[href*='/stellen/kategorie/']").first
    assert category.bounding_box()["y"] < 2 * PHONE["height"]


def story_with(site, pattern: str) -> str:
    for page in sorted((site.out / "geschichten").glob("*/index.html")):
        if re.search(pattern, page.read_text(encoding="utf-8")):
            return page.parent.relative_to(site.out).as_posix() + "/"
    pytest.fail(f"the example site has no story with {pattern!r}")


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("target", ["home", "story"])
def test_play_button_leaves_the_posters_top_half_free(open_page, site, target, width):
    if target == "story":
        target = story_with(site, "video-facade")
    page, _ = open_page(target, width=width, height=800)
    facades = page.locator(".video-facade")
    assert facades.count() >= 1, f"{target}: no video facade"
    for i in range(facades.count()):
        facade = facades.nth(i)
        button = facade.locator("button.video-play")
        button.scroll_into_view_if_needed()
        assert button.is_visible()
        frame = facade.locator("xpath=ancestor::div[contains(@class,'video-frame')]")
        frame = frame.bounding_box()
        box = button.bounding_box()
        assert box["y"] >= frame["y"] + frame["height"] / 2, (
            f"{target} at {width}: the button ({box}) covers the poster's top half ({frame})"
        )
        assert box["y"] + box["height"] <= frame["y"] + frame["height"] + 0.5


@pytest.mark.parametrize("kind", ["<video ", "video-facade", "vacancy"])
def test_story_does_not_stack_its_picture_and_the_video_poster(open_page, site, kind):
    # The example's Ordnungsdienst vacancy has a picture and a video too.
    target = "stellen/kommunaler-ordnungsdienst/" if kind == "vacancy" else story_with(site, kind)
    page, _ = open_page(target, **PHONE)
    picture = page.locator("main article > img, main .story-head img").first
    poster = page.locator(".video").first
    between = page.evaluate(
        """([a, b]) => {
            const y0 = a.getBoundingClientRect().bottom, y1 = b.getBoundingClientRect().top;
            return y1 - y0;
        }""",
        [picture.element_handle(), poster.element_handle()],
    )
    assert picture.evaluate("el => !el.closest('.video')"), "the story should lead with its picture"
    assert between > PHONE["height"], f"picture and poster only {between} px apart"


def test_vacancy_prints_its_address_without_links_to_press(open_page, site):
    page, _ = open_page("vacancy-open", **PHONE)
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert page.locator(".share").is_visible()
    assert not page.locator(".print-address").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".share").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("nav").first.is_visible()
    assert page.locator("nav:visible").count() == 0
    assert page.locator("a.button-apply:visible").count() <= 1
    address = page.locator(".print-address")
    assert address.is_visible()
    assert canonical in address.inner_text()
    qr = address.locator("img")
    assert qr.is_visible()
    qr.evaluate("img => img.decode()")
    assert re.search(r"qr\.svg$", qr.get_attribute("src"))
    assert qr.evaluate("img => img.naturalWidth") > 0
    box = qr.bounding_box()
    assert 80 <= box["width"] <= 200, f"the QR code should be small but scannable: {box}"
    page.emulate_media(media="screen")
    assert page.locator(".share").is_visible()


def test_the_sites_own_font_is_self_hosted_with_its_licence(open_page, site):
    page, rec = open_page("home", **PHONE)
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.evaluate("""document.fonts.check('700 20px "Brand Sans"')""")
    assert (
        page.locator("h1")
        .evaluate("h => getComputedStyle(h).fontFamily")
        .startswith('"Brand Sans"')
    )
    fonts = [u for u in rec.requests if u.endswith(".woff2")]
    assert fonts and all(u.startswith(site.base_url) for u in fonts), fonts
    licence = (site.out / "assets" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence


def test_breadcrumb_current_page_sits_on_the_links_line(open_page):
    page, _ = open_page("vacancy-open", width=1280, height=800)
    link = page.locator(".breadcrumbs a").first.bounding_box()
    current = page.locator(".breadcrumbs [aria-current=page]").bounding_box()
    assert abs(link["y"] - current["y"]) <= 1 and abs(link["height"] - current["height"]) <= 1


def test_faq_markers_stay_inside_the_column(open_page):
    page, _ = open_page("faq", **PHONE)
    summaries = page.locator("details.faq > summary")
    assert summaries.count() >= 3
    left = page.locator("main .wrap").first.evaluate(
        "el => el.getBoundingClientRect().left + parseFloat(getComputedStyle(el).paddingLeft)"
    )
    for i in range(summaries.count()):
        summary = summaries.nth(i)
        # A list-item summary draws its triangle outside its box, into the margin.
        assert summary.evaluate("s => getComputedStyle(s).display") != "list-item"
        assert summary.bounding_box()["x"] >= left - 0.5


def test_event_facts_box_has_room_at_the_top(open_page):
    page, _ = open_page("termine/ausbildungsmesse-2037/", **PHONE)
    box = page.locator(".facts-box").first
    padding = box.evaluate("el => parseFloat(getComputedStyle(el).paddingTop)")
    first = box.locator("dt").first.bounding_box()["y"] - box.bounding_box()["y"]
    assert padding >= 12 and first >= 12
