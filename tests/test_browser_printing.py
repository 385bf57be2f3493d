"""The Printen tab in a real browser: "Thuis printen" puts four A6 cards on an A4 sheet,
and the test sheet offered beside the sheets has their orientation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser import (
    WAIT,
    accessibility_problems,
    chromium,
    designer,
    fill_library,
    open_page,
    settled,
)
from tests.helpers import OUTPUT_DIR


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    library = fill_library(tmp_path_factory.mktemp("content"))
    with designer(library) as url, chromium() as browser:
        yield open_page(browser, url)


def download(page: Page, button: str, target: Path) -> PdfReader:
    with page.expect_download(timeout=WAIT) as started:
        page.get_by_role("button", name=button, exact=True).click()
    started.value.save_as(target)
    return PdfReader(target)


def landscape(reader: PdfReader) -> bool:
    box = reader.pages[0].mediabox
    return box.width > box.height


def test_home_printing_and_its_test_sheet(page: Page, tmp_path: Path) -> None:
    page.get_by_role("tab", name="Printen").click()
    panel = page.get_by_role("tabpanel", name="Printen")
    expect(panel.get_by_text("2 kaartjes per vel A4 (liggend, 2 x 1)")).to_be_visible(timeout=WAIT)
    panel.get_by_text("Ja, omslaan via de lange zijde").click()
    # The office sheets are landscape: the tab says which flip turns them like a page,
    # and the test sheet it offers is landscape too.
    expect(panel.get_by_text("Deze vellen zijn liggend")).to_be_visible(timeout=WAIT)
    expect(panel.get_by_text("‘omslaan via de korte zijde’").first).to_be_visible()
    settled(page)
    assert landscape(download(page, "Download het testvel voor deze vellen", tmp_path / "a.pdf"))

    panel.get_by_text("Thuis printen", exact=True).click()
    info = "4 kaartjes per vel A4 (staand, 2 x 2, kaartjes op 95 %) · 3 vellen papier"
    expect(panel.get_by_text(info)).to_be_visible(timeout=WAIT)
    expect(panel.get_by_text("Snijtekens (voor een snijmachine)")).to_have_count(0)
    expect(panel.get_by_text("Deze vellen zijn staand")).to_be_visible()
    settled(page)
    test_sheet = download(page, "Download het testvel voor deze vellen", tmp_path / "b.pdf")
    assert not landscape(test_sheet)
    assert "voor vellen A4 staand, omslaan via de lange zijde" in test_sheet.pages[0].extract_text()

    page.get_by_role("button", name="Maak de print-pdf", exact=True).click()
    sheets = download(page, "Download de print-pdf", tmp_path / "thuis.pdf")
    assert len(sheets.pages) == 6  # 10 cards, 4 to a sheet: 3 sheets, front and back
    assert not landscape(sheets)
    assert "kaartjes op 95 %" in sheets.pages[0].extract_text()
    expect(panel.locator('[data-testid="stImage"] img').first).to_be_visible(timeout=WAIT)
    settled(page)
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT_DIR / "designer-thuis-printen.png", full_page=True)
    assert accessibility_problems(page) == []


def test_home_printing_with_the_keyboard_alone(page: Page) -> None:
    toggle = page.get_by_label("Thuis printen", exact=True)
    toggle.focus()
    was = toggle.is_checked()
    page.keyboard.press("Space")
    expect(toggle).to_be_checked(checked=not was, timeout=WAIT)
    settled(page)
