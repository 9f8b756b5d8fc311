"""The theme's words as a reader meets them: one way of address (du or Sie) on every
page, organisations named with their article, dates as DD.MM.YYYY."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from babel.messages.pofile import read_po
from helpers import BUILD_DATE, SCRATCH_FILES, SITE_YAML, readable, run_cli, write_files

from karriere.base.strings import catalog_path

# Words that give the form of address away, whichever theme word they come from.
DU_MARKERS = [
    "Du bist hier",
    "Deine Ansprechperson",
    "Folge uns",
    "Frag uns",
    "findest du",
    "Schau bald",
    "Lern uns",
    "Klick auf",
    "schreib uns",
    "deine Fragen",
]
SIE_MARKERS = [
    "Sie sind hier",
    "Ihre Ansprechperson",
    "Folgen Sie",
    "Fragen Sie",
    "finden Sie",
    "Schauen Sie",
    "Lernen Sie",
    "Klicken Sie",
    "schreiben Sie",
    "Ihre Fragen",
]

NETWORK_FILES = {
    "content/employers/jobcenter.md": """\
        ---
        name: "Jobcenter Teststadt"
        short_name: "Jobcenter"
        article: das
        ---
        Wir beraten.
        """,
    "content/employers/stadtwerke.md": """\
        ---
        name: "Stadtwerke Teststadt"
        short_name: "SWT"
        dative: "den Stadtwerken Teststadt"
        ---
        Strom und Wasser.
        """,
    "content/employers/bad.md": """\
        ---
        name: "Bäderbetrieb Teststadt"
        short_name: "BBT"
        ---
        Schwimmen.
        """,
    "content/vacancies/jobcenter.md": """\
        ---
        title: "Integrationsfachkraft (m/w/d)"
        category: fachkraft
        posted: 2026-10-01
        deadline: 2031-06-30
        start: 2024-06-01
        location: Teststadt
        employer: jobcenter
        apply_url: "https://example.org/bewerben"
        ---
        Text.
        """,
    "content/vacancies/bad.md": """\
        ---
        title: "Fachangestellte*r für Bäderbetriebe (m/w/d)"
        category: fachkraft
        posted: 2026-10-01
        start: "zum nächstmöglichen Zeitpunkt"
        location: Teststadt
        employer: bad
        apply_url: "https://example.org/bewerben"
        ---
        Text.
        """,
    "content/occupations/verwaltung.md": """\
        ---
        name: "Verwaltungsfachangestellte*r"
        ---
        Ein Beruf.
        """,
    "content/events/messe.md": """\
        ---
        title: "Ausbildungsmesse"
        start: 2026-12-05T10:00:00+01:00
        end: 2026-12-05T15:00:00+01:00
        location: Teststadt
        ---
        Komm vorbei.
        """,
}
CONTACT = """\
contact:
  name: "Erika Muster"
  email: "ausbildung@example.org"
  response_time: "Wir antworten werktags."
