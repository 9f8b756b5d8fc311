"""Social card images (og:image): which card each page gets, and the files to publish.

A card is named after a hash of everything drawn on it (texts, colour, fonts, logo and
picture by their bytes, the drawing code, the versions of Pillow, resvg and pyphen), so
its URL changes exactly when it looks different, and a file already in the site's cache
(.karriere-cache/cards/) is never drawn again.
`card_for()` only plans (cheap, used while rendering); `card_outputs()` draws what is
missing, in a process pool (og_drawing.py draws one), and returns the files to publish.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from karriere.base import locale_format, strings
from karriere.base.deps import note_file
from karriere.base.errors import BuildError, Problem, relpath
from karriere.base.file_facts import file_facts
from karriere.base.hashing import file_signature
from karriere.base.messages import say
from karriere.base.places import cache_folder as cache_dir
from karriere.config.settings import Config
from karriere.config.theme import BUILTIN
from karriere.content.images import UnreadableImage, image_info
from karriere.outputs.og_drawing import HEIGHT, WIDTH, Design, render
from karriere.outputs.og_script import font_files
from karriere.site import pay
from karriere.write.output import Copy, Output

CACHE = Path(".karriere-cache") / "cards"
FONTS = ("OpenSans-Bold.ttf", "OpenSans-Regular.ttf")  # og_script.ARABIC_FONTS: Arabic script
RASTER = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
CARD_IMAGE = say("card image")  # a card's origin, named if another output wants its path
LOGOS = RASTER | {".svg"}  # SVG logos are rasterised with resvg (og_pictures.py)
DRAWING = Path(__file__).parent  # og_*.py: the code that draws a card


@dataclass(frozen=True)
class Card:
    """A page's og:image: where it is published, its size and its alt text."""

    path: str  # relative to the site root, e.g. 'cards/3f2a….png'
    width: int
    height: int
    alt: str
    mime: str
    design: Design | None = None  # None: an existing file published as it is

    @property
    def digest(self) -> str:
        return Path(self.path).stem


# --- planning: which card each page gets -------------------------------------------------


def card_for(site, page, signature=file_signature, language=None) -> Card | None:
    """The page's card; with `cards: false` the editor's image or a raster logo, or None.
    `language`: the page's language code (default: the site's, `site.code`), which sets the card's
    fonts, direction (mirrored for ar, fa, he, ur) and hyphenation."""
    settings = site.settings
    if page.kind == "poster":  # an Aushang shares its page's card: no second drawing
        # Untracked lookup: that page derives from the same item and site.yaml, which
        # the poster's own fingerprint already covers.
        page = getattr(site, "_site", site).page_at(page.item.route) or page
    item = page.item
    own = getattr(item.meta, "image", None) if item is not None else None
    if not settings.cards:  # (a list's pages have no image of their own: the logo)
        return plain_card(site, page, own)
    paged = page.extra.get("pagination")
    if paged is not None and paged.number > 1:  # a list's pages share its first's card
        page = getattr(site, "_site", site).page_at(paged.first_of(page.route)) or page
    if page.kind == "404":
        page = site.page_at("") or page
    design, picture_alt = text_design(site, page, signature, language), None
    picture = page_picture(site, page)
    if picture is not None:
        rel, picture_alt = picture
        photo = str(site.config.content_dir / rel)
        design = Design(**{**asdict(design), "layout": "photo", "photo": photo})
    return planned(design, picture_alt, signature)


def page_picture(site, page) -> tuple[str, str | None] | None:
    """(path, alt text) of the page's own raster picture: its image, else its video's
    poster; on the home page the campaign's."""
    meta = page.item.meta if page.item is not None else None
    if page.kind == "home":
        meta = site.settings.campaign
    if meta is None:
        return None
    image, video = getattr(meta, "image", None), getattr(meta, "video", None)
    if image and Path(image).suffix.lower() in RASTER:
        return image, getattr(meta, "image_alt", None)
    poster = getattr(video, "poster", None) if video is not None else None
    if poster and Path(poster).suffix.lower() in RASTER:
        return poster, None
    return None


def planned(design: Design, picture_alt: str | None, signature=file_signature) -> Card:
    for path in (design.logo, design.photo, *design.fonts):
        if path:
            note_file(Path(path))  # a page showing this card depends on the file's bytes
    suffix, mime = (".jpg", "image/jpeg") if design.layout == "photo" else (".png", "image/png")
    text = (design.eyebrow, design.headline, *design.details, design.organisation)
    alt = " – ".join(t for t in text if t)
    return Card(
        path=f"cards/{design_hash(design, signature)}{suffix}",
        width=WIDTH,
        height=HEIGHT,
        alt=f"{alt}. {picture_alt}" if picture_alt else alt,
        mime=mime,
        design=design,
    )


