"""stellen/jobs.xml: every open vacancy for job aggregators, in Indeed's publisher XML.

The format (docs.indeed.com, "XML feed reference"): a <source> root with <publisher>,
<publisherurl>, <lastBuildDate> and one <job> per vacancy, its values in CDATA sections
("Indeed does not support HTML entities": the description's HTML is written as is, inside
CDATA). Written with xml.dom.minidom, the standard library's XML writer that makes CDATA
sections; never by joining strings. The default language only: aggregators take one feed
per site, and it lists every vacancy, translated or not.
"""

from __future__ import annotations

from datetime import date
from xml.dom.minidom import Document, Element

from karriere.base.messages import say
from karriere.base.xmltext import clean
from karriere.site.model import Item, Site
from karriere.write.output import Bytes, Output

PATH = "stellen/jobs.xml"

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


def jobs_feed(site: Site) -> Output:
    """Open, published vacancies (no drafts, nothing expired), in the site's order."""
    doc = Document()
    root = doc.appendChild(doc.createElement("source"))
    organisation = site.settings.organisation
    jobs = [v for v in site.open_vacancies if not v.draft]
    newest = max((v.updated or v.meta.posted for v in jobs), default=site.options.today)
    add(doc, root, "publisher", organisation.name, cdata=False)
    add(doc, root, "publisherurl", organisation.url or site.urls.absolute(""), cdata=False)
    add(doc, root, "lastBuildDate", stamp(newest), cdata=False)
    for vacancy in jobs:
        root.appendChild(doc.createTextNode("\n  "))
        root.appendChild(job(doc, site, vacancy))
    root.appendChild(doc.createTextNode("\n"))
    # (not toprettyxml: it would put line breaks between the CDATA sections of one value)
    data = doc.toxml(encoding="utf-8") + b"\n"
    return Bytes(PATH, data, origin=say("the job board feed"))


def job(doc: Document, site: Site, v: Item) -> Element:
    m = v.meta
    node = doc.createElement("job")
    place = m.location
    fields = [
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
        ("salary", salary_text(m)),
        ("jobtype", ", ".join(JOB_TYPES[e] for e in m.employment if e in JOB_TYPES)),
        ("expirationdate", stamp(m.deadline) if m.deadline else None),
    ]
    for name, value in fields:
        if value:
            add(doc, node, name, value, depth=2)
    node.appendChild(doc.createTextNode("\n  "))
    return node


def salary_text(m) -> str | None:
    """The pay as the page says it: the text (`pay`), the numbers (`salary`), or both."""
    pay = m.pay if isinstance(m.pay, str) else None
    numbers = None
    if m.salary is not None:
        s = m.salary
        amounts = [f"{x:g}" for x in (s.min, s.max) if x is not None]
        numbers = f"{' bis '.join(amounts)} {s.currency} {PER_UNIT[s.unit]}"
    if pay and numbers:
        return f"{pay} ({numbers})"
    return pay or numbers


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
