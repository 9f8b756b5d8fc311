"""The command line as an editor and a CI job use it: exit codes, messages, safety."""

from __future__ import annotations

import pytest
from helpers import run_cli, write_files


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_build_then_broken_front_matter_keeps_previous_output(scratch_site):
    out = scratch_site / "public"
    ok = run_cli("build", "--site", str(scratch_site), "--date", "2026-11-22")
    assert ok.returncode == 0, ok.stderr
    before = snapshot(out)
    assert before

    write_files(
        scratch_site, {"content/vacancies/kaputt.md": '---\ntitle: "Kaputt\ncategory: x\n---\n'}
    )
    bad = run_cli("build", "--site", str(scratch_site), "--date", "2026-11-22")
    assert bad.returncode == 1
    assert "content/vacancies/kaputt.md:2: a quote opened here is never closed" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert snapshot(out) == before


def test_every_error_is_reported_at_once(scratch_site):
    write_files(
        scratch_site,
        {
            "content/vacancies/a.md": "---\ntitle: A\ncategory: nope\nposted: 2026-02-30\nlocation: X\n---\n",
            "content/stories/b.md": "---\ntitle: B\nname: Bea\ndate: 2026-01-01\nrolle: Azubi\n---\n",
        },
    )
    result = run_cli("build", "--site", str(scratch_site), "--date", "2026-11-22")
    assert result.returncode == 1
    err = result.stderr
    assert (
        "content/vacancies/a.md:4: posted: '2026-02-30' is not a day in the calendar "
        "(expected a real date like 2026-06-05)" in err
    )
    # the did-you-mean hint already says that 'role' is missing
    assert "content/stories/b.md:5: rolle: unknown field; did you mean 'role'? (expected" in err
    assert "role: required field is missing" not in err
    # every field error of a file at once: the wrong category too, not only the date
    assert "content/vacancies/a.md:3: category: unknown category 'nope'" in err
    assert "Build failed: 3 errors" in err


def test_unknown_category_lists_the_valid_ones(scratch_site):
    write_files(
        scratch_site,
        {
            "content/vacancies/a.md": "---\ntitle: A\ncategory: nope\nposted: 2026-02-01\nlocation: X\n---\n"
        },
    )
    result = run_cli("build", "--site", str(scratch_site), "--date", "2026-11-22")
    assert result.returncode == 1
    assert (
        "content/vacancies/a.md:3: category: unknown category 'nope' (expected one of: "
        "ausbildung, duales-studium, praktikum, fachkraft, beamtenlaufbahn)"
    ) in result.stderr


def test_config_errors_name_each_key_with_did_you_mean(scratch_site):
    (scratch_site / "site.yaml").write_text(
        'title: T\nbase_url: "ftp:x"\norganisation: {name: S}\nbrand: {colour: "#fff"}\ncard: false\n'
    )
    result = run_cli("build", "--site", str(scratch_site))
    assert result.returncode == 1
    assert "site.yaml:2: base_url: 'ftp:x' is not an absolute URL" in result.stderr
    assert "site.yaml:4: brand.colour: unknown field; did you mean 'color'?" in result.stderr
    assert "site.yaml:5: card: unknown field; did you mean 'cards'?" in result.stderr


def test_missing_base_url_is_explained(scratch_site):
    text = (
        (scratch_site / "site.yaml")
        .read_text()
        .replace('base_url: "https://example.org/karriere/"\n', "")
    )
    (scratch_site / "site.yaml").write_text(text)
    result = run_cli("build", "--site", str(scratch_site))
    assert result.returncode == 1
    assert "base_url: missing" in result.stderr and "sitemap" in result.stderr
    passed = run_cli("build", "--site", str(scratch_site), "--base-url", "https://x.example/")
    assert passed.returncode == 0, passed.stderr


def test_wrong_usage_exits_2(scratch_site):
    assert run_cli("build", "--date", "gestern").returncode == 2
    assert run_cli("nonsense").returncode == 2


@pytest.mark.parametrize(
    "args, says",
    [
        (
            ["build", "--base-url", "example.org/karriere"],
            "'example.org/karriere' is not an absolute URL",
        ),
        (["build", "--base-url", "https://example.org/?x=1"], "has a query"),
        (["build", "--date", "10000-01-01"], "'10000-01-01' is not a date (expected YYYY-MM-DD)"),
        (["build", "--date", "2026-13-40"], "'2026-13-40' is not a date"),
        (["serve", "--port", "99999"], "'99999' is not a port (expected 1 to 65535"),
        (["serve", "--port", "0"], "'0' is not a port"),
        (["serve", "--port", "-1"], "'-1' is not a port"),
        (["serve", "--port", "acht"], "'acht' is not a port"),
    ],
)
def test_wrong_options_are_one_plain_sentence(scratch_site, args, says):
    result = run_cli(*args, "--site", str(scratch_site))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "usage:" not in result.stderr
    assert not (scratch_site / "public").exists()