def plain_card(site, page, own: str | None) -> Card | None:
    """No generated cards: use the image the page already has, else a raster logo."""
    logo = site.settings.organisation.logo
    if own and Path(own).suffix.lower() in RASTER:
        alt = getattr(page.item.meta, "image_alt", None) or page.title
        rel = own
    elif logo and Path(logo).suffix.lower() in RASTER:
        alt, rel = site.settings.organisation.name, logo
    else:
        return None
    info = image_info(site.config.content_dir, rel, rel)
    mime = "image/jpeg" if Path(rel).suffix.lower() in {".jpg", ".jpeg"} else "image/png"
    if Path(rel).suffix.lower() in {".webp", ".gif"}:
        mime = "image/" + Path(rel).suffix.lower()[1:]
    return Card(rel, info.width, info.height, alt, mime)


def text_design(site, page, signature=file_signature, language=None) -> Design:
    settings = site.settings
    t = strings.load(site.code, settings.address)
    meta = page.item.meta if page.item is not None else None
    eyebrow, headline, details = site.title, page.heading or page.title, ()
    layout, action = "text", ""
    if page.kind == "vacancy":
        deadline = meta.deadline
        day = locale_format.day(deadline, locale_format.locale_of(language or site.code))
        due = t.gettext("Bewerbungsschluss: %(date)s") % {"date": day} if deadline else ""
        eyebrow = site.categories.get(meta.category, meta.category)
        details = (
            meta.location.city,
            due or t.gettext("Bewerbung laufend möglich"),
            pay_line(site, meta, t, language),
        )
        action = "" if page.item.expired else t.gettext("Jetzt bewerben")
    elif page.kind == "story":
        eyebrow = t.gettext("Aus dem Arbeitsalltag")
        headline = f"„{meta.quote}“" if meta.quote else meta.title
        details = (f"{meta.name}, {meta.role}",)
    elif page.kind == "home":
        count = len(page.items)
        eyebrow = t.ngettext("%(count)s offene Stelle", "%(count)s offene Stellen", count) % {
            "count": count
        }
        headline = site.title
        details = (page.description,)
    elif page.kind == "faq" and page.items:  # the first question, as large as it fits
        layout, eyebrow, headline = (
            "question",
            t.gettext("Häufige Fragen"),
            page.items[0].meta.question,
        )
    name, logo = hirer_of(site, page)
    split = urlsplit(site.options.base_url)
    return Design(
        layout=layout,
        eyebrow=eyebrow,
        headline=headline,
        details=tuple(d for d in details if d),
        color=settings.brand.color,
        organisation=name,
        address=(split.netloc + split.path).rstrip("/"),
        logo=str(site.config.content_dir / logo) if logo else None,
        fonts=font_paths(site.config, signature, language or site.code),
        action=action,
        language=language or site.code,
    )


def pay_line(site, meta, t, language=None) -> str:
    """The pay in euros when a pay table gives it: "3.658,61 € – 4.979,97 € im Monat"."""
    paid = pay.resolve(site.config.pay_tables, meta.pay, site.options.today)
    if paid is None:
        return ""
    locale = locale_format.locale_of(language or site.code)
    low, high = (locale_format.money(a, locale) for a in (paid.low, paid.high))
    if paid.kind == "years":
        return t.gettext("%(first)s bis %(last)s im Monat (Ausbildung)") % {
            "first": low,
            "last": high,
        }
    return t.gettext("%(first)s bis %(last)s im Monat") % {"first": low, "last": high}


def hirer_of(site, page) -> tuple[str, str | None]:
    """(name, logo or None) of who the card speaks for: a network vacancy's, story's or
    employer page's employer, else the site's organisation."""
    organisation = site.settings.organisation
    name, logo = organisation.name, organisation.logo
    network = getattr(site, "network", None)
    if page.item is not None and network is not None:
        hirer = network.hirer(page.item)
        name, logo = hirer.name, hirer.logo
    return name, logo if logo and Path(logo).suffix.lower() in LOGOS else None


def font_paths(config: Config, signature=file_signature, language="de") -> tuple[str, str]:
    """The site's own themes/<name>/cards/ wins over the default theme, font by font;
    the files are those with the language's letters (og_script.font_files)."""
    own = config.site_dir / "themes" / config.settings.theme / "cards"
    return tuple(
        str(own / f if signature(str(own / f)) is not None else BUILTIN / "cards" / f)
        for f in font_files(language)
    )


