"""Pages follow the pay tables: a site table in data/pay/ added or changed rebuilds them."""

from __future__ import annotations

from helpers import readable
from incremental_helpers import VACANCY, assert_same_as_clean, both, bump

PAGE = "stellen/sachbearbeitung/index.html"
OWN_TABLE = """\
title: "EG {group} TVöD-VKA"
kind: steps
valid_from: 2026-05-01
source: {publisher: "VKA, Entgelttabelle ab 1. Mai 2026", url: "https://www.vka.de/"}
groups:
  "9a": [3700.5, 4100, 5000]
"""


def shown(inc) -> str:
    return readable((inc.out / PAGE).read_text(encoding="utf-8"))


@both
def test_a_site_pay_table_added_and_changed(inc):
    assert 'pay: {table: tvoed-vka, group: "9a"}' in (inc.site / VACANCY).read_text("utf-8")
    assert "3.658,61\u00a0€ – 4.979,97\u00a0€ im Monat" in shown(inc)  # karriere's table

    table = inc.site / "data/pay/tvoed-vka/2026-05-01.yaml"
    table.parent.mkdir(parents=True)
    table.write_text(OWN_TABLE, encoding="utf-8")  # replaces karriere's of the same date
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "3.700,50\u00a0€ – 5.000\u00a0€ im Monat" in shown(inc)
    assert PAGE in report.written

    table.write_text(OWN_TABLE.replace("5000]", "5100]"), encoding="utf-8")
    bump(table)
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "3.700,50\u00a0€ – 5.100\u00a0€ im Monat" in shown(inc)
