"""Social posts as self-hosted cards (content/posts/<slug>.md).

A post is what the apprentices published on Instagram, TikTok and the like, shown on the
careers site without anything from the platform: the picture or clip is a copy in
content/media/, the caption is the body, and the platform is only named and linked. So
the front matter must say which platform the post is on, the link must really lead there,
and the media must be the site's own (no embed, no picture from the platform's CDN).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator

from karriere.base.errors import Problem
from karriere.base.messages import Message, say
from karriere.base.schema import Strict
from karriere.base.yamlfile import YamlDocument
from karriere.config.models import Line, Video

Platform = Literal["instagram", "tiktok", "facebook", "linkedin", "youtube", "mastodon"]

# The platform's name as the theme prints it ("Auf Instagram ansehen").
PLATFORM_NAMES = {
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "facebook": "Facebook",
    "linkedin": "LinkedIn",
    "youtube": "YouTube",
    "mastodon": "Mastodon",
}
# The hosts a post on each platform lives on (subdomains such as www. or m. too).
# Mastodon has no one host: any https server, with the account in the path (/@name).
PLATFORM_HOSTS = {
    "instagram": ("instagram.com",),
    "tiktok": ("tiktok.com",),
    "facebook": ("facebook.com", "fb.watch"),
    "linkedin": ("linkedin.com",),
    "youtube": ("youtube.com", "youtu.be"),
}


class Post(Strict):
    """Beitrag aus den sozialen Medien, z. B. ein Instagram-Post der Azubis
    (content/posts/*.md). Der Text ist die Bildunterschrift."""

    platform: Platform = Field(
        description="Plattform: instagram, tiktok, facebook, linkedin, youtube oder mastodon"
    )
    url: str = Field(description="Adresse des Beitrags auf der Plattform (https://…)")
    date: dt.date = Field(description="Veröffentlicht am, z. B. 2026-06-05")
    author: Line = Field(description="Wer ihn gemacht hat, z. B. 'Azubis der Stadt'")
    image: str | None = Field(None, description="Eigene Kopie des Bildes, relativ zu content/")
    image_alt: str | None = Field(None, description="Alternativtext des Bildes (Pflicht)")
    video: Video | None = Field(
        None, description="Eigene Kopie des Clips: file, poster, captions; aspect: '9:16'"
    )
    draft: bool = Field(False, description="Entwurf: nur mit --drafts sichtbar")

    @field_validator("url")
    @classmethod
    def _on_platform(cls, value, info):
        platform = info.data.get("platform")
        if platform is not None:
            message = url_problem(platform, value)
            if message is not None:
                raise ValueError(message)
        return value

    @property
    def platform_name(self) -> str:
        return PLATFORM_NAMES[self.platform]


def url_problem(platform: str, url: str) -> Message | None:
    """Why `url` is not a post on `platform`, or None."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if platform == "mastodon":
        if parts.scheme == "https" and host and parts.path.startswith("/@"):
            return None
        return say(
            "{url!r} is not a Mastodon post (expected an https address with the "
            "account in the path, e.g. https://social.example/@azubis/112233)",
            url=url,
        )
    hosts = PLATFORM_HOSTS[platform]
    on_host = any(host == h or host.endswith("." + h) for h in hosts)
    if parts.scheme == "https" and on_host:
        return None
    return say(
        "{url!r} is not on {platform} (expected an https address on {hosts})",
        url=url, platform=PLATFORM_NAMES[platform], hosts=", ".join(hosts),
    )  # fmt: skip


def post_problems(kind: str, meta, doc: YamlDocument, shown: str) -> list[Problem]:
    """A post shows only the site's own copy of its media: a picture with its
    alternative text, or a self-hosted clip. Other kinds: nothing to check."""
    if kind != "posts" or not isinstance(meta, Post):  # (a translation: its own error)
        return []

    def at(*loc: str) -> int:
        return doc.line_of(loc) + 1

    problems = []
    if meta.image is None and meta.video is None and not meta.draft:  # (`new post` starts so)
        message = say(
            "the post has no picture or clip of its own (expected image: media/….jpg "
            "with image_alt:, or video: {{file: media/….mp4, captions: media/….vtt}}; "
            "nothing is loaded from the platform)"
        )
        problems.append(Problem(shown, 1 + 1, message))  # the first line of the front matter
    if meta.image is not None and not (meta.image_alt or "").strip():
        message = say(
            "image_alt: missing (expected a description of what the picture shows, "
            "for people who cannot see it)"
        )
        problems.append(Problem(shown, at("image"), message))
    if meta.video is not None and meta.video.provider != "file":
        message = say(
            "video: a post's clip must be the site's own file (expected video: "
            "{{file: media/….mp4}}; a YouTube or Vimeo player would load from the platform)"
        )
        problems.append(Problem(shown, at("video"), message))
    elif meta.video is not None and not meta.video.captions:
        message = say(
            "video.captions: missing (expected captions: media/….vtt; clips are mostly "
            "watched on muted phones, and deaf visitors need them)"
        )
        problems.append(Problem(shown, at("video"), message))
    return problems


def post_reference_problems(entries, known: set[str], line_of) -> list[Problem]:
    """Stories' `posts: [slug]`: each must name a file in content/posts/. `line_of(entry,
    name)`: the line of a field."""
    problems = []
    for entry in entries:
        for slug in getattr(entry.meta, "posts", None) or []:
            if slug in known:
                continue
            if known:
                expected = say("expected one of: {known}", known=", ".join(sorted(known)))
            else:
                expected = say(
                    "expected a file content/{folder}/{wrong}.md; there is none in "
                    "content/{folder}/ yet",
                    folder="posts", wrong=slug,
                )  # fmt: skip
            message = say("posts: unknown post {post!r} ({expected})", post=slug, expected=expected)
            problems.append(Problem(entry.source, line_of(entry, "posts"), message))
    return problems
