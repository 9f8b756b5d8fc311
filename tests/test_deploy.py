"""Deploy recipes: valid YAML, nightly schedules, and the README's build command, run for real."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess

import yaml
from helpers import BUILD_DATE, ROOT, run_cli

DEPLOY = ROOT / "deploy"
BUILD = "python build.py build"


def load(name: str) -> dict:
    return yaml.safe_load((DEPLOY / name).read_text(encoding="utf-8"))


def build_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(BUILD)]


def test_readme_documents_the_build_command():
    assert BUILD in (ROOT / "README.md").read_text(encoding="utf-8")


def test_gitlab_pages_builds_on_push_and_schedule():
    job = load("gitlab-pages.gitlab-ci.yml")["pages"]
    assert job["artifacts"]["paths"] == ["public"]
    conditions = " ".join(rule["if"] for rule in job["rules"])
    assert '$CI_PIPELINE_SOURCE == "schedule"' in conditions
    assert "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in conditions
    assert build_lines(job["script"]) == [f"{BUILD} --out public"]


def github_workflow() -> tuple[dict, list[str]]:
    workflow = load("github-pages.yml")
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    steps = [s.get("run", "") for s in workflow["jobs"]["build"]["steps"]]
    return triggers, steps


def test_github_pages_builds_on_push_and_schedule():
    triggers, steps = github_workflow()
    assert triggers["push"]["branches"] == ["main"]
    (nightly,) = triggers["schedule"]
    minute, hour, *rest = nightly["cron"].split()
    assert rest == ["*", "*", "*"] and hour == "23", "just after midnight in Germany (UTC+1/+2)"
    assert len(build_lines(steps)) == 1
    uploads = load("github-pages.yml")["jobs"]["build"]["steps"][-1]
    assert uploads["with"]["path"] == "public"


def run_pipeline_command(command: str, tmp_path, env: dict[str, str]) -> None:
    """Run the pipeline's build line against the example site, with CI variables filled in."""
    for name, value in env.items():
        command = command.replace(name, value)
    args = shlex.split(command)[len(shlex.split(BUILD)) :]
    args = [str(tmp_path / a) if a == "public" else a for a in args]
    result = run_cli("build", *args, "--site", str(ROOT), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "public" / "index.html").is_file()


def test_gitlab_build_command_runs(tmp_path):
    (line,) = build_lines(load("gitlab-pages.gitlab-ci.yml")["pages"]["script"])
    run_pipeline_command(line, tmp_path, {})


def test_github_build_command_runs(tmp_path):
    _, steps = github_workflow()
    (line,) = build_lines(steps)
    pages_url = "https://stadt.github.io/karriere"
    run_pipeline_command(line, tmp_path, {"${{ steps.pages.outputs.base_url }}": pages_url})
    sitemap = (tmp_path / "public" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{pages_url}/stellen/</loc>" in sitemap


def test_nginx_config_has_the_documented_rules():
    conf = (DEPLOY / "nginx-karriere.conf").read_text(encoding="utf-8")
    assert "error_page 404 /karriere/404.html;" in conf
    assert 'Cache-Control "public, max-age=31536000, immutable"' in conf
    assert 'add_header Cache-Control "no-cache" always;' in conf
    assert subprocess.run(["bash", "-n", str(DEPLOY / "try-nginx.sh")]).returncode == 0


def test_nginx_serves_the_site_under_a_sub_path():
    # .ci/run installs nginx; a missing one fails here rather than skipping the recipe's test
    assert shutil.which("nginx") or os.path.exists("/usr/sbin/nginx"), (
        "nginx is not installed (apt-get install -y nginx, as .ci/run does)"
    )
    result = subprocess.run(
        ["bash", str(DEPLOY / "try-nginx.sh")], capture_output=True, text=True, timeout=240
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout


def test_both_recipes_keep_the_build_cache_between_runs():
    gitlab = load("gitlab-pages.gitlab-ci.yml")["cache"]
    assert [c for c in gitlab if c["paths"] == [".karriere-cache/"]]
    steps = load("github-pages.yml")["jobs"]["build"]["steps"]
    cache = next(n for n, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    build = next(n for n, s in enumerate(steps) if "build.py build" in s.get("run", ""))
    assert steps[cache]["with"]["path"] == ".karriere-cache" and cache < build
