"""What the engine keeps on disk between runs, in .karriere-cache/ beside site.yaml.

- the **state** of one output folder (state-<hash>.pickle): the writer's manifest, how
  each page was made (`Record`), the QR codes' records, the last warnings;
- the **content** (content-<n>.pickle): parsed entries, converted Markdown and page
  descriptions, shared by every output folder, in shards so that an edit rewrites a few;
- what was **made** for one kind of build (made.pickle, made-preview.pickle): posters'
  bytes and vacancy cards.

Each file carries a key with karriere's code digest: another version's files are ignored.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path

from karriere.base.code import code_digest
from karriere.base.errors import Problem
from karriere.base.hashing import hash_text
from karriere.incremental.store import load_chunks, save_chunks
from karriere.site.descriptions import known_description
from karriere.write.output import FileState

# Parsed entries and their HTML are kept in this many files (content-<n>.pickle), by a
# hash of their key: an edit rewrites a few of them, not the whole content cache.
CONTENT_SHARDS = 16


@dataclass(frozen=True)
class Profile:
    """How a Builder lives: one run of the command line, or the live preview's session."""

    # Keep the state in .karriere-cache/ between runs, answer an unchanged site with the
    # no-op check and write the site as a whole ("tree"). Else (the preview): one process
    # builds again and again into a folder only it writes to, file by file.
    persist: bool
    autosave: bool  # save after each build; else save() when done (the preview: at exit)
    # Parsed entries and converted Markdown are the same for every output and option,
    # so the preview starts from (and adds to) what command-line builds keep.
    shared_content: bool
    # QR codes, posters and cards are made for one output's URLs and options: each kind
    # of build keeps its own file of them (None: none).
    made_name: str | None
    # Keep packed bodies and HTML in a temporary file, not in memory (base/packed.py
    # SpillFile): for a process that builds once.
    spill_texts: bool = False

    @property
    def mode(self) -> str:
        return "tree" if self.persist else "file"


COMMAND_LINE = Profile(
    persist=True, autosave=True, shared_content=True, made_name="made.pickle", spill_texts=True
)
PREVIEW = Profile(
    persist=False, autosave=False, shared_content=True, made_name="made-preview.pickle"
)


@dataclass(frozen=True, slots=True)
class Record:
    """How an output page was made last time."""

    fingerprint: str
    deps: tuple  # ((key, digest), ...)
    digest: str | None  # hash of the bytes written (None: the manifest's, keep_rendered)


@dataclass
class State:
    """Loaded when something may have changed: what was written and how each page was made.
    (An unchanged site is recognised without it: incremental/noop.py.)"""

    manifest: dict[str, FileState] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    pages: int = 0
    made: dict[str, tuple[str, str]] = field(default_factory=dict)  # MadeFiles.records


def state_key(out_dir: Path) -> str:
    return hash_text("state", code_digest(), str(out_dir.resolve()))


def save_state(path: Path, key: str, state: State) -> None:
    """The file manifest and the pages' records in chunks: pickled in one piece, the
    pickler's memo of their many small objects was the largest allocation at the end of a
    big site's build (benchmarks/bench.py, peak RSS). (Pages share their lists of
    dependencies; a chunk keeps one copy of each, and unchanged() checks each copy.)"""
    rest = {"warnings": state.warnings, "pages": state.pages}
    save_chunks(path, key, [state.manifest, state.made, state.records, rest])


def load_state(path: Path, key: str) -> State | None:
    found = load_chunks(path, key)
    if found is None:
        return None
    manifest, made, records, rest = found
    return State(manifest, records, rest["warnings"], rest["pages"], made)


@dataclass
class ContentState:
    """Larger, loaded only when something changed: parsed entries and converted Markdown."""

    entries: dict[str, tuple] = field(default_factory=dict)  # path -> (sig, hash, key, result)
    html: dict[str, bytes] = field(default_factory=dict)  # packed (packed.py), by body
    descriptions: dict[str, str] = field(default_factory=dict)  # of that HTML, by body
    blobs: dict[str, bytes] = field(default_factory=dict)  # Memo: posters
    fragments: dict = field(default_factory=dict)  # vacancy cards (render/list_cards.py)


def content_key() -> str:
    """What the content and made files must carry to be read: this version of karriere."""
    return hash_text("content", code_digest())


class ContentFiles:
    """The content shards and one made file, read and written as whole dictionaries."""

    def __init__(self, cache_dir: Path, made_name: str | None, shared: bool):
        self.cache_dir = cache_dir
        self.made_file = cache_dir / made_name if made_name else None
        self.shared = shared  # read and write the shards (else: this process only)
        self._saved: list = [None] * CONTENT_SHARDS  # what each shard was written with

    def load(self) -> ContentState:
        key = content_key()
        content = ContentState()
        for number in range(CONTENT_SHARDS) if self.shared else ():
            found = load_chunks(self._shard_file(number), key)
            if found:  # (saved compacted: pickling kept what the entries share)
                content.entries.update(found[0])
                content.html.update(found[1])
                content.descriptions.update(found[2])
        self._saved = shards(content)
        made = load_chunks(self.made_file, key) if self.made_file else None
        if made:
            content.blobs, content.fragments = made
        return content

    def save_content(self, content: ContentState) -> None:
        """Write the shards whose entries or HTML changed since they were read."""
        key = content_key()
        for number, parts in enumerate(shards(content)):
            if same_objects(parts, self._saved[number]):
                continue
            save_chunks(self._shard_file(number), key, parts)
            self._saved[number] = parts
        (self.cache_dir / "content.pickle").unlink(missing_ok=True)  # an older version's

    def saved_elsewhere(self, content: ContentState) -> None:
        """Another process (a fork) wrote the shards as `content` holds them now."""
        self._saved = list(shards(content))

    def save_made(self, content: ContentState) -> None:
        if self.made_file is not None:
            save_chunks(self.made_file, content_key(), [content.blobs, content.fragments])

    def _shard_file(self, number: int) -> Path:
        return self.cache_dir / f"content-{number}.pickle"


def shards(content: ContentState) -> list[list[dict]]:
    """The entries, HTML and descriptions of each content file (content-<n>.pickle)."""
    found: list[list[dict]] = [[{}, {}, {}] for _ in range(CONTENT_SHARDS)]
    for part, table in enumerate((content.entries, content.html, content.descriptions)):
        for key, value in table.items():
            found[zlib.crc32(key.encode()) % CONTENT_SHARDS][part][key] = value
    return found


def same_objects(parts: list[dict], saved: list[dict] | None) -> bool:
    """Holds the file the very objects it was written with (a changed entry, or HTML, is
    a new object; `saved` keeps the old ones alive, so an id is never reused for it)?"""
    if saved is None:
        return False
    for now, before in zip(parts, saved, strict=True):
        if now.keys() != before.keys() or not all(now[key] is before[key] for key in now):
            return False
    return True


def keep_descriptions(content: ContentState) -> bool:
    """Keep the descriptions made of the content's HTML (site.first_sentence_of), so that
    the next process need not make them again. True if they changed."""
    descriptions = {}
    for key, html in content.html.items():
        description = known_description(html)
        if description is not None:
            descriptions[key] = description
    changed = descriptions != content.descriptions
    content.descriptions = descriptions
    return changed
