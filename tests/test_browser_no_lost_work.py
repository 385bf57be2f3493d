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
    card_in_list,
    chromium,
    click,
    commit,
    delete_open_set,
    designer,
    field,
    fill_library,
    open_card,
    open_details,
    open_page,
    question_field,
)
from tests.helpers import OUTPUT_DIR

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


@pytest.fixture(autouse=True)
def pages_left_behind(request: pytest.FixtureRequest, browser: Browser) -> Iterator[None]:
    """When a flow fails, a screenshot of every page it had open lands in tests/output/;
    then the pages close, so the next flow starts alone."""
    yield
    report = getattr(request.node, "report_call", None)
    for number, context in enumerate(browser.contexts):
        for index, page in enumerate(context.pages):
            if report is not None and report.failed:
                OUTPUT_DIR.mkdir(exist_ok=True)
                page.screenshot(path=OUTPUT_DIR / f"{request.node.name}-{number}-{index}.png")
        context.close()


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
    open_card(page, 5)
    page.wait_for_url("**kaart=5**", timeout=WAIT)
    page.reload()
    expect(page.get_by_role("heading", name="Kaartje 5 bewerken")).to_be_visible(timeout=WAIT)
    assert "set=werkplaten" in page.url


def test_the_sidebar_marks_sets_with_unsaved_edits(site, browser) -> None:
    url, _ = site
    page = open_page(browser, url)
    sidebar = page.locator('[data-testid="stSidebar"]')
    note = "● Niet-opgeslagen wijzigingen in: “Gelijkwaardig samenwerken”"
    commit(page, "Vraag", "Nog niet opgeslagen?")
    expect(sidebar.get_by_text(note)).to_be_visible(timeout=WAIT)
    # Another set, then a card: the choice of set holds (its label never changes).
    open_card(page, 3)
    assert not [text for text in alerts(page) if "kan niet geopend worden" in text]
    click(page, "Opslaan")
    expect(page.get_by_text("Alles opgeslagen").first).to_be_visible(timeout=WAIT)
    expect(sidebar.get_by_text("Niet-opgeslagen wijzigingen in")).to_have_count(0)


def test_the_unsaved_marks_follow_each_edit_and_save(site, browser) -> None:
    """The first edit of a set reruns only the card editor, which marks the set unsaved
    itself: under its title and in the sidebar's note, beside another set's edits."""
    url, _ = site
    page = open_page(browser, url)
    sidebar = page.locator('[data-testid="stSidebar"]')
    first, second = "“Gelijkwaardig samenwerken”", "“Werkplaten: samen de diepte in”"
    commit(page, "Vraag", "Wat merk jij van de eerste wijziging?")
    expect(sidebar.get_by_text(f"● Niet-opgeslagen wijzigingen in: {first}")).to_be_visible(
        timeout=WAIT
    )
    page.get_by_label("Kies een set").click()
    page.get_by_role("option", name="Werkplaten: samen de diepte in").click()
    expect(page.get_by_role("heading", name="Werkplaten: samen de diepte in")).to_be_visible(
        timeout=WAIT
    )
    expect(page.get_by_text("Alles opgeslagen")).to_be_visible(timeout=WAIT)
    both = sidebar.get_by_text(f"● Niet-opgeslagen wijzigingen in: {first}, {second}")
    for round in range(2):  # before the first save and after it
        commit(page, "Vraag", f"Wat merk jij van wijziging {round + 2}?")
        expect(page.get_by_text("● Niet-opgeslagen wijzigingen", exact=True)).to_be_visible()
        expect(both).to_be_visible(timeout=WAIT)
        click(page, "Opslaan")
        expect(page.get_by_text("Alles opgeslagen")).to_be_visible(timeout=WAIT)
        expect(sidebar.get_by_text(f"● Niet-opgeslagen wijzigingen in: {first}")).to_be_visible()
        expect(page.get_by_text("● Niet-opgeslagen wijzigingen", exact=True)).to_have_count(0)


def test_the_back_button_goes_back_to_the_card_before(site, browser) -> None:
    url, _ = site
    page = open_page(browser, url)
    for number in (3, 5):
        open_card(page, number)
        page.wait_for_url(f"**kaart={number}**", timeout=WAIT)
    page.go_back()
    expect(page.get_by_role("heading", name="Kaartje 3 bewerken")).to_be_visible(timeout=WAIT)
    page.wait_for_timeout(1500)  # the address stays where the browser went
    assert "kaart=3" in page.url


def test_two_tabs_of_one_browser_keep_their_own_edits(site, browser) -> None:
    url, library = site
    first = open_page(browser, url)
    second = first.context.new_page()
    second.goto(url)
    expect(question_field(second)).to_be_visible(timeout=WAIT)
    commit(first, "Vraag", "Uit het eerste venster?")
    commit(second, "Toelichting", "Uit het tweede venster.")
    click(first, "Opslaan")
    expect(first.get_by_text("Alles opgeslagen").first).to_be_visible(timeout=WAIT)
    click(second, "Opslaan")  # the first tab saved meanwhile: refused, and said so
    expect(second.get_by_text("in een ander venster").first).to_be_visible(timeout=WAIT)
    second.reload()  # the edits of the second tab are not lost by the first tab's save
    expect(field(second, "Toelichting")).to_have_value("Uit het tweede venster.", timeout=WAIT)
    assert stored(library).cards[0].question == "Uit het eerste venster?"


