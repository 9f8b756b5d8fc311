"""The theme's gettext catalogs: they parse, every word is translated in every language
with its placeholders, theme.pot is what extraction finds, and an English site shows no
German theme word."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from helpers import BUILD_DATE, SCRATCH_FILES, SITE_YAML, readable, run_cli, write_files

from karriere.base import strings
from karriere.config.settings import DEFAULT_CATEGORIES

ROOT = Path(__file__).parent.parent.parent
KEYWORDS = {**DEFAULT_KEYWORDS, "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}
PAGES = ["index.html", "stellen/index.html", "stellen/sachbearbeitung/index.html"]


def catalog(language: str):
    with strings.catalog_path(language).open("rb") as po:
        return read_po(po, locale=language)


def template():
    with (strings.LOCALES / "theme.pot").open("rb") as pot:
        return read_po(pot)


def ids(messages) -> set[tuple]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in messages if m.id}


@pytest.mark.parametrize("language", strings.LANGUAGES)
def test_every_word_is_translated_with_its_placeholders(language):
    found = catalog(language)
    assert found.num_plurals == {"ar": 6, "uk": 3}.get(language, 2)
    assert ids(found) == ids(template())
    for message in found:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            forms = message.string
            assert len(forms) == found.num_plurals and all(forms), message.id
            wanted = strings.placeholders(message.id[1])
            assert strings.placeholders(forms[-1]) == wanted, (language, forms)
            assert all(strings.placeholders(f) <= wanted for f in forms), (language, forms)
        else:
            assert message.string, (language, message.context, message.id)
            wanted = strings.placeholders(message.id)
            assert strings.placeholders(message.string) == wanted, (language, message.string)


@pytest.mark.parametrize("language", strings.LANGUAGES)
def test_every_catalog_compiles_in_memory(language):
    words = strings.read_catalog(language)
    assert (
        words.gettext("Jetzt bewerben")
        == {
            "de": "Jetzt bewerben",
            "en": "Apply now",
            "tr": "Hemen başvur",
            "ar": "قدّم الآن",
            "uk": "Подати заявку",
        }[language]
    )


def test_theme_pot_is_what_extraction_finds():
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, "babel.cfg")
    found = {
        (context, message if isinstance(message, str) else message[0])
        for _, _, message, _, context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS
        )
    }
    assert found == ids(template()), "run the pybabel extract of babel.cfg"


def theme_words(language: str) -> dict[str, str]:
    """Each German word shown as text (its longest literal part), by msgid, where the
    other language says it differently."""
    german, other = catalog("de"), catalog(language)
    words = {}
    for message in german:
        if not message.id or message.context:
            continue
        de = message.string if isinstance(message.string, str) else message.string[-1]
        translated = other.get(message.id).string
        translated = translated if isinstance(translated, str) else translated[-1]
        literal = max(re.split(r"%\([^)]*\)s", de), key=len).strip(" :.")
        if len(literal) >= 3 and literal not in translated:
            words[message.id if isinstance(message.id, str) else message.id[0]] = literal
    return words


def build(root: Path, site_yaml: str) -> Path:
    site = write_files(root / "site", {**SCRATCH_FILES, "site.yaml": site_yaml})
    result = run_cli("build", "--site", str(site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return site / "public"


def shown(out: Path, page: str) -> str:
    return html.unescape(readable((out / page).read_text(encoding="utf-8")))


def test_an_english_site_shows_no_german_theme_word(tmp_path):
    german = build(tmp_path / "de", SITE_YAML)
    english = build(tmp_path / "en", SITE_YAML + "language: en\n")
    content = "\n".join(
        [*SCRATCH_FILES.values(), *DEFAULT_CATEGORIES.values()]
    )  # the editors' words
    words = {k: w for k, w in theme_words("en").items() if w not in content}
    seen = 0
    for page in PAGES:
        de_text, en_text = shown(german, page), shown(english, page)
        for msgid, word in words.items():
            seen += word in de_text
            assert word not in en_text, f"{page}: German {word!r} ({msgid!r}) on an English page"
    assert seen >= 20, "the German pages show too few theme words for this test to see"
    assert "Apply now" in shown(english, PAGES[2])
    assert "30 Jun 2031" in shown(english, PAGES[2])  # the deadline, as English readers write it
