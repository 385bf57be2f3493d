"""The PNG and the PDF of a card match: same line breaks, sizes and positions.

Two measures, both against the PDF as pdfium rasterises it at exactly the PNG's scale:

- Pixels (at 300 dpi): count pixels lying more than 64 levels outside the min..max of
  the other image's 3x3 neighbourhood in any channel, both ways round. At most 0.02 %
  may. This sees missing or extra marks, wrong colours, wrong line breaks; the 3x3
  neighbourhood that absorbs antialiasing also hides a one-pixel shift of all text.
- Ink centres (at 150 dpi, the PDF rasterised 4x larger and reduced): for every text
  line, where its ink lies in the PNG against the PDF (imagecompare.line_offsets). At
  most 0.5 px per axis. Today's worst line is about 0.38 px (the PNG renderer places
  glyphs in half-pixel steps, so up to a quarter pixel off, plus pdfium's own
  placement and hinting); text moved by half a pixel or more fails.

On failure, expected (the PDF raster), actual (the PNG) and diff images are left in
tests/output/; an ink failure outlines the lines out of place in blue.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageChops, ImageDraw

import cardkit.render.png as png_renderer
from cardkit.deck import open_deck
from cardkit.display import Drawing, FillRect, Item, Page, TextLine
from cardkit.geometry import Box
from cardkit.layout.card import lay_out_set
from cardkit.output import export
from cardkit.output.impose import SheetOptions
from cardkit.read.layouts import load_layout
from cardkit.render.pdf import PdfCanvas, render_pdf
from cardkit.render.png import render_page
from tests.helpers import EXAMPLE_SETS, HARD_SET, LOGO_SET, OUTPUT_DIR
from tests.imagecompare import (
    INK_DPI,
    MAX_INK_OFFSET,
    MAX_MISMATCH,
    PDF_SUPERSAMPLING,
    PIXEL_DPI,
    LineOffset,
    ink_pairs,
    line_offsets,
    mismatch_fraction,
    pixel_pairs,
    rasterise_pdf,
    save_failure,
)

SETS = [*EXAMPLE_SETS, LOGO_SET, HARD_SET]
VARIANTS = ["a7", "a6-groot"]


@dataclass(frozen=True)
class Laid:
    """Card sides and their PDF, made once for both measures."""

    pages: list[Page]
    pdf: bytes


@pytest.fixture(scope="module")
def laid_out() -> Callable[[str], Laid]:
    """The card sides of a set (by file stem) or of the first set in a variant layout."""
    cache: dict[str, Laid] = {}

    def get(name: str) -> Laid:
        if name not in cache:
            if name in VARIANTS:
                deck = open_deck(EXAMPLE_SETS[0])
                pages = list(lay_out_set(deck.card_set, load_layout(name)))[:4]
            else:
                pages = list(open_deck(next(p for p in SETS if p.stem == name)).pages())
            cache[name] = Laid(pages, render_pdf(pages))
        return cache[name]

    return get


def assert_parity(name: str, png: Image.Image, pdf: Image.Image) -> None:
    fraction = mismatch_fraction(png, pdf)
    if fraction > MAX_MISMATCH:
        diff = save_failure(OUTPUT_DIR, name, pdf, png)
        pytest.fail(
            f"{name}: {fraction:.4%} of pixels differ (limit {MAX_MISMATCH:.2%}); see {diff}"
        )


def out_of_place(drawings: Sequence[Drawing], pdf: bytes, names: list[str]) -> list[str]:
    """Lines whose ink lies more than MAX_INK_OFFSET from the PDF's; the images of every
    drawing with such lines are left in tests/output/ under its name."""
    problems = []
    for name, (drawing, png, raster) in zip(names, ink_pairs(drawings, pdf), strict=True):
        offsets = line_offsets(drawing.items, png, raster, INK_DPI)
        bad = [offset for offset in offsets if offset.worst > MAX_INK_OFFSET]
        if bad:
            diff = save_failure(OUTPUT_DIR, f"{name}-ink", raster, png, [o.box for o in bad])
            problems += [f"{name}: {offset.describe()} (see {diff})" for offset in bad]
    return problems


def side_names(prefix: str, pages: list[Page]) -> list[str]:
    return [f"{prefix}-{page.card}-{page.side}" for page in pages]


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_every_card_side_of_the_example_sets_matches(laid_out, path: Path) -> None:
    laid = laid_out(path.stem)
    for page, png, pdf in pixel_pairs(laid.pages, laid.pdf):
        assert_parity(f"{path.stem}-{page.card}-{page.side}", png, pdf)


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_every_text_line_of_the_example_sets_sits_where_the_pdf_puts_it(
    laid_out, path: Path
) -> None:
    laid = laid_out(path.stem)
    problems = out_of_place(laid.pages, laid.pdf, side_names(path.stem, laid.pages))
    assert not problems, f"ink over {MAX_INK_OFFSET} px from the PDF's:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "paper, duplex, home", [("A4", "long", False), ("Letter", "short", False), ("A4", "long", True)]
)
def test_sheets_match(paper: str, duplex: str, home: bool) -> None:
    """The sheet PDF, rasterised, against a Pillow render of the same sheet display list;
    home sheets too (cards scaled and clipped at their trim)."""
    marks = {"cut_lines": True} if home else {"crop_marks": True, "cut_lines": True}
    options = SheetOptions(paper=paper, duplex=duplex, home=home, **marks)
    sheets = export.sheets(open_deck(LOGO_SET), options)[:2]
    data, _ = export.drawings_pdf(sheets, "test")
    names = [f"sheet-{paper}-{'home-' if home else ''}{s.number}-{s.side}" for s in sheets]
    for name, (_, png, pdf) in zip(names, pixel_pairs(sheets, data), strict=True):
        assert_parity(name, png, pdf)
    problems = out_of_place(sheets, data, names)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("layout_name", VARIANTS)
def test_the_variants_match_too(laid_out, layout_name: str) -> None:
    laid = laid_out(layout_name)
    for page, png, pdf in pixel_pairs(laid.pages, laid.pdf):
        assert_parity(f"{layout_name}-{page.card}-{page.side}", png, pdf)
    problems = out_of_place(laid.pages, laid.pdf, side_names(layout_name, laid.pages))
    assert not problems, "\n".join(problems)


# --- the PDF is rasterised at the PNG's scale -------------------------------------------


@dataclass(frozen=True)
class Plain:
    """A drawing of a few items (a Drawing)."""

    width: float
    height: float
    items: tuple[Item, ...]


def test_the_pdf_is_rasterised_at_exactly_the_pngs_scale() -> None:
    """Bars near both edges of an A6 page with bleed (1311.02 px wide at 300 dpi) land
    where the millimetres say: pdfium's own page render would stretch the page to 1312
    px and put the right-hand bar 0.9 px too far right."""
    bars = [FillRect(Box(x, 10, 0.5, 100), (0, 0, 0)) for x in (5, 100)]
    drawing = Plain(111, 154, (FillRect(Box(0, 0, 111, 154), (255, 255, 255)), *bars))
    canvas = PdfCanvas()
    canvas.add_drawing(drawing)
    size = render_page(drawing, PIXEL_DPI).size
    image = rasterise_pdf(canvas.output(), PIXEL_DPI, [size])[0]
    ink = 255 - np.asarray(image.convert("L"), dtype=np.float64)[size[1] // 2]
    scale = PIXEL_DPI / 25.4
    for bar in bars:
        left, right = math.floor(bar.box.x * scale) - 2, math.ceil(bar.box.right * scale) + 2
        columns = np.arange(left, right)
        centre = ink[left:right] @ (columns + 0.5) / ink[left:right].sum()
        assert centre == pytest.approx((bar.box.x + bar.box.width / 2) * scale, abs=0.1)


# --- the pixel metric can fail ----------------------------------------------------------


@pytest.fixture(scope="module")
def reference(laid_out) -> tuple[Page, Image.Image, Image.Image]:
    laid = laid_out(EXAMPLE_SETS[0].stem)
    page = laid.pages[0]
    return next(pixel_pairs([page], render_pdf([page])))


@pytest.mark.parametrize("dx, dy", [(-1, 0), (0, 1), (0, -1), (2, 0), (-2, 0), (0, 2), (0, -2)])
def test_a_shifted_render_fails(reference, dx: int, dy: int) -> None:
    """An exact translation by one pixel can hide inside the 3x3 neighbourhood (that
    tolerance is what absorbs antialiasing), so whether it is caught depends on the
    direction: one pixel to the right is not (0.009 % of pixels); two pixels always are.
    A shift of the text alone is what the ink centres catch (below)."""
    _, png, pdf = reference
    assert mismatch_fraction(png, ImageChops.offset(pdf, dx, dy)) > MAX_MISMATCH


def test_a_recoloured_render_fails(reference) -> None:
    _, png, pdf = reference
    red, green, blue = pdf.split()
    recoloured = Image.merge("RGB", (blue, green, red))  # teal becomes brown
    assert mismatch_fraction(png, recoloured) > MAX_MISMATCH


def test_a_changed_text_fails(reference) -> None:
    page, png, pdf = reference
    changed = pdf.copy()
    line = next(line for line in page.text_lines if line.zone == "question")
    scale = PIXEL_DPI / 25.4
    ImageDraw.Draw(changed).rectangle(
        (line.x * scale, line.top * scale, (line.x + 8) * scale, line.baseline * scale),
        fill=(255, 253, 248),
    )  # the first letters of the question are gone
    assert mismatch_fraction(png, changed) > MAX_MISMATCH


def test_the_reference_pair_itself_passes(reference) -> None:
    _, png, pdf = reference
    assert mismatch_fraction(png, pdf) <= MAX_MISMATCH


# --- the ink centres can fail ----------------------------------------------------------


@pytest.fixture(scope="module")
def ink_reference(laid_out) -> tuple[list[Page], list[Image.Image]]:
    """Two cards of the first example set (both sides) and their PDF rasters."""
    pages = laid_out(EXAMPLE_SETS[0].stem).pages[:4]
    return pages, [raster for _, _, raster in ink_pairs(pages, render_pdf(pages))]


def text_moved(page: Page, dx: float, dy: float) -> Page:
    """The page with all its text moved by (dx, dy) pixels at INK_DPI: drawn by the PNG
    renderer, the same as `_draw_text` adding that much to x and the baseline."""
    mm = 25.4 / INK_DPI
    items = tuple(
        item.moved(dx * mm, dy * mm) if isinstance(item, TextLine) else item for item in page.items
    )
    return replace(page, items=items)


def png_offsets(pages: list[Page], rasters: list[Image.Image]) -> list[LineOffset]:
    """The ink offsets of the pages as the PNG renderer draws them now."""
    offsets = []
    for page, raster in zip(pages, rasters, strict=True):
        offsets += line_offsets(page.items, render_page(page, INK_DPI), raster, INK_DPI)
    return offsets


def test_the_ink_reference_itself_passes(ink_reference) -> None:
    pages, rasters = ink_reference
    assert max(o.worst for o in png_offsets(pages, rasters)) <= MAX_INK_OFFSET


@pytest.mark.parametrize(
    "dx, dy",
    [(1, 0), (-1, 0), (0, 1), (0, -1), (0.5, 0), (-0.5, 0), (0, 0.5), (0, -0.5)],
)
def test_text_moved_by_half_a_pixel_or_more_fails(ink_reference, dx: float, dy: float) -> None:
    """Only the PNG's text moves; the pixel metric misses all of these."""
    pages, rasters = ink_reference
    moved = [text_moved(page, dx, dy) for page in pages]
    offsets = png_offsets(moved, rasters)
    assert max(abs(o.dx) if dx else abs(o.dy) for o in offsets) > MAX_INK_OFFSET
    # On average the ink moves by what the text was moved: the measure sees position.
    mean = sum(o.dx if dx else o.dy for o in offsets) / len(offsets)
    assert mean == pytest.approx(dx or dy, abs=0.15)


