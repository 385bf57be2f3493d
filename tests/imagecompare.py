"""Compare two renders of one page with the engine's parity metric, and rasterise PDFs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

TOLERANCE = 64  # levels outside the neighbourhood's range before a pixel counts
MAX_MISMATCH = 0.0002  # 0.02 % of pixels


def rasterise_pdf(pdf: bytes, dpi: float, sizes: list[tuple[int, int]]) -> list[Image.Image]:
    """Every page of `pdf` as RGB at `dpi`, cropped to the given pixel sizes.

    The scale is exactly the PNG renderer's (dpi / 72 per point), so pixels line up;
    pdfium rounds a page's fractional pixel size up, the PNG renderer to nearest,
    which the crop (of at most one row or column of bleed) reconciles.
    """
    document = pdfium.PdfDocument(pdf)
    images = []
    for page, (width, height) in zip(document, sizes, strict=True):
        image = page.render(scale=dpi / 72).to_pil().convert("RGB")
        if image.width < width or image.height < height:
            raise AssertionError(f"PDF page {image.size} is smaller than the PNG {(width, height)}")
        images.append(image.crop((0, 0, width, height)))
    document.close()
    return images


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


def save_failure(directory: Path, name: str, expected: Image.Image, actual: Image.Image) -> Path:
    """Leave expected, actual and diff images behind so a failure can be looked at."""
    directory.mkdir(parents=True, exist_ok=True)
    expected.save(directory / f"{name}-expected.png")
    actual.save(directory / f"{name}-actual.png")
    diff = mismatch_map(expected, actual)
    overlay = expected.convert("L").convert("RGB")
    pixels = np.asarray(overlay).copy()
    pixels[diff] = (255, 0, 0)
    Image.fromarray(pixels).save(directory / f"{name}-diff.png")
    return directory / f"{name}-diff.png"


def ink_centroid(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[float, float, float]:
    """Centre of the ink in `box` (x0, y0, x1, y1 in pixels), and its total weight.

    Ink is each pixel's distance from the box's background, the median colour of its border.
    """
    pixels = np.asarray(image.crop(box).convert("RGB")).astype(np.float64)
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    background = np.median(border, axis=0)
    ink = np.abs(pixels - background).sum(axis=2)
    total = ink.sum()
    if total == 0:
        return 0.0, 0.0, 0.0
    ys, xs = np.mgrid[0 : ink.shape[0], 0 : ink.shape[1]]
    return float((ink * xs).sum() / total), float((ink * ys).sum() / total), float(total)


def zone_offsets(
    zones: dict[str, tuple[int, int, int, int]], a: Image.Image, b: Image.Image
) -> dict[str, float]:
    """Per zone, how far (in pixels) the ink centre of `b` lies from that of `a`."""
    offsets = {}
    for name, box in zones.items():
        ax, ay, weight = ink_centroid(a, box)
        bx, by, _ = ink_centroid(b, box)
        if weight:
            offsets[name] = float(np.hypot(bx - ax, by - ay))
    return offsets
