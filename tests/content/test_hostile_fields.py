"""Hostile and careless field values (issue 26): what the malformed corpus cannot show.

The corpus (tests/malformed/field-*) holds the exact messages; here: values at the limits
still build, the checks reach site.yaml, and a cached or preview rebuild reports the same.
"""

from __future__ import annotations

from pathlib import Path

from helpers import BUILD_DATE, SCRATCH_FILES, run_cli, write_files

from karriere.base.schema import validate
from karriere.base.yamlfile import load_yaml
from karriere.commands.preview import PreviewBuilder
from karriere.config.models import QUESTION_MAX, TITLE_MAX
from karriere.content.front_matter import Faq, Vacancy

VACANCY = "content/vacancies/sachbearbeitung.md"
WOHNGELD = (
    "Sachbearbeiter*in für die Bearbeitung von Anträgen nach dem Wohngeldgesetz "
    "im Sozialamt (m/w/d)"
)


def build(site: Path, *args: str):
    out = site.parent / "public"
    return run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE, *args)


def problems(model, text: str) -> list[str]:
    return [p.message for p in validate(model, load_yaml(text), "x.md")[1]]


def test_titles_up_to_the_limit_are_accepted_and_one_more_character_is_not():
    fields = "category: fachkraft\nposted: 2026-10-01\nlocation: Teststadt\n"
    for title in (WOHNGELD, WOHNGELD + " " + "x" * (TITLE_MAX - len(WOHNGELD) - 1)):
        assert problems(Vacancy, f'title: "{title}"\n{fields}') == []
    too_long = "x" * (TITLE_MAX + 1)
    assert problems(Vacancy, f"title: {too_long}\n{fields}") == [
        f"title: is {TITLE_MAX + 1} characters long (expected at most {TITLE_MAX}; "
        "put the details into the text)"
    ]
    assert problems(Faq, f"question: {'x' * QUESTION_MAX}") == []
    assert problems(Faq, f"question: {'x' * (QUESTION_MAX + 1)}")


def test_a_long_real_title_and_dates_at_the_bound_build(tmp_path):
    files = dict(SCRATCH_FILES)
    files[VACANCY] = (
        files[VACANCY]
        .replace("Sachbearbeiter*in Bürgeramt (m/w/d)", WOHNGELD)
        .replace("deadline: 2031-06-30", "deadline: 2099-12-31")
    )
    files["content/events/messe.md"] = (
        "---\ntitle: Messe\nstart: 2099-12-31T23:00:00-01:00\n---\nText.\n"  # 2100 in UTC
    )
    files["content/events/tag.md"] = "---\ntitle: Tag\nstart: 2099-12-31\n---\nText.\n"
    site = write_files(tmp_path / "site", files)
    result = build(site)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "public/stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert WOHNGELD.replace("*", "") in page.replace("*", "")
    ics = sorted((tmp_path / "public").rglob("*.ics"))
    assert any("20991231" in p.read_text(encoding="utf-8") for p in ics), ics


def test_site_yaml_gets_the_same_checks(tmp_path):
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    text = (site / "site.yaml").read_text(encoding="utf-8")
    (site / "site.yaml").write_text(text + 'description: "Jobs\\u0001"\n', encoding="utf-8")
    result = build(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = text.count("\n") + 1
    assert (
        f"site.yaml:{line}: description: 'Jobs\\x01' contains the invisible character U+0001"
        in (result.stderr)
    )


def test_a_failed_file_reports_every_error_again_on_the_next_build(tmp_path):
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    assert build(site).returncode == 0
    path = site / VACANCY
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("category: fachkraft", "category: kantine").replace(
            "posted: 2026-10-01", "posted: 2026-02-30"
        ),
        encoding="utf-8",
    )
    for _ in range(2):  # the second build has nothing new: it must not skip the errors
        result = build(site)
        assert result.returncode == 1, result.stderr
        assert f"{VACANCY}:3: category: unknown category 'kantine'" in result.stderr
        assert f"{VACANCY}:4: posted: '2026-02-30' is not a day" in result.stderr
    result = run_cli("check", "--site", str(site), "--date", BUILD_DATE)
    assert result.returncode == 1 and "unknown category 'kantine'" in result.stderr


def test_the_preview_forgets_an_unknown_employer_once_its_file_exists(tmp_path):
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    path = site / VACANCY
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("posted: 2026-10-01", "posted: 2026-02-30\nemployer: stadtwerke"),
        encoding="utf-8",
    )
    builder = PreviewBuilder(site, tmp_path / "preview")
    before = [p.message for p in builder.rebuild(set()).problems]
    assert any("unknown employer 'stadtwerke'" in m for m in before), before
    employer = site / "content/employers/stadtwerke.md"
    employer.parent.mkdir()
    employer.write_text("---\nname: Stadtwerke\n---\nText.\n", encoding="utf-8")
    after = [p.message for p in builder.rebuild({employer}).problems]
    assert after == [m for m in before if "employer" not in m], after


def test_control_characters_in_the_body_are_refused_with_their_line(tmp_path):
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    path = site / VACANCY
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nZeile mit \x0c Seitenvorschub\n", encoding="utf-8")
    result = build(site)
    line = text.count("\n") + 2
    assert f"{VACANCY}:{line}: the text contains the invisible character U+000C" in result.stderr
    path.write_text(text + "\nNUL \x00\n", encoding="utf-8")
    assert f"{VACANCY}:1: file is binary" in build(site).stderr
