"""Card tags on every page, the card images themselves, share links, and the card cache."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from card_designs import FONTS, design
from helpers import BUILD_DATE, BUILD_DAY, ROOT, SCRATCH_FILES, run_cli, write_files
from PIL import Image, ImageDraw

from karriere.content.loading import load_content
from karriere.outputs import og_cards as cards
from karriere.outputs import og_drawing as drawing
from karriere.pipeline import Request, load_settings
from karriere.site.build import build_site

BASE = "https://example.org/karriere/"
SHARE_HOSTS = ["wa.me", "www.linkedin.com", "www.facebook.com", "x.com", "www.xing.com", "t.me"]
SHARE_PATHS = re.compile(r"https://[^/]+/(\?text=|sharing/|sharer/|intent/|spi/shares/|share/url)")


class Head(HTMLParser):
    """The tags a link preview reads, plus every link of the page."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical = None
        self.links: list[dict] = []
        self.scripts: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content")
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "a":
            self.links.append(a)
        elif tag == "script":
            self.scripts.append(a)


def pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def local(root: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    return root / url[len(BASE) :]


def build(site: Path, out: Path, *extra: str):
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE, *extra)
    assert result.returncode == 0, result.stderr
    return result


# --- the example site ---------------------------------------------------------------------


LOCALES = {"de": "de_DE", "en": "en_US", "tr": "tr_TR", "ar": "ar_EG", "uk": "uk_UA"}


def test_every_page_has_the_full_tag_set(example_build):
    for path in pages(example_build):
        head = Head(path.read_text(encoding="utf-8"))
        m, where = head.meta, path.relative_to(example_build)
        for key in ("og:title", "og:description", "og:site_name", "description"):
            assert m.get(key), f"{where}: {key} missing or empty"
        language = where.parts[0] if where.parts[0] in LOCALES else "de"
        assert m["og:locale"] == LOCALES[language], where
        assert m["twitter:card"] == "summary_large_image", where
        assert m["og:image"].startswith(BASE), where
        assert (m["og:image:width"], m["og:image:height"]) == ("1200", "630"), where
        assert m["og:image:alt"] and m["twitter:image:alt"] == m["og:image:alt"], where
        if path.name != "404.html":
            assert head.canonical and head.canonical.startswith(BASE), where
            assert m["og:url"] == head.canonical, where
            assert local(example_build, head.canonical + "index.html") == path, where
        detail = re.fullmatch(
            r"([a-z]{2}/)?(stellen|geschichten)/[^/]+/index\.html", where.as_posix()
        )
        detail = detail and "kategorie" not in where.parts
        assert m["og:type"] == ("article" if detail else "website"), where


def test_every_card_image_exists_is_1200x630_and_small(example_build):
    seen = set()
    for path in pages(example_build):
        url = Head(path.read_text(encoding="utf-8")).meta["og:image"]
        seen.add(url)
        file = local(example_build, url)
        assert file.is_file(), f"{path}: {url} was not written"
        assert file.stat().st_size < drawing.MAX_BYTES, f"{file.name}: {file.stat().st_size} bytes"
        with Image.open(file) as im:
            assert im.size == (1200, 630), file.name
            assert im.format == {".png": "PNG", ".jpg": "JPEG"}[file.suffix]
    published = {f.name for f in (example_build / "cards").iterdir()}
    assert published == {Path(u).name for u in seen}, "every card published is used, and only those"


def test_vacancy_cards_name_their_category_location_and_deadline(example_build):
    html = (example_build / "stellen/sachbearbeitung-buergeramt/index.html").read_text("utf-8")
    alt = Head(html).meta["og:image:alt"]
    assert "Sachbearbeiter*in im Bürgeramt (m/w/d)" in alt
    source = (ROOT / "content/vacancies/sachbearbeitung-buergeramt.md").read_text("utf-8")
    deadline = re.search(r"^deadline: (\d{4})-(\d\d)-(\d\d)$", source, re.M).groups()
    assert "Fachkräfte" in alt and "Lindenfeld" in alt
    assert "Bewerbungsschluss: {2}.{1}.{0}".format(*deadline) in alt


def test_an_editors_image_becomes_a_photo_card_with_the_texts(example_build):
    html = (example_build / "stellen/kommunaler-ordnungsdienst/index.html").read_text("utf-8")
    meta = Head(html).meta
    assert meta["og:image"].endswith(".jpg") and meta["og:image:type"] == "image/jpeg"
    source = (
        Path(__file__).parents[2] / "content/vacancies/kommunaler-ordnungsdienst.md"
    ).read_text("utf-8")
    alt = re.search(r'^image_alt: "(.*)"$', source, re.M).group(1)
    title = "Mitarbeiter*innen für den Kommunalen Ordnungsdienst (17 Stellen)"
    # What the card says first, then what its picture shows.
    assert meta["og:image:alt"].startswith("Fachkräfte – " + title + " – Lindenfeld – ")
    assert meta["og:image:alt"].endswith(". " + alt)
    assert "\u00ad" not in meta["og:image:alt"]
    with Image.open(local(example_build, meta["og:image"])) as im:
        assert (im.format, im.size) == ("JPEG", (1200, 630))


