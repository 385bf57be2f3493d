"""Imposition geometry in mm: cards on A4, A3 and Letter, crop marks, duplex backs."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace

import pytest

from cardkit.display import Clipped, FillRect, Page, TextLine
from cardkit.errors import CardkitError
from cardkit.geometry import Box
from cardkit.output.alignment import alignment_sheets
from cardkit.output.impose import (
    CUT_LINE_COLOR,
    MARK_LENGTH,
    MARK_OFFSET,
    PAPERS,
    Grid,
    Sheet,
    SheetOptions,
    crop_marks,
    impose,
    mirrored,
    plan_grid,
)

BLEED = 3.0
CARDS = {"A6": (105.0, 148.0), "A7": (74.0, 105.0), "63x88": (63.0, 88.0)}
# Cards per sheet with 3 mm bleed, 5 mm printer margins, crop marks, no gap: worked out
# by hand from (room + 0) // card, portrait and landscape, the larger count winning.
EXPECTED = {
    ("A4", "A6"): (2, 1, True),
    ("A4", "A7"): (2, 2, False),
    ("A4", "63x88"): (2, 2, False),
    ("A3", "A6"): (2, 2, False),
    ("A3", "A7"): (5, 2, True),
    ("A3", "63x88"): (4, 4, False),
    ("Letter", "A6"): (2, 1, True),
    ("Letter", "A7"): (2, 2, False),
    ("Letter", "63x88"): (3, 2, True),
}


def card_page(
    number: int, size: tuple[float, float], color: tuple[int, int, int] | None = None
) -> Page:
    """A card page that is one colour (by default one per number) out to its bleed's edge."""
    width, height = size[0] + 2 * BLEED, size[1] + 2 * BLEED
    return Page(
        card=number,
        side="front",
        width=width,
        height=height,
        bleed=BLEED,
        corner_radius=0,
        trim=Box(BLEED, BLEED, size[0], size[1]),
        safe=Box(BLEED + 4, BLEED + 4, size[0] - 8, size[1] - 8),
        zones={},
        items=(FillRect(Box(0, 0, width, height), color or (10 * number % 255, 0, 0)),),
    )


def overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


@pytest.mark.parametrize("paper, card", sorted(EXPECTED))
def test_grid_and_every_position_in_mm(paper: str, card: str) -> None:
    width, height = CARDS[card]
    options = SheetOptions(paper=paper, crop_marks=True)
    grid = plan_grid(options, width + 2 * BLEED, height + 2 * BLEED)
    columns, rows, landscape = EXPECTED[(paper, card)]
    assert (grid.columns, grid.rows, grid.landscape) == (columns, rows, landscape)
    short, long = sorted(PAPERS[paper])
    assert (grid.sheet_width, grid.sheet_height) == ((long, short) if landscape else (short, long))
    cells = [grid.cell(i) for i in range(grid.per_sheet)]
    # Cells touch (no gap), are centred across, and stay inside margins and mark space.
    for index, cell in enumerate(cells):
        column, row = index % columns, index // columns
        assert cell.x == pytest.approx(grid.left + column * (width + 2 * BLEED))
        assert cell.y == pytest.approx(grid.top + row * (height + 2 * BLEED))
        assert (cell.width, cell.height) == (width + 2 * BLEED, height + 2 * BLEED)
    block_left = min(c.x for c in cells)
    block_right = max(c.right for c in cells)
    assert block_left == pytest.approx(grid.sheet_width - block_right)
    reserve = options.margin + MARK_OFFSET + MARK_LENGTH
    assert block_left >= reserve - 1e-9
    assert min(c.y for c in cells) >= reserve - 1e-9
    assert max(c.bottom for c in cells) <= grid.sheet_height - reserve - 4 + 1e-9
    assert not any(overlaps(a, b) for a, b in itertools.combinations(cells, 2))


@pytest.mark.parametrize("paper, card", sorted(EXPECTED))
def test_crop_marks_sit_on_trim_lines_and_never_touch_a_card(paper: str, card: str) -> None:
    size = CARDS[card]
    options = SheetOptions(paper=paper, crop_marks=True)
    sheets = impose([card_page(n, size) for n in range(1, 8)], None, options, "Test")
    for sheet in sheets:
        cells = [box for _, box in sheet.cards]
        trims = [Box(b.x + BLEED, b.y + BLEED, size[0], size[1]) for b in cells]
        assert sheet.marks
        for mark in sheet.marks:
            assert not any(overlaps(mark.box, cell) for cell in cells), mark
            assert mark.box.x >= 0 and mark.box.right <= sheet.width
            assert mark.box.y >= 0 and mark.box.bottom <= sheet.height
        vertical = {round(m.box.x + m.box.width / 2, 6) for m in sheet.marks if m.box.height > 1}
        horizontal = {round(m.box.y + m.box.height / 2, 6) for m in sheet.marks if m.box.width > 1}
        assert vertical == {round(x, 6) for t in trims for x in (t.x, t.right)}
        assert horizontal == {round(y, 6) for t in trims for y in (t.y, t.bottom)}


