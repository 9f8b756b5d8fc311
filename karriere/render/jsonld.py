"""Structured data (schema.org JSON-LD) that says exactly what the page shows.

Each builder returns a plain dict; `blocks()` picks the ones a page gets and serialises
them with base/jsonld.dumps, the one writer of every ld+json block."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from karriere.base.jsonld import dumps
from karriere.render.occupation_codes import occupational_category
from karriere.site import pay

BERLIN = ZoneInfo("Europe/Berlin")


CONTEXT = "https://schema.org"


# Google's employmentType values; front matter uses the same words in lower case
EMPLOYMENT_TYPES = {
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
}


def blocks(site, page) -> list[str]:
    """The serialised JSON-LD blocks of one page."""
    found = []
    if page.kind == "home":
        found.append(organization(site))
    if page.kind == "vacancy" and posting_allowed(page.item):
        found.append(job_posting(site, page))
    if page.kind == "faq" and site.faq:
        found.append(faq_page(site, page))
    if page.breadcrumbs:  # detail pages and listings: the same trail the page shows
        found.append(breadcrumb_list(site, page))
    return [dumps(data) for data in found]


def posting_allowed(item) -> bool:
    """Google for Jobs sees only open, published vacancies."""
    return not item.expired and not item.draft


def job_posting(site, page) -> dict:
    item = page.item
    m = item.meta
    data = {
        "@context": CONTEXT,
        "@type": "JobPosting",
        "title": m.title,
        "description": item.html,
        "datePosted": m.posted.isoformat(),
        "hiringOrganization": hiring_organization(site, item),
        "jobLocation": {"@type": "Place", "address": postal_address(m.location)},
        "url": site.urls.absolute(page.route),
        # (JobPosting has no inLanguage of its own; the page it is the main entity of has)
        "mainEntityOfPage": {
            "@type": "WebPage",
            "@id": site.urls.absolute(page.route),
            "inLanguage": site.code,
        },
    }
    if m.deadline:
        data["validThrough"] = end_of_day(m.deadline)
    if m.employment:
        kinds = [kind.upper() for kind in m.employment]
        data["employmentType"] = kinds[0] if len(kinds) == 1 else kinds
    paid = pay.resolve(site.config.pay_tables, m.pay, site.options.today)
    if paid is not None:  # (a vacancy with a pay table has no salary: front_matter.py)
        data["baseSalary"] = pay_salary(paid)
    elif m.salary:
        data["baseSalary"] = base_salary(m.salary)
    if m.reference:
        data["identifier"] = {
            "@type": "PropertyValue",
            "name": data["hiringOrganization"]["name"],
            "value": m.reference,
        }
    if m.number_to_fill:
        data["totalJobOpenings"] = m.number_to_fill
    category = occupational_category(site, item)
    if category:
        data["occupationalCategory"] = category
    if m.apply_url:
        # https: an application form; mailto: the applicant still has to write an e-mail
        data["directApply"] = m.apply_url.startswith("https://")
    return data


def hiring_organization(site, vacancy) -> dict:
    """Who hires: the vacancy's own `employer` (content/employers/), else the organisation."""
    hirer = site.network.hirer(vacancy)
    data = {"@type": "Organization", "name": hirer.name}
    if hirer.url:
        data["sameAs"] = hirer.url
    if hirer.logo:
        data["logo"] = site.urls.absolute(hirer.logo)
    return data


def organization(site) -> dict:
    org = site.settings.organisation
    data = {"@context": CONTEXT, "@type": "Organization", "name": org.name}
    data["url"] = org.url or site.urls.absolute("")
    if org.logo:
        data["logo"] = site.urls.absolute(org.logo)
    if org.address:
        data["address"] = postal_address(org.address)
    same = [url for url in [org.url] + [url for _, url in site.settings.social.links()] if url]
    if same:
        data["sameAs"] = same
    return data


def faq_page(site, page) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "FAQPage",
        "url": site.urls.absolute(page.route),
        "inLanguage": site.code,
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.meta.question,
                "acceptedAnswer": {"@type": "Answer", "text": item.html},
            }
            for item in site.faq
        ],
    }


def breadcrumb_list(site, page) -> dict:
    """The trail the page shows, ending with the page itself."""
    trail = [*page.breadcrumbs, (page.heading or page.title, page.route)]
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": n,
                "name": title,
                "item": site.urls.absolute(route),
            }
            for n, (title, route) in enumerate(trail, start=1)
        ],
    }


def postal_address(address) -> dict:
    data = {"@type": "PostalAddress"}
    fields = {
        "streetAddress": address.street,
        "postalCode": address.postal_code,
        "addressLocality": address.city,
        "addressRegion": address.region,
        "addressCountry": address.country,
    }
    data.update({key: value for key, value in fields.items() if value})
    return data


def base_salary(salary) -> dict:
    value = {"@type": "QuantitativeValue", "unitText": salary.unit}
    if salary.min is not None and salary.max is not None and salary.min != salary.max:
        value.update(minValue=number(salary.min), maxValue=number(salary.max))
    else:
        value["value"] = number(salary.min if salary.min is not None else salary.max)
    return {"@type": "MonetaryAmount", "currency": salary.currency, "value": value}


def pay_salary(paid) -> dict:
    """The pay table's range: entry step to top step, or first to last training year."""
    value = {"@type": "QuantitativeValue", "unitText": "MONTH"}
    if paid.low != paid.high:
        value.update(minValue=number(paid.low), maxValue=number(paid.high))
    else:
        value["value"] = number(paid.low)
    return {"@type": "MonetaryAmount", "currency": "EUR", "value": value}


def number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def end_of_day(day) -> str:
    """The deadline is inclusive: applications count until midnight in Germany."""
    return datetime.combine(day, time(23, 59, 59), BERLIN).isoformat()
