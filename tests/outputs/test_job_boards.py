"""stellen/jobs.xml (Indeed's publisher XML) and the HR-BA-XML export, parsed back."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.dom.minidom import Document
from xml.etree import ElementTree as ET

import yaml
from helpers import BUILD_DATE, SITE_YAML, run_cli, write_files

import karriere
from karriere.outputs.job_boards import add

BA = 'exports:\n  ba: {supplier_id: "V000311000", hiring_org_id: "A000000042"}\n'


def build(site: Path, *args: str, date: str = BUILD_DATE, env: dict | None = None):
    out = site.parent / "public"
    result = run_cli(
        "build", "--site", str(site), "--out", str(out), "--date", date, *args, env=env
    )
    assert result.returncode == 0, result.stderr
    return out, result


def shipped_range(table: str, group: str, raised: str) -> tuple[str, str]:
    """The entry and top step of a group, as German money, from the shipped table
    raised by the percentage of the table valid on the build date."""
    tables = Path(karriere.__file__).parent / "pay_tables" / table
    base = yaml.safe_load((tables / "2025-04-01.yaml").read_text(encoding="utf-8"))
    percent = yaml.safe_load((tables / raised).read_text(encoding="utf-8"))["raise"]["percent"]
    amounts = [round(a * (1 + percent / 100) + 1e-9, 2) for a in base["groups"][group]]
    german = [f"{a:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".") for a in amounts]
    return f"{german[0]}\xa0€", f"{german[-1]}\xa0€"


def test_jobs_xml_lists_exactly_the_open_published_vacancies(scratch_site: Path):
    low, high = shipped_range("tvoed-vka", "9a", "2026-05-01.yaml")
    for drafts in ((), ("--drafts",)):  # a draft stays out even when drafts are shown
        out, _ = build(scratch_site, *drafts)
        root = ET.parse(out / "stellen/jobs.xml").getroot()
        assert root.tag == "source"
        jobs = root.findall("job")
        # SCRATCH_FILES: sachbearbeitung is open, alt expired, geheim a draft
        assert [j.findtext("referencenumber") for j in jobs] == ["sachbearbeitung"]
    job = jobs[0]
    assert root.findtext("publisher") == "Stadt Teststadt"
    assert root.findtext("lastBuildDate") == "2026-10-01T00:00:00Z"
    assert job.findtext("title") == "Sachbearbeiter*in Bürgeramt (m/w/d)"
    assert job.findtext("date") == "2026-10-01T00:00:00Z"
    assert job.findtext("url") == "https://example.org/karriere/stellen/sachbearbeitung/"
    assert job.findtext("requisitionid") == "2026-BA-01"
    assert job.findtext("company") == "Stadt Teststadt"
    assert (job.findtext("city"), job.findtext("postalcode")) == ("Teststadt", "12345")
    assert job.findtext("country") == "DE"
    assert job.findtext("salary") == f"EG 9a TVöD-VKA: {low} bis {high} im Monat"
    assert job.findtext("expirationdate") == "2031-06-30T00:00:00Z"
    assert "<h2" in job.findtext("description")  # the body's HTML itself, not entities
    raw = (out / "stellen/jobs.xml").read_text(encoding="utf-8")
    assert "<description><![CDATA[<h2" in raw and "&lt;" not in raw


def test_jobs_xml_job_type_and_salary_numbers(scratch_site: Path):
    vacancy = scratch_site / "content/vacancies/sachbearbeitung.md"
    text = vacancy.read_text(encoding="utf-8").replace(
        'pay: {table: tvoed-vka, group: "9a"}',
        "employment: [full_time, part_time]\nsalary: {min: 3200, max: 4100, unit: MONTH}",
    )
    assert "salary:" in text
    vacancy.write_text(text, encoding="utf-8")
    out, _ = build(scratch_site)
    job = ET.parse(out / "stellen/jobs.xml").getroot().find("job")
    assert job.findtext("jobtype") == "fulltime, parttime"
    assert job.findtext("salary") == "3200 bis 4100 EUR im Monat"


def test_cdata_keeps_a_closing_bracket_sequence():
    doc = Document()
    root = doc.appendChild(doc.createElement("job"))
    add(doc, root, "description", "a ]]> b <p>c</p>")
    parsed = ET.fromstring(doc.toxml())
    assert parsed.findtext("description") == "a ]]> b <p>c</p>"


BA_FILES = {
    "content/occupations/verwaltung.md": """\
        ---
        name: "Verwaltungsfachangestellte*r"
        ba_beruf: 1111
        ---
        Beruf.
        """,
    "content/vacancies/mit-beruf.md": """\
        ---
        title: "Ausbildung Verwaltung"
        category: ausbildung
        posted: 2026-10-05
        updated: 2026-11-02
        deadline: 2026-12-31
        location: {postal_code: "12345", city: "Teststadt"}
        occupations: [verwaltung]
        ---
        <p>Wir bilden aus.</p>
        """,
    "content/vacancies/bald-weg.md": """\
        ---
        title: "Praktikum"
        category: praktikum
        posted: 2026-10-01
        location: Teststadt
        ba_beruf: "2222"
        ---
        Kurz.
        """,
}


def test_ba_export_full_load_and_deletes(scratch_site: Path):
    (scratch_site / "site.yaml").write_text(SITE_YAML + BA, encoding="utf-8")
    write_files(scratch_site, BA_FILES)
    out, first = build(scratch_site, env={"SOURCE_DATE_EPOCH": "1795000000"})
    exports = scratch_site / "exports"
    files = sorted(p.name for p in exports.glob("*.xml"))
    assert files == ["DSV000311000_2026-11-18_11-06-40_F001E.xml"]
    assert not list(out.rglob("DS*.xml"))  # never published
    # The open vacancy without an occupation id: a warning naming it, and left out.
    warned = [line for line in first.stderr.splitlines() if "ba_beruf" in line]
    assert warned and warned[0].startswith("content/vacancies/sachbearbeitung.md:")
    root = ET.parse(exports / files[0]).getroot()
    assert root.tag == "HRBAXMLJobPositionPosting"
    assert root.findtext("Header/SupplierId") == "V000311000"
    assert root.findtext("Header/Timestamp") == "2026-11-18T11:06:40Z"
    assert root.findtext("Header/TypeOfLoad") == "F"
    postings = {p.findtext("JobPositionPostingId"): p for p in root.iter("JobPositionPosting")}
    assert sorted(postings) == ["bald-weg", "mit-beruf"]  # not expired, draft or without id
    assert root.findtext("Header/Amount") == "2"
    assert root.find("Data/DeleteEntry") is None
    posting = postings["mit-beruf"]
    assert posting.findtext("HiringOrg/HiringOrgId") == "A000000042"
    assert posting.findtext("JobPositionInformation/JobPositionTitle/TitleCode") == "1111"
    assert postings["bald-weg"].findtext(".//TitleCode") == "2222"  # its own
    assert posting.findtext("PostDetail/StartDate") == "2026-10-05"
    assert posting.findtext("PostDetail/EndDate") == "2026-12-31"
    assert posting.findtext("PostDetail/LastModificationDate") == "2026-11-02T00:00:00Z"
    assert posting.findtext("JobPositionInformation/Objective") == "Wir bilden aus."
    record = json.loads((exports / ".last-ba-export.json").read_text(encoding="utf-8"))
    assert record["ids"] == ["mit-beruf", "bald-weg"] and record["file"] == files[0]

    # A month later mit-beruf has expired and bald-weg was deleted: both leave the BA.
    (scratch_site / "content/vacancies/bald-weg.md").unlink()
    build(scratch_site, date="2027-01-15", env={"SOURCE_DATE_EPOCH": "1800000000"})
    second = exports / "DSV000311000_2027-01-15_08-00-00_F001E.xml"
    root = ET.parse(second).getroot()
    assert root.find("Data/JobPositionPosting") is None
    deleted = [e.findtext("EntryId") for e in root.iter("DeleteEntry")]
    assert deleted == ["bald-weg", "mit-beruf"]
    assert root.findtext("Header/Amount") == "2"
    record = json.loads((exports / ".last-ba-export.json").read_text(encoding="utf-8"))
    assert record["ids"] == []
    assert not [p for p in exports.iterdir() if p.name.endswith(".tmp")]


def test_no_ba_export_without_the_setting_nor_from_check(scratch_site: Path):
    write_files(scratch_site, BA_FILES)
    build(scratch_site)
    assert not (scratch_site / "exports").exists()
    (scratch_site / "site.yaml").write_text(SITE_YAML + BA, encoding="utf-8")
    checked = run_cli("check", "--site", str(scratch_site), "--date", BUILD_DATE)
    assert checked.returncode == 0, checked.stderr
    assert not (scratch_site / "exports").exists()


def test_ba_export_file_name_follows_the_convention(scratch_site: Path):
    (scratch_site / "site.yaml").write_text(SITE_YAML + BA, encoding="utf-8")
    write_files(scratch_site, BA_FILES)
    build(scratch_site)  # the clock's time
    (name,) = [p.name for p in (scratch_site / "exports").glob("*.xml")]
    assert re.fullmatch(r"DSV000311000_\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_F001E\.xml", name)
