"""Benchmark the designer under load: 20 people editing at once, each watching the preview.

Starts `streamlit run designer_app.py` (a temporary library with one 20-card set per
person), opens the page in N Chromium contexts at once, and in each makes several
edits, timing commit-to-new-preview. Reports median, 95th percentile and worst for one
session alone (the floor) and for N together; while everyone edits it asks the server's
health endpoint four times a second (is it still answering?) and counts the server's own
CPU time per edit, because on a small machine the N browsers compete for the same cores.
With `--processes N` the designer runs as N processes behind HAProxy (scripts/serve.py,
what `make serve` runs) on one shared library folder, and the server CPU is that of all
N processes together. `--capacity` runs 20 and 60 sessions against 1 and 2 processes and
prints the table of docs/operations.md.
Run:
`.venv/bin/python -m bench.load [--sessions 20] [--edits 5] [--processes 1] [--capacity]`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path

from playwright.async_api import async_playwright, expect

from bench.designer import CHROMIUM, FLAGS, start_server
from cardkit.paths import CONTENT_DIR, ROOT
from cardkit.read.sets import load_set, set_to_yaml


def library(folder: Path, sessions: int) -> None:
    base = load_set(CONTENT_DIR / "gelijkwaardig-samenwerken.yaml")
    cards = (base.cards * 2)[:20]
    for number in range(sessions):
        card_set = replace(base, title=f"Team {number + 1:02d}", cards=cards)
        path = folder / f"team-{number + 1:02d}.yaml"
        path.write_text(set_to_yaml(card_set), encoding="utf-8")


async def person(
    browser, url: str, number: int, edits: int, together: asyncio.Barrier, editing: asyncio.Event
) -> list[float]:
    """One person: open the designer, choose their set, edit the question `edits` times."""
    await asyncio.sleep(number * 0.5)  # people arrive one after another, then all type
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(180_000)
    await page.goto(url, timeout=180_000)
    preview = page.locator('[data-testid="stImage"] img').first
    await expect(preview).to_be_visible(timeout=120_000)
    await page.get_by_label("Kies een set").click()
    await page.get_by_role("option", name=f"Team {number + 1:02d}").click()
    await expect(page.get_by_role("heading", name=f"Team {number + 1:02d}")).to_be_visible(
        timeout=180_000
    )

    question = page.get_by_label("Vraag", exact=True)
    if await together.wait() == 0:  # everyone edits at the same time
        editing.set()
    timings = []
    for edit in range(edits):
        before = await preview.get_attribute("src")
        await question.fill(f"Wat heb jij geleerd, persoon {number + 1}, keer {edit + 1}?")
        start = time.perf_counter()
        await question.press("Control+Enter")
        await expect(preview).not_to_have_attribute("src", before, timeout=120_000)
        timings.append(time.perf_counter() - start)
    await context.close()
    return timings


def health_latency(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=60):
        return time.perf_counter() - start


async def watch_editing(
    url: str, pid: int, editing: asyncio.Event, done: asyncio.Event
) -> tuple[list[float], float]:
    """From the moment everyone edits until `done`: the health check's latency, four times
    a second, and the server's CPU seconds. Page loads before are left out: they are
    not what people wait for while they type."""
    await editing.wait()
    cpu_before = cpu_seconds(pid)
    latencies = []
    while not done.is_set():
        latencies.append(await asyncio.to_thread(health_latency, url))
        await asyncio.sleep(0.25)
    return latencies, cpu_seconds(pid) - cpu_before


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process and everything it started, from /proc."""
    total = 0.0
    for process in [pid, *descendants(pid)]:
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        children = Path(f"/proc/{parent}/task/{parent}/children")
        for child in children.read_text().split() if children.exists() else ():
            found.append(int(child))
            queue.append(int(child))
    return found


@dataclass
class Load:
    edits: list[float]
    health: list[float]
    server_cpu: float


