"""Benchmark: milliseconds per card side for layout, PNG and PDF, with the PNG's floor.

The floor is what bare Pillow needs for the same pixels: the same display list drawn
with plain ImageDraw calls (no supersampling), plus the same PNG encode. Each number
is the median of several runs, measured in the same process, so ratios hold up on a
busy machine. Run: `python -m cardkit.bench [SET.yaml] [--runs N] [--dpi N]`.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import time
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import fpdf
import PIL
from PIL import Image, ImageDraw, ImageFont

from cardkit import fitting, fonts
from cardkit.display import FillEllipse, FillPolygon, FillRect, Page, TextLine
from cardkit.load import open_set
from cardkit.paths import CONTENT_DIR
from cardkit.render_pdf import render_pdf
from cardkit.render_png import png_bytes, render_page
from cardkit.share import PRESETS, email_pdf, encode, share_bundle, share_image

DEFAULT_SET = CONTENT_DIR / "gelijkwaardig-samenwerken.yaml"


def median_seconds(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


@cache
def _bare_font(path: str, size_px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size_px, layout_engine=ImageFont.Layout.RAQM)


def floor_png(page: Page, dpi: float) -> bytes:
    """The same display list with plain Pillow calls: the least any PNG renderer can do."""
    scale = dpi / 25.4
    size = (round(page.width * scale), round(page.height * scale))
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for item in page.items:
        if isinstance(item, TextLine):
            font = _bare_font(item.font.path, item.size / 72 * dpi)
            xy = (item.x * scale, item.baseline * scale)
            draw.text(xy, item.text, font=font, fill=item.color, anchor="ls")
        elif isinstance(item, FillPolygon):
            draw.polygon([(x * scale, y * scale) for x, y in item.points], fill=item.color)
        else:
            box = item.box
            corners = (box.x * scale, box.y * scale, box.right * scale, box.bottom * scale)
            if isinstance(item, FillEllipse):
                draw.ellipse(corners, fill=item.color)
            elif isinstance(item, FillRect) and item.radius > 0:
                draw.rounded_rectangle(corners, radius=item.radius * scale, fill=item.color)
            else:
                draw.rectangle(corners, fill=item.color)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _clear_caches() -> None:
    fonts.text_width_em.cache_clear()
    fitting.wrap_text.cache_clear()


def run(set_path: Path, runs: int, dpi: float) -> list[tuple[str, float, float | None]]:
    """(operation, ms per card side, floor ms or None) rows."""
    loaded = open_set(set_path)
    pages = list(loaded.pages())
    count = len(pages)

    def lay_out_cold() -> None:
        _clear_caches()
        list(loaded.pages())

    def lay_out_warm() -> None:
        list(loaded.pages())

    def png() -> None:
        for page in pages:
            png_bytes(render_page(page, dpi), dpi)

    def floor() -> None:
        for page in pages:
            floor_png(page, dpi)

    def pdf() -> None:
        render_pdf(pages)

    png(), floor(), pdf()  # warm the font caches before timing
    per_side = 1000 / count
    return [
        ("layout, cold caches", median_seconds(lay_out_cold, runs) * per_side, None),
        ("layout, warm caches", median_seconds(lay_out_warm, runs) * per_side, None),
        (
            f"PNG {dpi:g} dpi, draw + encode",
            median_seconds(png, runs) * per_side,
            median_seconds(floor, runs) * per_side,
        ),
        ("PDF page (whole set / sides)", median_seconds(pdf, runs) * per_side, None),
    ]


def share_rows(set_path: Path, runs: int) -> list[tuple[str, float, float, float]]:
    """(what, ms per item, median KB, largest KB) for the share presets, bundle and e-mail PDF."""
    loaded = open_set(set_path)
    numbers = range(1, len(loaded.card_set.cards) + 1)
    rows = []
    for name, preset in PRESETS.items():
        for image_format in ("png", "jpeg"):
            sizes = [len(encode(share_image(loaded, n, preset), image_format)) for n in numbers]

            def make(preset=preset, image_format=image_format) -> None:
                for n in numbers:
                    encode(share_image(loaded, n, preset), image_format)

            ms = median_seconds(make, runs) * 1000 / len(numbers)
            kb = [size / 1024 for size in sizes]
            rows.append((f"{name} {image_format.upper()}", ms, statistics.median(kb), max(kb)))
    for name, build in (("share bundle (ZIP)", share_bundle), ("e-mail PDF", email_pdf)):
        size = len(build(loaded)) / 1024
        rows.append(
            (name, median_seconds(lambda build=build: build(loaded), runs) * 1000, size, size)
        )
    return rows


def format_share_table(rows: Sequence[tuple[str, float, float, float]]) -> str:
    lines = [f"{'share output':<22} {'ms each':>8} {'KB median':>10} {'KB max':>8}", "-" * 51]
    lines += [f"{n:<22} {ms:8.0f} {kb:10.0f} {most:8.0f}" for n, ms, kb, most in rows]
    return "\n".join(lines)


def machine() -> str:
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, Pillow {PIL.__version__}, fpdf2 {fpdf.__version__}"
    )


def format_table(rows: Sequence[tuple[str, float, float | None]]) -> str:
    lines = [
        f"{'operation':<32} {'ms/side':>8} {'floor ms':>9} {'ratio':>6}",
        "-" * 58,
    ]
    for name, ms, floor in rows:
        floor_text = f"{floor:9.1f}" if floor is not None else f"{'':9}"
        ratio = f"{ms / floor:6.2f}" if floor else f"{'':6}"
        lines.append(f"{name:<32} {ms:8.1f} {floor_text} {ratio}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cardkit.bench", description=__doc__)
    parser.add_argument("set", nargs="?", type=Path, default=DEFAULT_SET)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dpi", type=float, default=300)
    args = parser.parse_args(argv)
    loaded = open_set(args.set)
    sides = 2 * len(loaded.card_set.cards)
    print(f"cardkit benchmark: {args.set.name}, {sides} card sides, median of {args.runs} runs")
    print(f"machine: {machine()}")
    print()
    print(format_table(run(args.set, args.runs, args.dpi)))
    print()
    print(format_share_table(share_rows(args.set, max(1, args.runs // 2))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
