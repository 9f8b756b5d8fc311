"""The locale file's shape: plain words, or du and Sie forms; names in a case have a twin."""

from __future__ import annotations

import re

import pytest
import yaml

from karriere.base import strings
from karriere.base.errors import BuildError

# Words that address the reader: a plain entry (the same for du and Sie) has none.
ADDRESSING = re.compile(
    r"\b(du|dich|dir|dein\w*|Du|Dein\w*|Sie|Ihr|Ihre\w*|Ihnen|Ihrem|Ihrer|Ihres)\b"
)


def entries() -> dict:
    return yaml.safe_load((strings.LOCALES / "de.yaml").read_text(encoding="utf-8"))


def test_plain_words_do_not_address_the_reader():
    for key, value in entries().items():
        if isinstance(value, str):
            found = ADDRESSING.search(value)
            assert found is None, f"{key}: {found.group()!r} addresses the reader; give du and sie"


def test_du_and_sie_forms_differ_and_address_as_they_say():
    forms = {k: v for k, v in entries().items() if isinstance(v, dict)}
    assert len(forms) >= 10
    for key, value in forms.items():
        assert value["du"] != value["sie"], key
        assert not re.search(r"\b(Sie|Ihr\w*|Ihnen)\b", value["du"]), key
        assert not re.search(r"\b(du|dich|dir|dein\w*|Du|Dein\w*)\b", value["sie"]), key


def test_load_gives_each_site_its_form():
    du, sie = strings.load("de", "du"), strings.load("de", "sie")
    assert (du.contact, sie.contact) == ("Deine Ansprechperson", "Ihre Ansprechperson")
    assert du.apply_now == sie.apply_now == "Jetzt bewerben"
    assert strings.load("xx").contact == sie.contact  # unknown language: German, Sie


def test_a_word_naming_someone_takes_its_twin_without_an_article():
    t = strings.load("de")
    with_article = strings.Name.of("Stadt Lindenfeld", "die")
    assert t.footer_about.format(organisation=with_article) == (
        "Ein Karriereportal von der Stadt Lindenfeld."
    )
    for bare in (strings.Name("Stadt Lindenfeld"), "Stadt Lindenfeld"):
        assert t.footer_about.format(organisation=bare) == "Karriereportal: Stadt Lindenfeld."


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\n", 1, "a: invalid value (expected text, or {du: "),
        ('a: "x"\nb: {du: "x"}\n', 2, "b: invalid value (expected text, or {du: "),
        ('b: {du: "{count} x", sie: "y"}\n', 1, "b: du and sie use different placeholders"),
        ('b: "bei {organisation:bei}"\n', 1, "b: names someone in a case, but has no b_ohne_artikel"),
        ('b: "{organisation:gen}"\nb_ohne_artikel: "x"\n', 1, "b: unknown case ['gen']"),
        ('b_ohne_artikel: "x"\n', 1, "b_ohne_artikel: no entry b for this text"),
        ('b: "{organisation:von}"\nb_ohne_artikel: "{organisation:von}"\n', 2, "b_ohne_artikel: uses a case"),
        ('a: "ok"\nb: "{x"\n', 2, "b: "),
        ("- a\n", 1, "not a list of words"),
    ],
)  # fmt: skip
def test_a_broken_locale_file_is_an_error_with_its_line(tmp_path, text, line, message):
    path = tmp_path / "xx.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        strings.read(path)
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == ("karriere/locales/xx.yaml", line)
    assert problem.message.startswith(message), problem.message
    assert "(expected" in problem.message
