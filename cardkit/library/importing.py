"""Import questions from a CSV or Excel sheet: read the table, check every row, say what is wrong.

Nothing changes until the caller adds the returned cards. Columns are found by their
header, in Dutch or English (soort/kind, titel/title, vraag/question, toelichting/hint,
moment); rows are numbered as the spreadsheet numbers them (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from cardkit.errors import CardkitError, Location, Text, nl_number
from cardkit.limits import (
    MAX_CARDS_PER_SET,
    MAX_FIELD_CHARS,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_UNPACKED_BYTES,
)
from cardkit.model import CARD_FIELDS, DUTCH_FIELD_NAMES, Card
from cardkit.read.sets import strip_invisible
from cardkit.read.yamlio import too_big

KIND_WORDS = {
    "denk": "denk",
    "denkkaartje": "denk",
    "denkvraag": "denk",
    "think": "denk",
    "doe": "doe",
    "doekaartje": "doe",
    "doe-opdracht": "doe",
    "do": "doe",
}


@dataclass(frozen=True)
class RowProblem:
    row: int
    text: Text

    def line(self, language: str = "en") -> str:
        word = "rij" if language == "nl" else "row"
        return f"{word} {self.row}: {self.text.get(language)}"


@dataclass(frozen=True)
class Table:
    """The cells of a spreadsheet, row by row, and what reading it needed saying."""

    rows: list[list[str]]
    notes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class ImportPreview:
    """What an import would add: the good rows' cards, and a problem per bad row."""

    cards: tuple[Card, ...]
    rows: tuple[int, ...]  # the spreadsheet row of each card
    problems: tuple[RowProblem, ...]
    notes: tuple[Text, ...] = ()


def read_table(name: str, data: bytes) -> Table:
    """The cells of a .csv, .tsv, .txt or .xlsx file as text, row by row."""
    where = Location(name)
    if len(data) > MAX_IMPORT_BYTES:
        raise CardkitError(where, too_big(len(data), MAX_IMPORT_BYTES))
    if not data.strip():
        raise CardkitError(where, Text("the file is empty", "het bestand is leeg"))
    if name.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return Table(_read_excel(where, data))
    if b"\x00" in data[:4096]:
        raise CardkitError(
            where,
            Text(
                "is not a text file (a CSV is text; save the sheet as CSV or .xlsx)",
                "is geen tekstbestand (sla het werkblad op als CSV of .xlsx)",
            ),
        )
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
    notes: tuple[Text, ...] = ()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on Dutch Windows
        notes = (
            Text(
                "the file is not UTF-8; it was read as Windows-1252 (Excel's CSV): check "
                "letters with accents",
                "het bestand is geen UTF-8; het is gelezen als Windows-1252 (CSV uit Excel): "
                "controleer letters met accenten",
            ),
        )
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):
        rows.append(list(row))
        if len(rows) > MAX_CARDS_PER_SET + 1:
            break
    return Table(rows, notes)


