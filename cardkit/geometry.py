"""Lengths and boxes in millimetres, the engine's one unit; points and pixels live at the edges."""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_INCH = 25.4
MM_PER_PT = MM_PER_INCH / 72


def pt_to_mm(points: float) -> float:
    return points * MM_PER_PT


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_PT


def mm_to_px(mm: float, dpi: float) -> float:
    return mm * dpi / MM_PER_INCH


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: top-left corner, width and height, in mm."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.width, self.height)

    def scaled(self, factor: float) -> Box:
        """Scaled about the origin."""
        return Box(self.x * factor, self.y * factor, self.width * factor, self.height * factor)

    def inset(self, margin: float) -> Box:
        return Box(
            self.x + margin, self.y + margin, self.width - 2 * margin, self.height - 2 * margin
        )

    def contains(self, other: Box, tolerance: float = 1e-6) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def as_dict(self, digits: int = 3) -> dict[str, float]:
        return {
            "x": round(float(self.x), digits),
            "y": round(float(self.y), digits),
            "width": round(float(self.width), digits),
            "height": round(float(self.height), digits),
        }
