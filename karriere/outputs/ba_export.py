"""The HR-BA-XML export for the Bundesagentur für Arbeit's Jobbörse (site.yaml
`exports: {ba: {supplier_id, hiring_org_id}}`).

The BA gives its XSD only to cooperation partners, so this file follows the structure
that published integrations use: the sample file "HRBAXML_Musterdatei.xml" and
XMLJob.php of kzorluoglu/arbeitsagentur, the README of pludoni/ba_upload (file name,
DeleteEntry) and the header of dergoldbroiler/mfbjobsapi. It is a full load
(TypeOfLoad F): every open vacancy, and a DeleteEntry for each one the last export held
that is gone (expired, removed, a draft again, or without a BA occupation id now).

Written on `build` only (never by the preview), into <site>/exports/, outside the
published folder: DS<SupplierId>_<YYYY-MM-DD_HH-MM-SS>_F001E.xml, in UTC. What it held
is kept in exports/.last-ba-export.json, written only after the file is complete. karriere
never uploads: the site's CI does, over HTTPS with the BA's client certificate.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

from karriere.base.errors import Problem
from karriere.base.messages import say
from karriere.base.xmltext import clean
from karriere.outputs.job_boards import salary_text
from karriere.site.model import Item, Site

FOLDER = "exports"
RECORD = ".last-ba-export.json"
STATUS, ACTION = "1", "1"  # as in the published sample file for a posting to publish


def export_time() -> datetime:
    """Now, in UTC, to the second; SOURCE_DATE_EPOCH when set (a reproducible build)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def file_name(supplier_id: str, when: datetime) -> str:
    """The BA's convention: DS<SupplierId>_<date>_<time>_F<part>E.xml, one part (E: the last)."""
    return f"DS{supplier_id}_{when.strftime('%Y-%m-%d_%H-%M-%S')}_F001E.xml"


def title_code(site: Site, v: Item) -> str | None:
    """The BA occupation id: the vacancy's own, else its first occupation's."""
    if v.meta.ba_beruf:
        return v.meta.ba_beruf
    first = site.network.occupation(v.meta.occupations[0]) if v.meta.occupations else None
    return first.meta.ba_beruf if first is not None else None


def exported(site: Site) -> list[Item]:
    """What may go to the BA: open, published vacancies with an occupation id."""
    return [v for v in site.open_vacancies if not v.draft and title_code(site, v)]


def missing_titles(site: Site) -> list[Problem]:
    """A warning for each open vacancy the BA cannot take: it has no occupation id."""
    if not wanted(site):
        return []
    found = []
    for v in site.open_vacancies:
        if v.draft or title_code(site, v):
            continue
        message = say(
            "warning: not in the export for the Bundesagentur für Arbeit: no ba_beruf "
            "(expected ba_beruf: <the BA's occupation id> here or in its first occupation)"
        )
        line = v.entry.field_lines.get("occupations", v.entry.field_lines.get("title", 1))
        found.append(Problem(v.entry.source, line, message))
    return found


def wanted(site: Site) -> bool:
    exports = site.settings.exports
    return exports is not None and exports.ba is not None


def export_ba(site: Site, site_dir: Path, when: datetime | None = None) -> Path | None:
    """Write the export (if site.yaml asks for one); its path. Raises OSError."""
    if not wanted(site):
        return None
    when = when or export_time()
    folder = site_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    before = last_ids(folder / RECORD)
    vacancies = exported(site)
    ids = [v.slug for v in vacancies]
    gone = sorted(set(before) - set(ids))
    data = document(site, vacancies, gone, when)
    path = folder / file_name(site.settings.exports.ba.supplier_id, when)
    write_atomically(path, data)
    record = {"file": path.name, "timestamp": stamp(when), "ids": ids}
    write_atomically(folder / RECORD, json.dumps(record, indent=1).encode())  # after the file
    return path


def last_ids(record: Path) -> list[str]:
    try:
        ids = json.loads(record.read_text(encoding="utf-8")).get("ids", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []


def stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def document(site: Site, vacancies: list[Item], gone: list[str], when: datetime) -> bytes:
    ba = site.settings.exports.ba
    root = ET.Element("HRBAXMLJobPositionPosting")
    header = ET.SubElement(root, "Header")
    for name, value in (
        ("SupplierId", ba.supplier_id),
        ("Timestamp", stamp(when)),
        ("Amount", str(len(vacancies) + len(gone))),  # the entries under Data
        ("TypeOfLoad", "F"),  # a full load
    ):
        sub(header, name, value)
    data = ET.SubElement(root, "Data")
    for v in vacancies:
        data.append(posting(site, v, ba))
    for slug in gone:
        sub(ET.SubElement(data, "DeleteEntry"), "EntryId", slug)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def posting(site: Site, v: Item, ba) -> ET.Element:
    m = v.meta
    node = ET.Element("JobPositionPosting")
    sub(node, "JobPositionPostingId", v.slug)
    hirer = site.network.hirer(v)
    org = ET.SubElement(node, "HiringOrg")
    sub(org, "HiringOrgName", hirer.name)
    sub(org, "HiringOrgId", ba.hiring_org_id)
    sub(org, "ProfileWebSite", hirer.url)
    if m.contact is not None:
        contact = ET.SubElement(org, "Contact")
        given, _, family = m.contact.name.rpartition(" ")
        sub(contact, "GivenName", given)
        sub(contact, "FamilyName", family)
        sub(contact, "PositionTitle", m.contact.role)
        sub(contact, "EMail", m.contact.email)
    detail = ET.SubElement(node, "PostDetail")
    sub(detail, "StartDate", m.posted.isoformat())
    sub(detail, "EndDate", m.deadline.isoformat() if m.deadline else None)
    sub(detail, "LastModificationDate", f"{(v.updated or m.posted).isoformat()}T00:00:00Z")
    sub(detail, "Status", STATUS)
    sub(detail, "Action", ACTION)
    sub(detail, "SupplierId", ba.supplier_id)
    sub(detail, "SupplierName", site.settings.organisation.name)
    sub(detail, "InternetReference", site.urls.absolute(v.route))
    node.append(information(site, v))
    return node


def information(site: Site, v: Item) -> ET.Element:
    m = v.meta
    info = ET.Element("JobPositionInformation")
    sub(ET.SubElement(info, "JobPositionTitle"), "TitleCode", title_code(site, v))
    sub(info, "JobPositionTitleDescription", m.title)
    sub(info, "Objective", plain_text(v.html) or m.summary or m.title)
    description = ET.SubElement(info, "JobPositionDescription")
    place = ET.SubElement(ET.SubElement(description, "JobPositionLocation"), "Location")
    sub(place, "CountryCode", m.location.country)
    sub(place, "PostalCode", m.location.postal_code)
    sub(place, "Municipality", m.location.city)
    sub(place, "StreetName", m.location.street)
    pay = salary_text(site, m)
    if pay:
        sub(ET.SubElement(description, "CompensationDescription"), "Salary", pay)
    return info


def sub(parent: ET.Element, name: str, value: str | None) -> None:
    """<name>value</name>, left out when there is no value."""
    if value:
        ET.SubElement(parent, name).text = clean(str(value))


class _Text(HTMLParser):
    """The text of the body's HTML, a blank line after each block."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")


def plain_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def write_atomically(path: Path, data: bytes) -> None:
    """Into a temporary file beside it, then renamed: a reader (the CI's upload step)
    never sees half a file."""
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
