"""Media paths that editors write (front matter, video blocks, site.yaml) and the files
in content/media/: each must name a file inside content/ of the kind its field needs, and
every file published from content/media/ must be what its name says (media_types.py)."""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from karriere.base.errors import Problem
from karriere.base.messages import Message, say
from karriere.base.schema import CONTROL, Strict
from karriere.base.yamlfile import YamlDocument, load_yaml
from karriere.config.settings import Config
from karriere.content.media_types import CAPTIONS, IMAGES, VIDEOS, media_file_problems

SITE_YAML = "site.yaml"  # where messages about site.yaml point


def media_fields(meta: Strict) -> list[tuple[tuple, str]]:
    """Every media path in the front matter, with its location for messages."""
    found = []
    for name in ("image", "logo"):
        value = getattr(meta, name, None)
        if value:
            found.append(((name,), value))
    video = getattr(meta, "video", None)
    if video is not None:
        found.extend((("video", key), value) for key, value in video.media_paths())
    return found


def check_media(config: Config, found: list, doc: YamlDocument, shown: str) -> list[Problem]:
    """`found`: media paths with their locations, as media_fields gives them."""
    problems = []
    for loc, value in found:
        if CONTROL.search(value):
            continue  # the schema's error already (media_problem would say it again)
        line = doc.line_of(loc) + 1
        name = ".".join(loc)
        message = media_problem(config.content_dir, value, loc[-1])
        if message:
            problems.append(Problem(shown, line, say("{name}: {text}", name=name, text=message)))
    return problems


def check_media_files(config: Config) -> list[Problem]:
    """Files in content/media/ that the site must not publish as they are (media_types.py):
    the files pipeline.media_outputs publishes. Links are scan.py's to report."""
    problems = []
    stack = [config.content_dir / "media"]
    while stack:
        try:
            entries = sorted(os.scandir(stack.pop()), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir():
                stack.append(Path(entry.path))
            elif entry.is_file() and not entry.name.startswith("."):  # (a FIFO is never opened)
                shown = Path(entry.path).relative_to(config.site_dir).as_posix()
                problems += media_file_problems(Path(entry.path), shown)
    return problems


def check_campaign_video(config: Config) -> list[Problem]:
    """site.yaml's campaign video: its files must exist like those of a content file."""
    campaign = config.settings.campaign
    video = campaign.video if campaign is not None else None
    if video is None:
        return []
    doc = load_yaml(config.source_text)
    problems = []
    for key, value in video.media_paths():
        message = media_problem(config.content_dir, value, key)
        if message:
            line = doc.line_of(("campaign", "video", key))
            message = say("{name}: {text}", name=f"campaign.video.{key}", text=message)
            problems.append(Problem(SITE_YAML, line, message))
    return problems


MAX_PATH = 1024  # bytes; far below what systems allow (4096), far above any real path
# What each media field must name, by its key (other keys: any file).
FIELD_TYPES = {
    "image": (say("a picture"), IMAGES),
    "logo": (say("a picture"), IMAGES),
    "poster": (say("a raster picture"), tuple(s for s in IMAGES if s != ".svg")),  # as WebP
    "file": (say("a video"), VIDEOS),
    "captions": (say("a captions file"), CAPTIONS),
}


def check_logo(config: Config) -> list[Problem]:
    """site.yaml's organisation.logo, drawn into every card: a readable picture in content/
    (in content/media/ it is checked with the other files already)."""
    logo = config.settings.organisation.logo
    if not logo:
        return []
    message = media_problem(config.content_dir, logo, "logo")
    if message:
        line = load_yaml(config.source_text).line_of(("organisation", "logo"))
        return [
            Problem(SITE_YAML, line, say("{name}: {text}", name="organisation.logo", text=message))
        ]
    path = config.content_dir / logo
    if path.resolve().parent.is_relative_to((config.content_dir / "media").resolve()):
        return []
    return media_file_problems(path, f"content/{logo}")


def media_problem(content_dir: Path, value: str, key: str | None = None) -> Message | None:
    """Why a media path is unusable, or None. Paths are relative to content/; `key`: the
    field's name, for the kind of file it must be."""
    name_problem = _name_problem(value)
    if name_problem:
        return name_problem
    if value.startswith("/") or re.match(r"[A-Za-z]:[\\/]", value) or "\\" in value:
        return say(
            "{value!r} is an absolute path (expected a path relative to content/, "
            "e.g. media/bild.jpg)",
            value=value,
        )
    if re.match(r"[a-z]+:", value):
        return say(
            "{value!r} is a URL (expected a file in content/, e.g. media/bild.jpg)", value=value
        )
    try:
        target = (content_dir / value).resolve()
    except (OSError, RuntimeError):  # a link in a circle (RuntimeError up to Python 3.12)
        return say(
            "{value!r} is a link that leads in a circle (expected a real file, e.g. media/bild.jpg)",
            value=value,
        )
    root = content_dir.resolve()
    if root not in target.parents:
        return say(
            "{value!r} leads outside content/ (expected a file inside content/, e.g. "
            "media/bild.jpg; copy the file there instead of linking to it)",
            value=value,
        )
    try:
        found = target.is_file()
    except OSError:  # a path too long for this machine
        found = False
    if not found:
        return say(
            "file content/{value} does not exist (expected {expected})",
            value=value, expected=_similar_file(content_dir, value),
        )  # fmt: skip
    what, suffixes = FIELD_TYPES.get(key or "", ("", ()))
    if suffixes and Path(value).suffix.lower() not in suffixes:
        return say(
            "{value!r} is not {what} (expected a file ending in {suffixes})",
            value=value, what=what, suffixes=", ".join(suffixes),
        )  # fmt: skip
    return None


def _name_problem(value: str) -> Message | None:
    """What no file name can be (and no file system call should see)."""
    shown = value if len(value) <= 60 else value[:57] + "..."
    if any(ord(c) < 32 or c == "\x7f" for c in value):
        return say(
            "{value!r} contains a control character (expected a file name of letters, "
            "digits, '-', '_' and '.', e.g. media/bild.jpg)",
            value=shown,
        )
    if len(value.encode("utf-8")) > MAX_PATH:
        return say(
            "{value!r} is a path of more than {limit} bytes (expected a short path, "
            "e.g. media/bild.jpg)",
            value=shown, limit=MAX_PATH,
        )  # fmt: skip
    if any(len(part.encode("utf-8")) > 255 for part in value.split("/")):
        return say(
            "{value!r} has a name longer than 255 bytes, which no file system allows "
            "(expected a shorter file name, e.g. media/bild.jpg)",
            value=shown,
        )
    return None


def _similar_file(content_dir: Path, value: str) -> Message:
    """A did-you-mean for a mistyped media path."""
    folder = (content_dir / value).parent
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
    except OSError:  # no such folder, or a path too long for this machine
        names = []
    close = difflib.get_close_matches(Path(value).name, names, n=1)
    if close:
        return say(
            "an existing file; did you mean {path}?",
            path=f"{Path(value).parent.as_posix()}/{close[0]}",
        )
    return say("an existing file in content/, e.g. media/bild.jpg")
