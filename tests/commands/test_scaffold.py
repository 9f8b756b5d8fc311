"""`new`: slugs with German transliteration, every field commented, files that build."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml
from helpers import BUILD_DATE, SITE_YAML, readable, run_cli

from karriere.base.yamlfile import load_yaml
from karriere.commands.new import FOLDERS, SECTIONS, render, slug_for
from karriere.commands.new_sections import render_section
from karriere.content import placeholders
from karriere.content.front_matter import COLLECTIONS

KINDS = list(FOLDERS)
TITLE = "Sachbearbeiter*in Bürgerbüro Straßenverkehr (m/w/d)"
SPEC_EVENT_FIELDS = {"title", "start", "end", "location", "summary", "registration_url"}


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Sachbearbeiter*in Bürgerbüro", "sachbearbeiter-in-buergerbuero"),
        ("Straßenmeister*in (m/w/d)", "strassenmeister-in"),
        ("Gärtner*in Grünflächenamt", "gaertner-in-gruenflaechenamt"),
        ("ÖFFENTLICHE ORDNUNG – Außendienst", "oeffentliche-ordnung-aussendienst"),
        (
            "Ausbildung 2027: Verwaltungsfachangestellte",
            "ausbildung-2027-verwaltungsfachangestellte",
        ),
    ],
)
def test_slug_transliterates_german(title, slug):
    assert slug_for(title) == slug


def front_matter(text: str) -> str:
    return text.split("---\n")[1]


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_is_offered_with_a_comment(kind):
    text = render(kind, TITLE, date(2026, 11, 22))
    lines = front_matter(text).splitlines()
    offered = {re.match(r"#?\s*(\w+):", line).group(1) for line in lines}
    assert all("   # " in line for line in lines), "every field needs a German comment"
    model = COLLECTIONS.get(FOLDERS[kind])
    expected = set(model.model_fields) if model else SPEC_EVENT_FIELDS
    assert expected <= offered, f"missing in the {kind} scaffold: {expected - offered}"
    assert offered <= expected | {"draft"}, f"not a field: {offered - expected}"


@pytest.mark.parametrize("kind", KINDS)
def test_scaffold_is_valid_front_matter(kind):
    text = render(kind, TITLE, date(2026, 11, 22))
    data = load_yaml(front_matter(text)).data
    title_field = {"faq": "question", "employer": "name", "occupation": "name"}.get(kind, "title")
    if kind == "post":  # a post has no title: it names the file and starts the caption
        assert TITLE in text.split("---\n")[2]
    else:
        assert data[title_field] == TITLE
    model = COLLECTIONS.get(FOLDERS[kind])
    if model is not None:  # events arrive with another issue; until then YAML must parse
        model.model_validate(data)
    commented = "\n".join(
        line.lstrip("# ") for line in front_matter(text).splitlines() if line.startswith("#")
    )
    for value in yaml.safe_load(commented or "{}").values():  # examples are valid YAML too
        assert value is not None


def test_new_files_build(scratch_site):
    for kind in KINDS:
        result = run_cli("new", kind, TITLE, "--site", str(scratch_site))
        assert result.returncode == 0, result.stderr
    slug = "sachbearbeiter-in-buergerbuero-strassenverkehr"
    for folder in FOLDERS.values():
        assert (scratch_site / "content" / folder / f"{slug}.md").is_file()
    post = (scratch_site / "content/posts" / f"{slug}.md").read_text(encoding="utf-8")
    assert "platform: instagram" in post and "draft: true" in post
    out = scratch_site / "public"
    result = run_cli("build", "--site", str(scratch_site), "--drafts", "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    page = (out / "stellen" / slug / "index.html").read_text(encoding="utf-8")
    assert "Ihre Aufgaben" in page and "Wir bieten" in page
    assert (out / "geschichten" / slug / "index.html").is_file()
    assert (out / slug / "index.html").is_file()
    for route in ("arbeitgeber", "berufe"):  # networks: a new employer and occupation
        page = readable((out / route / slug / "index.html").read_text(encoding="utf-8"))
        assert f"<h1>{TITLE}</h1>" in page, f"{route}: the new file's name is not the heading"
    # drafts stay out of a production build
    result = run_cli("build", "--site", str(scratch_site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    assert not (out / "stellen" / slug / "index.html").exists()


def test_every_kind_is_offered_on_the_command_line():
    from karriere.commands.cli import make_parser

    new = make_parser()._subparsers._group_actions[0].choices["new"]
    kind = next(a for a in new._actions if a.dest == "kind")
    assert list(kind.choices) == [*KINDS, *SECTIONS]


def test_never_overwrites(scratch_site):
    path = scratch_site / "content" / "faq" / "wege.md"
    before = path.read_text(encoding="utf-8")
    result = run_cli("new", "faq", "Wege", "--site", str(scratch_site))
    assert result.returncode == 2
    assert "exists already" in result.stderr
    assert path.read_text(encoding="utf-8") == before


# ---------------------------------------------------------------- placeholders

NO_ADDRESS = SITE_YAML.replace(
    '  address: {street: "Markt 1", postal_code: "12345", city: "Teststadt", country: "DE"}\n', ""
)
STELLE = "content/vacancies/stelle.md"


def publish(site, rel: str, *edits: tuple[str, str]) -> None:
    """Set draft: false (and make other edits), as an editor would."""
    path = site / rel
    text = path.read_text(encoding="utf-8").replace("draft: true", "draft: false")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def build(site, *args: str):
    return run_cli("build", "--site", str(site), "--date", BUILD_DATE, *args)


def test_placeholders_left_in_a_published_vacancy_are_errors(scratch_site):
    (scratch_site / "site.yaml").write_text(NO_ADDRESS, encoding="utf-8")
    assert run_cli("new", "vacancy", "Stelle", "--site", str(scratch_site)).returncode == 0
    assert build(scratch_site).returncode == 0  # a draft may keep them (and is now cached)
    publish(scratch_site, STELLE)
    result = build(scratch_site)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:-1] == [
        f"{STELLE}:6: location: still the placeholder 'Musterstadt' from 'new vacancy' "
        "(expected the real place of work)",
        f"{STELLE}:14: apply_url: still the placeholder 'mailto:bewerbung@example.org' from "
        "'new vacancy' (expected the real application address)",
        *(
            f"{STELLE}:{line}: body: still the placeholder '- …' from 'new vacancy' "
            "(expected your own text in place of '…')"
            for line in (35, 39, 43)
        ),
    ]
    check = run_cli("check", "--site", str(scratch_site), "--date", BUILD_DATE, "--strict")
    assert check.returncode == 1 and "still the placeholder" in check.stderr
    publish(
        scratch_site,
        STELLE,
        ("location: Musterstadt", "location: Teststadt"),
        ('"mailto:bewerbung@example.org"', '"mailto:personal@teststadt.de"'),
        ("- …", "- Beratung"),
    )
    result = build(scratch_site)
    assert result.returncode == 0, result.stderr
    page = (scratch_site / "public/stellen/stelle/index.html").read_text(encoding="utf-8")
    assert "Teststadt" in page and "personal@teststadt.de" in page


# A value an editor leaves in each kind of file, and its line in the new file.
LEFT_OVER = {
    "story": [(3, "name: still the placeholder 'Vorname'"), (4, "role: still the placeholder")],
    "faq": [(11, "body: still the placeholder 'Die Antwort in zwei, drei kurzen Sätzen …'")],
    "page": [(15, "body: still the placeholder 'Text der Seite …'")],
    "event": [(5, "location: still the placeholder 'Musterstadt'"), (15, "body:")],
    "employer": [(7, "website: still the placeholder"), (8, "address: still the placeholder")],
    "occupation": [(20, "body: still the placeholder '- …'")],
}


@pytest.mark.parametrize("kind", list(LEFT_OVER))
def test_placeholders_of_every_kind_are_errors(scratch_site, kind):
    (scratch_site / "site.yaml").write_text(NO_ADDRESS, encoding="utf-8")
    assert run_cli("new", kind, "Neu", "--site", str(scratch_site)).returncode == 0
    rel = f"content/{FOLDERS[kind]}/neu.md"
    publish(scratch_site, rel)
    result = build(scratch_site)
    assert result.returncode == 1
    for line, message in LEFT_OVER[kind]:
        assert f"{rel}:{line}: {message}" in result.stderr, result.stderr
        assert f"from 'new {kind}'" in result.stderr


def test_the_placeholder_table_matches_the_scaffolds():
    """What placeholders.py looks for is what `new` writes, and nothing of it is missed."""
    for folder, fields in placeholders.FIELDS.items():
        kind = next(k for k, f in FOLDERS.items() if f == folder)
        data = load_yaml(front_matter(render(kind, "T", date(2026, 11, 22)))).data
        meta = COLLECTIONS[folder].model_validate(data)
        for path, value, _ in fields:
            assert placeholders.value_at(meta, path) == value, (kind, path)
    for kind in KINDS:
        body = render(kind, "T", date(2026, 11, 22)).split("---\n", 2)[2]
        left = {line.strip() for line in body.splitlines() if "…" in line}
        assert left and left <= placeholders.BODY_LINES, kind
    for section in ("leichte-sprache", "gebaerdensprache"):
        for name, text in render_section(section).items():
            body = text.split("---\n", 2)[2]
            left = {line.strip() for line in body.splitlines() if "…" in line}
            assert left and left <= placeholders.BODY_LINES, (section, name)
    assert set(placeholders.NEW_KIND.values()) == {*FOLDERS, *SECTIONS}


def test_scaffold_is_filled_from_site_yaml(scratch_site):
    """The organisation's address is the place of work and of an event."""
    for kind in ("vacancy", "event"):
        assert run_cli("new", kind, "Neu", "--site", str(scratch_site)).returncode == 0
    text = (scratch_site / "content/vacancies/neu.md").read_text(encoding="utf-8")
    assert 'location: {street: "Markt 1", postal_code: "12345", city: "Teststadt"}' in text
    event = (scratch_site / "content/events/neu.md").read_text(encoding="utf-8")
    assert 'city: "Teststadt", country: "DE"}' in event and "Musterstadt" not in event
    publish(scratch_site, "content/vacancies/neu.md")
    result = build(scratch_site)  # only what site.yaml cannot know is left to fill in
    assert result.returncode == 1
    assert "location:" not in result.stderr and ":14: apply_url:" in result.stderr


