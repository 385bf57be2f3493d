"""Question sets as data: a card, a set of cards, and the one table of a card's fields.

Every stage speaks of a card's fields through `CARD_FIELDS`: the YAML reader and writer,
the spreadsheet import, the writing aid, the previews and the designer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CardField:
    """One field of a card: its YAML key (and attribute), its Dutch name, and the column
    headers a spreadsheet may give it (Dutch and English)."""

    key: str
    dutch: str
    headers: tuple[str, ...]


CARD_FIELDS: tuple[CardField, ...] = (
    CardField("kind", "soort", ("soort", "kind", "type", "kaartsoort", "kaart")),
    CardField("title", "titel", ("titel", "title", "kop")),
    CardField("question", "vraag", ("vraag", "question", "vragen", "opdracht")),
    CardField("hint", "toelichting", ("toelichting", "hint", "uitleg", "tip")),
    CardField("moment", "moment", ("moment", "wanneer", "when")),
)
CARD_KEYS = tuple(field.key for field in CARD_FIELDS)
TEXT_FIELDS = tuple(key for key in CARD_KEYS if key != "kind")  # what a person writes
DUTCH_FIELD_NAMES = {field.key: field.dutch for field in CARD_FIELDS}


@dataclass(frozen=True)
class Card:
    kind: str
    question: str
    title: str = ""
    hint: str = ""
    moment: str = ""

    def text(self, key: str) -> str:
        """The text of field `key` (one of TEXT_FIELDS)."""
        return getattr(self, key)


@dataclass(frozen=True)
class CardSet:
    title: str
    layout: str
    cards: tuple[Card, ...]
    link: str = ""
    logo: str = ""  # an image file, relative to the folder of the set file
