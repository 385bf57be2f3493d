"""Open a question set together with its layout, checked against each other."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cardkit.content import CardSet, check_kinds, load_set
from cardkit.errors import CardkitError, Location, Text
from cardkit.layouts import layout_names, load_layout
from cardkit.paths import LAYOUTS_DIR, display_path
from cardkit.style import Layout


@dataclass(frozen=True)
class LoadedSet:
    """A validated set, its layout, and the name of the file it came from."""

    card_set: CardSet
    layout: Layout
    file: str


def open_set(path: Path, layouts_dir: Path = LAYOUTS_DIR) -> LoadedSet:
    file = display_path(path)
    card_set = load_set(path, display=file)
    return LoadedSet(card_set, layout_for(card_set, file, layouts_dir), file)


def layout_for(card_set: CardSet, file: str, layouts_dir: Path = LAYOUTS_DIR) -> Layout:
    """The set's layout; an unknown name is the set file's error, not the layouts'."""
    known = layout_names(layouts_dir)
    if card_set.layout not in known:
        raise CardkitError(
            Location(file, (Text("layout", "opmaak"),)),
            Text(
                f'no layout named "{card_set.layout}" (known: {", ".join(known)})',
                f'er is geen opmaak "{card_set.layout}" (bekend: {", ".join(known)})',
            ),
        )
    layout = load_layout(card_set.layout, layouts_dir)
    check_kinds(card_set, layout, file)
    return layout
