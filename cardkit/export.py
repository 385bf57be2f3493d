"""Turn a loaded set into files: print PNGs per card side and a one-side-per-page PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cardkit.display import Page, Side
from cardkit.layout import lay_out_set, lay_out_side
from cardkit.load import LoadedSet
from cardkit.render_pdf import render_pdf
from cardkit.render_png import png_bytes, render_page

PRINT_DPI = 300


def png_name(number: int, total: int, side: Side) -> str:
    """`card-01.png`, `card-01-back.png`: numbered in set order, two digits or more."""
    digits = max(2, len(str(total)))
    suffix = "-back" if side == "back" else ""
    return f"card-{number:0{digits}d}{suffix}.png"


def card_png(loaded: LoadedSet, number: int, side: Side, dpi: float = PRINT_DPI) -> bytes:
    page = lay_out_side(loaded.card_set, loaded.layout, number, side)
    return png_bytes(render_page(page, dpi), dpi)


def iter_pngs(
    loaded: LoadedSet, sides: tuple[Side, ...], dpi: float = PRINT_DPI
) -> Iterator[tuple[Page, str, bytes]]:
    """(page, file name, PNG bytes) for every card side, in set order."""
    total = len(loaded.card_set.cards)
    for page in lay_out_set(loaded.card_set, loaded.layout, sides):
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


def set_pdf(loaded: LoadedSet) -> tuple[bytes, list[Page]]:
    """Every card side on its own page (front, then back), with TrimBox and BleedBox."""
    pages = list(lay_out_set(loaded.card_set, loaded.layout))
    return render_pdf(pages, title=loaded.card_set.title), pages
