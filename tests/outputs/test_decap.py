"""The Decap CMS configuration: valid YAML, every field of every model, Decap only on admin/."""

from __future__ import annotations

import typing

import pytest
import yaml
from helpers import BUILD_DATE, SITE_YAML, run_cli
from pydantic import BaseModel

from karriere.content.front_matter import COLLECTIONS
from karriere.outputs.admin import _union_args

CMS = "cms:\n  backend: gitlab\n  repo: stadt/karriere\n  auth_type: pkce\n  app_id: abc\n"


def build(site, extra: str = CMS):
    (site / "site.yaml").write_text(SITE_YAML + extra, encoding="utf-8")
    return run_cli("build", "--site", str(site), "--date", BUILD_DATE)


@pytest.fixture
def admin(scratch_site):
    result = build(scratch_site)
    assert result.returncode == 0, result.stderr
    return scratch_site / "public" / "admin"


def sub_model(annotation) -> type[BaseModel] | None:
    for arg in _union_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def assert_covers(model: type[BaseModel], decap_fields: list[dict], where: str) -> None:
    by_name = {f["name"]: f for f in decap_fields}
    for name, info in model.model_fields.items():
        assert name in by_name, f"{where}: field {name!r} missing from the Decap config"
        entry = by_name[name]
        assert entry["label"] and entry["widget"], f"{where}.{name}"
        assert entry.get("required", True) == info.is_required(), f"{where}.{name}: required"
        nested = sub_model(info.annotation)
        if nested is not None:
            assert entry["widget"] == "object"
            assert_covers(nested, entry["fields"], f"{where}.{name}")
    assert set(by_name) <= set(model.model_fields) | {"body"}, f"{where}: unknown fields"


def test_config_is_yaml_and_covers_every_field_of_every_model(admin):
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {
        "name": "gitlab",
        "branch": "main",
        "repo": "stadt/karriere",
        "auth_type": "pkce",
        "app_id": "abc",
    }
    assert config["media_folder"] == "content/media" and config["public_folder"] == "media"
    assert config["locale"] == "de"
    collections = {c["name"]: c for c in config["collections"]}
    assert set(collections) == set(COLLECTIONS)
    for folder, model in COLLECTIONS.items():
        c = collections[folder]
        assert c["folder"] == f"content/{folder}" and c["format"] == "frontmatter"
        assert c["fields"][-1] == {
            "label": c["fields"][-1]["label"],
            "name": "body",
            "widget": "markdown",
        }
        assert_covers(model, c["fields"], folder)
    assert collections["vacancies"]["preview_path"] == "stellen/{{slug}}/"
    assert collections["vacancies"]["label"] == "Stellenangebote"


def widgets(config) -> dict[str, dict]:
    vacancy = next(c for c in config["collections"] if c["name"] == "vacancies")
    return {f["name"]: f for f in vacancy["fields"]}


def test_right_widget_per_field(admin):
    f = widgets(yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8")))
    assert f["posted"]["widget"] == "datetime" and f["posted"]["format"] == "YYYY-MM-DD"
    assert f["posted"]["time_format"] is False
    assert f["draft"] == {**f["draft"], "widget": "boolean", "default": False, "required": False}
    assert f["employment"]["widget"] == "select" and f["employment"]["multiple"] is True
    employment = typing.get_args(
        typing.get_args(COLLECTIONS["vacancies"].model_fields["employment"].annotation)[0]
    )
    assert f["employment"]["options"] == list(employment)
    assert f["image"]["widget"] == "image" and f["summary"]["widget"] == "text"
    assert {o["value"] for o in f["category"]["options"]} >= {"ausbildung", "fachkraft"}
    video = {v["name"]: v for v in f["video"]["fields"]}
    assert video["file"]["widget"] == "file" and video["poster"]["widget"] == "image"
    assert video["aspect"]["widget"] == "select"
    assert f["title"]["label"] == "Stellentitel" and f["deadline"]["label"] == "Bewerbungsschluss"


def test_without_decap_installed_the_admin_page_says_how(admin):
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page and "npm install decap-cms" in page
    assert not (admin / "decap-cms.js").exists()


def test_decap_is_copied_from_node_modules_and_only_admin_loads_it(scratch_site):
    dist = scratch_site / "node_modules" / "decap-cms" / "dist"
    dist.mkdir(parents=True)
    (dist / "decap-cms.js").write_text("/* decap */", encoding="utf-8")
    (dist / "123.decap-cms.js").write_text("/* chunk */", encoding="utf-8")
    (dist / "decap-cms.js.map").write_text("{}", encoding="utf-8")
    result = build(scratch_site)
    assert result.returncode == 0, result.stderr
    out = scratch_site / "public"
    admin = out / "admin"
    assert (admin / "decap-cms.js").read_text() == "/* decap */"
    assert (admin / "123.decap-cms.js").is_file() and not (admin / "decap-cms.js.map").exists()
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in page and "noindex" in page
    preview = (admin / "preview.js").read_text(encoding="utf-8")
    style = next((out / "assets").glob("style.*.css")).name
    assert preview == f'CMS.registerPreviewStyle("/karriere/assets/{style}");\n'
    for html in out.rglob("*.html"):
        if "admin" not in html.relative_to(out).parts:
            assert "decap" not in html.read_text(encoding="utf-8").lower(), html


def test_decap_installed_after_a_build_is_picked_up(scratch_site):
    assert build(scratch_site).returncode == 0  # (site.yaml is left alone from here on)

    def again():
        return run_cli("build", "--site", str(scratch_site), "--date", BUILD_DATE)

    admin = scratch_site / "public" / "admin"
    assert not (admin / "decap-cms.js").exists()
    dist = scratch_site / "node_modules" / "decap-cms" / "dist"
    dist.mkdir(parents=True)
    (dist / "decap-cms.js").write_text("/* decap */", encoding="utf-8")
    result = again()
    assert result.returncode == 0, result.stderr
    assert (admin / "decap-cms.js").read_text() == "/* decap */"
    assert '<script src="decap-cms.js">' in (admin / "index.html").read_text(encoding="utf-8")
    (dist / "decap-cms.js").write_text("/* decap, updated */", encoding="utf-8")
    assert again().returncode == 0
    assert (admin / "decap-cms.js").read_text() == "/* decap, updated */"


def test_no_cms_no_admin(scratch_site):
    result = run_cli("build", "--site", str(scratch_site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    assert not (scratch_site / "public" / "admin").exists()


def test_github_backend_needs_a_repo(scratch_site):
    result = build(scratch_site, "cms:\n  backend: github\n")
    assert result.returncode == 1
    assert "site.yaml:" in result.stderr and "needs repo" in result.stderr
