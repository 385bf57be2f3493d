"""Display lists as plain JSON-ready data: the `layout --json` output and the golden files."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cardkit.display import (
    Clipped,
    FillCells,
    FillEllipse,
    FillPolygon,
    FillRect,
    ImageItem,
    Page,
    TextLine,
    draw_items,
    hex_color,
)

DIGITS = 3  # mm to a micrometre: stable across machines, precise enough to review


def page_to_dict(page: Page) -> dict[str, Any]:
    """One card side: page size, print boxes, zones, positioned text lines and shapes (mm)."""
    dump = _JsonDump()
    draw_items(page.items, dump)
    return {
        "card": page.card,
        "side": page.side,
        "width": round(page.width, DIGITS),
        "height": round(page.height, DIGITS),
        "bleed": round(page.bleed, DIGITS),
        "corner_radius": round(page.corner_radius, DIGITS),
        "trim": page.trim.as_dict(DIGITS),
        "safe": page.safe.as_dict(DIGITS),
        "zones": {name: box.as_dict(DIGITS) for name, box in page.zones.items()},
        "lines": dump.lines,
        "shapes": dump.shapes,
        "overflows": [
            {
                "zone": overflow.zone,
                "needed_lines": overflow.needed_lines,
                "available_lines": overflow.available_lines,
                "size": overflow.size,
            }
            for overflow in page.overflows
        ],
    }


def pages_to_dict(pages: Iterable[Page], **extra: Any) -> dict[str, Any]:
    return {**extra, "sides": [page_to_dict(page) for page in pages]}


class _JsonDump:
    """A Renderer that writes items down: text lines apart from the other shapes."""

    def __init__(self) -> None:
        self.lines: list[dict[str, Any]] = []
        self.shapes: list[dict[str, Any]] = []

    def text(self, line: TextLine) -> None:
        self.lines.append(
            {
                "zone": line.zone,
                "text": line.text,
                "x": round(line.x, DIGITS),
                "y": round(line.top, DIGITS),
                "width": round(line.width, DIGITS),
                "height": round(line.height, DIGITS),
                "baseline": round(line.baseline, DIGITS),
                "font": line.font.name,
                "size": line.size,
                "color": hex_color(line.color),
            }
        )

    def fill_polygon(self, item: FillPolygon) -> None:
        points = [[round(x, DIGITS), round(y, DIGITS)] for x, y in item.points]
        self.shapes.append({"type": "polygon", "points": points, "color": hex_color(item.color)})

    def fill_cells(self, item: FillCells) -> None:
        rows = ["".join("1" if cell else "0" for cell in row) for row in item.cells]
        self.shapes.append(
            {
                "type": "cells",
                **item.box.as_dict(DIGITS),
                "rows": rows,
                "color": hex_color(item.color),
            }
        )

    def image(self, item: ImageItem) -> None:
        self.shapes.append({"type": "image", **item.box.as_dict(DIGITS), "sha256": item.digest})

    def fill_ellipse(self, item: FillEllipse) -> None:
        self.shapes.append(
            {"type": "ellipse", **item.box.as_dict(DIGITS), "color": hex_color(item.color)}
        )

    def clipped(self, item: Clipped) -> None:
        self.shapes.append({"type": "clip", **item.box.as_dict(DIGITS)})
        draw_items(item.items, self)

    def fill_rect(self, item: FillRect) -> None:
        shape: dict[str, Any] = {"type": "rect", **item.box.as_dict(DIGITS)}
        if item.radius:
            shape["radius"] = round(item.radius, DIGITS)
        shape["color"] = hex_color(item.color)
        self.shapes.append(shape)
