"""The web editor's files: admin/ with a Decap CMS configuration generated from the
content models, written only when site.yaml has a `cms:` group. Decap's script comes from
the site's own node_modules/decap-cms (never a CDN) and is copied into admin/."""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from markupsafe import escape
from pydantic import BaseModel

from karriere.base.messages import say
from karriere.base.places import DECAP_DIST
from karriere.content.front_matter import COLLECTIONS
from karriere.write.output import Bytes, Copy, Output

if TYPE_CHECKING:
    from karriere.config.cms import CmsSettings
    from karriere.site.model import Site


PLURAL = {
    "vacancies": "Stellenangebote",
    "stories": "Geschichten",
    "faq": "Häufige Fragen",
    "pages": "Seiten",
    "events": "Veranstaltungen",
    "employers": "Arbeitgeber",
    "occupations": "Berufe",
    "posts": "Social-Media-Beiträge",
    "leichte-sprache": "Leichte Sprache",
    "gebaerdensprache": "Gebärdensprache",
}


PREVIEW = {
    "vacancies": "stellen/{{slug}}/",
    "stories": "geschichten/{{slug}}/",
    "faq": "faq/",
    "pages": "{{slug}}/",
    "posts": "social/",
    "leichte-sprache": "leichte-sprache/{{slug}}/",
    "gebaerdensprache": "gebaerdensprache/{{slug}}/",
}


LABELS = {"summary": "Kurzbeschreibung"}  # where the description does not start with a label


IMAGES = {"image", "poster", "logo"}


FILES = {"file", "captions"}


LONG_TEXT = {"summary", "quote", "transcript", "text", "description"}


def decap_config(site: Site, cms: CmsSettings) -> dict[str, Any]:
    base = site.urls.absolute("")
    backend = {"name": cms.backend, "branch": cms.branch}
    for key in ("repo", "api_root", "base_url", "auth_type", "app_id"):
        if getattr(cms, key):
            backend[key] = getattr(cms, key)
    config: dict[str, Any] = {"backend": backend}
    if cms.local_backend:
        config["local_backend"] = True
    if cms.editorial_workflow:
        config["publish_mode"] = "editorial_workflow"
    config |= {
        "locale": "de",
        "site_url": base,
        "display_url": base,
        "media_folder": "content/media",
        "public_folder": "media",  # front matter paths are relative to content/
        "omit_empty_optional_fields": True,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            collection(folder, model, site.categories) for folder, model in COLLECTIONS.items()
        ],
    }
    return config


def collection(folder: str, model: type[BaseModel], categories: dict[str, str]) -> dict[str, Any]:
    singular = (model.__doc__ or folder).split("(")[0].strip().rstrip(".")
    key = "question" if "question" in model.model_fields else "title"
    found = {
        "name": folder,
        "label": PLURAL.get(folder, singular),
        "label_singular": singular,
        "folder": f"content/{folder}",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "slug": "{{slug}}",
        "identifier_field": key,
    }
    if folder in PREVIEW:
        found["preview_path"] = PREVIEW[folder]
    body = "Antwort" if folder == "faq" else "Text"
    found["fields"] = fields(model) + [{"label": body, "name": "body", "widget": "markdown"}]
    if folder == "vacancies":  # the site's own category keys, shown with their names
        options = [{"label": name, "value": key} for key, name in categories.items()]
        for item in found["fields"]:
            if item["name"] == "category":
                item |= {"widget": "select", "options": options}
    return found


def fields(model: type[BaseModel]) -> list[dict[str, Any]]:
    return [field(name, info) for name, info in model.model_fields.items()]


def field(name: str, info) -> dict[str, Any]:
    description = info.description or name
    found: dict[str, Any] = {"label": label(name, description), "name": name}
    found |= widget(name, info.annotation)
    if description != found["label"]:
        found["hint"] = description
    if not info.is_required():
        found["required"] = False
        if isinstance(info.default, bool | int | str) and info.default is not None:
            found["default"] = info.default
    return found


