"""Turn a Deck into files: print PNGs per card side, a ZIP of them, and a PDF.

Long exports take an optional `progress(done, total)` callback, so a page can show
how far they are. PNG exports can use several cores (`cores`, see `usable_cores`):
worker processes, started on first use and kept ready, draw the pages; the images
come back in set order and go straight into their file or ZIP, so a large set is never
held in memory as images. Worker processes are spawned, which re-imports the calling
program's main module (unless it runs as `python -m package` or `python -c`; under
Streamlit the main module is the page): a script that passes `cores` must guard its top
level with `if __name__ == "__main__":`, as the designer does. Otherwise a worker
imports only cardkit.render_png, to keep it small.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import threading
import time
import zipfile
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import BinaryIO

from cardkit.deck import Deck
from cardkit.display import SIDES, Page, Side
from cardkit.output.alignment import alignment_sheets
from cardkit.output.impose import Grid, Sheet, SheetOptions, impose, plan_grid
from cardkit.output.names import ALIGNMENT_TITLE, card_file
from cardkit.render.cmyk import CmykConverter
from cardkit.render.pdf import PdfCanvas
from cardkit.render.png import page_png

PRINT_DPI = 300
PARALLEL_FROM = 16  # card sides: fewer are drawn faster than worker processes start
AHEAD_PER_CORE = 8  # pages handed to workers and not yet collected: bounds memory
RECENT_DRAWINGS = 8  # drawings whose PNG is kept for reuse (the backs of each kind)
PARENT_CHECK_SECONDS = 1.0  # how soon a worker notices that its parent is gone
Progress = Callable[[int, int], None]
# ZIP entries carry a date; a fixed one keeps identical input giving identical bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _no_progress(done: int, total: int) -> None:
    return None


def card_png(deck: Deck, number: int, side: Side, dpi: float = PRINT_DPI) -> bytes:
    """A card side's print PNG, described by the words on it."""
    return page_png(deck.page(number, side), dpi, deck.side_text(number, side))


def _undescribed(page: Page) -> str:
    return ""


def render_pngs(
    pages: Iterable[Page],
    dpi: float,
    cores: int = 1,
    describe: Callable[[Page], str] = _undescribed,
) -> Iterator[tuple[Page, bytes]]:
    """Every page with its PNG, in order, each drawn as soon as it is laid out, with
    `describe(page)` as its description. A page that draws and reads the same as a
    recent one (the back of a card kind) reuses that PNG; with several `cores`, worker
    processes draw while the next pages are laid out."""
    recent: OrderedDict[tuple, Future[bytes]] = OrderedDict()
    waiting: deque[tuple[Page, Future[bytes]]] = deque()
    for page in pages:
        description = describe(page)
        key = (page.width, page.height, page.items, description)
        drawn = recent.get(key)
        if drawn is None:
            drawn = recent[key] = _draw(page, dpi, cores, description)
            if len(recent) > RECENT_DRAWINGS:
                recent.popitem(last=False)
        else:
            recent.move_to_end(key)
        waiting.append((page, drawn))
        # Hand over what is ready; wait only when the workers are far enough ahead.
        while waiting and (waiting[0][1].done() or len(waiting) > AHEAD_PER_CORE * cores):
            ready, data = waiting.popleft()
            yield ready, data.result()
    for ready, data in waiting:
        yield ready, data.result()


def _draw(page: Page, dpi: float, cores: int, description: str = "") -> Future[bytes]:
    if cores > 1:
        return _workers(cores).submit(page_png, page, dpi, description)
    drawn: Future[bytes] = Future()
    drawn.set_result(page_png(page, dpi, description))
    return drawn


