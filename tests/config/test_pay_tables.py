"""The pay tables: the shipped files load, name their source, and give each day its table."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml

from karriere.base.errors import BuildError
from karriere.config.pay_tables import SHIPPED, load_pay_tables

SHIPPED_FILES = sorted(SHIPPED.glob("*/*.yaml"))


def shipped(name: str, day: str) -> dict:
    return yaml.safe_load((SHIPPED / name / f"{day}.yaml").read_text(encoding="utf-8"))


def test_the_tables_of_the_issue_are_shipped():
    names = {path.parent.name for path in SHIPPED_FILES}
    assert {"tvoed-vka", "tvoed-sue", "tvaoed"} <= names
    assert {p.stem for p in (SHIPPED / "tvoed-vka").glob("*.yaml")} == {"2025-04-01", "2026-05-01"}


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_shipped_file_names_its_source_and_date(path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert str(data["valid_from"]) == path.stem
    assert data["source"]["url"].startswith("https://")
    assert len(data["source"]["publisher"]) > 10
    assert ("groups" in data) != ("raise" in data)


def test_amounts_are_the_files_own(tmp_path):
    tables = load_pay_tables(tmp_path)
    vka = shipped("tvoed-vka", "2025-04-01")["groups"]
    table = tables.valid_on("tvoed-vka", date(2025, 4, 1))
    for group in ("9a", "12", "15Ü", "2Ü"):
        assert list(table.groups[group]) == vka[group]
    assert table.groups["9a"][0] == 3558.96 and table.groups["9a"][-1] == 4844.33


def test_a_raise_file_raises_the_table_before_to_the_cent(tmp_path):
    tables = load_pay_tables(tmp_path)
    before = shipped("tvoed-vka", "2025-04-01")["groups"]
    percent = Decimal(str(shipped("tvoed-vka", "2026-05-01")["raise"]["percent"]))
    after = tables.valid_on("tvoed-vka", date(2026, 5, 1))
    for group, amounts in before.items():
        expected = [
            None
            if a is None
            else float(
                (Decimal(str(a)) * (100 + percent) / 100).quantize(
                    Decimal("0.01"), rounding=ROUND_HALF_UP
                )
            )
            for a in amounts
        ]
        assert list(after.groups[group]) == expected, group
    assert after.groups["9a"][0] == 3658.61  # 3558.96 × 1.028 = 3658.610…


def test_the_sequence_of_files_gives_validity(tmp_path):
    tables = load_pay_tables(tmp_path)
    assert tables.valid_on("tvoed-vka", date(2025, 3, 31)) is None  # before the first
    assert tables.valid_on("tvoed-vka", date(2026, 4, 30)).valid_from == date(2025, 4, 1)
    assert tables.valid_on("tvoed-vka", date(2026, 5, 1)).valid_from == date(2026, 5, 1)
    assert tables.valid_on("tvoed-vka", date(2031, 1, 1)).valid_from == date(2026, 5, 1)
    # valid_until closes the last one: the TVAöD amounts of 2024 ended in March 2025
    assert tables.valid_on("tvaoed", date(2025, 3, 31)) is not None
    assert tables.valid_on("tvaoed", date(2025, 4, 1)) is None


def test_a_site_table_adds_and_replaces(tmp_path):
    own = tmp_path / "data/pay"
    (own / "haustarif").mkdir(parents=True)
    (own / "haustarif/2026-01-01.yaml").write_text(
        'title: "Gruppe {group} Haustarif"\nkind: steps\nvalid_from: 2026-01-01\n'
        'source: {publisher: "Stadtwerke Teststadt", url: "https://example.org/tarif"}\n'
        'groups:\n  "1": [2000.5, 2100, 2200]\n',
        encoding="utf-8",
    )
    (own / "tvoed-vka").mkdir()
    (own / "tvoed-vka/2026-05-01.yaml").write_text(
        'title: "EG {group} TVöD-VKA"\nkind: steps\nvalid_from: 2026-05-01\n'
        'source: {publisher: "VKA", url: "https://www.vka.de/"}\n'
        'groups:\n  "9a": [3700, 5000]\n',
        encoding="utf-8",
    )
    tables = load_pay_tables(tmp_path)
    assert tables.valid_on("haustarif", date(2026, 2, 1)).groups["1"] == (2000.5, 2100, 2200)
    assert tables.valid_on("tvoed-vka", date(2026, 6, 1)).groups == {"9a": (3700, 5000)}
    assert tables.valid_on("tvoed-vka", date(2025, 6, 1)).groups["9a"][0] == 3558.96


def test_a_broken_site_table_is_reported_with_its_line(tmp_path):
    own = tmp_path / "data/pay/haustarif"
    own.mkdir(parents=True)
    (own / "2026-01-01.yaml").write_text(
        'title: "x"\nkind: steps\nvalid_from: 2026-01-01\n'
        'source: {publisher: "x", url: "http://example.org"}\nraise: {percent: 3}\n',
        encoding="utf-8",
    )
    with pytest.raises(BuildError) as caught:
        load_pay_tables(tmp_path)
    shown = [(p.path, p.line, str(p.message)) for p in caught.value.problems]
    assert shown[0][:2] == ("data/pay/haustarif/2026-01-01.yaml", 4)
    assert "https://" in shown[0][2]
