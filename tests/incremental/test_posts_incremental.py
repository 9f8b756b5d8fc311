"""Social posts are read by the wall, the home page's strip, the stories that list them
and social/feed.xml: after each edit an incremental build gives the bytes of a clean one."""

from __future__ import annotations

from incremental_helpers import assert_same_as_clean, both, bump, edit
from PIL import Image

POST = "content/posts/mikado.md"
STORY = "content/stories/lena.md"
TEXT = """\
---
platform: instagram
url: "https://www.instagram.com/p/ABC/"
date: 2026-10-28
author: "Azubis der Stadt"
image: media/posts/bild.jpg
image_alt: "Drei Azubis"
---
Beamtenmikado? Nicht bei uns.
"""


def add_post(inc, name: str = POST, text: str = TEXT) -> None:
    (inc.site / "content/media/posts").mkdir(parents=True, exist_ok=True)
    picture = inc.site / "content/media/posts/bild.jpg"
    if not picture.exists():
        Image.new("RGB", (64, 64), (10, 110, 92)).save(picture)
    (inc.site / name).parent.mkdir(parents=True, exist_ok=True)
    (inc.site / name).write_text(text, encoding="utf-8")
    bump(inc.site / name)


@both
def test_a_new_post_an_edit_and_its_removal_match_a_clean_build(inc):
    add_post(inc)
    assert_same_as_clean(inc, inc.build())
    assert (inc.out / "social/feed.xml").is_file()
    edit(inc.site / POST, "Nicht bei uns.", "Wer sich bewegt, gewinnt.")
    assert_same_as_clean(inc, inc.build())
    assert "gewinnt" in (inc.out / "index.html").read_text(encoding="utf-8")
    edit(inc.site / POST, "date: 2026-10-28", "date: 2026-11-02")
    assert_same_as_clean(inc, inc.build())
    (inc.site / POST).unlink()
    assert_same_as_clean(inc, inc.build())
    assert not (inc.out / "social").exists()


@both
def test_a_story_listing_a_post_follows_the_posts_edits(inc):
    add_post(inc)
    edit(inc.site / STORY, "date: 2026-09-01", "date: 2026-09-01\nposts: [mikado]")
    assert_same_as_clean(inc, inc.build())
    story = inc.out / "geschichten/lena/index.html"
    assert "Nicht bei uns" in story.read_text(encoding="utf-8")
    edit(inc.site / POST, "Nicht bei uns.", "Kennen wir nur aus Witzen.")
    assert_same_as_clean(inc, inc.build())
    assert "aus Witzen" in story.read_text(encoding="utf-8")
    text = (inc.site / POST).read_text(encoding="utf-8")
    text = text.replace("platform: instagram", "platform: mastodon")
    text = text.replace("https://www.instagram.com/p/ABC/", "https://social.example/@azubis/1")
    (inc.site / POST).write_text(text, encoding="utf-8")
    bump(inc.site / POST)
    assert_same_as_clean(inc, inc.build())
    assert "Auf Mastodon ansehen" in story.read_text(encoding="utf-8")
