"""Which pages the site has: every item's page and every list, each with its URL, title,
description and breadcrumbs."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from karriere.base import strings
from karriere.base.recall import Recall
from karriere.site.descriptions import first_sentence_of
from karriere.site.model import Page
from karriere.site.network_pages import plan_network_pages
from karriere.site.pagination import paginated

if TYPE_CHECKING:
    from karriere.base.strings import Words
    from karriere.site.model import Item, Site


_category_of = attrgetter("entry.meta.category")
# The § 4 sections' names (msgids), by the kind of their pages.
QUESTIONS = "fragen/"  # the answered questions and the form (questions_page)
NEWEST_QUESTIONS = 12  # how many of them it shows
SECTION_NAMES = {"easy_read": "Leichte Sprache", "sign_language": "Gebärdensprache"}


def plan_pages(site: Site, recall: Recall) -> list[Page]:
    """Every HTML page of the site, in a stable order, each list split into pages
    (pagination.py). An item's own page depends only on the item and the words of the
    language, so `recall` hands back last build's."""
    t = strings.load(site.code, site.settings.address)
    settings = site.settings
    open_vacancies = site.listed_vacancies
    home_description = site.description or t.gettext(
        "Ausbildung, Studium und Jobs %(organisation:bei)s: offene Stellen, Geschichten von Azubis und Antworten auf Ihre Fragen."
    ) % {"organisation": settings.organisation.name}
    in_category = vacancies_by_category(site, open_vacancies, recall)
    counts = {key: len(found) for key, found in in_category.items()}  # (the home's tiles)
    lists = [
        Page(
            "",
            "home.html",
            "home",
            site.title,
            home_description,
            items=open_vacancies,
            extra={"category_counts": counts},
        ),
        Page(
            "stellen/",
            "vacancy_list.html",
            "vacancy_list",
            t.gettext("Stellenangebote"),
            t.gettext(
                "Aktuelle Stellenangebote, Ausbildungsplätze und Praktika %(organisation:bei)s."
            )
            % {"organisation": settings.organisation.name},
            items=open_vacancies,
            breadcrumbs=[(t.gettext("Startseite"), "")],
        ),
    ]
    for key, label in site.categories.items():
        lists.append(
            Page(
                f"stellen/kategorie/{key}/",
                "vacancy_list.html",
                "category",
                label + ": " + t.gettext("Stellenangebote"),
                t.gettext("%(category)s: aktuelle Stellenangebote %(organisation:bei)s.")
                % {"category": label, "organisation": settings.organisation.name},
                items=in_category[key],
                heading=label,
                breadcrumbs=[
                    (t.gettext("Startseite"), ""),
                    (t.gettext("Stellenangebote"), "stellen/"),
                ],
                extra={"category": key},
            )
        )
    story_list = Page(
        "geschichten/",
        "story_list.html",
        "story_list",
        t.gettext("Geschichten"),
        t.gettext("Azubis und Beschäftigte %(organisation:von)s erzählen aus ihrem Arbeitsalltag.")
        % {"organisation": settings.organisation.name},
        items=site.stories,
        breadcrumbs=[(t.gettext("Startseite"), "")],
    )
    faq = Page(
        "faq/",
        "faq.html",
        "faq",
        t.gettext("Häufige Fragen"),
        t.gettext(
            "Antworten auf häufige Fragen zu Bewerbung, Ausbildung und Arbeit %(organisation:bei)s."
        )
        % {"organisation": settings.organisation.name},
        items=site.faq,
        breadcrumbs=[(t.gettext("Startseite"), "")],
    )
    asked = questions_page(site, t)
    others = [faq, *([post_wall(site, t)] if site.posts else []), *([asked] if asked else [])]
    sections = [
        recall.many(section_page, items, t, kind, items[0].route if items else "")
        for kind, items in (("easy_read", site.easy_read), ("sign_language", site.sign_language))
    ]
    last = [search_page(t)] if settings.search else []  # full-text search (outputs/search.py)
    last.append(
        Page(
            "404.html",
            "404.html",
            "404",
            t.gettext("Seite nicht gefunden"),
            t.gettext("Diese Seite gibt es nicht (mehr). Vielleicht ist die Stelle schon besetzt."),
            in_sitemap=False,  # hosts answer it with status 404, which already keeps it unindexed
        )
    )

    def paged(pages: list[Page]) -> list[Page]:  # long lists in pages
        return paginated(pages, settings.per_page, t, recall)

    parts = [  # (each item's pages as recall made them: it knows where they changed)
        paged(lists),
        recall.many(vacancy_page, site.vacancies, t),
        paged([story_list]),
        recall.many(story_page, site.stories, t),
        paged(others),
        recall.many(content_page, site.pages_content, t),
        *sections,
        paged(plan_network_pages(site, t, recall)),
        last,
    ]
    return recall.chained("pages", parts)


def post_wall(site: Site, t: Words) -> Page:
    """/social/: the apprentices' posts as cards, newest first, with the site's own media."""
    description = t.gettext(
        "Beiträge aus unseren Social-Media-Kanälen, hier ohne Tracking gezeigt."
    )
    return Page(
        "social/", "post_list.html", "post_list", t.gettext("Social Media"), description,
        items=site.posts, breadcrumbs=[(t.gettext("Startseite"), "")],
    )  # fmt: skip


