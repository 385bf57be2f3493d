"""Benchmark the designer in Debian's Chromium: page load and edit-to-preview, 20-card set.

Starts `streamlit run designer_app.py` on a free port with a temporary library holding
one 20-card set, and its floor (bench/floor_page.py: a question field and the set's
first card drawn by bare Pillow) on another port, then measures each against its floor
in the same browser, designer and floor in turns (median of several runs):
- page load: from navigation to the card preview being visible, in a fresh session;
- edit to preview: from committing a changed question (Ctrl+Enter) to the new preview.
Each server is one Streamlit process; the browser runs beside them on the same cores.
Run: `.venv/bin/python -m bench.designer [--runs N]`.
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

from playwright.sync_api import Browser, expect, sync_playwright

from bench.timing import SAME_ALLOCATOR, interleaved_medians
from cardkit.deck import open_deck
from cardkit.output.surface import trimmed
from cardkit.paths import CONTENT_DIR
from cardkit.read.sets import load_set, set_to_yaml

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
]


def twenty_card_set(folder: Path) -> Path:
    base = load_set(CONTENT_DIR / "gelijkwaardig-samenwerken.yaml")
    cards = (base.cards * 2)[:20]
    path = folder / "twintig.yaml"
    path.write_text(
        set_to_yaml(replace(base, title="Twintig kaartjes", cards=cards)), encoding="utf-8"
    )
    return path


FLOOR_PAGE = ROOT / "bench" / "floor_page.py"


def floor_drawing(set_path: Path, folder: Path) -> Path:
    """The card the floor page draws: the first card's front, as the designer first shows."""
    drawing = folder / "drawing.pickle"
    drawing.write_bytes(pickle.dumps(trimmed(open_deck(set_path).page(1, "front"))))
    return drawing


def start_server(
    folder: Path, script: Path = ROOT / "designer_app.py", drawing: Path | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
    ]  # fmt: skip
    env = {**os.environ, **SAME_ALLOCATOR, "CARDKIT_CONTENT_DIR": str(folder)}
    if drawing is not None:
        env["CARDKIT_BENCH_DRAWING"] = str(drawing)
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return process, url
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("streamlit did not start")


PREVIEW = '[data-testid="stImage"] img'
VIEWPORT = {"width": 1400, "height": 1000}


def load(browser: Browser, url: str) -> None:
    """A fresh session: from navigation to the card preview being visible."""
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(url)
    expect(page.locator(PREVIEW).first).to_be_visible(timeout=60_000)
    page.close()


class Editor:
    """One open session of a page with a "Vraag" field and a preview: `type_next()` types
    a new question, `commit()` commits it and returns when the preview has changed."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.page = browser.new_page(viewport=VIEWPORT)
        self.page.goto(url)
        self.preview = self.page.locator(PREVIEW).first
        expect(self.preview).to_be_visible(timeout=60_000)
        self.question = self.page.get_by_label("Vraag", exact=True)
        self.edits = 0

    def type_next(self) -> str | None:
        """Type the next question (not timed: the time starts at the commit)."""
        self.edits += 1
        before = self.preview.get_attribute("src")
        self.question.fill(f"Wat heb jij vandaag geleerd, keer {self.edits}?")
        return before

    def commit(self, before: str | None) -> None:
        self.question.press("Control+Enter")
        expect(self.preview).not_to_have_attribute("src", before, timeout=60_000)


def timed_edits(editors: dict[str, Editor], runs: int) -> dict[str, float]:
    """Median seconds from commit to new preview, the editors in turns."""
    timings: dict[str, list[float]] = {name: [] for name in editors}
    for _ in range(runs):
        for name, editor in editors.items():
            before = editor.type_next()
            start = time.perf_counter()
            editor.commit(before)
            timings[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in timings.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cardkit-bench-"))
    drawing = floor_drawing(twenty_card_set(folder), folder)
    process, url = start_server(folder)
    floor_process, floor_url = start_server(folder, FLOOR_PAGE, drawing)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            loads = {
                "designer": lambda: load(browser, url),
                "floor": lambda: load(browser, floor_url),
            }
            for action in loads.values():  # the first load warms each server's caches
                action()
            load_times = interleaved_medians(loads, args.runs)
            editors = {"designer": Editor(browser, url), "floor": Editor(browser, floor_url)}
            edit_times = timed_edits(editors, args.runs)
            browser.close()
    finally:
        for server in (process, floor_process):
            server.terminate()
            server.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"designer benchmark: 20-card set, Debian Chromium headless, median of {args.runs} runs,"
        " designer and floor in turns"
    )
    print("floor: bench/floor_page.py, a question field and a card drawn by bare Pillow")
    print("each server one Streamlit process; the browser shares the machine's cores")
    print(f"{'':<32} {'designer':>9} {'floor':>9} {'ratio':>6}")
    for name, times in (("page load to visible preview", load_times),
                        ("edit committed to new preview", edit_times)):  # fmt: skip
        ours, floor = times["designer"] * 1000, times["floor"] * 1000
        print(f"{name:<32} {ours:6.0f} ms {floor:6.0f} ms {ours / floor:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
