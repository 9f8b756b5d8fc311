"""The consultation hours of the contact blocks as iCalendar files (RFC 5545): one file
per contact, one weekly event (RRULE) per title and time, in Europe/Berlin time with its
VTIMEZONE, so that a calendar keeps 15:00 local time across the change to summer time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from karriere.base.hashing import hash_text
from karriere.base.recall import Recall
from karriere.base.xmltext import clean
from karriere.config.settings import SITE_YAML
from karriere.write.output import Bytes, Output

if TYPE_CHECKING:
    from karriere.config.contact import Consultation, Contact
    from karriere.site.model import Site

BERLIN = ZoneInfo("Europe/Berlin")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def consultation_outputs(site: Site, recall: Recall | None = None) -> list[Output]:
    """A file for every contact with consultation hours: the site's, and any item's own
    (in every language), each once. `recall`: the preview's, which looks again only at
    the items an edit changed."""
    recall = recall if recall is not None else Recall()
    contacts: dict[str, tuple[Contact, object]] = {}
    for person, origin in _contacts(site, recall):
        route = person.calendar_route()
        if route and route not in contacts:
            contacts[route] = (person, origin)
    return [
        Bytes(route, calendar(site, person), origin=origin)
        for route, (person, origin) in sorted(contacts.items())
    ]


def _contacts(site: Site, recall: Recall):
    if site.network is not None and site.network.contact is not None:
        yield site.network.contact, SITE_YAML
    for local in site.sites:
        employers = local.network.employers if local.network else []
        items = recall.chained(("consultation", local.code), [local.vacancies, employers])
        yield from filter(None, recall.many(_own_consultation, items))


def _own_consultation(item) -> tuple[Contact, str] | None:
    """(the item's own contact, its file) if that contact has consultation hours."""
    person = getattr(item.meta, "contact", None)
    if person is not None and person.consultation:
        return person, item.entry.source
    return None


def calendar(site: Site, person: Contact) -> bytes:
    import icalendar  # (deferred: only sites with consultation hours need it)

    cal = icalendar.Calendar()
    cal.add("prodid", clean("-//karriere//" + site.settings.title + "//DE"))
    cal.add("version", "2.0")
    cal.add("x-wr-calname", clean(person.consultation[0].title))
    cal.add("x-wr-timezone", "Europe/Berlin")
    host = site.urls.absolute("").split("/")[2]
    # Same input and date give the same bytes: the stamp is the build day, not the clock.
    stamp = datetime.combine(site.options.today, time(0, 0), tzinfo=UTC)
    cal.add_component(_berlin(icalendar))  # the VTIMEZONE that TZID names
    for consultation in person.consultation:
        for number, slot in enumerate(consultation.slots()):
            first = _first_day(consultation.from_ or site.options.today, slot.days)
            event = icalendar.Event()
            # Stable while the editor moves the time: the person, the title and the place
            # in the list name the series, so a calendar updates it instead of adding one.
            event.add("uid", f"{hash_text(person.name, consultation.title)[:16]}-{number}@{host}")
            event.add("dtstamp", stamp)
            event.add("summary", clean(consultation.title))
            event.add("dtstart", _at(first, slot.start))
            event.add("dtend", _at(first, slot.end))
            event.add("rrule", _rule(consultation, slot.days))
            if consultation.place:
                event.add("location", clean(consultation.place))
            event.add("description", clean(_description(person)))
            cal.add_component(event)
    return cal.to_ical()


def _berlin(icalendar):
    """Europe/Berlin by the EU's rule since 1996 (last Sunday of March and of October),
    as calendars write it: two rules instead of one line per year until 2037."""
    zone = icalendar.Timezone()
    zone.add("tzid", "Europe/Berlin")
    for kind, name, start, month, offsets in (
        (icalendar.TimezoneDaylight, "CEST", datetime(1981, 3, 29, 2), 3, (1, 2)),
        (icalendar.TimezoneStandard, "CET", datetime(1996, 10, 27, 3), 10, (2, 1)),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", timedelta(hours=offsets[0]))
        part.add("tzoffsetto", timedelta(hours=offsets[1]))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        zone.add_component(part)
    return zone


def _first_day(start: date, days: tuple[int, ...]) -> date:
    """The first of `days` (0 = Monday) on or after `start`: DTSTART must be an occurrence."""
    return next(start + timedelta(n) for n in range(7) if (start + timedelta(n)).weekday() in days)


def _at(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=BERLIN) + timedelta(minutes=minutes)


def _rule(consultation: Consultation, days: tuple[int, ...]) -> dict:
    rule = {"freq": "weekly", "byday": [BYDAY[d] for d in days]}
    if consultation.until is not None:
        # With a TZID start, UNTIL must be in UTC: the end of the last day in Berlin.
        end = datetime.combine(consultation.until + timedelta(1), time(0, 0), tzinfo=BERLIN)
        rule["until"] = (end - timedelta(seconds=1)).astimezone(UTC)
    return rule


def _description(person: Contact) -> str:
    ways = [p for p in (person.name, person.role, person.phone, person.email) if p]
    return " · ".join(ways)
