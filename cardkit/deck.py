"""The Deck: a question set opened with its house-style layout and logo, checked against each
other. Every stage after reading takes a Deck: layout, checks, rendering and output."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cardkit.display import SIDES, Page, Side
from cardkit.errors import CardkitError, Location, Text
from cardkit.layout.card import lay_out_side, side_text
from cardkit.model import CardSet
from cardkit.paths import LAYOUTS_DIR, display_path
from cardkit.read.images import Logo, resolve_logo
from cardkit.read.layouts import layout_exists, layout_names, load_layout
from cardkit.read.sets import check_kinds, load_set
from cardkit.read.style import Layout


@dataclass(frozen=True)
class Deck:
    """A validated set, its layout, the name of its file, and its checked logo, if any.

    Each card side is laid out once per Deck, when first asked for: an export, the check
    of the same set and the report after it share the display lists."""

    card_set: CardSet
    layout: Layout
    file: str
    logo: Logo | None = None
    _laid_out: dict[tuple[int, Side], Page] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def page(self, number: int, side: Side) -> Page:
        """The display list of card `number` (1-based), front or back."""
        key = (number, side)
        page = self._laid_out.get(key)
        if page is None:
            page = self._laid_out[key] = lay_out_side(
                self.card_set, self.layout, number, side, self.logo
            )
        return page

    def side_text(self, number: int, side: Side) -> str:
        """The words on card `number`'s side, a line per zone: an image's description."""
        return side_text(self.card_set, self.layout, number, side)

    def pages(self, sides: tuple[Side, ...] = SIDES) -> Iterator[Page]:
        """Every card side in set order: card 1 front, card 1 back, card 2 front, ..."""
        for number in range(1, len(self.card_set.cards) + 1):
            for side in sides:
                yield self.page(number, side)


def open_deck(path: Path, layouts_dir: Path = LAYOUTS_DIR) -> Deck:
    file = display_path(path)
    card_set = load_set(path, display=file)
    layout = layout_for(card_set, file, layouts_dir)
    return Deck(card_set, layout, file, logo_for(card_set, path.parent, file))


def logo_for(card_set: CardSet, folder: Path, file: str) -> Logo | None:
    """The set's logo, found relative to the folder of the set file and checked."""
    if not card_set.logo:
        return None
    return resolve_logo(folder, card_set.logo, Location(file, (Text("logo", "logo"),)))


def layout_for(card_set: CardSet, file: str, layouts_dir: Path = LAYOUTS_DIR) -> Layout:
    """The set's layout; an unknown name is the set file's error, not the layouts'."""
    if not layout_exists(card_set.layout, layouts_dir):
        known = layout_names(layouts_dir)
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
