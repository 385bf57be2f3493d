"""Fonts and text measurement: the one source of text widths, Pillow with the Raqm layout engine.

Widths are measured once, in em (multiples of the font size), at a large reference
size where they scale linearly; the PDF renderer's HarfBuzz shaping agrees with them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont, features

from cardkit.errors import SetupError

# fontTools warns about Lato's (harmless) 1904-epoch 'created' stamp on every load.
logging.getLogger("fontTools").setLevel(logging.ERROR)

REFERENCE_PX = 1000.0

RAQM_MISSING = (
    "cardkit needs Pillow's Raqm text layout (for kerning and ligatures that match the PDF), "
    "and Raqm needs the FriBiDi library. Install it with `sudo apt-get install libfribidi0` "
    "(Debian/Ubuntu) or `brew install fribidi` (macOS), then start cardkit again."
)


@cache
def require_raqm() -> None:
    """Fail with a clear instruction when Pillow cannot shape text with Raqm."""
    if not features.check("raqm"):
        raise SetupError(RAQM_MISSING)


@dataclass(frozen=True)
class FontMetrics:
    """Vertical metrics in em: ascent and descent (hhea) and the height of capitals."""

    ascent: float
    descent: float
    cap_height: float
    bold: bool = False


@cache
def font_metrics(path: str) -> FontMetrics:
    font = TTFont(path, lazy=True)
    units = font["head"].unitsPerEm
    hhea = font["hhea"]
    os2 = font["OS/2"]
    cap = getattr(os2, "sCapHeight", 0) or 0.7 * units
    bold = os2.usWeightClass >= 600
    return FontMetrics(hhea.ascent / units, -hhea.descent / units, cap / units, bold)


@cache
def font_weight(path: str) -> int:
    """The font's weight class (OS/2 usWeightClass): 400 regular, 700 bold, 900 black."""
    return int(TTFont(path, lazy=True)["OS/2"].usWeightClass)


@lru_cache(maxsize=256)
def pillow_font(path: str, size_px: float) -> ImageFont.FreeTypeFont:
    """A Raqm-shaped Pillow font at a pixel size (fractional sizes allowed)."""
    require_raqm()
    return ImageFont.truetype(path, size_px, layout_engine=ImageFont.Layout.RAQM)


@lru_cache(maxsize=200_000)
def text_width_em(path: str, text: str) -> float:
    """Advance width of `text` in em, with kerning and ligatures."""
    return pillow_font(path, REFERENCE_PX).getlength(text) / REFERENCE_PX


@cache
def font_covers(path: str) -> frozenset[int]:
    """The code points the font has glyphs for."""
    return frozenset(TTFont(path, lazy=True).getBestCmap())


def font_name(path: str | Path) -> str:
    return Path(path).stem
