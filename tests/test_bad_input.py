"""The corpus of bad input: every case gets its clear message, fast, and changes nothing.

The small cases are files in tests/bad_input/; the big ones (a 20 MB file, 5,000 cards,
a 100,000-character question, huge spreadsheets, an Excel zip bomb) are made here. Each
case is tried on the command line (exit 2, one line, no traceback) and in the designer
(a Dutch message), within 2 seconds, and the folder it came from is left as it was.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from cardkit.paths import ROOT
from tests.helpers import TESTS_DIR, example_library, shown

CORPUS = TESTS_DIR / "bad_input"
ANSWER_WITHIN = 2.0  # seconds, a guard against hangs; the CLI's own start-up is not counted


def card(question: str = "Hoe gaat het?") -> dict[str, str]:
    return {"kind": "denk", "question": question}


def yaml_set(cards: list[dict[str, str]], **fields: str) -> bytes:
    document = {"title": "Groot", "layout": "a6", **fields, "cards": cards}
    return yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True).encode()


def twenty_megabytes() -> bytes:
    return b"title: Te groot\nlayout: a6\ncards: []\n# " + b"x" * (20 * 1024 * 1024) + b"\n"


def zip_bomb() -> bytes:
    """An .xlsx whose one sheet unpacks to 200 MB (it is 200 KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            block = b"<row>" + b" " * (1024 * 1024 - 11) + b"</row>"
            for _ in range(200):
                sheet.write(block)
    return buffer.getvalue()


def huge_csv() -> bytes:
    return b"soort;vraag\n" + b"denk;Hoe gaat het met jou vandaag?\n" * 200_000


def workbook(change: Callable[[dict[str, bytes]], None]) -> Callable[[], bytes]:
    """An .xlsx with one question, damaged by `change` (which edits its files)."""

    def make() -> bytes:
        from openpyxl import Workbook

        book = Workbook()
        book.active.append(["vraag"])
        book.active.append(["Hoe gaat het?"])
        buffer = io.BytesIO()
        book.save(buffer)
        with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
            files = {name: archive.read(name) for name in archive.namelist()}
        change(files)
        damaged = io.BytesIO()
        with zipfile.ZipFile(damaged, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        return damaged.getvalue()

    return make


def no_sheets(files: dict[str, bytes]) -> None:
    files["xl/workbook.xml"] = re.sub(
        rb"<sheets>.*</sheets>", b"<sheets/>", files["xl/workbook.xml"]
    )


def broken_sheet(files: dict[str, bytes]) -> None:
    files["xl/worksheets/sheet1.xml"] = files["xl/worksheets/sheet1.xml"][:300]


def bad_shared_string(files: dict[str, bytes]) -> None:
    sheet = files["xl/worksheets/sheet1.xml"]
    files["xl/worksheets/sheet1.xml"] = sheet.replace(
        b'<c r="A2" t="inlineStr"><is><t>Hoe gaat het?</t></is></c>',
        b'<c r="A2" t="s"><v>999</v></c>',
    )


def ten_megabytes_of_values() -> bytes:
    """9.8 MB: a set with a list of 4.9 million items under a key nobody knows."""
    return b"title: Veel\nlayout: a6\ncards: []\nextra:\n" + b"- 1\n" * 2_450_000


def many_rows_csv() -> bytes:
    return b"soort;vraag\n" + b"denk;Hoe gaat het?\n" * 5000


@dataclass(frozen=True)
class Case:
    """One bad input: its file, how it is offered, and the message it must get."""

    name: str
    file_name: str
    content: Callable[[], bytes] | None  # None: the file is in tests/bad_input/
    entry: str  # "set" (check / upload), "logo" (a set with a logo / logo upload), "sheet"
    cli: str  # the message on the command line (after the file name)
    nl: str  # what the designer says (a part of the Dutch message)


CASES = [
    Case("a NUL byte", "nul.yaml", lambda: b"title: a\x00b\nlayout: a6\ncards: []\n", "set",
         "character 9 is U+0000, which a set cannot hold",
         "teken 9 is U+0000, dat niet in een set kan staan"),
    Case("a list as a key", "list-key.yaml", None, "set",
         "line 3, column 3: YAML syntax error: a key must be a name, not a list or a mapping",
         "regel 3, kolom 3: fout in de YAML-opmaak"),
    Case("a tagged 5,000-digit key", "long-tagged-key.yaml", None, "set",
         'unknown key "9999999999999999999999999999999999999999…"; expected one of: '
         "cards, layout, link, logo, site, title",
         'onbekend veld "9999999999999999999999999999999999999999…"'),
    Case("yaml syntax error", "syntax-error.yaml", None, "set",
         "line 6, column 9: YAML syntax error: did not find expected ',' or ']'",
         "regel 6, kolom 9: fout in de YAML-opmaak"),
    Case("wrong type", "wrong-type.yaml", None, "set",
         'cards: expected a list of cards, got "geen lijst"',
         'kaarten: verwacht een lijst met kaarten, maar kreeg "geen lijst"'),
    Case("unknown key", "unknown-key.yaml", None, "set",
         'card 1: unknown key "vraag"; expected one of: hint, kind, moment, question, title',
         'kaart 1: onbekend veld "vraag"'),
    Case("alias bomb", "alias-bomb.yaml", None, "set",
         "uses more than 50 YAML aliases (*name); write the values out",
         "gebruikt meer dan 50 YAML-verwijzingen"),
    Case("deep nesting", "deep-nesting.yaml", None, "set",
         "is nested more than 40 levels deep", "is meer dan 40 niveaus diep genest"),
    Case("NUL character", "control-characters.yaml", None, "set",
         "card 1: question: contains an invisible character U+0000 (control character); "
         "remove it", "bevat een onzichtbaar teken U+0000"),
    Case("bidi override", "bidi-override.yaml", None, "set",
         "card 1: question: contains an invisible character U+202E (RIGHT-TO-LEFT OVERRIDE); "
         "remove it", "bevat een onzichtbaar teken U+202E"),
    Case("20 MB file", "groot.yaml", twenty_megabytes, "set",
         "file is 21.0 MB; at most 10 MB is accepted", "bestand is 21.0 MB"),
    Case("5,000 cards", "veel.yaml", lambda: yaml_set([card() for _ in range(5000)]), "set",
         "cards: 5,000 cards; a set holds at most 1,000", "5.000 kaarten"),
    Case("100,000-character question", "lang.yaml",
         lambda: yaml_set([card(("Waarom " * 14_286)[:99_997] + "ja?")]), "set",
         "card 1: question: is 100,000 characters long; at most 2,000 fit on a card",
         "is 100.000 tekens lang"),
    Case("logo that is no image", "logo-not-an-image.yaml", None, "logo",
         'logo: "not-an-image.png" is not a usable image (unreadable); use a PNG, JPEG or '
         "WebP file",
         "is geen bruikbare afbeelding"),
    Case("corrupt logo", "logo-corrupt.yaml", None, "logo",
         'logo: "corrupt.png" is not a usable image (unreadable); use a PNG, JPEG or WebP file',
         "is geen bruikbare afbeelding"),
    Case("decompression bomb", "logo-bomb.yaml", None, "logo",
         'logo: "decompression-bomb.png" has too many pixels (900,000,000); at most 25,000,000',
         "te veel pixels"),
    # Over cardkit's own limit, under Pillow's: only cardkit's check refuses it.
    Case("logo over cardkit's pixel limit", "logo-thirty-megapixels.yaml", None, "logo",
         'logo: "thirty-megapixels.png" has too many pixels (30,000,000); at most 25,000,000',
         "te veel pixels (30.000.000)"),
    Case("logo outside the folder", "logo-outside.yaml", None, "set",
         'logo: "../../../etc/passwd" lies outside the folder of the set',
         "staat buiten de map van de set"),
    Case("empty CSV", "empty.csv", None, "sheet", "the file is empty", "het bestand is leeg"),
    Case("empty Excel", "empty.xlsx", None, "sheet", "the file is empty", "het bestand is leeg"),
    Case("CSV without a question column", "no-question-column.csv", None, "sheet",
         'no question column: the first row needs a header vraag or question (found: "naam", '
         '"leeftijd")', "geen kolom met vragen"),
    Case("huge CSV", "groot.csv", huge_csv, "sheet",
         "file is 7.0 MB; at most 5 MB is accepted", "bestand is 7.0 MB"),
    Case("Excel zip bomb", "bom.xlsx", zip_bomb, "sheet",
         "unpacks to 210 MB; a sheet of questions is far smaller (at most 52 MB)",
         "pakt uit tot 210 MB"),
    Case("not a sheet at all", "tekst.csv", lambda: b"Dit is geen plaatje maar tekst.\n", "sheet",
         "no question column: the first row needs a header vraag or question (found: "
         '"Dit is geen plaatje maar tekst.")', "geen kolom met vragen"),
    # The second round: tracebacks, silent rewrites and cost out of proportion.
    Case("duplicate key", "duplicate-key.yaml", None, "set",
         'line 3: the key "title" is given twice (also on line 1); keep one',
         'regel 3: het veld "title" staat er twee keer in (ook op regel 1)'),
    Case("5,000-digit number", "getal.yaml", lambda: yaml_set([card()], title="9" * 5000), "set",
         "title: is 5,000 characters long; at most 200 fit on a card", "5.000 tekens lang"),
    Case("9.8 MB of values", "waarden.yaml", ten_megabytes_of_values, "set",
         "holds more than 100,000 values; a set of question cards is far smaller",
         "bevat meer dan 100.000 waarden"),
    Case("link too long for a QR code", "link-too-long.yaml", None, "set",
         "link: the link is 294 characters long; a QR code on a card holds at most 213 "
         "(use a shorter address)", "de link is 294 tekens lang"),
    Case("unknown kind", "unknown-kind.yaml", None, "set",
         'card 1: kind: unknown kind "praat"; layout a6 has: denk, doe',
         'onbekende soort "praat"'),
    Case("removed layout", "removed-layout.yaml", None, "set",
         'layout: no layout named "weggehaald" (known: a6, a6-groot, a6-hoog-contrast, a7)',
         'er is geen opmaak "weggehaald"'),
    Case("truncated JPEG logo", "logo-truncated.yaml", None, "logo",
         'logo: "truncated.jpg" is not a usable image (unreadable); use a PNG, JPEG or WebP '
         "file",
         "is geen bruikbare afbeelding"),
    Case("PNG logo without image data", "logo-header-only.yaml", None, "logo",
         'logo: "header-only.png" is not a usable image: the PNG file has a header but no '
         "image data; save the logo again",
         "het PNG-bestand heeft een kop maar geen beeldgegevens"),
    Case("5,000,000 x 1 pixel logo", "logo-thin.yaml", None, "logo",
         'logo: "thin.png" is 5,000,000 x 1 pixels: longer than 20 times its width or height; '
         "a logo needs a shape that fits on a card", "meer dan 20 keer zo lang als breed"),
    Case("CSV cell over 131,072 characters", "long-cell.csv", None, "sheet",
         "row 2 cannot be read as CSV (field larger than field limit (131072))",
         "rij 2 is geen leesbare CSV"),
    Case("Excel without sheets", "leeg-boek.xlsx", workbook(no_sheets), "sheet",
         "is not an Excel workbook (.xlsx) that can be read (it has no sheets)",
         "is geen leesbaar Excel-bestand"),
    Case("Excel with broken sheet XML", "kapot-blad.xlsx", workbook(broken_sheet), "sheet",
         "is not an Excel workbook (.xlsx) that can be read (unclosed token: line 1, "
         "column 290)", "is geen leesbaar Excel-bestand"),
    Case("Excel with a bad shared string", "kapotte-tekst.xlsx", workbook(bad_shared_string),
         "sheet", "is not an Excel workbook (.xlsx) that can be read (list index out of range)",
         "is geen leesbaar Excel-bestand"),
]  # fmt: skip


def case_file(case: Case, folder: Path) -> Path:
    """Copy (or make) the case's file, with what it refers to, into `folder`."""
    target = folder / case.file_name
    if case.content is not None:
        target.write_bytes(case.content())
    else:
        for path in CORPUS.iterdir():
            shutil.copy(path, folder / path.name)
    return target


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def cli(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "cardkit", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        cwd=ROOT,
    )
    return result, time.perf_counter() - start


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_command_line_answers_in_one_line(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "input"
    folder.mkdir()
    path = case_file(case, folder)
    before = snapshot(folder)
    if case.entry == "sheet":
        result, _ = cli("import", path, "-o", tmp_path / "nieuw.yaml", "--title", "Nieuw")
        assert not (tmp_path / "nieuw.yaml").exists()
    else:
        result, _ = cli("check", path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.endswith(case.cli), line
    assert snapshot(folder) == before


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_designer_answers_in_dutch(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = example_library(tmp_path, monkeypatch)
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    path = case_file(case, uploads)
    before = snapshot(folder)
    app = AppTest.from_file(str(ROOT / "designer_app.py"), default_timeout=60).run()
    start = time.perf_counter()
    if case.entry == "set":
        app.file_uploader(key="upload-yaml").set_value((path.name, path.read_bytes(), "text/yaml"))
    elif case.entry == "logo":
        image = uploads / yaml.safe_load(path.read_text(encoding="utf-8"))["logo"]
        app.file_uploader(key="logo-file").set_value((image.name, image.read_bytes(), "image/png"))
    else:
        app.session_state["tab"] = "Importeren"
        app.run()
        app.file_uploader(key="import-file-0").set_value((path.name, path.read_bytes(), "text/csv"))
    app.run()
    elapsed = time.perf_counter() - start
    assert not app.exception, app.exception
    messages = [shown(element.value) for element in app.error]
    assert any(case.nl in message for message in messages), messages
    assert elapsed < ANSWER_WITHIN + 3, f"{elapsed:.1f} s"  # a rerun of the page included
    assert snapshot(folder) == before


def test_every_case_answers_within_two_seconds(tmp_path: Path) -> None:
    """In the engine, without the start-up of a Python process: the hang guard."""
    from cardkit.deck import open_deck
    from cardkit.errors import CardkitError
    from cardkit.library.importing import preview_import, read_table

    for case in CASES:
        folder = tmp_path / case.name.replace(" ", "-")
        folder.mkdir()
        path = case_file(case, folder)
        start = time.perf_counter()
        with pytest.raises(CardkitError):
            if case.entry == "sheet":
                preview_import(read_table(path.name, path.read_bytes()), ("denk", "doe"))
            else:
                open_deck(path)
        assert time.perf_counter() - start < ANSWER_WITHIN, case.name


@pytest.mark.parametrize("title", ["../../etc/passwd", "CON", "nul.yaml", "/", "..", "a/b\\c"])
def test_set_names_never_leave_the_library(tmp_path: Path, title: str) -> None:
    from cardkit.library.folder import FolderStore
    from cardkit.model import Card, CardSet

    folder = tmp_path / "content"
    stored = FolderStore(folder).create(CardSet(title, "a6", (Card("denk", "Hoe?"),)))
    path = folder / f"{stored.name}.yaml"
    assert path.is_file()
    assert path.stem.lower() not in {"con", "nul", ""}
    assert [p for p in tmp_path.rglob("*.yaml") if ".history" not in p.parts] == [path]


def test_windows_1252_csv_is_read_with_a_note(tmp_path: Path) -> None:
    shutil.copy(CORPUS / "windows-1252.csv", tmp_path / "vragen.csv")
    result, _ = cli("import", tmp_path / "vragen.csv", "-o", tmp_path / "set.yaml", "--title", "T")
    assert result.returncode == 0, result.stderr
    assert "read as Windows-1252" in result.stderr
    assert "Hoe voelt één gesprek in het café?" in (tmp_path / "set.yaml").read_text("utf-8")


def test_a_sheet_with_too_many_rows_imports_the_first_thousand(tmp_path: Path) -> None:
    (tmp_path / "rijen.csv").write_bytes(many_rows_csv())
    result, _ = cli("import", tmp_path / "rijen.csv", "-o", tmp_path / "set.yaml", "--title", "T")
    assert result.returncode == 1
    assert "rows 1002 to 5001: not imported: a set holds at most 1,000 cards" in result.stderr
    assert (tmp_path / "set.yaml").read_text("utf-8").count("question:") == 1000


def test_words_without_break_points_are_checked_in_a_moment(tmp_path: Path) -> None:
    """20 cards whose every field is 2,000 hyphens (50 s before the greedy fallback): every
    field gets its "does not fit" line, well inside the hang guard."""
    fields = ("title", "question", "hint", "moment")
    cards = [{"kind": "doe", **{field: "-" * 2000 for field in fields}} for _ in range(20)]
    path = tmp_path / "streepjes.yaml"
    path.write_bytes(yaml_set(cards))
    result, elapsed = cli("check", path)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len([line for line in lines if "does not fit" in line]) == 20 * len(fields)
    assert elapsed < ANSWER_WITHIN + 2, f"{elapsed:.1f} s"  # the interpreter's start included
