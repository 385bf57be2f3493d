"""Declarative field types for YAML: each reads a node and converts it, or fails naming its place.

A `Struct` checked with `partial=True` only checks the keys that are present, so a
layout that extends another can be checked on its own before the two are merged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cardkit.errors import Text
from cardkit.read.schema import Node

TEXT = Text("text", "tekst")
YES_NO = Text("yes or no (true/false)", "ja of nee (true/false)")
MAPPING = Text("a mapping of keys", "een lijst met velden")


class Field:
    what: Text = Text("a value", "een waarde")

    def read(self, node: Node, partial: bool = False) -> Any:
        raise NotImplementedError


class Unchecked(Field):
    """A value checked elsewhere (for example `extends`, which the layout resolver reads)."""

    def read(self, node: Node, partial: bool = False) -> Any:
        return node.value


@dataclass(frozen=True)
class Number(Field):
    what: Text
    minimum: float | None = None
    maximum: float | None = None

    def read(self, node: Node, partial: bool = False) -> float:
        return node.number(self.what, minimum=self.minimum, maximum=self.maximum)


@dataclass(frozen=True)
class Integer(Field):
    what: Text
    minimum: int | None = None

    def read(self, node: Node, partial: bool = False) -> int:
        return node.integer(self.what, minimum=self.minimum)


@dataclass(frozen=True)
class TextValue(Field):
    what: Text = TEXT
    allow_empty: bool = True
    check: Callable[[str], Text | None] | None = None

    def read(self, node: Node, partial: bool = False) -> str:
        text = node.text(allow_empty=self.allow_empty)
        problem = self.check(text) if self.check else None
        if problem is not None:
            node.fail(problem)
        return text


@dataclass(frozen=True)
class Choice(Field):
    options: tuple[str, ...]

    def read(self, node: Node, partial: bool = False) -> str:
        return node.choice(self.options)


@dataclass(frozen=True)
class Boolean(Field):
    what: Text = YES_NO

    def read(self, node: Node, partial: bool = False) -> bool:
        if not isinstance(node.value, bool):
            node.expect(self.what)
        return node.value


@dataclass(frozen=True)
class ListOf(Field):
    item: Field
    min_items: int = 0

    def read(self, node: Node, partial: bool = False) -> list[Any]:
        values = [self.item.read(child, partial) for child in node.items()]
        if len(values) < self.min_items:
            node.fail(
                Text(
                    f"needs at least {self.min_items} item(s)",
                    f"heeft minstens {self.min_items} onderdeel/onderdelen nodig",
                )
            )
        return values


@dataclass(frozen=True)
class NameMap(Field):
    """A mapping from free names to values of one type (palette, zones, kinds)."""

    value: Field

    def read(self, node: Node, partial: bool = False) -> dict[str, Any]:
        return {
            name: self.value.read(child, partial)
            for name, child in node.names().items()
            if not (partial and child.missing)
        }


@dataclass(frozen=True)
class Struct(Field):
    """A mapping with known keys; unknown keys are errors that name the key."""

    fields: Mapping[str, Field]
    required: tuple[str, ...] = ()
    validate: Callable[[Node, dict[str, Any]], None] | None = None
    what: Text = MAPPING

    def read(self, node: Node, partial: bool = False) -> dict[str, Any]:
        children = node.mapping(self.fields, () if partial else self.required)
        values = {}
        for key, child in children.items():
            if child.missing:
                # null: an optional key left empty, or one that removes an inherited value
                continue
            values[key] = self.fields[key].read(child, partial)
        if self.validate and not partial:
            self.validate(node, values)
        return values
