"""The designer page, driven headless with Streamlit's AppTest, on a copy of the library."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from cardkit.deck import open_deck
from cardkit.output.export import png_zip
from cardkit.paths import ROOT
from cardkit.read.sets import load_set
from tests.helpers import EXAMPLE_SETS, shown

APP = str(ROOT / "designer_app.py")
LONG_QUESTION = "Hoe voelt het om afhankelijk te zijn van een professional die je niet kent? " * 14


def start() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception, app.exception
    return app


def preview_urls(app: AppTest) -> list[str]:
    return [image.proto.imgs[0].url for image in app.image[:2]]


def texts(elements) -> list[str]:
    return [shown(element.value) for element in elements]


def card_numbers(app: AppTest) -> list[int]:
    """The numbers the card list shows, as a person reads them ("3. Denkkaartje · …")."""
    return [int(shown(label).split(".")[0]) for label in app.radio(key="card-choice").options]


def selected_card(app: AppTest) -> int | None:
    return app.radio(key="card-choice").value


def pick(app: AppTest, index: int) -> AppTest:
    return app.radio(key="card-choice").set_value(index).run()


def draft_of(app: AppTest):
    return app.session_state["draft"]


def open_tab(app: AppTest, name: str) -> AppTest:
    app.session_state["tab"] = name
    return app.run()


def unsaved(app: AppTest) -> bool:
    return any("Niet-opgeslagen wijzigingen" in text for text in texts(app.markdown))


def choose(app: AppTest, path: Path) -> AppTest:
    return app.selectbox(key="set-choice").set_value(path.stem).run()


def test_the_page_opens_on_a_set_with_its_preview(library: Path) -> None:
    app = start()
    assert shown(app.title[0].value) == "Gelijkwaardig samenwerken"
    assert [image.proto.imgs[0].caption for image in app.image[:2]] == ["Voorkant", "Achterkant"]
    assert len(card_numbers(app)) == 10
    assert app.text_area(key="edit-question").value.startswith("Wanneer was jij zelf")
    assert "Alles opgeslagen" in app.caption[0].value


def test_every_input_has_a_label(library: Path) -> None:
    app = start()
    widgets = [*app.text_input, *app.text_area, *app.selectbox, *app.radio, *app.checkbox]
    assert widgets
    assert all(widget.label.strip() for widget in widgets)
    assert all(button.label.strip() for button in app.button)


def test_the_whole_flow(library: Path) -> None:
    app = start()
    # Create a new, empty set.
    app.selectbox(key="set-choice").set_value("__new__").run()
    app.text_input(key="new-title").set_value("Onze eigen vragen").run()
    app.radio(key="new-source").set_value("").run()
    next(b for b in app.button if b.label == "Maak de set").click().run()
    assert not app.exception
    assert shown(app.title[0].value) == "Onze eigen vragen"
    saved = library / "onze-eigen-vragen.yaml"
    assert saved.exists()

    # Edit the first card: the preview changes.
    before = preview_urls(app)
    app.text_area(key="edit-question").set_value("Wat heb jij nodig om echt te luisteren?").run()
    app.text_input(key="edit-title").set_value("Luisteren").run()
    after = preview_urls(app)
    assert after[0] != before[0]
    assert unsaved(app)

    # Add a second card and make it a doe card.
    app.button(key="card-add").click().run()
    assert len(card_numbers(app)) == 2
    assert app.text_area(key="edit-question").value == ""
    assert "Dit kaartje heeft nog geen vraag." in texts(app.warning)
    app.radio(key="edit-kind").set_value("doe").run()
    app.text_area(key="edit-question").set_value(LONG_QUESTION).run()
    overflow = [e for e in texts(app.error) if e.startswith("De vraag past niet")]
    assert overflow, texts(app.error)
    assert "maak de tekst korter" in overflow[0]
    app.text_area(key="edit-question").set_value("Vraag een collega wat zij anders zou doen.").run()
    assert not [e for e in texts(app.error) if "past niet" in e]

    # Save, then open the set in a fresh session and find the edits.
    app.button(key="save").click().run()
    assert not app.exception
    assert any("Opgeslagen" in message for message in texts(app.success))
    assert "Alles opgeslagen" in texts(app.caption)
    on_disk = load_set(saved)
    assert [card.question for card in on_disk.cards] == [
        "Wat heb jij nodig om echt te luisteren?",
        "Vraag een collega wat zij anders zou doen.",
    ]

    reopened = start()
    choose(reopened, saved)
    assert shown(reopened.title[0].value) == "Onze eigen vragen"
    assert reopened.text_input(key="edit-title").value == "Luisteren"
    pick(reopened, 1)
    assert reopened.radio(key="edit-kind").value == "doe"
    assert reopened.text_area(key="edit-question").value.startswith("Vraag een collega")


def test_new_set_as_a_copy_of_an_example(library: Path) -> None:
    app = start()
    app.selectbox(key="set-choice").set_value("__new__").run()
    app.text_input(key="new-title").set_value("Werkplaten van ons team").run()
    app.radio(key="new-source").set_value("werkplaten").run()
    next(b for b in app.button if b.label == "Maak de set").click().run()
    copy = load_set(library / "werkplaten-van-ons-team.yaml")
    assert copy.title == "Werkplaten van ons team"
    assert copy.cards == load_set(library / "werkplaten.yaml").cards


def test_card_list_actions(library: Path) -> None:
    app = start()
    first = app.text_area(key="edit-question").value
    app.button(key="card-duplicate").click().run()
    assert len(card_numbers(app)) == 11
    assert selected_card(app) == 1
    assert app.text_area(key="edit-question").value == first
    app.button(key="card-down").click().run()
    assert selected_card(app) == 2
    app.button(key="card-up").click().run()
    app.button(key="card-up").click().run()
    assert selected_card(app) == 0
    app.button(key="card-delete").click().run()
    assert len(card_numbers(app)) == 10
    pick(app, 3)
    assert app.subheader[0].value == "Kaartje 4 bewerken"


def test_large_print_and_high_contrast_are_offered_and_explained(library: Path) -> None:
    app = start()
    layout = app.selectbox(key="set-layout")
    assert layout.options == ["A6 staand", "A6 grote letters", "A6 hoog contrast", "A7 staand"]
    assert "**A6 hoog contrast**: A6 staand met donkerdere kleuren" in shown(layout.help)
    assert "**A6 grote letters**: A6 staand met grotere letters" in shown(layout.help)
    layout.set_value("a6-hoog-contrast").run()
    assert not app.exception and not app.error
    assert [image.proto.imgs[0].caption for image in app.image[:2]] == ["Voorkant", "Achterkant"]


def test_a_long_card_list_shows_a_page_at_a_time(library: Path) -> None:
    document = {
        "title": "Veel vragen",
        "layout": "a6",
        "cards": [{"kind": "denk", "question": f"Vraag {n}?"} for n in range(1, 46)],
    }
    (library / "veel.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    app = choose(start(), library / "veel.yaml")
    assert card_numbers(app) == list(range(1, 21))
    app.selectbox(key="list-page-choice").set_value(2).run()
    assert card_numbers(app) == list(range(41, 46))
    assert selected_card(app) is None  # the selected card is on the first page
    pick(app, 42)
    assert app.subheader[0].value == "Kaartje 43 bewerken"
    assert selected_card(app) == 42
    # Typing on a card of the last page keeps that page in view.
    app.text_area(key="edit-question").set_value("Wat leer je ervan?").run()
    assert selected_card(app) == 42
    # A new card comes right after the selected one; the list follows it.
    app.selectbox(key="list-page-choice").set_value(0).run()
    app.button(key="card-add").click().run()
    assert selected_card(app) == 43
    assert len(card_numbers(app)) == 6


def test_a_colleagues_save_is_never_overwritten(library: Path) -> None:
    app = start()
    path = library / "gelijkwaardig-samenwerken.yaml"
    app.text_area(key="edit-question").set_value("Mijn versie van de vraag?").run()
    colleague = yaml.safe_load(path.read_text(encoding="utf-8"))
    colleague["cards"][0]["question"] = "De versie van mijn collega?"
    path.write_text(yaml.safe_dump(colleague, allow_unicode=True), encoding="utf-8")

    app.button(key="save").click().run()
    assert any("nadat jij hem opende" in w for w in texts(app.warning))
    assert load_set(path).cards[0].question == "De versie van mijn collega?"
    app.button(key="save-copy").click().run()
    copy = library / "gelijkwaardig-samenwerken-kopie.yaml"
    assert load_set(copy).cards[0].question == "Mijn versie van de vraag?"
    assert load_set(copy).title == "Gelijkwaardig samenwerken (kopie)"
    assert load_set(path).cards[0].question == "De versie van mijn collega?"


def test_import_a_csv_with_one_bad_row(library: Path) -> None:
    app = open_tab(start(), "Importeren")
    csv = (
        b"soort;titel;vraag;toelichting;moment\n"
        b"denk;Samen;Hoe zoek je samen naar wat nodig is?;;bij een besluit\n"
        b"praat;Fout;Deze rij heeft een onbekende soort.;;\n"
        b"doe;;Vraag een bewoner om mee te denken.;Luister vooral.;\n"
    )
    app.file_uploader(key="import-file-0").set_value(("vragen.csv", csv, "text/csv")).run()
    assert not app.exception
    assert 'Rij 3: onbekende soort "praat"; gebruik denk of doe' in texts(app.error)
    assert len(draft_of(app).card_set.cards) == 10  # nothing changed yet
    assert not draft_of(app).unsaved
    app.button(key="import-go").click().run()
    open_tab(app, "Kaartjes maken")
    assert len(card_numbers(app)) == 12
    assert app.text_area(key="edit-question").value == "Hoe zoek je samen naar wat nodig is?"
    assert unsaved(app)


def test_pasted_rows_from_a_spreadsheet(library: Path) -> None:
    app = open_tab(start(), "Importeren")
    pasted = "vraag\tsoort\nWat vind jij belangrijk?\tdenk\n"
    app.text_area(key="import-text-0").set_value(pasted).run()
    assert "Importeer 1 kaartje" in [b.label for b in app.button]


def test_downloads(library: Path) -> None:
    app = open_tab(start(), "Downloaden")
    labels = [button.proto.label for button in app.get("download_button")]
    assert "Voorkant als PNG (printkwaliteit)" in labels
    assert "Download de set als YAML" in labels
    app.button(key="make-zip").click().run()
    app.button(key="make-pdf").click().run()
    labels = [button.proto.label for button in app.get("download_button")]
    assert "Download een ZIP met alle kaartjes (PNG)" in labels
    assert "Download een pdf, één kaartje per pagina" in labels
    # The ZIP was drawn by worker processes; it is the one a single process makes.
    made = {name: data for name, (_, data) in app.session_state["exports"].items()}
    assert made["zip"] == png_zip(open_deck(library / "gelijkwaardig-samenwerken.yaml"))


def test_a_finished_export_is_dropped_when_the_set_changes(
    library: Path,
) -> None:
    """Three ZIPs of three versions of a set: one is kept, the last (a 1,000-card ZIP
    is large, and a session kept every one of them)."""
    app = open_tab(start(), "Downloaden")
    for round in range(3):
        app.text_input(key="set-title").set_value(f"Gelijkwaardig, versie {round}").run()
        app.button(key="make-zip").click().run()
        assert len(app.session_state["exports"]) == 1
    app.text_input(key="set-title").set_value("Gelijkwaardig, nog een versie").run()
    assert "zip" not in app.session_state["exports"]  # made for an earlier version
    # Once downloaded it goes too: tests/test_browser_no_lost_work.py clicks the download.


def test_rename_and_delete(library: Path) -> None:
    app = start()
    app.text_input(key="rename-title").set_value("Gelijkwaardig, ronde twee").run()
    next(b for b in app.button if b.label == "Wijzig de naam en bewaar").click().run()
    renamed = library / "gelijkwaardig-ronde-twee.yaml"
    assert renamed.exists() and not (library / "gelijkwaardig-samenwerken.yaml").exists()
    assert shown(app.title[0].value) == "Gelijkwaardig, ronde twee"

    delete = next(b for b in app.button if b.label == "Verwijder de set")
    assert delete.disabled
    app.checkbox(key="confirm-delete").check().run()
    next(b for b in app.button if b.label == "Verwijder de set").click().run()
    assert not renamed.exists()
    assert shown(app.title[0].value) == "Werkplaten: samen de diepte in"


def test_upload_a_yaml_set(library: Path) -> None:
    app = start()
    good = b"title: Van een ander team\nlayout: a7\ncards:\n  - kind: doe\n    question: Doe mee.\n"
    app.file_uploader(key="upload-yaml").set_value(("ander.yaml", good, "application/x-yaml")).run()
    next(b for b in app.button if b.label == "Voeg toe aan de bibliotheek").click().run()
    assert (library / "van-een-ander-team.yaml").exists()
    assert shown(app.title[0].value) == "Van een ander team"

    bad = b"title: Kapot\nlayout: a6\ncards:\n  - soort: doe\n"
    app.file_uploader(key="upload-yaml").set_value(("kapot.yaml", bad, "application/x-yaml")).run()
    assert any(
        e.startswith("Dit bestand kan niet gebruikt worden: kapot.yaml: kaart 1: onbekend veld")
        for e in texts(app.error)
    )


def test_a_broken_set_file_gets_a_dutch_message(library: Path) -> None:
    (library / "aaa-kapot.yaml").write_text("title: [kapot\n", encoding="utf-8")
    app = start()
    choose(app, library / "aaa-kapot.yaml")
    assert not app.exception
    assert any("kan niet geopend worden" in e and "regel 2" in e for e in texts(app.error))


def test_print_tab_shows_the_sheet_and_makes_the_pdf(library: Path) -> None:
    app = open_tab(start(), "Printen")
    assert not app.exception
    assert "2 kaartjes per vel A4 (liggend, 2 x 1) · 5 vellen papier" in texts(app.info)[0]
    assert [image.proto.imgs[0].caption for image in app.image] == ["Eerste vel, voorkant"]
    app.radio(key="print-duplex").set_value("long").run()
    assert [image.proto.imgs[0].caption for image in app.image] == [
        "Eerste vel, voorkant",
        "Eerste vel, achterkant",
    ]
    app.selectbox(key="print-paper").set_value("A3").run()
    assert "4 kaartjes per vel A3 (staand, 2 x 2)" in texts(app.info)[0]
    app.button(key="make-sheets").click().run()
    labels = [button.proto.label for button in app.get("download_button")]
    assert "Download de print-pdf" in labels
    assert "Download het testvel voor deze vellen" in labels
    assert "Maak de pdf voor de drukker (CMYK)" in [b.label for b in app.button]


def test_a_logo_upload_lands_on_the_back(library: Path) -> None:
    app = start()
    logo = (ROOT / "tests" / "fixtures" / "sets" / "wijkteam.png").read_bytes()
    app.file_uploader(key="logo-file").set_value(("Logo Team.png", logo, "image/png")).run()
    assert not app.exception
    relative = draft_of(app).card_set.logo
    assert relative.startswith("logos/logo-team-") and relative.endswith(".png")
    assert (library / relative).read_bytes() == logo
    assert unsaved(app)

    app.file_uploader(key="logo-file").set_value(("kapot.png", b"geen plaatje", "image/png")).run()
    assert any(e.startswith("Dit logo kan niet gebruikt worden") for e in texts(app.error))
    assert draft_of(app).card_set.logo == relative  # the good logo stays


def test_share_downloads(library: Path) -> None:
    app = open_tab(start(), "Downloaden")
    app.radio(key="share-preset").set_value("square").run()
    labels = [button.proto.label for button in app.get("download_button")]
    assert "Kaartje 1 om te delen" in labels
    app.button(key="make-bundle").click().run()
    app.button(key="make-email").click().run()
    labels = [button.proto.label for button in app.get("download_button")]
    assert any(label.startswith("Download een deelpakket (ZIP)") for label in labels)
    assert "Download een pdf om te mailen (klein, zonder snijranden)" in labels


def test_a_bad_save_can_be_undone_and_a_deleted_set_brought_back(library: Path) -> None:
    app = start()
    original = app.text_area(key="edit-question").value
    app.text_area(key="edit-question").set_value("Een slechte versie?").run()
    app.button(key="save").click().run()
    assert load_set(library / "gelijkwaardig-samenwerken.yaml").cards[0].question == (
        "Een slechte versie?"
    )
    app.button(key="version-restore").click().run()
    assert app.text_area(key="edit-question").value == original
    assert unsaved(app)
    app.button(key="save").click().run()
    assert load_set(library / "gelijkwaardig-samenwerken.yaml").cards[0].question == original

    app.checkbox(key="confirm-delete").check().run()
    next(b for b in app.button if b.label == "Verwijder de set").click().run()
    assert not (library / "gelijkwaardig-samenwerken.yaml").exists()
    next(b for b in app.button if b.label == "Zet “Gelijkwaardig samenwerken” terug").click().run()
    assert load_set(library / "gelijkwaardig-samenwerken.yaml").cards[0].question == original
    assert shown(app.title[0].value) == "Gelijkwaardig samenwerken"


def test_an_import_never_takes_a_set_past_the_card_limit(library: Path) -> None:
    """900 cards plus 300 imported rows: refused with the limit named, and whatever is
    saved afterwards still opens (it once saved 1,200 cards that no one could open)."""
    big = library / "groot.yaml"
    cards = [{"kind": "denk", "question": f"Vraag {n}?"} for n in range(900)]
    big.write_text(
        yaml.safe_dump({"title": "Groot", "layout": "a6", "cards": cards}), encoding="utf-8"
    )
    app = choose(start(), big)
    open_tab(app, "Importeren")
    rows = "vraag\n" + "".join(f"Nieuwe vraag {n}?\n" for n in range(300))
    app.text_area(key="import-text-0").set_value(rows).run()
    app.radio(key="import-mode").set_value("add").run()
    left_out = "Rijen 102 tot en met 301: niet geïmporteerd: er passen nog 100 kaartjes bij"
    assert any(e.startswith(left_out) for e in texts(app.error)), texts(app.error)
    app.button(key="import-go").click().run()
    assert not app.exception
    assert len(draft_of(app).card_set.cards) == 1000
    app.button(key="save").click().run()
    assert len(load_set(big).cards) == 1000


def test_an_upload_is_read_once_while_it_stays(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large upload costs its reading once, not on every click and keystroke after it."""
    import designer.importer
    import designer.sidebar

    reads: list[str] = []
    for module, name in ((designer.sidebar, "parse_set_text"), (designer.importer, "read_table")):
        original = getattr(module, name)

        def counted(*args, _original=original, _name=name):
            reads.append(_name)
            return _original(*args)

        monkeypatch.setattr(module, name, counted)
    app = start()
    bad = b"title: Kapot\nlayout: a6\ncards:\n  - soort: doe\n"
    app.file_uploader(key="upload-yaml").set_value(("kapot.yaml", bad, "application/x-yaml")).run()
    open_tab(app, "Importeren")
    csv = b"vraag\nHoe gaat het?\n"
    app.file_uploader(key="import-file-0").set_value(("vragen.csv", csv, "text/csv")).run()
    app.radio(key="import-mode").set_value("replace").run()
    app.run()
    assert reads == ["parse_set_text", "read_table"]
    assert any(
        e.startswith("Dit bestand kan niet gebruikt worden: kapot.yaml") for e in texts(app.error)
    )
    assert "Importeer 1 kaartje" in [b.label for b in app.button]


