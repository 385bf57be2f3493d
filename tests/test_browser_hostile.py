"""Text from people stays text: a set whose title is Markdown, HTML and maths, walked through
every place the designer shows a title, a file name or a cell, in Chromium. No link to the
phishing address appears, no image is fetched, nothing is set in bold, red or maths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from cardkit.read.sets import load_set
from tests.browser import (
    WAIT,
    chromium,
    click,
    commit,
    delete_open_set,
    designer,
    fill_library,
    free_port,
    open_details,
    open_page,
    settled,
)

PHISH = "[klik hier](https://evil.example/phish)"
BEACON_PORT = free_port()  # nothing listens: a request shows in the browser all the same
BEACON = f"![x](http://127.0.0.1:{BEACON_PORT}/t.png)"
HOSTILE = f"{PHISH} {BEACON} **vet** :red[rood] $x^2$ <b>html</b> :material/home:"
SHOWN = "[klik hier](https:"  # the start of the title, shown as typed


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    library = fill_library(tmp_path / "library")
    card_set = {
        "title": HOSTILE,
        "layout": "a6",
        "cards": [{"kind": "denk", "question": f"Wat zie je hier? {PHISH}"}],
    }
    text = yaml.safe_dump(card_set, allow_unicode=True)
    (library / "vijandig.yaml").write_text(text, encoding="utf-8")
    with designer(library) as url:
        yield url, library


class Watch:
    """What the page asked for, from the moment it opened."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))

    def nothing_became_markup(self, where: str) -> None:
        settled(self.page)
        page = self.page
        links = page.locator(f'a[href*="evil.example"], a[href*=":{BEACON_PORT}"]')
        assert links.count() == 0, where
        assert page.locator('img[src*="t.png"]').count() == 0, where
        assert not [url for url in self.requests if f":{BEACON_PORT}" in url], where
        assert page.locator("strong", has_text="vet").count() == 0, where
        assert page.locator("b", has_text="html").count() == 0, where
        assert page.locator(".katex").count() == 0, where
        assert page.locator('[data-testid="stIconMaterial"]', has_text="home").count() == 0, where


def choose_in_sidebar(page: Page, option: str) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label("Kies een set").click()
    page.get_by_role("option", name=option).click()
    settled(page)


def test_a_hostile_title_stays_text_everywhere(hostile, browser: Browser, tmp_path) -> None:
    url, library = hostile
    page = open_page(browser, f"{url}/?set=vijandig")
    watch = Watch(page)
    page.reload()
    settled(page)

    # The heading, the card list and the preview's description.
    expect(page.get_by_role("heading", name=SHOWN).first).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("**vet** :red[rood] $x^2$ <b>html</b>").first).to_be_visible()
    watch.nothing_became_markup("heading")

    # The note of unsaved edits in the sidebar, and the flash after a rename.
    commit(page, "Vraag", "Een nieuwe vraag?")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text(SHOWN)).to_be_visible(timeout=WAIT)
    watch.nothing_became_markup("unsaved note")
    click(page, "Opslaan")
    open_details(page)
    page.get_by_label("Nieuwe naam voor de set").fill(f"{HOSTILE} twee")
    click(page, "Wijzig de naam en bewaar")
    expect(page.get_by_text("De set heet nu").first).to_be_visible(timeout=WAIT)
    watch.nothing_became_markup("rename message")

    # The copy choices of a new set.
    choose_in_sidebar(page, "＋ Nieuwe set…")
    expect(sidebar.get_by_text(f"Een kopie van “{SHOWN}").first).to_be_visible(timeout=WAIT)
    watch.nothing_became_markup("copy choices")

    # The delete confirmation, the message after it, and the restore button.
    choose_in_sidebar(page, f"{HOSTILE} twee")
    open_details(page)
    expect(page.get_by_text(f"Ja, verwijder “{SHOWN}")).to_be_visible(timeout=WAIT)
    watch.nothing_became_markup("delete confirmation")
    delete_open_set(page)
    watch.nothing_became_markup("delete message")
    sidebar.get_by_text("Verwijderde sets", exact=True).click()
    restore = sidebar.get_by_role("button", name=f"Zet “{SHOWN}")
    expect(restore).to_be_visible(timeout=WAIT)
    watch.nothing_became_markup("restore button")
    restore.click()
    expect(page.get_by_text("is teruggezet").first).to_be_visible(timeout=WAIT)
    watch.nothing_became_markup("restore message")

    # An uploaded set's summary, and a broken upload's file name in its message.
    upload = tmp_path / "upload.yaml"
    upload.write_text(yaml.safe_dump({"title": HOSTILE, "layout": "a7", "cards": []}))
    sidebar.get_by_text("Set uploaden (YAML)", exact=True).click()
    sidebar.locator('input[type="file"]').set_input_files(upload)
    expect(sidebar.get_by_text(f"“{SHOWN}").first).to_be_visible(timeout=WAIT)
    watch.nothing_became_markup("upload summary")
    broken = tmp_path / "[klik](www.evil.example) **vet**.yaml"
    broken.write_text("title: [kapot\n")
    sidebar.locator('input[type="file"]').set_input_files(broken)
    expect(sidebar.get_by_text("kan niet gebruikt worden").first).to_be_visible(timeout=WAIT)
    watch.nothing_became_markup("upload message")

    # Import: cells in the notes and in the rows that are skipped.
    page.get_by_role("tab", name="Importeren").click()
    pasted = f"soort;vraag\n{PHISH};{BEACON}\ndenk;{HOSTILE}\n"
    box = page.get_by_label("Of plak hier rijen uit een spreadsheet (met de koppen)")
    box.fill(pasted)
    box.press("Control+Enter")
    expect(page.get_by_text("Deze rijen worden overgeslagen").first).to_be_visible(timeout=WAIT)
    watch.nothing_became_markup("import problems")

    # And the library kept the title exactly as typed.
    titles = {load_set(path).title for path in library.glob("*.yaml")}
    assert f"{HOSTILE} twee" in titles
