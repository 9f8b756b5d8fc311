"""Networks and campaigns: employers, occupations (Berufe), events (Termine), programmes.

`build_network()` turns their entries into Items (an event's `expired` means it is over),
`plan_network_pages()` adds their pages to the site model, and `network_outputs()` makes
the files that are not HTML pages: one .ics per event and the QR codes for posters.
`filter_options` are the choices of the search's facets (partials/vacancy_filter.html).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from itertools import chain
from typing import TYPE_CHECKING

from karriere.base.recall import Recall
from karriere.content.loading import Content
from karriere.site.model import Hirer, Network

if TYPE_CHECKING:
    from karriere.site.model import Item, Site


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


def employers_key(net: Network) -> str:
    """What decides each vacancy's hirer slug besides the vacancy (Network.hirer)."""
    return "\x1f".join(e.slug for e in net.employers)


def filter_options(
    open_: list[Item], categories: dict, net: Network, recall: Recall | None = None
) -> dict[str, list]:
    """The choices of each facet: (value, label), only those that find something."""
    recall = recall if recall is not None else Recall()
    facts = recall.many(_option_facts, open_, key=employers_key(net), net=net)
    labels = (
        list(categories.items()),
        [(e.slug, e.meta.label) for e in net.employers],
        [(o.slug, o.meta.name) for o in net.occupations],
    )
    return recall.joined(_options_of, facts, key=repr(labels), labels=labels)


def _options_of(facts: list[tuple], labels: tuple) -> dict[str, list]:
    """`labels`: (categories, employers, occupations) as (value, label)."""
    categories, employers, occupations = labels
    used_employers = set(map(_first_of, facts))
    used_occ = set(chain.from_iterable(map(_third_of, facts)))
    return {
        "kategorie": list(categories),
        "arbeitgeber": [pair for pair in employers if pair[0] in used_employers],
        "ort": [(c, c) for c in sorted(set(map(_second_of, facts)))],
        "beruf": [pair for pair in occupations if pair[0] in used_occ],
        # the badge "Bewerbung ohne Anschreiben": a checkbox only if a vacancy has it
        "ohne-anschreiben": [("1", "1")] if any(map(_fourth_of, facts)) else [],
    }


def _option_facts(v: Item, net: Network) -> tuple:
    """(hirer slug, city, occupations, no cover letter) of an open vacancy."""
    m = v.meta
    return (net.hirer(v).slug, m.location.city, tuple(m.occupations), m.no_cover_letter)


_first_of, _second_of, _third_of, _fourth_of = (operator.itemgetter(n) for n in range(4))