def design_hash(design: Design, signature=file_signature) -> str:
    """Files enter the hash by their bytes, never by their path."""
    files = [design.logo, design.photo, *design.fonts]
    signatures = tuple(signature(f) if f else None for f in files)
    # Kept while its files are unchanged: every build plans every page's card.
    return file_facts.get((_design_hash, design), signatures, lambda: _design_hash(design))


def _design_hash(design: Design) -> str:
    fields = asdict(design)
    for key in ("logo", "photo"):
        fields[key] = file_digest(fields[key]) if fields[key] else None
    fields["fonts"] = [file_digest(f) for f in design.fonts if f]
    fields["code"] = drawing_code()
    blob = json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


@cache  # the code does not change while a process runs
def drawing_code() -> str:
    """The drawing code (og_*.py) and the libraries that draw or hyphenate: a new
    picture, a new name."""
    parts = [version("Pillow"), version("resvg-py"), version("pyphen")]
    for path in sorted(DRAWING.glob("og_*.py")):
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def file_digest(path: str) -> str:
    return file_facts.of_file(_digest, path)


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --- making: draw the missing cards, publish them all -----------------------------------


@dataclass(frozen=True)
class Stats:
    planned: int
    drawn: int
    seconds: float  # wall time of drawing
    cpu_seconds: float  # summed over the cards drawn


def card_outputs(site) -> list[Output]:
    """One output per distinct card of the site; missing ones are drawn first."""
    if not site.settings.cards:
        return []
    outputs, _ = publish(site)
    return outputs


def publish(site) -> tuple[list[Output], Stats]:
    cards = {}
    signature = lru_cache(maxsize=None)(file_signature)  # each file looked at once per build
    for page in site.pages:  # (every language's: the site's own, in its language)
        card = card_for(site.in_language(page.language), page, signature)
        if card is not None and card.design is not None:
            cards.setdefault(card.path, card)
    cache = cache_dir(site.config.site_dir) / CACHE.name  # (elsewhere for a read-only site)
    try:
        stats = ensure(list(cards.values()), cache)
    except UnreadableImages as exc:
        raise BuildError(
            [Problem(relpath(Path(e.path), site.config.site_dir), 1, e.message) for e in exc.args]
        ) from None
    if not site.options.preview:  # the preview rebuilds on every save: once a build is enough
        prune(cache, {Path(path).name for path in cards})
    outputs = [
        Copy(card.path, cache / Path(card.path).name, origin=CARD_IMAGE) for card in cards.values()
    ]
    return outputs, stats


def ensure(cards: list[Card], cache: Path) -> Stats:
    """Draw the cards whose file is not in the cache yet; in parallel when it pays."""
    todo = [(c.design, str(cache / Path(c.path).name)) for c in cards]
    todo = [job for job in todo if not os.path.exists(job[1])]
    started = time.perf_counter()
    if todo:
        cache.mkdir(parents=True, exist_ok=True)
    workers = min(len(todo), os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            costs = list(pool.map(attempt, todo))
    else:
        costs = [attempt(job) for job in todo]
    failed = {c.path: c for c in costs if isinstance(c, UnreadableImage)}
    if failed:
        raise UnreadableImages(*failed.values())
    return Stats(len(cards), len(todo), time.perf_counter() - started, sum(costs))


class UnreadableImages(Exception):
    """The photos and logos that cards could not be drawn from (UnreadableImage each)."""


def attempt(job: tuple[Design, str]) -> float | UnreadableImage:
    """make(), with an editor's unreadable image as the result instead of an exception:
    every card is tried, so that every such image is reported at once."""
    try:
        return make(job)
    except UnreadableImage as exc:
        return exc


def prune(cache: Path, wanted: set[str], days: int = 30) -> None:
    """Forget cards no build has asked for in a month (drafts' cards survive a preview)."""
    if not cache.is_dir():
        return
    limit = time.time() - days * 86400
    for path in cache.iterdir():
        if path.name not in wanted and (file_signature(path) or (0, 0))[1] < limit * 1e9:
            path.unlink(missing_ok=True)  # (a card `check` draws may be gone meanwhile)


def make(job: tuple[Design, str]) -> float:
    """Draw one card into the cache (atomically: a half-written file is never trusted)."""
    design, target = job
    started = time.process_time()
    data = render(design)
    tmp = f"{target}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
    except OSError as exc:  # a full disk: say where, and leave no half a card
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, target) from None
    os.replace(tmp, target)
    return time.process_time() - started
