"""Leichte Sprache and German Sign Language (BITV 2.0 § 4): the two sections' pages, the
header links on every page, a DGS video's facts read from its MP4 file, `check`'s
warnings and the `new` scaffolds."""

from __future__ import annotations

import re
import struct
from datetime import date
from pathlib import Path

import pytest
from helpers import BUILD_DATE, ROOT, SCRATCH_FILES, run_cli, write_files

from karriere.commands.check import BITV_4
from karriere.content.mp4 import Mp4Problem, read_mp4
from karriere.pipeline import Request, generate
from karriere.site.sign_video import SignVideoFacts

# --- a small MP4 writer: just the boxes a player's index needs ----------------------------


def box(kind: bytes, *parts: bytes, large: bool = False) -> bytes:
    payload = b"".join(parts)
    if large:  # a 64-bit size, as big files have
        return struct.pack(">I4sQ", 1, kind, 16 + len(payload)) + payload
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def make_mp4(width=320, height=240, fps=25, seconds=4, version=0, large=False) -> bytes:
    timescale = fps * 512
    frames = fps * seconds
    duration = frames * 512
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    if version == 1:
        tkhd_times = struct.pack(">QQII Q", 0, 0, 1, 0, duration)
        mdhd = struct.pack(">B3xQQIQ4x", 1, 0, 0, timescale, duration)
    else:
        tkhd_times = struct.pack(">IIIII", 0, 0, 1, 0, duration)
        mdhd = struct.pack(">B3xIIII4x", 0, 0, 0, timescale, duration)
    tkhd = (
        struct.pack(">B3x", version)
        + tkhd_times
        + bytes(8 + 8)
        + matrix
        + struct.pack(">II", width << 16, height << 16)
    )
    hdlr = struct.pack(">4x4x4s12x", b"vide") + b"VideoHandler\x00"
    sound = box(b"trak", box(b"mdia", box(b"hdlr", struct.pack(">4x4x4s12x", b"soun"))))
    stts = struct.pack(">4xIII", 1, frames, 512)
    trak = box(
        b"trak",
        box(b"tkhd", tkhd),
        box(
            b"mdia",
            box(b"mdhd", mdhd),
            box(b"hdlr", hdlr),
            box(b"minf", box(b"stbl", box(b"stts", stts))),
        ),
    )
    ftyp = box(b"ftyp", b"isom", bytes(4), b"isommp41")
    return ftyp + box(b"mdat", bytes(2000), large=large) + box(b"moov", sound, trak)


VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nTestvideo ohne echte Gebärdensprache.\n"
SECTION_FILES = {
    **SCRATCH_FILES,
    "content/leichte-sprache/index.md": """\
        ---
        title: "Was gibt es auf dieser Website?"
        ---
        Hier gibt es Stellen·angebote.
        """,
    "content/leichte-sprache/navigation.md": """\
        ---
        title: "So finden Sie sich zurecht"
        order: 2
        ---
        Oben ist das Menü.
        """,
    "content/gebaerdensprache/index.md": """\
        ---
        title: "Informationen in Gebärdensprache"
        video:
          file: media/dgs.mp4
          sign_language: true
          captions: media/dgs.de.vtt
        ---
        Ein Testvideo ohne echte Gebärdensprache.
        """,
    "content/media/dgs.de.vtt": VTT,
}


@pytest.fixture
def section_site(tmp_path: Path) -> Path:
    site = write_files(tmp_path / "site", SECTION_FILES)
    (site / "content/media/dgs.mp4").write_bytes(make_mp4())
    return site


def build(site: Path, *more: str):
    return run_cli("build", "--site", str(site), "--date", BUILD_DATE, *more)


def html_of(site: Path, route: str) -> str:
    return (site / "public" / route / "index.html").read_text(encoding="utf-8")


# --- the MP4 reader ---------------------------------------------------------------------


@pytest.mark.parametrize("version,large", [(0, False), (1, False), (0, True)])
def test_mp4_facts_come_from_the_boxes(tmp_path, version, large):
    path = tmp_path / "v.mp4"
    path.write_bytes(make_mp4(352, 288, 30, 6, version=version, large=large))
    facts = read_mp4(path)
    assert (facts.width, facts.height, facts.fps, facts.seconds) == (352, 288, 30.0, 6.0)
    assert facts.size == path.stat().st_size


def test_mp4_facts_of_the_example_sites_ffmpeg_clip():
    facts = read_mp4(ROOT / "content/media/dgs/testvideo.mp4")
    assert (facts.width, facts.height, facts.fps, facts.seconds) == (640, 360, 25.0, 5.0)
    assert facts.size < 300_000


