"""The designer in a real browser, for tests: `streamlit run` on a free port against a library
in a temporary folder, and Debian's Chromium driven by Playwright (never a downloaded
browser). Waits are for states on the page, never fixed sleeps."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Frame, Page, expect, sync_playwright

from cardkit.paths import ROOT
from tests.helpers import EXAMPLE_SETS

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
WAIT = 30_000  # ms: a rerun on a busy two-core machine, with the browser on it too


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def free_ports(count: int) -> int:
    """The first of `count` consecutive free ports (for `make serve --first-port`)."""
    for _ in range(200):
        first = free_port()
        if first + count > 65535:
            continue
        probes = []
        try:
            for port in range(first, first + count):
                probe = socket.socket()
                probes.append(probe)
                probe.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for probe in probes:
                probe.close()
    raise RuntimeError(f"no {count} consecutive free ports")


def fill_library(folder: Path) -> Path:
    """An empty library folder holding copies of the example sets."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for path in EXAMPLE_SETS:
        shutil.copy(path, folder / path.name)
    return folder


@contextlib.contextmanager
def designer(
    library: Path,
    env: dict[str, str] | None = None,
    port: int | None = None,
    secrets: Path | None = None,
) -> Iterator[str]:
    """The designer serving `library` (on `port`, with `secrets` as its secrets.toml when
    given); yields its address."""
    with designer_process(library, env, port, secrets) as (url, _):
        yield url


@contextlib.contextmanager
def designer_process(
    library: Path,
    env: dict[str, str] | None = None,
    port: int | None = None,
    secrets: Path | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """As `designer`, yielding its process too (to measure it, or stop it)."""
    port = port or free_port()
    environment = {**os.environ, "CARDKIT_CONTENT_DIR": str(library), **(env or {})}
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "designer_app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
    ]  # fmt: skip
    if secrets is not None:
        command += ["--secrets.files", str(secrets)]
    # The log goes to a file: a pipe nobody reads would stall the server once it is full.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the designer stops)
    process = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=log
    )
    process.log = log  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)
        log.close()


def server_log(process: subprocess.Popen) -> str:
    """What a designer started by `designer_process` wrote to its log so far."""
    log = getattr(process, "log", None)
    if log is None:
        return process.stderr.read() if process.stderr else ""
    log.seek(0)
    return log.read().decode("utf-8", "replace")


def wait_until_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start: {server_log(process)}") from None
            time.sleep(0.3)


NODE_DIR = ROOT / "tests" / "node"  # npm packages for the tests: the OIDC provider, axe-core


@contextlib.contextmanager
def oidc_provider() -> Iterator[str]:
    """A real OpenID Connect provider (tests/node/provider.mjs); yields its issuer address.
    Who signs in is the browser's cookie `person` on that address (see sign_in)."""
    assert (NODE_DIR / "node_modules").is_dir(), "make test installs the provider (npm ci)"
    port = free_port()
    process = subprocess.Popen(
        ["node", str(NODE_DIR / "provider.mjs"), str(port)],
        cwd=NODE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, issuer = process.stdout.readline().strip().partition(" ")
        assert ready == "ready", process.stderr.read()
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=20)


def sign_in_secrets(folder: Path, designer_port: int, issuer: str) -> Path:
    """The secrets.toml a server admin writes, for the test provider."""
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{designer_port}/oauth2callback"\n'
        f'cookie_secret = "{os.urandom(16).hex()}"\n'
        'client_id = "cardkit"\n'
        'client_secret = "cardkit-test-secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


def sign_in(
    browser: Browser, url: str, issuer: str, email: str, name: str = "", verified: bool = True
) -> Page:
    """A new person at the designer who signs in with the provider as `email` (an address
    the provider says it has not verified, if not `verified`)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    value = urllib.parse.quote(f"{email}|{name or email}" + ("" if verified else "|unverified"))
    context.add_cookies([{"name": "person", "value": value, "url": issuer}])
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("button", name="Uitloggen", exact=True)).to_be_visible(timeout=WAIT)
    settled(page)
    return page


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: make test installs it as root"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Browser, url: str, width: int = 1400, height: int = 1000) -> Page:
    """A new person (a fresh browser profile) on the designer, once its editor shows."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    page.goto(url)
    expect(question_field(page)).to_be_visible(timeout=WAIT)
    settled(page)
    return page


