"""Benchmark: every operation against its floor, measured in the same run, as one table.

Floors (bench.floors) are what the bare libraries need for the same output: the same
display lists drawn with plain Pillow or fpdf2 calls and encoded the same way. Each
number is the median of several runs in this process, so ratios hold up on a busy
machine. The 500-card exports run once each in a fresh process, which also gives
their peak memory (the process and its worker processes). With `--ithappens PATH`,
the per-card time of ithappens (bench/ithappens_driver.py) is measured beside
cardkit's at the same pixel size. A second table gives the share outputs' times and
sizes (bench.share).
Run: `python -m bench.run [--runs N] [--quick] [--ithappens PYTHON]`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import os
import pickle
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import fpdf
import PIL

from bench.floors import floor_pdf, floor_png, floor_zip
from bench.share import format_share_table, share_rows
from bench.timing import interleaved_medians, median_pair, median_seconds
from cardkit.deck import Deck
from cardkit.output.export import (
    PRINT_DPI,
    page_png,
    set_pdf,
    sheets,
    sheets_pdf,
    usable_cores,
    write_png_zip,
)
from cardkit.output.impose import SheetOptions
from cardkit.output.preview import PREVIEW_DPI, preview_png
from cardkit.output.surface import trimmed
from cardkit.paths import CONTENT_DIR, ROOT
from cardkit.read.layouts import load_layout
from cardkit.read.sets import load_set, set_to_yaml
from cardkit.render import png as render_png
from cardkit.render.pdf import render_pdf
from cardkit.text import fitting, fonts

EXAMPLE = CONTENT_DIR / "gelijkwaardig-samenwerken.yaml"
SHEETS = SheetOptions(paper="A4", duplex="long", crop_marks=True)
ITHAPPENS_PIXELS = (850, 1157)  # its card, 72 x 98 mm with bleed, at 300 dpi


@dataclass(frozen=True)
class Row:
    """One line of the table: a median (ms, s or MB), its floor if it has one, and runs."""

    operation: str
    value: float
    unit: str
    runs: int
    floor: float | None = None
    note: str = ""


class Sink(io.RawIOBase):
    """A write-only stream that keeps nothing: output is made, counted and dropped."""

    def __init__(self) -> None:
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        return len(data)


def library_set(count: int) -> Deck:
    """A set of `count` cards: the example sets' questions, over and over, as a team's
    library of a few hundred cards would be."""
    examples = [load_set(path) for path in sorted(CONTENT_DIR.glob("*.yaml"))]
    repeated = itertools.islice(itertools.cycle(c for s in examples for c in s.cards), count)
    # Numbered, so no question repeats: a real library's lines are drawn once each.
    cards = tuple(
        replace(card, question=f"({number}) {card.question}")
        for number, card in enumerate(repeated, start=1)
    )
    card_set = replace(examples[0], title=f"{count} kaartjes", cards=cards)
    return Deck(card_set, load_layout(card_set.layout), f"{count}.yaml")


def forget_measured_text() -> None:
    """Cold layout: as for a question just typed, nothing about its text is known."""
    fonts.text_width_em.cache_clear()
    fitting.wrap_text.cache_clear()


# --- single cards ---------------------------------------------------------------------


def card_rows(runs: int) -> list[Row]:
    deck = library_set(10)
    count = len(deck.card_set.cards)
    pages = list(deck.pages())
    fronts = [page for page in pages if page.side == "front"]

    def lay_out() -> None:
        forget_measured_text()
        list(deck.pages())

    edits = itertools.count()

    def preview() -> None:
        # Every card's question as just edited: new text to fit (its words are known),
        # the card's other fields as before, as when someone types in the designer.
        run = next(edits)
        cards = tuple(
            replace(card, question=f"{card.question} {run}") for card in deck.card_set.cards
        )
        edited = replace(deck, card_set=replace(deck.card_set, cards=cards))
        for number in range(1, count + 1):
            preview_png(edited.page(number, "front"))

    def preview_floor() -> None:
        for page in fronts:
            floor_png(trimmed(page), PREVIEW_DPI, "RGBA")

    def png() -> None:
        render_png.forget_drawn_lines()  # an export draws each card's lines afresh
        for page in pages:
            page_png(page, PRINT_DPI)

    def png_floor() -> None:
        for page in pages:
            floor_png(page, PRINT_DPI)

    png(), png_floor(), preview(), preview_floor()  # load fonts before timing
    per_card = 1000 / count  # ms per card from seconds per set
    per_page = 1000 / len(pages)

    def compared(operation: str, action, floor, scale: float, note: str = "") -> Row:
        ours, bare = median_pair(action, floor, runs)
        return Row(operation, ours * scale, "ms", runs, bare * scale, note)

    return [
        Row("layout, one card (front + back)", median_seconds(lay_out, runs) * per_card, "ms",
            runs, note="pure Python: no library floor"),
        compared(f"preview update, one side ({PREVIEW_DPI} dpi)", preview, preview_floor,
                 per_card, "question edited: layout + draw + PNG vs draw + PNG"),
        compared(f"PNG {PRINT_DPI} dpi, front + back", png, png_floor, per_card),
        compared("PDF, one card page", lambda: render_pdf(pages), lambda: floor_pdf(pages),
                 per_page),
    ]  # fmt: skip


# --- whole sets -------------------------------------------------------------------------


def export(deck: Deck, kind: str, cores: int) -> int:
    """Make one export the way the designer and command line do; return its size in bytes."""
    if kind == "zip":
        sink = Sink()
        write_png_zip(deck, sink, cores=cores)
        return sink.size
    if kind == "pdf":
        return len(set_pdf(deck)[0])
    return len(sheets_pdf(deck, SHEETS)[0])


def export_floor(deck: Deck, kind: str) -> None:
    pages = list(deck.pages())
    if kind == "zip":
        floor_zip(pages, PRINT_DPI, Sink())
    elif kind == "pdf":
        floor_pdf(pages)
    else:
        floor_pdf(sheets(deck, SHEETS))


EXPORTS = {"zip": "PNG ZIP", "pdf": "PDF, single cards", "sheets": "PDF, A4 duplex sheets"}


def set_rows(count: int, runs: int, cores: int) -> list[Row]:
    deck = library_set(count)
    rows = []
    for kind, name in EXPORTS.items():
        seconds, floor = median_pair(
            lambda kind=kind: export(deck, kind, 1),
            lambda kind=kind: export_floor(deck, kind),
            runs,
        )
        label = ", 1 core" if kind == "zip" and cores > 1 else ""
        rows.append(Row(f"{count} cards, {name}{label}", seconds, "s", runs, floor))
        if label:
            seconds = median_seconds(lambda kind=kind: export(deck, kind, cores), runs)
            title = f"{count} cards, {name}, {cores} cores"
            rows.append(Row(title, seconds, "s", runs, floor, "floor on 1 core"))
    return rows


def large_set_rows(count: int, cores: int) -> list[Row]:
    """Each export of a large set once, in a fresh process: its time and peak memory."""
    rows = []
    baseline = _in_fresh_process(count, "none", cores)
    deck = library_set(count)
    for kind, name in EXPORTS.items():
        result = _in_fresh_process(count, kind, cores)
        floor = median_seconds(lambda kind=kind: export_floor(deck, kind), 1)
        used = f", {cores} cores" if kind == "zip" and cores > 1 else ""
        rows.append(Row(f"{count} cards, {name}{used}", result["seconds"], "s", 1, floor))
        rows.append(
            Row(f"  peak memory, {name}", result["peak_mb"], "MB", 1, baseline["peak_mb"],
                "floor: the process with the set laid out, before exporting")
        )  # fmt: skip
    return rows


def _in_fresh_process(count: int, kind: str, cores: int) -> dict[str, float]:
    # Run with -c, so spawned workers import no main module: as with `python -m cardkit`.
    command = [sys.executable, "-c", "from bench.run import main; raise SystemExit(main())"]
    command += ["--export", kind, "--cards", str(count), "--cores", str(cores)]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(output.stdout)


def export_once(count: int, kind: str, cores: int) -> dict[str, float]:
    """The child's side of `_in_fresh_process`. The ZIP is written into a file as it is
    made, as `png -o FILE.zip` writes it (the designer's download holds it in memory:
    about 100 MB for 500 cards)."""
    deck = library_set(count)
    list(deck.pages())
    start = time.perf_counter()
    if kind == "zip":
        with tempfile.TemporaryFile() as target:
            write_png_zip(deck, target, cores=cores)
    elif kind != "none":
        export(deck, kind, cores)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": (own + _workers_peak_kb()) / 1024}


def _workers_peak_kb() -> int:
    """The peak memory of this process's children, added up. Export workers stay alive
    until the process ends, so they are read from /proc rather than from rusage."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError, StopIteration):
            lines = status.read_text().splitlines()
            if f"PPid:\t{os.getpid()}" in lines:
                total += int(next(ln for ln in lines if ln.startswith("VmHWM:")).split()[1])
    return total


