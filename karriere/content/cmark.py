"""cmark-gfm's Markdown to HTML, with what it allocates given back.

cmarkgfm's own markdown_to_html_with_extensions never frees the document's tree nor the
HTML string cmark-gfm made of it (its Python module offers no function to): about 25 KB
for a vacancy's body, so a worker that converted thousands of bodies held about as much
memory as the build. `Converter` makes the same calls, then frees both with
cmark-gfm's own functions, found in the very library cmarkgfm loaded. Where that library
does not have them, cmarkgfm's function is used as it is.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

import cmarkgfm
from cmarkgfm import _cmark


class _Frees:
    """cmark_node_free and the allocator's free, by address (cffi -> ctypes)."""

    def __init__(self, node_free: Callable, free: Callable):
        self.node_free = node_free
        self.free = free


def _frees() -> _Frees | None:
    try:
        library = ctypes.CDLL(_cmark.__file__)
        node_free = library.cmark_node_free
        free = ctypes.CDLL(None).free  # cmark-gfm's default allocator is the C library's
    except (OSError, AttributeError):
        return None
    node_free.argtypes, node_free.restype = [ctypes.c_void_p], None
    free.argtypes, free.restype = [ctypes.c_void_p], None
    return _Frees(node_free, free)


class Converter:
    """Markdown to HTML with cmark-gfm, options and extensions fixed."""

    def __init__(self, options: int, extensions: list[str]):
        self.options = options
        self.extensions = extensions
        self._frees = _frees()
        lib = _cmark.lib
        lib.cmark_gfm_core_extensions_ensure_registered()
        self._found = [lib.cmark_find_syntax_extension(n.encode()) for n in extensions]
        if _cmark.ffi.NULL in self._found:
            raise RuntimeError(f"unknown cmark-gfm extension in {extensions}")  # (our list)

    def __call__(self, text: str) -> str:
        if self._frees is None:
            return cmarkgfm.markdown_to_html_with_extensions(
                text, options=self.options, extensions=self.extensions
            )
        lib, ffi = _cmark.lib, _cmark.ffi
        parser = lib.cmark_parser_new(self.options)
        try:
            for extension in self._found:
                lib.cmark_parser_attach_syntax_extension(parser, extension)
            data = text.encode("utf-8")
            lib.cmark_parser_feed(parser, data, len(data))
            root = lib.cmark_parser_finish(parser)
            if lib.cmark_node_get_type(root) == lib.CMARK_NODE_NONE:
                raise RuntimeError("cmark-gfm made no document")  # (as cmarkgfm checks)
            try:
                extensions = lib.cmark_parser_get_syntax_extensions(parser)
                raw = lib.cmark_render_html(root, self.options, extensions)
                try:
                    return ffi.string(raw).decode("utf-8")
                finally:
                    self._frees.free(int(ffi.cast("uintptr_t", raw)))
            finally:
                self._frees.node_free(int(ffi.cast("uintptr_t", root)))
        finally:
            lib.cmark_parser_free(parser)