def label(name: str, description: str) -> str:
    if name in LABELS:
        return LABELS[name]
    for stop in (", z. B.", " (", ":", ","):
        description = description.split(stop)[0]
    return description.strip()


def widget(name: str, annotation: Any) -> dict[str, Any]:
    """The Decap widget for one annotation; Optional[...] is unwrapped first."""
    args = [a for a in _union_args(annotation) if a is not type(None)]
    models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
    if models:  # e.g. Address, or 'text or address': the form offers the full object
        return {"widget": "object", "collapsed": True, "fields": fields(models[0])}
    if dt.datetime in args:
        return {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm:ssZ"}
    if args == [dt.date]:
        return {
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "DD.MM.YYYY",
            "time_format": False,
        }
    if len(args) != 1:  # e.g. 'date or text' (start): text keeps both possible
        return {"widget": "string"}
    kind = args[0]
    origin = typing.get_origin(kind)
    if origin is Literal:
        return {"widget": "select", "options": list(typing.get_args(kind))}
    if origin is list:
        (item,) = typing.get_args(kind)
        if typing.get_origin(item) is Literal:
            return {"widget": "select", "multiple": True, "options": list(typing.get_args(item))}
        return {"widget": "list"}
    if kind is bool:
        return {"widget": "boolean"}
    if kind is int:
        return {"widget": "number", "value_type": "int"}
    if kind is float:
        return {"widget": "number", "value_type": "float"}
    if name in IMAGES:
        return {"widget": "image"}
    if name in FILES:
        return {"widget": "file"}
    return {"widget": "text" if name in LONG_TEXT else "string"}


def _union_args(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return list(typing.get_args(annotation))
    return [annotation]


def admin_page(site: Site, with_script: bool) -> str:
    title = escape(f"Redaktion – {site.settings.title}")
    if with_script:
        body = '<script src="decap-cms.js"></script>\n<script src="preview.js"></script>\n'
    else:
        body = (
            "<main>\n<h1>Web-Editor nicht installiert</h1>\n"
            "<p>Im Site-Ordner <code>npm install decap-cms</code> ausführen und die Website "
            "neu bauen; dann liegt der Editor hier unter admin/.</p>\n</main>\n"
        )
    return (
        '<!doctype html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="robots" content="noindex">\n<title>{title}</title>\n'
        f"</head>\n<body>\n{body}</body>\n</html>\n"
    )


def preview_script(style_url: str | None) -> str:
    """Decap shows the entry with the site's own stylesheet in its preview pane."""
    if not style_url:
        return ""
    return f"CMS.registerPreviewStyle({json.dumps(style_url)});\n"


def decap_files(site_dir: Path) -> list[Path]:
    """The browser build of Decap and the chunks and WebAssembly it loads next to itself."""
    dist = site_dir / DECAP_DIST
    main = dist / "decap-cms.js"
    if not main.is_file():
        return []
    extra = sorted(dist.glob("*.decap-cms.js")) + sorted(dist.glob("*.wasm"))
    extra += [p for p in [dist / "decap-cms.js.LICENSE.txt"] if p.is_file()]
    return [main, *extra]


def admin_outputs(site: Site, asset_names: dict[str, str]) -> list[Output]:
    """admin/config.yml, admin/index.html (+ Decap itself when installed); [] without cms:."""
    cms = getattr(site.settings, "cms", None)
    if cms is None:
        return []
    config = yaml.safe_dump(decap_config(site, cms), allow_unicode=True, sort_keys=False)
    scripts = decap_files(site.config.site_dir)
    style = asset_names.get("style.css")
    page, package = say("the admin page"), say("npm package {name}", name="decap-cms")
    found = [
        Bytes("admin/config.yml", config.encode(), origin=say("the Decap CMS configuration")),
        Bytes("admin/index.html", admin_page(site, bool(scripts)).encode(), origin=page),
    ]
    if scripts:
        preview = preview_script(site.urls.path("assets/" + style) if style else None)
        found.append(Bytes("admin/preview.js", preview.encode(), origin=page))
        found += [Copy(f"admin/{p.name}", p, origin=package) for p in scripts]
    return found
