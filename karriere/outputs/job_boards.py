"""stellen/jobs.xml: every open vacancy for job aggregators, in Indeed's publisher XML.

The format (docs.indeed.com, "XML feed reference"): a <source> root with <publisher>,
<publisherurl>, <lastBuildDate> and one <job> per vacancy, its values in CDATA sections
("Indeed does not support HTML entities": the description's HTML is written as is, inside
CDATA). Written with xml.dom.minidom, the standard library's XML writer that makes CDATA
sections. Each <job> is one minidom element, kept by its values between builds; the file
is those elements in order inside <source>. The default language only: aggregators take
one feed per site, and it lists every vacancy, translated or not.
"""

from __future__ import annotations

from datetime import date
from itertools import chain
from xml.dom.minidom import Document, Element

from lxml import etree

from karriere.base import locale_format
from karriere.base.messages import say
from karriere.base.xmltext import clean
from karriere.site import pay
from karriere.site.model import Item, Site
from karriere.write.output import Bytes, Output
from karriere.write.spool import Spool

PATH = "stellen/jobs.xml"
GERMAN = locale_format.locale_of("de")

# Front matter `employment` -> Indeed's <jobtype> words (the others have none).
JOB_TYPES = {
    "full_time": "fulltime",
    "part_time": "parttime",
    "temporary": "temporary",
    "contractor": "contract",
    "intern": "internship",
    "per_diem": "perdiem",
}
# Salary units as the feed's German text says them.
PER_UNIT = {
    "HOUR": "pro Stunde",
    "DAY": "pro Tag",
    "WEEK": "pro Woche",
    "MONTH": "im Monat",
    "YEAR": "im Jahr",
}


def stamp(day: date) -> str:
    """Midnight UTC of the day, ISO 8601 (what Indeed recommends for dates)."""
    return f"{day.isoformat()}T00:00:00Z"


def jobs_feed(site: Site, spool: Spool | None = None) -> Output:
    """Open, published vacancies (no drafts, nothing expired), in the site's order.
    The feed holds every body (about 4.6 KB a vacancy), so a big site's is written into
    the spool as it is made, never held whole in memory."""
    jobs = [v for v in site.open_vacancies if not v.draft]
    newest = max((v.updated or v.meta.posted for v in jobs), default=site.options.today)
    head, tail = _frame(site, newest)
    chunks = chain([head], (_indented(job_element(job_values(site, v))) for v in jobs), [tail])
    origin = say("the job board feed")
    if spool is None:
        return Bytes(PATH, b"".join(chunks), origin=origin)
    return spool.stream(PATH, chunks, origin)


def _frame(site: Site, newest: date) -> tuple[bytes, bytes]:
    """The feed's XML declaration and <source> header, and its end, by minidom."""
    doc = Document()
    root = doc.appendChild(doc.createElement("source"))
    organisation = site.settings.organisation
    add(doc, root, "publisher", organisation.name, cdata=False)
    add(doc, root, "publisherurl", organisation.url or site.urls.absolute(""), cdata=False)
    add(doc, root, "lastBuildDate", stamp(newest), cdata=False)
    root.appendChild(doc.createTextNode("\n"))
    # (not toprettyxml: it would put line breaks between the CDATA sections of one value)
    head, _, tail = doc.toxml(encoding="utf-8").rpartition(b"</source>")
    return head.replace(b"?><source>", b"?>\n<source>", 1), b"</source>" + tail + b"\n"


def _indented(element: bytes) -> bytes:
    return b"  " + element + b"\n"


def job_values(site: Site, v: Item) -> tuple:
    """(element name, text) of each field of a vacancy's <job> that has a value."""
    m = v.meta
    place = m.location
    fields = (
        ("title", m.title),
        ("date", stamp(m.posted)),  # first publication (Indeed: it must match the page)
        ("referencenumber", v.slug),  # unique on the site and never changed
        ("requisitionid", m.reference),
        ("url", site.urls.absolute(v.route)),
        ("company", site.network.hirer(v).name),
        ("city", place.city),
        ("state", place.region),
        ("country", place.country),
        ("postalcode", place.postal_code),
        ("streetaddress", place.street),
        ("description", v.html or m.summary or m.title),
        ("salary", salary_text(site, m)),
        ("jobtype", ", ".join(JOB_TYPES[e] for e in m.employment if e in JOB_TYPES)),
        ("expirationdate", stamp(m.deadline) if m.deadline else None),
    )
    return tuple((name, str(value)) for name, value in fields if value)


def job_element(values: tuple) -> bytes:
    """The <job> element, its values in CDATA sections, serialised by lxml (minidom took
    a tenth of a cold build at 10,000 vacancies). A value holding "]]>", which no CDATA
    section can, is written as escaped text instead."""
    job = etree.Element("job")
    job.text = "\n    "
    for name, value in values:
        node = etree.SubElement(job, name)
        text = clean(value)
        node.text = text if "]]>" in text else etree.CDATA(text)
        node.tail = "\n    "
    if len(job):
        job[-1].tail = "\n  "
    return etree.tostring(job, encoding="utf-8")


def salary_text(site: Site, m) -> str | None:
    """The pay as the page says it: the table's range in euros ("EG 9a TVöD-VKA:
    3.658,61 € bis 4.979,97 € im Monat"), the text (`pay`), the numbers (`salary`)."""
    paid = pay.resolve(site.config.pay_tables, m.pay, site.options.today)
    if paid is not None:
        low, high = (locale_format.money(a, GERMAN) for a in (paid.low, paid.high))
        return f"{paid.title}: {low} bis {high} im Monat"  # (the feed is German)
    text = m.pay if isinstance(m.pay, str) else None
    numbers = None
    if m.salary is not None:
        s = m.salary
        amounts = [f"{x:g}" for x in (s.min, s.max) if x is not None]
        numbers = f"{' bis '.join(amounts)} {s.currency} {PER_UNIT[s.unit]}"
    if text and numbers:
        return f"{text} ({numbers})"
    return text or numbers


def add(
    doc: Document, parent: Element, name: str, value: str, cdata: bool = True, depth: int = 1
) -> None:
    """<name>value</name> on a line of its own, the value in CDATA sections (one cannot
    hold "]]>": it is split there, as XML allows)."""
    parent.appendChild(doc.createTextNode("\n" + "  " * depth))
    node = parent.appendChild(doc.createElement(name))
    value = clean(str(value))
    if not cdata:
        node.appendChild(doc.createTextNode(value))
        return
    parts = value.split("]]>")
    for n, part in enumerate(parts):
        text = part + ("]]" if n < len(parts) - 1 else "")
        text = (">" if n else "") + text
        node.appendChild(doc.createCDATASection(text))
