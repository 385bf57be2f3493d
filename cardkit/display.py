"""The display list: what a card side looks like, in mm, ready for any renderer to draw.

Everything here is decided: text is broken into lines with their positions, widths,
fonts and sizes, colours are RGB. Renderers draw these items in order and make no
layout decisions of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

from cardkit.errors import Text
from cardkit.geometry import Box

RGB = tuple[int, int, int]
Side = Literal["front", "back"]
SIDES: tuple[Side, ...] = ("front", "back")


@dataclass(frozen=True)
class FillRect:
    box: Box
    color: RGB
    radius: float = 0.0


@dataclass(frozen=True)
class FillEllipse:
    box: Box
    color: RGB


@dataclass(frozen=True)
class FillPolygon:
    points: tuple[tuple[float, float], ...]
    color: RGB


@dataclass(frozen=True)
class FillCells:
    """A grid of square cells (a QR code): `cells[row][column]` true where filled.
    The grid fills `box`, so each cell is box.width / len(cells[0]) wide."""

    box: Box
    cells: tuple[tuple[bool, ...], ...]
    color: RGB


def cell_runs(cells: tuple[tuple[bool, ...], ...]) -> list[tuple[int, int, int]]:
    """(row, first column, column after the last) of every run of filled cells."""
    runs = []
    for row, line in enumerate(cells):
        start = None
        for column, filled in enumerate((*line, False)):
            if filled and start is None:
                start = column
            elif not filled and start is not None:
                runs.append((row, start, column))
                start = None
    return runs


@dataclass(frozen=True)
class ImageItem:
    """A raster image (a team's logo) scaled to fill `box`; `digest` identifies its content,
    `backdrop` is the colour under it (to flatten transparency where a format needs it)."""

    box: Box
    path: str  # a file, or "" when `data` holds the image (an emoji)
    digest: str
    backdrop: RGB = (255, 255, 255)
    data: bytes = b""


@dataclass(frozen=True)
class FontRef:
    """A font file; `name` is its file stem, shown in layout JSON."""

    name: str
    path: str


@dataclass(frozen=True)
class TextLine:
    """One line of text: `x` is its left edge, `baseline` where its glyphs stand.

    `top` and `height` give the line box (height = size x leading), which lies inside
    the zone; `width` is the measured advance width of `text` at `size` points.
    """

    zone: str
    text: str
    x: float
    baseline: float
    width: float
    top: float
    height: float
    font: FontRef
    size: float
    color: RGB


Item = FillRect | FillEllipse | FillPolygon | FillCells | ImageItem | TextLine


@dataclass(frozen=True)
class Overflow:
    """Text that does not fit its zone even at the zone's minimum size."""

    zone: str
    needed_lines: int
    available_lines: int
    size: float

    def describe(self) -> Text:
        return Text(
            f"{self.zone} does not fit: needs {self.needed_lines} lines at {self.size:g} pt, "
            f"room for {self.available_lines}; shorten the text",
            f"{ZONE_NAMES_NL.get(self.zone, self.zone)} past niet: "
            f"{self.needed_lines} regels nodig bij {self.size:g} pt, "
            f"ruimte voor {self.available_lines}; maak de tekst korter",
        )


@dataclass(frozen=True)
class MissingGlyph:
    """A character no bundled font can draw: left out of the card, and reported."""

    zone: str
    char: str
    name: str  # as describe_character() gives it: ☃ (U+2603 SNOWMAN)

    def describe(self) -> Text:
        return Text(
            f"{self.zone}: {self.name} is in none of the bundled fonts and is left out",
            f"{ZONE_NAMES_NL.get(self.zone, self.zone)}: {self.name} staat in geen van de "
            "lettertypen en wordt weggelaten",
        )


ZONE_NAMES_NL = {
    "question": "de vraag",
    "title": "de titel",
    "hint": "de toelichting",
    "moment": "het moment",
    "kind": "het label",
    "set_title": "de settitel",
}


class Drawing(Protocol):
    """What a renderer draws: a surface of width x height mm and its items, in order."""

    @property
    def width(self) -> float: ...

    @property
    def height(self) -> float: ...

    @property
    def items(self) -> tuple[Item, ...]: ...


@dataclass(frozen=True)
class Page:
    """One card side: the page is the trimmed card plus bleed on every edge."""

    card: int
    side: Side
    width: float
    height: float
    bleed: float
    corner_radius: float
    trim: Box
    safe: Box
    zones: Mapping[str, Box]
    items: tuple[Item, ...]
    overflows: tuple[Overflow, ...] = field(default=())
    missing: tuple[MissingGlyph, ...] = field(default=())

    @property
    def text_lines(self) -> tuple[TextLine, ...]:
        return tuple(item for item in self.items if isinstance(item, TextLine))
