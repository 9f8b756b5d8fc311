"""Stage 4: render every page of the site model with Jinja2 (autoescape on everywhere).

While a page renders, Jinja records what it reads (base/deps.py): each template it loads,
each global it resolves, and each `site.<name>` it touches through `TrackedSite`. With a
`PageCache` (incremental/page_cache.py), pages whose recorded inputs are unchanged are not
rendered again.
Many pages render in a pool of processes, one per core.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from functools import partial
from itertools import compress
from operator import is_
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Protocol

import jinja2
import jinja2.runtime
from jinja2.compiler import CodeGenerator
from jinja2.utils import internalcode
from markupsafe import escape

try:  # markupsafe's own escaping (C, else its Python twin), without the Markup around it
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover (a markupsafe before 3.0)
    _escape_inner = None

from karriere.base import strings
from karriere.base.deps import note, recording
from karriere.base.errors import BuildError, Problem
from karriere.base.file_facts import file_facts
from karriere.base.hashing import file_signature, hash_bytes
from karriere.base.messages import say, why
from karriere.base.places import cache_folder as cache_dir
from karriere.base.workers import fork_pool
from karriere.config.theme import Theme
from karriere.render import words
from karriere.render.filters import add_filters
from karriere.render.list_cards import Cards, Shared, splice
from karriere.render.page_globals import page_globals
from karriere.site.model import Page, Site
from karriere.write.folders import make_folder
from karriere.write.output import Bytes, Output, Spooled
from karriere.write.spool import Spool

_is_none = partial(is_, None)

PARALLEL_FROM = 64  # pages; fewer render faster in this process than a pool starts


class PageCache(Protocol):
    """What render_pages needs from the incremental engine (incremental/page_cache.py)."""

    def begin(self, site: Site, globals_: dict) -> None: ...
    def reuse_all(self, pages: list[Page]) -> list[Output | None]: ...
    def remember(self, page: Page, digest: str | None, deps: frozenset) -> None: ...

    private_folder: bool  # the preview's own output folder: the writer tells files apart
    fragments: dict  # vacancy cards (list_cards.py): last build's, then this build's
    card_ids: dict  # the same by item identity (fragments.Cards.ids)
    card_calls: dict  # and by page (fragments.Cards.calls)


class TrackedSite:
    """The Site as templates see it: every attribute read is noted as a dependency, with
    the language of the site read for a page in another language than the default."""

    def __init__(self, site: Site, language: str = ""):
        object.__setattr__(self, "_site", site)
        object.__setattr__(self, "_language", (language,) if language else ())

    def __getattr__(self, name: str):
        value = getattr(self._site, name)
        if callable(value) and hasattr(value, "__self__"):
            return _tracked_method(name, value, self._language)
        note(("site", name, None, *self._language))
        return value


def _tracked_method(name: str, method, language: tuple = ()):
    def call(*args, **kwargs):
        plain = all(isinstance(a, (str, int, bool, type(None))) for a in args)
        note(("site", name, args, *language) if plain and not kwargs else ("always",))
        return method(*args, **kwargs)

    return call


class TrackingContext(jinja2.runtime.Context):
    @internalcode
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        """Jinja's `call`, with a shortcut for plain functions and methods: Jinja asks
        each callable twice whether it wants the context, by attribute lookups that fail
        (and raise) for every call of `url()` and the like."""
        kind = type(__obj)
        if kind is FunctionType:
            plain = "jinja_pass_arg" not in __obj.__dict__
        elif kind is MethodType:
            plain = "jinja_pass_arg" not in getattr(__obj.__func__, "__dict__", ())
        else:
            plain = kind is BuiltinFunctionType
        if not plain:
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )

    def resolve_or_missing(self, key: str):
        if key not in ("page", "site"):
            note(("global", key, *self.environment.page_language))
        return super().resolve_or_missing(key)


def escape_text(value) -> str:
    """markupsafe.escape as a plain str: what `{{ x }}` writes is joined into one string
    anyway, and making a Markup object for each cost a sixth of a vacancy page's time."""
    if type(value) is str:
        return _escape_inner(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_inner(str(value))


if _escape_inner is None:  # pragma: no cover

    def escape_text(value) -> str:  # noqa: F811 (the same bytes, the slower way)
        return str(escape(value))


class TextOutputGenerator(CodeGenerator):
    """Jinja's code generator, with `{{ x }}` escaped by escape_text (same bytes)."""

    def writeline(self, x: str, node=None, extra: int = 0) -> None:
        super().writeline(x, node, extra)
        if x.startswith("from jinja2.runtime import "):  # the compiled module's imports
            super().writeline("from karriere.render.pages import escape_text")

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("escape_text(")
            if finalize.src is not None:
                self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)


