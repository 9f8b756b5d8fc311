"""Issue 28: the A4 poster (Aushang) as a notice board needs it, in Debian's Chromium
against the served example site (conftest.py): printed to PDF it is exactly one A4 page;
in print emulation it shows the logo, the brand colour, a headline readable from two
metres, the deadline, a QR code of at least 6 cm that decodes to the page's address and
a row of tear-off strips with the short address, and nothing sticks out of the sheet. On
screen it passes axe at 360 and 1280 px and has a print button."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml
from helpers import zbar
from siteserver import REPO_ROOT
from test_browser_pages import format_violations, run_axe

CM = 96 / 2.54  # CSS pixels in a centimetre
A4_PT = (595.28, 841.89)  # 210 x 297 mm in PDF points
PICTURE_POSTER = "stellen/kommunaler-ordnungsdienst/aushang/"  # a picture and a deadline
PAGE_POSTER = "azubi-austausch/aushang/"  # a programme: no vacancy facts, no picture
FONT_FILE = re.compile(r"\.(woff2?|ttf|otf)(\?.*)?$")

# Every element of the sheet that sticks out of it, or whose text is cut.
OUTSIDE = """poster => {
  const out = [];
  const p = poster.getBoundingClientRect();
  if (poster.scrollHeight > poster.clientHeight + 1 || poster.scrollWidth > poster.clientWidth + 1)
    out.push(`the sheet holds ${poster.scrollWidth} x ${poster.scrollHeight} px ` +
             `in ${poster.clientWidth} x ${poster.clientHeight}`);
  for (const el of poster.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const name = `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}"`;
    if (r.left < p.left - 1 || r.right > p.right + 1 || r.top < p.top - 1 || r.bottom > p.bottom + 1)
      out.push(`${name} lies outside the sheet`);
    // Text wider than its box; or taller, where the box cuts it (a strip). A summary
    // longer than three lines is cut on purpose.
    const cs = getComputedStyle(el);
    const cuts = cs.overflow !== 'visible' && !el.classList.contains('poster-lead');
    if (cs.display !== 'inline' && el.tagName !== 'IMG' &&
        (el.scrollWidth > el.clientWidth + 1 || (cuts && el.scrollHeight > el.clientHeight + 1)))
      out.push(`${name}: ${el.scrollWidth} x ${el.scrollHeight} px of text ` +
               `in ${el.clientWidth} x ${el.clientHeight}`);
  }
  return out;
}"""


def short_address(url: str) -> str:
    """The poster's short address: no scheme, no "www.", no trailing slash."""
    return url.split("://", 1)[1].removeprefix("www.").rstrip("/")


def words(text: str) -> str:
    """Text as read: no soft hyphens, no line breaks."""
    return re.sub(r"\s+", "", text.replace("\u00ad", ""))


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of each page of a PDF that Chromium wrote: one
    /Type /Page object each, with its /MediaBox (or the tree's, which it inherits)."""
    pages = re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    sizes = [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]
    assert sizes, "no /MediaBox in the PDF"
    return [sizes[min(n, len(sizes) - 1)] for n in range(len(pages))]


def poster_paths(site) -> list[str]:
    return sorted(
        p.parent.relative_to(site.out).as_posix() + "/"
        for p in site.out.rglob("aushang/index.html")
    )


@pytest.fixture
def first_poster(site) -> str:
    """The first open vacancy's poster, as scripts/screenshots.py prints it."""
    return site.pages["vacancy-open"] + "aushang/"


@pytest.fixture
def printed(open_page):
    """open_page(...) in print emulation, the sheet as wide as on paper."""

    def _open(path: str):
        page, rec = open_page(path, width=1280, height=1200)
        page.emulate_media(media="print")
        return page, rec

    return _open


def test_example_site_has_the_posters_these_tests_need(site):
    paths = poster_paths(site)
    assert PICTURE_POSTER in paths and PAGE_POSTER in paths
    assert site.pages["vacancy-open"] + "aushang/" in paths


@pytest.mark.parametrize("which", ["first", "picture", "page"])
def test_poster_prints_on_exactly_one_a4_page(site, chromium, first_poster, which):
    path = {"first": first_poster, "picture": PICTURE_POSTER, "page": PAGE_POSTER}[which]
    page = chromium.new_page()
    try:
        page.goto(site.url(path), wait_until="networkidle")
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    sizes = pdf_pages(pdf)
    assert len(sizes) == 1, f"{path} prints on {len(sizes)} pages"
    (width, height) = sizes[0]
    assert abs(width - A4_PT[0]) < 1.5 and abs(height - A4_PT[1]) < 1.5, (width, height)


def test_in_print_the_poster_has_what_a_notice_board_needs(printed, site, first_poster):
    page, rec = printed(first_poster)
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".poster-tools").is_visible()
    assert page.locator("nav:visible").count() == 0
    poster = page.locator(".poster")
    box = poster.bounding_box()
    assert abs(box["width"] - 21 * CM) < 2 and abs(box["height"] - 29.7 * CM) < 2, box

    logo = page.locator(".poster-logo")
    assert logo.is_visible() and logo.evaluate("img => img.decode().then(() => img.naturalWidth)")
    assert logo.bounding_box()["height"] >= 1.2 * CM

    title = page.locator("h1")
    assert title.is_visible()
    size = float(title.evaluate("h => getComputedStyle(h).fontSize").removesuffix("px"))
    assert size >= 40, f"a headline of {size} px is not readable from two metres"
    band = page.locator(".poster-band").evaluate("el => getComputedStyle(el).backgroundColor")
    brand = yaml.safe_load((REPO_ROOT / "site.yaml").read_text(encoding="utf-8"))["brand"]["color"]
    assert band == "rgb({}, {}, {})".format(*(int(brand[i : i + 2], 16) for i in (1, 3, 5)))

    deadline = page.locator(".poster-deadline")
    assert deadline.is_visible()
    said = deadline.text_content()  # (inner_text would be upper case, as printed)
    assert re.search(r"Bewerbungsschluss\s*(\d\d\.\d\d\.\d{4}|Bewerbung laufend möglich)", said)
    assert (
        deadline.locator("strong").evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 24
    ), "the deadline should be prominent"

    qr = page.locator(".poster-qr img")
    assert qr.is_visible() and qr.evaluate("img => img.decode().then(() => img.naturalWidth)")
    assert qr.get_attribute("src").endswith("qr.svg#code")  # the code itself, no quiet zone
    qbox = qr.bounding_box()
    assert qbox["width"] >= 6 * CM and qbox["height"] >= 6 * CM, f"QR code of {qbox}"

    short = short_address(site.url(first_poster.removesuffix("aushang/")))
    assert words(short) in words(page.locator(".poster-address").inner_text())
    strips = page.locator(".poster-strips li")
    assert strips.count() >= 6
    for n in range(strips.count()):
        strip = strips.nth(n)
        assert strip.is_visible()
        assert words(short) in words(strip.inner_text()), strip.inner_text()
    assert page.locator(".poster-strips").bounding_box()["y"] > box["y"] + box["height"] * 2 / 3
    assert rec.console_errors == [] and rec.foreign == []