def test_edits_on_a_set_renamed_while_you_were_away_come_back(site, browser) -> None:
    url, library = site
    mine = open_page(browser, f"{url}/?set={SET}&kaart=1")
    commit(mine, "Vraag", "Mijn vraag van voor de nieuwe naam?")
    mine.close()
    theirs = open_page(browser, url)
    open_details(theirs)
    field(theirs, "Nieuwe naam voor de set").fill("Hun nieuwe naam")
    click(theirs, "Wijzig de naam en bewaar")
    expect(theirs.get_by_text("De set heet nu").first).to_be_visible(timeout=WAIT)
    again = mine.context.new_page()
    again.goto(f"{url}/?set={SET}&kaart=1")  # the old address
    expect(again.get_by_text("Deze set heet nu “Hun nieuwe naam”").first).to_be_visible(
        timeout=WAIT
    )
    expect(question_field(again)).to_have_value("Mijn vraag van voor de nieuwe naam?")
    click(again, "Opslaan")
    click(again, "Opslaan als kopie")
    expect(again.get_by_text("Jouw versie is bewaard als kopie").first).to_be_visible(timeout=WAIT)
    [copy] = library.glob("*-kopie*.yaml")
    assert load_set(copy).cards[0].question == "Mijn vraag van voor de nieuwe naam?"


def test_edits_on_a_set_deleted_while_you_were_away_can_be_kept(site, browser) -> None:
    url, library = site
    mine = open_page(browser, url)
    commit(mine, "Vraag", "Mijn vraag van voor het verwijderen?")
    context = mine.context
    mine.close()
    theirs = open_page(browser, url)
    delete_open_set(theirs)
    again = context.new_page()
    again.goto(url)
    sidebar = again.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("Niet-opgeslagen wijzigingen zonder set")).to_be_visible(
        timeout=WAIT
    )
    sidebar.get_by_role("button", name="Bewaar als nieuwe set").click()
    expect(again.get_by_text("Je wijzigingen zijn bewaard als de set").first).to_be_visible(
        timeout=WAIT
    )
    assert stored(library).cards[0].question == "Mijn vraag van voor het verwijderen?"


def test_closing_the_tab_with_unsaved_edits_asks_first(site, browser) -> None:
    url, _ = site
    page = open_page(browser, url)
    commit(page, "Vraag", "Zo meteen gesloten?")
    # The edit reran the card editor only: it tells the page's guard itself.
    page.wait_for_function("window.cardkitUnsaved === true", timeout=WAIT)
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
        delete_open_set(theirs)
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
    expect(card_in_list(page, 10)).to_be_visible(timeout=WAIT)
    expect(card_in_list(page, 11)).to_have_count(0)


def test_a_long_paste_with_blank_rows_imports_every_question(site, browser) -> None:
    url, _ = site
    page = open_page(browser, url)
    rows = "vraag;soort\n" + "\n" * 1500 + "Staat deze vraag na de lege rijen er ook bij?;denk\n"
    paste_rows(page, rows)
    expect(page.get_by_role("button", name="Importeer 1 kaartje")).to_be_visible(timeout=WAIT)
    assert not [text for text in alerts(page) if "overgeslagen" in text or "Rij" in text]
    click(page, "Importeer 1 kaartje")
    expect(page.get_by_text("1 kaartje geïmporteerd").first).to_be_visible(timeout=WAIT)
    page.get_by_role("tab", name="Kaartjes maken").click()
    expect(question_field(page)).to_have_value(
        "Staat deze vraag na de lege rijen er ook bij?", timeout=WAIT
    )


# --- limits and exports ----------------------------------------------------------------------


def test_the_set_details_stay_open_when_a_message_appears(site, browser) -> None:
    url, _ = site
    page = open_page(browser, url)
    open_details(page)
    commit(page, "Vraag", "Een vraag die meteen wordt opgeslagen?")
    click(page, "Opslaan")
    expect(page.get_by_text("Opgeslagen.").first).to_be_visible(timeout=WAIT)
    expect(field(page, "Nieuwe naam voor de set")).to_be_visible()  # still open
    page.get_by_text("definitief").click()
    expect(page.get_by_role("checkbox", name="definitief")).to_be_checked(timeout=WAIT)
    expect(field(page, "Nieuwe naam voor de set")).to_be_visible()


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
    # Downloaded, the ZIP leaves the server's memory: the page offers to make it again.
    expect(page.get_by_role("button", name="Maak een ZIP met alle kaartjes (PNG)")).to_be_visible(
        timeout=WAIT
    )
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        assert "card-01.png" in archive.namelist()
