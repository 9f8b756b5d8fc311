"""Vacancy cards as bytes spliced into the rendered page (karriere/fragments.py)."""

import jinja2
import pytest

from karriere.fragments import HOLE, splice


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
