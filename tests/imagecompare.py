"""Compare two renders of one page: the pixel-parity metric, the ink centres of text lines,
and PDF rasterisation at exactly the PNG renderer's scale."""

from __future__ import annotations

import ctypes
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw

from cardkit.display import Drawing, FillCells, ImageItem, TextLine
from cardkit.geometry import MM_PER_PT
from cardkit.render.png import render_page

# --- pixels that differ ----------------------------------------------------------------

PIXEL_DPI = 300
TOLERANCE = 64  # levels outside the neighbourhood's range before a pixel counts
MAX_MISMATCH = 0.0002  # 0.02 % of pixels

# --- where each text line's ink lies ---------------------------------------------------

INK_DPI = 150  # the PNG is drawn at this dpi, the PDF rasterised at it (supersampled)
PDF_SUPERSAMPLING = 4  # pdfium snaps glyph baselines to whole device pixels: a quarter here
MAX_INK_OFFSET = 0.5  # px at INK_DPI, per axis, between a line's ink in the PNG and the PDF
CLUSTER_GAP = 0.05  # columns with less ink than this share of the heaviest separate clusters
Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels


def rasterise_pdf(
    pdf: bytes, dpi: float, sizes: Sequence[tuple[int, int]], supersampling: int = 1
) -> list[Image.Image]:
    """Every page of `pdf` as RGB at `dpi`, each the given pixel size, on white.

    The scale is exactly the PNG renderer's (dpi / 72 per point) in both directions, so a
    point of the page lands on the same pixel in both. (pdfium's ordinary render stretches
    the page to fill a bitmap of whole pixels: 1311.04 px of A6 plus bleed at 300 dpi drawn
    1312 px wide moved the right-hand side of a card almost a pixel.) With `supersampling`
    the page is drawn that many times larger and reduced by averaging, which hides
    pdfium's snapping of glyphs to whole pixels and its hinting of stems.
    """
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            _rasterise_page(page, dpi, size, supersampling)
            for page, size in zip(document, sizes, strict=True)
        ]
    finally:
        document.close()


def pixel_pairs(
    drawings: Sequence[Drawing], pdf: bytes, dpi: float = PIXEL_DPI
) -> Iterator[tuple[Drawing, Image.Image, Image.Image]]:
    """Each drawing as the PNG renderer draws it and as pdfium rasterises its page of `pdf`."""
    pngs = [render_page(drawing, dpi) for drawing in drawings]
    rasters = rasterise_pdf(pdf, dpi, [png.size for png in pngs])
    yield from zip(drawings, pngs, rasters, strict=True)


def ink_pairs(
    drawings: Sequence[Drawing], pdf: bytes
) -> Iterator[tuple[Drawing, Image.Image, Image.Image]]:
    """Each drawing at INK_DPI as the PNG renderer draws it and as pdfium rasterises its
    page of `pdf` (supersampled): what line_offsets compares."""
    pngs = [render_page(drawing, INK_DPI) for drawing in drawings]
    rasters = rasterise_pdf(pdf, INK_DPI, [png.size for png in pngs], PDF_SUPERSAMPLING)
    yield from zip(drawings, pngs, rasters, strict=True)


def _rasterise_page(
    page: pdfium.PdfPage, dpi: float, size: tuple[int, int], supersampling: int
) -> Image.Image:
    width, height = size
    if (
        abs(page.get_width() * dpi / 72 - width) > 1
        or abs(page.get_height() * dpi / 72 - height) > 1
    ):
        raise AssertionError(f"PDF page {page.get_size()} pt does not match the PNG {size} px")
    scale = dpi / 72 * supersampling
    width, height = width * supersampling, height * supersampling
    bitmap = pdfium.PdfBitmap.new_native(width, height, pdfium_c.FPDFBitmap_BGR)
    bitmap.fill_rect((255, 255, 255, 255), 0, 0, width, height)
    matrix = pdfium_c.FS_MATRIX(scale, 0, 0, scale, 0, 0)
    clip = pdfium_c.FS_RECTF(0, 0, width, height)
    pdfium_c.FPDF_RenderPageBitmapWithMatrix(
        bitmap, page, ctypes.byref(matrix), ctypes.byref(clip), pdfium_c.FPDF_ANNOT
    )
    image = bitmap.to_pil().convert("RGB")
    return image.reduce(supersampling) if supersampling > 1 else image


