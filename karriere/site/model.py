"""The site model: what a build decides before anything is rendered.

`Site` holds the items (one per content entry, with its route and HTML), the pages and
their URLs (`Urls`), the network of employers, occupations and events (`Network`,
`Hirer`) and the options of the build (`BuildOptions`). Objects are never changed once
made, which is what lets the preview reuse them by identity (base/recall.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import compress
from operator import attrgetter, not_
from urllib.parse import urlsplit

from karriere.base import occupation_key, strings
from karriere.base.deps import note
from karriere.base.packed import Spilled, unpack
from karriere.config.contact import Contact
from karriere.config.languages import Language
from karriere.config.models import Address, Social
from karriere.config.settings import Config
from karriere.content.loading import Entry


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


LEGAL_PAGES = ("impressum", "datenschutz", "barrierefreiheit")
# Where each collection's items live (in a language other than the default: under /<code>/).
ROUTES = {
    "vacancies": "stellen/{}/",
    "stories": "geschichten/{}/",
    "faq": "faq/#{}",
    "pages": "{}/",
    # A post has no page of its own: its card on the wall is the post (site/pages.py).
    "posts": "social/#{}",
}


@dataclass(frozen=True)
class BuildOptions:
    today: date
    base_url: str  # absolute, ends with '/'
    drafts: bool = False
    preview: bool = False  # live preview: show expired vacancies and drafts, marked


@dataclass(frozen=True)
class Urls:
    """Every URL the site prints comes from here, so sub-paths work everywhere."""

    base_url: str

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def path(self, route: str) -> str:
        """Root-relative URL, e.g. '/karriere/stellen/'."""
        return self.base_path + route.lstrip("/")

    def absolute(self, route: str) -> str:
        return self.base_url + route.lstrip("/")


@dataclass
class Item:
    """An entry as it appears on the site: with its URL, HTML and status."""

    entry: Entry
    route: str  # e.g. 'stellen/kfz-mechatroniker/'
    # The body as HTML, packed (packed.py): see `html`. Not compared, like the entry's body.
    packed_html: bytes | Spilled = field(compare=False)
    expired: bool = False
    # A vacancy's last real change: `updated`, else its file's last commit, else `posted`
    # (site/build.py last_change); None for every other kind.
    updated: date | None = None

    @property
    def html(self) -> str:
        """Noted as read: a page or card that shows the body depends on it (a list of
        cards that shows only front matter is not made again when a body changes)."""
        note(("body", self.entry.source))
        return unpack(self.packed_html)

    @property
    def meta(self):
        return self.entry.meta

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def draft(self) -> bool:
        return bool(getattr(self.entry.meta, "draft", False))


@dataclass
class Page:
    """One HTML file of the output."""

    route: str  # '' for the home page, 'stellen/x/', or a file name like '404.html'
    template: str
    kind: str
    title: str
    description: str
    item: Item | None = None
    items: list[Item] = field(default_factory=list)
    heading: str | None = None
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)  # (title, route)
    in_sitemap: bool = True
    noindex: bool = False
    extra: dict = field(default_factory=dict)
    language: str = ""  # the code of a language other than the default (languages.py)
    # ((code, route), ...) of this page in every language it exists in, itself included;
    # empty for a page in one language only (languages.with_alternates)
    alternates: tuple = ()

    def __post_init__(self) -> None:
        # Not a field (fingerprints and comparisons skip it); asked for very often.
        self.output_path = self.route if self.route.endswith(".html") else self.route + "index.html"


@dataclass
class Site:
    config: Config
    options: BuildOptions
    urls: Urls
    vacancies: list[Item]  # every vacancy that gets a page, in site.yaml's `sort` order
    stories: list[Item]
    faq: list[Item]
    pages_content: list[Item]
    pages: list[Page] = field(default_factory=list)  # the default language's site: all
    network: Network | None = None  # employers, occupations, events (site/network.py)
    posts: list[Item] = field(default_factory=list)  # social posts, newest first
    videos: list = field(default_factory=list)  # where each video is (video.placed_videos)
    language: Language | None = None  # this site's language; None: the default one
    # The site in every language by code, the default first: one dict that the sites of
    # all languages share (languages.py). Only the default language's site has `pages` of
    # every language; each other's are its own.
    family: dict[str, Site] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.language is None:
            self.language = self.config.settings.site_languages[0]
        self.family.setdefault(self.language.code, self)

    # BITV 2.0 § 4: the pages in Leichte Sprache and in German Sign Language (DGS), each
    # section's start page (index.md) first.
    easy_read: list[Item] = field(default_factory=list)
    sign_language: list[Item] = field(default_factory=list)

    @property
    def settings(self):
        return self.config.settings

    @property
    def code(self) -> str:
        """This site's language code (<html lang>)."""
        return self.language.code

    @property
    def prefix(self) -> str:
        """Where this language's pages live: '' for the default language, else 'en/'."""
        return "" if self.code == self.settings.language else f"{self.code}/"

    @property
    def title(self) -> str:
        return self.language.title or self.settings.title

    @property
    def description(self) -> str | None:
        return self.language.description or self.settings.description

    @property
    def campaign(self):
        """site.yaml's campaign, with this language's words where site.yaml gives them."""
        campaign, words = self.settings.campaign, self.language.campaign
        if campaign is None or words is None:
            return campaign
        update = {k: v for k, v in words if v is not None and k != "video_title"}
        if words.video_title and campaign.video is not None:
            update["video"] = campaign.video.model_copy(update={"title": words.video_title})
        return campaign.model_copy(update=update)

    def in_language(self, code: str) -> Site:
        """The site in a language of site.yaml ("": the default language)."""
        return self.family[code or self.settings.language]

    @property
    def sites(self) -> list[Site]:
        """The site in every language, the default first."""
        return list(self.family.values())

    @property
    def default(self) -> Site:
        """The site in the default language (which holds every language's pages)."""
        return self.family[self.settings.language]

    @cached_property
    def open_vacancies(self) -> list[Item]:
        """Asked for by every listing, the feed and the network pages: made once (the
        vacancies never change once the site is built). Read it, never change it."""
        return list(compress(self.vacancies, map(not_, map(_expired, self.vacancies))))

    @cached_property
    def isco_key(self) -> dict[str, str]:
        """KldB 2010 -> ISCO-08, read once per site (base/occupation_key.py)."""
        return occupation_key.load()

    @property
    def listed_vacancies(self) -> list[Item]:
        """What listings show: open vacancies; in the live preview expired ones too, marked."""
        return self.vacancies if self.options.preview else self.open_vacancies

    @cached_property
    def categories(self) -> dict[str, str]:
        """The vacancy categories, named in this site's language: as site.yaml's languages:
        name them, else karriere's own default names in the theme's words."""
        settings = self.settings
        if not self.prefix:
            return settings.categories
        names = dict(settings.categories)
        if "categories" not in settings.model_fields_set:  # karriere's defaults: its words
            words = strings.load(self.code, settings.address)
            names = {key: str(words.gettext(label)) for key, label in names.items()}
        return {**names, **(self.language.categories or {})}

    @cached_property
    def answered_questions(self) -> list[Item]:
        """FAQ entries with `asked`, newest first: what /fragen/ shows."""
        answered = [f for f in self.faq if f.meta.asked is not None]
        answered.sort(key=lambda f: (-f.meta.asked.toordinal(), f.slug))
        return answered

    @property
    def has_questions_page(self) -> bool:
        """Whether this language has /fragen/ (site/pages.py questions_page): answered
        questions or site.yaml's form. Asked by every page's footer, so no route table."""
        return bool(self.answered_questions) or self.settings.forms is not None

    def page_at(self, route: str) -> Page | None:
        """The page with this route ('' is the home page)."""
        return self._pages_by_route.get(route)

    @cached_property
    def _pages_by_route(self) -> dict[str, Page]:  # not a field: fingerprints skip it
        return {page.route: page for page in self.pages}

    def menu(self, name: str) -> list[Item]:
        found = [p for p in self.pages_content if p.meta.menu == name]
        return sorted(found, key=lambda p: (p.meta.order, p.meta.title))

    def accessible_languages(self) -> tuple[tuple[str, str], ...]:
        """The header's links to the § 4 sections: (kind, route of the section's start)
        for each section the site has: ("easy_read", "leichte-sprache/"), ..."""
        found = (("easy_read", self.easy_read), ("sign_language", self.sign_language))
        return tuple((kind, items[0].route) for kind, items in found if items)

    def legal(self) -> dict[str, Item | None]:
        by_slug = {p.slug: p for p in self.pages_content}
        return {slug: by_slug.get(slug) for slug in LEGAL_PAGES}

    def faq_groups(self) -> list[tuple[str, list[Item]]]:
        groups: dict[str, list[Item]] = {}
        for item in self.faq:
            groups.setdefault(item.meta.category or "Allgemein", []).append(item)
        return list(groups.items())


def is_open(vacancy, today: date) -> bool:
    """A deadline is inclusive: applications are accepted all day long."""
    return vacancy.deadline is None or vacancy.deadline >= today


_expired = attrgetter("expired")