def vacancies_by_category(site: Site, vacancies: list[Item], recall: Recall) -> dict:
    """{category: its vacancies, in list order}. Every category is known (content's
    check_references). After an edit, last build's groups are revised where the list
    changed, instead of grouping every vacancy again; `recall` is told where each group
    changed, for the pages made of it."""
    keys = recall.many(_category_of, vacancies)  # looked up by identity, not read again
    names = tuple(site.categories)
    noted: set[int] = set()

    def grouped(vacancies: list[Item], keys: list[str]) -> dict:
        groups: dict[str, list[Item]] = {key: [] for key in names}
        for key, vacancy in zip(keys, vacancies, strict=True):
            groups[key].append(vacancy)
        return groups

    def revised(last: dict, lists: tuple, before: tuple, places: list) -> dict:
        (vacancies, keys), (_, old_keys) = lists, before
        groups = dict(last)
        changed: dict[str, list[int] | None] = {}  # each group's changed places
        # From the last changed place back: the places before the one at hand are still
        # as last build had them, so old_keys tells each vacancy's rank in its group.
        for n in sorted(set(places[0]) | set(places[1]), reverse=True):
            old_key, key = old_keys[n], keys[n]
            rank = old_keys[:n].count(old_key)
            groups[old_key] = list(groups[old_key])  # (last build's lists stay as they were)
            del groups[old_key][rank]
            groups[key] = list(groups[key]) if key != old_key else groups[key]
            groups[key].insert(old_keys[:n].count(key), vacancies[n])
            if key == old_key and changed.get(key, []) is not None:
                changed.setdefault(key, []).append(rank)
            else:  # moved to another group: both are another length
                changed[key] = changed[old_key] = None
        for key, places in changed.items():
            recall.note(groups[key], last[key], places)
            noted.add(id(groups[key]))
        return groups

    found = recall.revised(("categories", names), (vacancies, keys), grouped, revised)
    for group in found.values():  # the groups as last build left them
        if id(group) not in noted:
            recall.note(group, group, [])
    return found


def questions_page(site: Site, t: Words) -> Page | None:
    """/fragen/: the newest answered questions (FAQ entries with `asked`), newest first,
    and the form to ask one (site.yaml `forms:`, else an e-mail link). A site with
    neither answered questions nor a form has no such page."""
    if not site.has_questions_page:
        return None
    return Page(
        QUESTIONS, "questions.html", "questions", t.gettext("Gefragt und beantwortet"),
        t.gettext("Fragen, die uns erreicht haben, mit unseren Antworten. Stellen Sie uns Ihre eigene Frage."),
        items=site.answered_questions[:NEWEST_QUESTIONS],
        breadcrumbs=[(t.gettext("Startseite"), ""), (t.gettext("Häufige Fragen"), "faq/")],
    )  # fmt: skip


def search_page(t: Words) -> Page:
    """/suche/: the search over vacancies, stories, the FAQ and occupations. Its results
    are made in the browser; the page itself is kept out of search engines."""
    return Page(
        "suche/", "search.html", "search", t.gettext("Suche"),
        t.gettext("Durchsuchen Sie Stellenangebote, Geschichten, Berufe und häufige Fragen."),
        breadcrumbs=[(t.gettext("Startseite"), "")], in_sitemap=False, noindex=True,
    )  # fmt: skip


def item_page(item: Item, template: str, title: str, description: str, crumbs: list) -> Page:
    """An entry's own page: a draft is kept out of the sitemap and search engines; an
    expired vacancy only out of the sitemap (its page stays findable and points on)."""
    hidden = item.draft or item.expired
    return Page(
        item.route, template, template.removesuffix(".html"), title, description, item=item,
        breadcrumbs=crumbs, in_sitemap=not hidden, noindex=item.draft,
    )  # fmt: skip


def vacancy_page(v: Item, t: Words) -> Page:
    description = v.meta.summary or first_sentence_of(v) or v.meta.title
    crumbs = [(t.gettext("Startseite"), ""), (t.gettext("Stellenangebote"), "stellen/")]
    return item_page(v, "vacancy.html", v.meta.title, description, crumbs)


def story_page(s: Item, t: Words) -> Page:
    description = s.meta.summary or s.meta.quote or first_sentence_of(s)
    crumbs = [(t.gettext("Startseite"), ""), (t.gettext("Geschichten"), "geschichten/")]
    return item_page(s, "story.html", s.meta.title, description, crumbs)


def content_page(p: Item, t: Words) -> Page:
    description = p.meta.summary or first_sentence_of(p) or p.meta.title
    return item_page(p, "page.html", p.meta.title, description, [(t.gettext("Startseite"), "")])


def section_page(p: Item, t: Words, kind: str, start: str) -> Page:
    """A page in Leichte Sprache or German Sign Language (BITV 2.0 § 4): German, with its
    own kind ("easy_read", "sign_language") so that it stays outside the hreflang set.
    `start`: the route of the section's first page (its index.md, if there is one)."""
    description = p.meta.summary or first_sentence_of(p) or p.meta.title
    crumbs = [(t.gettext("Startseite"), "")]
    if p.route != start:
        crumbs.append((t.gettext(SECTION_NAMES[kind]), start))
    hidden = p.draft
    return Page(
        p.route, "section.html", kind, p.meta.title, description, item=p, breadcrumbs=crumbs,
        in_sitemap=not hidden, noindex=hidden,
    )  # fmt: skip