# --- the designer -----------------------------------------------------------------------

FLOOR_PAGE = """
import pickle
from pathlib import Path
import streamlit as st
from bench.floors import floor_png
st.text_area("Vraag", key="question")
drawing = pickle.loads((Path(__file__).parent / "drawing.pickle").read_bytes())
st.image(floor_png(drawing, {dpi}, "RGBA"))
"""


def designer_rows(count: int, runs: int) -> list[Row]:
    """Reruns of the designer page with AppTest, against a page with one text field and a
    card drawn by bare Pillow on every rerun: the least a Streamlit page with a live
    preview costs."""
    from streamlit.testing.v1 import AppTest

    # The designer's settings (.streamlit/config.toml) are read from the working folder.
    with (
        tempfile.TemporaryDirectory(prefix="cardkit-bench-") as folder,
        contextlib.chdir(ROOT),
        _environment("CARDKIT_CONTENT_DIR", str(Path(folder) / "content")),
    ):
        library = Path(folder) / "content"
        library.mkdir()
        deck = library_set(count)
        path = library / "groot.yaml"
        path.write_text(set_to_yaml(deck.card_set), encoding="utf-8")
        floor_page = Path(folder) / "floor_page.py"
        floor_page.write_text(FLOOR_PAGE.format(dpi=PREVIEW_DPI), encoding="utf-8")
        drawing = trimmed(deck.page(1, "front"))
        (Path(folder) / "drawing.pickle").write_bytes(pickle.dumps(drawing))
        app = AppTest.from_file(str(ROOT / "designer_app.py"), default_timeout=120).run()
        app.selectbox(key="set-choice").set_value(str(path)).run()
        floor = AppTest.from_file(str(floor_page), default_timeout=60).run()
        edits = itertools.count()

        def edit(page: AppTest, key: str) -> None:
            page.text_area(key=key).set_value(f"Wat heb jij vandaag geleerd, keer {next(edits)}?")
            page.run()

        edit_ms = median_seconds(lambda: edit(app, "edit-question"), runs) * 1000
        plain_ms = median_seconds(app.run, runs) * 1000
        floor_ms = median_seconds(lambda: edit(floor, "question"), runs) * 1000
        assert not floor.exception and len(floor.get("image")) == 1, "the floor page failed"
    return [
        Row(f"designer rerun, {count}-card set, after an edit", edit_ms, "ms", runs, floor_ms,
            "AppTest; includes the new preview"),
        Row(f"designer rerun, {count}-card set, no change", plain_ms, "ms", runs, floor_ms),
    ]  # fmt: skip


