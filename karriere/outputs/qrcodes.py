"""QR codes for posters: zxing-cpp finds the modules, we write small SVG and PNG files.

zxing-cpp (C++) encodes with the full mask evaluation in well under a millisecond; segno,
pure Python, took about 12 ms per code, which a site with 10,000 vacancies felt.
"""

from __future__ import annotations

import re
import struct
import zlib
from html import escape

from karriere.base.xmltext import clean

BORDER = 4  # modules of quiet zone, as the QR standard asks
SVG_SCALE = 4  # pixels per module: the SVG scales anyway
PNG_SCALE = 10  # pixels per module: sharp enough for an office document at 4 cm
# Changes with what the files hold, so that a build does not keep last build's files.
FORMAT = "2: svg view #code"


def modules(url: str) -> tuple[int, bytes]:
    """(side, one byte per module: 0 dark, 255 light), error correction level M."""
    import zxingcpp

    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    return image.shape[0], bytes(memoryview(image))


def file(kind: str, url: str, title: str, cells: tuple[int, bytes] | None = None) -> bytes:
    """The QR code of `url` as an "svg" or "png" file; `cells`: modules(url), if known."""
    side, found = cells or modules(url)
    return svg(side, found, title) if kind == "svg" else png(side, found)


def svg(side: int, cells: bytes, title: str) -> bytes:
    """One path of one-module-high strokes, one per run of dark modules. The file has the
    quiet zone that office documents need; `qr.svg#code` shows the code without it, so
    that a poster can make the code itself 6 cm wide and let the paper be the margin."""
    runs = [
        f"M{m.start() - y * side + BORDER} {y + BORDER}.5h{m.end() - m.start()}"
        for y in range(side)
        for m in _DARK_RUN.finditer(cells, y * side, (y + 1) * side)
    ]
    size = (side + 2 * BORDER) * SVG_SCALE
    inner, edge = side * SVG_SCALE, BORDER * SVG_SCALE
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}"><title>{escape(clean(title))}</title>'
        f'<view id="code" viewBox="{edge} {edge} {inner} {inner}"/>'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path transform="scale({SVG_SCALE})" stroke="#000" d="{"".join(runs)}"/></svg>\n'
    ).encode()


def png(side: int, cells: bytes) -> bytes:
    """A 1-bit greyscale PNG (0 black, 1 white), PNG_SCALE pixels per module."""
    size = (side + 2 * BORDER) * PNG_SCALE
    pad = -size % 8  # rows are whole bytes
    quiet = b"1" * (BORDER * PNG_SCALE)
    white = b"\0" + b"\xff" * ((size + pad) // 8)
    rows = [white] * (BORDER * PNG_SCALE)
    for y in range(side):
        bits = cells[y * side : (y + 1) * side].translate(_AS_BITS)
        bits = (
            bits.replace(b"1", b"w").replace(b"0", b"0" * PNG_SCALE).replace(b"w", b"1" * PNG_SCALE)
        )
        packed = int(quiet + bits + quiet + b"1" * pad, 2).to_bytes((size + pad) // 8, "big")
        rows += [b"\0" + packed] * PNG_SCALE  # filter byte 0, then the pixels
    rows += [white] * (BORDER * PNG_SCALE)
    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    # Level 1: the long runs compress to about 1 KB anyway, 30x faster than level 9.
    data = zlib.compress(b"".join(rows), 1)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


_DARK_RUN = re.compile(b"\x00+")
_AS_BITS = bytes.maketrans(b"\x00\xff", b"01")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
