"""JSON Schema for site.yaml and each content type, generated from the build's own models.

Editors' tools (the VS Code YAML extension, remark-lint-frontmatter-schema, Decap CMS
helpers) read these files; the build never does. Draft-07 is the dialect those tools know
best, so pydantic's `$defs` are published as `definitions`. The site's own category keys,
employer and occupation file names are written in as `enum`s, so that an editor's tool
underlines `category: kantine` as it is typed (the build checks them in check_references).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from karriere.config.settings import SiteConfig, load_config
from karriere.content.front_matter import COLLECTIONS

DIALECT = "http://json-schema.org/draft-07/schema#"
SHORTHAND_PROBE = "Musterstadt"


def schemas(site_dir: Path | None = None) -> dict[str, dict[str, Any]]:
    """File name -> schema: site.schema.json and one <folder>.schema.json per content type;
    with the choices of the site in `site_dir`, if it has a site.yaml."""
    choices = site_choices(site_dir) if site_dir is not None else {}
    found = {"site.schema.json": model_schema(SiteConfig, "site.yaml")}
    for folder, model in COLLECTIONS.items():
        schema = model_schema(model, f"content/{folder}/*.md")
        for name, values in choices.items():
            if name in schema["properties"] and (name != "category" or folder == "vacancies"):
                _only(schema["properties"][name], values)
        found[f"{folder}.schema.json"] = schema
    return found


def site_choices(site_dir: Path) -> dict[str, list[str]]:
    """The values check_references accepts: field name -> choices (none without a site)."""
    if not (site_dir / "site.yaml").is_file():
        return {}
    config = load_config(site_dir)  # a broken site.yaml: its errors, as in a build
    names = {
        folder: sorted({p.stem.lower() for p in (config.content_dir / folder).glob("*.md")})
        for folder in ("employers", "occupations", "posts")
    }
    return {
        "category": list(config.settings.categories),  # (only vacancies' category)
        "employer": names["employers"],
        "occupations": names["occupations"],
        "posts": names["posts"],  # (a story's related posts)
    }


def _only(prop: dict[str, Any], values: list[str]) -> None:
    """Let a text field (or a list's entries) take only `values`; null stays allowed."""
    target = prop.get("items", prop)
    for branch in target.get("anyOf", [target]):
        if branch.get("type") == "string":
            branch["enum"] = values


def model_schema(model: type[BaseModel], applies_to: str) -> dict[str, Any]:
    raw = model.model_json_schema(mode="validation", ref_template="#/definitions/{model}")
    definitions = raw.pop("$defs", {})
    for name, sub in definitions.items():
        _drop_titles(sub)
        if _takes_plain_string(model, name):
            definitions[name] = {
                "anyOf": [{"type": "string", "description": "Kurzform: nur der Ort als Text"}, sub]
            }
    _drop_titles(raw)
    schema = {
        "$schema": DIALECT,
        "title": f"{applies_to} ({model.__name__})",
        **raw,
    }
    if definitions:
        schema["definitions"] = definitions
    return schema


def _drop_titles(schema: dict[str, Any]) -> None:
    """pydantic's automatic English titles ('Postal Code') only hide the German descriptions."""
    schema.pop("title", None)
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)


def _takes_plain_string(root: type[BaseModel], name: str) -> bool:
    """A sub-model whose validator accepts a plain string (Address: 'Musterstadt')."""
    sub = _find_model(root, name)
    if sub is None:
        return False
    try:
        sub.model_validate(SHORTHAND_PROBE)
    except ValidationError:
        return False
    return True


def _find_model(root: type[BaseModel], name: str) -> type[BaseModel] | None:
    seen: set[type] = set()
    stack: list[Any] = [root]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            if current in seen:
                continue
            seen.add(current)
            if current.__name__ == name:
                return current
            stack.extend(f.annotation for f in current.model_fields.values())
        else:
            stack.extend(getattr(current, "__args__", ()) or ())
    return None


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(out: Path, site_dir: Path | None = None) -> list[Path]:
    found = schemas(site_dir)  # (before the folder is made: site.yaml may have errors)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in found.items():
        path = out / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