"""


def build_site(root: Path, site_yaml: str) -> Path:
    files = {**SCRATCH_FILES, **NETWORK_FILES, "site.yaml": site_yaml + CONTACT}
    site = write_files(root / "site", files)
    result = run_cli("build", "--site", str(site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return site / "public"


def text_of(path: Path) -> str:
    return html.unescape(readable(path.read_text(encoding="utf-8")))


def pages(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): text_of(p) for p in out.rglob("*.html")}


def with_address(address: str | None) -> str:
    line = f"address: {address}\n" if address else ""
    return SITE_YAML.replace("organisation:\n", line + "organisation:\n", 1)


def locale_forms() -> dict[str, dict[str, str]]:
    """The German words with a du form (msgctxt "du"), by msgid: {du: …, sie: …}."""
    with catalog_path("de").open("rb") as po:
        catalog = read_po(po)
    forms = {}
    for message in catalog:
        if message.context in ("du", "du, ohne Artikel"):
            sie = catalog.get(
                message.id, context=message.context.replace("du", "").strip(", ") or None
            )
            forms[f"{message.context}: {message.id}"] = {"du": message.string, "sie": sie.string}
    return forms


def literal_part(text: str) -> str:
    """The longest stretch of a word without placeholders: what a page shows verbatim."""
    return max(re.split(r"%\([^)]*\)s", text), key=len).strip()


def test_a_sie_site_shows_no_du_word(tmp_path):
    shown = pages(build_site(tmp_path, with_address(None)))  # the default is sie
    assert len(shown) > 15
    for path, text in shown.items():
        for marker in DU_MARKERS:
            assert marker not in text, f"{path}: du form {marker!r} on a Sie site"
        for key, forms in locale_forms().items():
            assert literal_part(forms["du"]) not in text, f"{path}: {key} in the du form"
    everything = "\n".join(shown.values())
    for marker in [
        "Sie sind hier",
        "Ihre Ansprechperson",
        "Folgen Sie",
        "Fragen Sie",
        "finden Sie",
        "Lernen Sie",
        "Klicken Sie",
    ]:
        assert marker in everything, f"{marker!r} is nowhere: the test sees too little"


def test_a_du_site_shows_no_sie_word(tmp_path):
    shown = pages(build_site(tmp_path, with_address("du")))
    for path, text in shown.items():
        for marker in SIE_MARKERS:
            assert marker not in text, f"{path}: Sie form {marker!r} on a du site"
        for key, forms in locale_forms().items():
            assert literal_part(forms["sie"]) not in text, f"{path}: {key} in the Sie form"
    everything = "\n".join(shown.values())
    for marker in [
        "Du bist hier",
        "Deine Ansprechperson",
        "Folge uns",
        "Frag uns",
        "findest du",
        "Lern uns",
        "Klick auf",
    ]:
        assert marker in everything, f"{marker!r} is nowhere: the test sees too little"


def test_the_organisation_is_named_with_its_article(tmp_path):
    site_yaml = SITE_YAML.replace(
        '  name: "Stadt Teststadt"\n', '  name: "Stadt Teststadt"\n  article: die\n'
    )
    shown = pages(build_site(tmp_path, site_yaml))
    home = shown["index.html"]
    assert "Ein Karriereportal von der Stadt Teststadt." in home
    assert '"Aktuelle Stellenangebote, Ausbildungsplätze und Praktika bei der Stadt' in (
        '"' + meta_description(shown["stellen/index.html"])
    )
    assert "bei der Stadt Teststadt" in meta_description(shown["termine/index.html"])
    everything = "\n".join(shown.values())
    for wrong in ("von Stadt Teststadt", "bei Stadt Teststadt"):
        assert wrong not in everything


def test_without_an_article_the_words_are_rephrased(tmp_path):
    shown = pages(build_site(tmp_path, SITE_YAML))
    assert "Karriereportal: Stadt Teststadt." in shown["index.html"]
    assert meta_description(shown["stellen/index.html"]).startswith("Stadt Teststadt: ")
    everything = "\n".join(shown.values())
    for wrong in ("von Stadt Teststadt", "bei Stadt Teststadt", "Karriereportal von"):
        assert wrong not in everything


def test_employers_are_named_in_their_case(tmp_path):
    shown = pages(build_site(tmp_path, SITE_YAML))
    jobcenter = shown["arbeitgeber/jobcenter/index.html"]
    assert "<h1>Jobcenter Teststadt</h1>" in jobcenter  # no "(Jobcenter)" after it
    assert "Offene Stellen beim Jobcenter</h2>" in jobcenter
    assert "beim Jobcenter Teststadt" in meta_description(
        shown["stellen/arbeitgeber/jobcenter/index.html"]
    )
    stadtwerke = shown["arbeitgeber/stadtwerke/index.html"]
    assert "<h1>Stadtwerke Teststadt (SWT)</h1>" in stadtwerke
    assert "Offene Stellen bei den SWT</h2>" in stadtwerke
    bad = shown["arbeitgeber/bad/index.html"]
    assert "Offene Stellen: BBT</h2>" in bad  # no article given: no "bei BBT"


def test_dates_read_as_german_and_machines_get_iso(tmp_path):
    out = build_site(tmp_path, SITE_YAML)
    vacancy = text_of(out / "stellen/jobcenter/index.html")
    assert 'Beginn</dt><dd><time datetime="2024-06-01">01.06.2024</time></dd>' in vacancy
    assert '<time datetime="2031-06-30">30.06.2031</time>' in vacancy
    assert '<time datetime="2026-10-01">01.10.2026</time>' in vacancy
    posting = json.loads(json_ld(vacancy, "JobPosting"))
    assert posting["datePosted"] == "2026-10-01"
    assert posting["validThrough"].startswith("2031-06-30T23:59:59")
    poster = text_of(out / "stellen/jobcenter/aushang/index.html")
    assert "01.06.2024" in poster and "30.06.2031" in poster
    assert "zum nächstmöglichen Zeitpunkt" in text_of(out / "stellen/bad/index.html")
    event = text_of(out / "termine/messe/index.html")
    assert '<time datetime="2026-12-05T10:00:00+01:00">05.12.2026, 10:00</time>' in event
    assert "Termin in den Kalender eintragen" in event and ".ics)" not in event
    story = text_of(out / "geschichten/lena/index.html")
    assert '<time datetime="2026-09-01">01.09.2026</time>' in story
    for path in out.rglob("*.html"):  # no page shows a day the way machines write it
        shown = re.sub(r"<script.*?</script>|<[^>]+>", " ", text_of(path), flags=re.S)
        assert not re.search(r"\b\d{4}-\d\d-\d\d\b", shown), path
    feed = (out / "stellen/feed.xml").read_text(encoding="utf-8")
    assert re.search(r"<updated>\d{4}-\d\d-\d\dT", feed) and "01.10.2026" not in feed


def test_an_impossible_start_day_is_an_error(tmp_path):
    files = {**SCRATCH_FILES}
    files["content/vacancies/sachbearbeitung.md"] = files[
        "content/vacancies/sachbearbeitung.md"
    ].replace("deadline: 2031-06-30\n", "deadline: 2031-06-30\n        start: 2026-02-30\n")
    site = write_files(tmp_path / "site", files)
    result = run_cli("build", "--site", str(site), "--date", BUILD_DATE)
    assert result.returncode == 1
    assert (
        "content/vacancies/sachbearbeitung.md:6: start: '2026-02-30' is not a day in the "
        "calendar (expected a real date like 2026-06-05" in result.stderr
    )


def meta_description(page: str) -> str:
    return re.search(r'<meta name="description" content="([^"]*)"', page).group(1)


def json_ld(page: str, kind: str) -> str:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        if f'"@type":"{kind}"' in block.replace(" ", ""):
            return block
    raise AssertionError(f"no {kind} JSON-LD")
