"""Compare two renders of one page with the engine's parity metric, and rasterise PDFs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from numpy.lib.stride_tricks import sliding_window_view
from PIL import Image

TOLERANCE = 64  # levels outside the neighbourhood's range before a pixel counts
MAX_MISMATCH = 0.0002  # 0.02 % of pixels


def rasterise_pdf(pdf: bytes, sizes: list[tuple[int, int]] | None = None) -> list[Image.Image]:
    """Every page of `pdf` as RGB, each scaled to the given pixel size (width, height)."""
    document = pdfium.PdfDocument(pdf)
    images = []
    for index, page in enumerate(document):
        width_pt, height_pt = page.get_size()
        if sizes is None:
            scale = 300 / 72
        else:
            width_px, height_px = sizes[index]
            scale = width_px / width_pt
            assert round(height_pt * scale) == height_px, "page aspect differs from the PNG"
        images.append(page.render(scale=scale).to_pil().convert("RGB"))
    document.close()
    return images


def _outside(image: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Per pixel: is any channel more than TOLERANCE outside the other image's 3x3 range?"""
    padded = np.pad(other, ((1, 1), (1, 1), (0, 0)), mode="edge")
    windows = sliding_window_view(padded, (3, 3), axis=(0, 1))
    low = windows.min(axis=(-2, -1)).astype(np.int16)
    high = windows.max(axis=(-2, -1)).astype(np.int16)
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
