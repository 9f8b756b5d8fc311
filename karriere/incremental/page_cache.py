"""The render stage's hook (render.pages.PageCache): which pages need no rendering.

A page is rendered again unless its fingerprint (the page object with its items,
site.yaml, karriere's code, options, asset names, media files: `base`) and every
dependency it recorded last time (templates loaded, `site.<x>` read, globals used, files
read) are unchanged and its output file is as written. In the preview, most pages are
the very objects the last build checked (recall.py): those are found by identity.
"""

from __future__ import annotations

import dataclasses
import operator
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import compress, repeat
from pathlib import Path

from karriere.base.hashing import file_signature, hash_bytes, hash_text
from karriere.base.messages import say
from karriere.base.packed import packed_digest
from karriere.base.recall import changed_places
from karriere.config.theme import Theme
from karriere.incremental.state import Record, State
from karriere.incremental.store import Fingerprints
from karriere.site.model import Page, Site
from karriere.write.output import Kept, Output

PAGE_FIELDS = tuple(f.name for f in dataclasses.fields(Page))


@dataclass
class PageMemory:
    """What a build's PageCache leaves to the next build in the same process (the preview
    builds again and again). The parts made for another `base` are not used."""

    base: str = ""
    shapes: dict[str, tuple] = field(default_factory=dict)  # path -> (page, fields, base, fp)
    item_keys: dict[int, tuple] = field(default_factory=dict)  # id(item) -> (item, base, key)
    kept: dict[str, tuple] = field(default_factory=dict)  # PageCache.kept
    in_place: tuple | None = None  # PageCache.in_place
    card_ids: dict = field(default_factory=dict)  # list_cards.Cards.ids
    card_calls: dict = field(default_factory=dict)  # list_cards.Cards.calls
    template_hashes: dict[str, tuple] = field(default_factory=dict)  # any base
    fingerprints: dict[int, tuple] = field(default_factory=dict)  # Fingerprints.memo


_NOTHING_KEPT = (None, None, None, None)
_GONE = object()  # a path that a table did not hold (PageCache._put)
_first, _second, _third, _fourth = (operator.itemgetter(n) for n in range(4))
_deps = operator.attrgetter("deps")


def kept_page(page: Page, digest: str) -> Output:
    """A page whose file from the last build stands (the writer checks it is there)."""
    origin = page.item.entry.source if page.item else say("the {kind} page", kind=page.kind)
    return Kept(page.output_path, digest, origin=origin)


