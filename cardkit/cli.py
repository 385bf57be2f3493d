"""The command line: `python -m cardkit check|png|pdf|layout SET.yaml ...`.

Exit codes: 0 done, 1 done but something needs attention (a card's text does not fit,
a row could not be imported), 2 bad input (one line on standard error that names the
file and the field or limit).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import stat
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal, NoReturn

from cardkit.checks.problems import Problem, set_problems
from cardkit.deck import Deck, layout_for, open_deck
from cardkit.display import SIDES, Page, Side
from cardkit.errors import CardkitError, Location, SetupError, Text
from cardkit.library.admin import add_library_commands
from cardkit.library.atomic import atomic_folder, atomic_stream, replacing_folder, write_atomic
from cardkit.library.importing import preview_import, read_table
from cardkit.limits import MAX_DPI, MAX_IMPORT_BYTES
from cardkit.model import CardSet
from cardkit.output.export import (
    PRINT_DPI,
    alignment_pdf,
    set_pdf,
    sheet_grid,
    sheets_pdf,
    usable_cores,
    write_png_zip,
    write_pngs,
)
from cardkit.output.impose import PAPERS, SheetOptions
from cardkit.output.layout_json import pages_to_dict
from cardkit.output.share import PRESETS, email_pdf, preset_images, share_bundle
from cardkit.output.site import check_site_folder, write_site, write_site_zip
from cardkit.paths import display_path
from cardkit.read.files import too_big
from cardkit.read.sets import set_to_yaml
from cardkit.text.fonts import require_raqm

EXIT_OK, EXIT_OVERFLOW, EXIT_BAD_INPUT = 0, 1, 2
MIN_DPI = 10


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line, like every other bad input."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see --help)\n")


def _dpi(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a number of dots per inch, got {text!r}"
        ) from None
    if not MIN_DPI <= value <= MAX_DPI:
        raise argparse.ArgumentTypeError(
            f"expected {MIN_DPI} to {MAX_DPI} dots per inch, got {text}"
        )
    return value


def _millimetres(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected millimetres, got {text!r}") from None
    if not 0 <= value <= 50:
        raise argparse.ArgumentTypeError(f"expected 0 to 50 mm, got {text}")
    return value


def _offset(text: str) -> tuple[float, float]:
    parts = text.split(",")
    try:
        x, y = (float(part) for part in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected X,Y in millimetres such as 0.5,-1, got {text!r}"
        ) from None
    if not (math.isfinite(x) and math.isfinite(y)) or abs(x) > 20 or abs(y) > 20:
        raise argparse.ArgumentTypeError(f"expected at most 20 mm each way, got {text}")
    return x, y


def _sheet_arguments(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--sheets", choices=list(PAPERS), required=required, help="impose cards on this paper"
    )
    parser.add_argument(
        "--duplex", choices=("long", "short"), help="add back sheets for flipping on this edge"
    )
    parser.add_argument(
        "--back-offset",
        type=_offset,
        default=(0.0, 0.0),
        metavar="X,Y",
        help="shift back sheets by X,Y mm (right and down, seen from the back)",
    )
    parser.add_argument(
        "--margin", type=_millimetres, default=5.0, metavar="MM", help="printer margin (5)"
    )
    parser.add_argument(
        "--home",
        action="store_true",
        help="for a home printer: no bleed, cards touching, cut lines, scaled to fit",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m cardkit",
        description="Lay out think-and-do question cards in the house style; export PNG and PDF.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser(
        "check", help="validate sets and check that every card fits (several sets at once)"
    )
    check.add_argument("sets", type=Path, nargs="+", metavar="SET.yaml")
    check.set_defaults(handler=_check)

    png = commands.add_parser("png", help="write a PNG per card side (trim plus bleed)")
    png.add_argument("set", type=Path, metavar="SET.yaml")
    png.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="DIR|FILE.zip",
        help="a folder for the images, or a .zip file to hold them",
    )
    png.add_argument("--dpi", type=_dpi, default=PRINT_DPI, help="resolution (default 300)")
    png.add_argument(
        "--side", choices=("front", "back", "both"), help="default: both, or front with --preset"
    )
    png.add_argument("--preset", choices=list(PRESETS), help="share images instead of print images")
    png.add_argument("--jpeg", action="store_true", help="with --preset: JPEG instead of PNG")
    png.set_defaults(handler=_png)

    share = commands.add_parser(
        "share", help="write a ZIP to share: card images, an overview, the questions as text"
    )
    share.add_argument("set", type=Path, metavar="SET.yaml")
    share.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.zip")
    share.add_argument("--preset", choices=list(PRESETS), default="whatsapp")
    share.add_argument("--jpeg", action="store_true", help="JPEG instead of PNG")
    share.set_defaults(handler=_share)

    site = commands.add_parser(
        "site", help="write the set as a website: an overview and a page per card"
    )
    site.add_argument("set", type=Path, metavar="SET.yaml")
    site.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="DIR|FILE.zip",
        help="a folder for the website (new, empty, or an earlier website), or a .zip file",
    )
    site.set_defaults(handler=_site)

    pdf = commands.add_parser(
        "pdf",
        help="write a PDF: one card side per page (print shop), or cards on sheets (--sheets)",
    )
    pdf.add_argument("set", type=Path, metavar="SET.yaml")
    pdf.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    _sheet_arguments(pdf, required=False)
    pdf.add_argument("--crop-marks", action="store_true", help="crop marks around the cards")
    pdf.add_argument("--cut-lines", action="store_true", help="thin lines to cut along at home")
    pdf.add_argument("--gap", type=_millimetres, default=0.0, metavar="MM", help="between cards")
    pdf.add_argument(
        "--email", action="store_true", help="small file to mail: card fronts, no bleed or marks"
    )
    pdf.add_argument(
        "--cmyk",
        action="store_true",
        help="print-shop file in CMYK with an output intent (needs a CMYK profile)",
    )
    pdf.set_defaults(handler=_pdf)

    table = commands.add_parser(
        "import", help="make a set from a CSV or Excel sheet (headers: soort, titel, vraag...)"
    )
    table.add_argument("table", type=Path, metavar="SHEET.csv|SHEET.xlsx")
    table.add_argument("-o", "--output", type=Path, required=True, metavar="SET.yaml")
    table.add_argument("--title", required=True, help="the title of the new set")
    table.add_argument("--layout", default="a6", help="house-style layout (default a6)")
    table.set_defaults(handler=_import)

    alignment = commands.add_parser(
        "alignment", help="write a test sheet to measure a printer's duplex offset"
    )
    alignment.add_argument(
        "set",
        type=Path,
        nargs="?",
        metavar="SET.yaml",
        help="the set whose sheets you will print: the test sheet takes their orientation",
    )
    alignment.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    _sheet_arguments(alignment, required=True)
    alignment.set_defaults(handler=_alignment)

    layout = commands.add_parser("layout", help="print the computed layout of every card side")
    layout.add_argument("set", type=Path, metavar="SET.yaml")
    layout.add_argument("--json", action="store_true", help="as JSON (all lengths in mm)")
    layout.set_defaults(handler=_layout)
    add_library_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        require_raqm()
        return args.handler(args)
    except CardkitError as error:
        return _fail(error.message("en"))
    except SetupError as error:
        return _fail(str(error))
    except BrokenPipeError:
        # The reader of our output went away (`... | head`): not an error of the input.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}")
    except Exception as error:  # the boundary: one line, never a traceback
        if os.environ.get("CARDKIT_DEBUG"):
            raise
        if type(error).__module__.startswith("psycopg"):
            first = str(error).strip().splitlines()[0] if str(error).strip() else ""
            return _fail(f"the library's database cannot be reached ({first})")
        return _fail(
            f"unexpected error ({type(error).__name__}: {error}); nothing was written. "
            "Please report this; CARDKIT_DEBUG=1 shows the details"
        )


def _output(args: argparse.Namespace, suffixes: tuple[str, ...]) -> Path:
    """Where a command writes: never over the set it reads, never over another set, and
    with a name that says what it holds."""
    output: Path = args.output
    source = getattr(args, "set", None) or getattr(args, "table", None)
    if (
        source is not None
        and output.exists()
        and source.exists()
        and os.path.samefile(output, source)
    ):
        raise CardkitError(
            Location(display_path(output)),
            Text(
                "is the file being read; choose another name for the output",
                "is het bestand dat gelezen wordt; kies een andere naam voor het resultaat",
            ),
        )
    _check_output_place(output, source, folder_allowed="folder" in suffixes)
    if output.suffix.lower() in (".yaml", ".yml") and ".yaml" not in suffixes:
        raise CardkitError(
            Location(display_path(output)),
            Text(
                f"is a set's file name; write to a {' or '.join(suffixes)} instead",
                f"is de naam van een set; schrijf naar een {' of '.join(suffixes)}",
            ),
        )
    return output


def _check_output_place(output: Path, source: Path | None, folder_allowed: bool) -> None:
    """Refuse, before any work, an output that is not a plain file or folder (a device,
    a pipe: a rename would replace it), a folder where a file is wanted, a place under a
    file, and a folder of images that holds the input under an image's name."""

    def refuse(en: str, nl: str) -> NoReturn:
        raise CardkitError(Location(display_path(output)), Text(en, nl))

    try:
        mode = os.stat(output).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        refuse(
            f"cannot be written ({error.strerror})",
            f"kan niet geschreven worden ({error.strerror})",
        )
    if mode is not None and stat.S_ISDIR(mode) and not folder_allowed:
        refuse("is a folder; give a file name", "is een map; geef een bestandsnaam")
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        refuse(
            "is not a plain file (a device or a pipe); choose another name",
            "is geen gewoon bestand (een apparaat of een pipe); kies een andere naam",
        )
    parent = output.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        refuse(
            f"cannot be made: {display_path(parent)} is a file",
            f"kan niet gemaakt worden: {display_path(parent)} is een bestand",
        )
    image_input = source is not None and source.suffix.lower() in (".png", ".jpg", ".jpeg")
    inside = (
        source is not None
        and image_input
        and output.is_dir()
        and source.resolve().parent == output.resolve()
    )
    if folder_allowed and inside:
        refuse(
            "holds the set being read, under an image's name; choose another folder",
            "bevat de set die gelezen wordt, onder de naam van een afbeelding; kies een andere map",
        )


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