def _read_excel(where: Location, data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # imported here: only Excel imports need it

    _refuse_zip_bomb(where, data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise _unreadable_workbook(where, error) from None
    sheet = workbook.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append([_cell_text(value) for value in values])
        if len(rows) > MAX_CARDS_PER_SET + 1:
            break
    workbook.close()
    return rows


def _unreadable_workbook(where: Location, error: Exception) -> CardkitError:
    return CardkitError(
        where,
        Text(
            f"is not an Excel workbook (.xlsx) that can be read ({error})",
            f"is geen leesbaar Excel-bestand (.xlsx) ({error})",
        ),
    )


def _refuse_zip_bomb(where: Location, data: bytes) -> None:
    """An .xlsx that would unpack to far more than any sheet of questions is refused unread."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _unreadable_workbook(where, error) from None
    if unpacked > MAX_IMPORT_UNPACKED_BYTES:
        raise CardkitError(
            where,
            Text(
                f"unpacks to {unpacked / 1e6:,.0f} MB; a sheet of questions is far smaller "
                f"(at most {MAX_IMPORT_UNPACKED_BYTES / 1e6:.0f} MB)",
                f"pakt uit tot {unpacked / 1e6:,.0f} MB; een lijst vragen is veel kleiner "
                f"(hoogstens {MAX_IMPORT_UNPACKED_BYTES / 1e6:.0f} MB)",
            ),
        )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _header_key(cell: str) -> str | None:
    word = unicodedata.normalize("NFKD", cell).encode("ascii", "ignore").decode()
    word = word.strip().lower().rstrip(":")
    for field in CARD_FIELDS:
        if word in field.headers:
            return field.key
    return None


def preview_import(table: Table | Sequence[Sequence[str]], kinds: Collection[str]) -> ImportPreview:
    """Check every row of a table whose first row holds the headers."""
    rows = table.rows if isinstance(table, Table) else table
    if not rows:
        raise CardkitError(None, Text("the file has no rows", "het bestand heeft geen rijen"))
    columns = {}
    for index, cell in enumerate(rows[0]):
        key = _header_key(cell)
        if key and key not in columns:
            columns[key] = index
    if "question" not in columns:
        found = ", ".join(f'"{cell}"' for cell in rows[0] if cell.strip()) or "none"
        raise CardkitError(
            None,
            Text(
                f"no question column: the first row needs a header vraag or question "
                f"(found: {found})",
                f"geen kolom met vragen: de eerste rij moet een kop vraag of question hebben "
                f"(gevonden: {found})",
            ),
        )
    notes = list(table.notes) if isinstance(table, Table) else []
    if "kind" not in columns:
        notes.append(
            Text(
                "there is no soort/kind column: every card becomes a denk card",
                "er is geen kolom soort: alle kaartjes worden denkkaartjes",
            )
        )
    cards, card_rows, problems = [], [], []
    cleaned: dict[int, tuple[str, ...]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(cards) >= MAX_CARDS_PER_SET:
            problems.append(
                RowProblem(
                    number,
                    Text(
                        f"not imported: a set holds at most {MAX_CARDS_PER_SET:,} cards",
                        f"niet geïmporteerd: een set heeft hoogstens "
                        f"{nl_number(MAX_CARDS_PER_SET)} kaartjes",
                    ),
                )
            )
            break
        row, removed = _cleaned(row, columns.values())
        card, problem = _card_from_row(row, columns, kinds)
        if removed:
            cleaned[number] = removed
        if problem:
            problems.append(RowProblem(number, problem))
        else:
            cards.append(card)
            card_rows.append(number)
    if cleaned:
        notes.append(_invisible_note(cleaned))
    return ImportPreview(tuple(cards), tuple(card_rows), tuple(problems), tuple(notes))


def _invisible_note(cleaned: dict[int, tuple[str, ...]]) -> Text:
    """Pasted text often carries invisible marks; say which were taken out, and where."""
    numbers = ", ".join(str(number) for number in cleaned)
    names = ", ".join(dict.fromkeys(name for removed in cleaned.values() for name in removed))
    return Text(
        f"invisible characters removed (rows {numbers}): {names}",
        f"onzichtbare tekens weggehaald (rijen {numbers}): {names}",
    )


def _cleaned(row: Sequence[str], columns: Collection[int]) -> tuple[list[str], tuple[str, ...]]:
    """The row's cells without invisible characters, and the names of those removed from
    the columns that are imported."""
    cells, removed = [], ()
    for index, cell in enumerate(row):
        text, removed_here = strip_invisible(cell)
        cells.append(text.strip())
        if index in columns:
            removed += removed_here
    return cells, tuple(dict.fromkeys(removed))


def _card_from_row(
    row: Sequence[str], columns: dict[str, int], kinds: Collection[str]
) -> tuple[Card | None, Text | None]:
    fields = {}
    for field, index in columns.items():
        text = row[index] if index < len(row) else ""
        if len(text) > MAX_FIELD_CHARS:
            name = DUTCH_FIELD_NAMES[field]
            return None, Text(
                f"{field} is {len(text):,} characters long; at most {MAX_FIELD_CHARS:,}",
                f"{name} is {nl_number(len(text))} tekens lang; "
                f"hoogstens {nl_number(MAX_FIELD_CHARS)}",
            )
        fields[field] = text
    if not fields.get("question"):
        return None, Text("the question is empty", "de vraag is leeg")
    kind_word = fields.pop("kind", "denk").lower()  # no kind column: denk, as noted
    if not kind_word:
        listed = " of ".join(sorted(kinds))
        return None, Text(
            f"the kind is empty; use {' or '.join(sorted(kinds))}",
            f"de soort is leeg; gebruik {listed}",
        )
    kind = KIND_WORDS.get(kind_word, kind_word)
    if kind not in kinds:
        listed = " of ".join(sorted(kinds))
        return None, Text(
            f'unknown kind "{kind_word}"; use {" or ".join(sorted(kinds))}',
            f'onbekende soort "{kind_word}"; gebruik {listed}',
        )
    return Card(kind=kind, **fields), None