def test_marks_with_a_gap_between_cards_still_stay_outside_the_block() -> None:
    cells = [Box(10, 10, 40, 60), Box(45, 10, 40, 60)]  # 5 mm gap
    trims = [box.inset(3) for box in cells]
    for mark in crop_marks(trims, cells):
        assert not any(overlaps(mark.box, cell) for cell in cells)


@pytest.mark.parametrize("paper, card", sorted(EXPECTED))
@pytest.mark.parametrize("duplex", ["long", "short"])
def test_each_back_lands_behind_its_front(paper: str, card: str, duplex: str) -> None:
    size = CARDS[card]
    offset = (0.8, -1.2)
    options = SheetOptions(paper=paper, duplex=duplex, back_offset=offset)
    fronts = [card_page(n, size) for n in range(1, 10)]
    backs = [card_page(n, size) for n in range(1, 10)]
    sheets = impose(fronts, backs, options, "Test")
    assert [s.side for s in sheets[:2]] == ["front", "back"]
    for front, back in zip(sheets[::2], sheets[1::2], strict=True):
        assert front.number == back.number
        assert (front.width, front.height) == (back.width, back.height)
        behind = dict(back.cards)
        for number, box in front.cards:
            landed = behind[number]
            # The sheet turns over its flip axis: mirror the back's position through it.
            long_axis_vertical = front.height > front.width
            columns = (duplex == "long") == long_axis_vertical
            expected_x = front.width - box.right if columns else box.x
            expected_y = box.y if columns else front.height - box.bottom
            assert landed.x == pytest.approx(expected_x + offset[0])
            assert landed.y == pytest.approx(expected_y + offset[1])


def test_long_edge_on_a_portrait_sheet_mirrors_columns() -> None:
    grid = plan_grid(SheetOptions(paper="A4"), 80, 111)
    assert not grid.landscape
    box = grid.cell(0)
    assert mirrored(box, grid, "long", (0, 0)) == Box(210 - box.right, box.y, 80, 111)
    assert mirrored(box, grid, "short", (0, 0)) == Box(box.x, 297 - box.bottom, 80, 111)


def test_sheet_count_and_page_sizes() -> None:
    fronts = [card_page(n, CARDS["A7"]) for n in range(1, 10)]
    sheets = impose(fronts, fronts, SheetOptions(paper="Letter", duplex="long"), "Test")
    assert len(sheets) == 6  # 9 cards, 4 per sheet: 3 sheets, front and back
    assert {(s.width, s.height) for s in sheets} == {(215.9, 279.4)}
    assert [len(s.cards) for s in sheets] == [4, 4, 4, 4, 1, 1]


def test_a_card_too_big_for_the_paper_is_refused() -> None:
    with pytest.raises(CardkitError, match="does not fit on A4"):
        plan_grid(SheetOptions(paper="A4"), 250, 300)


@pytest.mark.parametrize("duplex", ["long", "short"])
def test_alignment_sheet_crosshairs_land_on_each_other(duplex: str) -> None:
    front, back = alignment_sheets(SheetOptions(paper="A4", duplex=duplex, back_offset=(1, 2)))

    def centres(sheet):
        return sorted(
            (round(i.box.x + i.box.width / 2, 3), round(i.box.y, 3))
            for i in sheet.items
            if isinstance(i, FillRect) and i.box.width == 16
        )

    fronts, backs = centres(front), centres(back)
    assert len(fronts) == len(backs) == 5
    for x, y in fronts:
        if duplex == "long":
            assert (round(210 - x + 1, 3), round(y + 2, 3)) in backs
        else:
            assert (round(x + 1, 3), round(297 - y - 0.2 + 2, 3)) in backs


# --- home printing: no bleed, touching cards, scaled to the printable area -----------------

