"""Answered questions (FAQ `asked`, `asked_via`), the page /fragen/ and the question form
(site.yaml `forms:`): built with the real CLI on scratch sites and parsed back."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.helpers import BUILD_DATE, SCRATCH_FILES, SITE_YAML, headers_for, run_cli, write_files

ACTION = "https://formulare.teststadt.de/karriere/frage"
CONTACT = 'contact: {name: "Erika Muster", email: "ausbildung@teststadt.de"}\n'
ASKED = {
    "content/faq/messe.md": """\
        ---
        question: "Wie viel verdiene ich?"
        asked: 2026-09-19
        asked_via: "Ausbildungsmesse im Rathaus"
        ---
        Genug.
        """,
    "content/faq/insta.md": """\
        ---
        question: "Werde ich übernommen?"
        asked: 2026-10-14
        asked_via: "Instagram-Kommentar"
        ---
        Ja.
        """,
    "content/faq/telefon.md": """\
        ---
        question: "Gibt es Teilzeit?"
        asked_via: "Telefon"
        ---
        Ja.
        """,
}


class Tree(HTMLParser):
    """Every element as (tag, attributes, text inside it), in document order."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[list] = []
        self.open: list[list] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = [tag, dict(attrs), ""]
        self.elements.append(element)
        if tag not in ("input", "meta", "link", "br", "img", "source", "track"):
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for element in self.open:
            element[2] += data

    def find(self, tag, **attrs) -> list[list]:
        return [
            e
            for e in self.elements
            if e[0] == tag and all(e[1].get(k) == v for k, v in attrs.items())
        ]


def build(tmp_path: Path, yaml_extra: str = "", files: dict | None = None, *args: str):
    site = write_files(
        tmp_path / "site",
        {**SCRATCH_FILES, **ASKED, **(files or {}), "site.yaml": SITE_YAML + yaml_extra},
    )
    out = tmp_path / "out"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE, *args)
    return result, out


def page(out: Path, route: str) -> Tree:
    return Tree((out / route / "index.html").read_text(encoding="utf-8").replace("&shy;", ""))


def text(element) -> str:
    return " ".join(element[2].replace("\u00ad", "").split())


def test_faq_shows_where_and_when_each_question_was_asked(tmp_path):
    result, out = build(tmp_path, CONTACT)
    assert result.returncode == 0, result.stderr
    faq = page(out, "faq")
    lines = {e[2] and text(e) for e in faq.find("p", **{"class": "asked small"})}
    assert lines == {
        "Gefragt: Ausbildungsmesse im Rathaus, 19.09.2026",
        "Gefragt: Instagram-Kommentar, 14.10.2026",
        "Gefragt: Telefon",
    }
    assert sorted(e[1]["datetime"] for e in faq.find("time")) == ["2026-09-19", "2026-10-14"]
    assert [e for e in faq.find("a") if e[1].get("href") == "/karriere/fragen/"]


def test_questions_page_lists_answered_questions_newest_first(tmp_path):
    result, out = build(tmp_path, CONTACT)
    assert result.returncode == 0, result.stderr
    questions = page(out, "fragen")
    assert text(questions.find("h1")[0]) == "Gefragt und beantwortet"
    items = [text(h) for h in questions.find("h2") if h[1].get("id", "").startswith("frage-")]
    # only the entries with `asked`, the newest first; then the form's heading
    assert items == ["Werde ich übernommen?", "Wie viel verdiene ich?"]  # newest first
    assert text(questions.find("h2", id="frageformular")[0]) == "Stellen Sie uns Ihre Frage"
    footer_links = [e[1]["href"] for e in page(out, "").find("a")]
    assert "/karriere/fragen/" in footer_links
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/karriere/fragen/" in sitemap


def test_without_forms_the_page_offers_an_email_with_a_prepared_subject(tmp_path):
    result, out = build(tmp_path, CONTACT)
    assert result.returncode == 0, result.stderr
    questions = page(out, "fragen")
    assert not questions.find("form")
    mailto = [e[1]["href"] for e in questions.find("a") if e[1]["href"].startswith("mailto:")]
    assert mailto == ["mailto:ausbildung@teststadt.de?subject=Frage%20zur%20Ausbildung"]
    parts = urlsplit(mailto[0])
    assert unquote(parts.path) == "ausbildung@teststadt.de"
    assert parse_qs(parts.query) == {"subject": ["Frage zur Ausbildung"]}
    csp = headers_for((out / "_headers").read_text(), "/karriere/fragen/")
    assert "form-action 'self';" in csp["Content-Security-Policy"]


def test_no_page_without_answered_questions_or_form(tmp_path):
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    out = tmp_path / "out"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    assert not (out / "fragen").exists()
    assert "/fragen/" not in (out / "faq" / "index.html").read_text(encoding="utf-8")


FORMS = f"""\
forms:
  action: "{ACTION}"
  fields: {{phone: telefon, consent: true}}
"""


