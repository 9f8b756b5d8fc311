"""A network's long lists, built incrementally (site/network_pages.py): the same bytes as
a clean build, and an employer's or occupation's page, which shows only the first few
vacancies, is left alone by an edit of one it does not show."""

from __future__ import annotations

from pathlib import Path

import pytest
from incremental_helpers import Incremental, clean_build, edit, tree
from long_lists import EMPLOYER, OCCUPATION, network_vacancy, write_network_site

# 30 vacancies of one employer and occupation, in three pages of ten.
EMPLOYER_PAGE = f"arbeitgeber/{EMPLOYER}/index.html"
OCCUPATION_PAGE = f"berufe/{OCCUPATION}/index.html"
OCCUPATION_LIST = f"stellen/beruf/{OCCUPATION}/"


@pytest.fixture(params=["memory", "disk"])
def network(request, tmp_path: Path) -> Incremental:
    site, _ = write_network_site(tmp_path / "site")
    builder = Incremental(site, request.param)
    builder.build()
    return builder


def of_list(paths: list[str]) -> list[str]:
    """The pages of the occupation's list among `paths`, in German."""
    return sorted(p for p in paths if p.startswith(OCCUPATION_LIST))


def test_an_edit_further_down_leaves_the_employer_and_occupation_pages(network):
    # park-29 is the newest: park-05 is the 25th, on page 3
    edit(network.site / "content/vacancies/park-05.md", "(m/w/d)", "(w/m/d) neu")
    report = network.build()
    assert tree(network.out) == clean_build(network.site)
    assert of_list(report.written) == [OCCUPATION_LIST + "seite/3/index.html"]
    for page in (EMPLOYER_PAGE, OCCUPATION_PAGE, "en/" + OCCUPATION_PAGE):
        assert page not in report.rendered, page


def test_an_edit_of_a_shown_vacancy_renders_them_again(network):
    edit(network.site / "content/vacancies/park-29.md", "(m/w/d)", "(w/m/d) neu")
    report = network.build()
    assert tree(network.out) == clean_build(network.site)
    assert {EMPLOYER_PAGE, OCCUPATION_PAGE, OCCUPATION_LIST + "index.html"} <= set(report.written)
    assert "(w/m/d) neu" in (network.out / OCCUPATION_PAGE).read_text(encoding="utf-8")


def test_a_new_vacancy_changes_the_count_and_adds_a_page(network):
    new = network.site / "content/vacancies/park-30.md"
    new.write_text(network_vacancy(30), encoding="utf-8")
    report = network.build()
    assert tree(network.out) == clean_build(network.site)
    assert OCCUPATION_LIST + "seite/4/index.html" in report.written
    assert "Alle 31 Stellen dieses Arbeitgebers" in (network.out / EMPLOYER_PAGE).read_text()