# Cards per sheet and scale for a home printer (5 mm margins, 4 mm label band), worked out
# by hand: the most cards at 90 % or more, then the largest whole percent that fits.
# A6 on A4: 2 x 2 in 200 x 283 mm: min(200 / 210, 283 / 296) = 0.952 -> 95 %.
# A7 on A4: 4 x 2 landscape in 287 x 196 mm: min(287 / 296, 196 / 210) = 0.933 -> 93 %.
HOME = {
    ("A4", "A6"): (2, 2, False, 0.95),
    ("A4", "A7"): (4, 2, True, 0.93),
    ("A3", "A6"): (3, 3, False, 0.91),
    ("Letter", "A6"): (2, 1, True, 1.0),
}


@pytest.mark.parametrize("paper, card", sorted(HOME))
def test_home_sheets_hold_touching_cards_scaled_into_the_printable_area(
    paper: str, card: str
) -> None:
    width, height = CARDS[card]
    options = SheetOptions(paper=paper, home=True)
    grid = plan_grid(options, width + 2 * BLEED, height + 2 * BLEED, BLEED)
    columns, rows, landscape, scale = HOME[(paper, card)]
    assert (grid.columns, grid.rows, grid.landscape, grid.scale) == (
        columns,
        rows,
        landscape,
        scale,
    )
    cells = [grid.cell(i) for i in range(grid.per_sheet)]
    for cell in cells:
        assert (cell.width, cell.height) == pytest.approx((width * scale, height * scale))
    # Touching: each cell starts where its left or upper neighbour ends.
    for index, cell in enumerate(cells):
        if index % columns:
            assert cell.x == pytest.approx(cells[index - 1].right)
        if index >= columns:
            assert cell.y == pytest.approx(cells[index - columns].bottom)
    margin = options.margin
    assert min(c.x for c in cells) >= margin - 1e-9
    assert max(c.right for c in cells) <= grid.sheet_width - margin + 1e-9
    assert min(c.y for c in cells) >= margin - 1e-9
    assert max(c.bottom for c in cells) <= grid.sheet_height - margin - 4 + 1e-9


def test_home_sheets_clip_each_card_at_its_trim_and_say_the_scale() -> None:
    options = SheetOptions(paper="A4", home=True)
    pages = [card_page(n, CARDS["A6"]) for n in range(1, 5)]
    sheet = impose(pages, None, options, "Test")[0]
    cards = [item for item in sheet.items if isinstance(item, Clipped)]
    assert [box for _, box in sheet.cards] == [card.box for card in cards]
    for card, page in zip(cards, pages, strict=True):
        # The page's background (trim plus bleed) scaled by 95 %, its trim on the cell.
        (background,) = card.items
        assert background.box.x == pytest.approx(card.box.x - BLEED * 0.95)
        assert background.box.width == pytest.approx((105 + 2 * BLEED) * 0.95)
        assert background.color == page.items[0].color
    label = " ".join(line.text for line in sheet.items if isinstance(line, TextLine))
    assert "kaartjes op 95 %" in label
    # Cut lines along every trim line; never crop marks.
    assert not sheet.marks
    assert any(isinstance(i, FillRect) and i.color == CUT_LINE_COLOR for i in sheet.items)


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("card", ["A6", "A7"])
def test_home_backs_land_behind_their_fronts(duplex: str, card: str) -> None:
    options = SheetOptions(paper="A4", duplex=duplex, home=True, back_offset=(0.5, -0.4))
    pages = [card_page(n, CARDS[card]) for n in range(1, 9)]
    front, back = impose(pages, pages, options, "Test")[:2]
    grid = plan_grid(options, pages[0].width, pages[0].height, BLEED)
    behind = dict(back.cards)
    for number, box in front.cards:
        assert behind[number] == mirrored(box, grid, duplex, (0.5, -0.4))


def test_home_printing_refuses_crop_marks_and_a_gap() -> None:
    with pytest.raises(CardkitError, match="crop marks and a gap do not apply"):
        SheetOptions(home=True, crop_marks=True)
    with pytest.raises(CardkitError, match="crop marks and a gap do not apply"):
        SheetOptions(home=True, gap=2)


# --- the alignment sheet: the orientation of the sheets it is for ---------------------------


def cross_centres(sheet: Sheet) -> list[tuple[float, float]]:
    """The centre of every crosshair: where its horizontal arm (16 mm long) crosses."""
    return sorted(
        (i.box.x + i.box.width / 2, i.box.y + i.box.height / 2)
        for i in sheet.items
        if isinstance(i, FillRect) and i.box.width == 16
    )


