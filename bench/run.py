"""Benchmark: every operation against its floor, measured in the same run, as one table.

Floors (bench.floors) are what the bare libraries need for the same output: the same
display lists drawn with plain Pillow or fpdf2 calls and encoded the same way, doing
the same work (each distinct card side drawn once) on as many cores as cardkit; every
row says how many cores each side used. Each number is the median of several runs,
cardkit and its floor timed in turns, so ratios hold up on a busy machine. Exports are
timed on a set already laid out, on both sides; the layout has rows of its own. The
500-card exports run in a fresh process each time, cardkit's and the floor's alike,
which also gives cardkit's peak memory (the process and its worker processes). With
`--ithappens PATH`, the per-card time of ithappens (bench/ithappens_driver.py) is
measured beside cardkit's at the same pixel size. A second table gives the share
outputs' times and sizes (bench.share).
Run: `python -m bench.run [--runs N] [--set-runs N] [--large-runs N] [--quick]
[--ithappens PYTHON]`.
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
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

import fpdf
import PIL

from bench.floors import floor_pdf, floor_png, floor_zip
from bench.share import format_share_table, share_rows
from bench.timing import (
    SAME_ALLOCATOR,
    interleaved_medians,
    median_pair,
    median_seconds,
    with_same_allocator,
)
from cardkit.deck import Deck
from cardkit.output.export import (
    PARALLEL_FROM,
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
ITHAPPENS_WORKERS = 4  # as bench/ithappens_driver.py runs it


@dataclass(frozen=True)
class Row:
    """One line of the table: a median (ms, s or MB), its floor if it has one, runs, and
    the cores that cardkit and the floor used (None: no floor that does work)."""

    operation: str
    value: float
    unit: str
    runs: int
    cores: tuple[int, int | None]
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
        # A new Deck: a Deck keeps every side it has laid out.
        forget_measured_text()
        list(replace(deck).pages())

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
        return Row(operation, ours * scale, "ms", runs, (1, 1), bare * scale, note)

    return [
        Row("layout, one card (front + back)", median_seconds(lay_out, runs) * per_card, "ms",
            runs, (1, None), note="pure Python: no library floor"),
        compared(f"preview update, one side ({PREVIEW_DPI} dpi)", preview, preview_floor,
                 per_card, "question edited: layout + draw + PNG vs draw + PNG"),
        compared(f"PNG {PRINT_DPI} dpi, front + back", png, png_floor, per_card,
                 "every side drawn, on both sides"),
        compared("PDF, one card page", lambda: render_pdf(pages), lambda: floor_pdf(pages),
                 per_page),
    ]  # fmt: skip


# --- whole sets -------------------------------------------------------------------------


def export(deck: Deck, kind: str, cores: int, stream: BinaryIO | None = None) -> None:
    """Make one export the way the designer and command line do (a ZIP into `stream`)."""
    if kind == "zip":
        write_png_zip(deck, stream or Sink(), cores=cores)
    elif kind == "pdf":
        set_pdf(deck)
    else:
        sheets_pdf(deck, SHEETS)


def export_floor(deck: Deck, kind: str, cores: int, stream: BinaryIO | None = None) -> int:
    """The floor of one export; return how many sides it drew (pages for a PDF)."""
    pages = list(deck.pages())  # laid out before the timer started
    if kind == "zip":
        return floor_zip(pages, PRINT_DPI, stream or Sink(), cores)
    if kind == "pdf":
        floor_pdf(pages)
        return len(pages)
    imposed = sheets(deck, SHEETS)
    floor_pdf(imposed)
    return len(imposed)


EXPORTS = {"zip": "PNG ZIP", "pdf": "PDF, single cards", "sheets": "PDF, A4 duplex sheets"}


def export_jobs(cores: int) -> list[tuple[str, int]]:
    """(kind, cores) of every export row: the ZIP on one core and on all; PDFs on one."""
    zips = [("zip", 1), ("zip", cores)] if cores > 1 else [("zip", 1)]
    return [*zips, ("pdf", 1), ("sheets", 1)]


def export_label(count: int, kind: str, cores: int) -> str:
    used = f", {cores} cores" if cores > 1 else ", 1 core" if kind == "zip" else ""
    return f"{count} cards, {EXPORTS[kind]}{used}"


def distinct_sides(deck: Deck) -> int:
    """Card sides that draw differently: what cardkit's and the floor's ZIP draw."""
    return len({(page.width, page.height, page.items) for page in deck.pages()})


def zip_note(deck: Deck) -> str:
    sides = 2 * len(deck.card_set.cards)
    return f"each distinct side drawn once, on both sides ({distinct_sides(deck)} of {sides})"


def set_rows(count: int, runs: int, cores: int) -> list[Row]:
    deck = library_set(count)
    list(deck.pages())  # laid out once, before either side is timed
    _warm_workers(cores)
    rows = []
    for kind, used in export_jobs(cores):
        drawn: list[int] = []
        seconds, floor = median_pair(
            lambda kind=kind, used=used: export(deck, kind, used),
            lambda kind=kind, used=used, drawn=drawn: drawn.append(export_floor(deck, kind, used)),
            runs,
        )
        note = ""
        if kind == "zip":
            _check_drawn(drawn, deck)
            note = zip_note(deck)
        label = export_label(count, kind, used)
        rows.append(Row(label, seconds, "s", runs, (used, used), floor, note))
    return rows


def _check_drawn(drawn: Sequence[float], deck: Deck) -> None:
    """The ZIP floor drew each distinct side once: no more (and no less) than cardkit."""
    expected = distinct_sides(deck)
    assert all(count == expected for count in drawn), f"floor drew {drawn}, not {expected}"


def _warm_workers(cores: int) -> None:
    """Start cardkit's and the floor's worker processes before timing: both are kept."""
    if cores > 1:
        small = library_set(PARALLEL_FROM)
        export(small, "zip", cores)
        export_floor(small, "zip", cores)


def large_set_rows(count: int, cores: int, runs: int) -> list[Row]:
    """Each export of a large set in a fresh process, cardkit's and the floor's in turns,
    `runs` times: times, and cardkit's peak memory."""
    deck = library_set(count)
    note = zip_note(deck)
    baseline = _in_fresh_process(count, "none", 1)["peak_mb"]
    jobs = export_jobs(cores)
    results: dict[tuple[str, int, bool], list[dict[str, float]]] = {}
    for _ in range(runs):
        for kind, used in jobs:
            for floor in (False, True):
                result = _in_fresh_process(count, kind, used, floor)
                results.setdefault((kind, used, floor), []).append(result)

    def median(kind: str, used: int, floor: bool, what: str) -> float:
        return statistics.median(result[what] for result in results[kind, used, floor])

    for used in {used for kind, used in jobs if kind == "zip"}:
        _check_drawn([result["drawn"] for result in results["zip", used, True]], deck)
    layout = statistics.median(r["layout_seconds"] for rs in results.values() for r in rs)
    laid_out = len(results) * runs
    rows = [
        Row(f"{count} cards, layout before an export", layout, "s", laid_out, (1, None),
            note="outside both timers below; pure Python: no library floor"),
    ]  # fmt: skip
    for kind, used in jobs:
        seconds, floor = median(kind, used, False, "seconds"), median(kind, used, True, "seconds")
        rows.append(
            Row(export_label(count, kind, used), seconds, "s", runs, (used, used), floor,
                note if kind == "zip" else "")
        )  # fmt: skip
        rows.append(
            Row(f"  peak memory, {EXPORTS[kind]}", median(kind, used, False, "peak_mb"), "MB",
                runs, (used, None), baseline,
                "floor: the process with the set laid out, before exporting")
        )  # fmt: skip
    return rows