@pytest.mark.parametrize(
    "data,why",
    [
        (b"\x00\x00\x00\x18ftypmp42" + bytes(16), "no moov box"),
        (b"\x00\x00\x00\x18ftypmp42" + bytes(12) + b"\x00\x00\x01\x00moov", "impossible length"),
        (make_mp4()[:-40], "impossible length"),
        (make_mp4().replace(b"vide", b"text"), "no video track"),
    ],
)
def test_mp4_reader_says_what_is_wrong(tmp_path, data, why):
    path = tmp_path / "bad.mp4"
    path.write_bytes(data)
    with pytest.raises(Mp4Problem, match=why):
        read_mp4(path)


def test_facts_read_in_german():
    from karriere.content.mp4 import Mp4Facts

    view = SignVideoFacts(Mp4Facts(640, 360, 25.0, 65.4, 1_430_000))
    assert (view.resolution, view.running_time, view.iso_duration) == (
        "640 × 360",
        "1:05",
        "PT1M5S",
    )
    assert view.file_size == "1,4 MB"
    assert SignVideoFacts(Mp4Facts(1, 1, 29.97, 4, 35_900)).file_size == "36 KB"
    assert SignVideoFacts(Mp4Facts(1, 1, 29.97, 4, 1)).frame_rate == "29,97"


# --- pages, routes, header links --------------------------------------------------------


def test_sections_make_german_pages_of_their_own_kind(section_site):
    result = generate(Request(site_dir=section_site, today=date.fromisoformat(BUILD_DATE)))
    kinds = {p.route: p.kind for p in result.site.pages if p.kind in ("easy_read", "sign_language")}
    assert kinds == {
        "leichte-sprache/": "easy_read",
        "leichte-sprache/navigation/": "easy_read",
        "gebaerdensprache/": "sign_language",
    }
    assert [i.route for i in result.site.easy_read] == [
        "leichte-sprache/",
        "leichte-sprache/navigation/",
    ]


def test_section_pages_are_built_linked_and_in_the_sitemap(section_site):
    result = build(section_site)
    assert result.returncode == 0, result.stderr
    start = html_of(section_site, "leichte-sprache")
    assert '<html lang="de"' in start
    assert "<h1>Was gibt es auf dieser Website?</h1>" in start
    # the start page lists the section's other pages
    assert 'href="/karriere/leichte-sprache/navigation/"' in start
    nav = html_of(section_site, "leichte-sprache/navigation")
    assert 'href="/karriere/leichte-sprache/">Leichte Sprache</a>' in nav  # breadcrumb
    sitemap = (section_site / "public/sitemap.xml").read_text(encoding="utf-8")
    for route in ("leichte-sprache/", "leichte-sprache/navigation/", "gebaerdensprache/"):
        assert f"<loc>https://example.org/karriere/{route}</loc>" in sitemap


