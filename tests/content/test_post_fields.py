"""A post's link must lead to the platform it names, and its media must be the site's
own: each mistake is a path:line error (content/posts.py)."""

from __future__ import annotations

import pytest
from helpers import BUILD_DATE, SCRATCH_FILES, run_cli, write_files

from karriere.content.posts import url_problem

GOOD = [
    ("instagram", "https://www.instagram.com/p/ABC/"),
    ("instagram", "https://instagram.com/reel/ABC/"),
    ("tiktok", "https://www.tiktok.com/@stadt/video/1"),
    ("tiktok", "https://vm.tiktok.com/ZM123/"),
    ("facebook", "https://www.facebook.com/stadt/posts/1"),
    ("facebook", "https://fb.watch/abc/"),
    ("linkedin", "https://www.linkedin.com/posts/stadt_123"),
    ("youtube", "https://www.youtube.com/shorts/abc"),
    ("youtube", "https://youtu.be/abcdefghijk"),
    ("mastodon", "https://social.example/@azubis/112233"),
    ("mastodon", "https://mastodon.social/@stadt/1"),
]
BAD = [
    ("instagram", "https://www.tiktok.com/@stadt/video/1"),  # another platform
    ("instagram", "http://www.instagram.com/p/ABC/"),  # not https
    ("instagram", "https://instagram.com.evil.example/p/ABC/"),  # a look-alike host
    ("instagram", "https://notinstagram.com/p/ABC/"),
    ("facebook", "https://fb.watch.example/abc/"),
    ("linkedin", "https://scontent.cdninstagram.com/x.jpg"),  # a CDN picture
    ("youtube", "https://www.youtube-nocookie.com/embed/abc"),
    ("mastodon", "https://social.example/users/azubis/1"),  # no /@account
    ("mastodon", "http://social.example/@azubis/1"),
    ("tiktok", "javascript:alert(1)"),
]


@pytest.mark.parametrize(("platform", "url"), GOOD)
def test_a_post_on_its_platform_passes(platform, url):
    assert url_problem(platform, url) is None


@pytest.mark.parametrize(("platform", "url"), BAD)
def test_a_link_elsewhere_is_refused(platform, url):
    assert url_problem(platform, url) is not None


def build(tmp_path, files: dict[str, str]):
    site = write_files(tmp_path, SCRATCH_FILES | files)
    (site / "content/media").mkdir(parents=True, exist_ok=True)
    from PIL import Image

    Image.new("RGB", (8, 8)).save(site / "content/media/bild.jpg")
    return run_cli("build", "--site", str(site), "--date", BUILD_DATE)


def post(front: str) -> str:
    return f'---\nplatform: instagram\nurl: "https://www.instagram.com/p/A/"\ndate: 2026-10-01\nauthor: "Azubis"\n{front}---\nText.\n'


def test_every_mistake_of_a_post_is_a_line_of_its_own(tmp_path):
    result = build(
        tmp_path,
        {
            "content/posts/ohne.md": post(""),
            "content/posts/alt.md": post("image: media/bild.jpg\n"),
            "content/posts/yt.md": post("video: {youtube: abcdefghijk, poster: media/bild.jpg}\n"),
            "content/posts/stumm.md": post("video: {file: media/bild.mp4}\n"),
            "content/posts/woanders.md": post('image: media/bild.jpg\nimage_alt: "x"\n').replace(
                "https://www.instagram.com/p/A/", "https://www.facebook.com/x/posts/1"
            ),
            "content/posts/myspace.md": post('image: media/bild.jpg\nimage_alt: "x"\n').replace(
                "instagram\n", "myspace\n"
            ),
        },
    )
    assert result.returncode == 1
    err = result.stderr
    assert "content/posts/ohne.md:2: the post has no picture or clip of its own" in err
    assert "content/posts/alt.md:6: image_alt: missing" in err
    assert "content/posts/yt.md:6: video: a post's clip must be the site's own file" in err
    assert "content/posts/stumm.md:6: video.captions: missing" in err
    assert (
        "content/posts/woanders.md:3: url: 'https://www.facebook.com/x/posts/1' is not on "
        "Instagram (expected an https address on instagram.com)" in err
    )
    assert "content/posts/myspace.md:2: platform:" in err and "'mastodon'" in err


def test_a_story_naming_an_unknown_post_is_an_error(tmp_path):
    story = SCRATCH_FILES["content/stories/lena.md"].replace(
        "        date:", "        posts: [fehlt]\n        date:"
    )
    result = build(
        tmp_path,
        {
            "content/stories/lena.md": story,
            "content/posts/da.md": post('image: media/bild.jpg\nimage_alt: "x"\n'),
        },
    )
    assert result.returncode == 1
    assert "content/stories/lena.md:" in result.stderr
    assert "posts: unknown post 'fehlt' (expected one of: da)" in result.stderr


def test_a_draft_post_may_wait_for_its_media(tmp_path):
    result = build(tmp_path, {"content/posts/bald.md": post("draft: true\n")})
    assert result.returncode == 0, result.stderr
