"""Edits to a question set as pure functions: each returns a new set, the old one untouched."""

from __future__ import annotations

from dataclasses import replace

from cardkit.errors import CardkitError, Text, nl_number
from cardkit.limits import MAX_CARDS_PER_SET
from cardkit.model import Card, CardSet

NEW_CARD = Card(kind="denk", question="")


def _check_room(card_set: CardSet, extra: int = 1) -> None:
    """Every edit that adds cards asks here: a set never grows past the limit."""
    if len(card_set.cards) + extra > MAX_CARDS_PER_SET:
        raise CardkitError(
            None,
            Text(
                f"a set holds at most {MAX_CARDS_PER_SET:,} cards",
                f"een set heeft hoogstens {nl_number(MAX_CARDS_PER_SET)} kaartjes",
            ),
        )


def insert_card(card_set: CardSet, index: int, card: Card = NEW_CARD) -> CardSet:
    """`card` inserted at position `index` (0-based; len(cards) appends)."""
    _check_room(card_set)
    cards = list(card_set.cards)
    cards.insert(max(0, min(index, len(cards))), card)
    return replace(card_set, cards=tuple(cards))


def add_cards(card_set: CardSet, new: tuple[Card, ...]) -> CardSet:
    """`new` cards after the set's own."""
    _check_room(card_set, len(new))
    return replace(card_set, cards=card_set.cards + new)


def replace_cards(card_set: CardSet, new: tuple[Card, ...]) -> CardSet:
    """The set with `new` cards instead of its own."""
    _check_room(replace(card_set, cards=()), len(new))
    return replace(card_set, cards=new)


def duplicate_card(card_set: CardSet, index: int) -> CardSet:
    """A copy of card `index` right after it."""
    return insert_card(card_set, index + 1, card_set.cards[index])


def delete_card(card_set: CardSet, index: int) -> CardSet:
    cards = list(card_set.cards)
    del cards[index]
    return replace(card_set, cards=tuple(cards))


def move_card(card_set: CardSet, index: int, offset: int) -> tuple[CardSet, int]:
    """Card `index` moved by `offset` places (clamped to the set); returns its new index."""
    target = max(0, min(len(card_set.cards) - 1, index + offset))
    cards = list(card_set.cards)
    cards.insert(target, cards.pop(index))
    return replace(card_set, cards=tuple(cards)), target


def update_card(card_set: CardSet, index: int, **fields: str) -> CardSet:
    """Card `index` with some of its fields (kind, title, question, hint, moment) changed."""
    cards = list(card_set.cards)
    cards[index] = replace(cards[index], **fields)
    return replace(card_set, cards=tuple(cards))
