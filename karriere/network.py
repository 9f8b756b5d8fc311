"""Networks and campaigns: employers, occupations (Berufe), events (Termine), programmes.

`build_network()` turns their entries into Items (an event's `expired` means it is over),
`plan_network_pages()` adds their pages to the site model, and `network_outputs()` makes
the files that are not HTML pages: one .ics per event, the vacancy filter's JSON index
and the QR codes for posters.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING

import orjson

from . import jsonld, qrcodes
from .cache import MadeFiles, hash_bytes, hash_text
from .content import Content
from .models import Address, Contact, Social
from .workers import fork_pool
from .xmltext import clean

if TYPE_CHECKING:
    from .recall import Recall
    from .site import Item, Page, Site
    from .writer import Output, Spool

# Query keys of the vacancy filter; the same keys name the fields of stellen/index.json.
FILTER_KEYS = ("kategorie", "arbeitgeber", "ort", "beruf", "teilzeit")


@dataclass(frozen=True)
class Hirer:
    """Who hires: a network employer, or the site's own organisation."""

    name: str
    url: str | None
    logo: str | None  # relative to content/
    address: Address | None
    social: Social
    route: str | None = None  # the employer page, if there is one
    slug: str = ""


@dataclass
class Network:
    organisation: Hirer
    contact: Contact | None = None  # the site's dialogue contact (site.yaml contact:)
    employers: list[Item] = field(default_factory=list)
    occupations: list[Item] = field(default_factory=list)
    events: list[Item] = field(default_factory=list)  # by start; expired = over
    programmes: list[Item] = field(default_factory=list)  # free pages with programme: true
    filter_options: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def employer(self, slug: str | None) -> Item | None:
        return next((e for e in self.employers if e.slug == slug), None)

    def occupation(self, slug: str) -> Item | None:
        return next((o for o in self.occupations if o.slug == slug), None)

    def hirer(self, item: Item) -> Hirer:
        """The employer a vacancy or story names (or is); the site's organisation otherwise."""
        if item.entry.kind == "employers":
            found = item
        else:
            found = self.employer(getattr(item.meta, "employer", None))
        if found is None:
            return self.organisation
        m = found.meta
        return Hirer(m.name, m.website, m.logo, m.address, m.social, found.route, found.slug)

    def dialogue(self, item: Item | None = None) -> tuple[Contact | None, list, str | None]:
        """The contact block: (person, channels, response time); a vacancy's own person wins."""
        person = getattr(item.meta, "contact", None) if item is not None else None
        person = person or self.contact
        hirer = self.hirer(item) if item is not None else self.organisation
        channels = hirer.social.links() or self.organisation.social.links()
        response = (person.response_time if person else None) or (
            self.contact.response_time if self.contact else None
        )
        return person, channels, response

    @property
    def upcoming_events(self) -> list[Item]:
        return [e for e in self.events if not e.expired]


def employer_of(site: Site, item: Item) -> Hirer:
    """JobPosting's hiringOrganization: the vacancy's employer, not always the site's."""
    return site.network.hirer(item)


def build_network(
    site: Site,
    content: Content,
    make_item: Callable[..., Item],
    visible: Callable,
    recall: Recall | None = None,
) -> Network:
    org = site.settings.organisation
    social = site.settings.social
    network = Network(
        organisation=Hirer(org.name, org.url, org.logo, org.address, social),
        contact=site.settings.contact,
    )
    employers = visible(content["employers"])
    network.employers = [make_item(e, f"arbeitgeber/{e.slug}/") for e in employers]
    network.employers.sort(key=lambda e: e.meta.name.casefold())
    occupations = visible(content["occupations"])
    network.occupations = [make_item(e, f"berufe/{e.slug}/") for e in occupations]
    network.occupations.sort(key=lambda o: o.meta.name.casefold())
    today = site.options.today
    network.events = [
        make_item(e, f"termine/{e.slug}/", expired=e.meta.last_day < today)
        for e in visible(content["events"])
    ]
    network.events.sort(key=lambda e: (sort_key(e.meta.start), e.meta.title))
    found = [p for p in site.pages_content if p.meta.programme]
    network.programmes = sorted(found, key=lambda p: (p.meta.order, p.meta.title))
    network.filter_options = filter_options(site.open_vacancies, site.categories, network, recall)
    return network