def test_every_page_links_both_sections_in_its_header(section_site):
    assert build(section_site).returncode == 0
    pages = sorted((section_site / "public").rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        header = html[html.index('<header class="site-header">') : html.index("</header>")]
        links = re.findall(r'<a href="([^"]+)" lang="de"[^>]*><svg class="pictogram"', header)
        assert links == ["/karriere/leichte-sprache/", "/karriere/gebaerdensprache/"], path
        assert "<span>Leichte Sprache</span>" in header and "<span>Gebärdensprache</span>" in header
    current = html_of(section_site, "gebaerdensprache")
    assert 'href="/karriere/gebaerdensprache/" lang="de" aria-current="page"' in current


def test_a_site_without_the_sections_has_no_links_to_them(scratch_site):
    assert build(scratch_site).returncode == 0
    html = (scratch_site / "public/index.html").read_text(encoding="utf-8")
    assert "a11y-langs" not in html and "leichte-sprache" not in html


def test_sign_language_video_shows_its_facts_and_a_download(section_site):
    assert build(section_site).returncode == 0
    html = html_of(section_site, "gebaerdensprache")
    size = (section_site / "content/media/dgs.mp4").stat().st_size
    assert "Video in Deutscher Gebärdensprache" in html
    assert "<dt>Auflösung</dt><dd><bdi>320 × 240 Pixel</bdi></dd>" in html
    assert '<time datetime="PT4S">0:04</time> Minuten' in html
    assert f"<dt>Dateigröße</dt><dd><bdi>{round(size / 1000)} KB</bdi></dd>" in html
    assert (
        f'<a href="/karriere/media/dgs.mp4" download>Video herunterladen (MP4, {round(size / 1000)} KB)</a>'
        in html
    )


def test_a_changed_video_file_changes_the_facts_on_the_next_build(section_site):
    assert build(section_site).returncode == 0
    (section_site / "content/media/dgs.mp4").write_bytes(make_mp4(640, 480, 25, 5))
    assert build(section_site).returncode == 0
    html = html_of(section_site, "gebaerdensprache")
    assert "640 × 480 Pixel" in html and ">0:05</time>" in html


# --- check --------------------------------------------------------------------------------


def test_check_warns_about_a_small_slow_sign_language_video(section_site):
    (section_site / "content/media/dgs.mp4").write_bytes(make_mp4(160, 120, 15, 4))
    result = run_cli("check", "--site", str(section_site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "content/gebaerdensprache/index.md:3: warning: sign-language video media/dgs.mp4: "
        "160 × 120 pixels is below 320 × 240; 15 frames per second is below 25 (expected at "
        "least 320 × 240 pixels and 25 frames per second, as BITV 2.0 Anlage 2 asks, so that "
        "hands and faces can be read)"
    ]
    strict = run_cli("check", "--site", str(section_site), "--date", BUILD_DATE, "--strict")
    assert strict.returncode == 1


def test_check_is_quiet_with_both_sections(section_site):
    result = run_cli("check", "--site", str(section_site), "--date", BUILD_DATE, "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_check_warns_without_the_sections_and_strict_fails(scratch_site):
    result = run_cli("check", "--site", str(scratch_site), "--date", BUILD_DATE)
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert lines == [
        "content/gebaerdensprache/:1: warning: the site has no pages in German Sign Language "
        "(DGS) (expected content/gebaerdensprache/index.md and more; `python build.py new "
        f"gebaerdensprache` starts the four texts): {BITV_4}",
        "content/leichte-sprache/:1: warning: the site has no pages in Leichte Sprache "
        "(expected content/leichte-sprache/index.md and more; `python build.py new "
        f"leichte-sprache` starts the four texts): {BITV_4}",
    ]
    assert "§ 4" in BITV_4 and BITV_4.count(".") == 1  # one sentence
    strict = run_cli("check", "--site", str(scratch_site), "--date", BUILD_DATE, "--strict")
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == "Check failed: 2 warnings (--strict)."


def test_check_warns_when_the_dgs_pages_have_no_sign_language_video(section_site):
    page = section_site / "content/gebaerdensprache/index.md"
    page.write_text("---\ntitle: DGS\n---\nBald.\n", encoding="utf-8")
    result = run_cli("check", "--site", str(section_site), "--date", BUILD_DATE)
    assert result.stderr.startswith(
        "content/gebaerdensprache/index.md:1: warning: no page in content/gebaerdensprache/ "
        "has a sign-language video"
    )


def test_an_unreadable_sign_language_video_is_an_error(section_site):
    (section_site / "content/media/dgs.mp4").write_bytes(make_mp4()[:-40])
    result = build(section_site)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "content/gebaerdensprache/index.md:3: video.file: media/dgs.mp4 cannot be read as an "
        "MP4 video: its box 'moov' at byte 2032 has an impossible length (expected an MP4 file"
    )


# --- new --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["leichte-sprache", "gebaerdensprache"])
def test_new_scaffolds_the_four_texts_as_drafts(scratch_site, kind):
    result = run_cli("new", kind, "--site", str(scratch_site))
    assert result.returncode == 0, result.stderr
    folder = scratch_site / "content" / kind
    assert sorted(p.name for p in folder.iterdir()) == [
        "barrierefreiheit.md",
        "index.md",
        "mehr.md",
        "navigation.md",
    ]
    index = (folder / "index.md").read_text(encoding="utf-8")
    assert "Medio·punkt" in index and "Keine Abkürzungen" in index
    assert "Jeder Satz hat nur eine Aussage" in index
    if kind == "gebaerdensprache":
        assert "sign_language: true" in index and "25 Bilder pro Sekunde" in index
    # drafts build, and are not published
    assert build(scratch_site).returncode == 0
    assert not (scratch_site / "public" / kind).exists()
    again = run_cli("new", kind, "--site", str(scratch_site))
    assert again.returncode == 2 and "nothing was created" in again.stderr
    assert (folder / "index.md").read_text(encoding="utf-8") == index  # never overwritten


def test_a_published_scaffold_with_its_hint_is_an_error(scratch_site):
    assert run_cli("new", "leichte-sprache", "--site", str(scratch_site)).returncode == 0
    path = scratch_site / "content/leichte-sprache/mehr.md"
    text = path.read_text(encoding="utf-8").replace("draft: true", "draft: false")
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index(
        "Schreiben Sie hier: Wo gibt es mehr Informationen in dieser Sprache? …"
    )
    result = build(scratch_site)
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"content/leichte-sprache/mehr.md:{line + 1}: body: still the placeholder "
        "'Schreiben Sie hier: Wo gibt es mehr Informationen in dieser Sprache? …' "
        "from 'new leichte-sprache'"
    )


def test_new_sections_take_no_title_and_the_others_need_one(scratch_site):
    assert run_cli("new", "leichte-sprache", "Titel", "--site", str(scratch_site)).returncode == 2
    assert run_cli("new", "page", "--site", str(scratch_site)).returncode == 2
