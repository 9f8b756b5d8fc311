"""Colours as WCAG measures them: relative luminance and contrast ratio."""

from __future__ import annotations

WHITE, BLACK = (255, 255, 255), (0, 0, 0)
AA = 4.5  # WCAG AA contrast for text of any size


def hex_rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def rgb_hex(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance."""

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def darkened_for_white(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """The same hue, darkened in small steps until white text on it passes AA."""
    share = 0.0
    shade = rgb
    while contrast(shade, WHITE) < AA:
        share += 0.02
        shade = tuple(round(c * (1 - share)) for c in rgb)
    return shade
