"""Read YAML files safely into schema nodes; every failure names the file (and line).

Scalars keep the text a person wrote. PyYAML follows YAML 1.1, where `10:30` is the number
630, `010` is 8 and `yes` is true; here only `true`/`false` and `null`/`~` (YAML 1.2's
core words) are read as more than text, and numbers stay text until a field that
expects a number reads them (`schema.Node.number`). A key given twice is an error that
names both lines, and the size and shape of a document are checked while it is parsed,
before any large object exists.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable
from pathlib import Path
from typing import ClassVar

import yaml

from cardkit.errors import CardkitError, Location, Text, nl_number
from cardkit.limits import MAX_YAML_ALIASES, MAX_YAML_DEPTH, MAX_YAML_NODES
from cardkit.paths import display_path
from cardkit.read.files import read_plain_file
from cardkit.read.schema import Node

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser is ten times faster


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loading with YAML 1.2's core words for true, false and null, text for the rest,
    and no key given twice."""

    yaml_implicit_resolvers: ClassVar[dict] = {}  # filled below: 1.2 core words only

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[object, yaml.Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be a name, not a list or a mapping",
                    key_node.start_mark,
                )  # fmt: skip
            if isinstance(key, str) and key in seen:
                raise _DuplicateKey(key, seen[key].start_mark.line + 1, key_node.start_mark)
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


def _as_written(loader: _Loader, node: yaml.ScalarNode) -> str:
    """A number tagged explicitly (!!int 0x1F, !!float 1e400) stays the text that was
    written: a number field reads it as one, with its own limits."""
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _as_written)
_Loader.add_constructor("tag:yaml.org,2002:float", _as_written)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _DuplicateKey(yaml.MarkedYAMLError):
    def __init__(self, key: str, first_line: int, mark: yaml.Mark) -> None:
        super().__init__(problem=f'duplicate key "{key}"', problem_mark=mark)
        self.key, self.first_line = key, first_line


def read_yaml_file(path: Path, *, max_bytes: int, display: str | None = None) -> Node:
    """Load a YAML file no larger than `max_bytes`; errors name the file as `display`."""
    name = display or display_path(path)
    return parse_yaml(read_plain_file(path, name, max_bytes), name)


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
    except _DuplicateKey as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 0
        raise CardkitError(
            where,
            Text(
                f'line {line}: the key "{error.key}" is given twice (also on line '
                f"{error.first_line}); keep one",
                f'regel {line}: het veld "{error.key}" staat er twee keer in (ook op regel '
                f"{error.first_line}); houd er één",
            ),
        ) from None
    except yaml.MarkedYAMLError as error:
        raise CardkitError(where, _syntax_problem(error)) from None
    except yaml.reader.ReaderError as error:
        # A character YAML refuses (NUL, say): named as the other checks name characters.
        char = chr(error.character) if isinstance(error.character, int) else str(error.character)
        what = unicodedata.name(char, f"U+{ord(char):04X}") if len(char) == 1 else char
        raise CardkitError(
            where,
            Text(
                f"character {error.position + 1} is {what}, which a set cannot hold",
                f"teken {error.position + 1} is {what}, dat niet in een set kan staan",
            ),
        ) from None
    except yaml.YAMLError as error:
        text = " ".join(str(error).split())[:200]  # one line, never a document
        raise CardkitError(
            where, Text(f"not valid YAML: {text}", f"geen geldige YAML: {text}")
        ) from None
    return Node.root(value, name)


def _check_shape(text: str, where: Location) -> None:
    """Refuse alias bombs, absurd nesting and documents of far too many values while the
    text is parsed, before anything builds or walks the document."""
    aliases = depth = nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_YAML_NODES:
                raise CardkitError(
                    where,
                    Text(
                        f"holds more than {MAX_YAML_NODES:,} values; a set of "
                        "question cards is far smaller",
                        f"bevat meer dan {nl_number(MAX_YAML_NODES)} waarden; een set "
                        "vragen is veel kleiner",
                    ),
                )
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