@contextlib.contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


# --- against ithappens ------------------------------------------------------------------


def ithappens_rows(python: Path, runs: int) -> list[Row]:
    """Per card, front and back, at ithappens' pixel size, each tool started as a new
    process: the slope between a small and a larger set, so start-up is left out (and
    reported on its own); every run times both tools at both sizes in turn. `python` is
    the interpreter that has ithappens installed."""
    small, large = 20, 200  # both drawn on every core (cardkit.export.PARALLEL_FROM)
    dpi = ITHAPPENS_PIXELS[0] / (load_layout("a6").format.page_width / 25.4)
    with tempfile.TemporaryDirectory(prefix="cardkit-bench-") as folder:
        base = Path(folder)
        commands: dict[tuple[str, int], list[str]] = {}
        for count in (small, large):
            card_set = library_set(count).card_set
            set_path, table = base / f"{count}.yaml", base / f"{count}-ithappens.yaml"
            set_path.write_text(set_to_yaml(card_set), encoding="utf-8")
            rows = [
                {"misery index": n, "situation": card.question, "image": None}
                for n, card in enumerate(card_set.cards, start=1)
            ]
            table.write_text(json.dumps(rows), encoding="utf-8")  # JSON is YAML
            commands["cardkit", count] = [sys.executable, "-m", "cardkit", "png", str(set_path),
                                          "-o", "{out}", "--dpi", f"{dpi:.1f}"]  # fmt: skip
            commands["ithappens", count] = [
                str(python),
                str(ROOT / "bench" / "ithappens_driver.py"),
                str(table),
                "{out}",
            ]
        timings = interleaved_medians(
            {key: lambda c=command: _run_into(c, base) for key, command in commands.items()}, runs
        )
    slopes = {}
    for name in ("cardkit", "ithappens"):
        per_card = (timings[name, large] - timings[name, small]) / (large - small)
        slopes[name] = (per_card * 1000, timings[name, small] - small * per_card)
    (ours_ms, ours_start), (theirs_ms, theirs_start) = slopes["cardkit"], slopes["ithappens"]
    size = f"{ITHAPPENS_PIXELS[0]} x {ITHAPPENS_PIXELS[1]} px"
    return [
        Row(f"per card vs ithappens ({size})", ours_ms, "ms", runs, theirs_ms,
            "front + back; floor column: ithappens 8.0.2"),
        Row("start-up vs ithappens", ours_start, "s", runs, theirs_start),
    ]  # fmt: skip


