"""Benchmark the designer in Debian's Chromium: page load and edit-to-preview, 20-card set.

Starts `streamlit run designer_app.py` on a free port with a temporary library holding
one 20-card set, then measures (median of several runs):
- page load: from navigation to the card preview being visible, in a fresh session;
- edit to preview: from committing a changed question (Ctrl+Enter) to the new preview.
Run: `.venv/bin/python -m bench.designer [--runs N]`.
"""

from __future__ import annotations

import argparse
import os
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

from playwright.sync_api import expect, sync_playwright

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


def twenty_card_set(folder: Path) -> None:
    base = load_set(CONTENT_DIR / "gelijkwaardig-samenwerken.yaml")
    cards = (base.cards * 2)[:20]
    (folder / "twintig.yaml").write_text(
        set_to_yaml(replace(base, title="Twintig kaartjes", cards=cards)), encoding="utf-8"
    )


FLOOR_APP = """
import streamlit as st
st.title("Vloer")
st.image(open(__file__.replace("floor_app.py", "floor.png"), "rb").read())
"""


def floor_app(folder: Path) -> Path:
    """The least a Streamlit page with a card image costs: a title and one PNG."""
    from PIL import Image

    Image.new("RGB", (620, 870), (29, 101, 119)).save(folder / "floor.png")
    script = folder / "floor_app.py"
    script.write_text(FLOOR_APP, encoding="utf-8")
    return script


def start_server(
    folder: Path, script: Path = ROOT / "designer_app.py"
) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
    ]  # fmt: skip
    env = {**os.environ, "CARDKIT_CONTENT_DIR": str(folder)}
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cardkit-bench-"))
    twenty_card_set(folder)
    process, url = start_server(folder)
    floor_process, floor_url = start_server(folder, floor_app(folder))
    loads, floors, edits = [], [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for target, timings in ((floor_url, floors), (url, loads)):
                for run in range(args.runs + 1):  # the first load warms the server's caches
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    start = time.perf_counter()
                    page.goto(target)
                    preview = page.locator('[data-testid="stImage"] img').first
                    expect(preview).to_be_visible(timeout=60_000)
                    if run:
                        timings.append(time.perf_counter() - start)
                    page.close()
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            preview = page.locator('[data-testid="stImage"] img').first
            expect(preview).to_be_visible(timeout=60_000)
            question = page.get_by_label("Vraag", exact=True)
            for run in range(args.runs):
                before = preview.get_attribute("src")
                question.fill(f"Wat heb jij vandaag geleerd, keer {run + 1}?")
                start = time.perf_counter()
                question.press("Control+Enter")
                expect(preview).not_to_have_attribute("src", before, timeout=60_000)
                edits.append(time.perf_counter() - start)
            browser.close()
    finally:
        for server in (process, floor_process):
            server.terminate()
            server.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"designer benchmark: 20-card set, Debian Chromium headless, median of {args.runs} runs")
    floor = statistics.median(floors)
    load = statistics.median(loads)
    print(f"{'floor: a page with a title and one image':<42} {floor * 1000:8.0f} ms")
    print(
        f"{'page load to visible preview':<42} {load * 1000:8.0f} ms  ({load / floor:.2f} x floor)"
    )
    print(f"{'edit committed to new preview':<42} {statistics.median(edits) * 1000:8.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
