"""Turn a loaded set into files: print PNGs per card side, a ZIP of them, and a PDF.

Long exports take an optional `progress(done, total)` callback, so a page can show
how far they are.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from cardkit.color import CmykConverter
from cardkit.display import SIDES, Page, Side
from cardkit.impose import Sheet, SheetOptions, impose
from cardkit.load import LoadedSet
from cardkit.render_pdf import PdfCanvas
from cardkit.render_png import png_bytes, render_page

PRINT_DPI = 300
Progress = Callable[[int, int], None]
# ZIP entries carry a date; a fixed one keeps identical input giving identical bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _no_progress(done: int, total: int) -> None:
    return None


def png_name(number: int, total: int, side: Side) -> str:
    """`card-01.png`, `card-01-back.png`: numbered in set order, two digits or more."""
    digits = max(2, len(str(total)))
    suffix = "-back" if side == "back" else ""
    return f"card-{number:0{digits}d}{suffix}.png"


def card_png(loaded: LoadedSet, number: int, side: Side, dpi: float = PRINT_DPI) -> bytes:
    page = loaded.page(number, side)
    return png_bytes(render_page(page, dpi), dpi)


def iter_pngs(
    loaded: LoadedSet, sides: tuple[Side, ...], dpi: float = PRINT_DPI
) -> Iterator[tuple[Page, str, bytes]]:
    """(page, file name, PNG bytes) for every card side, in set order."""
    total = len(loaded.card_set.cards)
    for page in loaded.pages(sides):
        yield page, png_name(page.card, total, page.side), png_bytes(render_page(page, dpi), dpi)


def write_pngs(
    loaded: LoadedSet, directory: Path, sides: tuple[Side, ...], dpi: float = PRINT_DPI
) -> list[Page]:
    directory.mkdir(parents=True, exist_ok=True)
    pages = []
    for page, name, data in iter_pngs(loaded, sides, dpi):
        (directory / name).write_bytes(data)
        pages.append(page)
    return pages


def png_zip(
    loaded: LoadedSet,
    sides: tuple[Side, ...] = SIDES,
    dpi: float = PRINT_DPI,
    progress: Progress = _no_progress,
) -> bytes:
    """A ZIP of every card side's PNG, in set order. PNGs are compressed already: stored."""
    total = len(loaded.card_set.cards) * len(sides)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for done, (_page, name, data) in enumerate(iter_pngs(loaded, sides, dpi), start=1):
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), data)
            progress(done, total)
    return buffer.getvalue()


def cmyk_converter(loaded: LoadedSet) -> CmykConverter:
    """The set's colours in CMYK: the layout's values, the machine's CMYK profile for the rest."""
    return CmykConverter.available(loaded.layout.cmyk_by_rgb())


def set_pdf(
    loaded: LoadedSet, progress: Progress = _no_progress, cmyk: bool = False
) -> tuple[bytes, list[Page]]:
    """Every card side on its own page (front, then back), with TrimBox and BleedBox:
    the file for a print shop. With `cmyk`, colours are CMYK with an output intent."""
    canvas = PdfCanvas(loaded.card_set.title, cmyk_converter(loaded) if cmyk else None)
    pages = []
    total = 2 * len(loaded.card_set.cards)
    for page in loaded.pages():
        canvas.add_page(page)
        pages.append(page)
        progress(len(pages), total)
    return canvas.output(), pages


def sheets(loaded: LoadedSet, options: SheetOptions) -> list[Sheet]:
    """The set imposed on printer sheets (front sheet, then its back with duplex)."""
    fronts = list(loaded.pages(("front",)))
    backs = list(loaded.pages(("back",))) if options.duplex else None
    return impose(fronts, backs, options, loaded.card_set.title)


def sheets_pdf(
    loaded: LoadedSet, options: SheetOptions, progress: Progress = _no_progress
) -> tuple[bytes, list[Sheet]]:
    """A PDF of printer sheets, one sheet side per page."""
    return drawings_pdf(sheets(loaded, options), loaded.card_set.title, progress)


def drawings_pdf(
    drawings: list[Sheet], title: str, progress: Progress = _no_progress
) -> tuple[bytes, list[Sheet]]:
    canvas = PdfCanvas(title)
    for done, drawing in enumerate(drawings, start=1):
        canvas.add_drawing(drawing)
        progress(done, len(drawings))
    return canvas.output(), drawings
