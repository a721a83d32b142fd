"""The site's icons, for the web app manifest: a white pillar on the theme's accent colour, drawn at
build time as SVG and as PNGs, so they follow the site's colours.

The pillar is made of rectangles only, so each PNG pixel is worked out exactly — the part of it each
rectangle covers — with no drawing library; the same colours give the same bytes. The pillar lies
well inside the middle 80 % circle, so a launcher may cut the icon to any shape ("maskable").
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass

PILLAR = (
    (0.26, 0.21, 0.74, 0.28),  # the slab on top
    (0.30, 0.28, 0.70, 0.33),  # the capital
    (0.34, 0.33, 0.42, 0.67),  # the shaft, in three flutes
    (0.46, 0.33, 0.54, 0.67),
    (0.58, 0.33, 0.66, 0.67),
    (0.30, 0.67, 0.70, 0.72),  # the base
    (0.26, 0.72, 0.74, 0.79),  # the step
)
"""(left, top, right, bottom) of each rectangle, as parts of the icon's side."""
SIZES = (192, 512)
DEFAULT_COLOURS = ("#0b6b4f", "#ffffff")
"""The accent and background of the theme's own stylesheet, for a stylesheet that names neither."""
HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}\b")


@dataclass(frozen=True)
class Colours:
    accent: str
    """The icon's ground, and the manifest's theme_color."""
    background: str
    """The pillar, and the manifest's background_color (the page's background)."""


def theme_colours(css: str) -> Colours:
    """``--accent`` and ``--bg`` as the stylesheet's first rule sets them (its light colours)."""
    found = []
    for name, default in zip(("accent", "bg"), DEFAULT_COLOURS):
        match = re.search(rf"--{name}\s*:\s*({HEX.pattern})", css)
        found.append(_long(match.group(1)) if match else default)
    return Colours(*found)


def _long(colour: str) -> str:
    """ "#abc" → "#aabbcc", lower case."""
    digits = colour[1:].lower()
    return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits))


def _rgb(colour: str) -> tuple[int, int, int]:
    digits = _long(colour)[1:]
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def svg(colours: Colours) -> str:
    """The icon as SVG, 100 units a side."""
    shapes = "".join(
        f'<rect x="{_units(left)}" y="{_units(top)}" width="{_units(right - left)}" height="{_units(bottom - top)}"/>'
        for left, top, right, bottom in PILLAR)
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
            f'<rect width="100" height="100" fill="{colours.accent}"/>'
            f'<g fill="{colours.background}">{shapes}</g></svg>\n')


def _units(part: float) -> str:
    return f"{part * 100:g}"


def _cover(start: float, end: float, size: int) -> list[float]:
    """How much of each of ``size`` pixels the span [start, end) (parts of the side) covers."""
    low, high = start * size, end * size
    return [max(0.0, min(high, i + 1) - max(low, i)) for i in range(size)]


def png(colours: Colours, size: int) -> bytes:
    """The icon as a ``size``-pixel square PNG (8-bit RGB)."""
    ground, pillar = _rgb(colours.accent), _rgb(colours.background)
    columns = [_cover(left, right, size) for left, _, right, _ in PILLAR]
    lines = [_cover(top, bottom, size) for _, top, _, bottom in PILLAR]
    made: dict[tuple, bytes] = {}  # most rows repeat another: each kind is worked out once
    rows = []
    for y in range(size):
        covering = tuple((index, line[y]) for index, line in enumerate(lines) if line[y] > 0)
        if covering not in made:
            made[covering] = _row(covering, columns, ground, pillar, size)
        rows.append(made[covering])
    return _png_file(size, b"".join(rows))


def _row(covering: tuple, columns: list[list[float]], ground: tuple, pillar: tuple, size: int) -> bytes:
    pixels = bytearray(b"\x00")  # filter: none
    for x in range(size):
        part = min(1.0, sum(share * columns[index][x] for index, share in covering))
        pixels += bytes(round(g + (p - g) * part) for g, p in zip(ground, pillar))
    return bytes(pixels)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_file(size: int, raw: bytes) -> bytes:
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlacing
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9))
            + _chunk(b"IEND", b""))


NAMES = (*(f"icon-{size}.png" for size in SIZES), "icon.svg")
"""The icons' file names."""


def file(colours: Colours, name: str) -> bytes:
    """The bytes of the icon called ``name`` (one of :data:`NAMES`)."""
    if name == "icon.svg":
        return svg(colours).encode()
    return png(colours, int(name.removeprefix("icon-").removesuffix(".png")))


def files(colours: Colours) -> dict[str, bytes]:
    """Each icon's file name and bytes."""
    return {name: file(colours, name) for name in NAMES}