def test_the_last_day_of_year_9999_builds(scratch_site):
    result = run_cli("build", "--site", str(scratch_site), "--date", "9999-12-31")
    assert result.returncode == 0, result.stderr


def test_drafts_only_with_flag(scratch_site):
    out = scratch_site / "public"
    assert run_cli("build", "--site", str(scratch_site), "--date", "2026-11-22").returncode == 0
    assert not (out / "stellen/geheim").exists()
    assert (
        run_cli("build", "--site", str(scratch_site), "--date", "2026-11-22", "--drafts").returncode
        == 0
    )
    page = (out / "stellen/geheim/index.html").read_text()
    assert "Entwurf" in page and 'content="noindex"' in page


def pay_as_text(site) -> None:
    """The scratch vacancy's pay as free text: no pay table is valid in 2024."""
    path = site / "content/vacancies/sachbearbeitung.md"
    text = path.read_text(encoding="utf-8")
    structured = 'pay: {table: tvoed-vka, group: "9a"}'
    assert structured in text
    path.write_text(text.replace(structured, 'pay: "EG 9a TVöD-VKA"'), encoding="utf-8")


def test_date_decides_what_is_open(scratch_site):
    pay_as_text(scratch_site)
    out = scratch_site / "public"
    run_cli("build", "--site", str(scratch_site), "--date", "2024-03-31")
    assert (
        "/karriere/stellen/alt/" in (out / "stellen/index.html").read_text()
    )  # deadline day counts
    run_cli("build", "--site", str(scratch_site), "--date", "2024-04-01")
    assert "/karriere/stellen/alt/" not in (out / "stellen/index.html").read_text()


def test_check_warns_about_missing_legal_pages(scratch_site):
    (scratch_site / "content/pages/impressum.md").unlink()
    result = run_cli("check", "--site", str(scratch_site), "--date", "2026-11-22")
    assert result.returncode == 0
    assert "content/pages/impressum.md:1: warning: Impressum is missing" in result.stderr
    assert not (scratch_site / "public").exists()
    strict = run_cli("check", "--site", str(scratch_site), "--date", "2026-11-22", "--strict")
    assert strict.returncode == 1


def test_site_theme_overrides_default_file_by_file(scratch_site):
    write_files(
        scratch_site,
        {
            "site.yaml": (scratch_site / "site.yaml").read_text() + "theme: stadt\n",
            "themes/stadt/templates/404.html": (
                '{% extends "base.html" %}{% block main %}<h1>Hier nicht</h1>{% endblock %}'
            ),
            "themes/stadt/static/extra.txt": "eigene Datei",
        },
    )
    assert run_cli("build", "--site", str(scratch_site), "--date", "2026-11-22").returncode == 0
    out = scratch_site / "public"
    assert "<h1>Hier nicht</h1>" in (out / "404.html").read_text()
    assert "Jetzt bewerben" in (out / "stellen/sachbearbeitung/index.html").read_text()
    assert (out / "assets/extra.txt").read_text() == "eigene Datei"


def test_source_date_epoch_is_honoured(scratch_site):
    import os
    import subprocess
    import sys

    from helpers import ROOT

    pay_as_text(scratch_site)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(1711929600)}  # 2024-04-01 in Berlin
    subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "--site", str(scratch_site)],
        env=env,
        check=True,
        capture_output=True,
    )
    assert "/karriere/stellen/alt/" not in (scratch_site / "public/stellen/index.html").read_text()


def test_salary_shows_one_figure_when_min_equals_max(scratch_site):
    path = scratch_site / "content/vacancies/sachbearbeitung.md"
    text = path.read_text().replace(
        'pay: {table: tvoed-vka, group: "9a"}\n', "salary: {min: 2200, max: 2200}\n"
    )
    path.write_text(text)
    assert run_cli("build", "--site", str(scratch_site), "--date", "2026-11-22").returncode == 0
    page = (scratch_site / "public/stellen/sachbearbeitung/index.html").read_text()
    assert "2.200\xa0€ im Monat" in page and "2.200\xa0€ –" not in page  # (Babel's space)
    path.write_text(text.replace("{min: 2200, max: 2200}", "{min: 3200}"))
    assert run_cli("build", "--site", str(scratch_site), "--date", "2026-11-22").returncode == 0
    assert (
        "ab 3.200\xa0€ im Monat"
        in (scratch_site / "public/stellen/sachbearbeitung/index.html").read_text()
    )
