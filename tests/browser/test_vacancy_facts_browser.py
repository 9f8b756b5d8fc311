"""Issue 31's vacancy facts in Chromium, on a scratch site in German and Arabic: axe
finds nothing on a page with the selection timeline (360 and 1280 px), the timeline fits
a 320 px phone and runs on the right in Arabic, and the facet "ohne Anschreiben" filters
the list and marks the result cards. (This module serves its own site: `site` below
replaces the example site for `open_page`.)"""

from __future__ import annotations

import sys
import textwrap

import pytest
from siteserver import REPO_ROOT, SUB_PATH, built_site
from test_browser_pages import format_violations, run_axe
from test_filter_browser import shown_links, wait_for_count

sys.path.insert(0, str(REPO_ROOT / "tests"))
from helpers import SCRATCH_FILES, SITE_YAML, write_files  # noqa: E402

FACTS = """\
number_to_fill: 17
application_documents: [Lebenslauf, Zeugnisse, "Führerschein Klasse B"]
no_cover_letter: true
selection_process:
  - {step: "Sichtung der Bewerbungen", date: 2031-07-01}
  - {step: "Schriftlicher Test und Sporttest", date: 2031-07-14}
  - {step: "Vorstellungsgespräch mit einer langen Beschreibung des Ablaufs am Tag"}
"""
VACANCY = "content/vacancies/sachbearbeitung.md"
FILES = {
    **SCRATCH_FILES,
    "site.yaml": SITE_YAML
    + "languages:\n  - {code: de, label: Deutsch}\n  - {code: ar, label: العربية}\n",
    VACANCY: SCRATCH_FILES[VACANCY].replace(
        "summary:", textwrap.indent(FACTS, " " * 8).lstrip() + "        summary:", 1
    ),
    "content/vacancies/sachbearbeitung.ar.md": "---\ntitle: موظف/ة في مكتب المواطنين\n---\nنص.\n",
    "content/vacancies/zweite.md": (
        "---\ntitle: Zweite Stelle\ncategory: fachkraft\nposted: 2026-10-02\n"
        "deadline: 2031-06-30\nlocation: Teststadt\n---\nText.\n"
    ),
}
TIMELINE = {"de": "stellen/sachbearbeitung/", "ar": "ar/stellen/sachbearbeitung/"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = write_files(tmp_path_factory.mktemp("facts") / "site", FILES)
    with built_site(folder) as served:
        yield served


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("language", sorted(TIMELINE))
def test_pages_with_the_timeline_pass_axe(open_page, language, width):
    page, rec = open_page(TIMELINE[language], width=width)
    assert rec.status == 200
    assert page.locator("ol.timeline li").count() == 3
    violations = run_axe(page)
    assert not violations, (
        f"{len(violations)} axe violation(s) on {TIMELINE[language]} at {width}px:\n"
        + format_violations(violations)
    )


@pytest.mark.parametrize("language", sorted(TIMELINE))
def test_the_timeline_fits_a_320px_phone(open_page, language):
    page, _ = open_page(TIMELINE[language], width=320, height=640)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for step in page.locator("ol.timeline li").all():
        box = step.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320


def test_the_timeline_runs_on_the_right_in_arabic(open_page):
    """The numbers and the line stand at the start of the list: on the left in German, on
    the right in Arabic (logical properties, no mirrored stylesheet)."""
    sides = {}
    for language, path in TIMELINE.items():
        page, _ = open_page(path, width=360)
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        sides[language] = page.eval_on_selector(
            "ol.timeline",
            """ol => {
                const s = getComputedStyle(ol), li = ol.querySelector('li').getBoundingClientRect();
                const box = ol.getBoundingClientRect();
                return [s.borderLeftWidth, s.borderRightWidth, s.paddingLeft, s.paddingRight,
                        Math.round(li.left - box.left), Math.round(box.right - li.right)];
            }""",
        )
    de, ar = sides["de"], sides["ar"]
    assert de[:2] == ["2px", "0px"] and ar[:2] == ["0px", "2px"]  # the line
    assert de[2] == ar[3] and de[3] == ar[2] == "0px"  # room for the numbers at the start
    assert de[4] > de[5] == 0 and ar[5] > ar[4] == 0  # the items stand off the start side


def test_the_no_cover_letter_facet_filters_the_list(open_page):
    page, rec = open_page("stellen/")
    page.locator("#filter").wait_for(state="visible")
    page.locator("details.refine").evaluate("d => d.open = true")
    page.check("#filter-ohne-anschreiben")
    wait_for_count(page, 1)
    assert shown_links(page) == [f"/{SUB_PATH}/stellen/sachbearbeitung/"]
    assert "ohne-anschreiben=1" in page.url
    badges = page.locator("[data-search-results] .card .tag-ok")
    assert badges.all_inner_texts() == ["Bewerbung ohne Anschreiben"]
    assert rec.console_errors == [] and rec.foreign == []