def test_form_posts_to_the_endpoint_with_labels_honeypot_and_privacy_notice(tmp_path):
    result, out = build(tmp_path, CONTACT + FORMS)
    assert result.returncode == 0, result.stderr
    questions = page(out, "fragen")
    (form,) = questions.find("form")
    assert form[1]["action"] == ACTION and form[1]["method"] == "post"
    fields = {e[1]["name"]: e[1] for e in questions.elements if e[0] in ("input", "textarea")}
    assert set(fields) == {"reply", "name", "email", "telefon", "message", "website", "consent"}
    labels = {e[1]["for"]: text(e) for e in questions.find("label")}
    for name, attrs in fields.items():
        assert attrs["id"] in labels, name  # every field has a real label
    assert "(Pflichtfeld)" in labels["frage-text"] and "required" in fields["message"]
    assert "(Pflichtfeld)" in labels["frage-einwilligung"] and "required" in fields["consent"]
    assert "(Pflichtfeld)" not in labels["frage-name"] and "required" not in fields["name"]
    for name in ("name", "email", "telefon", "message", "consent"):
        for described in fields[name]["aria-describedby"].split():
            assert any(e[1].get("id") == described for e in questions.elements), described
    honeypot = fields["website"]
    assert honeypot["tabindex"] == "-1" and honeypot["autocomplete"] == "off"
    (wrapper,) = [e for e in questions.elements if e[1].get("class") == "honeypot"]
    assert wrapper[1]["aria-hidden"] == "true"
    privacy = [e for e in questions.find("a") if e[1]["href"] == "/karriere/datenschutz/"]
    assert any("Datenschutz" in text(e) for e in privacy)
    assert not [e for e in questions.find("a") if e[1]["href"].startswith("mailto:")]


def test_form_action_is_the_endpoint_on_its_page_only(tmp_path):
    result, out = build(tmp_path, CONTACT + FORMS)
    assert result.returncode == 0, result.stderr
    headers = (out / "_headers").read_text(encoding="utf-8")

    def form_action(path: str) -> str:
        csp = headers_for(headers, path)["Content-Security-Policy"]
        directives = dict(d.split(" ", 1) for d in csp.split("; "))
        assert ", " not in csp, csp  # one policy per path, never two joined
        return directives["form-action"]

    assert form_action("/karriere/fragen/") == ACTION
    for other in ("/karriere/", "/karriere/faq/", "/karriere/stellen/sachbearbeitung/",
                  "/karriere/suche/", "/karriere/datenschutz/", "/karriere/assets/x.css"):  # fmt: skip
        assert form_action(other) == "'self'", other

    def meta_form_action(route: str) -> str:
        (meta,) = page(out, route).find("meta", **{"http-equiv": "Content-Security-Policy"})
        directives = dict(d.split(" ", 1) for d in meta[1]["content"].split("; "))
        return directives["form-action"]

    assert meta_form_action("fragen") == ACTION
    assert meta_form_action("faq") == meta_form_action("") == "'self'"


@pytest.mark.parametrize(
    ("forms", "expected"),
    [
        ('forms: {action: "http://formulare.teststadt.de/frage"}', "is not https"),
        ('forms: {action: "formulare.teststadt.de/frage"}', "is not a web address"),
        ('forms: {action: "https://formulare.teststadt.de/frage#x"}', "has a fragment"),
        ('forms: {action: "https://a.de/f", fields: {telephone: true}}', "telephone"),
        ('forms: {action: "https://a.de/f", fields: {email: "my mail"}}', "is not a field name"),
        ('forms: {action: "https://a.de/f", fields: {name: website}}', "hidden field"),
        ('forms: {action: "https://a.de/f", fields: {message: false}}', "cannot be left out"),
        ('forms: {action: "https://a.de/f", fields: {email: 5}}', "is not a field name"),
        ('forms: {action: "https://a.de/f", fields: {name: email}}', "under the same name"),
        ('forms: {action: "http://127.0.0.1:8000/frage"}', "only allowed while the site itself"),
    ],
)
def test_bad_forms_are_errors_with_their_line(tmp_path, forms, expected):
    result, out = build(tmp_path, "# Formular\n" + forms + "\n")
    assert result.returncode == 1, result.stdout
    line = len(SITE_YAML.splitlines()) + 2
    errors = [e for e in result.stderr.splitlines() if e.startswith(f"site.yaml:{line}:")]
    assert errors and expected in errors[0], result.stderr
    assert not out.exists() and "Traceback" not in result.stderr


def test_http_on_this_machine_is_allowed_for_a_site_built_for_this_machine(tmp_path):
    extra = 'forms: {action: "http://127.0.0.1:8000/frage"}\n'
    result, out = build(tmp_path, extra, None, "--base-url", "http://127.0.0.1:9000/")
    assert result.returncode == 0, result.stderr
    assert 'action="http://127.0.0.1:8000/frage"' in (out / "fragen" / "index.html").read_text()
    csp = headers_for((out / "_headers").read_text(), "/fragen/")["Content-Security-Policy"]
    assert "form-action http://127.0.0.1:8000/frage;" in csp


def test_asked_must_be_a_date(tmp_path):
    files = {"content/faq/insta.md": '---\nquestion: "Q?"\nasked: "letzte Woche"\n---\nA.\n'}
    result, _ = build(tmp_path, "", files)
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert any(e.startswith("content/faq/insta.md:3:") and "2026-06-05" in e for e in errors), (
        errors
    )


def test_a_translation_words_asked_via_and_keeps_the_date(tmp_path):
    languages = "languages: [{code: de, label: Deutsch}, {code: en, label: English}]\n"
    files = {
        "content/faq/insta.en.md": '---\nquestion: "Will I be kept on?"\nasked_via: "Instagram comment"\n---\nYes.\n'
    }
    result, out = build(tmp_path, languages, files)
    assert result.returncode == 0, result.stderr
    english = page(out, "en/fragen")
    lines = [text(e) for e in english.find("p", **{"class": "asked small"})]
    assert lines[0] == "Asked: Instagram comment, 14 Oct 2026"
    assert text(english.find("h1")[0]) == "Asked and answered"
    bad = {"content/faq/insta.en.md": '---\nquestion: "Q?"\nasked: 2026-01-01\n---\nA.\n'}
    result, _ = build(tmp_path / "bad", languages, bad)
    assert result.returncode == 1 and "content/faq/insta.en.md:3:" in result.stderr
