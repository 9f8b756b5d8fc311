"""The live preview's short way to the content: reload only the files the watcher named.

A full content load lists every folder, stats every file and checks every entry against
the others. When the watcher says that only known content files were saved (not added,
deleted or turned into links, and nothing else under content/), the last good build's
content stands except for those files: they are loaded again, put in their places and
checked against the rest. Anything else takes the full way.
"""

from __future__ import annotations

import os
from pathlib import Path

from karriere.base.errors import BuildError
from karriere.config.settings import Config
from karriere.content.front_matter import COLLECTIONS
from karriere.content.loading import Content, check_references, load_content
from karriere.content.translations import check_translations


class KnownContent:
    """The last good build's content, and where each file's entry sits in it."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.content: Content | None = None
        self.key = ""  # the entry key it was loaded with (site.yaml, code, media names)
        self.media: tuple = ("", "", [])  # Builder._media_digests of that build (builder.py)
        self._others: set[str] | None = None  # the media files' absolute paths
        self.pending: set[str] = set()  # files named to builds that failed since
        # path -> (group, kind, position): group "collections" or "translations" (Content)
        self._where: dict[str, tuple[str, str, int]] | None = None
        self._loaded: Content | None = None  # this build's, until it succeeds
        self._short = False  # whether this build took the short way

    def covers(self, changed: set[str] | None) -> bool:
        """Whether the short way applies: every changed path (absolute) is a known content
        file and still a regular file, or a path that came and went without a trace (an
        editor's temporary file of an atomic save)."""
        if changed is None or self.content is None:
            return False
        where = self._index()
        for path in changed | self.pending:
            if path in where:
                if not os.path.isfile(path) or os.path.islink(path):
                    return False
            elif os.path.lexists(path) or self._held(path):
                return False
        return True

    def _held(self, path: str) -> bool:
        """Whether a known file was this path or lay under it (a folder moved away)."""
        if self._others is None:
            content_dir = os.path.abspath(self.site_dir / "content")
            self._others = {os.path.join(content_dir, rel) for rel in self.media[2]}
        if path in self._others:
            return True
        inside = path + os.sep
        return any(p.startswith(inside) for p in self._others) or any(
            p.startswith(inside) for p in self._index()
        )

    def loader(self, changed: set[str] | None, key: str, note=None):
        """load_content as the pipeline calls it: the short way if it applies. `note`
        (Recall.note) is told where each list of entries changed."""

        def load(config: Config, load_entry) -> Content:
            self._short = self.covers(changed) and key == self.key
            if self._short:
                found = self._update(config, load_entry, changed | self.pending)
            else:
                found = load_content(config, load_entry)
            if note is not None:
                self._note_places(found, changed | self.pending if self._short else None, note)
            self._loaded = found
            return found

        return load

    def succeeded(self, key: str, media: tuple) -> None:
        if not self._short:
            self._where = None  # positions may differ: index again when asked
        if media is not self.media:
            self._others = None
        self.content, self.key, self.media = self._loaded, key, media
        self.pending = set()

    def failed(self, changed: set[str] | None) -> None:
        """The next build must load these again: their new entries never became known."""
        self._loaded = None
        if changed is None:
            self.content = None
        else:
            self.pending |= changed

    def _update(self, config: Config, load_entry, changed: set[str]) -> Content:
        where = self._index()
        groups = {
            "collections": dict(self.content.collections),
            "translations": dict(self.content.translations),
        }
        copied: set[tuple[str, str]] = set()
        problems, entries = [], []
        for path in sorted(p for p in changed if p in where):  # not: temporary files
            group, kind, index = where[path]
            original = self.site_dir / getattr(self.content, group)[kind][index].source
            entry, found = load_entry(config, kind, COLLECTIONS[kind], original)
            problems += found
            if entry is None:
                continue
            if (group, kind) not in copied:
                groups[group][kind] = list(groups[group][kind])
                copied.add((group, kind))
            groups[group][kind][index] = entry
            entries.append(entry)
        content = Content(groups["collections"], self.content.warnings, groups["translations"])
        problems += check_references(config, content, entries)
        problems += check_translations(config, content, [e for e in entries if e.language])
        if problems:
            raise BuildError(problems)
        return content

    def _note_places(self, content: Content, changed: set[str] | None, note) -> None:
        """Each list of entries, with the places of the files loaded again (None: all
        loaded): the stages after it then look at only those places of their lists."""
        places: dict[tuple[str, str], list[int]] = {}
        if changed is not None:
            where = self._index()
            for path in changed & where.keys():
                group, kind, index = where[path]
                places.setdefault((group, kind), []).append(index)
        for group in ("collections", "translations"):
            for kind, entries in getattr(content, group).items():
                last = getattr(self.content, group).get(kind) if changed is not None else None
                if last is None or len(last) != len(entries):
                    note(entries, None, None)  # (kept as it is, to compare the next with)
                else:
                    note(entries, last, sorted(places.get((group, kind), [])))

    def _index(self) -> dict[str, tuple[str, str, int]]:
        if self._where is None:
            site_dir = os.path.abspath(self.site_dir)
            self._where = {
                os.path.join(site_dir, entry.source): (group, kind, n)  # sources are normalised
                for group in ("collections", "translations")
                for kind, entries in getattr(self.content, group).items()
                for n, entry in enumerate(entries)
            }
        return self._where
