"""A set being edited in the designer: its file, the version it started from, and the edits.

Plain data and pure transitions, so the page script only wires widgets to them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from cardkit.library import editing, store
from cardkit.model import Card, CardSet


@dataclass(frozen=True)
class Draft:
    path: Path
    card_set: CardSet
    saved: CardSet  # the set as last read from or written to disk
    fingerprint: store.Fingerprint | None
    selected: int = 0

    @classmethod
    def open(cls, path: Path) -> Draft:
        card_set, stamp = store.read_set(path)
        return cls(path, card_set, card_set, stamp)

    @property
    def unsaved(self) -> bool:
        return self.card_set != self.saved

    @property
    def card(self) -> Card | None:
        cards = self.card_set.cards
        return cards[self.selected] if 0 <= self.selected < len(cards) else None

    def edit(self, card_set: CardSet, selected: int | None = None) -> Draft:
        chosen = self.selected if selected is None else selected
        chosen = max(0, min(chosen, len(card_set.cards) - 1))
        return replace(self, card_set=card_set, selected=chosen)

    def select(self, index: int) -> Draft:
        return self.edit(self.card_set, index)

    def update_card(self, **fields: str) -> Draft:
        return self.edit(editing.update_card(self.card_set, self.selected, **fields))

    def add_card(self) -> Draft:
        after = self.selected + 1 if self.card_set.cards else 0
        return self.edit(editing.insert_card(self.card_set, after), after)

    def duplicate_card(self) -> Draft:
        return self.edit(editing.duplicate_card(self.card_set, self.selected), self.selected + 1)

    def delete_card(self) -> Draft:
        return self.edit(editing.delete_card(self.card_set, self.selected))

    def move_card(self, offset: int) -> Draft:
        card_set, index = editing.move_card(self.card_set, self.selected, offset)
        return self.edit(card_set, index)

    def save(self, directory: Path) -> Draft:
        """Write the edits; raises store.SaveConflict if the file changed meanwhile."""
        stamp = store.save_set(directory, self.path, self.card_set, self.fingerprint)
        return replace(self, saved=self.card_set, fingerprint=stamp)

    def save_copy(self, directory: Path) -> Draft:
        path, copy, stamp = store.save_copy(directory, self.card_set)
        return Draft(path, copy, copy, stamp, self.selected)

    def rename(self, directory: Path, title: str) -> Draft:
        path, renamed, stamp = store.rename_set(
            directory, self.path, self.card_set, title, self.fingerprint
        )
        return Draft(path, renamed, renamed, stamp, self.selected)
