"""A video inside a Markdown body: a fenced block with YAML, checked like the `video:` field.

    ```video
    youtube: dQw4w9WgXcQ
    poster: media/video/folge-1.jpg
    title: "Welche Wege führen zur Stadtverwaltung?"
    ```

The Markdown stage only leaves an empty placeholder paragraph where the block was: the HTML
sanitiser would strip a player, and the player is the theme's partial, rendered with the
page (see `video.body_html`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from karriere.base.errors import Problem
from karriere.base.messages import say
from karriere.base.schema import validate
from karriere.base.yamlfile import YamlProblem, load_yaml
from karriere.config.models import Video

OPENING = re.compile(r"^(`{3,}|~{3,})[ \t]*video[ \t]*$")


@dataclass(frozen=True)
class Block:
    """One ```video block: its line within the body and its YAML text."""

    line: int  # 1-based line of the opening fence, counted within the body
    yaml: str
    closed: bool


def find_blocks(body: str) -> list[Block]:
    if "video" not in body:  # most bodies: no need to look at every line
        return []
    lines = body.split("\n")
    blocks, number = [], 0
    while number < len(lines):
        match = OPENING.match(lines[number])
        if not match:
            number += 1
            continue
        fence = match.group(1)
        end = number + 1
        while end < len(lines) and not _closes(lines[end], fence):
            end += 1
        closed = end < len(lines)
        blocks.append(Block(number + 1, "\n".join(lines[number + 1 : end]), closed))
        number = end + 1
    return blocks


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}


def token(block: Block, index: int) -> str:
    """The placeholder for block `index`: an empty paragraph with an id made from the
    block's fields, so no editor writes it by chance, and text taken from the HTML
    (descriptions, JobPosting) shows nothing where a video goes.

    Trailing white space on the block's lines does not change the digest.
    """
    text = "\n".join(line.rstrip() for line in block.yaml.split("\n"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f'<p id="karriere-video-{index}-{digest}"></p>'


@dataclass(frozen=True)
class Parsed:
    """A block read and validated: the video, or what is wrong (lines within the body)."""

    line: int
    video: Video | None
    problems: tuple[tuple[int, str], ...] = ()
    media: tuple[tuple[str, str, int], ...] = ()  # (field, path, line) to check on disk


@lru_cache(maxsize=1024)
def _parse(body: str) -> tuple[Parsed, ...]:
    parsed = []
    for block in find_blocks(body):
        if not block.closed:
            message = say("video block is not closed (expected a line ``` after its fields)")
            parsed.append(Parsed(block.line, None, ((block.line, message),)))
            continue
        try:
            doc = load_yaml(block.yaml)
        except YamlProblem as exc:
            parsed.append(Parsed(block.line, None, ((block.line + exc.line, exc.message),)))
            continue
        video, problems = validate(Video, doc, "", line_offset=block.line)
        found = tuple((p.line, say("video block: {text}", text=p.message)) for p in problems)
        media = tuple(
            (key, value, block.line + doc.line_of((key,)))
            for key, value in (video.media_paths() if video else [])
        )
        parsed.append(Parsed(block.line, video, found, media))
    return tuple(parsed)


def body_videos(body: str) -> tuple[tuple[str, int, Video], ...]:
    """(placeholder, line in body, video) for each valid block.

    The content stage has reported the invalid ones, so a build never gets here with them.
    """
    blocks = find_blocks(body)
    return tuple(
        (token(block, index), p.line, p.video)
        for index, (block, p) in enumerate(zip(blocks, _parse(body), strict=True))
        if p.video is not None
    )


def check_body(
    body: str, body_line: int, source: str, content_dir: Path, media_problem
) -> list[Problem]:
    """Problems of every video block of one file, as `path:line: message`.

    `media_problem(content_dir, path, key)` is the content stage's check of a media path.
    """
    problems = []
    for p in _parse(body):
        for line, message in p.problems:
            problems.append(Problem(source, body_line + line - 1, message))
        for key, value, line in p.media:
            why = media_problem(content_dir, value, key)
            if why:
                message = say("video block: {key}: {text}", key=key, text=why)
                problems.append(Problem(source, body_line + line - 1, message))
    return problems


def replace_blocks(body: str) -> str:
    """Each block swapped for its placeholder, before Markdown would read it as code."""
    blocks = find_blocks(body)
    if not blocks:
        return body
    lines = body.split("\n")
    out, number = [], 0
    for index, block in enumerate(blocks):
        start = block.line - 1
        out += lines[number:start] + ["", token(block, index), ""]
        number = start + len(block.yaml.split("\n")) + 2
    return "\n".join(out + lines[number:])
