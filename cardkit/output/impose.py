"""Imposition: cards placed on printer sheets, with crop marks, cut lines and duplex backs.

Pure geometry on display lists, in mm. A sheet is a display list like a card page,
so the same renderers draw it. For duplex printing each front sheet is followed by
its back sheet, where every card's back sits at its front's position mirrored through
the flip axis, so that it lands exactly behind it:

- flipping on the long edge mirrors across the sheet's long axis: columns on a
  portrait sheet, rows on a landscape one (the printer turns landscape pages);
- flipping on the short edge mirrors the other way.

`back_offset` shifts back sheets to correct a printer that drifts (measure it with
the alignment test sheet).

For a home printer (`home`), cards go on the sheet without bleed, touching, with cut
lines: a card's bleed would otherwise have to fit inside the printer's unprintable
margin, which leaves two A6 cards on an A4 sheet. The block of cards is scaled down
to a whole percentage where the margin needs it (95 % for four A6 cards on A4), and the
sheet's label says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from cardkit.display import Clipped, FillRect, Item, Page, TextLine
from cardkit.errors import CardkitError, Text
from cardkit.geometry import Box
from cardkit.output.surface import text_block

Duplex = Literal["long", "short"]
PAPERS: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A3": (297.0, 420.0),
    "Letter": (215.9, 279.4),
}
MARK_OFFSET = 1.0  # mm between the outer bleed edge and the start of a crop mark
MARK_LENGTH = 4.0
MARK_WIDTH = 0.15
CUT_LINE_WIDTH = 0.1
LABEL_BAND = 4.0  # mm kept free under the cards for the sheet's label
REGISTRATION = (0, 0, 0)  # marks print in every ink
CUT_LINE_COLOR = (150, 150, 150)
LABEL_COLOR = (90, 90, 90)
MIN_HOME_SCALE = 0.9  # home printing shrinks cards to fit, but never below this


@dataclass(frozen=True)
class SheetOptions:
    paper: str = "A4"
    margin: float = 5.0  # the printer's unprintable edge
    gap: float = 0.0  # between the bleed edges of neighbouring cards
    crop_marks: bool = False
    cut_lines: bool = False
    duplex: Duplex | None = None
    back_offset: tuple[float, float] = (0.0, 0.0)
    home: bool = False  # no bleed, cards touching, scaled to the printable area

    def __post_init__(self) -> None:
        if self.home and (self.crop_marks or self.gap):
            raise CardkitError(
                None,
                Text(
                    "home printing puts cards side by side with cut lines: "
                    "crop marks and a gap do not apply",
                    "thuis printen legt de kaartjes tegen elkaar, met snijlijnen: "
                    "snijtekens en een tussenruimte horen daar niet bij",
                ),
            )


@dataclass(frozen=True)
class Grid:
    """Where card pages (trim plus bleed) go on a sheet: columns x rows cells."""

    sheet_width: float
    sheet_height: float
    columns: int
    rows: int
    cell_width: float
    cell_height: float
    gap: float
    left: float
    top: float
    scale: float = 1.0  # of every card (home printing); 1 is true size

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def landscape(self) -> bool:
        return self.sheet_width > self.sheet_height

    def cell(self, index: int) -> Box:
        """The box of card `index` on its sheet, filled row by row."""
        column, row = index % self.columns, index // self.columns
        return Box(
            self.left + column * (self.cell_width + self.gap),
            self.top + row * (self.cell_height + self.gap),
            self.cell_width,
            self.cell_height,
        )


@dataclass(frozen=True)
class Sheet:
    """One printed side of one sheet of paper."""

    number: int  # 1-based, counting sheets of paper
    side: Literal["front", "back"]
    width: float
    height: float
    items: tuple[Item, ...]
    cards: tuple[tuple[int, Box], ...]  # card number and its page box (trim plus bleed)
    marks: tuple[FillRect, ...] = ()


def plan_grid(
    options: SheetOptions, card_width: float, card_height: float, bleed: float = 0.0
) -> Grid:
    """The most cards of this page size (trim plus `bleed`) that fit the paper, portrait or
    landscape; for a home printer, of the trimmed size, scaled to fit where needed."""
    if options.paper not in PAPERS:
        raise CardkitError(
            None,
            Text(
                f"unknown paper {options.paper!r}; choose {', '.join(PAPERS)}",
                f"onbekend papier {options.paper!r}; kies {', '.join(PAPERS)}",
            ),
        )
    short, long = sorted(PAPERS[options.paper])
    best: Grid | None = None
    for width, height in ((short, long), (long, short)):
        if options.home:
            trim_width, trim_height = card_width - 2 * bleed, card_height - 2 * bleed
            grid = _fit_home(width, height, trim_width, trim_height, options)
        else:
            grid = _fit(width, height, card_width, card_height, options)
        if best is None or (grid.per_sheet, grid.scale) > (best.per_sheet, best.scale):
            best = grid
    if best is not None and best.per_sheet == 0:
        best = None
    if best is None:
        raise CardkitError(
            None,
            Text(
                f"a {card_width:g} x {card_height:g} mm card (with bleed) does not fit on "
                f"{options.paper} with {options.margin:g} mm printer margins",
                f"een kaartje van {card_width:g} x {card_height:g} mm (met afloop) past niet op "
                f"{options.paper} met {options.margin:g} mm marge",
            ),
        )
    return best


def _fit(width: float, height: float, card_w: float, card_h: float, options: SheetOptions) -> Grid:
    marks = MARK_OFFSET + MARK_LENGTH if options.crop_marks else 0.0
    room_w = width - 2 * options.margin - 2 * marks
    room_h = height - 2 * options.margin - 2 * marks - LABEL_BAND
    gap = options.gap
    columns = max(0, math.floor((room_w + gap + 1e-9) / (card_w + gap)))
    rows = max(0, math.floor((room_h + gap + 1e-9) / (card_h + gap)))
    block_w = columns * card_w + max(0, columns - 1) * gap
    block_h = rows * card_h + max(0, rows - 1) * gap
    left = (width - block_w) / 2
    top = options.margin + marks + (room_h - block_h) / 2
    return Grid(width, height, columns, rows, card_w, card_h, gap, left, top)


def _fit_home(
    width: float, height: float, card_w: float, card_h: float, options: SheetOptions
) -> Grid:
    """As many touching cards as fit at no less than MIN_HOME_SCALE, then as large as the
    printable area allows (never larger than true size), in whole percents."""
    room_w = width - 2 * options.margin
    room_h = height - 2 * options.margin - LABEL_BAND
    columns = max(0, math.floor(room_w / (card_w * MIN_HOME_SCALE) + 1e-9))
    rows = max(0, math.floor(room_h / (card_h * MIN_HOME_SCALE) + 1e-9))
    if columns == 0 or rows == 0:
        return Grid(width, height, 0, 0, card_w, card_h, 0, 0, 0)
    fit = min(1.0, room_w / (columns * card_w), room_h / (rows * card_h))
    scale = math.floor(fit * 100 + 1e-9) / 100
    cell_w, cell_h = card_w * scale, card_h * scale
    left = (width - columns * cell_w) / 2
    top = options.margin + (room_h - rows * cell_h) / 2
    return Grid(width, height, columns, rows, cell_w, cell_h, 0.0, left, top, scale)


def book_flip(grid: Grid) -> Duplex:
    """The flip edge that turns a sheet like a book page: the long edge of a portrait sheet,
    the short edge of a landscape one. Either edge works when the printer and cardkit are
    told the same; this one is what people expect when they turn the sheet over."""
    return "short" if grid.landscape else "long"


def orientation_nl(grid: Grid) -> str:
    return "liggend" if grid.landscape else "staand"


FLIP_NL = {"long": "omslaan via de lange zijde", "short": "omslaan via de korte zijde"}


def mirrors_columns(grid: Grid, duplex: Duplex) -> bool:
    """Whether turning the sheet over swaps left and right (else top and bottom)."""
    return (duplex == "long") != grid.landscape


def mirrored(box: Box, grid: Grid, duplex: Duplex, offset: tuple[float, float]) -> Box:
    """Where the back of a card at `box` goes, so that it lands behind the front."""
    x, y = box.x, box.y
    if mirrors_columns(grid, duplex):
        x = grid.sheet_width - box.x - box.width
    else:
        y = grid.sheet_height - box.y - box.height
    return Box(x + offset[0], y + offset[1], box.width, box.height)


def impose(
    fronts: Sequence[Page],
    backs: Sequence[Page] | None,
    options: SheetOptions,
    title: str,
) -> list[Sheet]:
    """Sheets for the cards: each front sheet, then (with duplex) its back sheet."""
    if not fronts:
        return []
    grid = plan_grid(options, fronts[0].width, fronts[0].height, fronts[0].bleed)
    count = math.ceil(len(fronts) / grid.per_sheet)
    sheets = []
    for number in range(1, count + 1):
        chunk = range((number - 1) * grid.per_sheet, min(len(fronts), number * grid.per_sheet))
        placed = [(fronts[i], grid.cell(i - chunk.start)) for i in chunk]
        sheets.append(_sheet(number, count, "front", placed, grid, options, title))
        if options.duplex and backs is not None:
            behind = [
                (backs[i], mirrored(box, grid, options.duplex, options.back_offset))
                for i, (_, box) in zip(chunk, placed, strict=True)
            ]
            sheets.append(_sheet(number, count, "back", behind, grid, options, title))
    return sheets


def _sheet(
    number: int,
    count: int,
    side: Literal["front", "back"],
    placed: list[tuple[Page, Box]],
    grid: Grid,
    options: SheetOptions,
    title: str,
) -> Sheet:
    items: list[Item] = []
    for page, box in placed:
        if options.home:
            items.append(_trimmed_card(page, box, grid.scale))
        else:
            items.extend(item.moved(box.x, box.y) for item in page.items)
    if options.home:
        trims = [box for _, box in placed]
    else:
        trims = [page.trim.moved(box.x, box.y) for page, box in placed]
    marks: tuple[FillRect, ...] = ()
    if side == "front":
        if options.cut_lines or options.home:
            items.extend(cut_lines(trims, [box for _, box in placed]))
        if options.crop_marks:
            marks = crop_marks(trims, [box for _, box in placed])
            items.extend(marks)
    words = "voorkant" if side == "front" else "achterkant"
    sides = f" ({words})" if options.duplex else ""
    size = f"kaartjes op {grid.scale * 100:.0f} %, " if options.home else ""
    label = (
        f"{title} · vel {number} van {count}{sides} · {size}"
        "print op ware grootte (100 %), niet passend maken"
    )
    # The band kept free for the label lies under the cards on the front; a back turned
    # top to bottom has it above them.
    duplex = options.duplex
    on_top = side == "back" and duplex is not None and not mirrors_columns(grid, duplex)
    width, height = grid.sheet_width, grid.sheet_height
    items.extend(sheet_label(label, width, height, options.margin, on_top))
    cards = tuple((page.card, box) for page, box in placed)
    return Sheet(number, side, grid.sheet_width, grid.sheet_height, tuple(items), cards, marks)


def _trimmed_card(page: Page, cell: Box, scale: float) -> Clipped:
    """The card cut at its trim, scaled, in `cell`; its bleed is clipped away."""
    items = tuple(
        item.moved(-page.trim.x, -page.trim.y).scaled(scale).moved(cell.x, cell.y)
        for item in page.items
    )
    return Clipped(cell, items)


def crop_marks(trims: Sequence[Box], cells: Sequence[Box]) -> tuple[FillRect, ...]:
    """Marks on every trim line, outside the block of cards: they never touch a card."""
    left = min(box.x for box in cells)
    right = max(box.right for box in cells)
    top = min(box.y for box in cells)
    bottom = max(box.bottom for box in cells)
    xs = sorted({round(x, 6) for trim in trims for x in (trim.x, trim.right)})
    ys = sorted({round(y, 6) for trim in trims for y in (trim.y, trim.bottom)})
    half = MARK_WIDTH / 2
    marks = []
    for x in xs:
        for start in (top - MARK_OFFSET - MARK_LENGTH, bottom + MARK_OFFSET):
            marks.append(FillRect(Box(x - half, start, MARK_WIDTH, MARK_LENGTH), REGISTRATION))
    for y in ys:
        for start in (left - MARK_OFFSET - MARK_LENGTH, right + MARK_OFFSET):
            marks.append(FillRect(Box(start, y - half, MARK_LENGTH, MARK_WIDTH), REGISTRATION))
    return tuple(marks)


def cut_lines(trims: Sequence[Box], cells: Sequence[Box]) -> Iterator[FillRect]:
    """Thin grey lines along every trim line across the block, for cutting at home."""
    left = min(box.x for box in cells)
    right = max(box.right for box in cells)
    top = min(box.y for box in cells)
    bottom = max(box.bottom for box in cells)
    half = CUT_LINE_WIDTH / 2
    for x in sorted({round(x, 6) for trim in trims for x in (trim.x, trim.right)}):
        yield FillRect(Box(x - half, top, CUT_LINE_WIDTH, bottom - top), CUT_LINE_COLOR)
    for y in sorted({round(y, 6) for trim in trims for y in (trim.y, trim.bottom)}):
        yield FillRect(Box(left, y - half, right - left, CUT_LINE_WIDTH), CUT_LINE_COLOR)


def sheet_label(
    text: str, width: float, height: float, margin: float, on_top: bool = False
) -> list[TextLine]:
    """One small centred line just inside the bottom margin (or the top one)."""
    top = margin if on_top else height - margin - LABEL_BAND
    box = Box(margin, top, width - 2 * margin, LABEL_BAND)
    if on_top:
        return text_block("label", text, box, (5, 7), LABEL_COLOR, align="center", valign="top")
    return text_block("label", text, box, (5, 7), LABEL_COLOR, align="center", valign="bottom")