# --- text is placed to a fraction of a pixel --------------------------------------------

SUBPIXEL_STEPS = 8  # positions per pixel the sweep tries
MAX_PLACEMENT_SPREAD = 0.6  # px: half-pixel steps spread 0.44, whole pixels 0.88


@dataclass(frozen=True)
class Sweep:
    """A drawing of lines, each copied at SUBPIXEL_STEPS positions within a pixel."""

    width: float
    height: float
    items: tuple[Item, ...]
    rows: tuple[tuple[str, str], ...]  # (zone, axis) of each copied line, in item order


def subpixel_sweep(lines: list[TextLine], dpi: float) -> Sweep:
    pixel = 25.4 / dpi
    width = max(line.width for line in lines) + 6
    copies, rows, y = [], [], 2.0
    for line in lines:
        for axis in "xy":
            for step in range(SUBPIXEL_STEPS):
                fraction = step / SUBPIXEL_STEPS * pixel
                dx, dy = (fraction, 0.0) if axis == "x" else (0.0, fraction)
                copy = replace(line, color=(31, 41, 51)).moved(3 - line.x + dx, y - line.top + dy)
                copies.append(copy)
                rows.append((line.zone, axis))
                y += line.height
    height = y + 2
    background = FillRect(Box(0, 0, width, height), (255, 255, 255))
    return Sweep(width, height, (background, *copies), tuple(rows))


