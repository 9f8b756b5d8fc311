"""QR codes for posters: zxing-cpp finds the modules, we write small SVG and PNG files.

zxing-cpp (C++) encodes with the full mask evaluation in well under a millisecond; segno,
pure Python, took about 12 ms per code, which a site with 10,000 vacancies felt.
"""

from __future__ import annotations

import struct
import zlib
from html import escape

BORDER = 4  # modules of quiet zone, as the QR standard asks
SVG_SCALE = 4  # pixels per module: the SVG scales anyway
PNG_SCALE = 10  # pixels per module: sharp enough for an office document at 4 cm


def modules(url: str) -> tuple[int, bytes]:
    """(side, one byte per module: 0 dark, 255 light), error correction level M."""
    import zxingcpp

    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    return image.shape[0], bytes(memoryview(image))


def svg(side: int, cells: bytes, title: str) -> bytes:
    """One path of one-module-high strokes, one per run of dark modules."""
    runs = []
    for y in range(side):
        row = cells[y * side : (y + 1) * side]
        x = row.find(0)
        while x != -1:
            end = row.find(255, x)
            end = side if end == -1 else end
            runs.append(f"M{x + BORDER} {y + BORDER}.5h{end - x}")
            x = row.find(0, end)
    size = (side + 2 * BORDER) * SVG_SCALE
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}"><title>{escape(title)}</title>'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path transform="scale({SVG_SCALE})" stroke="#000" d="{"".join(runs)}"/></svg>\n'
    ).encode()


def png(side: int, cells: bytes) -> bytes:
    """A 1-bit greyscale PNG, PNG_SCALE pixels per module."""
    from PIL import Image, ImageOps

    size = (side + 2 * BORDER) * PNG_SCALE
    image = Image.frombytes("L", (side, side), cells)
    image = ImageOps.expand(image, BORDER, 255).resize((size, size), Image.NEAREST)
    raw = image.convert("1", dither=Image.Dither.NONE).tobytes()
    stride = (size + 7) // 8
    rows = b"".join(b"\0" + raw[i : i + stride] for i in range(0, len(raw), stride))
    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    # Level 1: these long runs compress to ~1 KB anyway, 30x faster than level 9.
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 1))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
