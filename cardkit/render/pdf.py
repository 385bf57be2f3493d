"""Draw display lists as vector PDF pages with fpdf2: embedded subset fonts, shaped text.

Each Page becomes one PDF page of the page's size. Text is placed line by line at the
positions the layout computed, with HarfBuzz shaping on so kerning and ligatures
match the measurements; nothing is wrapped or measured here. fpdf2 writes only a
MediaBox, so TrimBox and BleedBox are added afterwards with pypdf.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.drawing import PaintedPath
from fpdf.drawing_primitives import DeviceCMYK, DeviceRGB
from fpdf.enums import OutputIntentSubType, PathPaintRule
from fpdf.output import PDFICCProfile
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from cardkit.display import (
    RGB,
    Clipped,
    Drawing,
    FillCells,
    FillEllipse,
    FillPolygon,
    FillRect,
    ImageItem,
    Page,
    TextLine,
    cell_runs,
    draw_items,
)
from cardkit.geometry import Box, mm_to_pt, pt_to_mm
from cardkit.render.cmyk import CmykConverter

# A fixed date keeps identical input producing identical bytes.
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)
PRODUCER = "cardkit"


@dataclass(frozen=True)
class PageBoxes:
    """Print boxes of one card page, in mm from the top-left corner of the page."""

    width: float
    height: float
    trim: Box
    bleed: Box


class PdfCanvas:
    """An fpdf2 document that draws display-list pages and remembers their print boxes."""

    def __init__(self, title: str = "", cmyk: CmykConverter | None = None) -> None:
        pdf = FPDF(unit="mm")
        pdf.set_auto_page_break(False)
        pdf.set_margins(0, 0, 0)
        pdf.c_margin = 0
        pdf.set_creation_date(FIXED_DATE)
        pdf.set_producer(PRODUCER)
        pdf.set_creator(PRODUCER)
        if title:
            pdf.set_title(title)
        pdf.set_text_shaping(True)
        if cmyk is not None:
            # The profile the CMYK values are meant for, so a print shop can check them.
            pdf.add_output_intent(
                OutputIntentSubType.PDFX,
                output_condition_identifier="Custom",
                output_condition=cmyk.description,
                registry_name="http://www.color.org",
                dest_output_profile=PDFICCProfile(contents=cmyk.icc, n=4, alternate="DeviceCMYK"),
                info=cmyk.description,
            )
        self.pdf = pdf
        self.cmyk = cmyk
        self._direction = ""
        self.boxes: list[PageBoxes | None] = []
        self._families: dict[str, str] = {}
        self._drawing: Drawing | None = None  # the page being drawn (what lies under a picture)

    def add_page(self, page: Page) -> None:
        """A card page: the page is the card plus bleed, with TrimBox and BleedBox."""
        bleed_box = Box(0, 0, page.width, page.height)
        self.add_drawing(page, PageBoxes(page.width, page.height, page.trim, bleed_box))

    def add_drawing(self, drawing: Drawing, boxes: PageBoxes | None = None) -> None:
        """Any display list as a page of its size (a sheet of cards has no print boxes)."""
        self.pdf.add_page(format=(drawing.width, drawing.height))
        self.boxes.append(boxes)
        self._drawing = drawing
        draw_items(drawing.items, self)

    # --- the Renderer methods: one per kind of display item ---

    def fill_rect(self, item: FillRect) -> None:
        box = item.box
        self.pdf.set_fill_color(self._color(item.color))
        if item.radius > 0:
            self.pdf.rect(
                box.x,
                box.y,
                box.width,
                box.height,
                style="F",
                round_corners=True,
                corner_radius=item.radius,
            )
        else:
            self.pdf.rect(box.x, box.y, box.width, box.height, style="F")

    def fill_ellipse(self, item: FillEllipse) -> None:
        box = item.box
        self.pdf.set_fill_color(self._color(item.color))
        self.pdf.ellipse(box.x, box.y, box.width, box.height, style="F")

    def fill_polygon(self, item: FillPolygon) -> None:
        self.pdf.set_fill_color(self._color(item.color))
        self.pdf.polygon(list(item.points), style="F")

    def image(self, item: ImageItem) -> None:
        box = item.box
        source: io.BytesIO | str | Image.Image = io.BytesIO(item.data) if item.data else item.path
        if self.cmyk is not None:
            # Flattened over what this page draws under it (CmykConverter.image says how).
            page = self._drawing.items if self._drawing is not None else ()
            source = self.cmyk.image(item, page)
        self.pdf.image(source, box.x, box.y, box.width, box.height)

    def fill_cells(self, item: FillCells) -> None:
        """All filled cells as one path, runs of a row merged: one fill, so no hairline
        seams between neighbouring modules in any viewer."""
        box = item.box
        size = box.width / len(item.cells[0])
        path = PaintedPath()
        path.style.paint_rule = PathPaintRule.FILL_NONZERO
        path.style.fill_color = self._color(item.color)
        path.style.stroke_color = None
        for row, start, end in cell_runs(item.cells):
            path.rectangle(box.x + start * size, box.y + row * size, (end - start) * size, size)
        with self.pdf.drawing_context() as context:
            # The path is new and never touched again: fpdf2's defensive deep copy of a
            # few hundred rectangles would cost more than the rest of the page.
            context.add_item(path, clone=False)

    def clipped(self, item: Clipped) -> None:
        box = item.box
        with self.pdf.rect_clip(box.x, box.y, box.width, box.height):
            draw_items(item.items, self)

    def text(self, item: TextLine) -> None:
        pdf = self.pdf
        # Each run states its direction: fpdf2 otherwise carries the last run's guess over.
        direction = "rtl" if item.rtl else "ltr"
        if direction != self._direction:
            pdf.set_text_shaping(True, direction=direction)
            self._direction = direction
        pdf.set_font(self._family(item.font.path), size=item.size)
        pdf.set_text_color(self._color(item.color))
        size_mm = pt_to_mm(item.size)
        # fpdf2 puts a cell's baseline at y + h/2 + 0.3 x font size.
        pdf.set_xy(item.x, item.baseline - 0.8 * size_mm)
        pdf.cell(w=item.width, h=size_mm, text=item.text)

    def _color(self, rgb: RGB) -> DeviceRGB | DeviceCMYK:
        if self.cmyk is None:
            return DeviceRGB(*(channel / 255 for channel in rgb))
        return DeviceCMYK(*(percent / 100 for percent in self.cmyk(rgb)))

    def _family(self, path: str) -> str:
        family = self._families.get(path)
        if family is None:
            family = f"F{len(self._families)}"
            self.pdf.add_font(family, "", path)
            self._families[path] = family
        return family

    def output(self) -> bytes:
        """The finished PDF, with TrimBox and BleedBox on every page."""
        return with_page_boxes(bytes(self.pdf.output()), self.boxes)


def render_pdf(pages: Iterable[Page], title: str = "", cmyk: CmykConverter | None = None) -> bytes:
    """One PDF page per display-list page, each page the size of trim plus bleed."""
    canvas = PdfCanvas(title, cmyk)
    for page in pages:
        canvas.add_page(page)
    return canvas.output()


def with_page_boxes(pdf: bytes, boxes: list[PageBoxes | None]) -> bytes:
    """Set TrimBox and BleedBox (given in mm from the top left) on the pages that have them."""
    if not any(boxes):
        return pdf
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page, box in zip(writer.pages, boxes, strict=True):
        if box is not None:
            page.trimbox = _rectangle(box.trim, box.height)
            page.bleedbox = _rectangle(box.bleed, box.height)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _rectangle(box: Box, page_height: float) -> RectangleObject:
    """A PDF rectangle (points, origin bottom-left) for a box in mm from the top left,
    rounded like fpdf2 rounds the MediaBox so that a full-page box equals it."""
    return RectangleObject(
        [
            round(mm_to_pt(box.x), 2),
            round(mm_to_pt(page_height - box.bottom), 2),
            round(mm_to_pt(box.right), 2),
            round(mm_to_pt(page_height - box.y), 2),
        ]
    )
