"""Editors' SVG files: read without entities, refused when they could run or load anything.

An SVG opened on its own runs its scripts on the site's origin, so a published SVG must be
a plain drawing: no script, no event attributes, no embedded HTML, no references to other
files. Nothing is rewritten; a file that is not plain is refused with the line to fix.
"""

from __future__ import annotations

import math
import re
from xml.parsers import expat

from karriere.base.messages import Message, say

XHTML = "http://www.w3.org/1999/xhtml"
ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
# Raster pictures inside the drawing (as drawing programs embed them) cannot run anything.
PICTURE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,", re.IGNORECASE)
URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
LENGTH = re.compile(rf"\s*({NUMBER})\s*(px|pt|pc|mm|cm|in|em|ex|%)?\s*")
MAX_SIDE = 100_000
PLAIN = say("expected a plain drawing; export it again as plain SVG, without scripts or links")


class _RootRead(Exception):
    """Stops the parser once the root element's attributes are known."""


class SvgProblem(Exception):
    """An SVG that cannot be published: the line and the message."""

    def __init__(self, line: int, message: str):
        super().__init__(line, message)
        self.line, self.message = line, message


def problems(data: bytes) -> list[SvgProblem]:
    """Everything that keeps this SVG from being published, in file order."""
    found: list[SvgProblem] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = [0]
    style: list[str] = []  # text of the <style> element being read, if any

    def add(message: Message) -> None:
        found.append(SvgProblem(parser.CurrentLineNumber, message))

    def doctype(*_) -> None:  # before any entity is declared: stop reading right here
        raise SvgProblem(
            parser.CurrentLineNumber,
            say(
                "SVG has a <!DOCTYPE> declaration, which can define entities ({plain})", plain=PLAIN
            ),
        )

    def instruction(target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            add(say("SVG loads a style sheet with <?xml-stylesheet?> ({plain})", plain=PLAIN))

    def start(name: str, attrs: dict[str, str]) -> None:
        space, local = _split(name)
        if depth[0] == 0 and local != "svg":
            add(
                say(
                    "file is not an SVG image: it starts with <{element}> (expected <svg> first)",
                    element=local,
                )
            )
        depth[0] += 1
        if local.lower() in ACTIVE or space == XHTML:
            add(say("SVG contains a <{element}> element ({plain})", element=local, plain=PLAIN))
        if local == "style":
            style.append("")
        for key, value in attrs.items():
            why = _attribute_problem(_split(key)[1], value)
            if why:
                add(why)

    def text(data: str) -> None:
        if style:
            style[-1] += data

    def end(name: str) -> None:
        if _split(name)[1] == "style" and style:
            why = _style_problem(style.pop())
            if why:
                add(say("SVG <style>: {why}", why=why))

    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except SvgProblem as problem:
        found.append(problem)
    except expat.ExpatError as exc:
        found.append(
            SvgProblem(
                exc.lineno,
                say(
                    "file is not a readable SVG: {error} "
                    "(expected an SVG image as a drawing program saves it)",
                    error=expat.ErrorString(exc.code),
                ),
            )
        )
    return found


def _split(name: str) -> tuple[str, str]:
    space, _, local = name.rpartition(" ")
    return space, local


def _attribute_problem(name: str, value: str) -> Message | None:
    lower = name.lower()
    if lower.startswith("on"):
        return say(
            "SVG has an event attribute {name}= that runs a script ({plain})",
            name=name,
            plain=PLAIN,
        )
    if lower == "href" and not (value.startswith("#") or PICTURE.match(value)):
        return say(
            "SVG refers to {target!r} with href= ({plain}; only '#' links inside it)",
            target=_short(value), plain=PLAIN,
        )  # fmt: skip
    if lower == "attributename" and (value.lower().startswith("on") or "href" in value.lower()):
        return say("SVG animates the attribute {value!r} ({plain})", value=value, plain=PLAIN)
    if "url(" in value.lower() or "@import" in value.lower():
        why = _style_problem(value)
        if why:
            return say("SVG attribute {name}=: {why}", name=name, why=why)
    return None


def _style_problem(css: str) -> Message | None:
    if "@import" in css.lower():
        return say("@import loads another file ({plain})", plain=PLAIN)
    for target in URL.findall(css):
        if not (target.startswith("#") or PICTURE.match(target)):
            return say(
                "url({target}) refers to another file ({plain})", target=_short(target), plain=PLAIN
            )
    return None


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels: from width= and height=, else the viewBox, else 100×100.
    Raises SvgProblem when they are not sizes."""
    root: dict[str, str] = {}
    where = [1]
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(_name: str, attrs: dict[str, str]) -> None:
        root.update(attrs)
        where[0] = parser.CurrentLineNumber
        raise _RootRead

    def doctype(*_) -> None:
        message = say("SVG has a <!DOCTYPE> declaration ({plain})", plain=PLAIN)
        raise SvgProblem(parser.CurrentLineNumber, message)

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except _RootRead:
        pass
    except expat.ExpatError as exc:
        message = say("file is not a readable SVG (expected an SVG image)")
        raise SvgProblem(exc.lineno, message) from None
    line = where[0]
    width = _length(root.get("width"), "width", line)
    height = _length(root.get("height"), "height", line)
    box = _view_box(root.get("viewBox"), line)
    if width and height:
        return width, height
    if box:
        return box
    return 100, 100


def _length(value: str | None, name: str, line: int) -> int | None:
    """A size in pixels, None for none or a relative one (%, em), SvgProblem for nonsense."""
    if value is None:
        return None
    match = LENGTH.fullmatch(value)
    number = float(match.group(1)) if match else math.nan
    if not (0 < number <= MAX_SIDE):
        raise SvgProblem(
            line,
            say(
                'SVG {name}="{value}" is not a size (expected a positive number of pixels up '
                'to {limit}, e.g. {name}="240", or leave it out and give a viewBox)',
                name=name,
                value=_short(value),
                limit=MAX_SIDE,
            ),
        )
    if match.group(2) in ("%", "em", "ex"):
        return None
    return max(1, round(number))


def _view_box(value: str | None, line: int) -> tuple[int, int] | None:
    if value is None:
        return None
    parts = re.split(r"[\s,]+", value.strip())
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        numbers = [0, 0, 0, 0]
    width, height = numbers[2:]
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise SvgProblem(
            line,
            say(
                'SVG viewBox="{value}" is not a drawing area (expected four numbers: '
                'left, top, a positive width and height, e.g. viewBox="0 0 240 64")',
                value=_short(value),
            ),
        )
    return max(1, round(width)), max(1, round(height))
