"""Hostile and careless media: what content/media/ may publish, unreadable images in the
CLI and the preview, long words on cards, odd media paths (issue 26).

The exact messages of each kind of file are in tests/malformed/media-*; here are the
cases that need more than one build, a preview, a clock or a direct call.
"""

from __future__ import annotations

import io
import textwrap
import time
from pathlib import Path

import pytest
from helpers import BUILD_DATE, SCRATCH_FILES, run_cli, write_files
from PIL import Image, ImageFont

from karriere.commands.preview import PreviewBuilder
from karriere.config.theme import BUILTIN
from karriere.content.media import media_problem
from karriere.outputs import og_cards as cards
from karriere.outputs import og_drawing as drawing

VACANCY = "content/vacancies/sachbearbeitung.md"
CLEAN_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="9" height="9"/></svg>\n'
SCRIPT_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">\n'
    "<script>alert(1)</script>\n</svg>\n"
)


def jpeg(size=(400, 300)) -> bytes:
    buffer = io.BytesIO()
    Image.radial_gradient("L").convert("RGB").resize(size).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def build(site: Path, out: Path):
    return run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def with_image(site: Path, rel: str = "media/team.jpg") -> None:
    path = site / VACANCY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary:", f"image: {rel}\nimage_alt: Das Team\nsummary:", 1))


# --- what content/media/ publishes ----------------------------------------------------


def test_media_types_are_published_and_others_refused_after_a_good_build(tmp_path):
    """A cached rebuild must check a file added since: the engine must not skip it."""
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    media = site / "content/media"
    media.mkdir()
    (media / "team.jpg").write_bytes(jpeg())
    (media / "wappen.svg").write_text(CLEAN_SVG)
    (media / "clip.de.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHallo\n")
    (media / "flyer.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (media / ".notiz.txt").write_text("dot files are not published")
    out = tmp_path / "public"
    result = build(site, out)
    assert result.returncode == 0, result.stderr
    for name in ("team.jpg", "wappen.svg", "clip.de.vtt", "flyer.pdf"):
        assert (out / "media" / name).read_bytes() == (media / name).read_bytes()
    assert not (out / "media/.notiz.txt").exists()
    before = snapshot(out)

    (media / "seite.html").write_text("<script>alert(document.domain)</script>")
    result = build(site, out)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "content/media/seite.html:1: 'seite.html' is not a media type this site publishes "
        "(expected pictures (.jpg"
    )
    assert snapshot(out) == before


def test_an_svg_given_a_script_under_the_same_name_is_refused_by_the_next_build(tmp_path):
    """Same file name, new bytes: the content cache (keyed by names) must not hide it."""
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    (site / "content/media").mkdir()
    svg = site / "content/media/team.svg"
    svg.write_text(CLEAN_SVG)
    with_image(site, "media/team.svg")
    out = tmp_path / "public"
    assert build(site, out).returncode == 0
    svg.write_text(SCRIPT_SVG)
    result = build(site, out)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "content/media/team.svg:2: SVG contains a <script> element (expected a plain "
        "drawing; export it again as plain SVG, without scripts or links)"
    )
    assert "<script>" not in (out / "media/team.svg").read_text()


def test_an_svg_logo_outside_the_media_folder_is_checked(tmp_path):
    files = dict(SCRATCH_FILES)
    files["site.yaml"] = files["site.yaml"].replace(
        '  name: "Stadt Teststadt"\n', '  name: "Stadt Teststadt"\n  logo: logo.png\n'
    )
    site = write_files(tmp_path / "site", files)
    (site / "content/logo.png").write_text("<html>not a picture</html>")
    result = build(site, tmp_path / "public")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        "content/logo.png:1: file is not a picture this site can read (expected a JPEG, "
        "PNG, GIF, WebP or AVIF file; save or export it again)"
    )


def test_a_fifo_in_the_media_folder_is_neither_opened_nor_published(tmp_path):
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    (site / "content/media").mkdir()
    import os

    os.mkfifo(site / "content/media/rohr.jpg")
    result = build(site, tmp_path / "public")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "public/media/rohr.jpg").exists()


# --- unreadable images in the preview -------------------------------------------------