class PageCache:
    """Decides, page by page, whether last build's output can stand (render.PageCache)."""

    def __init__(
        self, state: State, out_dir: Path, hashes: dict, base: str, theme: Theme,
        fragments: dict, memory: PageMemory | None = None, in_memory: bool = False,
        places: Callable[[list, list], list[int] | None] = changed_places,
    ):  # fmt: skip
        memory = memory or PageMemory()
        same_base = memory.base == base
        self.records = state.records
        self.fragments = fragments
        self.manifest = state.manifest
        self.out_dir = out_dir
        self._out = str(out_dir) + os.sep
        # The preview (`in_memory`): its output folder is its own, so a kept file is as
        # written (not looked at on disk); its records live in this process only, so a
        # page whose fields changed gets a new token as its fingerprint instead of a
        # digest of its objects (a list page's items): nothing compares it with another's;
        # and `fragments` (vacancy cards) lives on: added to in place.
        self.private_folder = in_memory
        self.places = places  # where this build's pages differ from last build's (Recall.changed)
        self.tokens = in_memory
        self.keeps_cards = in_memory
        # Only a next build in this process compares pages field by field, or finds an
        # entry's fingerprint again: a command-line build keeps neither.
        self.keeps_shapes = in_memory
        self.fingerprints = Fingerprints(hashes, memory.fingerprints, keeps_entries=in_memory)
        self.base = base
        self.theme = theme
        self.new_records: dict[str, Record] = {}
        # Set when new_records and new_kept are last build's tables, changed in place:
        # (table, path, what it held) for each change, and the records of the changed
        # places as they were (_reuse_in_place).
        self._undo: list[tuple[dict, str, object]] | None = None
        self._before: dict[str, Record | None] = {}
        self.rendered: list[str] = []
        self.rendered_pages: list[Page] = []  # the same, as pages (the preview only)
        self._digests: dict[tuple, str] = {}
        self._checked: dict[int, tuple[tuple, bool]] = {}
        self.shapes = memory.shapes  # last build's, if this process made it
        self.new_shapes: dict[str, tuple] = {}
        self.item_keys = memory.item_keys
        self.new_item_keys: dict[int, tuple] = {}
        self._shared: dict[tuple, tuple] = {}
        self._pairs_of: dict[frozenset, tuple] = {}  # pairs() by its argument, this build
        self._site: Site | None = None
        self._globals: dict[str, dict] = {}
        # Kept pages as the same Output objects as last build (writer.plan: `last`).
        # path -> (page, record, Output, manifest state), last build's (same base only)
        self.kept: dict[str, tuple] = memory.kept if same_base else {}
        self.new_kept: dict[str, tuple] = {}
        # Last build's pages in order, with what new_kept held for each, the distinct lists
        # of dependencies of their records and how many there were when last counted
        # (_pages_in_place): reuse_all by place (see _reuse_in_place)
        self.in_place: tuple[list, list, dict, int] | None = memory.in_place if same_base else None
        self.new_in_place: tuple[list, list, dict, int] | None = None
        self._pages: list[Page] = []
        self._places: list[int] | None = None  # the places done one by one, or None: all
        # list_cards.Cards.ids and .calls: last build's, then this build's
        self.card_ids: dict = memory.card_ids if same_base else {}
        self.card_calls: dict = memory.card_calls if same_base else {}
        self.template_hashes = memory.template_hashes  # path -> (signature, hash of bytes)

    def memory(self) -> PageMemory:
        """What the next build in this process starts from (after keep_rendered)."""
        return PageMemory(
            self.base, self.new_shapes, self.new_item_keys, self.new_kept, self.new_in_place,
            self.card_ids, self.card_calls, self.template_hashes, self.fingerprints.memo,
        )  # fmt: skip

    def begin(self, site: Site, globals_: dict[str, dict]) -> None:
        """`globals_`: each language's template globals, by page.language ("": default)."""
        self._site = site
        self._globals = globals_

    def fingerprint(self, page: Page) -> str:
        """Walking a page's objects is the costly part; when the page is the same object
        as last build (recall.py) or all its fields are, last build's fingerprint stands."""
        path = page.output_path
        done = self.new_shapes.get(path)  # asked before in this build (reuse, then remember)
        if done is not None and done[0] is page:
            return done[3]
        old = self.shapes.get(path)
        if old is not None and old[0] is page and old[2] == self.base:
            self.new_shapes[path] = old
            return old[3]
        item = page.item
        shape = None
        if old is not None or self.keeps_shapes:
            shape = tuple([getattr(page, name) for name in PAGE_FIELDS])
            if item is not None:  # its own body counts here, not as a dependency (remember)
                shape += (item.packed_html,)
        if old is not None and old[2] == self.base and old[1] == shape:
            found = old[3]
        elif self.tokens:
            found = "token " + os.urandom(12).hex()  # (unique in any process, forked too)
        else:
            body = ""
            if item is not None:
                body = self.fingerprints.entry_hashes.get(item.entry.source, "")
                body = body or packed_digest(item.packed_html)
            found = hash_text(self.base, self.fingerprints.of(page), body)
            if not self.keeps_shapes:  # (new_shapes has it for this build)
                self.fingerprints.memo.pop(id(page), None)
        self.new_shapes[path] = (page, shape if self.keeps_shapes else None, self.base, found)
        return found

    def reuse_all(self, pages: list[Page]) -> list[Output | None]:
        """Last build's output of each page where it still stands, else None.

        In the preview most pages are the very objects the last build checked (recall.py),
        with the same record and the same file: those are found with C-level iteration,
        because a big site has tens of thousands of pages and a save changes a handful."""
        self._pages = pages
        found_in_place = self._reuse_in_place(pages)
        if found_in_place is not None:
            return found_in_place
        self._places = None
        paths = [page.output_path for page in pages]
        kept = list(map(self.kept.get, paths, repeat(_NOTHING_KEPT)))
        records = list(map(self.records.get, paths))
        same = map(operator.is_, map(_first, kept), pages)
        same = map(operator.and_, same, map(operator.is_, map(_second, kept), records))
        states = map(self.manifest.get, paths)
        same = list(map(operator.and_, same, map(operator.is_, states, map(_fourth, kept))))
        found: list[Output | None] = list(map(_third, kept))
        deps = list(map(_deps, compress(records, same)))
        if not all(map(self.unchanged, dict(zip(map(id, deps), deps, strict=True)).values())):
            for n in compress(range(len(pages)), same):  # some page read what changed
                if not self.unchanged(records[n].deps):
                    same[n] = False
        self.new_records.update(zip(compress(paths, same), compress(records, same), strict=True))
        self.new_kept.update(zip(compress(paths, same), compress(kept, same), strict=True))
        for n in compress(range(len(pages)), map(operator.not_, same)):
            found[n] = self.reuse(pages[n])
        return found

    def _reuse_in_place(self, pages: list[Page]) -> list[Output | None] | None:
        """The preview after an edit: the pages of last build in the same places but for a
        few, and nothing their records read changed. Then every page in its place stands
        as last build kept or rendered it (its record, and the file the writer recorded,
        are the very ones in `kept`), and only the few are looked at one by one."""
        last = self.in_place
        if last is None or not self.private_folder or self.new_records or self.new_kept:
            return None
        last_pages, last_kept, last_deps, _ = last
        if len(last_pages) != len(pages) or not all(map(self.unchanged, last_deps.values())):
            return None
        places = self.places(pages, last_pages)
        if places is None:
            return None
        # Last build's tables, changed in place (copies of a big site's cost more than
        # the rest of a save); rollback() puts them back if this build fails.
        self.new_records, self.new_kept, self._undo = self.records, self.kept, []
        for n in places:  # (paths are unique in each build: no other page's entry goes)
            path = last_pages[n].output_path
            self._before[path] = self.records.get(path)  # (what reuse() compares with)
            self._drop(self.new_records, path)
            self._drop(self.new_kept, path)
        found: list[Output | None] = list(map(_third, last_kept))
        for n in places:
            found[n] = self.reuse(pages[n])
        self._places = places
        return found

    def reuse(self, page: Page) -> Output | None:
        """Last build's output of this page, if it still stands."""
        path = page.output_path
        record = self._before[path] if path in self._before else self.records.get(path)
        if record is None or record.fingerprint != self.fingerprint(page):
            return None
        if not self.unchanged(record.deps):
            return None
        state = self.manifest.get(path)
        if state is None or state.digest != record.digest:
            return None
        if not self.private_folder and file_signature(self._out + path) != state.signature:
            return None
        self._put(self.new_records, path, record)
        output = kept_page(page, record.digest)
        if self.private_folder:  # the preview: next build may find it by identity
            self._put(self.new_kept, path, (page, record, output, state))
        return output

    def remember(self, page: Page, digest: str | None, deps: frozenset) -> None:
        if page.item is not None:  # its own body is in its fingerprint: the pages of one
            # template keep sharing one list of dependencies (pairs), checked once
            deps = frozenset(deps) - {("body", page.item.entry.source)}
        pairs = self.pairs(deps)
        self._put(self.new_records, page.output_path, Record(self.fingerprint(page), pairs, digest))
        self.rendered.append(page.output_path)
        if self.private_folder:
            self.rendered_pages.append(page)

    def keep_rendered(self, manifest: dict) -> None:
        """After writing (the preview): pages rendered now can be found by identity in
        the next build too, as if it had kept them (reuse_all)."""
        for page in self.rendered_pages:
            path = page.output_path
            state = manifest.get(path)
            record = self.new_records[path]
            if record.digest is None and state is not None:  # the writer's token
                record = replace(record, digest=state.digest)
                self._put(self.new_records, path, record)
            output = kept_page(page, record.digest)
            self._put(self.new_kept, path, (page, record, output, state))
        if self.private_folder:
            self.new_in_place = self._pages_in_place()

    def _put(self, table: dict, path: str, value) -> None:
        if self._undo is not None:  # last build's table: remember what was there
            self._undo.append((table, path, table.get(path, _GONE)))
        table[path] = value

    def _drop(self, table: dict, path: str) -> None:
        if self._undo is not None:
            self._undo.append((table, path, table.get(path, _GONE)))
        table.pop(path, None)

    def rollback(self) -> None:
        """The build failed: last build's tables as they were, for the next build."""
        for table, path, value in reversed(self._undo or []):
            if value is _GONE:
                table.pop(path, None)
            else:
                table[path] = value
        self._undo = None

    def _pages_in_place(self) -> tuple[list, list, dict, int] | None:
        """This build's pages with what new_kept holds for each, for the next build."""
        pages = self._pages
        if self._places is not None and self.in_place is not None:  # a few places changed
            kept, deps = list(self.in_place[1]), dict(self.in_place[2])
            for n in self._places:
                kept[n] = self.new_kept.get(pages[n].output_path)
                if kept[n] is None:  # (neither kept nor rendered: not after a good build)
                    return None
                deps[id(kept[n][1].deps)] = kept[n][1].deps
            if len(deps) <= 2 * self.in_place[3] + 16:
                return pages, kept, deps, self.in_place[3]  # (the site's: never changed)
            # Each save's re-rendered pages bring new lists, and those they replace stay:
            # counted again from the records, lest every save check more than the last.
        else:
            kept = list(map(self.new_kept.get, [page.output_path for page in pages]))
        if not all(kept):
            return None
        records = list(map(_second, kept))
        deps = dict(zip(map(id, map(_deps, records)), map(_deps, records), strict=True))
        return pages, kept, deps, len(deps)

    def pairs(self, deps) -> tuple:
        """Each recorded dependency with its current digest, in a stable order. Equal
        lists are one shared tuple (also after pickling, within a chunk of records), so
        unchanged() checks it once."""
        deps = deps if type(deps) is frozenset else frozenset(deps)
        known = self._pairs_of.get(deps)  # most pages read the same things
        if known is None:
            pairs = tuple((key, self.digest(key)) for key in sorted(deps, key=repr))
            known = self._pairs_of[deps] = self._shared.setdefault(pairs, pairs)
        return known

    def unchanged(self, pairs: tuple) -> bool:
        """Checked once per build for each distinct list (pairs() shares equal lists)."""
        known = self._checked.get(id(pairs))
        if known is None or known[0] is not pairs:
            result = all(self.digest(key) == digest for key, digest in pairs)
            known = self._checked[id(pairs)] = (pairs, result)
        return known[1]

    def item_key(self, item) -> str:
        old = self.item_keys.get(id(item))
        if old is not None and old[0] is item and old[1] == self.base:
            key = old[2]
        else:
            key = hash_text(self.base, self.fingerprints.of(item))
        self.new_item_keys[id(item)] = (item, self.base, key)
        return key

    def digest(self, key: tuple) -> str:
        """The current value of one recorded dependency, as a hash (memoised per build)."""
        found = self._digests.get(key)
        if found is None:
            found = self._digests[key] = self._compute(key)
        return found

    def _compute(self, key: tuple) -> str:
        kind = key[0]
        if kind == "template":
            return self._template(key[1])
        if kind == "file":
            return repr(file_signature(Path(key[1])))
        if kind == "body":  # an entry's body was read (site.Item.html): its file's hash
            return self.fingerprints.entry_hashes.get(key[1]) or os.urandom(8).hex()
        if kind == "global":  # ("global", name, language?)
            found = self._globals.get(key[2] if len(key) > 2 else "", {})
            if key[1] not in found:
                return "missing"
            return self.fingerprints.of(found[key[1]])
        if kind == "site":  # ("site", name, arguments, language?)
            try:
                site = self._site.in_language(key[3]) if len(key) > 3 else self._site
                value = getattr(site, key[1])
                if key[2] is not None:  # a method call with these arguments
                    value = value(*key[2])
            except Exception as exc:  # the page will fail the same way, or not
                return f"error {exc!r}"
            if isinstance(value, Page):  # e.g. site.page_at(route): the page's own check
                return self.fingerprint(value)
            return self.fingerprints.of(value)
        return os.urandom(8).hex()  # ("always",): cannot be checked, so never equal

    def _template(self, name: str) -> str:
        for folder in self.theme.template_dirs:  # the first one that has it wins
            path = folder / name
            signature = file_signature(path)
            if signature is None:
                continue
            known = self.template_hashes.get(str(path))
            if known is None or known[0] != signature:  # read only what changed
                if not path.is_file():  # a folder that happens to have the name
                    continue
                known = (signature, hash_bytes(path.read_bytes()))
                self.template_hashes[str(path)] = known
            return f"{folder}:{known[1]}"
        return "missing"
