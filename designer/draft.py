"""A set being edited in the designer: its name, the version it was opened at, the set as
stored and as edited, and the selected card. Plain data and pure transitions."""

from __future__ import annotations

from dataclasses import dataclass, replace

from cardkit.library import editing
from cardkit.library.store import StoredSet
from cardkit.model import Card, CardSet


@dataclass(frozen=True)
class Draft:
    name: str
    card_set: CardSet
    saved: CardSet  # the set as last read from or written to the library
    version: str | None  # the stored version the edits started from
    selected: int = 0

    @classmethod
    def of(cls, stored: StoredSet, selected: int = 0) -> Draft:
        draft = cls(stored.name, stored.card_set, stored.card_set, stored.version)
        return draft.select(selected)

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

    def stored(self, stored: StoredSet) -> Draft:
        """The draft once its edits are in the library as `stored`."""
        return replace(self, name=stored.name, card_set=stored.card_set, saved=stored.card_set,
                       version=stored.version)  # fmt: skip

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