class TrackingEnvironment(jinja2.Environment):
    context_class = TrackingContext
    code_generator_class = TextOutputGenerator
    # (code,) for the pages of a language other than the site's default; () otherwise:
    # what a page reads from its globals is noted with it (render_pages sets it).
    page_language: tuple = ()

    def _load_template(self, name, globals):  # every extends/include/import passes here
        note(("template", name))
        return super()._load_template(name, globals)

    def make_globals(self, d):
        """A plain dict, not Jinja's ChainMap over the environment's globals: every
        context (a page, each include, each card) makes a set of its keys, and iterating
        a ChainMap is slow. Nothing changes the environment's globals after it is made."""
        return {**self.globals, **(d or {})}


def new_environment(theme: Theme, language: str = "de", address: str = "sie") -> jinja2.Environment:
    env = TrackingEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
        # A plain dict instead of an LRU cache with a lock: any change of a template file
        # brings a new environment (environments_for), so nothing in it goes stale.
        cache_size=-1,
    )
    add_filters(env, language)
    words.install(env, strings.load(language, address))
    return env


def environments_for(
    theme: Theme, site_dir, languages: list[str], address: str = "sie"
) -> dict[str, jinja2.Environment]:
    """One environment per language, the same while no template changed, so templates
    compile once per session (the preview: compiling costs more than rendering a few
    pages); compiled templates are also kept in .karriere-cache/jinja/. The template
    files are looked at once for all languages."""
    files = []
    for folder in theme.template_dirs:
        files += [(str(p), file_signature(p)) for p in sorted(folder.rglob("*")) if p.is_file()]
    key = (tuple(theme.template_dirs), tuple(files), address)
    return {  # a slot per language: one slot would make the languages take turns in it
        language: file_facts.get(
            ("jinja environment", language),
            key,
            lambda language=language: cached_environment(theme, site_dir, language, address),
        )
        for language in languages
    }


def cached_environment(theme: Theme, site_dir, language: str, address: str) -> jinja2.Environment:
    """A new environment that keeps compiled templates in the site's cache folder."""
    env = new_environment(theme, language, address)
    folder = cache_dir(site_dir) / "jinja-3"  # compiled code names karriere.render.pages
    try:
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = SparingBytecodeCache(str(folder))
    except OSError:
        pass  # a read-only site builds fine, just without compiled templates kept
    return env


class SparingBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept where there is room: on a full disk the build goes on."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def render_pages(
    site: Site,
    theme: Theme,
    asset_names: dict[str, str],
    cache: PageCache | None = None,
    jobs: int = 1,
    spool: Spool | None = None,
) -> list[Output]:
    """`spool`: a folder where worker processes may write the pages they render, so that
    the HTML of a big site is not sent to and held by this process."""
    pages = site.pages
    card_store: Cards | None = None
    languages: dict[str, tuple] = {}  # page.language -> (environment, globals)
    envs = environments_for(
        theme, site.config.site_dir, [local.code for local in site.sites], site.settings.address
    )
    for local in site.sites:
        code = "" if local is site else local.code
        env = envs[local.code]
        env.page_language = (code,) if code else ()
        common = page_globals(TrackedSite(local, code), asset_names)
        if card_store is None:
            card_store = Cards(env, common, cache)
        common["vacancy_cards"] = card_store.sibling(env, common, code) if code else card_store
        common["shared"] = Shared(env, common)
        languages[code] = (env, common)
    vacancy_cards = languages[""][1]["vacancy_cards"]
    if cache is not None:
        cache.begin(site, {code: common for code, (_, common) in languages.items()})
    outputs = cache.reuse_all(pages) if cache is not None else [None] * len(pages)
    todo = list(compress(range(len(outputs)), map(_is_none, outputs)))  # at C speed
    problems: set[Problem] = set()
    for number, data, problem, deps, made in render_many(languages, pages, todo, jobs, spool):
        vacancy_cards.used.update(made)
        if problem is not None:
            problems.add(problem)
            continue
        page = pages[number]
        if isinstance(data, tuple):  # (file in the spool, digest)
            digest = data[1]
            outputs[number] = Spooled(page.output_path, data[0], digest, origin=origin(page))
        else:  # (None: the writer gives the digest)
            digest = None if cache is not None and cache.private_folder else hash_bytes(data)
            outputs[number] = Bytes(page.output_path, data, origin=origin(page), digest=digest)
        if cache is not None:
            cache.remember(page, digest, deps)
    if problems:
        raise BuildError(list(problems))
    if cache is not None:
        vacancy_cards.prune()
        cache.fragments = vacancy_cards.used  # what the next build may reuse
        cache.card_ids = vacancy_cards.ids
        cache.card_calls = vacancy_cards.calls
    return outputs  # type: ignore[return-value]


