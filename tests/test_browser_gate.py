"""Signing in and out as people do it, in Chromium, on two designer processes that share one
library and one secrets file (as behind the proxy), against a real OpenID Connect
provider: "Uitloggen" ends every copy of the cookie on both processes, in pages that are
already open too; leaving the teams file ends a person's team access at their next step;
a broken teams file keeps the last good one; a shared set link survives the sign-in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from cardkit.library.folder import FolderStore
from cardkit.model import Card, CardSet
from cardkit.paths import ROOT
from tests.browser import (
    WAIT,
    chromium,
    fill_library,
    free_port,
    free_ports,
    oidc_provider,
    settled,
    sign_in,
    sign_in_secrets,
)
from tests.helpers import TEAMS_FILE
from tests.test_browser_proxy import wait_for_line

NOORD = "Buurtoverleg Noord"
ZUID = "Huisbezoeken Zuid"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture(autouse=True)
def close_pages(browser: Browser) -> Iterator[None]:
    yield
    for context in browser.contexts:
        context.close()


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """Two designer processes behind HAProxy (scripts/serve.py, what `make serve` runs)
    on one shared library folder: (address, provider, teams file)."""
    folder = tmp_path_factory.mktemp("gate-browser")
    library = fill_library(folder / "library")
    store = FolderStore(library)
    store.create(CardSet(NOORD, "a6", (Card("denk", "Een vraag van Noord?"),)), "noord")
    store.create(CardSet(ZUID, "a6", (Card("denk", "Een vraag van Zuid?"),)), "zuid")
    teams = folder / "teams.yaml"
    teams.write_text(TEAMS_FILE, encoding="utf-8")
    port = free_port()
    environment = {**os.environ, "CARDKIT_CONTENT_DIR": str(library), "CARDKIT_TEAMS": str(teams)}
    with oidc_provider() as issuer:
        secrets = sign_in_secrets(folder, port, issuer)
        command = [sys.executable, str(ROOT / "scripts" / "serve.py"), "--processes", "2"]
        command += [
            "--port",
            str(port),
            "--first-port",
            str(free_ports(2)),
            "--secrets",
            str(secrets),
        ]
        output = folder / "serve.log"
        with output.open("w") as log:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_for_line(output, "cardkit: http", process)
            yield f"http://127.0.0.1:{port}", issuer, teams
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


@pytest.fixture
def teams_file(two) -> Iterator[Path]:
    """The teams file, put back as it was after the test."""
    teams = two[2]
    yield teams
    teams.write_text(TEAMS_FILE, encoding="utf-8")


def copy_of(browser: Browser, page: Page, url: str) -> Page:
    """Another browser with the cookies of `page` copied into it (what a thief does), sent
    by the proxy to the other designer process, at `url`."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    cookies = page.context.cookies()
    for cookie in cookies:
        if cookie["name"] == "cardkit_server":
            cookie["value"] = {"d1": "d2", "d2": "d1"}[cookie["value"]]
    assert any(cookie["name"] == "cardkit_server" for cookie in cookies)
    context.add_cookies(cookies)
    thief = context.new_page()
    thief.goto(url)
    return thief


def shows_set(page: Page, title: str) -> None:
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=WAIT)
    settled(page)


def test_a_shared_set_link_opens_that_set_after_signing_in(two, browser: Browser) -> None:
    """Alice works in Noord and Zuid; without the link she would land in Noord."""
    url, issuer, _ = two
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_cookies([{"name": "person", "value": "alice%40example.org", "url": issuer}])
    page = context.new_page()
    page.goto(f"{url}/?set=zuid/huisbezoeken-zuid")
    assert ZUID not in page.locator("body").inner_text()  # not before signing in
    page.get_by_role("button", name="Inloggen", exact=True).click()
    shows_set(page, ZUID)
    expect(page.locator('[data-testid="stSidebar"]').get_by_label("Team")).to_have_value(
        "Wijkteam Zuid"
    )


def test_sign_out_ends_every_copy_of_the_cookie_on_both_processes(two, browser) -> None:
    url, issuer, _ = two
    page = sign_in(browser, url, issuer, "alice@example.org", "Alice")
    thief = copy_of(browser, page, f"{url}/?set=noord/buurtoverleg-noord")
    shows_set(thief, NOORD)  # the copied cookie works on the other process
    page.get_by_role("button", name="Uitloggen", exact=True).click()
    expect(page.get_by_text("Je bent uitgelogd.")).to_be_visible(timeout=WAIT)
    # The thief's page is still open: its next step shows the sign-in, not the set.
    commit_anything(thief)
    expect(thief.get_by_text("Je bent uitgelogd.")).to_be_visible(timeout=WAIT)
    expect(thief.get_by_role("heading", name=NOORD)).to_have_count(0)
    for open_page in (thief, page):  # on either process
        open_page.goto(f"{url}/?set=noord/buurtoverleg-noord")
        expect(open_page.get_by_role("button", name="Inloggen", exact=True)).to_be_visible()
        assert NOORD not in open_page.locator("body").inner_text()


def commit_anything(page: Page) -> None:
    """An edit, as a person makes it (the page asks the server for a rerun)."""
    box = page.get_by_label("Vraag", exact=True)
    box.fill("Nog een vraag?")
    box.press("Control+Enter")


def test_leaving_the_teams_file_ends_team_access_at_the_next_step(
    two, browser, teams_file: Path
) -> None:
    """Dave is in Noord by its domain rule; the admin excludes him by name, and both his
    own page and a copy of his cookie on the other process lose Noord at their next step."""
    url, issuer, _ = two
    page = sign_in(browser, url, issuer, "dave@noord.example.org", "Dave")
    page.goto(f"{url}/?set=noord/buurtoverleg-noord")
    shows_set(page, NOORD)
    copy = copy_of(browser, page, f"{url}/?set=noord/buurtoverleg-noord")
    shows_set(copy, NOORD)
    rule = 'members: [alice@example.org, "*@noord.example.org"]'
    assert rule in TEAMS_FILE
    teams_file.write_text(
        TEAMS_FILE.replace(rule, rule + "\n    excluded: [dave@noord.example.org]"),
        encoding="utf-8",
    )
    for open_page in (page, copy):
        commit_anything(open_page)
        notice = open_page.get_by_text("je hoort (nog) bij geen team")
        expect(notice.first).to_be_visible(timeout=WAIT)
        expect(open_page.get_by_role("heading", name=NOORD)).to_have_count(0)


def test_a_broken_teams_file_keeps_the_last_good_one(two, browser, teams_file: Path) -> None:
    url, issuer, _ = two
    admin = sign_in(browser, url, issuer, "coordinator@example.org", "Coördinator")
    teams_file.write_text(TEAMS_FILE + "  kapot: [\n", encoding="utf-8")
    member = sign_in(browser, url, issuer, "carol@example.org", "Carol")
    text = member.locator("body").inner_text()
    assert "geen team" not in text and str(teams_file.parent) not in text
    admin.reload()
    settled(admin)
    warning = admin.get_by_text("Het teambestand is veranderd, maar kan niet gelezen worden")
    expect(warning).to_be_visible(timeout=WAIT)
    assert "teams.yaml" in admin.locator("body").inner_text()
    assert str(teams_file.parent) not in admin.locator("body").inner_text()
