"""Nothing a person types is lost: the designer in Chromium, typed into and clicked as people
do. Every flow checks the library on disk as well as the page."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from cardkit.read.sets import load_set
from tests.browser import (
    FIELD_LABELS,
    WAIT,
    alerts,
    chromium,
    click,
    commit,
    designer,
    field,
    fill_library,
    open_details,
    open_page,
    question_field,
)

SET = "gelijkwaardig-samenwerken"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    library = tmp_path_factory.mktemp("library")
    with designer(library) as url:
        yield url, library


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def site(served: tuple[str, Path]) -> tuple[str, Path]:
    """The designer with a fresh copy of the example sets for every test."""
    url, library = served
    fill_library(library)
    return url, library


def stored(library: Path, name: str = SET):
    return load_set(library / f"{name}.yaml")


def saved_shows(page: Page) -> None:
    expect(page.get_by_text("Alles opgeslagen").first).to_be_visible(timeout=WAIT)


# --- a button clicked right after typing acts on what was typed ----------------------------


@pytest.mark.parametrize("field_name", ["question", "hint", "moment"])
def test_typed_text_is_saved_when_save_is_clicked_at_once(
    site, browser: Browser, field_name: str
) -> None:
    url, library = site
    page = open_page(browser, url)
    commit(page, FIELD_LABELS["title"], "Eerst een titel")  # an edit made earlier
    field(page, FIELD_LABELS[field_name]).fill("Net getypt, meteen opgeslagen?")
    click(page, "Opslaan")  # no Enter: the click carries the typed text
    saved_shows(page)
    card = stored(library).cards[0]
    assert card.title == "Eerst een titel"
    assert card.text(field_name) == "Net getypt, meteen opgeslagen?"
    assert question_field(page).input_value() == card.question


def test_typed_text_goes_along_with_a_rename(site, browser: Browser) -> None:
    url, library = site
    page = open_page(browser, url)
    open_details(page)
    question_field(page).fill("Getypt vlak voor de nieuwe naam?")
    field(page, "Nieuwe naam voor de set").fill("Samen werken, anders")
    click(page, "Wijzig de naam en bewaar")
    expect(page.get_by_text("De set heet nu").first).to_be_visible(timeout=WAIT)
    assert not (library / f"{SET}.yaml").exists()
    renamed = load_set(library / "samen-werken-anders.yaml")
    assert renamed.title == "Samen werken, anders"
    assert renamed.cards[0].question == "Getypt vlak voor de nieuwe naam?"
    assert "set=samen-werken-anders" in page.url


def test_typed_text_is_in_an_export_made_at_once(site, browser: Browser, tmp_path: Path) -> None:
    url, _ = site
    page = open_page(browser, url)
    question_field(page).fill("Staat deze vraag in de pdf?")
    page.get_by_role("tab", name="Downloaden").click()
    click(page, "Maak een pdf, één kaartje per pagina")
    with page.expect_download(timeout=60_000) as download:
        click(page, "Download een pdf, één kaartje per pagina")
    target = tmp_path / "set.pdf"
    download.value.save_as(target)
    text = PdfReader(target).pages[0].extract_text()
    assert "Staat deze vraag in de pdf?" in text


# --- reloads, the page address, closing the tab --------------------------------------------


def test_an_unsaved_edit_survives_a_reload_and_can_be_thrown_away(site, browser) -> None:
    url, library = site
    page = open_page(browser, url)
    before = stored(library).cards[0].question
    commit(page, "Vraag", "Een vraag die een herlading overleeft?")
    page.reload()
    expect(question_field(page)).to_have_value(
        "Een vraag die een herlading overleeft?", timeout=WAIT
    )
    expect(page.get_by_text("Je hebt niet-opgeslagen wijzigingen van")).to_be_visible()
    expect(page.get_by_text("Niet-opgeslagen wijzigingen").first).to_be_visible()
    assert stored(library).cards[0].question == before  # kept aside, not saved
    click(page, "Weggooien")
    expect(question_field(page)).to_have_value(before, timeout=WAIT)
    expect(page.get_by_text("Alles opgeslagen").first).to_be_visible()
    page.reload()
    expect(question_field(page)).to_have_value(before, timeout=WAIT)
    expect(page.get_by_text("Je hebt niet-opgeslagen wijzigingen van")).to_have_count(0)


def test_a_restored_edit_can_be_saved(site, browser) -> None:
    url, library = site
    page = open_page(browser, url)
    commit(page, "Toelichting", "Bewaard na een herlading.")
    page.reload()
    expect(page.get_by_text("Je hebt niet-opgeslagen wijzigingen van")).to_be_visible(timeout=WAIT)
    click(page, "Verder werken")
    expect(page.get_by_text("Je hebt niet-opgeslagen wijzigingen van")).to_have_count(0)
    click(page, "Opslaan")
    saved_shows(page)
    assert stored(library).cards[0].hint == "Bewaard na een herlading."


def test_the_page_address_opens_the_set_and_the_card(site, browser) -> None:
    url, _ = site
    page = open_page(browser, f"{url}/?set=werkplaten&kaart=3")
    expect(page.get_by_role("heading", name="Werkplaten")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("heading", name="Kaartje 3 bewerken")).to_be_visible()
    page.get_by_role("button", name="5.", exact=False).first.click()
    expect(page.get_by_role("heading", name="Kaartje 5 bewerken")).to_be_visible(timeout=WAIT)
    page.wait_for_url("**kaart=5**", timeout=WAIT)
    page.reload()
    expect(page.get_by_role("heading", name="Kaartje 5 bewerken")).to_be_visible(timeout=WAIT)
    assert "set=werkplaten" in page.url


def test_the_sidebar_marks_sets_with_unsaved_edits(site, browser) -> None:
    url, _ = site
    page = open_page(browser, url)
    commit(page, "Vraag", "Nog niet opgeslagen?")
    chooser = page.locator('[data-testid="stSidebar"]').get_by_role("combobox")
    chooser.click()
    expect(page.get_by_role("option", name="● Gelijkwaardig samenwerken")).to_be_visible()
    expect(page.get_by_role("option", name="Werkplaten: samen de diepte in")).to_be_visible()
    page.keyboard.press("Escape")
    click(page, "Opslaan")
    expect(page.get_by_text("Alles opgeslagen").first).to_be_visible(timeout=WAIT)
    chooser.click()
    expect(page.get_by_role("option", name="Gelijkwaardig samenwerken", exact=True)).to_be_visible()


def test_closing_the_tab_with_unsaved_edits_asks_first(site, browser) -> None:
    url, _ = site
    page = open_page(browser, url)
    commit(page, "Vraag", "Zo meteen gesloten?")
    with page.expect_event("dialog", timeout=WAIT) as asked:
        page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()  # the person stays: the page is still there
    expect(question_field(page)).to_have_value("Zo meteen gesloten?")


# --- a colleague renames or deletes the set you are editing --------------------------------


@pytest.mark.parametrize("what", ["rename", "delete"])
def test_a_colleagues_rename_or_delete_never_strands_your_edits(site, browser, what) -> None:
    url, library = site
    mine = open_page(browser, url)
    commit(mine, "Vraag", "Mijn vraag, nog niet opgeslagen?")
    theirs = open_page(browser, url)
    open_details(theirs)
    if what == "rename":
        field(theirs, "Nieuwe naam voor de set").fill("Hun nieuwe naam")
        click(theirs, "Wijzig de naam en bewaar")
        expect(theirs.get_by_text("De set heet nu").first).to_be_visible(timeout=WAIT)
        news = "hernoemd tot “Hun nieuwe naam”"
    else:
        theirs.get_by_text("definitief").click()
        click(theirs, "Verwijder de set")
        expect(theirs.get_by_text("is verwijderd").first).to_be_visible(timeout=WAIT)
        news = "verwijderd"
    click(mine, "Opslaan")
    expect(mine.get_by_text(news).first).to_be_visible(timeout=WAIT)
    expect(question_field(mine)).to_have_value("Mijn vraag, nog niet opgeslagen?")
    click(mine, "Opslaan als kopie")
    expect(mine.get_by_text("Jouw versie is bewaard als kopie").first).to_be_visible(timeout=WAIT)
    copies = list(library.glob("*-kopie*.yaml"))
    assert len(copies) == 1
    assert load_set(copies[0]).cards[0].question == "Mijn vraag, nog niet opgeslagen?"


def test_a_colleagues_save_is_never_overwritten(site, browser) -> None:
    url, library = site
    mine, theirs = open_page(browser, url), open_page(browser, url)
    commit(theirs, "Vraag", "Hun versie?")
    click(theirs, "Opslaan")
    expect(theirs.get_by_text("Alles opgeslagen").first).to_be_visible(timeout=WAIT)
    question_field(mine).fill("Mijn versie?")
    click(mine, "Opslaan")
    expect(mine.get_by_text("nadat jij hem opende").first).to_be_visible(timeout=WAIT)
    assert stored(library).cards[0].question == "Hun versie?"
    click(mine, "Opslaan als kopie")
    expect(mine.get_by_text("Jouw versie is bewaard als kopie").first).to_be_visible(timeout=WAIT)
    assert load_set(library / f"{SET}-kopie.yaml").cards[0].question == "Mijn versie?"


# --- import ----------------------------------------------------------------------------------


def paste_rows(page: Page, rows: str) -> None:
    page.get_by_role("tab", name="Importeren").click()
    box = page.get_by_label("Of plak hier rijen uit een spreadsheet (met de koppen)")
    box.fill(rows)
    box.press("Control+Enter")


def test_an_import_happens_once_and_can_be_undone(site, browser) -> None:
    url, _ = site
    page = open_page(browser, url)
    paste_rows(page, "vraag\nWat doe je vandaag, en wat morgen?\n")
    click(page, "Importeer 1 kaartje")
    expect(page.get_by_text("1 kaartje geïmporteerd").first).to_be_visible(timeout=WAIT)
    paste_box = page.get_by_label("Of plak hier rijen uit een spreadsheet (met de koppen)")
    expect(paste_box).to_have_value(
        "", timeout=WAIT
    )  # the paste is gone: pressing again adds nothing
    expect(page.get_by_role("button", name="Importeer 1 kaartje")).to_have_count(0)
    page.get_by_role("tab", name="Kaartjes maken").click()
    expect(question_field(page)).to_have_value("Wat doe je vandaag, en wat morgen?", timeout=WAIT)
    expect(page.get_by_role("heading", name="Kaartje 11 bewerken")).to_be_visible()
    page.get_by_role("tab", name="Importeren").click()
    click(page, "Import ongedaan maken")
    expect(page.get_by_text("De import is ongedaan gemaakt").first).to_be_visible(timeout=WAIT)
    page.get_by_role("tab", name="Kaartjes maken").click()
    expect(page.get_by_role("button", name="11.", exact=False)).to_have_count(0)


def test_a_long_paste_with_blank_rows_imports_every_question(site, browser) -> None:
    url, _ = site
    page = open_page(browser, url)
    rows = "vraag;soort\n" + "\n" * 1500 + "Staat deze vraag na de lege rijen er ook bij?;denk\n"
    paste_rows(page, rows)
    expect(page.get_by_role("button", name="Importeer 1 kaartje")).to_be_visible(timeout=WAIT)
    assert not [text for text in alerts(page) if "overgeslagen" in text or "Rij" in text]
    click(page, "Importeer 1 kaartje")
    page.get_by_role("tab", name="Kaartjes maken").click()
    expect(question_field(page)).to_have_value(
        "Staat deze vraag na de lege rijen er ook bij?", timeout=WAIT
    )


# --- limits and exports ----------------------------------------------------------------------


def test_a_title_stops_at_its_limit_in_the_browser(site, browser) -> None:
    url, library = site
    page = open_page(browser, url)
    open_details(page)
    title = field(page, "Titel van de set")
    title.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text("T" * 3000)  # a paste far over the limit is not taken
    expect(title).to_have_value("Gelijkwaardig samenwerken")
    page.keyboard.press("Control+a")
    page.keyboard.type("T" * 210)  # typing stops at the limit
    expect(title).to_have_value("T" * 200)
    title.press("Enter")
    expect(page.get_by_text("Niet-opgeslagen wijzigingen").first).to_be_visible(timeout=WAIT)
    click(page, "Opslaan")
    expect(page.get_by_text("Alles opgeslagen").first).to_be_visible(timeout=WAIT)
    assert stored(library).title == "T" * 200  # and the saved set opens again


def test_downloads_name_the_cards_that_do_not_fit(site, browser, tmp_path) -> None:
    url, _ = site
    page = open_page(browser, url)
    commit(page, "Vraag", "Past deze veel te lange vraag nog op het kaartje? " * 12)
    page.get_by_role("tab", name="Downloaden").click()
    expect(page.get_by_text("Dit kaartje past niet: 1").first).to_be_visible(timeout=WAIT)
    click(page, "Naar kaartje 1")
    expect(page.get_by_role("heading", name="Kaartje 1 bewerken")).to_be_visible(timeout=WAIT)
    page.get_by_role("tab", name="Printen").click()
    expect(page.get_by_text("Dit kaartje past niet: 1").first).to_be_visible(timeout=WAIT)


def test_a_zip_export_holds_what_was_typed(site, browser, tmp_path) -> None:
    url, _ = site
    page = open_page(browser, url)
    commit(page, "Vraag", "Een vraag in de ZIP?")
    page.get_by_role("tab", name="Downloaden").click()
    click(page, "Maak een ZIP met alle kaartjes (PNG)")
    with page.expect_download(timeout=120_000) as download:
        click(page, "Download een ZIP met alle kaartjes (PNG)")
    target = tmp_path / "set.zip"
    download.value.save_as(target)
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        assert "card-01.png" in archive.namelist()
