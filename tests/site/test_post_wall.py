"""Social posts as self-hosted cards (content/posts/): the wall /social/, the home page's
strip, a story's related posts and social/feed.xml, built by the real CLI and parsed back.
Nothing of a post may load from its platform: the cards only link there."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import BUILD_DATE, SCRATCH_FILES, run_cli, write_files
from PIL import Image

BASE = "https://example.org/karriere/"
ATOM = "{http://www.w3.org/2005/Atom}"
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nVerwaltung ist langweilig?\n"


def post(platform: str, url: str, day: str, media: str, caption: str) -> str:
    return (
        f'---\nplatform: {platform}\nurl: "{url}"\ndate: {day}\n'
        f'author: "Azubis der Stadt"\n{media}---\n{caption}\n'
    )


IMAGE = 'image: media/posts/bild.jpg\nimage_alt: "Drei Azubis vor dem Rathaus"\n'
CLIP = (
    "video: {file: media/posts/clip.mp4, poster: media/posts/clip.jpg, "
    'captions: media/posts/clip.de.vtt, aspect: "9:16", title: "Sagt wer?"}\n'
)
POSTS = {
    "content/posts/mikado.md": post(
        "instagram", "https://www.instagram.com/p/ABC123/", "2026-10-28", IMAGE, "Beamtenmikado?"
    ),
    "content/posts/langweilig.md": post(
        "tiktok", "https://www.tiktok.com/@stadt/video/1", "2026-11-14", CLIP, "Langweilig?"
    ),
    "content/posts/kaffee.md": post(
        "facebook", "https://fb.watch/xyz/", "2026-10-07", IMAGE, "Kaffee holen? Nein."
    ),
    "content/posts/toot.md": post(
        "mastodon", "https://social.example/@azubis/1", "2026-09-01", IMAGE, "Hallo Fediverse."
    ),
}
# newest first, as on the platforms
ORDER = ["langweilig", "mikado", "kaffee", "toot"]
NAMES = {"langweilig": "TikTok", "mikado": "Instagram", "kaffee": "Facebook", "toot": "Mastodon"}


def media(site: Path) -> None:
    folder = site / "content/media/posts"
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 64), (10, 110, 92)).save(folder / "bild.jpg")
    Image.new("RGB", (90, 160), (18, 51, 43)).save(folder / "clip.jpg")
    clip = Path(__file__).resolve().parents[2] / "content/media/posts/langweilig.mp4"
    (folder / "clip.mp4").write_bytes(clip.read_bytes())
    (folder / "clip.de.vtt").write_text(VTT, encoding="utf-8")


class Cards(HTMLParser):
    """Each <li class="... post-card"> with what it holds; every iframe and script src."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[dict] = []
        self.depth = 0  # <li> depth inside the current card
        self.link: dict | None = None
        self.iframes: list[str] = []
        self.scripts: list[str] = []
        self.feeds: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "iframe":
            self.iframes.append(a.get("src") or "")
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        if tag == "link" and a.get("rel") == "alternate" and a.get("type", "").endswith("atom+xml"):
            self.feeds.append(a["href"])
        if tag == "li" and "post-card" in (a.get("class") or "").split():
            self.cards.append({"id": a.get("id"), "links": [], "media": [], "text": ""})
            self.depth = 1
            return
        if not self.depth:
            return
        card = self.cards[-1]
        if tag == "li":
            self.depth += 1
        if tag == "a":
            self.link = {"href": a["href"], "rel": a.get("rel"), "text": ""}
            card["links"].append(self.link)
        for key in ("src", "poster"):
            if tag in ("img", "video", "source", "track") and a.get(key):
                card["media"].append((tag, a[key], a.get("alt")))

    def handle_endtag(self, tag):
        if tag == "a":
            self.link = None
        if tag == "li" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.cards[-1]["text"] += data
        if self.link is not None:
            self.link["text"] += data


