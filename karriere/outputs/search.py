"""The full-text search index: Pagefind's bundle under pagefind/, made from the rendered
pages that render/search_data.py marks (each open vacancy, story and occupation, and
the FAQ), fed to Pagefind from memory (outputs/pagefind.py).

Pagefind keeps one index per language, by each page's `<html lang>`, in the same
bundle: the search page of each language loads its own. The bundle is made again only
when an indexed page changed: its files are kept (`MadeFiles`) under a key made of every
indexed page's digest. The live preview makes it lazily instead (commands/preview_search.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from karriere.base.code import code_digest
from karriere.base.errors import KarriereError
from karriere.base.hashing import hash_bytes, hash_text
from karriere.base.messages import say, why
from karriere.outputs import pagefind, pagefind_files
from karriere.site.model import Page, Site
from karriere.write.made_files import MadeFiles
from karriere.write.output import Bytes, Kept, Output, Spooled

FOLDER = "pagefind/"
ORIGIN = "the search index (Pagefind)"
# The page kinds in the index: each open vacancy, each story and occupation, the FAQ.
KINDS = ("vacancy", "story", "faq", "occupation")


class SearchFailed(KarriereError):
    """Pagefind could not make the index: one sentence, and the previous site stays."""


def failed(reason: str) -> SearchFailed:
    return SearchFailed(
        say(
            "the search index could not be made: Pagefind says: {reason} (reinstall "
            "karriere with its dependencies, or set search: false in site.yaml)",
            reason=reason,
        )
    )


def searchable(site: Site, page: Page) -> bool:
    """In the index: never a draft or an expired vacancy (the preview shows both)."""
    if not site.settings.search or page.kind not in KINDS:
        return False
    item = page.item
    return item is None or not (item.draft or item.expired)


def search_routes(site: Site) -> frozenset[str]:
    """The pages that search (with the facets): /suche/ and /stellen/, in each language.
    Only they may run WebAssembly (outputs/security.py). None with search: false."""
    if not site.settings.search:
        return frozenset()
    languages = site.settings.site_languages
    prefixes = [""] + [f"{language.code}/" for language in languages[1:]]
    return frozenset(p + route for p in prefixes for route in ("stellen/", "suche/"))


def indexed_pages(site: Site) -> list[int]:
    """The numbers of the pages in the index, in site.pages (every language's pages)."""
    return [n for n, page in enumerate(site.pages) if searchable(site, page)]


def search_outputs(
    site: Site,
    pages_out: list[Output],
    made: MadeFiles | None = None,
    last_site: Path | None = None,
) -> list[Output]:
    """The bundle's files. `pages_out`: the pages' outputs, as render_pages returns
    them; `made`: last build's files and what they were made from; `last_site`: where
    the pages that stand (Kept) are, should the index be made again."""
    if not site.settings.search or site.options.preview:  # the preview: lazily
        return []
    chosen = indexed_pages(site)
    outs = [pages_out[n] for n in chosen]
    key = hash_text("search", code_digest(), pagefind.version(), *map(fingerprint, outs))
    made = made if made is not None else MadeFiles()
    make = once(lambda: bundle(site, [site.pages[n] for n in chosen], outs, last_site))
    kept = kept_files(made, key, make)
    if kept is not None:
        return kept
    outputs = []
    for path, data in make().items():
        out = Bytes(FOLDER + path, data, origin=ORIGIN, digest=hash_bytes(data))
        made.remember(out.path, key, out.digest)
        outputs.append(out)
    return outputs


def fingerprint(out: Output) -> str:
    digest = getattr(out, "digest", None) or hash_bytes(out.read())
    return f"{out.path}\0{digest}"


def kept_files(made: MadeFiles, key: str, make: Callable[[], dict]) -> list[Output] | None:
    """Last build's bundle, if it was made from the same pages and is still as written."""
    paths = [p for p, record in made.records.items() if p.startswith(FOLDER) and record[0] == key]
    if FOLDER + "pagefind-entry.json" not in paths or not all(made.has(p, key) for p in paths):
        return None
    remade = [made.kept(p, key, lambda p=p: make()[p[len(FOLDER) :]], ORIGIN) for p in paths]
    return [out for out in remade if out is not None]


def bundle(site: Site, pages: list[Page], outs: list[Output], last_site: Path | None) -> dict:
    """Pagefind's files for these pages (url, html) by path inside pagefind/."""
    # Root-relative to the site: Pagefind puts the sub-path (its bundle's folder) in front.
    fed = [("/" + p.route, html_of(out, last_site)) for p, out in zip(pages, outs, strict=True)]
    try:
        return pagefind_files.stable(pagefind.index_files(fed))  # reproducible bytes
    except (pagefind.PagefindFailed, ValueError) as exc:
        raise failed(why(exc)) from None
    except OSError as exc:
        raise failed(exc.strerror or str(exc)) from None


def html_of(out: Output, last_site: Path | None) -> bytes | Callable[[], bytes]:
    """A page's HTML: in memory, or read when Pagefind is fed (a worker's spooled file;
    last build's page when it stands)."""
    if type(out) is Bytes:
        return out.data
    if type(out) is Spooled:
        return out.read
    if type(out) is Kept and last_site is not None:
        return (last_site / out.path).read_bytes
    raise failed(f"{out.path} is not at hand")


def once(make: Callable[[], dict]) -> Callable[[], dict]:
    done: list[dict] = []

    def call() -> dict:
        if not done:
            done.append(make())
        return done[0]

    return call
