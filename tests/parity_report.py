"""Print the PNG/PDF parity figures of question sets as a Markdown table (for the README).

    .venv/bin/python -m tests.parity_report              # the sets in content/
    .venv/bin/python -m tests.parity_report a.yaml ...   # any set files

Per set: the largest share of differing pixels on any card side (at 300 dpi, limit
0.02 %), and the largest ink-centre offset of any text line, across and down (in pixels
at 150 dpi, limit 0.5), with the line it belongs to. The same measures as
tests/test_parity.py, which holds the copies in tests/fixtures to the limits.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from cardkit.deck import open_deck
from cardkit.paths import ROOT
from cardkit.render.pdf import render_pdf
from tests.imagecompare import (
    INK_DPI,
    MAX_INK_OFFSET,
    MAX_MISMATCH,
    PIXEL_DPI,
    LineOffset,
    ink_pairs,
    line_offsets,
    mismatch_map,
    pixel_pairs,
)


@dataclass(frozen=True)
class SetFigures:
    name: str
    sides: int
    lines: int
    max_mismatch: float  # share of pixels, on the worst side
    max_mismatched: int  # pixels, on the worst side
    max_dx: float  # px at INK_DPI, on the worst line across
    max_dy: float  # px at INK_DPI, on the worst line down
    worst: LineOffset | None


def set_figures(path: Path) -> SetFigures:
    pages = list(open_deck(path).pages())
    pdf = render_pdf(pages)
    maps = [mismatch_map(png, raster) for _, png, raster in pixel_pairs(pages, pdf)]
    worst_side = max(maps, key=lambda differing: differing.sum())
    offsets = []
    for page, png, raster in ink_pairs(pages, pdf):
        offsets += line_offsets(page.items, png, raster, INK_DPI)
    return SetFigures(
        path.stem,
        len(pages),
        len(offsets),
        float(worst_side.mean()),
        int(worst_side.sum()),
        max((abs(o.dx) for o in offsets), default=0.0),
        max((abs(o.dy) for o in offsets), default=0.0),
        max(offsets, key=lambda o: o.worst, default=None),
    )


def table(figures: list[SetFigures]) -> str:
    rows = [
        f"| Set | Card sides | Text lines | Pixels differing, worst side ({PIXEL_DPI} dpi) "
        f"| Ink centre across, worst line (px at {INK_DPI} dpi) | Ink centre down |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for f in figures:
        rows.append(
            f"| {f.name} | {f.sides} | {f.lines} | {f.max_mismatch:.4%} ({f.max_mismatched} px) "
            f"| {f.max_dx:.2f} | {f.max_dy:.2f} |"
        )
    rows.append(f"| *limit* | | | *{MAX_MISMATCH:.2%}* | *{MAX_INK_OFFSET}* | *{MAX_INK_OFFSET}* |")
    return "\n".join(rows)


def main(arguments: list[str]) -> int:
    paths = [Path(a) for a in arguments] or sorted((ROOT / "content").glob("*.yaml"))
    started = time.perf_counter()
    figures = [set_figures(path) for path in paths]
    print(table(figures))
    print()
    for f in figures:
        if f.worst is not None:
            print(f"{f.name}: worst line {f.worst.describe()}")
    print(f"({time.perf_counter() - started:.0f} s)")
    within = all(
        f.max_mismatch <= MAX_MISMATCH and max(f.max_dx, f.max_dy) <= MAX_INK_OFFSET
        for f in figures
    )
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