def _report(deck: Deck, pages: Sequence[Page] | None = None) -> int:
    """Print one line per problem (overflow, empty question); exit 1 if there is any."""
    problems = _problems(deck, pages)
    for problem in problems:
        print(problem.line(), file=sys.stderr)
    return EXIT_OVERFLOW if any(problem.blocking for problem in problems) else EXIT_OK


def _problems(deck: Deck, pages: Sequence[Page] | None = None) -> list[Problem]:
    return set_problems(deck.card_set, deck.pages() if pages is None else pages, deck.layout)


def _sides(choice: str) -> tuple[Side, ...]:  # "both", "front" or "back"
    return SIDES if choice == "both" else (choice,)  # type: ignore[return-value]


def _check(args: argparse.Namespace) -> int:
    """Every set in turn, each with its own verdict; the exit code is the worst of them."""
    worst = EXIT_OK
    for path in args.sets:
        try:
            code = _check_set(path)
        except CardkitError as error:
            code = _fail(error.message("en"))
        worst = max(worst, code)
    return worst


def _check_set(path: Path) -> int:
    deck = open_deck(path)
    problems = _problems(deck)
    for problem in problems:
        print(problem.line(), file=sys.stderr)
    count = len(deck.card_set.cards)
    misfits = len({problem.card for problem in problems if problem.blocking})
    verdict = "all fit" if not misfits else f"{misfits} need attention"
    cards = f"{count} card{'s' if count != 1 else ''}"
    print(f"{deck.file}: {cards}, layout {deck.layout.name}: {verdict}")
    return EXIT_OVERFLOW if misfits else EXIT_OK


