"""Typed reading of parsed YAML: each value knows its file and key path, and fails with both."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator, Mapping
from typing import Any, NoReturn

from cardkit.errors import CardkitError, Location, Text, nl_number
from cardkit.limits import MAX_NUMBER_CHARS

ANY_TEXT = Text("text", "tekst")


def describe_value(value: Any) -> Text:
    """Say what a YAML value is, for 'expected X, got Y' messages."""
    if value is None:
        return Text("nothing", "niets")
    if isinstance(value, bool):
        word = "true" if value else "false"
        return Text(f"yes/no ({word})", f"ja/nee ({word})")
    if isinstance(value, int | float):
        return Text(f"{value}", f"{value}")
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return Text(f'"{shown}"', f'"{shown}"')
    if isinstance(value, list):
        return Text("a list", "een lijst")
    if isinstance(value, dict):
        return Text("a mapping of keys", "een lijst met velden")
    return Text(type(value).__name__, type(value).__name__)


class Node:
    """A parsed YAML value together with the place it came from."""

    def __init__(self, value: Any, location: Location) -> None:
        self.value = value
        self.location = location

    @classmethod
    def root(cls, value: Any, file: str) -> Node:
        return cls(value, Location(file))

    # --- navigation -------------------------------------------------------

    def child(self, key: str, label: Text | None = None) -> Node:
        segment = label or Text(key, key)
        value = self.value.get(key) if isinstance(self.value, dict) else None
        return Node(value, Location(self.location.file, (*self.location.path, segment)))

    def items(self, label: Text | None = None) -> Iterator[Node]:
        """The members of a list; `label` names them ("card 3") instead of `[3]`."""
        if not isinstance(self.value, list):
            self.expect(Text("a list", "een lijst"))
        path = self.location.path
        for index, value in enumerate(self.value, start=1):
            if label:  # "card 3" stands for the whole "cards[3]"
                where = (*path[:-1], Text(f"{label.en} {index}", f"{label.nl} {index}"))
            else:
                where = (*path, Text(f"[{index}]", f"[{index}]"))
            yield Node(value, Location(self.location.file, where))

    # --- failing ----------------------------------------------------------

    def fail(self, problem: Text) -> NoReturn:
        raise CardkitError(self.location, problem)

    def expect(self, what: Text) -> NoReturn:
        got = describe_value(self.value)
        self.fail(
            Text(f"expected {what.en}, got {got.en}", f"verwacht {what.nl}, maar kreeg {got.nl}")
        )

    # --- shapes -----------------------------------------------------------

    @property
    def missing(self) -> bool:
        return self.value is None

    def mapping(
        self,
        allowed: Collection[str],
        required: Collection[str] = (),
        dutch: Mapping[str, str] | None = None,
    ) -> dict[str, Node]:
        """Check that this is a mapping with only `allowed` keys and all `required` ones.
        `dutch` names the keys in Dutch messages (question: vraag)."""
        if not isinstance(self.value, dict):
            self.expect(Text("a mapping of keys", "een lijst met velden"))
        for key in self.value:
            if not isinstance(key, str):
                self.fail(Text(f"key {key!r} is not a name", f"veldnaam {key!r} is geen naam"))
            if key not in allowed:
                self.fail(unknown_key(key, allowed))
        names = dutch or {}
        for key in required:
            if self.value.get(key) is None:
                # The Dutch name, and the key as the file spells it, for whoever edits YAML.
                name = f'"{names[key]}" ({key})' if key in names else f'"{key}"'
                self.fail(Text(f'missing key "{key}"', f"het veld {name} ontbreekt"))
        return {key: self.child(key, Text(key, names.get(key, key))) for key in self.value}

    def names(self) -> dict[str, Node]:
        """A mapping whose keys are free names (palette colours, zones, layouts)."""
        if not isinstance(self.value, dict):
            self.expect(Text("a mapping of names", "een lijst met namen"))
        for key in self.value:
            if not isinstance(key, str) or not key:
                self.fail(Text(f"name {key!r} is not text", f"naam {key!r} is geen tekst"))
        return {key: self.child(key) for key in self.value}

    # --- scalars ----------------------------------------------------------

    def text(self, *, max_chars: int | None = None, allow_empty: bool = True) -> str:
        """A piece of text; numbers are taken as written (a title "2030" parses as a number)."""
        value = self.value
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.expect(ANY_TEXT)
        text = value if isinstance(value, str) else str(value)
        if not allow_empty and not text.strip():
            self.fail(Text("must not be empty", "mag niet leeg zijn"))
        if max_chars is not None and len(text) > max_chars:
            self.fail(
                Text(
                    f"is {len(text):,} characters long; at most {max_chars:,} fit on a card",
                    f"is {nl_number(len(text))} tekens lang; "
                    f"er passen er hoogstens {nl_number(max_chars)} op een kaart",
                )
            )
        return text

    def number(
        self, what: Text, *, minimum: float | None = None, maximum: float | None = None
    ) -> float:
        value = _as_number(self.value)
        if value is None:
            self.expect(what)
        if value != value or value in (float("inf"), float("-inf")):
            self.expect(what)
        if minimum is not None and value < minimum:
            self.fail(Text(f"must be at least {minimum:g}", f"moet minstens {minimum:g} zijn"))
        if maximum is not None and value > maximum:
            self.fail(Text(f"must be at most {maximum:g}", f"mag hoogstens {maximum:g} zijn"))
        return float(value)

    def integer(self, what: Text, *, minimum: int | None = None) -> int:
        value = _as_number(self.value)
        if not isinstance(value, int):
            self.expect(what)
        if minimum is not None and value < minimum:
            self.fail(Text(f"must be at least {minimum}", f"moet minstens {minimum} zijn"))
        return value

    def choice(self, options: Collection[str]) -> str:
        if not isinstance(self.value, str) or self.value not in options:
            listed = ", ".join(options)
            self.expect(Text(f"one of {listed}", f"een van {listed}"))
        return self.value


# YAML 1.2's core numbers, written as a person writes them: 12, -3, 0.5, 1e3, 0x1F, 0o17.
_INTEGER = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_BASED = re.compile(r"^0(?:x[0-9a-fA-F]+|o[0-7]+)$")


def _as_number(value: Any) -> int | float | None:
    """A number from a YAML value (text as written, or a number), or None if it is not
    one. Text longer than MAX_NUMBER_CHARS is never parsed (a 5,000-digit integer costs
    time and no layout needs one)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if not isinstance(value, str) or len(value) > MAX_NUMBER_CHARS:
        return None
    text = value.strip()
    if _INTEGER.match(text):
        return int(text)
    if _BASED.match(text):
        return int(text, 0)
    if _FLOAT.match(text):
        return float(text)
    return None


def unknown_key(key: str, allowed: Collection[str]) -> Text:
    """Name the unknown key, suggest the closest allowed one, list the rest."""
    listed = ", ".join(sorted(allowed))
    close = difflib.get_close_matches(key[:100], list(allowed), n=1)
    key = key if len(key) <= 40 else key[:40] + "…"  # the message stays one short line
    if close:
        return Text(
            f'unknown key "{key}" (did you mean "{close[0]}"?)',
            f'onbekend veld "{key}" (bedoel je "{close[0]}"?)',
        )
    return Text(
        f'unknown key "{key}"; expected one of: {listed}',
        f'onbekend veld "{key}"; toegestaan zijn: {listed}',
    )
