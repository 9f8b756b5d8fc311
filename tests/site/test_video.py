"""Videos without tracking: facades, self-hosted clips, posters, JSON-LD, CSP, warnings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import BUILD_DATE, SCRATCH_FILES, headers_for, run_cli, write_files
from PIL import Image

from karriere.content.markdown_video import find_blocks
from karriere.site.video import duration_label

YT = "dQw4w9WgXcQ"

VIDEO_FILES = {
    **SCRATCH_FILES,
    "site.yaml": SCRATCH_FILES["site.yaml"]
    + """\
campaign:
  title: "Deine Zukunft findet STADT"
  text: "Neun Städte, eine Videoserie."
  video:
    youtube: aBcDeFgHiJk
    poster: media/serie.jpg
    captions: media/serie.de.vtt
    title: "Folge 1"
""",
    "content/stories/lena.md": f"""\
        ---
        title: "Mein erstes Jahr"
        name: Lena
        role: "Auszubildende Verwaltungsfachangestellte"
        date: 2026-09-01
        video:
          youtube: {YT}
          poster: media/serie.jpg
          captions: media/serie.de.vtt
          title: "Welche Wege führen zur Stadtverwaltung?"
          duration: PT1M45S
          transcript: "Sophie: Hallo!\\n\\nJonas: Moin."
        ---
        Ich erzähle.
        """,
    "content/pages/azubis.md": """\
        ---
        title: "Azubis zeigen ihren Tag"
        video:
          file: media/azubi.mp4
          poster: media/azubi.jpg
          captions: media/azubi.de.vtt
          title: "Ein Tag als Azubi"
        ---
        Text.
        """,
    "content/vacancies/sachbearbeitung.md": SCRATCH_FILES["content/vacancies/sachbearbeitung.md"]
    + """
        ```video
        vimeo: 123456789
        poster: media/serie.jpg
        title: "Das Bürgeramt"
        ```

        Nach dem Video.
        """,
    "content/faq/wege.md": """\
        ---
        question: "Welche Wege führen zur Stadtverwaltung?"
        video:
          file: media/azubi.mp4
          aspect: "9:16"
        ---
        Viele.
        """,
    "content/media/serie.de.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nHallo\n",
    "content/media/azubi.de.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nMoin\n",
    "content/media/azubi.mp4": "\0\0\0\x18ftypmp42 (the start of an MP4 file)",
}


def video_site(root: Path, files: dict[str, str] | None = None) -> Path:
    site = write_files(root / "site", files or VIDEO_FILES)
    Image.new("RGB", (1280, 720), (10, 110, 92)).save(site / "content/media/serie.jpg")
    Image.new("RGB", (360, 640), (200, 80, 40)).save(site / "content/media/azubi.jpg")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = video_site(tmp_path_factory.mktemp("video"))
    out = site / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return out


def read(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def jsonld_videos(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [d for d in map(json.loads, blocks) if d.get("@type") == "VideoObject"]


def test_youtube_facade_loads_nothing_from_youtube(built):
    html = read(built, "geschichten/lena/index.html")
    facade = re.search(r'<div class="video-facade".*?</div>', html, re.S).group(0)
    assert f'data-video-src="https://www.youtube-nocookie.com/embed/{YT}?autoplay=1"' in facade
    button = re.search(r'<button class="video-play" type="button" ([^>]*)>(.*?)</button>', facade)
    assert (
        button.group(1)
        == 'aria-label="Video abspielen: Welche Wege führen zur Stadtverwaltung?" hidden'
    )
    assert button.group(2) == "Video abspielen"  # the label starts with the visible text
    # Without JS: a plain link to the video on YouTube.
    assert (
        f'<a class="video-play" href="https://www.youtube.com/watch?v={YT}" aria-label=' in facade
    )
    # The only provider URLs on the page are the link and the data attribute: no
    # iframe, no thumbnail from i.ytimg.com, no preconnect.
    assert "<iframe" not in html and "ytimg" not in html and "preconnect" not in html
    srcs = re.findall(r'\s(?:src|srcset|href)="([^"]+)"', html)
    external = [s for s in srcs if s.startswith("http") and "example.org" not in s]
    assert external == [
        f"https://www.youtube.com/watch?v={YT}",
        "https://www.instagram.com/teststadt/",
    ]


def test_facade_notice_names_company_and_links_privacy_page(built):
    html = read(built, "geschichten/lena/index.html")
    notice = re.search(r'<span class="video-notice">(.*?)</span>', html, re.S).group(1)
    assert "YouTube (Google Ireland Limited)" in notice
    assert '<a href="/karriere/datenschutz/">' in notice


def test_facade_poster_is_webp_plus_original_with_size(built):
    html = read(built, "geschichten/lena/index.html")
    source = re.search(r'<source type="image/webp" srcset="([^"]+)"', html).group(1)
    urls = re.findall(r"(\S+) (\d+)w", source)
    assert [w for _, w in urls] == ["480", "960"]
    for url, width in urls:
        assert re.fullmatch(r"/karriere/media/serie\.[0-9a-f]{10}-\d+w\.webp", url)
        data = (built / url.removeprefix("/karriere/")).read_bytes()
        assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
        with Image.open(built / url.removeprefix("/karriere/")) as im:
            assert im.size == (int(width), int(width) * 9 // 16)
    assert (
        '<img src="/karriere/media/serie.jpg" alt="" aria-hidden="true" width="1280" height="720"'
        in html
    )
    assert 'class="video video-16x9"' in html
    assert '<time datetime="PT1M45S">1:45</time>' in html


def test_transcript_in_details(built):
    html = read(built, "geschichten/lena/index.html")
    details = re.search(r'<details class="video-transcript">(.*?)</details>', html, re.S).group(1)
    assert "<p>Sophie: Hallo!</p>" in details and "<p>Jonas: Moin.</p>" in details


def test_video_objects(built):
    story = jsonld_videos(read(built, "geschichten/lena/index.html"))
    assert story == [
        {
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "name": "Welche Wege führen zur Stadtverwaltung?",
            "description": "Ich erzähle.",
            "thumbnailUrl": ["https://example.org/karriere/media/serie.jpg"],
            "uploadDate": "2026-09-01",
            "duration": "PT1M45S",
            "embedUrl": f"https://www.youtube-nocookie.com/embed/{YT}",
        }
    ]
    (page,) = jsonld_videos(read(built, "azubis/index.html"))
    assert page["contentUrl"] == "https://example.org/karriere/media/azubi.mp4"
    assert "embedUrl" not in page


def test_self_hosted_video(built):
    html = read(built, "azubis/index.html")
    video = re.search(r"<video [^>]*>.*?</video>", html, re.S).group(0)
    assert re.match(
        r'<video controls preload="none" poster="/karriere/media/azubi\.[0-9a-f]{10}-360w\.webp" '
        r'width="360" height="640" playsinline>',
        video,
    )
    assert '<source src="/karriere/media/azubi.mp4" type="video/mp4">' in video
    assert (
        '<track kind="captions" src="/karriere/media/azubi.de.vtt" srclang="de" label="Deutsch" default>'
        in video
    )
    # A 9:16 poster makes a vertical clip, and a page with only own files needs no script.
    assert 'class="video video-9x16"' in html
    assert "video.js" not in html and "video-facade" not in html


def test_script_only_on_pages_with_a_facade(built):
    assert re.search(
        r'<script src="/karriere/assets/video\.[0-9a-f]+\.js" defer>', read(built, "index.html")
    )
    assert "video." in read(built, "geschichten/lena/index.html")
    for rel in (
        "azubis/index.html",
        "faq/index.html",
        "impressum/index.html",
        "stellen/index.html",
    ):
        assert "/assets/video." not in read(built, rel), rel


def test_markdown_video_block(built):
    html = read(built, "stellen/sachbearbeitung/index.html")
    visible = re.sub(r"<script type=\"application/ld\+json\">.*?</script>", "", html, flags=re.S)
    assert "karriere-video-" not in visible and "```" not in visible
    prose = html[html.index('<div class="prose">') :]
    assert (
        prose.index("Pässe und Ausweise")
        < prose.index("video-facade")
        < prose.index("Nach dem Video")
    )
    assert 'data-video-src="https://player.vimeo.com/video/123456789?dnt=1&amp;autoplay=1"' in prose
    assert "Vimeo (Vimeo.com, Inc.)" in prose
    assert jsonld_videos(html)[0]["embedUrl"] == "https://player.vimeo.com/video/123456789?dnt=1"


def test_campaign_video_and_faq_vertical(built):
    home = read(built, "index.html")
    assert 'data-video-src="https://www.youtube-nocookie.com/embed/aBcDeFgHiJk?autoplay=1"' in home
    faq = read(built, "faq/index.html")
    assert 'class="video video-9x16"' in faq and '<video controls preload="none"' in faq


def test_headers_file_and_meta_csp(built):
    assert read(built, "_headers").splitlines()[0] == "/*"
    fields = headers_for(read(built, "_headers"), "/karriere/stellen/x/")
    csp = dict(d.split(" ", 1) for d in fields["Content-Security-Policy"].split("; "))
    assert csp["frame-src"] == "https://player.vimeo.com https://www.youtube-nocookie.com"
    assert csp["default-src"] == csp["script-src"] == csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'" and csp["frame-ancestors"] == "'self'"
    assert fields["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert fields["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in fields["Permissions-Policy"]
    meta = re.search(
        r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', read(built, "index.html")
    )
    policy = meta.group(1).replace("&#39;", "'")
    assert "frame-src https://player.vimeo.com https://www.youtube-nocookie.com" in policy
    assert "frame-ancestors" not in policy  # ignored (and reported) in <meta>


def test_frame_src_none_without_embeds(scratch_site, tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", "--site", str(scratch_site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    assert "frame-src 'none';" in read(out, "_headers")
    assert "frame-src &#39;none&#39;" in read(out, "index.html")


def test_check_warns_about_video_without_captions(tmp_path):
    site = video_site(tmp_path)
    result = run_cli("check", "--site", str(site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    warnings = sorted(line for line in result.stderr.splitlines() if "captions" in line)
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith(
        "content/faq/wege.md:3: warning: video media/azubi.mp4 has no captions"
    )
    assert warnings[1].startswith(
        "content/vacancies/sachbearbeitung.md:17: warning: video Vimeo video 123456789 has no captions"
    )


def build_errors(tmp_path: Path, changes: dict[str, str]) -> list[str]:
    site = video_site(tmp_path, {**VIDEO_FILES, **changes})
    out = site / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and not out.exists()
    return result.stderr.splitlines()


def test_missing_poster_is_an_error_naming_the_file(tmp_path):
    story = VIDEO_FILES["content/stories/lena.md"]
    errors = build_errors(
        tmp_path,
        {
            "content/stories/lena.md": story.replace("          poster: media/serie.jpg\n", ""),
            "content/pages/azubis.md": VIDEO_FILES["content/pages/azubis.md"].replace(
                "media/azubi.jpg", "media/fehlt.jpg"
            ),
        },
    )
    assert any(
        e.startswith("content/stories/lena.md:6: video: poster is required for YouTube")
        for e in errors
    ), errors
    missing = "content/pages/azubis.md:5: video.poster: file content/media/fehlt.jpg does not exist"
    assert any(e.startswith(missing) for e in errors), errors


def test_bad_markdown_video_block_names_file_and_line(tmp_path):
    vacancy = VIDEO_FILES["content/vacancies/sachbearbeitung.md"]
    errors = build_errors(
        tmp_path,
        {
            "content/vacancies/sachbearbeitung.md": vacancy.replace(
                "vimeo: 123456789", "youtube: kurz"
            ).replace("poster: media/serie.jpg", "poster: media/weg.jpg"),
        },
    )
    assert (
        "content/vacancies/sachbearbeitung.md:18: video block: youtube: 'kurz' is not a "
        "YouTube video ID (expected 11 characters)"
    ) in errors, errors


def test_markdown_block_missing_file_and_unclosed(tmp_path):
    vacancy = VIDEO_FILES["content/vacancies/sachbearbeitung.md"]
    broken = vacancy.replace("poster: media/serie.jpg", "poster: media/weg.jpg")
    broken = broken.replace('title: "Das Bürgeramt"\n        ```', 'title: "Das Bürgeramt"')
    errors = build_errors(tmp_path, {"content/vacancies/sachbearbeitung.md": broken})
    assert errors[0] == (
        "content/vacancies/sachbearbeitung.md:17: video block is not closed "
        "(expected a line ``` after its fields)"
    ), errors
    fixed = vacancy.replace("poster: media/serie.jpg", "poster: media/weg.jpg")
    errors = build_errors(tmp_path / "2", {"content/vacancies/sachbearbeitung.md": fixed})
    assert errors[0].startswith(
        "content/vacancies/sachbearbeitung.md:19: video block: poster: "
        "file content/media/weg.jpg does not exist"
    ), errors


def test_find_blocks_and_duration_label():
    body = "a\n\n```video\nfile: media/x.mp4\n```\n\n~~~~ video\nfile: y\n~~~~\n```python\nx\n```\n"
    blocks = find_blocks(body)
    assert [(b.line, b.yaml, b.closed) for b in blocks] == [
        (3, "file: media/x.mp4", True),
        (7, "file: y", True),
    ]
    assert duration_label("PT8S") == "0:08"
    assert duration_label("PT1H2M3S") == "1:02:03"


def test_example_site_videos(example_build):
    html = read(example_build, "stellen/kommunaler-ordnungsdienst/index.html")
    assert '<video controls preload="none" poster="/karriere/media/clips/kod-einsatz.' in html
    assert (
        '<track kind="captions" src="/karriere/media/clips/kod-einsatz.de.vtt" srclang="de"' in html
    )
    assert "frame-src" in read(example_build, "_headers")


def test_headers_leave_the_web_editor_without_csp(scratch_site, tmp_path):
    yaml = (scratch_site / "site.yaml").read_text(encoding="utf-8")
    (scratch_site / "site.yaml").write_text(yaml + "cms:\n  backend: git-gateway\n")
    out = tmp_path / "out"
    result = run_cli("build", "--site", str(scratch_site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    text = read(out, "_headers")
    for path in ("/karriere/", "/karriere/stellen/x/", "/karriere/faq/", "/karriere/assets/a.css"):
        csp = headers_for(text, path)["Content-Security-Policy"]
        assert csp.startswith("default-src 'self'") and ", " not in csp, path  # one policy
    admin = headers_for(text, "/karriere/admin/")
    assert "Content-Security-Policy" not in admin
    assert admin["X-Content-Type-Options"] == "nosniff"
