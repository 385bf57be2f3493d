"""The display list: what a card side looks like, in mm, ready for any renderer to draw.

Everything here is decided: text is broken into lines with their positions, widths,
fonts, sizes and direction, colours are RGB. Renderers draw these items in order and
make no layout decisions of their own. Every consumer of items (the PNG and PDF
renderers, the JSON dump) implements `Renderer`; `draw_items` is the one dispatch
from an item to the method that draws it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from cardkit.errors import Text
from cardkit.geometry import Box

RGB = tuple[int, int, int]
Side = Literal["front", "back"]
SIDES: tuple[Side, ...] = ("front", "back")


def hex_color(color: RGB) -> str:
    """`#1D6577`: a colour as people write it in a layout."""
    return "#{:02X}{:02X}{:02X}".format(*color)


class Renderer(Protocol):
    """What draws display items: one method per kind of item."""

    def fill_rect(self, item: FillRect) -> None: ...
    def fill_ellipse(self, item: FillEllipse) -> None: ...
    def fill_polygon(self, item: FillPolygon) -> None: ...
    def fill_cells(self, item: FillCells) -> None: ...
    def image(self, item: ImageItem) -> None: ...
    def text(self, item: TextLine) -> None: ...
    def clipped(self, item: Clipped) -> None: ...


def draw_items(items: Iterable[Item], renderer: Renderer) -> None:
    """Hand every item, in order, to the renderer's method for its kind."""
    for item in items:
        item.draw_on(renderer)


@dataclass(frozen=True)
class _Boxed:
    """An item placed by its box: moving it moves the box."""

    box: Box

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """Left, top, right and bottom edges, in mm."""
        return self.box.x, self.box.y, self.box.right, self.box.bottom

    def moved(self, dx: float, dy: float):  # -> the same kind of item
        return replace(self, box=self.box.moved(dx, dy))

    def scaled(self, factor: float):  # -> the same kind of item
        """Scaled about the origin (a card made smaller to fit a home printer's sheet)."""
        return replace(self, box=self.box.scaled(factor))


@dataclass(frozen=True)
class FillRect(_Boxed):
    color: RGB
    radius: float = 0.0

    def scaled(self, factor: float) -> FillRect:
        return replace(self, box=self.box.scaled(factor), radius=self.radius * factor)

    def draw_on(self, renderer: Renderer) -> None:
        renderer.fill_rect(self)


@dataclass(frozen=True)
class FillEllipse(_Boxed):
    color: RGB

    def draw_on(self, renderer: Renderer) -> None:
        renderer.fill_ellipse(self)


@dataclass(frozen=True)
class FillPolygon:
    points: tuple[tuple[float, float], ...]
    color: RGB

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """Left, top, right and bottom edges, in mm."""
        xs = [x for x, _ in self.points]
        ys = [y for _, y in self.points]
        return min(xs), min(ys), max(xs), max(ys)

    def moved(self, dx: float, dy: float) -> FillPolygon:
        return replace(self, points=tuple((x + dx, y + dy) for x, y in self.points))

    def scaled(self, factor: float) -> FillPolygon:
        return replace(self, points=tuple((x * factor, y * factor) for x, y in self.points))

    def draw_on(self, renderer: Renderer) -> None:
        renderer.fill_polygon(self)


@dataclass(frozen=True)
class FillCells(_Boxed):
    """A grid of square cells (a QR code): `cells[row][column]` true where filled.
    The grid fills `box`, so each cell is box.width / len(cells[0]) wide."""

    cells: tuple[tuple[bool, ...], ...]
    color: RGB

    def draw_on(self, renderer: Renderer) -> None:
        renderer.fill_cells(self)


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
class ImageItem(_Boxed):
    """A raster image (a team's logo) scaled to fill `box`; `digest` identifies its content,
    `backdrop` is the colour under it (to flatten transparency where a format needs it)."""

    path: str  # a file, or "" when `data` holds the image (an emoji)
    digest: str
    backdrop: RGB = (255, 255, 255)
    data: bytes = b""

    def draw_on(self, renderer: Renderer) -> None:
        renderer.image(self)


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
    rtl: bool = False  # the run reads right to left (Arabic): shaped that way

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """Left, top, right and bottom edges of the line box, in mm."""
        return self.x, self.top, self.x + self.width, self.top + self.height

    def moved(self, dx: float, dy: float) -> TextLine:
        return replace(self, x=self.x + dx, baseline=self.baseline + dy, top=self.top + dy)

    def scaled(self, factor: float) -> TextLine:
        return replace(
            self,
            x=self.x * factor,
            baseline=self.baseline * factor,
            width=self.width * factor,
            top=self.top * factor,
            height=self.height * factor,
            size=self.size * factor,
        )

    def draw_on(self, renderer: Renderer) -> None:
        renderer.text(self)


@dataclass(frozen=True)
class Clipped(_Boxed):
    """Items drawn only inside `box`: a card placed without its bleed (on a sheet for a
    home printer, cards touch, and a card's bleed would cover its neighbour)."""

    items: tuple[Item, ...]

    def moved(self, dx: float, dy: float) -> Clipped:
        items = tuple(item.moved(dx, dy) for item in self.items)
        return Clipped(self.box.moved(dx, dy), items)

    def scaled(self, factor: float) -> Clipped:
        return Clipped(self.box.scaled(factor), tuple(item.scaled(factor) for item in self.items))

    def draw_on(self, renderer: Renderer) -> None:
        renderer.clipped(self)


Item = FillRect | FillEllipse | FillPolygon | FillCells | ImageItem | TextLine | Clipped


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