def placement_spreads(sweep: Sweep) -> dict[tuple[str, str], float]:
    """Per line and axis: how much the PNG's ink offset from the PDF's varies as the line
    moves through one pixel. Drawn to the nearest 1/n pixel, it varies by about 1/n."""
    canvas = PdfCanvas()
    canvas.add_drawing(sweep)
    png = render_page(sweep, INK_DPI)
    pdf = rasterise_pdf(canvas.output(), INK_DPI, [png.size], PDF_SUPERSAMPLING)[0]
    offsets = line_offsets(sweep.items, png, pdf, INK_DPI)
    assert len(offsets) == len(sweep.rows)
    found: dict[tuple[str, str], list[float]] = {}
    for (zone, axis), offset in zip(sweep.rows, offsets, strict=True):
        found.setdefault((zone, axis), []).append(offset.dx if axis == "x" else offset.dy)
    return {key: max(values) - min(values) for key, values in found.items()}


@pytest.fixture(scope="module")
def sweep(laid_out) -> Sweep:
    """The question, hint and footer lines of the first card, at 19, 10.5 and 7.5 pt."""
    page = laid_out(EXAMPLE_SETS[0].stem).pages[0]
    firsts = {}
    for line in page.text_lines:
        firsts.setdefault(line.zone, line)
    return subpixel_sweep([firsts[zone] for zone in ("question", "hint", "set_title")], INK_DPI)


@pytest.fixture
def without_text_supersampling(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(png_renderer, "TEXT_SUPERSAMPLING", 1)
    png_renderer.forget_drawn_lines()
    yield
    png_renderer.forget_drawn_lines()  # no line drawn this way outlives the test


def test_text_follows_the_pdf_to_half_a_pixel(sweep) -> None:
    spreads = placement_spreads(sweep)
    assert max(spreads.values()) <= MAX_PLACEMENT_SPREAD, spreads


def test_text_drawn_without_supersampling_fails(sweep, without_text_supersampling) -> None:
    """Whole-pixel glyph placement: the ink jumps a pixel where the PDF's glides."""
    spreads = placement_spreads(sweep)
    assert min(spreads.values()) > MAX_PLACEMENT_SPREAD, spreads


def test_text_drawn_without_supersampling_fails_on_the_cards_too(
    ink_reference, without_text_supersampling
) -> None:
    pages, rasters = ink_reference
    assert max(o.worst for o in png_offsets(pages, rasters)) > MAX_INK_OFFSET
