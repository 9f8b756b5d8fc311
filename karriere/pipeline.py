"""The one build pipeline: config -> content -> site -> render -> write.

Everything is gathered and rendered first; only a complete, error-free set of outputs
reaches the writer, so a failed build never touches the previous site. The incremental
engine (engine.py) runs this same pipeline with `Hooks` that reuse earlier work; without
hooks every stage starts from scratch.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from karriere.base.errors import BuildError, Problem
from karriere.base.memo import Memo, NoMemo
from karriere.base.recall import Recall
from karriere.config.settings import Config, load_config
from karriere.config.theme import Theme, load_theme
from karriere.content.loading import load_content, load_entry
from karriere.outputs import feeds as machine
from karriere.outputs import og_cards as cards
from karriere.outputs import security
from karriere.outputs.admin import admin_outputs
from karriere.outputs.network_files import network_outputs
from karriere.outputs.posters import poster_outputs
from karriere.render.pages import PageCache, render_pages
from karriere.site.build import build_site
from karriere.site.model import LEGAL_PAGES, BuildOptions, Site
from karriere.write.made_files import MadeFiles
from karriere.write.output import Bytes, Copy, Output
from karriere.write.spool import Spool


@dataclass(frozen=True)
class Request:
    """What the command line asked for."""

    site_dir: Path
    today: object  # datetime.date
    drafts: bool = False
    base_url: str | None = None
    preview: bool = False


@dataclass
class Result:
    site: Site
    outputs: list[Output]
    warnings: list[Problem]


def base_url_for(config: Config, request: Request) -> str:
    url = request.base_url or config.settings.base_url
    if not url:
        raise BuildError(
            [
                Problem(
                    "site.yaml",
                    1,
                    "base_url: missing. Every absolute URL (canonical links, Open Graph "
                    "images, sitemap, feed) is made from it, so a production build needs it "
                    "(expected e.g. base_url: https://example.org/karriere/, or --base-url)",
                )
            ]
        )
    return url if url.endswith("/") else url + "/"


def default_jobs() -> int:
    """Worker processes: KARRIERE_JOBS, else one per core this process may use."""
    wanted = os.environ.get("KARRIERE_JOBS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@dataclass
class Hooks:
    """What the incremental engine plugs into the stages; the defaults redo everything."""

    load_content: Callable = load_content  # (config, load_entry) -> Content
    load_entry: Callable = load_entry
    markdown: object | None = None  # anything with .convert_packed(body) -> html
    pages: PageCache | None = None
    memo: Memo = field(default_factory=NoMemo)
    made_files: MadeFiles | None = None  # QR codes last build left in the output folder
    jobs: int = 1
    recall: Recall | None = None  # what the previous build made from the same objects
    # The same for the rows of the feed, the sitemap and the filter index: only a process
    # that builds again (the preview) keeps them; a one-off build would only hold them.
    recall_rows: Recall | None = None
    spool: Spool | None = None  # where worker processes may write pages and QR codes
    pages_rendered: Callable[[], None] | None = None  # called once every page is made


def load_settings(request: Request) -> tuple[Config, BuildOptions]:
    config = load_config(request.site_dir)
    options = BuildOptions(
        today=request.today,
        base_url=base_url_for(config, request),
        drafts=request.drafts,
        preview=request.preview,
    )
    return config, options


def generate(request: Request, hooks: Hooks | None = None) -> Result:
    """Run every stage up to (not including) writing."""
    config, options = load_settings(request)
    return generate_from(config, options, hooks or Hooks(jobs=default_jobs()))


def generate_from(config: Config, options: BuildOptions, hooks: Hooks) -> Result:
    content = hooks.load_content(config, hooks.load_entry)
    site = build_site(config, content, options, hooks.markdown, hooks.recall)
    theme = load_theme(config)
    outputs = collect_outputs(site, theme, hooks)
    return Result(site=site, outputs=outputs, warnings=content.warnings + warnings(site))


def collect_outputs(site: Site, theme: Theme, hooks: Hooks | None = None) -> list[Output]:
    """Every file of the site. Add a new kind of output here (see cache.py on caching it)."""
    hooks = hooks or Hooks()
    assets = theme.assets()
    published = {name: pub for name, (pub, _) in assets.items()}
    result = render_pages(site, theme, published, hooks.pages, hooks.jobs, hooks.spool)
    if hooks.pages_rendered is not None:
        hooks.pages_rendered()
    result += [machine.sitemap(site, hooks.recall_rows), machine.robots(site)]
    result.append(machine.feed(site, hooks.recall_rows))
    result += network_outputs(
        site, hooks.made_files, hooks.jobs, hooks.recall, hooks.spool, hooks.recall_rows
    )
    result += [
        Bytes(f"assets/{pub}", data, origin=f"theme file {name}")
        for name, (pub, data) in assets.items()
    ]
    if "favicon.ico" in assets:
        result.append(Bytes("favicon.ico", assets["favicon.ico"][1], origin="theme favicon"))
    result += media_outputs(site.config)
    result += cards.card_outputs(site)  # og:image files, drawn only when missing from the cache
    # The web editor (admin/), only when site.yaml asks for it; see karriere/decap.py.
    result += admin_outputs(site, published)
    # Video posters as WebP, and the security headers (CSP): posters.py, security.py.
    result += poster_outputs(site, hooks.memo) + [security.headers_file(site)]
    return result


def media_outputs(config: Config) -> list[Output]:
    """content/media/ is published as media/; nothing outside content/ is ever read."""
    media = config.content_dir / "media"
    root = config.content_dir.resolve()
    found, problems = [], []
    for path in sorted(media.rglob("*")) if media.is_dir() else []:
        if not path.is_file() or path.name.startswith("."):
            continue
        shown = path.relative_to(config.site_dir).as_posix()
        if root not in path.resolve().parents:
            problems.append(
                Problem(
                    shown,
                    1,
                    "links to a file outside content/ (copy the file "
                    "into content/media/ instead of linking it)",
                )
            )
            continue
        rel = path.relative_to(config.content_dir).as_posix()
        found.append(Copy(rel, path, origin=shown))
    if problems:
        raise BuildError(problems)
    return found


def warnings(site: Site) -> list[Problem]:
    found = []
    legal = site.legal()
    labels = {
        "impressum": "Impressum",
        "datenschutz": "Datenschutzerklärung",
        "barrierefreiheit": "Erklärung zur Barrierefreiheit",
    }
    for slug in LEGAL_PAGES:
        if legal[slug] is None:
            found.append(
                Problem(
                    f"content/pages/{slug}.md",
                    1,
                    f"warning: {labels[slug]} is missing; every page links to it "
                    f"(expected content/pages/{slug}.md)",
                )
            )
    return found