def question_field(page: Page):
    return page.get_by_label("Vraag", exact=True)


def field(page: Page, label: str):
    return page.get_by_label(label, exact=True)


FIELD_LABELS = {
    "question": "Vraag",
    "hint": "Toelichting",
    "moment": "Moment: wanneer pak je dit kaartje erbij?",
    "title": "Titel (boven op het kaartje)",
}


def commit(page: Page, label: str, text: str) -> None:
    """Type `text` into a field and commit it the way people do: Enter, or Ctrl+Enter in a
    text area; then wait until the page shows the edit as unsaved."""
    box = field(page, label)
    box.fill(text)
    box.press("Control+Enter" if label in ("Vraag", "Toelichting") else "Enter")
    expect(page.get_by_text("Niet-opgeslagen wijzigingen").first).to_be_visible(timeout=WAIT)


def settled(page: Page) -> None:
    """Wait until the app is idle: no script run in progress or asked for (Streamlit marks
    its root element with the state of the script run)."""
    idle = page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
    expect(idle).to_have_count(1, timeout=WAIT)


def click(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def card_in_list(page: Page, number: int):
    """Card `number` in the list "Alle kaartjes" (a radio group): "3. Denkkaartje · …"."""
    cards = page.get_by_role("radiogroup", name="Kies een kaartje")
    return cards.get_by_role("radio", name=re.compile(rf"^{number}\. "))


def open_card(page: Page, number: int) -> None:
    """Open card `number` in the editor by clicking it in the list, as a person does."""
    cards = page.get_by_role("radiogroup", name="Kies een kaartje")
    cards.get_by_text(re.compile(rf"^{number}\. ")).click()
    expect(page.get_by_role("heading", name=f"Kaartje {number} bewerken")).to_be_visible(
        timeout=WAIT
    )


def alerts(page: Page) -> list[str]:
    return page.locator('[data-testid="stAlert"]').all_inner_texts()


def open_details(page: Page) -> None:
    """Open the expander "Gegevens van de set" if it is closed."""
    if not page.get_by_label("Nieuwe naam voor de set").is_visible():
        page.get_by_text("Gegevens van de set", exact=True).click()
    expect(page.get_by_label("Nieuwe naam voor de set")).to_be_visible(timeout=WAIT)
    still(page)


def still(page: Page) -> None:
    """Wait until nothing on the page moves: an expander that opens slides its content
    into place, and a click during the slide lands beside what was aimed at."""
    page.wait_for_function(
        "() => document.getAnimations().every((a) => a.playState !== 'running')", timeout=WAIT
    )


def delete_open_set(page: Page) -> None:
    """Tick "Ja, verwijder ... definitief" and press "Verwijder de set", as a person does:
    wait until the tick is shown and the button can be pressed."""
    open_details(page)
    settled(page)
    confirm = page.get_by_role("checkbox", name="definitief")
    page.get_by_text("definitief").click()  # the label, as a person clicks it
    expect(confirm).to_be_checked(timeout=WAIT)
    button = page.get_by_role("button", name="Verwijder de set", exact=True)
    expect(button).to_be_enabled(timeout=WAIT)
    button.click()
    expect(page.get_by_text("is verwijderd").first).to_be_visible(timeout=WAIT)


def accessibility_problems(page: Page | Frame) -> list[str]:
    """axe-core's serious and critical findings on the page (or inside one of its frames)
    as it is now (axe-core from tests/node, installed by `make test`), one line each."""
    page.add_script_tag(path=str(NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{rule['id']} ({rule['impact']}): {node['html'][:120]}"
        for rule in result["violations"]
        if rule["impact"] in ("serious", "critical")
        for node in rule["nodes"]
    ]
