"""Read YAML files safely into schema nodes; every failure names the file (and line)."""

from __future__ import annotations

from pathlib import Path

import yaml

from cardkit.errors import CardkitError, Location, Text
from cardkit.limits import MAX_YAML_ALIASES, MAX_YAML_DEPTH
from cardkit.paths import display_path
from cardkit.read.schema import Node

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml_file(path: Path, *, max_bytes: int, display: str | None = None) -> Node:
    """Load a YAML file no larger than `max_bytes`; errors name the file as `display`."""
    name = display or display_path(path)
    where = Location(name)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise CardkitError(where, Text("file not found", "bestand niet gevonden")) from None
    except OSError as error:
        raise CardkitError(where, _os_problem(error)) from None
    if path.is_dir():
        raise CardkitError(where, Text("is a folder, not a file", "is een map, geen bestand"))
    if size > max_bytes:
        raise CardkitError(where, too_big(size, max_bytes))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CardkitError(where, _os_problem(error)) from None
    return parse_yaml(data, name)


def parse_yaml(data: bytes | str, name: str) -> Node:
    """Parse YAML text (bytes must be UTF-8) into a root node for file `name`."""
    where = Location(name)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CardkitError(
                where,
                Text(
                    f"is not UTF-8 text (byte {error.start + 1}); save it as UTF-8",
                    f"is geen UTF-8-tekst (byte {error.start + 1}); sla het op als UTF-8",
                ),
            ) from None
    try:
        _check_shape(data, where)
        value = yaml.load(data, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise CardkitError(where, _syntax_problem(error)) from None
    except yaml.YAMLError as error:
        raise CardkitError(
            where, Text(f"not valid YAML: {error}", f"geen geldige YAML: {error}")
        ) from None
    return Node.root(value, name)


def _check_shape(text: str, where: Location) -> None:
    """Refuse alias bombs and absurd nesting before anything walks the document."""
    aliases = depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise CardkitError(
                    where,
                    Text(
                        f"uses more than {MAX_YAML_ALIASES} YAML aliases (*name); "
                        "write the values out",
                        f"gebruikt meer dan {MAX_YAML_ALIASES} YAML-verwijzingen (*naam); "
                        "schrijf de waarden uit",
                    ),
                )
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise CardkitError(
                    where,
                    Text(
                        f"is nested more than {MAX_YAML_DEPTH} levels deep",
                        f"is meer dan {MAX_YAML_DEPTH} niveaus diep genest",
                    ),
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def too_big(size: int, max_bytes: int) -> Text:
    return Text(
        f"file is {size / 1e6:.1f} MB; at most {max_bytes / 1e6:.0f} MB is accepted",
        f"bestand is {size / 1e6:.1f} MB; hoogstens {max_bytes / 1e6:.0f} MB is toegestaan",
    )


def _syntax_problem(error: yaml.MarkedYAMLError) -> Text:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "syntax error"
    if mark is None:
        return Text(f"YAML syntax error: {problem}", f"fout in de YAML-opmaak: {problem}")
    line, column = mark.line + 1, mark.column + 1
    return Text(
        f"line {line}, column {column}: YAML syntax error: {problem}",
        f"regel {line}, kolom {column}: fout in de YAML-opmaak: {problem}",
    )


def _os_problem(error: OSError) -> Text:
    reason = error.strerror or type(error).__name__
    return Text(f"cannot be read ({reason})", f"kan niet gelezen worden ({reason})")
