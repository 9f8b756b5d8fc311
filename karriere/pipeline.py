"""The one build pipeline: config -> content -> site -> render -> outputs -> write.

`run()` reads top to bottom: each stage is called once, and only a complete, error-free
set of outputs reaches the writer, so a failed build never touches the previous site.
Without hooks it is a plain, complete build. The incremental engine (karriere/incremental)
plugs in through `Hooks`: each field is typed by the stage that calls it, and no stage
knows the engine.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from karriere.base.errors import BuildError, Problem
from karriere.base.git_dates import content_dates
from karriere.base.memo import Memo, NoMemo
from karriere.base.messages import say
from karriere.base.recall import Recall
from karriere.config.forms import action_problems
from karriere.config.settings import SITE_YAML, Config, load_config
from karriere.config.theme import Theme, load_theme
from karriere.content.loading import ContentLoader, EntryLoader, load_content, load_entry
from karriere.content.markdown import BodyConverter
from karriere.outputs import ba_export, search, security
from karriere.outputs import feeds as machine
from karriere.outputs import og_cards as cards
from karriere.outputs.admin import admin_outputs
from karriere.outputs.job_boards import jobs_feed
from karriere.outputs.network_files import network_outputs
from karriere.outputs.post_feed import post_feed
from karriere.outputs.posters import poster_outputs
from karriere.render.pages import PageCache, render_pages
from karriere.site.build import build_site
from karriere.site.model import LEGAL_PAGES, BuildOptions, Site
from karriere.write.made_files import MadeFiles
from karriere.write.output import Bytes, Copy, FileState, Output, WriteReport
from karriere.write.spool import Spool
from karriere.write.writer import write_site


@dataclass(frozen=True)
class Request:
    """What the command line asked for."""

    site_dir: Path
    today: object  # datetime.date
    drafts: bool = False
    base_url: str | None = None
    preview: bool = False
    language: str | None = None  # of the editor's messages (--lang); None: KARRIERE_LANG


@dataclass
class Result:
    site: Site
    outputs: list[Output]
    warnings: list[Problem]
    written: WriteReport | None = None  # None: the build stopped before writing


def base_url_for(config: Config, request: Request) -> str:
    url = request.base_url or config.settings.base_url
    if not url:
        missing = say(
            "base_url: missing. Every absolute URL (canonical links, Open Graph "
            "images, sitemap, feed) is made from it, so a production build needs it "
            "(expected e.g. base_url: https://example.org/karriere/, or --base-url)"
        )
        raise BuildError([Problem(SITE_YAML, 1, missing)])
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
class Writing:
    """What the writer may know of the previous build (write_site's arguments). The
    defaults know nothing: every file is compared with what is on disk."""

    previous: dict[str, FileState] | None = None  # the manifest of what it wrote
    mode: str = "tree"  # "tree" (atomic swap) or "file" (one by one: the preview)
    private_folder: bool = False  # nobody else writes to out_dir (the preview's own)
    hashed: dict[int, tuple[bytes, str]] | None = None  # digests of bytes kept in memory
    last: dict[str, Output] | None = None  # the previous build's outputs, by path
    spare: Path | None = None  # the previous site, kept to stage the next one in


@dataclass
class Hooks:
    """Where the incremental engine plugs into the stages; the defaults redo everything.
    Each field is typed by the stage that calls it."""

    load_content: ContentLoader = load_content  # content (content/loading.py)
    load_entry: EntryLoader = load_entry  # content
    markdown: BodyConverter | None = None  # site: the bodies' HTML (content/markdown.py)
    recall: Recall | None = None  # site, outputs: what the previous build made (recall.py)
    # site: each content file's last commit day (vacancies' `updated`); the preview's
    # engine keeps the answer while the HEAD commit stays the same
    file_dates: Callable[[Path], dict] = content_dates
    pages: PageCache | None = None  # render (render/pages.py)
    pages_rendered: Callable[[], None] | None = None  # render: called once every page is made
    # The feed's and the sitemap's rows: only a process that builds again (the preview)
    # keeps them; a one-off build's Recall holds none (base/recall_once.py).
    recall_rows: Recall | None = None
    memo: Memo = field(default_factory=NoMemo)  # outputs: posters by their inputs
    made_files: MadeFiles | None = None  # outputs: QR codes and search index last build left
    last_site: Path | None = None  # outputs: where last build's pages are (search index)
    jobs: int = 1  # render, outputs: worker processes
    spool: Spool | None = None  # render, outputs, write: where workers put their files
    writing: Writing = field(default_factory=Writing)  # write


# The engine's part: given the settings and the theme, the hooks of one build.
Prepare = Callable[[Config, BuildOptions, Theme], Hooks]


def run(request: Request, out_dir: Path | None, prepare: Prepare | None = None) -> Result:
    """Build the site into out_dir. out_dir None: every step but writing (`check` reads
    the outputs in memory). No `prepare`: a plain build, every stage from scratch."""
    config, options = load_settings(request)
    theme = load_theme(config)
    hooks = prepare(config, options, theme) if prepare else Hooks(jobs=default_jobs())
    content = hooks.load_content(config, hooks.load_entry)
    dates = hooks.file_dates(request.site_dir)  # one `git log` for `updated`
    site = build_site(config, content, options, hooks.markdown, hooks.recall, dates)
    assets = theme.assets()
    outputs = render_pages(site, theme, published(assets), hooks.pages, hooks.jobs, hooks.spool)
    if hooks.pages_rendered is not None:
        hooks.pages_rendered()
    outputs += other_outputs(site, assets, hooks)
    pages_out = outputs[: len(site.pages)]
    outputs += search.search_outputs(site, pages_out, hooks.made_files, hooks.last_site)
    result = Result(site, outputs, content.warnings + warnings(site))
    if out_dir is not None:
        result.written = write(outputs, out_dir, request.site_dir, hooks)
        if not request.preview:  # the BA export (opt-in): beside the site, after it
            result.warnings += export(site, request.site_dir)
    return result


def export(site: Site, site_dir: Path) -> list[Problem]:
    """Write the HR-BA-XML file if site.yaml asks for it; a warning if it cannot be
    written (the site itself is written by then, and stands)."""
    try:
        ba_export.export_ba(site, site_dir)
    except OSError as exc:
        message = say(
            "warning: the export for the Bundesagentur für Arbeit could not be written: "
            "{reason} (expected a writable folder exports/ next to site.yaml)",
            reason=exc.strerror or str(exc),
        )
        return [Problem(ba_export.FOLDER + "/", 1, message)]
    return []


def generate(request: Request) -> Result:
    """Every step of a plain build but writing."""
    return run(request, None)


def load_settings(request: Request) -> tuple[Config, BuildOptions]:
    config = load_config(request.site_dir)
    base_url = base_url_for(config, request)
    problems = action_problems(config.settings, config.source_text, base_url, SITE_YAML)
    if problems:  # an http form action: only for a site built for this machine
        raise BuildError(problems)
    options = BuildOptions(
        today=request.today,
        base_url=base_url,
        drafts=request.drafts,
        preview=request.preview,
    )
    return config, options


def published(assets: dict[str, tuple[str, bytes]]) -> dict[str, str]:
    """Each theme asset's name -> its published (fingerprinted) name (Theme.assets)."""
    return {name: pub for name, (pub, _) in assets.items()}


def other_outputs(site: Site, assets: dict[str, tuple[str, bytes]], hooks: Hooks) -> list[Output]:
    """Every file of the site but the pages. Add a new kind of output here (see
    incremental/store.py on caching it)."""
    # A published build's big files wait in the spool (the preview compares in memory)
    spool = None if site.options.preview else hooks.spool
    hold = spool.hold if spool is not None else _as_it_is
    result = [hold(machine.sitemap(site, hooks.recall_rows)), machine.robots(site)]
    result += [hold(machine.feed(local, hooks.recall_rows, spool)) for local in site.sites]
    if not site.options.preview:  # for aggregators, which read the published site only
        result.append(jobs_feed(site, hooks.spool))  # stellen/jobs.xml
    result += [out for local in site.sites for out in post_feed(local)]  # social/feed.xml
    result += network_outputs(site, hooks.made_files, hooks.jobs, hooks.recall, hooks.spool)
    result += [
        Bytes(f"assets/{pub}", data, origin=say("theme file {name}", name=name))
        for name, (pub, data) in assets.items()
    ]
    if "favicon.ico" in assets:
        favicon = assets["favicon.ico"][1]
        result.append(Bytes("favicon.ico", favicon, origin=say("theme favicon")))
    result += media_outputs(site.config)
    result += cards.card_outputs(site)  # og:image files, drawn only when missing from the cache
    # The web editor (admin/), only when site.yaml asks for it: outputs/admin.py.
    result += admin_outputs(site, published(assets))
    # Video posters as WebP, and the security headers (CSP).
    result += poster_outputs(site, hooks.memo) + [security.headers_file(site, hooks.recall_rows)]
    return result


def _as_it_is(out: Output) -> Output:
    return out


def write(outputs: list[Output], out_dir: Path, site_dir: Path, hooks: Hooks) -> WriteReport:
    w = hooks.writing
    return write_site(
        outputs, out_dir, site_dir, w.previous, w.mode, private_folder=w.private_folder,
        hashed=w.hashed, last=w.last, spare=w.spare,
        placed=hooks.spool.site if hooks.spool is not None else None,
    )  # fmt: skip


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
            outside = say(
                "links to a file outside content/ (copy the file "
                "into content/media/ instead of linking it)"
            )
            problems.append(Problem(shown, 1, outside))
            continue
        rel = path.relative_to(config.content_dir).as_posix()
        found.append(Copy(rel, path, origin=shown))
    if problems:
        raise BuildError(problems)
    return found


def warnings(site: Site) -> list[Problem]:
    found = [] if site.options.preview else ba_export.missing_titles(site)
    legal = site.legal()
    labels = {  # the pages' German names, in either language of the messages
        "impressum": "Impressum",
        "datenschutz": "Datenschutzerklärung",
        "barrierefreiheit": "Erklärung zur Barrierefreiheit",
    }
    for slug in LEGAL_PAGES:
        if legal[slug] is None:
            missing = say(
                "warning: {page} is missing; every page links to it "
                "(expected content/pages/{slug}.md)",
                page=labels[slug], slug=slug,
            )  # fmt: skip
            path = f"content/pages/{slug}.md"
            found.append(Problem(path, 1, missing))
    return found
