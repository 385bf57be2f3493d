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
    site: str = ""  # where the set's website (cardkit.output.site) is published

    def card_link(self, number: int) -> str:
        """Where card `number`'s QR code leads: its own page on the set's website when the
        set says where that is, else the set's link."""
        if not self.site:
            return self.link
        return site_folder(self.site) + card_page(number)


def card_page(number: int) -> str:
    """`kaart-03.html`: card `number`'s page on the set's website. At least two digits,
    never more as the set grows: an address printed on a card must keep working."""
    return f"kaart-{number:02d}.html"


def site_folder(site: str) -> str:
    """The folder of a website's address, ending in "/", so a page name can follow it:
    `https://example.org/set`, `.../set/` and `.../set/index.html` all mean `.../set/`."""
    scheme, _, rest = site.partition("://")
    host, _, path = rest.partition("/")
    segments = path.split("/") if path else []
    if segments and segments[-1].lower().endswith((".html", ".htm")):
        segments[-1] = ""
    folder = "/".join(segments)
    if folder and not folder.endswith("/"):
        folder += "/"
    return f"{scheme}://{host}/{folder}"
