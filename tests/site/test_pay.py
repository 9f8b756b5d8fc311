"""Structured pay on the page: the range of the table valid on the build date, in euros."""

from __future__ import annotations

import re
import textwrap
from html import unescape
from pathlib import Path

import yaml
from helpers import BUILD_DATE, SCRATCH_FILES, readable, run_cli

from karriere.config.pay_tables import SHIPPED

VACANCY = "content/vacancies/sachbearbeitung.md"
STRUCTURED = 'pay: {table: tvoed-vka, group: "9a"}\n'  # the scratch vacancy's
FREE_TEXT = 'pay: "EG 9a TVöD-VKA"\n'


def set_pay(site: Path, line: str) -> None:
    """The scratch vacancy with `line` instead of its `pay:`."""
    text = textwrap.dedent(SCRATCH_FILES[VACANCY])
    assert STRUCTURED in text
    (site / VACANCY).write_text(text.replace(STRUCTURED, line), encoding="utf-8")


def build(site: Path, day: str = BUILD_DATE):
    out = site.parent / f"out-{day}"
    return run_cli("build", "--site", str(site), "--out", str(out), "--date", day), out


def pay_shown(out: Path, page: str = "stellen/sachbearbeitung/index.html") -> str:
    """The text of the page's "Vergütung" fact (the scratch site is German)."""
    html = readable((out / page).read_text(encoding="utf-8"))
    facts = dict(re.findall(r"<dt>([^<]*)</dt><dd>(.*?)</dd>", html, re.S))
    text = unescape(re.sub(r"<[^>]+>", "", facts["Vergütung"]))
    return re.sub(r"[ \t\n]+", " ", text).strip()  # (the no-break space before € stays)


def euros(amount: float) -> str:
    """As German pages write money (Babel, de): 3.558,96 €."""
    text = f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.removesuffix(",00") + "\u00a0€"


def shipped(name: str, day: str) -> dict:
    return yaml.safe_load((SHIPPED / name / f"{day}.yaml").read_text(encoding="utf-8"))


def test_the_range_is_the_shipped_tables_entry_to_top_step(scratch_site):
    groups = shipped("tvoed-vka", "2025-04-01")["groups"]
    for group in ("9a", "12", "15Ü"):
        set_pay(scratch_site, f'pay: {{table: tvoed-vka, group: "{group}"}}\n')
        result, out = build(scratch_site, "2025-06-01")
        assert result.returncode == 0, result.stderr
        amounts = [a for a in groups[group] if a is not None]  # 15Ü has no step 1
        low, high = euros(amounts[0]), euros(amounts[-1])
        assert pay_shown(out) == f"EG {group} TVöD-VKA: {low} – {high} im Monat"


def test_the_build_date_picks_the_table(scratch_site):
    set_pay(scratch_site, 'pay: {table: tvoed-sue, group: "S 11b"}\n')
    before, out_before = build(scratch_site, "2026-04-30")
    after, out_after = build(scratch_site, "2026-05-01")
    assert before.returncode == 0 and after.returncode == 0, before.stderr + after.stderr
    old = shipped("tvoed-sue", "2025-04-01")["groups"]["S 11b"]
    assert pay_shown(out_before) == f"S 11b TVöD-SuE: {euros(old[0])} – {euros(old[-1])} im Monat"
    # 3808.48 and 5292.38, each + 2.8 %, to the cent
    assert pay_shown(out_after) == f"S 11b TVöD-SuE: {euros(3915.12)} – {euros(5440.57)} im Monat"


def test_free_text_stays_and_the_group_may_be_a_number(scratch_site):
    set_pay(scratch_site, FREE_TEXT)
    result, out = build(scratch_site)
    assert result.returncode == 0, result.stderr
    assert pay_shown(out) == "EG 9a TVöD-VKA"
    set_pay(scratch_site, "pay:\n  table: tvoed-vka\n  group: 12\n")
    result, out = build(scratch_site)
    assert result.returncode == 0, result.stderr
    assert pay_shown(out).startswith("EG 12 TVöD-VKA: ")


