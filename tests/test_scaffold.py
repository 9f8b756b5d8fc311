"""`new`: slugs with German transliteration, every field commented, files that build."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml
from helpers import BUILD_DATE, run_cli

from karriere.content_types import COLLECTIONS
from karriere.scaffold import FOLDERS, render, slug_for
from karriere.yamlfile import load_yaml

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
    text = render(kind, TITLE, date(2026, 11, 22), {"fachkraft": "Fachkräfte"})
    lines = front_matter(text).splitlines()
    offered = {re.match(r"#?\s*(\w+):", line).group(1) for line in lines}
    assert all("   # " in line for line in lines), "every field needs a German comment"
    model = COLLECTIONS.get(FOLDERS[kind])
    expected = set(model.model_fields) if model else SPEC_EVENT_FIELDS
    assert expected <= offered, f"missing in the {kind} scaffold: {expected - offered}"
    assert offered <= expected | {"draft"}, f"not a field: {offered - expected}"


@pytest.mark.parametrize("kind", KINDS)
def test_scaffold_is_valid_front_matter(kind):
    text = render(kind, TITLE, date(2026, 11, 22), {"fachkraft": "Fachkräfte"})
    data = load_yaml(front_matter(text)).data
    title_field = {"faq": "question", "employer": "name", "occupation": "name"}.get(kind, "title")
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
    out = scratch_site / "public"
    result = run_cli("build", "--site", str(scratch_site), "--drafts", "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    page = (out / "stellen" / slug / "index.html").read_text(encoding="utf-8")
    assert "Ihre Aufgaben" in page and "Wir bieten" in page
    assert (out / "geschichten" / slug / "index.html").is_file()
    assert (out / slug / "index.html").is_file()
    for route in ("arbeitgeber", "berufe"):  # networks: a new employer and occupation
        page = (out / route / slug / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{TITLE}</h1>" in page, f"{route}: the new file's name is not the heading"
    # drafts stay out of a production build
    result = run_cli("build", "--site", str(scratch_site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    assert not (out / "stellen" / slug / "index.html").exists()


def test_every_kind_is_offered_on_the_command_line():
    from karriere.cli import make_parser

    new = make_parser()._subparsers._group_actions[0].choices["new"]
    kind = next(a for a in new._actions if a.dest == "kind")
    assert list(kind.choices) == KINDS


def test_never_overwrites(scratch_site):
    path = scratch_site / "content" / "faq" / "wege.md"
    before = path.read_text(encoding="utf-8")
    result = run_cli("new", "faq", "Wege", "--site", str(scratch_site))
    assert result.returncode == 2
    assert "exists already" in result.stderr
    assert path.read_text(encoding="utf-8") == before