# The hook forked workers read their job from: they inherit this process's memory, so the
# environments, the globals and the pages are never pickled to them. Set by render_many
# only: [{page.language: (env, globals)}, pages, broken, (spool folder, as a tree?)].
_job: list = []


def render_one(number: int) -> tuple[int, bytes | tuple | None, Problem | None, frozenset, dict]:
    """(number, bytes or (spooled file, digest), problem, dependencies, cards rendered)."""
    languages, pages, broken, spool = _job
    if broken:  # a template does not compile: one message is enough, and faster
        return number, None, broken[0], frozenset(), {}
    page = pages[number]
    env, common = languages[page.language]
    cards = common["vacancy_cards"]
    cards.begin_page(page.output_path)
    made, holes = cards.made, cards.holes
    with recording() as deps:
        try:
            html = env.get_template(page.template).render(common, page=page)
            data = splice(html, holes) if holes else html.encode()
        except jinja2.TemplateSyntaxError as exc:
            where = f"template {exc.name or exc.filename}"
            broken.append(Problem(where, exc.lineno or 1, exc.message or ""))
            return number, None, broken[0], frozenset(), {}
        except jinja2.TemplateError as exc:
            return number, None, template_problem(exc, page), frozenset(), {}
        except (ArithmeticError, LookupError, TypeError, ValueError) as exc:  # {{ 1 / 0 }}
            return number, None, template_problem(exc, page), frozenset(), {}
    if spool is not None:
        path = spool_file(spool, number, page.output_path)
        with open(path, "wb") as f:
            f.write(data)
        return number, (path, hash_bytes(data)), None, frozenset(deps.keys), dict(made)
    return number, data, None, frozenset(deps.keys), dict(made)


def spool_file(spool: tuple[str, bool], number: int, output_path: str) -> str:
    """Where a worker puts a page: by number, or at its output path in a tree spool."""
    folder, as_tree = spool
    if not as_tree:
        return os.path.join(folder, f"{number}.html")
    path = f"{folder}/{output_path}"
    parent = path.rpartition("/")[0]
    if parent != folder:
        make_folder(parent)
    return path


def render_chunk(numbers: list[int]) -> list[tuple]:
    return [render_one(n) for n in numbers]


def render_many(
    languages: dict, pages: list[Page], todo: list[int], jobs: int, spool: Spool | None = None
) -> Iterator:
    """Render pages[n] for n in todo, in a pool of forked processes when worth it."""
    _job[:] = [languages, pages, [], None]
    try:
        if jobs <= 1 or len(todo) < PARALLEL_FROM or not hasattr(os, "fork"):
            yield from map(render_one, todo)
            return
        folder = spool.folder() if spool is not None else None
        if folder is not None:
            _job[3] = (str(spool.site), True) if spool.site is not None else (str(folder), False)
        size = max(8, min(64, len(todo) // (jobs * 8)))
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        with fork_pool(jobs) as pool:
            for results in pool.imap(render_chunk, chunks):
                yield from results
    finally:
        _job.clear()


def template_problem(exc: Exception, page: Page) -> Problem:
    """Point at the template line that failed, found in the traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
    where = frames[-1] if frames else None
    name = where.filename.rsplit("/templates/", 1)[-1] if where else page.template
    line = where.lineno if where else 1
    message = say("{error} (while rendering {origin})", error=why(exc), origin=origin(page))
    where = f"template {name}"  # (a path: the same in every language)
    return Problem(where, line or 1, message)


def origin(page: Page) -> str:
    return page.item.entry.source if page.item else say("the {kind} page", kind=page.kind)