def parse(path: Path) -> Cards:
    cards = Cards()
    cards.feed(path.read_text(encoding="utf-8"))
    return cards


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = write_files(tmp_path_factory.mktemp("posts"), SCRATCH_FILES | POSTS)
    story = site / "content/stories/lena.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("date:", "posts: [langweilig]\ndate:")
    )
    media(site)
    result = run_cli("build", "--site", str(site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return site / "public"


def test_the_wall_shows_every_post_newest_first_linking_out_in_words(built):
    wall = parse(built / "social/index.html")
    assert [c["id"] for c in wall.cards] == ORDER
    for card in wall.cards:
        name = NAMES[card["id"]]
        out = [link for link in card["links"] if link["href"].startswith("https://")]
        assert [link["text"] for link in out] == [f"Auf {name} ansehen"]
        assert out[0]["rel"] == "noreferrer"
        assert f"Azubis der Stadt auf {name}" in card["text"]


def test_cards_show_only_the_sites_own_media(built):
    wall = parse(built / "social/index.html")
    for card in wall.cards:
        assert card["media"], card["id"]
        for _, src, _ in card["media"]:
            assert src.startswith("/karriere/media/posts/"), src  # root-relative, own origin
    mikado = next(c for c in wall.cards if c["id"] == "mikado")
    assert ("img", "/karriere/media/posts/bild.jpg", "Drei Azubis vor dem Rathaus") in mikado[
        "media"
    ]
    clip = next(c for c in wall.cards if c["id"] == "langweilig")
    tags = {tag for tag, _, _ in clip["media"]}
    assert {"video", "source", "track"} <= tags  # the self-hosted player, with captions
    assert ("track", "/karriere/media/posts/clip.de.vtt", None) in clip["media"]
    assert not wall.iframes
    assert all(not urlsplit(src).netloc for src in wall.scripts)


def test_vertical_clip_is_marked_for_the_narrow_player(built):
    html = (built / "social/index.html").read_text(encoding="utf-8")
    assert '<div class="video video-9x16">' in html


def test_home_shows_the_newest_three_and_the_feed(built):
    home = parse(built / "index.html")
    assert [c["id"] for c in home.cards] == ORDER[:3]
    assert "/karriere/social/feed.xml" in home.feeds
    assert not home.iframes


def test_a_story_shows_the_posts_it_lists(built):
    story = parse(built / "geschichten/lena/index.html")
    assert [c["id"] for c in story.cards] == ["langweilig"]
    other = parse(built / "social/index.html")
    assert "/karriere/social/feed.xml" in other.feeds


def test_feed_is_atom_with_platform_links_and_own_media(built):
    root = ET.parse(built / "social/feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}id").text for e in entries] == [f"{BASE}social/#{s}" for s in ORDER]
    first = entries[0]
    links = {link.get("rel"): link for link in first.findall(f"{ATOM}link")}
    assert links["alternate"].get("href") == "https://www.tiktok.com/@stadt/video/1"
    assert links["enclosure"].get("href") == f"{BASE}media/posts/clip.mp4"
    assert links["enclosure"].get("type") == "video/mp4"
    assert first.find(f"{ATOM}category").get("label") == "TikTok"
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Azubis der Stadt"
    assert "Langweilig?" in first.find(f"{ATOM}content").text
    assert root.find(f"{ATOM}updated").text == "2026-11-14T00:00:00Z"


def test_posts_have_no_page_of_their_own(built):
    assert not (built / "social/mikado").exists()
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{BASE}social/</loc>" in sitemap
    assert "social/#" not in sitemap


def test_no_posts_no_wall_and_no_feed(tmp_path):
    site = write_files(tmp_path, SCRATCH_FILES)
    result = run_cli("build", "--site", str(site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    assert not (site / "public/social").exists()
    assert "social/feed.xml" not in (site / "public/index.html").read_text(encoding="utf-8")


def test_long_wall_is_paginated(tmp_path):
    many = {
        f"content/posts/p{n:02d}.md": post(
            "instagram", f"https://www.instagram.com/p/{n}/", f"2026-10-{n:02d}", IMAGE, f"N{n}"
        )
        for n in range(1, 6)
    }
    site = write_files(tmp_path, SCRATCH_FILES | many)
    (site / "site.yaml").write_text(
        (site / "site.yaml").read_text(encoding="utf-8") + "per_page: 2\n", encoding="utf-8"
    )
    media(site)
    result = run_cli("build", "--site", str(site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    pages = [site / "public/social/index.html"] + [
        site / f"public/social/seite/{n}/index.html" for n in (2, 3)
    ]
    ids = [[c["id"] for c in parse(p).cards] for p in pages]
    assert ids == [["p05", "p04"], ["p03", "p02"], ["p01"]]
    root = ET.parse(site / "public/social/feed.xml").getroot()
    assert len(root.findall(f"{ATOM}entry")) == 5  # the feed is not paginated


def test_other_languages_show_the_german_posts_marked_german(tmp_path):
    site = write_files(tmp_path, SCRATCH_FILES | POSTS)
    (site / "site.yaml").write_text(
        (site / "site.yaml").read_text(encoding="utf-8")
        + "languages:\n  - {code: de, label: Deutsch}\n  - {code: en, label: English}\n",
        encoding="utf-8",
    )
    media(site)
    result = run_cli("build", "--site", str(site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    html = (site / "public/en/social/index.html").read_text(encoding="utf-8")
    assert [c["id"] for c in parse(site / "public/en/social/index.html").cards] == ORDER
    assert '<li class="card post-card" id="mikado" lang="de"' in html
    assert "View on Instagram" in html
    root = ET.parse(site / "public/en/social/feed.xml").getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
