"""The exported JSON Schemas are current, accept the example site and reject bad input."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT, SCRATCH_FILES, run_cli, write_files
from jsonschema import Draft7Validator, FormatChecker

from karriere.base.yamlfile import load_yaml
from karriere.commands.schema import render, schemas
from karriere.content.front_matter import COLLECTIONS
from karriere.content.loading import split_front_matter

COMMITTED = ROOT / "schemas"
CORPUS = ROOT / "tests" / "malformed"
# Corpus cases whose mistake a JSON Schema can see (YAML syntax, encodings, media files,
# categories and link safety are the build's own checks).
SCHEMA_CASES = [
    "missing-required-field",
    "unknown-key",
    "wrong-type-list",
    "wrong-type-number",
    "impossible-date",
    "site-yaml-unknown-key",
    "all-errors-at-once",
    "field-too-long",
]


def validator(name: str, site=ROOT) -> Draft7Validator:
    schema = schemas(site)[name]
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=FormatChecker())


def front_matter(text: str):
    fm, _, _ = split_front_matter(text, "test.md")
    return load_yaml(fm).data


def test_committed_schemas_are_current():
    fresh = schemas(ROOT)
    on_disk = {p.name for p in COMMITTED.glob("*.json")}
    assert on_disk == set(fresh), "run: python build.py schema --out schemas/"
    for name, schema in fresh.items():
        assert (COMMITTED / name).read_text(encoding="utf-8") == render(schema), (
            f"schemas/{name} is stale; run: python build.py schema --out schemas/"
        )


def test_cli_writes_the_same_files(tmp_path):
    result = run_cli("schema", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for path in COMMITTED.glob("*.json"):
        assert json.loads((tmp_path / path.name).read_text()) == json.loads(path.read_text())


def test_example_site_yaml_is_valid():
    data = load_yaml((ROOT / "site.yaml").read_text(encoding="utf-8")).data
    errors = list(validator("site.schema.json").iter_errors(data))
    assert not errors, [e.message for e in errors]


def example_files():
    return [
        pytest.param(folder, path, id=path.relative_to(ROOT).as_posix())
        for folder in COLLECTIONS
        for path in sorted((ROOT / "content" / folder).glob("*.md"))
        if "." not in path.stem  # translations (x.en.md) hold only words
    ]


@pytest.mark.parametrize(("folder", "path"), example_files())
def test_example_front_matter_is_valid(folder, path):
    data = front_matter(path.read_text(encoding="utf-8"))
    errors = list(validator(f"{folder}.schema.json").iter_errors(data))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


GOOD_VACANCY = {
    "title": "Sachbearbeiter*in",
    "category": "fachkraft",
    "posted": "2026-06-01",
    "location": "Musterstadt",
}

BAD = [
    ("vacancies", {k: v for k, v in GOOD_VACANCY.items() if k != "title"}, "required"),
    ("vacancies", {**GOOD_VACANCY, "titel": "Tippfehler"}, "additional"),
    ("vacancies", {**GOOD_VACANCY, "posted": "2026-02-30"}, "date"),
    ("vacancies", {**GOOD_VACANCY, "posted": "05.06.2026"}, "date"),
    ("vacancies", {**GOOD_VACANCY, "employment": "full_time"}, "array"),
    ("vacancies", {**GOOD_VACANCY, "employment": ["vollzeit"]}, "enum"),
    ("vacancies", {**GOOD_VACANCY, "location": {"street": "Markt 1"}}, "city"),
    ("vacancies", {**GOOD_VACANCY, "salary": {"min": "viel"}}, "number"),
    ("vacancies", {**GOOD_VACANCY, "draft": "ja"}, "boolean"),
    ("stories", {"title": "T", "name": "Lena", "role": "Azubi"}, "date"),
    ("faq", {"question": "Wie?", "order": "erste"}, "integer"),
    ("pages", {"title": "Impressum", "menu": "header"}, "enum"),
]


@pytest.mark.parametrize(
    ("folder", "data", "_why"), BAD, ids=[b[2] + str(i) for i, b in enumerate(BAD)]
)
def test_malformed_front_matter_is_rejected(folder, data, _why):
    assert list(validator(f"{folder}.schema.json").iter_errors(data)), data


def test_good_sample_is_accepted():
    assert not list(validator("vacancies.schema.json").iter_errors(GOOD_VACANCY))


def test_malformed_site_yaml_is_rejected():
    bad = {"title": "T", "organisation": {"name": "Stadt"}, "brand": {"colour": "#fff"}}
    assert list(validator("site.schema.json").iter_errors(bad))
    assert list(validator("site.schema.json").iter_errors({"title": "T"}))


def test_vscode_maps_site_yaml_and_recommends_the_extensions():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {"./schemas/site.schema.json": ["site.yaml"]}
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert {"redhat.vscode-yaml", "unifiedjs.vscode-remark"} <= set(extensions["recommendations"])
    remarkrc = (ROOT / ".remarkrc.mjs").read_text(encoding="utf-8")
    assert "remark-lint-frontmatter-schema" in remarkrc and "./content/${f}/*.md" in remarkrc


def corpus_files(case: str):
    site = CORPUS / case / "site"
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        if path.name == "site.yaml":
            yield "site.schema.json", load_yaml(path.read_text(encoding="utf-8")).data
        elif path.suffix == ".md" and rel.parts[0] == "content":
            try:
                yield f"{rel.parts[1]}.schema.json", front_matter(path.read_text("utf-8"))
            except Exception:  # broken YAML is the build's to report, not the schema's
                continue


@pytest.mark.parametrize("case", SCHEMA_CASES)
def test_malformed_corpus_is_rejected(case):
    assert (CORPUS / case).is_dir(), f"tests/malformed/{case} is missing"
    rejected = [
        name for name, data in corpus_files(case) if list(validator(name).iter_errors(data))
    ]
    assert rejected, f"no file of tests/malformed/{case} is rejected by its schema"


def test_the_sites_own_categories_employers_and_occupations_are_enums(tmp_path):
    site = write_files(
        tmp_path / "site",
        {
            **SCRATCH_FILES,
            "content/employers/stadtwerke.md": "---\nname: Stadtwerke\n---\nText.\n",
            "content/occupations/koch.md": "---\nname: Koch\n---\nText.\n",
        },
    )
    vacancies = validator("vacancies.schema.json", site)
    good = {**GOOD_VACANCY, "employer": "stadtwerke", "occupations": ["koch"]}
    assert not list(vacancies.iter_errors(good))
    assert not list(vacancies.iter_errors({**good, "employer": None}))  # `employer:` empty
    for wrong in ({"category": "kantine"}, {"employer": "lvb"}, {"occupations": ["bäcker"]}):
        (error,) = vacancies.iter_errors({**good, **wrong})
        assert error.path[0] == next(iter(wrong)), wrong
        assert "enum" in [error.validator] + [e.validator for e in error.context]
    stories = validator("stories.schema.json", site)
    assert list(stories.iter_errors({"employer": "lvb"}))
    faq = validator("faq.schema.json", site)  # a FAQ's category is a free group name
    assert not list(faq.iter_errors({"question": "Wie?", "category": "kantine"}))


def test_without_employers_every_employer_is_wrong_and_without_a_site_any_is_right(tmp_path):
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    assert list(validator("vacancies.schema.json", site).iter_errors({"employer": "lvb"}))
    generic = validator("vacancies.schema.json", None)
    assert not list(generic.iter_errors({**GOOD_VACANCY, "category": "kantine"}))


def test_cli_writes_the_schemas_of_the_site_it_is_given(tmp_path):
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    result = run_cli("schema", "--site", str(site), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    schema = json.loads((tmp_path / "out" / "vacancies.schema.json").read_text())
    assert Draft7Validator(schema).is_valid(GOOD_VACANCY)
    assert not Draft7Validator(schema).is_valid({**GOOD_VACANCY, "category": "kantine"})
    (site / "site.yaml").write_text("title: T\nfarbe: rot\n", encoding="utf-8")
    result = run_cli("schema", "--site", str(site), "--out", str(tmp_path / "out2"))
    assert result.returncode == 1 and "site.yaml:2: farbe: unknown field" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out2").exists()