def sort_key(when: date | datetime) -> datetime:
    if isinstance(when, datetime):
        return when.astimezone(UTC)
    return datetime.combine(when, time(0, 0), tzinfo=UTC)


# --- what each page lists ---------------------------------------------------------------


def vacancies_for(site: Site, *, employer: str | None = None, occupation: str | None = None):
    found = site.open_vacancies
    if employer is not None:
        found = [v for v in found if site.network.hirer(v).slug == employer]
    if occupation is not None:
        found = [v for v in found if occupation in v.meta.occupations]
    return found


def stories_for(site: Site, *, employer: str | None = None, occupation: str | None = None):
    found = site.stories
    if employer is not None:
        found = [s for s in found if s.meta.employer == employer]
    if occupation is not None:
        found = [s for s in found if occupation in s.meta.occupations]
    return found


# --- pages ------------------------------------------------------------------------------


def plan_network_pages(site: Site, t: dict, recall: Recall) -> list[Page]:
    from .site import Page, first_sentence_of

    net = site.network
    home = (t["home"], "")
    org = site.settings.organisation.name
    pages: list[Page] = []
    if net.employers:
        pages.append(
            Page(
                "arbeitgeber/",
                "employer_list.html",
                "employer_list",
                t["employers"],
                t["employers_description"].format(organisation=org),
                items=net.employers,
                breadcrumbs=[home],
                extra={
                    "counts": {
                        e.slug: len(vacancies_for(site, employer=e.slug)) for e in net.employers
                    }
                },
            )
        )
    for e in net.employers:
        crumbs = [home, (t["employers"], "arbeitgeber/")]
        open_here = vacancies_for(site, employer=e.slug)
        pages.append(
            Page(
                e.route,
                "employer.html",
                "employer",
                e.meta.name,
                e.meta.summary or first_sentence_of(e) or e.meta.name,
                item=e,
                items=open_here,
                breadcrumbs=crumbs,
                extra={"stories": stories_for(site, employer=e.slug)},
                in_sitemap=not e.draft,
                noindex=e.draft,
            )
        )
        pages.append(
            Page(
                f"stellen/arbeitgeber/{e.slug}/",
                "vacancy_list.html",
                "employer_vacancies",
                f"{e.meta.name}: {t['vacancies']}",
                t["category_description"].format(category=t["vacancies"], organisation=e.meta.name),
                items=open_here,
                heading=e.meta.label,
                breadcrumbs=[home, (t["vacancies"], "stellen/")],
                extra={"employer": e.slug},
            )
        )
    if net.occupations:
        pages.append(
            Page(
                "berufe/",
                "occupation_list.html",
                "occupation_list",
                t["occupations"],
                t["occupations_description"].format(organisation=org),
                items=net.occupations,
                breadcrumbs=[home],
                extra={"letters": by_letter(net.occupations)},
            )
        )
    for o in net.occupations:
        pages.append(
            Page(
                o.route,
                "occupation.html",
                "occupation",
                o.meta.name,
                o.meta.summary or first_sentence_of(o) or o.meta.name,
                item=o,
                items=vacancies_for(site, occupation=o.slug),
                breadcrumbs=[home, (t["occupations"], "berufe/")],
                extra={
                    "stories": stories_for(site, occupation=o.slug),
                    "faq": [f for f in site.faq if o.slug in f.meta.occupations],
                },
                in_sitemap=not o.draft,
                noindex=o.draft,
            )
        )
    if net.events:
        pages.append(
            Page(
                "termine/",
                "event_list.html",
                "event_list",
                t["events"],
                t["events_description"].format(organisation=org),
                items=net.upcoming_events,
                breadcrumbs=[home],
            )
        )
    for ev in net.events:
        hidden = ev.expired or ev.draft
        pages.append(
            Page(
                ev.route,
                "event.html",
                "event",
                ev.meta.title,
                ev.meta.summary or first_sentence_of(ev) or ev.meta.title,
                item=ev,
                breadcrumbs=[home, (t["events"], "termine/")],
                extra={"jsonld": event_jsonld(site, ev)},
                in_sitemap=not hidden,
                noindex=hidden,
            )
        )
    pages += recall.many(poster_page, poster_items(site), t)
    return pages


