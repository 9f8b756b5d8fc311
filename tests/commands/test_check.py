"""`check`: silent on the example site, and finds every problem planted in a broken copy."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from karriere.commands.check import BITV_4
from tests.conftest import BUILD_DATE, ROOT, run_cli, write_files

V = "content/vacancies/sachbearbeitung.md"
# A scratch site has no Leichte Sprache and no DGS pages: `check` says what § 4 asks.
NO_SECTIONS = [
    f"content/{folder}/:1: warning: the site has no pages in {name} (expected "
    f"content/{folder}/index.md and more; `python build.py new {folder}` starts the four "
    f"texts): {BITV_4}"
    for folder, name in (
        ("gebaerdensprache", "German Sign Language (DGS)"),
        ("leichte-sprache", "Leichte Sprache"),
    )
]


def test_example_site_has_nothing_to_report():
    result = run_cli("check", "--site", str(ROOT), "--date", BUILD_DATE, "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert ", 0 warnings." in result.stdout


def plant_problems(site: Path) -> None:
    png = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(png, "PNG")
    (site / "content/media").mkdir(parents=True)
    (site / "content/media/bild.png").write_bytes(png.getvalue())
    (site / "content/media/clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    (site / "content/pages/datenschutz.md").unlink()
    yaml = (site / "site.yaml").read_text(encoding="utf-8")
    (site / "site.yaml").write_text(yaml.replace("https://example.org", "http://example.org"))
    text = (site / V).read_text(encoding="utf-8")
    text = text.replace(
        "summary:", "image: media/bild.png\nvideo: {file: media/clip.mp4}\nsummary:"
    )
    text += (
        "\nSiehe [alle Stellen](/stellen/gibt-es-nicht/) und [FAQ](/faq/#gibt-es-nicht).\n"
        "\n![](media/bild.png)\n"
    )
    (site / V).write_text(text, encoding="utf-8")
    # a custom theme that forgets to hide the apply button on expired vacancies
    write_files(
        site,
        {
            "themes/default/templates/vacancy.html": """\
                {% extends "base.html" %}
                {% block main %}<h1>{{ page.item.meta.title }}</h1>
                {% if page.item.meta.image %}{% with src=page.item.meta.image, alt=page.item.meta.image_alt, lazy=false %}{% include "partials/image.html" %}{% endwith %}{% endif %}
                {{ page.item.html | safe }}
                <a href="{{ page.item.meta.apply_url }}">Bewerben</a>{% endblock %}
                """
        },
    )


EXPECTED = [
    "content/pages/datenschutz.md:1: warning: Datenschutzerklärung is missing; every page "
    "links to it (expected content/pages/datenschutz.md)",
    "content/vacancies/alt.md:5: warning: the deadline 2024-03-31 has passed, but "
    "/stellen/alt/ is not marked as ended: it still links to apply_url (expected the default "
    "theme's handling of expired vacancies in your theme)",
    "content/vacancies/sachbearbeitung.md:11: warning: image /karriere/media/bild.png has no "
    "alt text (expected image_alt: … next to image:, or ![what the image shows](…) in Markdown)",
    "content/vacancies/sachbearbeitung.md:21: warning: image /karriere/media/bild.png has no "
    "alt text (expected image_alt: … next to image:, or ![what the image shows](…) in Markdown)",
    "content/vacancies/sachbearbeitung.md:12: warning: video media/clip.mp4 has no captions "
    "(expected captions: media/….vtt; deaf visitors and muted phones need them)",
    "content/vacancies/sachbearbeitung.md:19: warning: link /karriere/stellen/gibt-es-nicht/ "
    "leads to no page or file of the site (expected the address of an existing page, e.g. "
    "/stellen/, or a file in content/media/)",
    "content/vacancies/sachbearbeitung.md:19: warning: link /karriere/faq/#gibt-es-nicht leads "
    "to an anchor #gibt-es-nicht that does not exist (expected an id of that page, e.g. a "
    "heading's anchor)",
    "site.yaml:2: warning: base_url http://example.org/karriere/ is not https (expected "
    "https://…; browsers mark http pages and their application forms as not secure)",
    *NO_SECTIONS,
]


def test_broken_copy_reports_every_planted_problem(scratch_site: Path):
    plant_problems(scratch_site)
    result = run_cli("check", "--site", str(scratch_site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stderr.splitlines()) == sorted(EXPECTED)
    assert "Traceback" not in result.stderr
    assert not (scratch_site / "public").exists()

    strict = run_cli("check", "--site", str(scratch_site), "--date", BUILD_DATE, "--strict")
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == f"Check failed: {len(EXPECTED)} warnings (--strict)."


IGNORED = [
    "content/faq/reisekosten.markdown:1: warning: this file is not read, so it is not "
    "published; only files ending in .md (lower case) are content (expected e.g. reisekosten.md)",
    "content/notizen.txt:1: warning: this file is not read, so it is not published "
    "(expected one of the folders employers/, events/, faq/, gebaerdensprache/, "
    "leichte-sprache/, media/, occupations/, pages/, posts/, stories/, vacancies/ in content/)",
    "content/vacancies/archiv:1: warning: this folder is not read, so nothing in it is "
    "published (expected content files directly in content/vacancies/)",
    "content/vacancies/hausmeister.MD:1: warning: this file is not read, so it is not "
    "published; only files ending in .md (lower case) are content (expected e.g. hausmeister.md)",
    "content/vacancy:1: warning: this folder is not read, so nothing in it is published; did "
    "you mean content/vacancies/? (expected one of the folders employers/, events/, faq/, "
    "gebaerdensprache/, leichte-sprache/, media/, occupations/, pages/, posts/, stories/, "
    "vacancies/ in content/)",
]


def test_files_and_folders_that_are_not_read_are_warnings(scratch_site: Path):
    """They used to be left out without a word: the vacancy never appeared."""
    vacancy = (scratch_site / V).read_text(encoding="utf-8")
    write_files(
        scratch_site,
        {
            "content/vacancies/hausmeister.MD": vacancy,
            "content/vacancy/gaertnerei.md": vacancy,
            "content/vacancies/archiv/alt.md": vacancy,
            "content/faq/reisekosten.markdown": "---\nquestion: Wer zahlt?\n---\nWir.\n",
            "content/notizen.txt": "Ideen",
            "content/vacancies/.entwurf.md.swp": "",  # an editor's: not worth a word
            "content/vacancies/sachbearbeitung.md~": "",
        },
    )
    for _ in range(2):  # the second time, the no-op build repeats the warnings
        built = run_cli("build", "--site", str(scratch_site), "--date", BUILD_DATE)
        assert built.returncode == 0, built.stderr
        assert built.stderr.splitlines() == IGNORED
    assert not (scratch_site / "public/stellen/hausmeister").exists()

    checked = run_cli("check", "--site", str(scratch_site), "--date", BUILD_DATE)
    assert checked.returncode == 0
    assert sorted(checked.stderr.splitlines()) == sorted([*IGNORED, *NO_SECTIONS])
    strict = run_cli("check", "--site", str(scratch_site), "--date", BUILD_DATE, "--strict")
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == "Check failed: 7 warnings (--strict)."
