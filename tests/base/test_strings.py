"""The German catalog's forms: plain words, du and Sie forms, names in a case with a twin;
a missing word falls back to German."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from karriere.base import strings

# Words that address the reader: a msgid is the Sie form, its du form has msgctxt "du".
SIE = re.compile(r"\b(Sie|Ihr|Ihre\w*|Ihnen|Ihrem|Ihrer|Ihres)\b")
DU = re.compile(r"\b(du|dich|dir|dein\w*|Du|Dein\w*)\b")


def german() -> list:
    with strings.catalog_path("de").open("rb") as po:
        return [m for m in read_po(po) if m.id]


def test_plain_words_do_not_say_du_and_du_forms_do_not_say_sie():
    messages = german()
    du_forms = [m for m in messages if m.context and m.context.startswith("du")]
    assert len(du_forms) >= 10
    for m in messages:
        if not (m.context or "").startswith("du"):
            text = m.string if isinstance(m.string, str) else m.string[-1]
            assert not DU.search(text), f"{m.id}: addresses the reader with du"
    for m in du_forms:
        assert m.string != m.id and SIE.search(m.id), m.id
        assert not SIE.search(m.string), m.string


def test_load_gives_each_site_its_form():
    du, sie = strings.load("de", "du"), strings.load("de", "sie")
    assert du.gettext("Ihre Ansprechperson") == "Deine Ansprechperson"
    assert sie.gettext("Ihre Ansprechperson") == "Ihre Ansprechperson"
    assert du.gettext("Jetzt bewerben") == sie.gettext("Jetzt bewerben") == "Jetzt bewerben"
    assert strings.load("xx").gettext("Ihre Ansprechperson") == "Ihre Ansprechperson"


def test_a_missing_word_comes_in_german_never_as_a_key(tmp_path):
    english = strings.load("en", "du")
    assert english.gettext("Ihre Ansprechperson") == "Your contact"
    assert english.gettext("Ein Wort, das es nicht gibt") == "Ein Wort, das es nicht gibt"
    words = strings.Words("en", "du", [strings.catalog("de")])  # an empty English
    assert words.gettext("Ihre Ansprechperson") == "Deine Ansprechperson"
    assert (
        words.ngettext("%(count)s offene Stelle", "%(count)s offene Stellen", 3) % {"count": 3}
        == "3 offene Stellen"
    )


def test_a_word_naming_someone_takes_its_twin_without_an_article():
    t = strings.load("de")
    about = t.gettext("Ein Karriereportal %(organisation:von)s.")
    with_article = strings.Name.of("Stadt Lindenfeld", "die")
    assert about % {"organisation": with_article} == "Ein Karriereportal von der Stadt Lindenfeld."
    for bare in (strings.Name("Stadt Lindenfeld"), "Stadt Lindenfeld"):
        assert about % {"organisation": bare} == "Karriereportal: Stadt Lindenfeld."
    jobcenter = strings.Name.of("Jobcenter Lindenfeld", "das")
    english = strings.load("en").gettext("Ein Karriereportal %(organisation:von)s.")
    assert english % {"organisation": jobcenter} == "A careers site by Jobcenter Lindenfeld."


def test_the_du_form_of_a_twin():
    du = strings.load("de", "du")
    text = "Ausbildung, Studium und Jobs %(organisation:bei)s: offene Stellen, Geschichten "
    text += "von Azubis und Antworten auf Ihre Fragen."
    word = du.gettext(text)
    assert (word % {"organisation": "Kreis X"}).endswith("auf deine Fragen.")
    assert (word % {"organisation": "Kreis X"}).startswith("Kreis X: ")
    assert (word % {"organisation": strings.Name.of("Kreis X", "der")}).startswith(
        "Ausbildung, Studium und Jobs beim Kreis X:"
    )


def test_plurals_follow_each_language():
    forms = ("%(count)s offene Stelle", "%(count)s offene Stellen")
    shown = {
        lang: [strings.load(lang).ngettext(*forms, n) % {"count": n} for n in (1, 2, 5, 11)]
        for lang in strings.LANGUAGES
    }
    assert shown["de"] == [
        "1 offene Stelle",
        "2 offene Stellen",
        "5 offene Stellen",
        "11 offene Stellen",
    ]
    assert shown["en"][:2] == ["1 open job", "2 open jobs"]
    assert len(set(shown["ar"])) == 4  # one, two, few, many
    assert shown["uk"] == [
        "1 відкрита вакансія", "2 відкриті вакансії", "5 відкритих вакансій", "11 відкритих вакансій"
    ]  # fmt: skip
