"""Soft hyphens in long words: where they go, and where they never go."""

from __future__ import annotations

import pytest
from helpers import BUILD_DATE, SCRATCH_FILES, readable, run_cli, write_files

from karriere.base.hyphenation import SHY, Hyphenator


@pytest.fixture(scope="module")
def german():
    return Hyphenator("de")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Bewerbungsschluss", "Be-wer-bungs-schluss"),
        ("Beschäftigungsart", "Be-schäf-ti-gungs-art"),
        ("Verwaltungsfachangestellten", "Ver-wal-tungs-fach-an-ge-stell-ten"),
        ("Barrierefreiheit", "Bar-rie-re-frei-heit"),
        ("Sachbearbeiter", "Sach-be-ar-bei-ter"),  # the patterns say "be-a-r": no 1-letter part
    ],
)
def test_german_compounds_break_between_syllables(german, word, expected):
    assert german.word(word).replace(SHY, "-") == expected


def test_gender_star_and_slash_break_where_a_reader_expects(german):
    star = german.html("Sachbearbeiter*in")
    assert star == "Sach&shy;be&shy;ar&shy;bei&shy;ter*in"  # "*in" stays with its stem
    assert german.html("Koch/Köchin") == "Koch/<wbr>Köchin"
    assert german.html("(m/w/d)") == "(m/w/d)"  # one-letter parts never break
    assert german.html("Ausbildung") == "Aus&shy;bil&shy;dung"
    assert german.html("Rathaus") == "Rathaus"  # short words stay whole
    assert german.html("xxxxxxxxxxxx") == "xxxxxxxxxxxx"  # no break point in the patterns


def test_markup_never_touches_tags_attributes_or_code(german):
    html = (
        '<h2 title="Verwaltungsfachangestellte">Verwaltungsfachangestellte</h2>'
        "<p><code>Verwaltungsfachangestellte</code></p>"
        "<script>Verwaltungsfachangestellte</script>"
    )
    out = german.markup(html)
    assert out.count("&shy;") == 7  # the heading's text only
    assert readable(out) == html


def test_labels_are_headings_and_table_cells_not_prose(german):
    html = (
        "<h2>Stellenbeschreibung</h2><p>Stellenbeschreibung</p>"
        "<table><tr><td>Stellenbeschreibung</td></tr></table>"
    )
    out = german.labels(html)
    assert out.count("Stel&shy;len&shy;be&shy;schrei&shy;bung") == 2
    assert "<p>Stellenbeschreibung</p>" in out


def test_a_language_without_patterns_is_left_alone():
    assert Hyphenator("ar").html("Verwaltungsfachangestellte") == "Verwaltungsfachangestellte"


def test_built_pages_hyphenate_visible_headings_but_never_head_or_data(tmp_path):
    files = dict(SCRATCH_FILES)
    files["content/vacancies/lang.md"] = files["content/vacancies/sachbearbeitung.md"].replace(
        'title: "Sachbearbeiter*in', 'title: "Verwaltungsfachangestellte', 1
    )
    site = write_files(tmp_path / "site", files)
    out = tmp_path / "out"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    page = next(p for p in (out / "stellen").glob("*/index.html") if "lang" in p.parent.name)
    html = page.read_text(encoding="utf-8")
    head, body = html.split("</head>", 1)
    assert "Ver&shy;wal&shy;tungs&shy;fach&shy;an&shy;ge&shy;stell&shy;te" in body.split("</h1>")[0]
    assert "&shy;" not in head and SHY not in head  # title, meta, JSON-LD
    feed = (out / "stellen" / "feed.xml").read_text(encoding="utf-8")
    assert "Verwaltungsfachangestellte" in feed and "&shy;" not in feed and SHY not in feed


def test_the_kept_copy_of_the_patterns_hyphenates_like_the_dictionary(tmp_path, monkeypatch):
    import pyphen

    words = ["Bewerbungsschluss", "Stadtinspektoranwärterin", "Gärtnerinnen", "Kennziffer"]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(pyphen, "hdcache", {})
    parsed = [Hyphenator("de").word(w) for w in words]  # parses, then keeps a copy
    kept = list((tmp_path / "karriere").glob("hyphenation-*-de*.marshal"))
    assert len(kept) == 1 and kept[0].stat().st_size > 100_000
    monkeypatch.setattr(pyphen, "hdcache", {})
    assert [Hyphenator("de").word(w) for w in words] == parsed  # read from the copy
    kept[0].write_bytes(b"not marshal data")
    monkeypatch.setattr(pyphen, "hdcache", {})
    assert [Hyphenator("de").word(w) for w in words] == parsed  # a broken copy: parsed again
    assert kept[0].stat().st_size > 100_000  # and kept anew