def _outside(image: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Per pixel: is any channel more than TOLERANCE outside the other image's 3x3 range?"""
    height, width = other.shape[:2]
    padded = np.pad(other, ((1, 1), (1, 1), (0, 0)), mode="edge")
    shifts = [padded[dy : dy + height, dx : dx + width] for dy in range(3) for dx in range(3)]
    low = np.minimum.reduce(shifts).astype(np.int16)
    high = np.maximum.reduce(shifts).astype(np.int16)
    values = image.astype(np.int16)
    return ((values < low - TOLERANCE) | (values > high + TOLERANCE)).any(axis=2)


def mismatch_map(a: Image.Image, b: Image.Image) -> np.ndarray:
    """Pixels that differ between `a` and `b` beyond antialiasing, checked both ways round."""
    if a.size != b.size:
        raise AssertionError(f"sizes differ: {a.size} vs {b.size}")
    left = np.asarray(a.convert("RGB"))
    right = np.asarray(b.convert("RGB"))
    return _outside(left, right) | _outside(right, left)


def mismatch_fraction(a: Image.Image, b: Image.Image) -> float:
    return float(mismatch_map(a, b).mean())


def save_failure(
    directory: Path,
    name: str,
    expected: Image.Image,
    actual: Image.Image,
    marks: Iterable[Box] = (),
) -> Path:
    """Leave expected, actual and diff images behind so a failure can be looked at.

    The diff is the expected image in grey with differing pixels in red and the `marks`
    (the lines whose ink is out of place) outlined in blue."""
    directory.mkdir(parents=True, exist_ok=True)
    expected.save(directory / f"{name}-expected.png")
    actual.save(directory / f"{name}-actual.png")
    diff = mismatch_map(expected, actual)
    overlay = expected.convert("L").convert("RGB")
    pixels = np.asarray(overlay).copy()
    pixels[diff] = (255, 0, 0)
    image = Image.fromarray(pixels)
    draw = ImageDraw.Draw(image)
    for x0, y0, x1, y1 in marks:
        draw.rectangle((x0 - 1, y0 - 1, x1, y1), outline=(0, 90, 255), width=2)
    image.save(directory / f"{name}-diff.png")
    return directory / f"{name}-diff.png"


# --- ink centres of text lines ---------------------------------------------------------


@dataclass(frozen=True)
class LineOffset:
    """Where a line's ink lies in the PNG relative to the PDF raster, in pixels.

    Positive `dx` and `dy`: the PNG's ink lies right of and below the PDF's. Both are
    infinite when only one of the two images has ink there (a line drawn by one only)."""

    line: TextLine
    box: Box  # the pixels measured
    dx: float
    dy: float

    @property
    def worst(self) -> float:
        return max(abs(self.dx), abs(self.dy))

    def describe(self) -> str:
        return f"{self.line.zone} {self.line.text!r}: dx {self.dx:+.2f} px, dy {self.dy:+.2f} px"


def leaf_items(items: Iterable[object]) -> Iterator[object]:
    """The items of a display list, with those of groups (a clipped card) in their place."""
    for item in items:
        inner = getattr(item, "items", None)
        if inner is None:
            yield item
        else:
            yield from leaf_items(inner)


def line_offsets(
    items: Iterable[object], png: Image.Image, pdf: Image.Image, dpi: float
) -> list[LineOffset]:
    """For every text line with ink: how far its ink centre in `png` lies from that in `pdf`.

    A line's pixels are its line box widened by a quarter em each side (for glyphs that
    overhang their advance), without those inside any other line's box or a picture's
    (emoji, logos) or a QR code's. Ink is a pixel's distance from the box's background
    (the median colour there), so it works for dark text on white and white on colour.
    The line is cut into clusters at columns nearly free of ink in both images (gaps
    between glyphs, words) and the centres are compared per cluster, weighted by ink:
    a stem that one renderer draws a little bolder then moves only its own glyph's
    centre, not the centre of a whole long line.
    """
    scale = dpi / 25.4
    leaves = list(leaf_items(items))
    blockers = [item for item in leaves if isinstance(item, TextLine | ImageItem | FillCells)]
    offsets = []
    for line in (item for item in leaves if isinstance(item, TextLine)):
        others = [item.extent for item in blockers if item is not line]
        box, keep = _line_pixels(line, others, scale, png.size)
        if not keep.any():
            continue
        png_ink, pdf_ink = _ink(png, box, keep), _ink(pdf, box, keep)
        if not png_ink.any() and not pdf_ink.any():
            continue  # a run of spaces between two emoji
        dx, dy = _cluster_offset(png_ink, pdf_ink)
        offsets.append(LineOffset(line, box, dx, dy))
    return offsets


def _line_pixels(
    line: TextLine,
    others: list[tuple[float, float, float, float]],
    scale: float,
    size: tuple[int, int],
) -> tuple[Box, np.ndarray]:
    """The pixel box around a line and which of its pixels (by their centres) are its own."""
    left, top, right, bottom = line.extent
    margin = line.size * MM_PER_PT / 4
    x0, x1 = (
        max(0, math.floor((left - margin) * scale)),
        min(size[0], math.ceil((right + margin) * scale)),
    )
    y0, y1 = max(0, math.floor(top * scale)), min(size[1], math.ceil(bottom * scale))
    xs = (np.arange(x0, x1) + 0.5) / scale
    ys = (np.arange(y0, y1) + 0.5) / scale
    keep = np.repeat(((ys >= top) & (ys < bottom))[:, None], len(xs), axis=1)
    for other_left, other_top, other_right, other_bottom in others:
        rows = (ys >= other_top) & (ys < other_bottom)
        columns = (xs >= other_left) & (xs < other_right)
        if rows.any() and columns.any():
            keep &= ~(rows[:, None] & columns[None, :])
    return (x0, y0, x1, y1), keep


def _ink(image: Image.Image, box: Box, keep: np.ndarray) -> np.ndarray:
    pixels = np.asarray(image.crop(box).convert("RGB"), dtype=np.float64)
    background = np.median(pixels[keep], axis=0)
    return np.abs(pixels - background).sum(axis=2) * keep


def _cluster_offset(png_ink: np.ndarray, pdf_ink: np.ndarray) -> tuple[float, float]:
    if not png_ink.any() or not pdf_ink.any():
        return math.inf, math.inf
    columns = png_ink.sum(axis=0) + pdf_ink.sum(axis=0)
    inked = np.concatenate(([0], (columns > CLUSTER_GAP * columns.max()).astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(inked))
    rows = np.arange(png_ink.shape[0])
    total = dx = dy = 0.0
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        png, pdf = png_ink[:, start:end], pdf_ink[:, start:end]
        png_weight, pdf_weight = png.sum(), pdf.sum()
        if png_weight == 0 or pdf_weight == 0:
            continue  # faint specks on one side only
        xs = np.arange(start, end)
        weight = png_weight + pdf_weight
        dx += weight * (png.sum(axis=0) @ xs / png_weight - pdf.sum(axis=0) @ xs / pdf_weight)
        dy += weight * (png.sum(axis=1) @ rows / png_weight - pdf.sum(axis=1) @ rows / pdf_weight)
        total += weight
    if total == 0:
        return math.inf, math.inf
    return float(dx / total), float(dy / total)
