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
from cardkit.read.files import too_big
from cardkit.read.invisible import strip_invisible

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


MAX_COUNTED_ROWS = 100_000  # rows past the limit are counted, to name them, up to here


@dataclass(frozen=True)
class RowProblem:
    """A problem with row `row` (or with rows `row` to `last`)."""

    row: int
    text: Text
    last: int | None = None

    def line(self, language: str = "en") -> str:
        nl = language == "nl"
        if self.last is None:
            rows = f"{'rij' if nl else 'row'} {self.row}"
        elif self.last:
            until = "tot en met" if nl else "to"
            rows = f"{'rijen' if nl else 'rows'} {self.row} {until} {self.last}"
        else:
            rows = f"{'rijen' if nl else 'rows'} {self.row} {'en verder' if nl else 'and later'}"
        return f"{rows}: {self.text.get(language)}"


@dataclass(frozen=True)
class Table:
    """A spreadsheet as text: its header row, its other rows numbered as the spreadsheet
    numbers them (blank rows left out and not counted), what reading it needed saying,
    and the rows past the card limit that were not read (first, last; last 0: and more)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    notes: tuple[Text, ...] = ()
    unread: tuple[int, int] | None = None

    @classmethod
    def of(cls, cells: Sequence[Sequence[str]], notes: tuple[Text, ...] = ()) -> Table:
        """A table from rows of cells, the first being the headers."""
        reader = _RowReader()
        for number, row in enumerate(cells, start=1):
            reader.add(number, row)
        return reader.table(notes)


class _RowReader:
    """Collects rows as they are read: the header, up to the card limit of non-blank rows,
    and the numbers of the non-blank rows beyond."""

    def __init__(self) -> None:
        self.header: list[str] | None = None
        self.rows: list[tuple[int, list[str]]] = []
        self.first_unread = self.last_unread = 0

    def add(self, number: int, row: Sequence[str]) -> bool:
        """Take row `number`; False once enough rows past the limit have been counted."""
        if not any(str(cell).strip() for cell in row):
            return True
        if self.header is None:
            self.header = [str(cell) for cell in row]
        elif len(self.rows) < MAX_CARDS_PER_SET:
            self.rows.append((number, [str(cell) for cell in row]))
        else:
            self.first_unread = self.first_unread or number
            self.last_unread = number
            if number - self.first_unread >= MAX_COUNTED_ROWS:
                self.last_unread = 0  # "and later"
                return False
        return True

    def table(self, notes: tuple[Text, ...] = ()) -> Table:
        unread = (self.first_unread, self.last_unread) if self.first_unread else None
        return Table(self.header or [], self.rows, notes, unread)


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
        return _read_excel(where, data)
    if b"\x00" in data[:4096]:
        raise CardkitError(
            where,
            Text(
                "is not a text file (a CSV is text; save the sheet as CSV or .xlsx)",
                "is geen tekstbestand (sla het werkblad op als CSV of .xlsx)",
            ),
        )
    return _read_csv(where, data)


def _read_csv(where: Location, data: bytes) -> Table:
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
    reader = _RowReader()
    # newline="": rows may end in \r\n, \n or a lone \r (Excel's "CSV (Macintosh)").
    lines = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    number = 0
    try:
        for number, row in enumerate(lines, start=1):
            if not reader.add(number, row):
                break
    except csv.Error as error:
        raise CardkitError(
            where,
            Text(
                f"row {number + 1} cannot be read as CSV ({error})",
                f"rij {number + 1} is geen leesbare CSV ({error})",
            ),
        ) from None
    return reader.table(notes)


def _delimiter(text: str) -> str:
    """The separator the header row uses: of semicolon, tab and comma the one that splits
    it into the most known column names (then the most columns). A header without any of
    them is one column, read whole, so a comma in a question never cuts it."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    best, best_score = _ONE_COLUMN, (0, 1)
    for candidate in (";", "\t", ","):
        if candidate not in header:
            continue
        cells = next(csv.reader([header], delimiter=candidate), [])
        score = (sum(_header_key(cell) is not None for cell in cells), len(cells))
        if score > best_score:
            best, best_score = candidate, score
    return best


