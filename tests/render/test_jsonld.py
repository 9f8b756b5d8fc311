"""JSON-LD: JobPosting matches the page and exists only for open vacancies; the other types."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from helpers import BUILD_DAY, ROOT, SCRATCH_FILES, readable, write_files

from karriere.base.jsonld import dumps as json_ld
from karriere.pipeline import Request, generate
from karriere.render import jsonld

REQUIRED = ("title", "description", "datePosted", "hiringOrganization", "jobLocation")
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def blocks(html: str) -> dict[str, dict]:
    found = [json.loads(text) for text in SCRIPT.findall(html)]
    assert len({b["@type"] for b in found}) == len(found), "one block per type"
    return {b["@type"]: b for b in found}


def front_matter(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n")[0][4:])


def german_euros(amount: float) -> str:
    """3.558,96 € (cents only when there are any: 4.600 €), as the German pages write it."""
    text = f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.removesuffix(",00") + " €"


def text_of(fragment: str) -> str:
    fragment = re.sub(r"<[^>]+>", " ", fragment.replace("<wbr>", ""))
    return " ".join(unescape(fragment).replace("\u00ad", "").split())


def vacancy_pages(root: Path) -> list[Path]:
    return sorted(
        p for p in (root / "stellen").glob("*/index.html") if p.parent.name != "kategorie"
    )


def vacancy_pages_in_every_language(root: Path) -> list[Path]:
    translated = [p for p in root.glob("*/stellen/*/index.html") if len(p.parts[-4]) <= 3]
    return vacancy_pages(root) + [p for p in translated if p.parent.name != "kategorie"]


# --- the example site ---------------------------------------------------------------------


def test_open_vacancies_carry_a_jobposting_that_matches_the_page(example_build):
    checked = 0
    for path in vacancy_pages(example_build):
        html = readable(path.read_text(encoding="utf-8"))
        if "notice-expired" in html:
            continue
        posting = blocks(html)["JobPosting"]
        checked += 1
        where = path.parent.name
        assert posting["@context"] == "https://schema.org"
        for key in REQUIRED:
            assert posting.get(key), f"{where}: {key} missing"
        assert text_of(re.search(r"<h1>(.*?)</h1>", html).group(1)) == posting["title"]
        assert f'<div class="prose">{posting["description"]}</div>' in html, where
        posted = re.search(r'Veröffentlicht am <time datetime="([\d-]+)"', html).group(1)
        assert posting["datePosted"] == posted
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert posting["url"] == canonical

        # hiringOrganization is the vacancy's own employer (content/employers/<slug>.md)
        meta = front_matter(ROOT / "content/vacancies" / f"{where}.md")
        employer = front_matter(ROOT / "content/employers" / f"{meta['employer']}.md")
        org = posting["hiringOrganization"]
        assert org["@type"] == "Organization" and org["name"] == employer["name"], where
        assert org["sameAs"] == employer["website"]
        assert org["logo"] == "https://example.org/karriere/" + employer["logo"]
        assert (example_build / employer["logo"]).is_file()

        address = posting["jobLocation"]["address"]
        assert posting["jobLocation"]["@type"] == "Place" and address["@type"] == "PostalAddress"
        town = meta["location"] if isinstance(meta["location"], str) else meta["location"]["city"]
        assert address["addressCountry"] == "DE" and address["addressLocality"] == town
        place = re.search(r"<dt>Arbeitsort</dt><dd>(.*?)</dd>", html).group(1)
        assert address["addressLocality"] in text_of(place)

        deadline = re.search(r'<dt>Bewerbungsschluss</dt><dd><time datetime="([\d-]+)"', html)
        if deadline:
            assert re.fullmatch(
                deadline.group(1) + r"T23:59:59\+0[12]:00", posting["validThrough"]
            ), posting["validThrough"]
        else:
            assert "validThrough" not in posting

        kinds = posting.get("employmentType", [])
        kinds = [kinds] if isinstance(kinds, str) else kinds
        shown = re.search(r"<dt>Beschäftigungsart</dt><dd>(.*?)</dd>", html)
        assert set(kinds) <= jsonld.EMPLOYMENT_TYPES
        assert len(kinds) == (len(shown.group(1).split(", ")) if shown else 0)

        if "baseSalary" in posting:
            salary = posting["baseSalary"]
            assert salary["@type"] == "MonetaryAmount" and salary["currency"] == "EUR"
            value = salary["value"]
            assert value["@type"] == "QuantitativeValue" and value["unitText"] == "MONTH"
            pay = text_of(re.search(r"<dt>Vergütung</dt><dd>(.*?)</dd>", html).group(1))
            for amount in (value.get("minValue"), value.get("maxValue"), value.get("value")):
                if amount is not None:
                    assert german_euros(amount) in pay, (where, pay)

        reference = re.search(r"<dt>Kennziffer</dt><dd>(.*?)</dd>", html)
        if reference:
            assert posting["identifier"] == {
                "@type": "PropertyValue",
                "name": employer["name"],
                "value": unescape(reference.group(1)),
            }
        apply = re.search(r'<a class="button button-apply" href="([^"]+)"', html)
        if apply:
            assert posting["directApply"] is apply.group(1).startswith("https://")
    assert checked >= 5


def test_no_jobposting_on_expired_vacancies_or_listings(example_build):
    expired = 0
    details = vacancy_pages_in_every_language(example_build)
    for path in sorted(example_build.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        detail = path in details
        if detail and "notice-expired" not in html:
            continue
        expired += detail
        assert "JobPosting" not in html, path.relative_to(example_build)
    assert expired >= 1, "the example site should show an expired vacancy"


def test_breadcrumbs_and_organization(example_build):
    home = blocks((example_build / "index.html").read_text("utf-8"))
    org = home["Organization"]
    assert org["logo"] == "https://example.org/karriere/media/logo.svg"
    assert "https://www.instagram.com/stadt.lindenfeld/" in org["sameAs"]
    assert org["address"]["addressCountry"] == "DE"
    assert "BreadcrumbList" not in home

    html = (example_build / "stellen/sachbearbeitung-buergeramt/index.html").read_text("utf-8")
    trail = blocks(html)["BreadcrumbList"]["itemListElement"]
    nav = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    shown = [text_of(li) for li in re.findall(r"<li>(.*?)</li>", nav)]
    assert [item["name"] for item in trail] == shown
    assert [item["position"] for item in trail] == [1, 2, 3]
    assert trail[0]["item"] == "https://example.org/karriere/"
    assert trail[-1]["item"] == "https://example.org/karriere/stellen/sachbearbeitung-buergeramt/"


def test_google_rules_pass_with_the_structured_data_validator(example_build, tmp_path):
    """Google's rich-result requirements, as encoded by @adobe/structured-data-validator."""
    node = shutil.which("node")
    installed = (ROOT / "node_modules/@adobe/structured-data-validator").is_dir()
    assert node and installed, "needs node and `npm ci` (@adobe/structured-data-validator)"
    result = subprocess.run(
        [node, str(ROOT / "scripts/validate_structured_data.mjs"), str(example_build)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    errors = [
        (page, issue["message"])
        for page, found in report.items()
        for issue in found["issues"]
        if issue["severity"] == "ERROR"
    ]
    assert not errors
    postings = [page for page, found in report.items() if "JobPosting" in found["types"]]
    assert len(postings) >= 5  # the validator did see and check them


# --- scratch site, in process (no cards: this is about data only) -------------------------


@pytest.fixture
def scratch_outputs(tmp_path):
    files = dict(SCRATCH_FILES)
    files["site.yaml"] += "cards: false\n"
    files["content/vacancies/trick.md"] = """\
        ---
        title: "Sachbearbeiter </script><script>alert(1)</script> <!-- (m/w/d)"
        category: fachkraft
        posted: 2026-10-01
        deadline: 2026-12-31
        location: Teststadt
        employment: [part_time]
        salary: {min: 15.5, unit: HOUR}
        apply_url: "mailto:personal@example.org"
        ---
        Text mit </script> darin.
        """
    site = write_files(tmp_path / "site", files)
    result = generate(Request(site_dir=site, today=BUILD_DAY, drafts=True))
    return {o.path: o.read().decode("utf-8") for o in result.outputs if o.path.endswith(".html")}


def test_editor_text_cannot_end_the_script_block(scratch_outputs):
    html = scratch_outputs["stellen/trick/index.html"]
    assert "</script><script>alert" not in html
    posting = blocks(html)["JobPosting"]
    assert posting["title"] == "Sachbearbeiter </script><script>alert(1)</script> <!-- (m/w/d)"
    assert posting["description"].endswith("</p>")  # every closing tag came back intact
    assert posting["employmentType"] == "PART_TIME"
    assert posting["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "HOUR",
        "value": 15.5,
    }
    assert posting["directApply"] is False  # mailto: not an application form
    assert posting["validThrough"] == "2026-12-31T23:59:59+01:00"


def test_drafts_and_expired_get_no_jobposting(scratch_outputs):
    assert "JobPosting" in blocks(scratch_outputs["stellen/sachbearbeitung/index.html"])
    assert "JobPosting" not in blocks(scratch_outputs["stellen/geheim/index.html"])  # draft
    assert "JobPosting" not in blocks(scratch_outputs["stellen/alt/index.html"])  # expired
    for listing in ("index.html", "stellen/index.html", "stellen/kategorie/fachkraft/index.html"):
        assert "JobPosting" not in blocks(scratch_outputs[listing])


def test_faq_page_lists_every_question_with_its_answer(scratch_outputs):
    faq = blocks(scratch_outputs["faq/index.html"])["FAQPage"]
    [question] = faq["mainEntity"]
    assert question["@type"] == "Question"
    assert question["name"] == "Welche Wege führen zur Stadtverwaltung?"
    assert question["acceptedAnswer"] == {"@type": "Answer", "text": "<p>Viele.</p>"}


# --- units --------------------------------------------------------------------------------


def test_dumps_keeps_unicode_and_escapes_script_ends():
    name = "Straße </SCRIPT> </script> <!--<ScRiPt> <script"
    text = json_ld({name: name})
    assert "Straße" in text and "</" not in text and "<!--" not in text
    assert "<script" not in text.lower()
    assert json.loads(text) == {name: name}


def test_dumps_writes_what_the_standard_library_writes():
    """The same bytes as json.dumps (compact, UTF-8). Only floats below 1e-4 or from 1e16
    up are spelt differently (2.5e-5 for 2.5e-05), and no salary is one."""
    data = {
        "text": 'Tab\there, "quoted" \\ back\nline \x01 \u2028 Ä €',
        "numbers": [0, -3, 3456.78, 18.5, 0.001, 123456789.25, True, None],
        "nested": {"@type": "Place", "empty": [], "none": {}},
    }
    expected = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert json_ld(data) == expected


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2026, 1, 15), "2026-01-15T23:59:59+01:00"),
        (date(2026, 6, 5), "2026-06-05T23:59:59+02:00"),
    ],
)
def test_deadline_ends_at_midnight_in_berlin(day, expected):
    assert jsonld.end_of_day(day) == expected
