"""Videos without tracking: what partials/video.html shows, the poster variants, VideoObject data.

YouTube and Vimeo start as a facade (the site's own poster and a button); only a click
loads the provider's privacy-enhanced player (static/video.js). Self-hosted files play
from the site. Nothing here talks to a provider: the URLs are only printed.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from karriere.base.deps import note_file
from karriere.base.errors import Problem
from karriere.base.file_facts import file_facts
from karriere.base.messages import say
from karriere.base.strings import language_name
from karriere.base.yamlfile import load_yaml
from karriere.config.models import Video
from karriere.content.images import size_of
from karriere.site.sign_video import SignVideoFacts, facts_of


@dataclass(frozen=True)
class Provider:
    name: str
    company: str  # who the visitor connects to
    origin: str  # the only origin the CSP lets into frames for this provider
    embed: str
    watch: str


PROVIDERS = {
    "youtube": Provider(
        "YouTube",
        "YouTube (Google Ireland Limited)",
        "https://www.youtube-nocookie.com",
        "https://www.youtube-nocookie.com/embed/{id}",
        "https://www.youtube.com/watch?v={id}",
    ),
    "vimeo": Provider(
        "Vimeo",
        "Vimeo (Vimeo.com, Inc.)",
        "https://player.vimeo.com",
        "https://player.vimeo.com/video/{id}?dnt=1",
        "https://vimeo.com/{id}",
    ),
}
ASPECTS = {"16:9": 16 / 9, "4:3": 4 / 3, "1:1": 1.0, "9:16": 9 / 16}
POSTER_WIDTHS = (480, 960)  # WebP variants; a poster is never shown wider than ~60rem
WEBP_QUALITY = 75
WEBP_METHOD = 2  # as small as method 4 for these posters, at less than half the time


@dataclass(frozen=True)
class Variant:
    path: str  # output path relative to the site root, e.g. media/x.1a2b3c4d5e-480w.webp
    width: int
    height: int


@dataclass(frozen=True)
class Poster:
    url: str  # the original, root-relative
    width: int
    height: int
    webp: tuple[tuple[str, int], ...]  # (root-relative URL, width), smallest first

    @property
    def srcset(self) -> str:
        return ", ".join(f"{url} {width}w" for url, width in self.webp)

    @property
    def largest_webp(self) -> str:
        return self.webp[-1][0]


LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class VideoView:
    """Everything the partial prints about one video."""

    video: Video
    title: str
    aspect: str  # one of ASPECTS
    poster: Poster | None
    file_url: str | None
    file_type: str | None
    captions_url: str | None
    provider_name: str
    company: str
    embed_url: str | None  # with autoplay: it is loaded by a click
    watch_url: str | None  # without JS, the facade is a plain link to this
    jsonld: dict
    sign: SignVideoFacts | None = None  # a sign-language video's file facts (sign_video.py)

    @property
    def facade(self) -> bool:
        return self.embed_url is not None

    def captions_language(self, default: str) -> str:
        """The language of the captions: from the file name (clip.en.vtt), else `default`."""
        stem = Path(self.video.captions or "").stem
        code = stem.rpartition(".")[2] if "." in stem else ""
        return code if LANGUAGE_CODE.fullmatch(code) else default

    def captions_label(self, default: str) -> str:
        return language_name(self.captions_language(default))

    @property
    def aspect_class(self) -> str:
        return "video-" + self.aspect.replace(":", "x")

    @property
    def vertical(self) -> bool:
        return ASPECTS[self.aspect] < 1

    @property
    def sizes(self) -> str:
        return (
            "(min-width: 24rem) 24rem, 100vw"
            if self.vertical
            else "(min-width: 62rem) 60rem, 100vw"
        )

    @property
    def duration(self) -> str | None:
        return self.video.duration

    @property
    def duration_label(self) -> str:
        return duration_label(self.video.duration or "")

    @property
    def transcript(self) -> str | None:
        return self.video.transcript


def duration_label(iso: str) -> str:
    """'PT1M45S' -> '1:45', 'PT1H2M3S' -> '1:02:03'."""
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?", iso)
    if not match:
        return iso
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


def embed_url(video: Video, autoplay: bool = True) -> str | None:
    if video.provider == "file":
        return None
    provider = PROVIDERS[video.provider]
    url = provider.embed.format(id=video.youtube or video.vimeo)
    if autoplay:
        url += ("&" if "?" in url else "?") + "autoplay=1"
    return url


def watch_url(video: Video) -> str | None:
    if video.provider == "file":
        return None
    return PROVIDERS[video.provider].watch.format(id=video.youtube or video.vimeo)


# --- posters -------------------------------------------------------------------------


def _digest(path: Path) -> str:
    data = path.read_bytes() + f"webp-q{WEBP_QUALITY}-m{WEBP_METHOD}".encode()
    return hashlib.sha256(data).hexdigest()[:10]


def poster_variants(content_dir: Path, rel: str) -> list[Variant]:
    """The WebP files made from one poster, named after its bytes (cache forever)."""
    width, height = size_of(content_dir, rel)
    stem = rel.rsplit(".", 1)[0]
    digest = file_facts.of_file(_digest, content_dir / rel)
    widths = sorted({min(w, width) for w in POSTER_WIDTHS})
    return [
        Variant(f"{stem}.{digest}-{w}w.webp", w, max(1, round(height * w / width))) for w in widths
    ]


# --- the view model ------------------------------------------------------------------


def aspect_of(video: Video, poster: Poster | None) -> str:
    """Front matter first, then the poster's shape (snapped to the nearest known one)."""
    if video.aspect:
        return video.aspect
    if poster is None:
        return "16:9"
    ratio = poster.width / poster.height
    return min(ASPECTS, key=lambda name: abs(ASPECTS[name] - ratio))


