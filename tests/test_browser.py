"""The designer in a real browser: preview, download and the keyboard alone. Leaves a
screenshot in tests/output/."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from cardkit.read.sets import load_set
from tests.browser import (
    FIELD_LABELS,
    accessibility_problems,
    card_in_list,
    chromium,
    commit,
    designer,
    field,
    fill_library,
    open_card,
    open_page,
    question_field,
    settled,
)
from tests.helpers import OUTPUT_DIR


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    library = fill_library(tmp_path_factory.mktemp("content"))
    with designer(library) as url:
        yield url, library


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def browser_page(server, browser: Browser) -> Page:
    return open_page(browser, server[0])


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
    # A screen reader reads the card itself: the picture's alt text is the card's text.
    expect(front_preview(page)).to_have_attribute(
        "alt",
        re.compile(r"^Kaartje 1, Denkkaartje: .*Wat heb jij vandaag van een bewoner geleerd\?"),
    )
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


@pytest.mark.parametrize(
    "tab", ["Kaartjes maken", "Overzicht", "Importeren", "Downloaden", "Printen"]
)
def test_every_tab_passes_axe(browser_page: Page, tab: str) -> None:
    """No serious or critical finding from axe-core in Chromium, tab by tab (a caption in
    Streamlit's default grey, or a picture without alt text, would be one)."""
    page = browser_page
    page.get_by_role("tab", name=tab).click()
    panel = page.get_by_role("tabpanel", name=tab)
    expect(panel).to_be_visible(timeout=30_000)
    if tab in ("Kaartjes maken", "Overzicht", "Printen"):  # their pictures, once drawn
        expect(panel.locator('[data-testid="stImage"] img').first).to_be_visible(timeout=30_000)
    settled(page)
    assert accessibility_problems(page) == []


def test_a_rare_word_in_the_title_gets_a_tip_beside_the_title(browser_page: Page) -> None:
    """The writing aid speaks beside every field, the title too: a word from the layout's
    jargon list gets its plainer word, a rare word it was never told about a tip of its
    own; both go once the title is plain again."""
    page = browser_page
    page.get_by_role("tab", name="Kaartjes maken").click()
    settled(page)
    title = FIELD_LABELS["title"]
    commit(page, title, "Casus en multiproblematiek")
    jargon = page.get_by_text("Tip: “casus” is vakjargon; eenvoudiger: “situatie”")
    rare = page.get_by_text("Tip: “multiproblematiek” is geen alledaags woord")
    expect(jargon).to_be_visible(timeout=30_000)
    expect(rare).to_be_visible()
    # Beside the title: below its field and above the question's.
    title_box = field(page, title).bounding_box()
    question_box = question_field(page).bounding_box()
    for tip in (jargon, rare):
        tip_box = tip.bounding_box()
        assert title_box["y"] < tip_box["y"] < question_box["y"]
    settled(page)
    assert accessibility_problems(page) == []
    commit(page, title, "Samen zoeken")
    expect(page.get_by_text("multiproblematiek")).to_have_count(0, timeout=30_000)
    expect(page.get_by_text("Tip:")).to_have_count(0)


def test_the_card_list_answers_the_keyboard_and_follows_edits(server, browser: Browser) -> None:
    """The list "Alle kaartjes" is one radio group: Tab reaches it once, the arrow keys open
    the next card, and an edited question shows in the list with its card still chosen."""
    page = open_page(browser, server[0])
    expect(card_in_list(page, 1)).to_be_checked(timeout=30_000)
    in_the_list = (
        "document.activeElement.type === 'radio' && document.activeElement"
        ".closest('[role=radiogroup]').innerText.includes('1. Denkkaartje ·')"
    )
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate(in_the_list):
            break
    else:
        pytest.fail("the card list cannot be reached with Tab")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("heading", name="Kaartje 2 bewerken")).to_be_visible(timeout=30_000)
    expect(card_in_list(page, 2)).to_be_checked()
    commit(page, FIELD_LABELS["question"], "Wat neem je mee uit dit gesprek?")
    edited = card_in_list(page, 2)
    expect(edited).to_have_accessible_name(
        "2. Denkkaartje · Wat neem je mee uit dit gesprek?", timeout=30_000
    )
    expect(edited).to_be_checked()
    assert page.get_by_role("heading", name="Kaartje 2 bewerken").is_visible()


def test_on_a_phone_a_card_chosen_in_the_list_comes_into_view(server, browser: Browser) -> None:
    """On a narrow screen the list stands below the fields and the preview: a card chosen
    there brings its fields into view, or the choice would seem to do nothing."""
    page = open_page(browser, server[0], width=390, height=844)
    expect(card_in_list(page, 1)).to_be_checked(timeout=30_000)
    open_card(page, 5)
    heading = page.get_by_role("heading", name="Kaartje 5 bewerken")
    expect(heading).to_be_in_viewport(timeout=30_000)
    expect(card_in_list(page, 5)).to_be_checked()
