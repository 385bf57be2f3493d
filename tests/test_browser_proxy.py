"""Two designer processes behind HAProxy (`scripts/serve.py`, what `make serve` runs) on one
PostgreSQL library: each browser stays with its process, and two people on different
processes editing the same set get the conflict warning, never a silent overwrite."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from cardkit.library.location import open_store
from cardkit.paths import ROOT
from cardkit.read.sets import load_set
from tests.browser import (
    WAIT,
    chromium,
    click,
    commit,
    free_port,
    open_page,
)
from tests.helpers import EXAMPLE_SETS

SET = "gelijkwaardig-samenwerken"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def served(postgres, tmp_path) -> Iterator[tuple[str, str]]:
    url = postgres.new_database()
    store = open_store(url)
    for path in EXAMPLE_SETS:
        store.create(load_set(path))
    port = free_port()
    environment = {**os.environ, "CARDKIT_DATABASE_URL": url}
    command = [sys.executable, str(ROOT / "scripts" / "serve.py"), "--processes", "2"]
    output = tmp_path / "serve.log"
    with output.open("w") as log:
        process = subprocess.Popen(
            [*command, "--port", str(port)], cwd=ROOT, env=environment, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        wait_for_line(output, "cardkit: http", process)  # every process up, for HAProxy too
        yield f"http://127.0.0.1:{port}", url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def wait_for_line(path, start: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not any(line.startswith(start) for line in path.read_text().splitlines()):
        assert process.poll() is None and time.monotonic() < deadline, path.read_text()
        time.sleep(0.2)


def server_of(page) -> str:
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return cookies.get("cardkit_server", "")


def test_two_people_on_two_processes_get_the_conflict(served, browser: Browser) -> None:
    address, url = served
    anna = open_page(browser, f"{address}/?set={SET}")
    bram = open_page(browser, f"{address}/?set={SET}")
    assert {server_of(anna), server_of(bram)} == {"d1", "d2"}  # one process each

    commit(anna, "Vraag", "Wat vindt Anna?")
    commit(bram, "Vraag", "Wat vindt Bram?")
    click(anna, "Opslaan")
    expect(anna.get_by_text("Alles opgeslagen").first).to_be_visible(timeout=WAIT)
    click(bram, "Opslaan")
    expect(bram.get_by_text("Iemand anders").first).to_be_visible(timeout=WAIT)
    store = open_store(url)
    assert store.read(SET).card_set.cards[0].question == "Wat vindt Anna?"

    click(bram, "Opslaan als kopie")
    expect(bram.get_by_text("Jouw versie is bewaard als kopie").first).to_be_visible(timeout=WAIT)
    copies = [e for e in store.list_sets("") if e.title.endswith("(kopie)")]
    assert [store.read(e.name).card_set.cards[0].question for e in copies] == ["Wat vindt Bram?"]
    # Each stayed with its own process all along (its images and uploads live there).
    assert {server_of(anna), server_of(bram)} == {"d1", "d2"}