_ONE_COLUMN = "\x1f"  # the unit separator: never in a spreadsheet cell


def _read_excel(where: Location, data: bytes) -> Table:
    from openpyxl import load_workbook  # imported here: only Excel imports need it

    _refuse_zip_bomb(where, data)
    reader = _RowReader()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        if not workbook.worksheets:
            raise ValueError("it has no sheets")
        for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1):
            if not reader.add(number, [_cell_text(value) for value in values]):
                break
        workbook.close()
    except CardkitError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise _unreadable_workbook(where, error) from None
    return reader.table()


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


def preview_import(
    table: Table | Sequence[Sequence[str]],
    kinds: Collection[str],
    room: int = MAX_CARDS_PER_SET,
) -> ImportPreview:
    """Check every row of a table whose first row holds the headers. At most `room` cards
    are taken (what the set has room for); the rows left out are named."""
    table = table if isinstance(table, Table) else Table.of(table)
    if not table.header:
        raise CardkitError(None, Text("the file has no rows", "het bestand heeft geen rijen"))
    columns = {}
    for index, cell in enumerate(table.header):
        key = _header_key(cell)
        if key and key not in columns:
            columns[key] = index
    if "question" not in columns:
        cells = [
            cell if len(cell) <= 40 else cell[:40] + "…" for cell in table.header if cell.strip()
        ]
        found = ", ".join(f'"{cell}"' for cell in cells[:12]) or "none"
        if len(cells) > 12:
            found += f" … ({len(cells)})"  # the message names the columns, it does not repeat them
        raise CardkitError(
            None,
            Text(
                f"no question column: the first row needs a header vraag or question "
                f"(found: {found})",
                f"geen kolom met vragen: de eerste rij moet een kop vraag of question hebben "
                f"(gevonden: {found})",
            ),
        )
    notes = list(table.notes)
    if "kind" not in columns:
        notes.append(
            Text(
                "there is no soort/kind column: every card becomes a denk card",
                "er is geen kolom soort: alle kaartjes worden denkkaartjes",
            )
        )
    cards: list[Card] = []
    card_rows: list[int] = []
    problems: list[RowProblem] = []
    cleaned: dict[int, tuple[str, ...]] = {}
    left_out: list[int] = []
    for number, row in table.rows:
        row, removed = _cleaned(row, columns.values())
        card, problem = _card_from_row(row, columns, kinds)
        if removed:
            cleaned[number] = removed
        if problem:
            problems.append(RowProblem(number, problem))
        elif len(cards) >= room:
            left_out.append(number)
        elif card is not None:
            cards.append(card)
            card_rows.append(number)
    if left_out or table.unread:
        unread = table.unread
        first = left_out[0] if left_out else unread[0] if unread else 0
        last = unread[1] if unread else left_out[-1]
        problems.append(RowProblem(first, _no_room(room), last if last != first else None))
    if cleaned:
        notes.append(_invisible_note(cleaned))
    problems.sort(key=lambda problem: problem.row)
    return ImportPreview(tuple(cards), tuple(card_rows), tuple(problems), tuple(notes))


def _no_room(room: int) -> Text:
    if room >= MAX_CARDS_PER_SET:
        return Text(
            f"not imported: a set holds at most {MAX_CARDS_PER_SET:,} cards",
            f"niet geïmporteerd: een set heeft hoogstens {nl_number(MAX_CARDS_PER_SET)} kaartjes",
        )
    return Text(
        f"not imported: the set has room for {room:,} more cards (at most {MAX_CARDS_PER_SET:,})",
        f"niet geïmporteerd: er passen nog {nl_number(room)} kaartjes bij in deze set "
        f"(hoogstens {nl_number(MAX_CARDS_PER_SET)})",
    )


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
    cells: list[str] = []
    removed: tuple[str, ...] = ()
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