def usable_cores() -> int:
    """The cores this process may run on (a container may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@cache
def _workers(count: int) -> Executor:
    """Worker processes, started once and kept (fonts deck, caches warm). Spawned, not
    forked: the designer's server runs threads, and forking a threaded process is unsafe.
    Each worker ends when the process that started it is gone, however it went (a designer
    killed with SIGKILL never tells its workers)."""
    return ProcessPoolExecutor(
        count,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_follow_parent,
        initargs=(os.getpid(),),
    )


def _follow_parent(parent: int) -> None:
    """In a worker: a thread that ends the worker once `parent` is no longer its parent.
    (Linux's PR_SET_PDEATHSIG would fire when the starting *thread* ends: the designer
    starts the pool from a script thread that ends with its session.)"""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)  # nothing to finish: the pictures had nobody left to go to

    threading.Thread(target=watch, name="cardkit-parent-watch", daemon=True).start()


def worker_pool(count: int) -> Executor:
    """The same worker processes, for other outputs that draw many pictures (the website)."""
    return _workers(count)


def iter_pngs(
    deck: Deck, sides: tuple[Side, ...], dpi: float = PRINT_DPI, cores: int = 1
) -> Iterator[tuple[Page, str, bytes]]:
    """(page, file name, PNG bytes) for every card side, in set order."""
    total = len(deck.card_set.cards)
    used = cores if total * len(sides) >= PARALLEL_FROM else 1
    pages = deck.pages(sides)
    for page, data in render_pngs(pages, dpi, used, lambda p: deck.side_text(p.card, p.side)):
        yield page, card_file(page.card, total, page.side), data


def write_pngs(
    deck: Deck,
    directory: Path,
    sides: tuple[Side, ...],
    dpi: float = PRINT_DPI,
    cores: int = 1,
) -> list[Page]:
    directory.mkdir(parents=True, exist_ok=True)
    pages = []
    for page, name, data in iter_pngs(deck, sides, dpi, cores):
        (directory / name).write_bytes(data)
        pages.append(page)
    return pages


def png_zip(
    deck: Deck,
    sides: tuple[Side, ...] = SIDES,
    dpi: float = PRINT_DPI,
    progress: Progress = _no_progress,
    cores: int = 1,
) -> bytes:
    """A ZIP of every card side's PNG, in set order, as bytes (for a download button)."""
    buffer = io.BytesIO()
    write_png_zip(deck, buffer, sides, dpi, progress, cores)
    return buffer.getvalue()


def write_png_zip(
    deck: Deck,
    stream: BinaryIO,
    sides: tuple[Side, ...] = SIDES,
    dpi: float = PRINT_DPI,
    progress: Progress = _no_progress,
    cores: int = 1,
) -> list[Page]:
    """Write the ZIP into `stream` as the PNGs are made. PNGs are compressed already:
    stored, not deflated again."""
    total = len(deck.card_set.cards) * len(sides)
    pages = []
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_STORED) as archive:
        for page, name, data in iter_pngs(deck, sides, dpi, cores):
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), data)
            pages.append(page)
            progress(len(pages), total)
    return pages


def cmyk_converter(deck: Deck) -> CmykConverter:
    """The set's colours in CMYK: the layout's values, the machine's CMYK profile for the rest."""
    return CmykConverter.available(deck.layout.cmyk_by_rgb())


def set_pdf(
    deck: Deck, progress: Progress = _no_progress, cmyk: bool = False
) -> tuple[bytes, list[Page]]:
    """Every card side on its own page (front, then back), with TrimBox and BleedBox:
    the file for a print shop. With `cmyk`, colours are CMYK with an output intent."""
    canvas = PdfCanvas(deck.card_set.title, cmyk_converter(deck) if cmyk else None)
    pages = []
    total = 2 * len(deck.card_set.cards)
    for page in deck.pages():
        canvas.add_page(page)
        pages.append(page)
        progress(len(pages), total)
    return canvas.output(), pages


def sheet_grid(deck: Deck, options: SheetOptions) -> Grid:
    """How the set's cards go on the paper: columns, rows, orientation and scale."""
    page = deck.layout.format
    return plan_grid(options, page.page_width, page.page_height, page.bleed)


def alignment_pdf(options: SheetOptions, deck: Deck | None = None) -> bytes:
    """The duplex test sheet, for the set's sheets when a set is given (their paper
    orientation), else portrait."""
    grid = sheet_grid(deck, options) if deck is not None else None
    return drawings_pdf(alignment_sheets(options, grid), ALIGNMENT_TITLE)[0]


def sheets(deck: Deck, options: SheetOptions) -> list[Sheet]:
    """The set imposed on printer sheets (front sheet, then its back with duplex)."""
    fronts = list(deck.pages(("front",)))
    backs = list(deck.pages(("back",))) if options.duplex else None
    return impose(fronts, backs, options, deck.card_set.title)


def sheets_pdf(
    deck: Deck, options: SheetOptions, progress: Progress = _no_progress
) -> tuple[bytes, list[Sheet]]:
    """A PDF of printer sheets, one sheet side per page."""
    return drawings_pdf(sheets(deck, options), deck.card_set.title, progress)


def drawings_pdf(
    drawings: list[Sheet], title: str, progress: Progress = _no_progress
) -> tuple[bytes, list[Sheet]]:
    canvas = PdfCanvas(title)
    for done, drawing in enumerate(drawings, start=1):
        canvas.add_drawing(drawing)
        progress(done, len(drawings))
    return canvas.output(), drawings