def poster_page(item: Item, t: dict) -> Page:
    from .site import Page

    return Page(
        item.route + "aushang/",
        "poster.html",
        "poster",
        f"{t['poster']}: {item.meta.title}",
        t["poster_description"].format(title=item.meta.title),
        item=item,
        breadcrumbs=[(t["home"], "")],
        in_sitemap=False,
        noindex=True,
    )


def by_letter(occupations: list[Item]) -> list[tuple[str, list[Item]]]:
    """A–Z groups; umlauts sort with their base letter (Ä with A)."""
    groups: dict[str, list[Item]] = {}
    for o in occupations:
        first = o.meta.name[:1].upper().translate(str.maketrans("ÄÖÜ", "AOU"))
        groups.setdefault(first, []).append(o)
    return sorted(groups.items())


def poster_items(site: Site) -> list[Item]:
    """Pages that get a QR code and an A4 poster: open vacancies, programmes and campaigns.
    None for an expired vacancy, in the preview too: a print-out's code leads to the
    vacancy page, which says that the deadline has passed."""
    if not site.settings.posters:  # a portal of thousands of vacancies may print none
        return []
    campaigns = [p for p in site.pages_content if p.meta.programme or p.meta.campaign]
    return site.open_vacancies + campaigns


# --- files that are not pages ---------------------------------------------------------


def network_outputs(
    site: Site,
    files: MadeFiles | None = None,
    jobs: int = 1,
    recall: Recall | None = None,
    spool: Spool | None = None,
    recall_rows: Recall | None = None,
) -> list[Output]:
    """`files` (cache.MadeFiles) keeps last build's QR codes whose URL and title are the
    same; new ones are made in a pool of `jobs` processes when there are many (a cold
    build of a big site), which write them to `spool`. `recall` hands back an item's QR
    files from the last build in this process (the live preview); `recall_rows` the filter
    index's rows (pipeline.Hooks)."""
    from .recall import Recall

    files = files if files is not None else MadeFiles()
    recall = recall if recall is not None else Recall()
    outputs = [filter_index(site, recall_rows)]
    outputs += [event_ics(site, ev) for ev in site.network.events]
    base = site.urls.base_url
    items = poster_items(site)
    made = make_qr_codes(recall.missing(qr_codes, items, base), base, files, jobs, spool)
    outputs += chain.from_iterable(recall.many(qr_codes, items, base, files=files, made=made))
    return outputs


QR_PARALLEL_FROM = 200  # codes; about 1 ms each, so fewer are not worth a pool
QR_KINDS = ("svg", "png")


