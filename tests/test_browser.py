"""The designer in a real browser: `streamlit run` on a free port, Debian's Chromium
driven by Playwright (never a downloaded browser). Leaves a screenshot in tests/output/."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect, sync_playwright

from cardkit.paths import ROOT
from cardkit.read.sets import load_set
from tests.helpers import EXAMPLE_SETS, OUTPUT_DIR

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    library = tmp_path_factory.mktemp("content")
    for path in EXAMPLE_SETS:
        shutil.copy(path, library / path.name)
    port = free_port()
    env = {**os.environ, "CARDKIT_CONTENT_DIR": str(library)}
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "designer_app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    message = f"streamlit did not start: {process.stderr.read()}"
                    raise RuntimeError(message) from None
                time.sleep(0.3)
        yield url, library
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser_page(server) -> Iterator[Page]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: make test installs it as root"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(
            viewport={"width": 1400, "height": 1000}, accept_downloads=True
        )
        page = context.new_page()
        page.goto(server[0])
        yield page
        context.close()
        browser.close()


def front_preview(page: Page):
    return page.locator('[data-testid="stImage"] img').first


def test_type_a_question_and_see_the_preview_change(browser_page: Page) -> None:
    page = browser_page
    expect(front_preview(page)).to_be_visible(timeout=30_000)
    before = front_preview(page).get_attribute("src")
    question = page.get_by_label("Vraag", exact=True)
    question.fill("Wat heb jij vandaag van een bewoner geleerd?")
    question.press("Control+Enter")
    expect(front_preview(page)).not_to_have_attribute("src", before, timeout=30_000)
    expect(page.get_by_text("Niet-opgeslagen wijzigingen").first).to_be_visible()
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT_DIR / "designer.png", full_page=True)


def test_download_the_card_as_png(browser_page: Page, tmp_path: Path) -> None:
    page = browser_page
    page.get_by_role("tab", name="Downloaden").click()
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Voorkant als PNG (printkwaliteit)").click()
    target = tmp_path / "card.png"
    download.value.save_as(target)
    with Image.open(io.BytesIO(target.read_bytes())) as image:
        assert image.format == "PNG"
        assert image.size == (1311, 1819)  # A6 plus 3 mm bleed at 300 dpi
    page.get_by_role("tab", name="Kaartjes maken").click()


def focused_label(page: Page) -> str | None:
    return page.evaluate(
        "document.activeElement && (document.activeElement.getAttribute('aria-label')"
        " || document.activeElement.innerText)"
    )


def tab_to(page: Page, label: str, key: str = "Tab", limit: int = 150) -> None:
    """Press Tab (or Shift+Tab) until the element named `label` has the focus."""
    for _ in range(limit):
        page.keyboard.press(key)
        if (focused_label(page) or "").strip() == label:
            return
    pytest.fail(f"{label!r} cannot be reached with {key}")


def test_keyboard_alone_edits_and_saves(browser_page: Page, server) -> None:
    page = browser_page
    _, library = server
    moment = "Moment: wanneer pak je dit kaartje erbij?"
    tab_to(page, moment)
    page.keyboard.press("Control+a")
    page.keyboard.type("bij de koffie")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Niet-opgeslagen wijzigingen").first).to_be_visible(timeout=30_000)
    tab_to(page, "Opslaan", key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Alles opgeslagen").first).to_be_visible(timeout=30_000)
    saved = load_set(library / "gelijkwaardig-samenwerken.yaml").cards[0]
    assert saved.moment == "bij de koffie"
    assert saved.question == "Wat heb jij vandaag van een bewoner geleerd?"