def _in_fresh_process(count: int, kind: str, cores: int, floor: bool = False) -> dict[str, float]:
    """Run `export_once` in a new process, with SAME_ALLOCATOR."""
    # Run with -c, so spawned workers import no main module: as with `python -m cardkit`.
    command = [sys.executable, "-c", "from bench.run import main; raise SystemExit(main())"]
    command += ["--export", kind, "--cards", str(count), "--cores", str(cores)]
    command += ["--floor"] if floor else []
    env = {**os.environ, **SAME_ALLOCATOR}
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return json.loads(output.stdout)


def export_once(count: int, kind: str, cores: int, floor: bool) -> dict[str, float]:
    """The child's side of `_in_fresh_process`: the set laid out (timed on its own), then
    one export by cardkit or its floor, with worker processes started inside the timer
    on both sides. A ZIP is written into a file as it is made, as `png -o FILE.zip`
    writes it (the designer's download holds it in memory: about 100 MB for 500 cards)."""
    deck = library_set(count)
    start = time.perf_counter()
    list(deck.pages())
    layout_seconds = time.perf_counter() - start
    make = export_floor if floor else export
    drawn = 0
    start = time.perf_counter()
    with tempfile.TemporaryFile() as target:
        if kind != "none":
            drawn = make(deck, kind, cores, target) or 0
    seconds = time.perf_counter() - start
    peak_mb = (_peak_kb(Path("/proc/self/status")) + _workers_peak_kb()) / 1024
    return {"seconds": seconds, "layout_seconds": layout_seconds, "peak_mb": peak_mb,
            "drawn": drawn}  # fmt: skip


