"""The rerun flood of issue 24, measured: 40 cookieless pages (tests/streamlit_client.py,
speaking Streamlit's own protocol) each ask for a rerun every 20 ms, opening again at once
when refused, while a new visitor opens the designer and a signed-in member edits a card
in Chromium. Each is timed quiet and during the flood, in the same run on the same
machine (two cores, shared by the designer, the flood and the browser). Afterwards the
process must be idle and stop on SIGTERM."""

from __future__ import annotations

import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from cardkit.library.folder import FolderStore
from cardkit.model import Card, CardSet
from cardkit.paths import ROOT
from tests.browser import (
    WAIT,
    card_in_list,
    chromium,
    designer_process,
    fill_library,
    free_port,
    oidc_provider,
    settled,
    sign_in,
    sign_in_secrets,
)
from tests.helpers import TEAMS_FILE

CLIENTS, PERIOD = 40, 0.02  # the attack: 40 pages, a rerun every 20 ms each
SLOWER = 3.0  # how much slower than quiet a visitor and a member may be during it
IDLE = 0.2  # cores the process may use 30 s after the flood


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks


def visitor_seconds(browser: Browser, url: str) -> float:
    """A new visitor: from asking for the page until its sign-in button shows."""
    context = browser.new_context()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    expect(page.get_by_role("button", name="Inloggen", exact=True)).to_be_visible(timeout=120_000)
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def edit_seconds(page: Page, text: str) -> float:
    """A member's edit: from Ctrl+Enter in the question until the card list shows it."""
    box = page.get_by_label("Vraag", exact=True)
    box.fill(text)
    start = time.perf_counter()
    box.press("Control+Enter")
    expect(card_in_list(page, 1)).to_have_accessible_name(
        f"1. Denkkaartje · {text}", timeout=120_000
    )
    seconds = time.perf_counter() - start
    settled(page)
    return seconds


def test_a_rerun_flood_without_sign_in_slows_nobody_and_leaves_nothing_behind(
    tmp_path: Path, browser: Browser
) -> None:
    library = fill_library(tmp_path / "library")
    FolderStore(library).create(
        CardSet("Buurtoverleg Noord", "a6", (Card("denk", "Een vraag?"),)), "noord"
    )
    teams = tmp_path / "teams.yaml"
    teams.write_text(TEAMS_FILE, encoding="utf-8")
    port = free_port()
    with oidc_provider() as issuer:
        secrets = sign_in_secrets(tmp_path, port, issuer)
        env = {"CARDKIT_TEAMS": str(teams)}
        with designer_process(library, env=env, port=port, secrets=secrets) as (url, process):
            member = sign_in(browser, url, issuer, "alice@example.org", "Alice")
            member.goto(f"{url}/?set=noord/buurtoverleg-noord")
            expect(member.get_by_role("heading", name="Buurtoverleg Noord")).to_be_visible(
                timeout=WAIT
            )
            settled(member)
            quiet_visitor = [visitor_seconds(browser, url) for _ in range(3)]
            quiet_edit = [edit_seconds(member, f"Rustig {n}?") for n in range(3)]
            flood = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.streamlit_client",
                    url,
                    str(CLIENTS),
                    str(PERIOD),
                    "40",
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
            )
            try:
                time.sleep(5)  # the flood in full swing
                flooded_visitor = [visitor_seconds(browser, url) for _ in range(3)]
                flooded_edit = [edit_seconds(member, f"Tijdens de vloed {n}?") for n in range(3)]
                assert flood.poll() is None, "the flood ended before it was measured"
            finally:
                tally, _ = flood.communicate(timeout=120)
            member.context.close()
            medians = [
                statistics.median(times)
                for times in (quiet_visitor, flooded_visitor, quiet_edit, flooded_edit)
            ]
            report = (
                f"flood: {tally.strip()}; visitor quiet {medians[0]:.2f} s, flooded "
                f"{medians[1]:.2f} s; member's edit quiet {medians[2]:.2f} s, flooded "
                f"{medians[3]:.2f} s"
            )
            print(report)
            assert medians[1] <= SLOWER * medians[0], report  # the new visitor
            assert medians[3] <= SLOWER * medians[2], report  # the member's edit
            time.sleep(30)  # the flood's clients are gone
            before, start = cpu_seconds(process.pid), time.monotonic()
            time.sleep(5)
            cores = (cpu_seconds(process.pid) - before) / (time.monotonic() - start)
            assert cores < IDLE, f"30 s after the flood the designer still uses {cores:.2f} cores"
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)  # raises if it does not stop