async def crowd(url: str, pid: int, sessions: int, edits: int) -> Load:
    editing, done = asyncio.Event(), asyncio.Event()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        together = asyncio.Barrier(sessions)
        watcher = asyncio.create_task(watch_editing(url, pid, editing, done))
        results = await asyncio.gather(
            *(person(browser, url, number, edits, together, editing) for number in range(sessions))
        )
        done.set()
        health, server_cpu = await watcher
        await browser.close()
    timings = [timing for timings in results for timing in timings]
    return Load(timings, health, server_cpu)


def summary(label: str, timings: list[float], count: str = "edits") -> str:
    ordered = sorted(timings)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return (
        f"{label:<28} {statistics.median(ordered) * 1000:8.0f} {p95 * 1000:8.0f} "
        f"{ordered[-1] * 1000:8.0f}   ({len(ordered)} {count})"
    )


def start_proxied(folder: Path, processes: int) -> tuple[subprocess.Popen, str]:
    """N designer processes behind HAProxy, as `make serve` starts them; returned once
    HAProxy counts every process as up."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "CARDKIT_CONTENT_DIR": str(folder)}
    command = [sys.executable, str(ROOT / "scripts" / "serve.py"), "--processes", str(processes)]
    log = folder.parent / f"{folder.name}.serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [*command, "--port", str(port)], cwd=ROOT, env=env, stdout=output,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    while not any(line.startswith("cardkit: http") for line in log.read_text().splitlines()):
        if process.poll() is not None:
            raise RuntimeError(log.read_text())
        time.sleep(0.3)
    return process, f"http://127.0.0.1:{port}"


def measure(sessions: int, edits: int, processes: int) -> tuple[Load, Load]:
    """One person alone, then `sessions` at once, against a fresh server."""
    folder = Path(tempfile.mkdtemp(prefix="cardkit-load-"))
    library(folder, sessions)
    if processes == 1:
        process, url = start_server(folder)
    else:
        process, url = start_proxied(folder, processes)
    try:
        alone = asyncio.run(crowd(url, process.pid, 1, edits * 2))
        together = asyncio.run(crowd(url, process.pid, sessions, edits))
    finally:
        if processes == 1:
            process.terminate()
        else:
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    return alone, together


def capacity(edits: int) -> None:
    """20 and 60 sessions against 1 and 2 processes: the table for the capacity plan."""
    print(f"designer under load on {os.cpu_count()} cores: edit to new preview, ms")
    print(f"{'sessions':>8} {'processes':>9} {'median':>7} {'p95':>7} {'worst':>7} "
          f"{'CPU/edit':>8}")  # fmt: skip
    for sessions in (20, 60):
        for processes in (1, 2):
            try:
                _, together = measure(sessions, edits, processes)
            except AssertionError as error:  # a page that never showed its preview
                reason = str(error).splitlines()[0]
                print(f"{sessions:>8} {processes:>9}   did not finish: {reason}", flush=True)
                continue
            ordered = sorted(together.edits)
            p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
            per_edit = together.server_cpu / max(1, len(ordered)) * 1000
            print(
                f"{sessions:>8} {processes:>9} {statistics.median(ordered) * 1000:>7.0f} "
                f"{p95 * 1000:>7.0f} {ordered[-1] * 1000:>7.0f} {per_edit:>8.0f}",
                flush=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--capacity", action="store_true")
    args = parser.parse_args()
    if args.capacity:
        capacity(args.edits)
        return 0
    alone, together = measure(args.sessions, args.edits, args.processes)
    processes = f", {args.processes} processes behind HAProxy" if args.processes > 1 else ""
    print(f"designer under load: {args.sessions} sessions{processes}, 20-card sets")
    print(f"{'':<28} {'median':>8} {'p95':>8} {'worst':>8}  ms")
    print(summary("1 session (the floor)", alone.edits))
    print(summary(f"{args.sessions} sessions at once", together.edits))
    print(summary("health check, 1 session", alone.health, "checks"))
    print(summary(f"health check, {args.sessions} sessions", together.health, "checks"))
    for label, load in (("1 session", alone), (f"{args.sessions} sessions", together)):
        per_edit = load.server_cpu / max(1, len(load.edits)) * 1000
        print(f"server CPU per edit, {label}: {per_edit:.0f} ms (while editing)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
