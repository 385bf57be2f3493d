"""Load house-style layouts from `layouts/*.yaml`: find them, resolve `extends`, validate,
and build a Layout (cached per version of the files).

Inheritance is resolved here and only here: parents are merged left to right, the
child last; mappings merge key by key, lists are replaced, and `null` removes an
inherited key. Each file is type-checked on its own first (so a mistake names the
file that holds it), then the merged result is checked as a whole.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from cardkit.errors import CardkitError, Location, Text
from cardkit.limits import MAX_LAYOUT_FILE_BYTES
from cardkit.paths import LAYOUTS_DIR, display_path
from cardkit.read.layout_build import build_layout
from cardkit.read.layout_schema import LAYOUT, NAME_PATTERN
from cardkit.read.schema import Node
from cardkit.read.style import Layout
from cardkit.read.yamlio import read_yaml_file

DEFAULT_LAYOUT = "a6"


def layout_exists(name: str, directory: Path = LAYOUTS_DIR) -> bool:
    """Whether a layout file of that name exists (without reading any layout)."""
    return bool(NAME_PATTERN.match(name)) and (directory / f"{name}.yaml").is_file()


def layout_names(directory: Path = LAYOUTS_DIR) -> list[str]:
    """Names of the complete layouts (not partial ones) in `directory`, sorted."""
    return list(_layout_names_cached(directory.resolve(), _stamp(directory)))


def _stamp(directory: Path) -> tuple[tuple[str, int], ...]:
    """Which layout files exist, and which version of each: a cache key that notices edits."""
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in directory.glob("*.yaml")))


@lru_cache(maxsize=8)
def _layout_names_cached(directory: Path, _stamp: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    names = []
    for path in sorted(directory.glob("*.yaml"), key=lambda p: p.stem):
        try:
            node = read_yaml_file(path, max_bytes=MAX_LAYOUT_FILE_BYTES)
        except CardkitError:
            names.append(path.stem)  # listed, so that choosing it shows what is wrong
            continue
        if not (isinstance(node.value, dict) and node.value.get("partial") is True):
            names.append(path.stem)
    return tuple(names)


def load_layout(name: str, directory: Path = LAYOUTS_DIR) -> Layout:
    """The validated layout `name` (a file stem in `directory`), with its parents merged in."""
    return _load_layout_cached(name, directory.resolve(), _stamp(directory))


@lru_cache(maxsize=32)
def _load_layout_cached(name: str, directory: Path, _stamp: tuple[Any, ...]) -> Layout:
    path = _layout_path(name, directory, None)
    merged = _resolve(name, directory, ())
    node = Node.root(merged, display_path(path))
    if merged.get("partial") is True:
        node.child("partial").fail(
            Text(
                "this layout is partial: it only adds to others; choose a layout that extends it",
                "deze opmaak is een aanvulling; kies een opmaak die hem gebruikt",
            )
        )
    values = LAYOUT.read(node)
    return build_layout(name, node, values)


def _layout_path(name: str, directory: Path, referrer: Node | None) -> Path:
    path = directory / f"{name}.yaml"
    if NAME_PATTERN.match(name) and path.is_file():
        return path
    known = ", ".join(sorted(p.stem for p in directory.glob("*.yaml"))) or "none"
    problem = Text(
        f'no layout named "{name}" (known: {known})',
        f'er is geen opmaak "{name}" (bekend: {known})',
    )
    if referrer is None:
        raise CardkitError(Location(display_path(directory)), problem)
    referrer.fail(problem)


def _resolve(name: str, directory: Path, chain: tuple[str, ...]) -> dict[str, Any]:
    """The raw layout `name` with every parent merged in; cycles are errors."""
    path = _layout_path(name, directory, None)
    node = read_yaml_file(path, max_bytes=MAX_LAYOUT_FILE_BYTES)
    LAYOUT.read(node, partial=True)
    parents = _parents(node)
    merged: dict[str, Any] = {}
    for parent, parent_node in parents:
        if parent == name or parent in chain:
            cycle = " → ".join((*chain, name, parent))
            parent_node.fail(
                Text(
                    f"layouts extend each other in a circle: {cycle}",
                    f"opmaken verwijzen in een kring naar elkaar: {cycle}",
                )
            )
        _layout_path(parent, directory, parent_node)
        merged = deep_merge(merged, _resolve(parent, directory, (*chain, name)))
    own = {key: value for key, value in node.value.items() if key != "extends"}
    if parents:
        own.setdefault("partial", False)  # being partial is not inherited
    return deep_merge(merged, own)


def _parents(node: Node) -> list[tuple[str, Node]]:
    extends = node.child("extends")
    if extends.missing:
        return []
    what = Text("a layout name or a list of layout names", "een opmaaknaam of een lijst daarvan")
    if isinstance(extends.value, str):
        return [(extends.value, extends)]
    if not isinstance(extends.value, list):
        extends.expect(what)
    parents = []
    for item in extends.items():
        if not isinstance(item.value, str):
            item.expect(what)
        parents.append((item.value, item))
    return parents


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Mappings merge key by key; other values (lists too) are replaced; None removes a key."""
    result = dict(base)
    for key, value in override.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = value
    return result
