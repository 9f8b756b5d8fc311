"""Occupation codes (kldb, isco, esco, berufenet) and the vacancy facts of issue 31:
their checks, with the line of the field, and that a translation cannot set them."""

from __future__ import annotations

import pytest
from helpers import BUILD_DATE, SCRATCH_FILES, SITE_YAML, run_cli, write_files

from karriere.base.schema import validate
from karriere.base.yamlfile import load_yaml
from karriere.content.front_matter import Occupation, Vacancy

VACANCY = "title: Stelle\ncategory: fachkraft\nposted: 2026-10-01\nlocation: Teststadt\n"
ESCO = "http://data.europa.eu/esco/occupation/"
UUID = "3a2d4e5f-0123-4567-89ab-cdef01234567"  # the form of an id, not a real occupation


def checked(model, text: str):
    return validate(model, load_yaml(text), "x.md")


def messages(model, text: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in checked(model, text)[1]]


@pytest.mark.parametrize(
    "line, value",
    [
        ("kldb: 73202", "73202"),  # YAML's number, five digits
        ('kldb: "73202"', "73202"),
        ('kldb: "01104"', "01104"),  # a leading zero kept in quotes
        ("kldb: 08123", "08123"),  # not octal to YAML: text already
    ],
)
def test_a_kldb_code_is_kept_as_five_digits_of_text(line, value):
    model, problems = checked(Occupation, f"name: Beruf\n{line}\n")
    assert problems == []
    assert model.kldb == value


@pytest.mark.parametrize(
    "line, expected",
    [
        ("kldb: 7320", "is not a KldB 2010 code (expected its five digits"),
        ('kldb: "732021"', "is not a KldB 2010 code"),
        ("kldb: 01104", "'580' is not a KldB 2010 code"),  # YAML made an octal number of it
        ('kldb: "7320a"', "is not a KldB 2010 code"),
        ("isco: 411", "is not an ISCO-08 code (expected its four digits"),
        ("esco: https://esco.ec.europa.eu/de/classification/occupation", "not an ESCO occupation"),
        (f"esco: {ESCO}keine-kennung", "not an ESCO occupation"),
        (f"esco: https://data.europa.eu/esco/occupation/{UUID}", "not an ESCO occupation"),
        ('berufenet: "79a"', "is not a BERUFENET id"),
        ("berufenet: https://web.arbeitsagentur.de/berufenet/beruf/7944", "not a BERUFENET id"),
        ("berufenet: 0", "is not a BERUFENET id"),
    ],
)
def test_malformed_codes_are_errors_at_their_line(line, expected):
    found = messages(Occupation, f"name: Beruf\nduration: 3 Jahre\n{line}\n")
    assert len(found) == 1, found
    assert found[0][0] == 3
    assert expected in found[0][1]


def test_good_codes_pass_on_occupations_and_vacancies():
    codes = f'kldb: 73202\nisco: "3343"\nesco: {ESCO}{UUID}\nberufenet: 7944\n'
    for model, head in ((Occupation, "name: Beruf\n"), (Vacancy, VACANCY)):
        found, problems = checked(model, head + codes)
        assert problems == []
        assert (found.kldb, found.isco, found.esco, found.berufenet) == (
            "73202",
            "3343",
            ESCO + UUID,
            "7944",
        )


@pytest.mark.parametrize("value", ["0", "-3"])
def test_number_to_fill_below_one_is_an_error(value):
    found = messages(Vacancy, VACANCY + f"number_to_fill: {value}\n")
    assert found == [
        (
            5,
            f"number_to_fill: {value} is below 1 (expected the number of posts to fill, "
            "a whole number of at least 1)",
        )
    ]


def test_number_to_fill_is_a_whole_number():
    assert messages(Vacancy, VACANCY + "number_to_fill: 2.5\n")
    assert messages(Vacancy, VACANCY + "number_to_fill: viele\n")
    assert checked(Vacancy, VACANCY + "number_to_fill: 17\n")[0].number_to_fill == 17


def test_the_selection_process_needs_a_step_and_takes_real_dates():
    good = VACANCY + "selection_process:\n  - {step: Test, date: 2026-12-01}\n  - step: Gespräch\n"
    vacancy, problems = checked(Vacancy, good)
    assert problems == []
    assert [s.step for s in vacancy.selection_process] == ["Test", "Gespräch"]
    assert str(vacancy.selection_process[0].date) == "2026-12-01"
    assert messages(Vacancy, VACANCY + "selection_process:\n  - {date: 2026-12-01}\n")
    assert messages(Vacancy, VACANCY + "selection_process:\n  - {step: T, date: 2026-02-30}\n")


TRANSLATED = {
    **SCRATCH_FILES,
    "site.yaml": SITE_YAML
    + "languages:\n  - {code: de, label: Deutsch}\n  - {code: en, label: English}\n",
    "content/vacancies/sachbearbeitung.en.md": (
        "---\ntitle: Clerk\nnumber_to_fill: 3\nno_cover_letter: true\n---\nText.\n"
    ),
}


def test_a_translation_that_sets_a_fact_is_an_error_naming_the_original(tmp_path):
    site = write_files(tmp_path / "site", TRANSLATED)
    result = run_cli(
        "build", "--site", str(site), "--out", str(tmp_path / "out"), "--date", BUILD_DATE
    )
    assert result.returncode != 0
    for line, key in ((3, "number_to_fill"), (4, "no_cover_letter")):
        assert (
            f"content/vacancies/sachbearbeitung.en.md:{line}: {key}: a translation takes "
            "this fact from content/vacancies/sachbearbeitung.md"
        ) in result.stderr, result.stderr


def test_a_build_names_the_file_and_line_of_a_bad_code(tmp_path):
    files = dict(SCRATCH_FILES)
    files["content/occupations/verwaltung.md"] = "---\nname: Verwaltung\nkldb: 7320\n---\nText.\n"
    site = write_files(tmp_path / "site", files)
    result = run_cli(
        "build", "--site", str(site), "--out", str(tmp_path / "out"), "--date", BUILD_DATE
    )
    assert result.returncode != 0
    assert (
        "content/occupations/verwaltung.md:3: kldb: '7320' is not a KldB 2010 code" in result.stderr
    ), result.stderr
