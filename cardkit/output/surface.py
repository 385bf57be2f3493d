"""Display lists around cards: a card cut at its trim, and text set on sheets and canvases.

A `Surface` is a display list of its own size that any renderer draws like a card page.
"""

from __future__ import annotations

from dataclasses import dataclass

from cardkit.display import RGB, Item, Page, TextLine
from cardkit.geometry import Box
from cardkit.layout.text import set_text
from cardkit.paths import FONTS_DIR
from cardkit.read.style import Align, TextStyle, VAlign
from cardkit.text.runs import FontStack

LABEL_FONT = str(FONTS_DIR / "Lato-Regular.ttf")
LEADING = 1.3


@dataclass(frozen=True)
class Surface:
    """A display list of its own size: a card cut at its trim, a share canvas."""

    width: float
    height: float
    items: tuple[Item, ...]


def trimmed(page: Page) -> Surface:
    """The page's items moved so the trim's corner is the origin; the bleed falls outside."""
    items = tuple(item.moved(-page.trim.x, -page.trim.y) for item in page.items)
    return Surface(page.trim.width, page.trim.height, items)


def text_block(
    name: str,
    text: str,
    box: Box,
    sizes: tuple[float, float],
    color: RGB,
    align: Align = "left",
    valign: VAlign = "top",
    font: str = LABEL_FONT,
) -> list[TextLine]:
    """Text set in `box` in one font: the largest size in `sizes` (points) that fits."""
    style = TextStyle(sizes[0], sizes[1], LEADING, align, valign)
    return set_text(name, text, box, FontStack(font), style, color)[0]  # type: ignore[return-value]
