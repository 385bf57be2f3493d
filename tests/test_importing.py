"""Importing questions from CSV and Excel: headers in two languages, a message per bad row."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from cardkit.errors import CardkitError
from cardkit.library.importing import preview_import, read_table
from cardkit.limits import MAX_FIELD_CHARS
from cardkit.model import Card

KINDS = ("denk", "doe")


def test_dutch_headers_semicolons_and_windows_encoding() -> None:
    data = "Soort;Titel;Vraag;Toelichting;Moment\ndoe;Café;Ga één keer mee.;;bij de koffie\n"
    rows = read_table("vragen.csv", data.encode("cp1252"))
    preview = preview_import(rows, KINDS)
    assert preview.cards == (Card("doe", "Ga één keer mee.", "Café", "", "bij de koffie"),)
    assert preview.rows == (2,)
    assert not preview.problems


def test_english_headers_commas_and_a_bom() -> None:
    data = '\ufeffquestion,kind,hint\n"How, then?",think,A hint\n'
    preview = preview_import(read_table("q.csv", data.encode("utf-8")), KINDS)
    assert preview.cards == (Card("denk", "How, then?", hint="A hint"),)


def test_each_bad_row_gets_a_message_and_good_rows_stay() -> None:
    data = (
        "soort\tvraag\tmoment\n"
        "denk\tHoe?\t\n"
        "praat\tWat?\t\n"
        "\t\t\n"
        "doe\t\tnu\n"
        "\tZonder soort?\t\n"
        f"doe\t{'x' * (MAX_FIELD_CHARS + 1)}\t\n"
    )
    preview = preview_import(read_table("geplakt.tsv", data.encode()), KINDS)
    assert preview.cards == (Card("denk", "Hoe?"),)
    assert [problem.line("nl") for problem in preview.problems] == [
        'rij 3: onbekende soort "praat"; gebruik denk of doe',
        "rij 5: de vraag is leeg",
        "rij 6: de soort is leeg; gebruik denk of doe",
        "rij 7: vraag is 2.001 tekens lang; hoogstens 2.000",
    ]
    assert preview.problems[0].line() == 'row 3: unknown kind "praat"; use denk or doe'


def test_invisible_characters_are_removed_with_a_note_naming_the_rows() -> None:
    rows = [
        ["vraag", "opmerking"],
        ["Hoe\x07 gaat het?", ""],
        ["Wat nu?", "\u202eniet geïmporteerd"],
        ["\u202eWaarom?", ""],
    ]
    preview = preview_import(rows, KINDS)
    assert [card.question for card in preview.cards] == ["Hoe gaat het?", "Wat nu?", "Waarom?"]
    assert preview.notes[-1].nl == (
        "onzichtbare tekens weggehaald (rijen 2, 4): "
        "U+0007 control character, U+202E RIGHT-TO-LEFT OVERRIDE"
    )


def test_without_a_kind_column_every_card_is_a_denk_card() -> None:
    preview = preview_import([["vraag"], ["Hoe?"], ["Wat?"]], KINDS)
    assert [card.kind for card in preview.cards] == ["denk", "denk"]
    assert "denkkaartjes" in preview.notes[0].nl


def test_without_a_question_column_nothing_is_imported() -> None:
    with pytest.raises(CardkitError) as caught:
        preview_import([["naam", "leeftijd"], ["An", "40"]], KINDS)
    assert "vraag or question" in caught.value.message()
    assert '"naam", "leeftijd"' in caught.value.message()


def test_excel_workbook() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Vraag", "Soort", "Titel"])
    sheet.append(["Hoe gaat het met je?", "denk", 2024])
    sheet.append(["Doe het.", "Doekaartje", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = preview_import(read_table("vragen.xlsx", buffer.getvalue()), KINDS)
    assert preview.cards == (
        Card("denk", "Hoe gaat het met je?", title="2024"),
        Card("doe", "Doe het."),
    )


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("leeg.csv", b"", "the file is empty"),
        ("kapot.xlsx", b"PK\x03\x04 geen echte zip", "is not an Excel workbook"),
    ],
)
def test_unreadable_files(name: str, data: bytes, expected: str) -> None:
    with pytest.raises(CardkitError, match=expected):
        read_table(name, data)


def test_a_message_about_the_header_stays_short() -> None:
    """45 header cells of 100,000 characters: the message names them, briefly."""
    from cardkit.errors import CardkitError
    from cardkit.library.importing import preview_import, read_table

    data = (";".join("x" * 100_000 for _ in range(45)) + "\nHoe?\n").encode()
    with pytest.raises(CardkitError) as refused:
        preview_import(read_table("kop.csv", data), ("denk", "doe"))
    message = refused.value.message("nl")
    assert len(message) < 1000 and "(45)" in message
