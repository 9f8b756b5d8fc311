"""The pages of networks and campaigns: employers, occupations (Berufe), events (Termine),
programmes and the printable posters (Aushang), planned on the site model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from karriere.base.jsonld import dumps as json_ld
from karriere.site.descriptions import first_sentence_of
from karriere.site.model import Page
from karriere.site.network import stories_for

if TYPE_CHECKING:
    from karriere.base.recall import Recall
    from karriere.base.strings import Words
    from karriere.site.model import Item, Site

# An employer's or occupation's page shows this many of its open vacancies (the first of
# its list) and links to the whole list: the page stays small however many there are,
# and an edit of a vacancy it does not show leaves it as it is. Six fill two rows of
# cards on a wide screen.
SHOWN_VACANCIES = 6


def plan_network_pages(site: Site, t: Words, recall: Recall) -> list[Page]:
    net = site.network
    home = (t.gettext("Startseite"), "")
    org = site.settings.organisation.name
    pages: list[Page] = []
    by_employer = open_by_employer(site) if net.employers else {}
    if net.employers:
        pages.append(
            Page(
                "arbeitgeber/",
                "employer_list.html",
                "employer_list",
                t.gettext("Arbeitgeber"),
                t.gettext(
                    "Die Arbeitgeber im Netzwerk %(organisation:von)s und ihre offenen Stellen."
                )
                % {"organisation": org},
                items=net.employers,
                breadcrumbs=[home],
                extra={"counts": {e.slug: len(by_employer.get(e.slug, ())) for e in net.employers}},
            )
        )
    for e in net.employers:
        crumbs = [home, (t.gettext("Arbeitgeber"), "arbeitgeber/")]
        open_here = by_employer.get(e.slug, [])
        pages.append(
            Page(
                e.route,
                "employer.html",
                "employer",
                e.meta.name,
                e.meta.summary or first_sentence_of(e) or e.meta.name,
                item=e,
                items=open_here[:SHOWN_VACANCIES],
                breadcrumbs=crumbs,
                extra={
                    "stories": stories_for(site, employer=e.slug),
                    "vacancy_count": len(open_here),
                },
                in_sitemap=not e.draft,
                noindex=e.draft,
            )
        )
        pages.append(
            Page(
                f"stellen/arbeitgeber/{e.slug}/",
                "vacancy_list.html",
                "employer_vacancies",
                e.meta.name + ": " + t.gettext("Stellenangebote"),
                t.gettext("%(category)s: aktuelle Stellenangebote %(organisation:bei)s.")
                % {"category": t.gettext("Stellenangebote"), "organisation": e.meta.name},
                items=open_here,
                heading=e.meta.label,
                breadcrumbs=[home, (t.gettext("Stellenangebote"), "stellen/")],
                extra={"employer": e.slug},
            )
        )
    if net.occupations:
        pages.append(
            Page(
                "berufe/",
                "occupation_list.html",
                "occupation_list",
                t.gettext("Berufe"),
                t.gettext(
                    "Welche Berufe gibt es %(organisation:bei)s? Alle Ausbildungsberufe und Studiengänge von A bis Z."
                )
                % {"organisation": org},
                items=net.occupations,
                breadcrumbs=[home],
                extra={"letters": by_letter(net.occupations)},
            )
        )
    by_occupation = open_by_occupation(site) if net.occupations else {}
    for o in net.occupations:
        open_here = by_occupation.get(o.slug, [])
        pages.append(
            Page(
                o.route,
                "occupation.html",
                "occupation",
                o.meta.name,
                o.meta.summary or first_sentence_of(o) or o.meta.name,
                item=o,
                items=open_here[:SHOWN_VACANCIES],
                breadcrumbs=[home, (t.gettext("Berufe"), "berufe/")],
                extra={
                    "stories": stories_for(site, occupation=o.slug),
                    "faq": [f for f in site.faq if o.slug in f.meta.occupations],
                    "vacancy_count": len(open_here),
                },
                in_sitemap=not o.draft,
                noindex=o.draft,
            )
        )
        if open_here:
            pages.append(occupation_vacancies(o, open_here, t, org))
    if net.events:
        pages.append(
            Page(
                "termine/",
                "event_list.html",
                "event_list",
                t.gettext("Termine"),
                t.gettext(
                    "Ausbildungsmessen, Infotage und Tage der offenen Tür %(organisation:bei)s."
                )
                % {"organisation": org},
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
                breadcrumbs=[home, (t.gettext("Termine"), "termine/")],
                extra={"jsonld": event_jsonld(site, ev)},
                in_sitemap=not hidden,
                noindex=hidden,
            )
        )
    pages += recall.many(poster_page, poster_items(site), t)
    return pages


def occupation_vacancies(o: Item, open_here: list[Item], t: Words, org: str) -> Page:
    """The list of an occupation's open vacancies, like an employer's (split into pages
    by pagination.py); only for an occupation that has some."""
    return Page(
        f"stellen/beruf/{o.slug}/",
        "vacancy_list.html",
        "occupation_vacancies",
        o.meta.name + ": " + t.gettext("Stellenangebote"),
        t.gettext("%(category)s: aktuelle Stellenangebote %(organisation:bei)s.")
        % {"category": o.meta.name, "organisation": org},
        items=open_here,
        heading=o.meta.name,
        breadcrumbs=[(t.gettext("Startseite"), ""), (t.gettext("Stellenangebote"), "stellen/")],
        extra={"occupation": o.slug},
        in_sitemap=not o.draft,
        noindex=o.draft,
    )


def open_by_employer(site: Site) -> dict[str, list[Item]]:
    """Employer slug -> its open vacancies, in the list's order: those that name it
    (Network.hirer), found in one pass, not one per employer."""
    known = {e.slug for e in site.network.employers}
    found: dict[str, list[Item]] = {}
    for v in site.open_vacancies:
        slug = v.meta.employer
        if slug in known:
            found.setdefault(slug, []).append(v)
    return found


def open_by_occupation(site: Site) -> dict[str, list[Item]]:
    """Occupation slug -> its open vacancies, in the list's order."""
    found: dict[str, list[Item]] = {}
    for v in site.open_vacancies:
        for slug in dict.fromkeys(v.meta.occupations):
            found.setdefault(slug, []).append(v)
    return found


def poster_page(item: Item, t: Words) -> Page:
    return Page(
        item.route + "aushang/",
        "poster.html",
        "poster",
        t.gettext("Aushang") + ": " + item.meta.title,
        t.gettext("Aushang zum Ausdrucken: %(title)s") % {"title": item.meta.title},
        item=item,
        breadcrumbs=[(t.gettext("Startseite"), "")],
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
    return json_ld(data)
