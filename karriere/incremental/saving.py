"""The content cache and the made file of a Builder: what they hold, and when they are
written (state.py has the files)."""

from __future__ import annotations

import os
from pathlib import Path

from karriere.base.memo import Memo
from karriere.incremental.content_cache import CachedLoader, CachedMarkdown
from karriere.incremental.page_cache import PageCache
from karriere.incremental.state import ContentFiles, ContentState, Profile, keep_descriptions


class Saving:
    """Parsed entries, converted Markdown, posters and vacancy cards, across builds."""

    def __init__(self, cache_dir: Path, profile: Profile):
        self.profile = profile
        self.files = ContentFiles(cache_dir, profile.made_name, profile.shared_content)
        self._content: ContentState | None = None
        self._content_dirty = False  # entries or HTML changed
        self._made_dirty = False  # posters or vacancy cards changed
        self.markdown: CachedMarkdown | None = None  # the last build's
        self._last_cards: tuple | None = None  # (PageCache, vacancies) of the last build
        self._background: tuple = ()  # (pid, what the content held when it was forked)

    def content(self) -> ContentState:
        if self._content is None:
            self._content = self.files.load()
        return self._content

    def settle(
        self, loader: CachedLoader, markdown: CachedMarkdown, changed: set[str] | None
    ) -> None:
        """The parsed entries and HTML as the content cache should keep them, once every
        page has been rendered."""
        content = self._content
        if markdown.converted or loader.parsed:
            self._content_dirty = True
        if changed is None and len(loader.seen) != len(content.entries):  # files deleted
            content.entries = {k: v for k, v in content.entries.items() if k in loader.seen}
            self._content_dirty = True
        # A new process converts (or looks up) every body it shows, so `used` is complete;
        # the preview's rebuilds ask only for what changed: it prunes when it saves.
        persist = self.profile.persist
        if persist and len(markdown.used) != len(content.html):
            content.html = {k: content.html[k] for k in markdown.used if k in content.html}
            self._content_dirty = True
        if persist and keep_descriptions(content):
            self._content_dirty = True

    def start_in_background(self, markdown: CachedMarkdown) -> None:
        """A command-line build writes its content cache from a forked copy of itself
        while it makes the other outputs and writes the site, on the core the render
        pool no longer uses: neither needs the other. (A failed build leaves a content
        cache that is right all the same: it only maps file hashes to what they parse
        to.) If the copy cannot run, save() writes it."""
        p = self.profile
        if not (p.persist and p.autosave and p.shared_content and self._content_dirty):
            return
        if not hasattr(os, "fork") or self._content is None:
            return
        try:
            pid = os.fork()
        except OSError:  # no process to spare: save() writes it
            return
        if pid == 0:  # the copy: write, and leave without running anything of the parent's
            code = 1
            try:
                self.files.save_content(self._content)
                code = 0
            finally:
                os._exit(code)
        self._background = (pid, self._size(markdown))

    def finish_in_background(self, markdown: CachedMarkdown) -> None:
        """Else save() writes it: when the copy failed, or the content grew since."""
        if not self._background:
            return
        pid, size = self._background
        self._background = ()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0 and self._size(markdown) == size:
            self.files.saved_elsewhere(self._content)
            self._content_dirty = False

    def _size(self, markdown: CachedMarkdown) -> tuple:
        content = self._content
        return (markdown.converted, len(content.entries), len(content.html))

    def remember(self, memo: Memo, pages: PageCache, vacancies: list, cards_before: int) -> None:
        """After a good build: the posters it used, and the vacancy cards."""
        content = self._content
        if memo.made or len(memo.used) != len(content.blobs):
            content.blobs = memo.pruned()
            self._made_dirty = True
        if self.profile.persist:  # this build's cards, and last build's: pages it kept show them
            cards = {**content.fragments, **pages.fragments}
            cards = current_cards(cards, pages, vacancies)
            if cards.keys() != content.fragments.keys():
                self._made_dirty = True
            content.fragments = cards
        else:  # the preview's are added to in place (keeps_cards), one card per save at
            # most: pruned when it keeps them (save)
            self._last_cards = (pages, vacancies)
            if len(content.fragments) != cards_before:
                self._made_dirty = True

    def save(self) -> None:
        content = self._content
        if content is None:
            return
        if self._content_dirty and self.profile.shared_content:
            if not self.profile.persist and self.markdown is not None:
                content.html = self.markdown.html_in_use()
                keep_descriptions(content)
            self.files.save_content(content)
            self._content_dirty = False
        if self._made_dirty and self.files.made_file is not None:
            if self._last_cards is not None:
                content.fragments = current_cards(content.fragments, *self._last_cards)
            self.files.save_made(content)
            self._made_dirty = False


def current_cards(cards: dict, pages: PageCache, vacancies: list) -> dict:
    """The vacancy cards of the vacancies there are now (keys: (item key, heading))."""
    keys = {pages.item_key(v) for v in vacancies}
    return {key: card for key, card in cards.items() if key[0] in keys}
