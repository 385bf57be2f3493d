"""The floors of the benchmark: the least the bare libraries need for the same output.

A floor draws the same display list with plain Pillow or fpdf2 calls and encodes it
the same way, with none of what cardkit adds (supersampled text and curves, rounded
corners, print boxes, caches). A floor does the same work as cardkit, no more: its ZIP
draws each distinct card side once, as cardkit's export does (all backs of one kind
draw the same), and with several cores its worker processes draw while the parent
writes the archive. A ratio to the floor is cardkit's own cost.
"""

from __future__ import annotations

import multiprocessing
import zipfile
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from functools import cache
from typing import BinaryIO

from PIL import Image, ImageDraw, ImageFont

from cardkit.display import (
    Drawing,
    FillCells,
    FillEllipse,
    FillPolygon,
    FillRect,
    ImageItem,
    TextLine,
    cell_runs,
)
from cardkit.geometry import MM_PER_INCH
from cardkit.render.pngfile import encode_png


@cache
def _pillow_font(path: str, size_px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size_px, layout_engine=ImageFont.Layout.RAQM)


def floor_image(drawing: Drawing, dpi: float, mode: str = "RGB") -> Image.Image:
    """The display list drawn with one plain ImageDraw call per item."""
    scale = dpi / MM_PER_INCH
    image = Image.new(mode, (round(drawing.width * scale), round(drawing.height * scale)), "white")
    draw = ImageDraw.Draw(image)
    for item in drawing.items:
        if isinstance(item, TextLine):
            font = _pillow_font(item.font.path, item.size / 72 * dpi)
            xy = (item.x * scale, item.baseline * scale)
            draw.text(xy, item.text, font=font, fill=item.color, anchor="ls")
        elif isinstance(item, FillPolygon):
            draw.polygon([(x * scale, y * scale) for x, y in item.points], fill=item.color)
        elif isinstance(item, FillCells):
            size = item.box.width / len(item.cells[0]) * scale
            for row, start, end in cell_runs(item.cells):
                left, top = item.box.x * scale + start * size, item.box.y * scale + row * size
                draw.rectangle((left, top, left + (end - start) * size, top + size), item.color)
        elif isinstance(item, ImageItem):
            continue  # pictures (a logo, emoji) are not in the benchmark's sets
        else:
            box = item.box
            corners = (box.x * scale, box.y * scale, box.right * scale, box.bottom * scale)
            if isinstance(item, FillEllipse):
                draw.ellipse(corners, fill=item.color)
            elif isinstance(item, FillRect) and item.radius > 0:
                draw.rounded_rectangle(corners, radius=item.radius * scale, fill=item.color)
            else:
                draw.rectangle(corners, fill=item.color)
    return image


def floor_png(drawing: Drawing, dpi: float, mode: str = "RGB") -> bytes:
    """The floor image, encoded as cardkit encodes its PNGs."""
    return encode_png(floor_image(drawing, dpi, mode), dpi)


def floor_zip(drawings: Sequence[Drawing], dpi: float, sink: BinaryIO, cores: int = 1) -> int:
    """Every drawing's floor PNG, stored in a ZIP in order; return how many were drawn.

    A drawing identical to an earlier one (the back of a card kind) reuses its PNG, so
    each distinct side is drawn once, as in cardkit's export. With several `cores`,
    worker processes (spawned once and kept, as cardkit's are) draw; at most a few
    drawings per core wait to be written, as in cardkit's export."""
    keys = [(drawing.width, drawing.height, drawing.items) for drawing in drawings]
    repeated = {key for key, seen in Counter(keys).items() if seen > 1}
    kept: dict[tuple, Future[bytes]] = {}  # only the PNGs of drawings that come again
    waiting: deque[tuple[int, Future[bytes]]] = deque()
    drawn = 0
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_STORED) as archive:
        for number, (drawing, key) in enumerate(zip(drawings, keys, strict=True)):
            data = kept.get(key)
            if data is None:
                data = _floor_draw(drawing, dpi, cores)
                drawn += 1
                if key in repeated:
                    kept[key] = data
            waiting.append((number, data))
            while waiting and (waiting[0][1].done() or len(waiting) > _AHEAD_PER_CORE * cores):
                ready, png = waiting.popleft()
                archive.writestr(f"{ready}.png", png.result())
        for ready, png in waiting:
            archive.writestr(f"{ready}.png", png.result())
    return drawn


_AHEAD_PER_CORE = 8  # as cardkit.output.export.AHEAD_PER_CORE


def _floor_draw(drawing: Drawing, dpi: float, cores: int) -> Future[bytes]:
    if cores > 1:
        return floor_workers(cores).submit(floor_png, drawing, dpi)
    drawn: Future[bytes] = Future()
    drawn.set_result(floor_png(drawing, dpi))
    return drawn


@cache
def floor_workers(count: int) -> Executor:
    """The floor's worker processes: spawned, started once and kept, as cardkit's are."""
    return ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"))


def floor_pdf(drawings: Iterable[Drawing]) -> bytes:
    """The display lists as PDF pages with plain fpdf2 calls, text shaped as cardkit shapes it."""
    # Imported here: the ZIP floor's worker processes import this module, and cardkit's
    # workers import no PDF library either (fpdf2 costs 0.6 s and 50 MB per process).
    from fpdf import FPDF

    pdf = FPDF(unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_text_shaping(True)
    pdf.c_margin = 0  # text starts at the line's x, not a cell padding after it
    families: dict[str, str] = {}  # font file -> family name, each added once
    for drawing in drawings:
        pdf.add_page(format=(drawing.width, drawing.height))
        for item in drawing.items:
            if isinstance(item, TextLine):
                family = families.get(item.font.path)
                if family is None:
                    family = families[item.font.path] = f"f{len(families)}"
                    pdf.add_font(family, "", item.font.path)
                pdf.set_font(family, size=item.size)
                pdf.set_text_color(*item.color)
                # cell() is fpdf2's call that shapes text (text() does not); it puts
                # the baseline 0.8 font sizes below the cell's top.
                size_mm = item.size * MM_PER_INCH / 72
                pdf.set_xy(item.x, item.baseline - 0.8 * size_mm)
                pdf.cell(w=item.width, h=size_mm, text=item.text)
                continue
            if isinstance(item, ImageItem):
                continue
            pdf.set_fill_color(*item.color)
            if isinstance(item, FillPolygon):
                pdf.polygon(list(item.points), style="F")
            elif isinstance(item, FillCells):
                size = item.box.width / len(item.cells[0])
                for row, start, end in cell_runs(item.cells):
                    x, y = item.box.x + start * size, item.box.y + row * size
                    pdf.rect(x, y, (end - start) * size, size, style="F")
            elif isinstance(item, FillEllipse):
                pdf.ellipse(item.box.x, item.box.y, item.box.width, item.box.height, style="F")
            else:
                box = item.box
                rounded = {"round_corners": True, "corner_radius": item.radius}
                pdf.rect(
                    box.x, box.y, box.width, box.height, "F", **(rounded if item.radius else {})
                )
    return bytes(pdf.output())
