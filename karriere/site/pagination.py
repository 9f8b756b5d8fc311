"""Long lists in pages (spec: "Lists and search"): `per_page` items each, page 1 at the
list's own address and page n at `<list>/seite/<n>/`, so that every item is reachable by
plain links and no list page grows with the site.

One step of the site stage: plan_pages makes each list as one Page with all its items,
and `paginated` splits it. Each page holds only its own items, so an edit re-renders
only the page that shows the edited item (the page cache compares the items it holds).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from math import ceil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from karriere.base.recall import Recall
    from karriere.base.strings import Words
    from karriere.site.model import Page

# The kinds of page that are lists of their `items`; the home page is never split.
PAGED_KINDS = frozenset(
    {
        "vacancy_list",
        "category",
        "employer_vacancies",
        "occupation_vacancies",
        "story_list",
        "event_list",
        "post_list",
    }
)
FOLDER = "seite"  # page n of a list is <list>/seite/<n>/


@dataclass(frozen=True)
class Pagination:
    """Where one page stands in its list (the templates' `page.extra.pagination`)."""

    number: int  # this page, from 1
    count: int  # pages in the list (at least 1)
    total: int  # items in the whole list
    per_page: int  # 0: one page for everything
    base: str  # the list's own route, in the default language ('stellen/')

    @property
    def first(self) -> int:
        """The position of this page's first item in the list, from 1 (0: no items)."""
        start = (self.number - 1) * self.per_page + 1
        return min(start, self.total)

    @property
    def last(self) -> int:
        """The position of this page's last item."""
        return min(self.number * self.per_page, self.total) if self.per_page else self.total

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None

    def route(self, number: int) -> str:
        """The route of page `number` of the list (in the default language)."""
        return self.base if number == 1 else f"{self.base}{FOLDER}/{number}/"

    def first_of(self, route: str) -> str:
        """The route of page 1, given this page's own (under a language's prefix too)."""
        return route.removesuffix(f"{FOLDER}/{self.number}/") if self.number > 1 else route

    def numbers(self) -> list[int | None]:
        """The page numbers the navigation links, None where an ellipsis stands: always
        the first and the last page, this page and its neighbours (GOV.UK's pattern).
        A gap of a single page shows that page instead of an ellipsis."""
        near = {1, self.count, self.number - 1, self.number, self.number + 1}
        shown: list[int | None] = []
        before = 0
        for n in sorted(n for n in near if 1 <= n <= self.count):
            if n - before == 2:
                shown.append(before + 1)
            elif n - before > 2:
                shown.append(None)
            shown.append(n)
            before = n
        return shown


def paginated(pages: list[Page], per_page: int, t: Words, recall: Recall) -> list[Page]:
    """The pages with each list split into pages of `per_page` items (0: not split).
    `recall`: a page whose items are the very objects of last build's same page, with
    the list's other fields equal, is last build's page (the preview finds it by
    identity, and then looks at only the one page of each list that an edit changed)."""
    words = (
        t.gettext("%(title)s – Seite %(number)s von %(count)s"),
        t.gettext("%(description)s Seite %(number)s von %(count)s."),
    )
    found: list[Page] = []
    for page in pages:
        found += split(page, per_page, words, recall) if page.kind in PAGED_KINDS else [page]
    return found


def split(page: Page, per_page: int, words: tuple[str, str], recall: Recall) -> list[Page]:
    """The pages of one list. After an edit, last build's pages of the same list are
    kept but for those whose items changed (found at C speed, not page by page)."""
    fields = tuple(getattr(page, name) for name in COMPARED)
    same = (fields, tuple(page.breadcrumbs), tuple(sorted(page.extra.items())), words)
    try:
        hash(same)
    except TypeError:  # unhashable extras (a theme's own list): made anew each build
        return _pages(page.items, page, per_page, words, recall, object())
    make = partial(_pages, page=page, per_page=per_page, words=words, recall=recall, same=same)
    revise = partial(_revised_pages, page=page, per_page=per_page, words=words)
    return recall.revised(("split", same, per_page), (page.items,), make, revise)


def _pages(items, page, per_page, words, recall, same) -> list[Page]:
    total = len(items)
    count = max(1, ceil(total / per_page)) if per_page else 1
    made = []
    for number in range(1, count + 1):
        where = Pagination(number, count, total, per_page, page.route)
        shown = items[(number - 1) * per_page : number * per_page] if per_page else items
        made.append(recall(page_of, *shown, key=(same, where), page=page, where=where, words=words))
    return made


def _revised_pages(last, lists, before, places, page, per_page, words) -> list[Page]:
    """Last build's pages of this list (as long, the same fields), with the pages that
    show a changed item made again."""
    items, made = lists[0], list(last)
    count = len(made)
    for index in sorted({n // per_page for n in places[0]} if per_page else {0}):
        where = Pagination(index + 1, count, len(items), per_page, page.route)
        shown = items[index * per_page : (index + 1) * per_page] if per_page else items
        made[index] = page_of(*shown, page=page, where=where, words=words)
    return made


# The fields of a list page that its pages are made from, besides items and extra.
COMPARED = ("route", "template", "kind", "title", "description", "heading", "in_sitemap",
            "noindex", "language", "alternates")  # fmt: skip


def page_of(*items, page: Page, where: Pagination, words: tuple[str, str]) -> Page:
    """One page of the list `page`, showing `items`. Page 1 keeps the list's title and
    address; the others get their own title and description and stay out of the sitemap
    (their items are in it)."""
    extra = {**page.extra, "pagination": where}
    if where.number == 1:
        return replace(page, items=list(items), extra=extra)
    numbers = {"number": where.number, "count": where.count}
    return replace(
        page, route=where.route(where.number), items=list(items), extra=extra, in_sitemap=False,
        title=words[0] % {"title": page.title, **numbers},
        description=words[1] % {"description": page.description, **numbers},
    )  # fmt: skip