def test_preview_reports_a_damaged_image_and_rebuilds_after_a_good_save(tmp_path):
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    (site / "content/media").mkdir()
    photo = site / "content/media/team.jpg"
    photo.write_bytes(jpeg())
    with_image(site)
    builder = PreviewBuilder(site, tmp_path / "preview")
    assert builder.rebuild(set()).problems == []

    good = photo.read_bytes()
    for bad, message in [
        (good[: len(good) // 2], "image data is damaged or cut off"),
        (b"", "file is empty"),
        (b"<html>", "file is not a picture this site can read"),
    ]:
        photo.write_bytes(bad)
        report = builder.rebuild({photo})
        assert [(p.path, p.line) for p in report.problems] == [("content/media/team.jpg", 1)]
        assert report.problems[0].message.startswith(message), report.problems[0]
        photo.write_bytes(jpeg((500, 300)))  # a good save: a new picture
        report = builder.rebuild({photo})
        assert report.problems == [], report.problems
        built = tmp_path / "preview/media/team.jpg"
        assert built.read_bytes() == photo.read_bytes()


# --- long words on cards ----------------------------------------------------------------


def reference_wrap(text: str, face, width: int) -> list[str]:
    """The wrap as it was: measure every prefix (cubic, but obviously right)."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if face.getlength(trial) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        while face.getlength(word) > width:
            cut = max(i for i in range(1, len(word)) if face.getlength(word[:i] + "-") <= width)
            lines.append(word[:cut] + "-")
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


@pytest.mark.parametrize(
    "text",
    [
        "Sachbearbeiter*in Bürgeramt (m/w/d)",
        "Verwaltungsfachangestellte*r für das Bürgerbüro und die Kfz-Zulassungsstelle",
        "Straßenverkehrszulassungsordnungsänderungsverordnungsbeauftragte*r (m/w/d) im Amt",
        "„Jeder Tag ist anders.“ " + "Donaudampfschifffahrtsgesellschaftskapitän" * 3,
        "ii" * 90 + " WW" + "W" * 70,
    ],
)
@pytest.mark.parametrize("size", [40, 56, 76])
def test_wrap_gives_the_same_lines_as_measuring_every_prefix(text, size):
    face = drawing.font(str(BUILTIN / "cards/OpenSans-Bold.ttf"), size)
    assert drawing.wrap(text, face, 1072) == reference_wrap(text, face, 1072)
    assert drawing.wrap(text, face, 300) == reference_wrap(text, face, 300)


def test_a_card_with_a_2000_character_word_is_drawn_in_time():
    fonts = tuple(str(BUILTIN / "cards" / name) for name in cards.FONTS)
    word = "Verwaltungsfachangestellte" * 77  # 2,002 characters, no space
    design = drawing.Design(
        layout="text", eyebrow=word, headline=word, details=(word, word),
        organisation=word, address=word, fonts=fonts,
    )  # fmt: skip
    started = time.perf_counter()
    data = drawing.render(design)
    assert time.perf_counter() - started < 10
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (drawing.WIDTH, drawing.HEIGHT)
    face = ImageFont.truetype(fonts[0], 40, layout_engine=ImageFont.Layout.BASIC)
    lines = drawing.wrap(word, face, 1072)
    assert "".join(line.removesuffix("-") for line in lines) == word
    assert all(face.getlength(line) <= 1072 for line in lines)


# --- media paths that no file can have ------------------------------------------------


def test_media_paths_no_file_system_takes_are_messages(tmp_path):
    (tmp_path / "media").mkdir()
    nul = media_problem(tmp_path, "media/bild\x00.jpg", "image")
    assert nul.startswith("'media/bild\\x00.jpg' contains a control character (expected")
    long = media_problem(tmp_path, "media/" + "a" * 300 + ".jpg", "image")
    assert "has a name longer than 255 bytes" in long
    deep = media_problem(tmp_path, "/".join(["media"] + ["ordner"] * 700) + "/x.jpg", "image")
    assert "is a path of more than 1024 bytes (expected a short path" in deep
    # Long, yet under the limit: a missing file like any other.
    deep = media_problem(tmp_path, "/".join(["media"] + ["o" * 250] * 4) + "/x.jpg", "image")
    assert deep.startswith("file content/media/ooo") and "does not exist" in deep


def test_a_video_block_poster_must_be_a_raster_picture(tmp_path):
    """An SVG poster cannot become WebP: its line says so, not the encoder."""
    files = dict(SCRATCH_FILES)
    block = '\n```video\nvimeo: 123456789\nposter: media/w.svg\ntitle: "Film"\n```\n'
    files[VACANCY] = textwrap.dedent(files[VACANCY]) + block
    site = write_files(tmp_path / "site", files)
    (site / "content/media").mkdir()
    (site / "content/media/w.svg").write_text(CLEAN_SVG)
    result = build(site, tmp_path / "public")
    assert result.returncode == 1
    assert result.stderr.splitlines()[:-1] == [
        f"{VACANCY}:19: video block: poster: 'media/w.svg' is not a raster picture "
        "(expected a file ending in .jpg, .jpeg, .png, .webp, .avif, .gif)"
    ]