def make_view(site, video: Video, title: str, description: str | None, day=None) -> VideoView:
    urls = site.urls
    content_dir = site.config.content_dir
    poster = None
    if video.poster:
        path = content_dir / video.poster
        note_file(path)  # the page shows its size and a name made from its bytes
        width, height = size_of(content_dir, video.poster)
        variants = poster_variants(content_dir, video.poster)
        webp = tuple((urls.path(v.path), v.width) for v in variants)
        poster = Poster(urls.path(video.poster), width, height, webp)
    provider = PROVIDERS.get(video.provider)
    name = video.title or title
    file_type = None
    if video.file:
        file_type = mimetypes.guess_type(video.file)[0] or "video/mp4"
    return VideoView(
        video=video,
        title=name,
        aspect=aspect_of(video, poster),
        poster=poster,
        file_url=urls.path(video.file) if video.file else None,
        file_type=file_type,
        captions_url=urls.path(video.captions) if video.captions else None,
        provider_name=provider.name if provider else "",
        company=provider.company if provider else "",
        embed_url=embed_url(video),
        watch_url=watch_url(video),
        jsonld=video_object(site, video, name, description, day),
        sign=facts_of(content_dir, video.file) if video.sign_language and video.file else None,
    )


def video_object(site, video: Video, name: str, description: str | None, day=None) -> dict:
    """schema.org VideoObject; thumbnails and files are the site's own."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": name,
        "description": description or video.transcript or name,
    }
    if video.poster:
        data["thumbnailUrl"] = [site.urls.absolute(video.poster)]
    uploaded = video.upload_date or day
    if uploaded:
        data["uploadDate"] = uploaded.isoformat()
    if video.duration:
        data["duration"] = video.duration
    if video.file:
        data["contentUrl"] = site.urls.absolute(video.file)
    else:
        data["embedUrl"] = embed_url(video, autoplay=False)
    return data


# --- where videos are ----------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """A video and where the editor wrote it."""

    video: Video
    source: str
    line: int
    title: str


def _items(site, recall) -> list:
    found = [site.vacancies, site.stories, site.faq, site.pages_content]
    found.append(getattr(site, "posts", []))
    found += [getattr(site, "easy_read", []), getattr(site, "sign_language", [])]
    network = getattr(site, "network", None)
    if network is not None:
        found += [network.employers, network.occupations, network.events]
    return recall.chained("videos", found)  # (known to recall: where the lists changed)


def _item_title(item) -> str:
    meta = item.meta
    return (
        getattr(meta, "title", None) or getattr(meta, "name", None) or getattr(meta, "question", "")
    )


def placed_videos(site, recall) -> list[Placed]:
    """Every video of the site: front matter, Markdown blocks and the home campaign.
    (Cheap to ask again: each entry holds its blocks, found when it was loaded; `recall`
    hands back last build's findings for the very same items.)"""
    found = [p for placed in recall.many(_placed_in, _items(site, recall)) for p in placed]
    campaign = site.settings.campaign
    if campaign is not None and getattr(campaign, "video", None) is not None:
        line = load_yaml(site.config.source_text).line_of(("campaign", "video"))
        found.append(Placed(campaign.video, "site.yaml", line, campaign.title))
    return found


def _placed_in(item) -> tuple:
    entry = item.entry
    found = []
    video = getattr(entry.meta, "video", None)
    if video is not None:
        line = entry.field_lines.get("video", 1)
        found.append(Placed(video, entry.source, line, _item_title(item)))
    for _, line, block in entry.videos:
        found.append(Placed(block, entry.source, entry.body_line + line - 1, _item_title(item)))
    return tuple(found)


def providers_used(site) -> list[str]:
    """Origins of the players the site may load, for the CSP's frame-src."""
    used = {p.video.provider for p in site.videos}
    return [PROVIDERS[name].origin for name in sorted(used) if name in PROVIDERS]


def caption_warnings(site) -> list[Problem]:
    """`check`: every video should have captions, vertical clips too."""
    found = []
    for placed in site.videos:
        video = placed.video
        if video.captions:
            continue
        what = video.file or say(
            "{provider} video {id}",
            provider=PROVIDERS[video.provider].name, id=video.youtube or video.vimeo,
        )  # fmt: skip
        message = say(
            "warning: video {what} has no captions (expected captions: media/….vtt; deaf "
            "visitors and muted phones need them)",
            what=what,
        )
        found.append(Problem(placed.source, placed.line, message))
    return found


def page_has_facade(site, page) -> bool:
    """Whether the page needs video.js: only pages with a YouTube or Vimeo facade do."""
    items = list(page.items) if page.kind == "faq" else [page.item] if page.item else []
    videos = [v for i in items for v in _item_videos(i)]
    campaign = site.settings.campaign
    if page.kind == "home" and campaign is not None and getattr(campaign, "video", None):
        videos.append(campaign.video)
    return any(v.provider != "file" for v in videos)


def _item_videos(item) -> list[Video]:
    video = getattr(item.meta, "video", None)
    return ([video] if video else []) + [v for _, _, v in item.entry.videos]


# --- template globals ----------------------------------------------------------------


def template_globals(site) -> dict:
    """`video_view(video, title, description, date)`, `body(item)`, `video_script(page)`."""

    def video_view(video, title, description=None, day=None):
        return make_view(site, video, title, description, day)

    @jinja2.pass_context
    def body(ctx, item) -> Markup:
        """The item's HTML with each ```video block replaced by the video partial."""
        html = item.html
        page = ctx.get("page")
        description = getattr(page, "description", None)
        day = getattr(item.meta, "date", None) or getattr(item.meta, "posted", None)
        partial = ctx.environment.get_template("partials/video.html")
        for token, _, video in item.entry.videos:
            view = make_view(site, video, _item_title(item), description, day)
            rendered = partial.render({**ctx.get_all(), "vv": view, "lazy": True})
            html = html.replace(token, rendered)
        return Markup(html)

    return {
        "video_view": video_view,
        "body": body,
        "video_script": lambda page: page_has_facade(site, page),
    }