@pytest.mark.parametrize("home", [False, True])
@pytest.mark.parametrize("card", ["A6", "A7"])
def test_the_alignment_sheet_has_the_orientation_of_the_sets_sheets(card: str, home: bool) -> None:
    options = SheetOptions(paper="A4", duplex="long", home=home)
    size = CARDS[card]
    grid = plan_grid(options, size[0] + 2 * BLEED, size[1] + 2 * BLEED, BLEED)
    for sheet in alignment_sheets(options, grid):
        assert (sheet.width, sheet.height) == (grid.sheet_width, grid.sheet_height)
    assert [s.width < s.height for s in alignment_sheets(options)] == [True, True]


def page_to_paper(grid: Grid) -> Callable[[tuple[float, float]], tuple[float, float]]:
    """How a printer puts a page on its portrait paper: a landscape page turned a quarter."""
    if not grid.landscape:
        return lambda point: point
    return lambda point: (point[1], grid.sheet_width - point[0])


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("card, home", [("A6", False), ("A6", True), ("A7", False)])
def test_the_offset_read_off_the_alignment_sheet_puts_the_backs_behind_the_fronts(
    card: str, home: bool, duplex: str
) -> None:
    """A printer that drifts its backs by `drift` mm on the paper. The test sheet is read
    as its instructions say (where the black cross stands on the red ruler, seen from the
    back), and that offset, given to the card sheets, makes every back land where it should.
    Read off a sheet of another orientation, the same drift would be corrected sideways."""
    drift = (1.5, -0.7)  # on the paper, as the printer moves it
    options = SheetOptions(paper="A4", duplex=duplex, home=home)
    pages = [card_page(n, CARDS[card]) for n in range(1, 5)]
    grid = plan_grid(options, pages[0].width, pages[0].height, BLEED)
    to_paper = page_to_paper(grid)

    def printed(point: tuple[float, float]) -> tuple[float, float]:
        """Where the printer puts a back page's point, in that page's own coordinates."""
        paper = to_paper(point)
        moved = to_paper((0, 0)), to_paper((1, 0)), to_paper((0, 1))
        # Undo the page-to-paper turn for the drifted point (the turn is linear plus a shift).
        ux = (moved[1][0] - moved[0][0], moved[1][1] - moved[0][1])
        uy = (moved[2][0] - moved[0][0], moved[2][1] - moved[0][1])
        dx, dy = paper[0] + drift[0] - moved[0][0], paper[1] + drift[1] - moved[0][1]
        det = ux[0] * uy[1] - uy[0] * ux[1]
        return ((dx * uy[1] - uy[0] * dy) / det, (ux[0] * dy - dx * ux[1]) / det)

    test_front, test_back = alignment_sheets(options, grid)
    black = [mirrored(Box(x, y, 0, 0), grid, duplex, (0, 0)) for x, y in cross_centres(test_front)]
    red = [printed(point) for point in cross_centres(test_back)]
    readings = {
        (round(b.x - r[0], 6), round(b.y - r[1], 6))
        for b, r in zip(sorted(black, key=lambda b: (b.x, b.y)), sorted(red), strict=True)
    }
    assert len(readings) == 1  # every cross tells the same
    offset = readings.pop()
    corrected = replace(options, back_offset=offset)
    front, back = impose(pages, pages, corrected, "Test")[:2]
    behind = dict(back.cards)
    for number, box in front.cards:
        landed = behind[number]
        at = printed((landed.x, landed.y))
        wanted = mirrored(box, grid, duplex, (0, 0))
        assert at == pytest.approx((wanted.x, wanted.y), abs=1e-6)


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("card", sorted(CARDS))
@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("home", [False, True])
def test_the_sheet_label_never_lies_on_a_card(
    paper: str, card: str, duplex: str, home: bool
) -> None:
    """On a back turned top to bottom, the band kept free for the label is above the cards:
    the label goes there, not across the bottom row."""
    marks = {} if home else {"crop_marks": False}
    options = SheetOptions(paper=paper, duplex=duplex, home=home, **marks)
    pages = [card_page(n, CARDS[card]) for n in range(1, 17)]
    for sheet in impose(pages, pages, options, "Test"):
        labels = [i for i in sheet.items if isinstance(i, TextLine) and i.zone == "label"]
        assert labels
        for line in labels:
            box = Box(line.x, line.top, line.width, line.height)
            assert not any(overlaps(box, cell) for _, cell in sheet.cards), (sheet.side, box)
