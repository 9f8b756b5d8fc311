"""Vacancy cards as bytes spliced into the rendered page (karriere/fragments.py)."""

import re

import jinja2
import pytest
from helpers import BUILD_DATE, run_cli

from karriere.render.list_cards import HOLE, splice


def test_splice_puts_each_hole_in_its_place_in_order():
    html = f"<ul>{HOLE.format(0)}</ul><p>Zwischentext äöü</p><ul>{HOLE.format(1)}</ul>"
    data = splice(html, ["<li>Straßenwärter*in</li>".encode(), b"<li>Kfz</li>"])
    assert (
        data.decode()
        == "<ul><li>Straßenwärter*in</li></ul><p>Zwischentext äöü</p><ul><li>Kfz</li></ul>"
    )
    assert b"\x00" not in data


def test_splice_refuses_a_placeholder_that_a_filter_changed():
    html = "<ul>" + HOLE.format(0).upper() + "</ul>"
    with pytest.raises(jinja2.TemplateRuntimeError, match="vacancy_cards"):
        splice(html, [b"<li>x</li>"])


def test_a_theme_footer_that_reads_page_gets_a_clear_message(scratch_site):
    """The footer is rendered once per build (shared()), so it cannot show the page."""
    footer = scratch_site / "themes/default/templates/partials/footer.html"
    footer.parent.mkdir(parents=True)
    footer.write_text("<footer>{{ page.title }}</footer>\n", encoding="utf-8")
    result = run_cli("build", "--site", str(scratch_site), "--date", BUILD_DATE)
    assert result.returncode == 1
    assert "template partials/footer.html:1:" in result.stderr
    assert "'page' is undefined" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (scratch_site / "public").exists()


def test_the_footer_is_the_same_on_every_page_and_shows_the_legal_links(scratch_site):
    result = run_cli("build", "--site", str(scratch_site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    out = scratch_site / "public"
    pages = {
        path.relative_to(out).as_posix(): path.read_text(encoding="utf-8")
        for path in out.rglob("*.html")
    }
    footer = re.compile(r'<footer class="site-footer">.*?</footer>', re.S)
    footers = {rel: footer.search(html).group(0) for rel, html in pages.items() if "<html" in html}
    assert len(footers) > 5
    assert len(set(footers.values())) == 1
    assert 'href="/karriere/impressum/"' in footers["index.html"]


def test_a_theme_that_divides_by_zero_gets_a_message_not_a_traceback(scratch_site):
    template = scratch_site / "themes/default/templates/faq.html"
    template.parent.mkdir(parents=True)
    template.write_text("<p>\n{{ 1 / 0 }}\n</p>\n", encoding="utf-8")
    result = run_cli("build", "--site", str(scratch_site), "--date", BUILD_DATE)
    assert result.returncode == 1
    assert "template faq.html:2: division by zero (while rendering the faq page)" in result.stderr
    assert "Traceback" not in result.stderr