def _png(args: argparse.Namespace) -> int:
    deck = open_deck(args.set)
    if args.preset is None:
        if args.jpeg:
            return _fail("--jpeg needs --preset whatsapp|square|story (print images are PNG)")
        sides = _sides(args.side or "both")
        output = _output(args, (".zip", "folder"))
        if output.suffix.lower() == ".zip":
            with atomic_stream(output) as stream:
                pages = write_png_zip(deck, stream, sides, args.dpi, cores=usable_cores())
        else:
            with atomic_folder(output) as folder:
                pages = write_pngs(deck, folder, sides, args.dpi, cores=usable_cores())
        print(f"wrote {_count(len(pages), 'image')} to {output}")
        return _report(deck, pages)
    output = _output(args, ("folder",))
    image_format: Literal["png", "jpeg"] = "jpeg" if args.jpeg else "png"
    sides = _sides(args.side or "front")
    count = 0
    with atomic_folder(output) as folder:
        for name, data in preset_images(deck, PRESETS[args.preset], sides, image_format):
            (folder / name).write_bytes(data)
            count += 1
    print(f"wrote {_count(count, args.preset + ' image')} to {output}")
    return _report(deck)


def _share(args: argparse.Namespace) -> int:
    deck = open_deck(args.set)
    output = _output(args, (".zip",))
    data = share_bundle(deck, PRESETS[args.preset], "jpeg" if args.jpeg else "png")
    write_atomic(output, data)
    print(f"wrote {args.output} ({len(data) / 1e6:.1f} MB)")
    return _report(deck)


def _site(args: argparse.Namespace) -> int:
    deck = open_deck(args.set)
    output = _output(args, (".zip", "folder"))
    if output.suffix.lower() == ".zip":
        with atomic_stream(output) as stream:
            write_site_zip(deck, stream, cores=usable_cores())
    else:
        if output.exists() and not output.is_dir():
            return _fail(f"{args.output}: is a file; give a folder (or a .zip file)")
        check_site_folder(output)
        with replacing_folder(output) as folder:
            write_site(deck, folder, cores=usable_cores())
    pages = _count(len(deck.card_set.cards) + 1, "page")
    print(f"wrote a website of {pages} to {output}")
    return _report(deck)