def make_qr_codes(
    items: list[Item], base_url: str, files: MadeFiles, jobs: int, spool: Spool | None
) -> dict[tuple, tuple]:
    """(url, title) -> ((svg file or bytes, digest), (png ..., digest)) for the codes that
    last build did not leave, made in a pool of processes when there are many."""
    if jobs <= 1 or len(items) < QR_PARALLEL_FROM or not hasattr(os, "fork"):
        return {}  # qr_codes() makes them one by one
    todo = [qr_inputs(item, base_url) for item in items]
    todo = [t for t in todo if not all(files.has(*t[2][kind]) for kind in QR_KINDS)]
    if len(todo) < QR_PARALLEL_FROM:
        return {}
    folder = spool.folder() if spool is not None else None
    tasks = [(n, url, title, folder and str(folder)) for n, (url, title, _) in enumerate(todo)]
    size = max(32, len(todo) // (jobs * 4))
    with fork_pool(jobs) as pool:
        made = pool.map(_qr_files, tasks, chunksize=size)
    return {(url, title): pair for (url, title, _), pair in zip(todo, made, strict=True)}


def qr_inputs(item: Item, base_url: str) -> tuple[str, str, dict[str, tuple[str, str]]]:
    """(url, title, {kind: (output path, key of the inputs)}). (The state that keeps the
    keys is per karriere version: engine.State.)"""
    url, title = base_url + item.route.lstrip("/"), item.meta.title
    paths = {
        kind: (f"{item.route}qr.{kind}", hash_text("qr", url, title, kind)) for kind in QR_KINDS
    }
    return url, title, paths


def _qr_files(job: tuple) -> tuple[tuple, tuple]:
    """In a worker: both files of one code, written to the spool folder if there is one."""
    number, url, title, folder = job
    cells = qrcodes.modules(url)
    made = []
    for kind in QR_KINDS:
        data = qrcodes.file(kind, url, title, cells)
        digest = hash_bytes(data)
        if folder is None:
            made.append((data, digest))
            continue
        path = os.path.join(folder, f"qr-{number}.{kind}")
        with open(path, "wb") as f:
            f.write(data)
        made.append((path, digest))
    return tuple(made)


def filter_index(site: Site, recall: Recall | None = None) -> Output:
    """stellen/index.json: the facts the vacancy filter matches on, one row per open
    vacancy. `recall`: the live preview's, which hands back unchanged vacancies' rows."""
    from .recall import Recall

    recall = recall if recall is not None else Recall()
    net = site.network
    urls = site.urls
    rows = recall.many(
        _filter_row,
        site.open_vacancies,
        urls.base_url,
        _employers_key(net),
        net=net,
        path=urls.path,
    )
    return recall.joined(_filter_file, rows)


def _filter_file(rows: list[dict]) -> Output:
    from .writer import Output

    # Compact JSON in UTF-8, as json.dumps writes it. (One call for all rows: rows each
    # dumped on their own held ~30 MB more at the peak of a cold build.)
    data = orjson.dumps({"vacancies": rows})
    return Output("stellen/index.json", data, origin="the vacancy filter index")


def _employers_key(net: Network) -> str:
    """What decides each vacancy's hirer slug besides the vacancy (Network.hirer)."""
    return "\x1f".join(e.slug for e in net.employers)


def _filter_row(v: Item, base_url: str, employers: str, net: Network, path: Callable) -> dict:
    del base_url, employers  # (recall compares them; `path` is Urls.path of that base_url)
    m = v.meta
    return {
        "url": path(v.route),
        "kategorie": m.category,
        "arbeitgeber": net.hirer(v).slug,
        "ort": m.location.city,
        "beruf": list(m.occupations),
        "teilzeit": "1" if "part_time" in m.employment else "",
    }


def filter_options(
    open_: list[Item], categories: dict, net: Network, recall: Recall | None = None
) -> dict[str, list]:
    """The choices of each select field: (value, label), only those that find something."""
    from .recall import Recall

    recall = recall if recall is not None else Recall()
    facts = recall.many(_option_facts, open_, _employers_key(net), net=net)
    labels = (
        list(categories.items()),
        [(e.slug, e.meta.label) for e in net.employers],
        [(o.slug, o.meta.name) for o in net.occupations],
    )
    return recall.joined(_options_of, facts, repr(labels), labels=labels)


def _options_of(facts: list[tuple], key: str, labels: tuple) -> dict[str, list]:
    """`labels`: (categories, employers, occupations) as (value, label), as in `key`."""
    del key  # (recall compares it: what `labels` holds)
    categories, employers, occupations = labels
    used_employers = set(map(_first_of, facts))
    used_occ = set(chain.from_iterable(map(_third_of, facts)))
    return {
        "kategorie": list(categories),
        "arbeitgeber": [pair for pair in employers if pair[0] in used_employers],
        "ort": [(c, c) for c in sorted(set(map(_second_of, facts)))],
        "beruf": [pair for pair in occupations if pair[0] in used_occ],
    }


def _option_facts(v: Item, employers: str, net: Network) -> tuple:
    """(hirer slug, city, occupations) of an open vacancy."""
    del employers  # (recall compares it)
    return (net.hirer(v).slug, v.meta.location.city, tuple(v.meta.occupations))


_first_of, _second_of, _third_of = (operator.itemgetter(n) for n in range(3))


def qr_codes(item: Item, base_url: str, files: MadeFiles | None = None, made=None) -> list:
    """The page's absolute URL as a QR code, as SVG (print) and PNG (office tools): two
    Outputs, last build's files where `files` has them, else from `made` (make_qr_codes)
    or made here."""
    from .writer import Output

    files = files if files is not None else MadeFiles()
    url, title, paths = qr_inputs(item, base_url)
    pair = (made or {}).get((url, title))
    origin = f"the QR code of {item.entry.source}"
    outputs, cells = [], None  # the modules, computed once if both files are needed
    for number, kind in enumerate(QR_KINDS):
        path, key = paths[kind]
        # A partial, not a closure: a big site keeps 20,000 of them until the writer is done.
        out = files.kept(path, key, partial(qrcodes.file, kind, url, title), origin)
        if out is None:
            data, digest = pair[number] if pair else (None, None)
            if isinstance(data, str):  # a file a worker wrote
                out = Output(path, source=data, digest=digest, spooled=True, origin=origin)
            else:
                if data is None:
                    cells = cells or qrcodes.modules(url)
                    data = qrcodes.file(kind, url, title, cells)
                out = Output(path, data, digest=digest or hash_bytes(data), origin=origin)
            files.remember(path, key, out.digest)
        outputs.append(out)
    return outputs


def event_ics(site: Site, ev: Item) -> Output:
    """An iCalendar file; times in UTC, so every calendar shows them in its own zone."""
    import icalendar

    from .writer import Output

    m = ev.meta
    cal = icalendar.Calendar()
    # icalendar escapes line breaks, ";" and ","; control characters it passes on
    cal.add("prodid", clean("-//karriere//" + site.settings.title + "//DE"))
    cal.add("version", "2.0")
    vevent = icalendar.Event()
    host = site.urls.absolute("").split("/")[2]
    vevent.add("uid", clean(f"{ev.slug}@{host}"))
    # Same input and date give the same bytes: the stamp is the build day, not the clock.
    vevent.add("dtstamp", datetime.combine(site.options.today, time(0, 0), tzinfo=UTC))
    vevent.add("summary", clean(m.title))
    if isinstance(m.start, datetime):
        vevent.add("dtstart", m.start.astimezone(UTC))
        if m.end is not None:
            vevent.add("dtend", m.end.astimezone(UTC))
    else:
        vevent.add("dtstart", m.start)
        vevent.add("dtend", (m.end or m.start) + timedelta(days=1))  # DTEND is exclusive
    if m.location is not None:
        vevent.add("location", clean(m.location.one_line()))
    description = " ".join(p for p in (m.summary, m.accessibility) if p)
    if description:
        vevent.add("description", clean(description))
    vevent.add("url", site.urls.absolute(ev.route))
    cal.add_component(vevent)
    return Output(f"termine/{ev.slug}.ics", cal.to_ical(), origin=ev.entry.source)


def event_jsonld(site: Site, ev: Item) -> str:
    """schema.org Event, matching what the event page shows."""
    m = ev.meta
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": m.title,
        "startDate": m.start.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": site.urls.absolute(ev.route),
        "organizer": {
            "@type": "Organization",
            "name": site.settings.organisation.name,
            **({"url": site.settings.organisation.url} if site.settings.organisation.url else {}),
        },
    }
    if m.end is not None:
        data["endDate"] = m.end.isoformat()
    if m.summary:
        data["description"] = m.summary
    if m.image:
        data["image"] = [site.urls.absolute(m.image)]
    if m.location is not None:
        loc = m.location
        address = {
            "@type": "PostalAddress",
            "addressLocality": loc.city,
            "addressCountry": loc.country,
        }
        if loc.street:
            address["streetAddress"] = loc.street
        if loc.postal_code:
            address["postalCode"] = loc.postal_code
        if loc.region:
            address["addressRegion"] = loc.region
        data["location"] = {
            "@type": "Place",
            "name": loc.name or loc.one_line(),
            "address": address,
        }
    if m.registration_url and m.registration_url.startswith("https://"):
        data["offers"] = {
            "@type": "Offer",
            "url": m.registration_url,
            "price": 0,
            "priceCurrency": "EUR",
            "availability": "https://schema.org/InStock",
        }
    return jsonld.dumps(data)