def _run_into(command: list[str], parent: Path) -> None:
    """Run a command whose "{out}" argument is a fresh output folder."""
    with tempfile.TemporaryDirectory(dir=parent) as out:
        arguments = [out if part == "{out}" else part for part in command]
        subprocess.run(arguments, check=True, capture_output=True, cwd=ROOT)


# --- the table --------------------------------------------------------------------------


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    )
    return (
        f"{cpu}, {usable_cores()} cores usable; {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, Pillow {PIL.__version__}, fpdf2 {fpdf.__version__}"
    )


def _cpuinfo() -> Iterator[str]:
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as stream:
        yield from stream


def format_table(rows: Sequence[Row]) -> str:
    width = max(len(row.operation) for row in rows)
    lines = [
        f"{'operation':<{width}}  {'median':>9}  {'floor':>9}  {'ratio':>5}  runs  note",
        "-" * (width + 44),
    ]
    for row in rows:
        floor = f"{row.floor:>6.{_digits(row.floor)}f} {row.unit:<2}" if row.floor else " " * 9
        ratio = f"{row.value / row.floor:5.2f}" if row.floor else " " * 5
        value = f"{row.value:>6.{_digits(row.value)}f} {row.unit:<2}"
        lines.append(
            f"{row.operation:<{width}}  {value}  {floor}  {ratio}  {row.runs:>4}  {row.note}"
        )
    return "\n".join(line.rstrip() for line in lines)


def _digits(value: float) -> int:
    return 0 if value >= 100 else 1 if value >= 1 else 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="runs per single-card measurement")
    parser.add_argument("--set-runs", type=int, default=3, help="runs per 100-card export")
    parser.add_argument("--quick", action="store_true", help="leave out the 500-card exports")
    parser.add_argument(
        "--ithappens", type=Path, metavar="PYTHON", help="a Python with ithappens, to compare with"
    )
    parser.add_argument("--export", help=argparse.SUPPRESS)  # the child of a 500-card run
    parser.add_argument("--cards", type=int, default=500, help=argparse.SUPPRESS)
    parser.add_argument("--cores", type=int, default=usable_cores(), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.export:
        print(json.dumps(export_once(args.cards, args.export, args.cores)))
        return 0
    cores = args.cores
    print(f"cardkit benchmark; machine: {machine()}")
    rows = card_rows(args.runs)
    rows += set_rows(100, args.set_runs, cores)
    if not args.quick:
        rows += large_set_rows(500, cores)
    rows += designer_rows(100, max(args.runs, 15))
    if args.ithappens:
        rows += ithappens_rows(args.ithappens, max(5, args.set_runs))
    print(format_table(rows))
    print()
    print(format_share_table(EXAMPLE.name, share_rows(EXAMPLE, max(1, args.runs // 2))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