def _pdf(args: argparse.Namespace) -> int:
    deck = open_deck(args.set)
    _output(args, (".pdf",))
    if args.email:
        if args.sheets or args.cmyk:
            return _fail("--email makes a file for the screen: leave out --sheets and --cmyk")
        write_atomic(args.output, email_pdf(deck))
        print(f"wrote {_count(len(deck.card_set.cards), 'page')} to {args.output}")
        return _report(deck)
    if args.sheets is None:
        if args.duplex or args.crop_marks or args.cut_lines or args.home:
            return _fail(
                "--duplex, --crop-marks, --cut-lines and --home need --sheets A4|A3|Letter"
            )
        data, pages = set_pdf(deck, cmyk=args.cmyk)
        write_atomic(args.output, data)
        print(f"wrote {_count(len(pages), 'page')} to {args.output}")
        return _report(deck, pages)
    if args.cmyk:
        return _fail("--cmyk is for the print-shop file (single cards): leave out --sheets")
    options = _sheet_options(args, crop_marks=args.crop_marks, cut_lines=args.cut_lines)
    data, sheets = sheets_pdf(deck, options)
    write_atomic(args.output, data)
    print(f"wrote {_count(len(sheets), 'page')} to {args.output}: {_describe(deck, options)}")
    return _report(deck)


def _describe(deck: Deck, options: SheetOptions) -> str:
    """'4 cards per A4 sheet (2 x 2, portrait, cards at 95 %)'."""
    grid = sheet_grid(deck, options)
    orientation = "landscape" if grid.landscape else "portrait"
    scale = f", cards at {grid.scale * 100:.0f} %" if options.home else ""
    return (
        f"{_count(grid.per_sheet, 'card')} per {options.paper} sheet "
        f"({grid.columns} x {grid.rows}, {orientation}{scale})"
    )


def _count(number: int, noun: str) -> str:
    """'1 page', '2 pages': messages people read should not say '1 pages'."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def _sheet_options(args: argparse.Namespace, **extra: bool) -> SheetOptions:
    return SheetOptions(
        paper=args.sheets,
        margin=args.margin,
        gap=getattr(args, "gap", 0.0),
        duplex=args.duplex,
        back_offset=args.back_offset,
        home=args.home,
        **extra,
    )


def _import(args: argparse.Namespace) -> int:
    """A new set from a sheet: the good rows become cards, each bad row is named."""
    if args.output.exists():
        return _fail(f"{args.output}: already exists; choose another name (nothing written)")
    name = display_path(args.table)
    size = args.table.stat().st_size if args.table.is_file() else -1
    if size < 0:
        return _fail(f"{name}: file not found")
    if size > MAX_IMPORT_BYTES:  # refused before it is read into memory
        return _fail(f"{name}: {too_big(size, MAX_IMPORT_BYTES).en}")
    card_set = CardSet(args.title, args.layout, ())
    layout = layout_for(card_set, display_path(args.output))
    preview = preview_import(read_table(name, args.table.read_bytes()), layout.kinds)
    for note in preview.notes:
        print(f"{name}: note: {note.en}", file=sys.stderr)
    for problem in preview.problems:
        print(f"{name}: {problem.line()}", file=sys.stderr)
    if not preview.cards:
        return _fail(f"{name}: no row could be imported; nothing written")
    data = set_to_yaml(replace(card_set, cards=preview.cards)).encode("utf-8")
    write_atomic(args.output, data)
    print(f"wrote {_count(len(preview.cards), 'card')} to {args.output}")
    return EXIT_OVERFLOW if preview.problems else EXIT_OK


def _alignment(args: argparse.Namespace) -> int:
    """The test sheet, for a set's sheets when a set is named (their orientation)."""
    options = _sheet_options(args)
    if args.home and args.set is None:
        return _fail("--home needs the set: the test sheet takes the orientation of its sheets")
    deck = open_deck(args.set) if args.set is not None else None
    write_atomic(_output(args, (".pdf",)), alignment_pdf(options, deck))
    pages = 2 if options.duplex else 1
    made_for = f": for {_describe(deck, options)}" if deck is not None else " (portrait)"
    print(f"wrote {_count(pages, 'page')} to {args.output}{made_for}")
    return EXIT_OK


def _layout(args: argparse.Namespace) -> int:
    deck = open_deck(args.set)
    pages = list(deck.pages())
    if args.json:
        document = pages_to_dict(pages, set=deck.card_set.title, layout=deck.layout.name)
        json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return _report(deck, pages)
    for page in pages:
        print(f"card {page.card} {page.side}: {page.width:g} x {page.height:g} mm")
        for line in page.text_lines:
            print(f"  {line.zone:<10} {line.size:>5g} pt  y {line.top:7.2f}  {line.text}")
    return _report(deck, pages)