def _peak_kb(status: Path) -> int:
    """A process's peak resident memory (VmHWM). Not rusage's ru_maxrss: Linux carries
    that over from the process that started this one (through vfork and exec), so a
    child started by a large benchmark process reported at least that process's peak."""
    lines = status.read_text().splitlines()
    return int(next(line for line in lines if line.startswith("VmHWM:")).split()[1])


def _workers_peak_kb() -> int:
    """The peak memory of this process's children, added up. Export workers stay alive
    until the process ends, so they are read from /proc rather than from rusage."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError, StopIteration):
            if f"PPid:\t{os.getpid()}" in status.read_text().splitlines():
                total += _peak_kb(status)
    return total


# --- the designer -----------------------------------------------------------------------


def designer_rows(count: int, runs: int) -> list[Row]:
    """Reruns of the designer page with AppTest, against the floor page (bench/floor_page.py:
    a question field and a card drawn by bare Pillow, redrawn only when the question
    changed): the least a Streamlit page with a live preview costs. After an edit both
    draw the new preview; without a change both show the one they have. The four
    reruns are timed in turns."""
    from streamlit.testing.v1 import AppTest

    # The designer's settings (.streamlit/config.toml) are read from the working folder.
    with (
        tempfile.TemporaryDirectory(prefix="cardkit-bench-") as folder,
        contextlib.chdir(ROOT),
        _environment("CARDKIT_CONTENT_DIR", str(Path(folder) / "content")),
        _environment("CARDKIT_BENCH_DRAWING", str(Path(folder) / "drawing.pickle")),
    ):
        library = Path(folder) / "content"
        library.mkdir()
        deck = library_set(count)
        path = library / "groot.yaml"
        path.write_text(set_to_yaml(deck.card_set), encoding="utf-8")
        drawing = trimmed(deck.page(1, "front"))
        (Path(folder) / "drawing.pickle").write_bytes(pickle.dumps(drawing))
        app = AppTest.from_file(str(ROOT / "designer_app.py"), default_timeout=120).run()
        app.selectbox(key="set-choice").set_value(path.stem).run()
        floor = AppTest.from_file(str(ROOT / "bench" / "floor_page.py"), default_timeout=60)
        floor.run()
        edits = itertools.count()

        def edit(page: AppTest, key: str) -> None:
            page.text_area(key=key).set_value(f"Wat heb jij vandaag geleerd, keer {next(edits)}?")
            page.run()

        medians = interleaved_medians(
            {
                "edit": lambda: edit(app, "edit-question"),
                "floor edit": lambda: edit(floor, "question"),
                "no change": app.run,
                "floor no change": floor.run,
            },
            runs,
        )
        assert not floor.exception and len(floor.get("image")) == 1, "the floor page failed"
    ms = {key: seconds * 1000 for key, seconds in medians.items()}
    return [
        Row(f"designer rerun, {count}-card set, after an edit", ms["edit"], "ms", runs, (1, 1),
            ms["floor edit"], "AppTest; new preview: layout + draw vs draw"),
        Row(f"designer rerun, {count}-card set, no change", ms["no change"], "ms", runs, (1, 1),
            ms["floor no change"], "AppTest; both show the preview they have"),
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
    # cardkit's command line draws on every usable core; ithappens runs 4 workers.
    cores = (usable_cores(), min(ITHAPPENS_WORKERS, usable_cores()))
    return [
        Row(f"per card vs ithappens ({size})", ours_ms, "ms", runs, cores, theirs_ms,
            "front + back; floor column: ithappens 8.0.2"),
        Row("start-up vs ithappens", ours_start, "s", runs, cores, theirs_start),
    ]  # fmt: skip


def _run_into(command: list[str], parent: Path) -> None:
    """Run a command whose "{out}" argument is a fresh output folder."""
    with tempfile.TemporaryDirectory(dir=parent) as out:
        arguments = [out if part == "{out}" else part for part in command]
        # Both tools as a user starts them: without the benchmark's allocator setting.
        env = {name: value for name, value in os.environ.items() if name not in SAME_ALLOCATOR}
        subprocess.run(arguments, check=True, capture_output=True, cwd=ROOT, env=env)


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


CORES_HEADING = "cores"
CORES_LEGEND = "cores: cardkit's / the floor's (- where the floor column is no drawing work)"


def format_table(rows: Sequence[Row]) -> str:
    width = max(len(row.operation) for row in rows)
    lines = [
        f"{'operation':<{width}}  {'median':>9}  {'floor':>9}  {'ratio':>5}  runs  "
        f"{CORES_HEADING}  note",
        "-" * (width + 51),
    ]
    for row in rows:
        floor = f"{row.floor:>6.{_digits(row.floor)}f} {row.unit:<2}" if row.floor else " " * 9
        ratio = f"{row.value / row.floor:5.2f}" if row.floor else " " * 5
        value = f"{row.value:>6.{_digits(row.value)}f} {row.unit:<2}"
        ours, theirs = row.cores
        cores = f"{ours}/{theirs or '-'}"
        lines.append(
            f"{row.operation:<{width}}  {value}  {floor}  {ratio}  {row.runs:>4}  "
            f"{cores:>{len(CORES_HEADING)}}  {row.note}"
        )
    lines.append(CORES_LEGEND)
    return "\n".join(line.rstrip() for line in lines)


def _digits(value: float) -> int:
    return 0 if value >= 100 else 1 if value >= 1 else 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="runs per single-card measurement")
    parser.add_argument("--set-runs", type=int, default=3, help="runs per 100-card export")
    parser.add_argument(
        "--large-runs", type=int, default=3, help="runs per 500-card export (a process each)"
    )
    parser.add_argument("--quick", action="store_true", help="leave out the 500-card exports")
    parser.add_argument(
        "--ithappens", type=Path, metavar="PYTHON", help="a Python with ithappens, to compare with"
    )
    parser.add_argument("--export", help=argparse.SUPPRESS)  # the child of a 500-card run
    parser.add_argument("--cards", type=int, default=500, help=argparse.SUPPRESS)
    parser.add_argument("--cores", type=int, default=usable_cores(), help=argparse.SUPPRESS)
    parser.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.export:  # a child: with the allocator its parent gave it
        print(json.dumps(export_once(args.cards, args.export, args.cores, args.floor)))
        return 0
    with_same_allocator()
    cores = args.cores
    print(f"cardkit benchmark; machine: {machine()}")
    rows = card_rows(args.runs)
    rows += set_rows(100, args.set_runs, cores)
    if not args.quick:
        rows += large_set_rows(500, cores, args.large_runs)
    rows += designer_rows(100, max(args.runs, 15))
    if args.ithappens:
        rows += ithappens_rows(args.ithappens, max(5, args.set_runs))
    print(format_table(rows))
    print()
    print(format_share_table(EXAMPLE.name, share_rows(EXAMPLE, max(1, args.runs // 2))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
