"""Structured pay in JobPosting `baseSalary`, on the card, and by Google's rules."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from html import unescape
from pathlib import Path

import pytest
from helpers import BUILD_DATE, ROOT, SCRATCH_FILES, run_cli

VACANCY = "content/vacancies/sachbearbeitung.md"
PAGE = "stellen/sachbearbeitung/index.html"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The scratch site (its vacancy has `pay: {table: tvoed-vka, group: "9a"}`), built on
    BUILD_DATE (the table of 1 May 2026 is valid)."""
    root = tmp_path_factory.mktemp("pay")
    for rel, text in SCRATCH_FILES.items():
        path = root / "site" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    assert 'pay: {table: tvoed-vka, group: "9a"}' in SCRATCH_FILES[VACANCY]
    out = root / "public"
    result = run_cli("build", "--site", str(root / "site"), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return out


def posting(html: str) -> dict:
    found = [json.loads(block) for block in SCRIPT.findall(html)]
    return next(b for b in found if b["@type"] == "JobPosting")


def test_job_posting_base_salary_is_the_tables_range(built):
    data = posting((built / PAGE).read_text(encoding="utf-8"))
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {
            "@type": "QuantitativeValue",
            "unitText": "MONTH",
            "minValue": 3658.61,  # E 9a step 1 of 2025-04-01 (3558.96) + 2.8 %
            "maxValue": 4979.97,  # step 6 (4844.33) + 2.8 %
        },
    }


def test_the_card_says_the_pay(built):
    html = (built / PAGE).read_text(encoding="utf-8")
    alt = unescape(re.search(r'<meta property="og:image:alt" content="([^"]*)"', html)[1])
    assert "3.658,61\u00a0€ bis 4.979,97\u00a0€ im Monat" in alt
    card = re.search(r'<meta property="og:image" content="[^"]*/(cards/[^"]+)"', html)[1]
    assert (built / card).stat().st_size > 10_000  # drawn, with the pay as its third line


def test_google_rules_pass_for_the_posting(built, tmp_path):
    node = shutil.which("node")
    installed = (ROOT / "node_modules/@adobe/structured-data-validator").is_dir()
    assert node and installed, "needs node and `npm ci` (@adobe/structured-data-validator)"
    page_only = tmp_path / "page"
    (page_only / "stellen/sachbearbeitung").mkdir(parents=True)
    shutil.copy(built / PAGE, page_only / PAGE)
    result = subprocess.run(
        [node, str(ROOT / "scripts/validate_structured_data.mjs"), str(page_only)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    [(name, found)] = report.items()
    assert "JobPosting" in found["types"]
    assert [i["message"] for i in found["issues"] if i["severity"] == "ERROR"] == []