def test_share_links_under_vacancies_and_stories_only(example_build):
    for path in pages(example_build):
        where = path.relative_to(example_build).as_posix()
        head = Head(path.read_text(encoding="utf-8"))
        shares = [a for a in head.links if SHARE_PATHS.match(a["href"])]
        is_detail = re.fullmatch(
            r"([a-z]{2}/)?(stellen|geschichten)/(?!kategorie/)[^/]+/index\.html", where
        )
        if not is_detail:
            assert not shares and not any("data-copy" in a for a in head.links), where
            assert not any("share." in s.get("src", "") for s in head.scripts), where
            continue
        assert sorted({urlsplit(a["href"]).netloc for a in shares}) == sorted(SHARE_HOSTS), where
        for a in shares:
            query = parse_qs(urlsplit(a["href"]).query)
            shared = " ".join(v for values in query.values() for v in values)
            assert head.canonical in shared, f"{where}: {a['href']} does not carry the page URL"
            assert "nofollow" in a["rel"]
        mail = [a for a in head.links if a["href"].startswith("mailto:?")]
        assert mail and head.canonical in parse_qs(urlsplit(mail[0]["href"]).query)["body"][0]
        copy = [a for a in head.links if "data-copy" in a]
        assert copy and copy[0]["href"] == head.canonical, "copy-link works without JS"
        script = [s for s in head.scripts if "share." in s.get("src", "")]
        assert script and "defer" in script[0], where


def test_share_script_is_tiny_and_announces_the_copy(example_build):
    [script] = (example_build / "assets").glob("share.*.js")
    text = script.read_text(encoding="utf-8")
    assert len(text.encode()) < 1024
    assert "navigator.clipboard" in text and "data-copied" in text
    html = (example_build / "stellen/sachbearbeitung-buergeramt/index.html").read_text("utf-8")
    assert re.search(r'role="status" data-copied="Link kopiert"', html)


def test_footer_links_the_employers_channels(example_build):
    html = (example_build / "index.html").read_text(encoding="utf-8")
    footer = html[html.index("<footer") :]
    for url in (
        "https://www.instagram.com/stadt.lindenfeld/",
        "https://www.tiktok.com/@stadt.lindenfeld",
    ):
        assert f'href="{url}"' in footer


# --- scratch sites: caching, options, errors ----------------------------------------------


def cache_state(site: Path) -> dict[str, int]:
    folder = site / cards.CACHE
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_building_twice_draws_no_card_and_a_change_redraws_only_its_card(scratch_site, tmp_path):
    out = tmp_path / "public"
    build(scratch_site, out)
    first = cache_state(scratch_site)
    published = sorted(p.name for p in (out / "cards").iterdir())
    assert first and sorted(first) == published
    for state in (scratch_site / ".karriere-cache").glob("*.pickle"):
        state.unlink()  # no shortcut through the incremental engine: every stage runs
    build(scratch_site, out)
    assert cache_state(scratch_site) == first, "a card was drawn again"
    assert sorted(p.name for p in (out / "cards").iterdir()) == published

    vacancy = scratch_site / "content/vacancies/sachbearbeitung.md"
    vacancy.write_text(
        vacancy.read_text("utf-8").replace("Bürgeramt (m/w/d)", "Bürgerbüro"), "utf-8"
    )
    build(scratch_site, out)
    third = cache_state(scratch_site)
    [new] = set(third) - set(first)
    assert all(third[name] == mtime for name, mtime in first.items()), "others were redrawn"
    html = (out / "stellen/sachbearbeitung/index.html").read_text("utf-8")
    assert Path(Head(html).meta["og:image"]).name == new


def test_publish_draws_each_card_once(scratch_site):
    config, options = load_settings(Request(site_dir=scratch_site, today=BUILD_DAY))
    site = build_site(config, load_content(config), options)
    outputs, cold = cards.publish(site)
    assert cold.drawn == cold.planned == len(outputs) >= 8
    assert cold.cpu_seconds > 0
    again, warm = cards.publish(site)
    assert warm.drawn == 0 and again == outputs


def test_cards_false_draws_nothing_and_falls_back_to_the_editors_image(tmp_path):
    files = dict(SCRATCH_FILES)
    files["site.yaml"] += "cards: false\n"
    site = write_files(tmp_path / "site", files)
    photo = site / "content/media/team.jpg"
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (800, 500), "#336699").save(photo)
    story = site / "content/stories/lena.md"
    story.write_text(story.read_text("utf-8").replace("quote:", "image: media/team.jpg\nquote:"))
    out = tmp_path / "public"
    build(site, out)
    assert not (out / "cards").exists() and not (site / cards.CACHE).exists()
    meta = Head((out / "geschichten/lena/index.html").read_text("utf-8")).meta
    assert meta["og:image"] == BASE + "media/team.jpg"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("800", "500")
    home = Head((out / "index.html").read_text("utf-8")).meta
    assert "og:image" not in home and home["twitter:card"] == "summary"