@pytest.mark.parametrize(
    ("address", "headings", "other"),
    [
        ("du", ["## Deine Aufgaben", "## Dein Profil", "## Was dich erwartet", "## Was du lernst"],
         ["Ihre", "Ihr ", " Sie "]),
        ("sie", ["## Ihre Aufgaben", "## Ihr Profil", "## Was Sie erwartet", "## Was Sie lernen"],
         ["Deine", "Dein ", " dich", " du "]),
    ],
)  # fmt: skip
def test_scaffolds_address_the_reader_as_site_yaml_says(scratch_site, address, headings, other):
    """Bodies written for readers (vacancies, events, occupations) say du or Sie."""
    (scratch_site / "site.yaml").write_text(f"address: {address}\n" + SITE_YAML, "utf-8")
    for kind in ("vacancy", "event", "occupation"):
        assert run_cli("new", kind, "Neu", "--site", str(scratch_site)).returncode == 0
    bodies = "\n".join(
        (scratch_site / f"content/{FOLDERS[kind]}/neu.md").read_text("utf-8").split("---\n")[2]
        for kind in ("vacancy", "event", "occupation")
    )
    for heading in headings:
        assert heading in bodies.splitlines(), (address, heading)
    for word in other:
        assert word not in bodies, (address, word)
    result = run_cli("build", "--site", str(scratch_site), "--drafts", "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    page = readable((scratch_site / "public/stellen/neu/index.html").read_text("utf-8"))
    assert headings[0].removeprefix("## ") in page
