"""What the search index (Pagefind, outputs/search.py) reads from a rendered page: the
template globals `searchable(page)` (the page's main content is marked
`data-pagefind-body`) and `search_facts(page)` (hidden facts: the result's title, place
and deadline, the facets, the sort keys).

Facet values are keys where there are keys (category, employer and occupation slugs), so
that a shared address such as `?kategorie=ausbildung` means the same in every language;
the place is the town's name. Sort keys are ISO dates, which sort as text.
"""

from __future__ import annotations

from markupsafe import Markup

from karriere.base import locale_format
from karriere.outputs.search import search_routes, searchable
from karriere.site.model import Page

# Without a deadline a vacancy sorts last by deadline (Pagefind drops pages without a key).
NO_DEADLINE = "9999-12-31"


def template_globals(site, t) -> dict:
    """`searchable(page)`, `search_facts(page)`, `search_box(page)` and `search_kinds`
    (the facet "art": its values and names) for the site in one language (`t`: its
    words)."""
    locale = locale_format.locale_of(site.code)
    kinds = {
        "vacancy": t.gettext("Stellenangebote"),
        "story": t.gettext("Geschichten"),
        "faq": t.gettext("Häufige Fragen"),
        "occupation": t.gettext("Berufe"),
    }

    def facts(page: Page) -> list[tuple[str, str, str]]:
        """(attribute, name, value): data-pagefind-<attribute>="<name>" holding value."""
        found = [("filter", "art", page.kind), ("meta", "art", str(kinds[page.kind]))]
        item = page.item
        if item is None:  # the FAQ page
            return [("meta", "title", page.title), *found]
        m = item.meta
        if page.kind == "vacancy":
            found += vacancy_facts(site, item, locale)
            if m.no_cover_letter:  # the badge on the result's card (static/search.js)
                found.append(("meta", "badge", str(t.gettext("Bewerbung ohne Anschreiben"))))
        elif page.kind == "story":
            found += [("sort", "datum", m.date.isoformat())]
            if m.employer:
                found.append(("filter", "arbeitgeber", m.employer))
            found += [("filter", "beruf", slug) for slug in m.occupations]
        else:  # an occupation
            found.append(("filter", "beruf", item.slug))
        title = m.name if page.kind == "occupation" else m.title
        return [("meta", "title", title), *found]

    boxes = search_routes(site)  # /stellen/ and /suche/ in every language

    return {
        "searchable": lambda page: searchable(site, page),
        # The search box and the facets: /suche/, and the first page of /stellen/.
        "search_box": lambda page: page.route in boxes,
        "search_facts": facts,
        "search_kinds": kinds,
        # On parts of an indexed page that are not its content (share links, print-only).
        "search_ignore": Markup(" data-pagefind-ignore" if site.settings.search else ""),
    }


def vacancy_facts(site, v, locale) -> list[tuple[str, str, str]]:
    m = v.meta
    found = [
        ("meta", "ort", m.location.city),
        ("filter", "kategorie", m.category),
        ("filter", "ort", m.location.city),
        ("sort", "datum", m.posted.isoformat()),
        ("sort", "frist", m.deadline.isoformat() if m.deadline else NO_DEADLINE),
    ]
    if m.deadline:
        found.append(("meta", "frist", locale_format.day(m.deadline, locale)))
    hirer = site.network.hirer(v).slug
    if hirer:  # a network employer (the site's own organisation has no page to narrow to)
        found.append(("filter", "arbeitgeber", hirer))
    found += [("filter", "beruf", slug) for slug in m.occupations]
    if "part_time" in m.employment:
        found.append(("filter", "teilzeit", "1"))
    if m.no_cover_letter:
        found.append(("filter", "ohne-anschreiben", "1"))
    return found
