"""`python -m cardkit library ...`: the library for its admins, on either store. Every
command takes `--store DIR|postgresql://URL`; the default is CARDKIT_DATABASE_URL, else
CARDKIT_CONTENT_DIR, else content/.

    library init                      create or update the database's schema
    library list [--team T]           NAME<TAB>TITLE, one line per set
    library import SET.yaml [--team T]   add a set under a name made from its title
    library export NAME -o SET.yaml   the set as stored
    library copy --from STORE --to STORE   a whole library, history and deleted sets too
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cardkit.errors import CardkitError, Location, Text
from cardkit.library.atomic import write_atomic
from cardkit.library.location import default_location, is_database, open_store
from cardkit.library.store import check_space

EXIT_OK = 0
WHO = "library import"  # what the history names for a set an admin imported


def add_library_commands(commands: argparse._SubParsersAction) -> None:
    library = commands.add_parser("library", help="list, import, export and copy a library")
    actions = library.add_subparsers(dest="action", required=True, parser_class=type(library))

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=help_text)
        parser.add_argument(
            "--store", default=None, metavar="DIR|postgresql://URL",
            help="the library (default: CARDKIT_DATABASE_URL, else CARDKIT_CONTENT_DIR, "
            "else content/)",
        )  # fmt: skip
        return parser

    init = command("init", "create or update the database's schema")
    init.set_defaults(handler=_init)
    listing = command("list", "one line per set: NAME, a tab, its title")
    listing.add_argument("--team", default=None, help="only this team's sets")
    listing.set_defaults(handler=_list)
    adding = command("import", "add a set under a name made from its title")
    adding.add_argument("set", type=Path, metavar="SET.yaml")
    adding.add_argument("--team", default="", help="the team to add it to (default: the examples)")
    adding.set_defaults(handler=_import)
    export = command("export", "write a set as stored")
    export.add_argument("name", metavar="NAME")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="SET.yaml")
    export.set_defaults(handler=_export)
    copy = actions.add_parser("copy", help="copy a whole library into an empty one")
    copy.add_argument("--from", dest="source", required=True, metavar="STORE")
    copy.add_argument("--to", dest="target", required=True, metavar="STORE")
    copy.set_defaults(handler=_copy)


def _store(args: argparse.Namespace):
    return open_store(args.store or default_location())


def _team(team: str | None) -> str | None:
    if team is not None:
        check_space(team, strict=True)
    return team


def _init(args: argparse.Namespace) -> int:
    location = args.store or default_location()
    store = open_store(location)  # a database store migrates as it opens
    if is_database(location):
        from cardkit.library.postgres import PostgresStore

        assert isinstance(store, PostgresStore)
        print(f"schema at version {store.init()}")
    else:
        print(f"{location}: a folder library needs no schema")
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    store = _store(args)
    team = _team(args.team)
    spaces = [team] if team is not None else store.spaces()
    for space in spaces:
        for entry in store.list_sets(space):
            print(f"{entry.name}\t{entry.title}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from cardkit.deck import open_deck

    deck = open_deck(args.set)  # the whole set checked: layout, logo, limits
    stored = _store(args).create(deck.card_set, space=_team(args.team) or "", who=WHO)
    print(stored.name)
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    data = _store(args).raw(args.name)
    output: Path = args.output
    if output.is_dir():
        raise CardkitError(
            Location(str(output)), Text("is a folder; give a file name", "is een map")
        )
    write_atomic(output, data)
    print(f"wrote {args.name} to {output}", file=sys.stderr)
    return EXIT_OK


def _copy(args: argparse.Namespace) -> int:
    from cardkit.library.copying import copy_library

    if args.source == args.target:
        raise CardkitError(
            Location(args.target),
            Text("is the library being copied", "is de bibliotheek die gekopieerd wordt"),
        )
    spaces = copy_library(open_store(args.source), open_store(args.target))
    print(f"copied {len(spaces)} space{'s' if len(spaces) != 1 else ''}", file=sys.stderr)
    return EXIT_OK
