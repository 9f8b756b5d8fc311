"""An occupation's codes are read by the pages of its vacancies (JobPosting's
occupationalCategory): an incremental build after an edit of the occupation gives the
bytes of a clean build."""

from __future__ import annotations

import json
import re

from incremental_helpers import VACANCY, assert_same_as_clean, both, edit

OCCUPATION = "content/occupations/verwaltung.md"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def categories(inc) -> list[str]:
    html = (inc.out / "stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    posting = next(b for b in map(json.loads, SCRIPT.findall(html)) if b["@type"] == "JobPosting")
    return [code["codeValue"] for code in posting.get("occupationalCategory", [])]


@both
def test_an_occupations_kldb_edit_reaches_its_vacancys_jobposting(inc):
    (inc.site / OCCUPATION).parent.mkdir(parents=True, exist_ok=True)
    (inc.site / OCCUPATION).write_text("---\nname: Verwaltung\nkldb: 73202\n---\nText.\n")
    edit(
        inc.site / VACANCY,
        "category: fachkraft\n",
        "category: fachkraft\noccupations: [verwaltung]\n",
    )
    assert_same_as_clean(inc, inc.build())
    assert categories(inc) == ["73202", "3343"]
    edit(inc.site / OCCUPATION, "kldb: 73202", "kldb: 43104")
    assert_same_as_clean(inc, inc.build())
    assert categories(inc) == ["43104", "2511"]