def test_photo_card_of_a_portrait_image(tmp_path):
    files = dict(SCRATCH_FILES)
    site = write_files(tmp_path / "site", files)
    (site / "content/media").mkdir(parents=True)
    Image.new("RGB", (900, 1600), "#aa3300").save(site / "content/media/lena.png")
    story = site / "content/stories/lena.md"
    story.write_text(story.read_text("utf-8").replace("quote:", "image: media/lena.png\nquote:"))
    out = tmp_path / "public"
    build(site, out)
    meta = Head((out / "geschichten/lena/index.html").read_text("utf-8")).meta
    with Image.open(local(out, meta["og:image"])) as im:
        assert (im.format, im.size) == ("JPEG", (1200, 630))
    # No image_alt: what the card says.
    assert meta["og:image:alt"].startswith("Aus dem Arbeitsalltag – „")


def test_production_build_without_base_url_explains_why(tmp_path):
    files = dict(SCRATCH_FILES)
    files["site.yaml"] = files["site.yaml"].replace(
        'base_url: "https://example.org/karriere/"\n', ""
    )
    site = write_files(tmp_path / "site", files)
    result = run_cli("build", "--site", str(site), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "site.yaml:1: base_url: missing" in result.stderr and "Open Graph" in result.stderr


# --- drawing --------------------------------------------------------------------------------


def test_the_font_has_umlauts_sharp_s_and_german_quotes():
    face = drawing.font(FONTS[0], 40)

    def pixels(char: str) -> bytes:
        image = Image.new("L", (80, 80))
        ImageDraw.Draw(image).text((10, 10), char, font=face, fill=255)
        return image.tobytes()

    missing = pixels("\uffff")  # a code point no font has: the 'missing glyph' box
    for char in "ÄÖÜäöüß„“–*":
        assert pixels(char) != missing, f"{char!r} would be drawn as a box"


def test_long_titles_wrap_and_shrink_inside_the_card():
    long = "Stadtinspektoranwärter*in – Bachelor of Laws Kommunaler Verwaltungsdienst " * 6
    face, lines = drawing.fit_block(long, FONTS[0], 1072, 300)
    assert face.size == 40 and lines[-1].endswith("…")
    assert all(face.getlength(line) <= 1072 for line in lines)
    short_face, short = drawing.fit_block("Gärtner*in", FONTS[0], 1072, 300)
    assert short_face.size == 76 and short == ["Gärtner*in"]
    giant = drawing.wrap("Donaudampfschifffahrtsgesellschaftskapitänsmütze" * 2, face, 600)
    assert all(face.getlength(line) <= 600 for line in giant)


def test_card_file_name_follows_every_input():
    names = {
        cards.design_hash(d)
        for d in (
            design(),
            design(headline="Straßenbauer*in"),
            design(color="#005ca9"),
            design(details=("Lindenfeld", "Bewerbungsschluss: 06.06.2026")),
            design(organisation="Stadt Musterstadt"),
        )
    }
    assert len(names) == 5
    assert cards.design_hash(design()) == cards.design_hash(design())


def test_a_drawn_card_is_a_small_1200x630_png_on_a_light_or_dark_brand():
    for color in ("#0a6e5c", "#f2b705"):
        data = drawing.render(design(color=color))
        with Image.open(io.BytesIO(data)) as im:
            assert (im.format, im.size) == ("PNG", (1200, 630))
            rgb = im.convert("RGB")
            assert rgb.getpixel((5, 5)) == drawing.hex_rgb(color)  # branded background
            assert rgb.getpixel((5, 625)) == drawing.hex_rgb(color)
            tag = (drawing.MARGIN + 24, drawing.TOP + 8)
            assert rgb.getpixel(tag) == (255, 255, 255)  # the white tag for the logo
        assert len(data) < drawing.MAX_BYTES


def test_a_raster_logo_is_drawn_on_its_tag(tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 100), (200, 0, 0)).save(logo)
    with_logo = design(logo=str(logo))
    assert cards.design_hash(with_logo) != cards.design_hash(design())
    with Image.open(io.BytesIO(drawing.render(with_logo))) as im:
        inside = (drawing.MARGIN + drawing.PAD + 10, drawing.TOP + drawing.PAD + 32)
        assert im.convert("RGB").getpixel(inside) == (200, 0, 0)


@pytest.mark.parametrize("color, ink", [("#0a6e5c", (255, 255, 255)), ("#f2b705", (26, 26, 26))])
def test_text_colour_follows_the_brand_colour(color, ink):
    assert drawing.ink_on(drawing.hex_rgb(color)) == ink
