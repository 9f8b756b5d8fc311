"""docs/felder.md, the field reference, is made from the models and kept current."""

from __future__ import annotations

import importlib.util
import re

from helpers import ROOT

from karriere.config.settings import SiteConfig
from karriere.content.front_matter import COLLECTIONS

SCRIPT = ROOT / "scripts" / "field_reference.py"
DOC = ROOT / "docs" / "felder.md"


def generator():
    spec = importlib.util.spec_from_file_location("field_reference", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_field_reference_is_current():
    fresh = generator().reference()
    assert DOC.read_text(encoding="utf-8") == fresh, (
        "docs/felder.md is stale; run: python scripts/field_reference.py"
    )


def test_every_field_and_every_link_is_there():
    ref = generator()
    text = ref.reference()
    sections = re.split(r"^## ", text, flags=re.MULTILINE)
    titles = {"site.yaml": "site.yaml"} | {folder: ref.heading(folder) for folder in COLLECTIONS}
    for folder, model in [("site.yaml", SiteConfig), *COLLECTIONS.items()]:
        section = next(s for s in sections if s.startswith(titles[folder] + "\n"))
        for name in model.model_fields:
            assert f"| `{name}` |" in section, f"{folder}: {name}"
    headings = re.findall(r"^#{1,3} (.+)$", text, flags=re.MULTILINE)
    anchors = {ref.anchor(title) for title in headings}
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert target in anchors, target


def test_readme_and_editors_guide_link_to_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "shared/spec.md" not in readme
    assert "(docs/felder.md)" in readme
    guide = (ROOT / "docs" / "redaktion" / "README.md").read_text(encoding="utf-8")
    assert "(../felder.md)" in guide