@pytest.mark.parametrize("fonts", ["theme", "system"])
def test_no_poster_of_the_example_site_overflows_its_sheet(chromium, site, fonts):
    """Every poster: long titles, pictures, open deadlines and programmes all fit, with the
    tear-off strips in the bottom quarter and the room above them filled; in the system
    fonts too (the theme's are optional, and wider fallbacks take more room)."""
    ctx = chromium.new_context(viewport={"width": 1280, "height": 1200}, locale="de-DE")
    if fonts == "system":
        ctx.route(FONT_FILE, lambda route: route.abort())
    page = ctx.new_page()
    problems = []
    for path in poster_paths(site):
        page.goto(site.url(path), wait_until="networkidle")
        page.emulate_media(media="print")
        poster = page.locator(".poster")
        problems += [f"{path}: {p}" for p in poster.evaluate(OUTSIDE)]
        sheet = poster.bounding_box()
        strips = page.locator(".poster-strips").bounding_box()
        body = page.locator(".poster-body").bounding_box()
        if strips["y"] < sheet["y"] + sheet["height"] * 0.75:
            problems.append(f"{path}: the strips start {strips['y'] - sheet['y']:.0f} px down")
        if strips["y"] - (body["y"] + body["height"]) > 2:
            problems.append(f"{path}: an empty gap above the strips")
    ctx.close()
    assert not problems, "\n".join(problems)


def test_the_printed_qr_code_decodes_to_the_page_url(printed, site, tmp_path):
    for path in (site.pages["vacancy-open"] + "aushang/", PICTURE_POSTER):
        page, _ = printed(path)
        page.locator(".poster-qr img").evaluate("img => img.decode()")
        shot = tmp_path / "poster.png"
        page.locator(".poster").screenshot(path=str(shot))
        assert zbar(shot) == site.base_url + path.removesuffix("aushang/")


def test_the_deadline_prints_in_german_format(printed):
    page, _ = printed(PICTURE_POSTER)
    time = page.locator(".poster-deadline time")
    day = date.fromisoformat(time.get_attribute("datetime"))
    assert time.inner_text() == f"{day:%d.%m.%Y}"
    assert page.locator(".poster-picture").is_visible()
    picture = page.locator(".poster-picture").bounding_box()
    assert picture["width"] >= 8 * CM and picture["height"] >= 5 * CM, picture


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("which", ["first", "picture", "page"])
def test_on_screen_the_poster_passes_axe_and_has_a_print_button(
    open_page, first_poster, width, which
):
    path = {"first": first_poster, "picture": PICTURE_POSTER, "page": PAGE_POSTER}[which]
    page, rec = open_page(path, width=width, height=800)
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
    assert rec.console_errors == [] and rec.foreign == []
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page scrolls sideways at {width} px: {scroll}"
    button = page.get_by_role("button", name="Aushang drucken")
    assert button.is_visible()
    page.evaluate("window.print = () => { window.printed = true; }")
    button.click()
    assert page.evaluate("window.printed === true")


def test_without_javascript_the_hint_says_how_to_print(chromium, site, first_poster):
    ctx = chromium.new_context(java_script_enabled=False, viewport={"width": 360, "height": 780})
    page = ctx.new_page()
    page.goto(site.url(first_poster))
    assert not page.locator("button[data-print]").is_visible()
    assert "Druckmenü" in page.locator(".poster-tools").inner_text()
    assert page.locator(".poster-strips li:visible").count() >= 4
    ctx.close()