def test_an_apprenticeship_shows_first_and_last_year(scratch_site):
    own = scratch_site / "data/pay/tvaoed"
    own.mkdir(parents=True)
    (own / "2026-05-01.yaml").write_text(
        'title: "TVAöD – Besonderer Teil BBiG"\nkind: years\nvalid_from: 2026-05-01\n'
        'source: {publisher: "Test", url: "https://example.org/tvaoed"}\n'
        "groups:\n  bbig: [1000, 1050.5, 1100, 1150]\n",
        encoding="utf-8",
    )
    set_pay(scratch_site, "pay: {table: tvaoed, group: BBiG}\n")
    result, out = build(scratch_site)
    assert result.returncode == 0, result.stderr
    assert pay_shown(out) == (
        f"TVAöD – Besonderer Teil BBiG: {euros(1000)} im 1. Ausbildungsjahr bis "
        f"{euros(1150)} im 4. Ausbildungsjahr, monatlich"
    )


def test_a_site_table_in_data_pay(scratch_site):
    own = scratch_site / "data/pay/haustarif"
    own.mkdir(parents=True)
    (own / "2026-01-01.yaml").write_text(
        'title: "Gruppe {group} Haustarif"\nkind: steps\nvalid_from: 2026-01-01\n'
        'source: {publisher: "Stadtwerke", url: "https://example.org/tarif"}\n'
        'groups:\n  "3": [2950.25, 3100, 3333.3]\n',
        encoding="utf-8",
    )
    set_pay(scratch_site, 'pay: {table: haustarif, group: "3"}\n')
    result, out = build(scratch_site)
    assert result.returncode == 0, result.stderr
    assert pay_shown(out) == f"Gruppe 3 Haustarif: {euros(2950.25)} – {euros(3333.3)} im Monat"


def test_structured_pay_and_salary_together_are_an_error(scratch_site):
    set_pay(scratch_site, 'pay: {table: tvoed-vka, group: "9a"}\nsalary: {min: 3000}\n')
    result, _ = build(scratch_site)
    assert result.returncode == 1
    assert f"{VACANCY}:9: pay: names a pay table and salary: gives amounts" in result.stderr


def test_check_suggests_the_structured_form(scratch_site):
    set_pay(scratch_site, FREE_TEXT)
    result = run_cli("check", "--site", str(scratch_site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    assert (
        f"{VACANCY}:8: warning: pay: 'EG 9a TVöD-VKA' names a pay table karriere has; write "
        'pay: {table: tvoed-vka, group: "9a"} and the page shows the amounts in euros'
    ) in result.stderr.splitlines()
    set_pay(scratch_site, STRUCTURED)
    again = run_cli("check", "--site", str(scratch_site), "--date", BUILD_DATE)
    assert again.returncode == 0, again.stderr
    assert "names a pay table" not in again.stderr


def test_an_occupation_may_name_a_table(scratch_site):
    own = scratch_site / "data/pay/tvaoed"
    own.mkdir(parents=True)
    (own / "2026-05-01.yaml").write_text(
        'title: "TVAöD – Besonderer Teil BBiG"\nkind: years\nvalid_from: 2026-05-01\n'
        'source: {publisher: "Test", url: "https://example.org/tvaoed"}\n'
        "groups:\n  bbig: [1000, 1100, 1200]\n",
        encoding="utf-8",
    )
    occupation = scratch_site / "content/occupations/verwaltungsfachangestellte.md"
    occupation.parent.mkdir(parents=True, exist_ok=True)
    occupation.write_text(
        '---\nname: "Verwaltungsfachangestellte*r"\nduration: "3 Jahre"\n'
        "pay: {table: tvaoed, group: bbig}\n---\nText.\n",
        encoding="utf-8",
    )
    result, out = build(scratch_site)
    assert result.returncode == 0, result.stderr
    assert pay_shown(out, "berufe/verwaltungsfachangestellte/index.html") == (
        f"TVAöD – Besonderer Teil BBiG: {euros(1000)} im 1. Ausbildungsjahr bis "
        f"{euros(1200)} im 3. Ausbildungsjahr, monatlich"
    )