def test_a_full_disk_says_so_and_keeps_what_was_typed(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up between typing and saving: a Dutch message, the set file as it was,
    the edit still on screen; once there is room again, the same button saves it."""
    import errno

    import cardkit.library.atomic

    path = library / "gelijkwaardig-samenwerken.yaml"
    before = path.read_bytes()
    app = start()
    app.text_area(key="edit-question").set_value("Wat vraagt dit van ons?").run()
    real_mkstemp = cardkit.library.atomic.tempfile.mkstemp

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cardkit.library.atomic.tempfile, "mkstemp", full)
    app.button(key="save").click().run()
    assert not app.exception
    assert (
        "Er kon niets worden bewaard: de schijf van de bibliotheek is vol. Vraag je beheerder."
        in texts(app.error)
    )
    assert not any(str(library) in text for text in texts(app.error))
    assert path.read_bytes() == before
    assert app.text_area(key="edit-question").value == "Wat vraagt dit van ons?"
    assert unsaved(app)

    monkeypatch.setattr(cardkit.library.atomic.tempfile, "mkstemp", real_mkstemp)
    app.button(key="save").click().run()
    assert load_set(path).cards[0].question == "Wat vraagt dit van ons?"


def test_restoring_a_set_someone_else_restored_first(library: Path) -> None:
    """Two people see the same deleted set; the second "Zet terug" gets a message."""
    app = start()
    app.checkbox(key="confirm-delete").check().run()
    next(b for b in app.button if b.label == "Verwijder de set").click().run()
    restore = next(b for b in app.button if (b.key or "").startswith("restore-"))
    for deleted in (library / ".deleted").iterdir():
        shutil.rmtree(deleted)  # a colleague brought it back, and deleted it for good
    restore.click().run()
    assert not app.exception
    assert any("deze verwijderde set bestaat niet" in e for e in texts(app.error))


def test_many_skipped_rows_are_named_twenty_and_counted(library: Path) -> None:
    app = open_tab(start(), "Importeren")
    csv = b"soort;vraag\n" + b"praat;Fout?\n" * 30 + b"denk;Goed?\n"
    app.file_uploader(key="import-file-0").set_value(("vragen.csv", csv, "text/csv")).run()
    errors = texts(app.error)
    assert len([e for e in errors if e.startswith("Rij ")]) == 20
    assert "En nog 10 rijen die worden overgeslagen." in errors
    assert "Importeer 1 kaartje" in [b.label for b in app.button]


def test_the_designer_on_a_database_rides_out_a_restart(
    postgres, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database goes away under a running designer: a Dutch message and the edit kept
    on screen; once the database is back, the same button saves, without a restart."""
    from cardkit.library.location import open_store

    url = postgres.new_database()
    store = open_store(url)
    for path in EXAMPLE_SETS:
        store.create(load_set(path))
    monkeypatch.setenv("CARDKIT_DATABASE_URL", url)
    app = start()
    name = draft_of(app).name
    app.text_area(key="edit-question").set_value("Wat als de server even weg is?").run()
    postgres.run("pg_ctl", "-D", str(postgres.folder / "data"), "-m", "immediate", "stop")
    try:
        app.button(key="save").click().run()
        assert not app.exception
        assert any("De bibliotheek is even niet bereikbaar" in e for e in texts(app.error))
        assert draft_of(app).card_set.cards[0].question == "Wat als de server even weg is?"
    finally:
        postgres.start()
    # The pool reconnects in the background; a person clicks again until the page is back.
    deadline = time.monotonic() + 60
    while not [w for w in app.text_area if w.key == "edit-question"]:
        assert time.monotonic() < deadline, texts(app.error)
        time.sleep(1)
        app.run()
    assert app.text_area(key="edit-question").value == "Wat als de server even weg is?"
    app.button(key="save").click().run()
    assert store.read(name).card_set.cards[0].question == "Wat als de server even weg is?"


def test_one_broken_layout_file_leaves_every_other_set_working(
    library: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A team's own layout that breaks a rule (here a hint colour too light to read) is
    named in the set's details; the page, its tabs and the sets in other layouts work."""
    import designer.set_panel
    from cardkit.read import layouts

    (tmp_path / "grijs.yaml").write_text(
        "extends: a6\npalette: {muted: '#BBBBBB'}\n", encoding="utf-8"
    )
    (tmp_path / "a6.yaml").write_text(
        (ROOT / "layouts" / "a6.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    real_load = layouts.load_layout
    monkeypatch.setattr(designer.set_panel, "layout_names", lambda: ["a6", "grijs"])
    monkeypatch.setattr(
        designer.set_panel,
        "load_layout",
        lambda name: real_load(name, tmp_path) if name == "grijs" else real_load(name),
    )
    app = start()
    assert not app.exception
    assert [tab.label for tab in app.tabs][:2] == ["Kaartjes maken", "Overzicht"]
    assert app.selectbox(key="set-layout").options == ["A6 staand"]
    warning = next(w.value for w in app.warning if "grijs" in w.value)
    assert "contrast" in warning and "#BBBBBB" in warning
