"""Question sets (`content/*.yaml`): YAML in, a validated CardSet out, and back to YAML."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

from cardkit.errors import CardkitError, Location, Text, nl_number
from cardkit.limits import (
    MAX_CARDS_PER_SET,
    MAX_FIELD_CHARS,
    MAX_LINK_CHARS,
    MAX_SET_FILE_BYTES,
    MAX_SITE_CHARS,
    MAX_TITLE_CHARS,
)
from cardkit.model import (
    CARD_KEYS,
    DUTCH_FIELD_NAMES,
    TEXT_FIELDS,
    Card,
    CardSet,
    card_page,
    site_folder,
)
from cardkit.read.files import too_big
from cardkit.read.invisible import invisible_characters
from cardkit.read.schema import Node
from cardkit.read.style import Layout
from cardkit.read.yamlio import parse_yaml, read_yaml_file

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's is ten times faster
SET_KEYS = ("title", "layout", "link", "site", "logo", "cards")
CARD_LABEL = Text("card", "kaart")
SET_KEYS_NL = {"title": "titel", "layout": "opmaak", "site": "website", "cards": "kaarten"}

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def load_set(path: Path, display: str | None = None) -> CardSet:
    """Read and validate a set file; raises CardkitError naming the file and field."""
    return parse_set(read_yaml_file(path, max_bytes=MAX_SET_FILE_BYTES, display=display))


def parse_set_text(data: bytes | str, name: str) -> CardSet:
    """A set from text that did not come from a file (an upload): the same limits hold."""
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > MAX_SET_FILE_BYTES:
        raise CardkitError(Location(name), too_big(size, MAX_SET_FILE_BYTES))
    return parse_set(parse_yaml(data, name))


def parse_set(node: Node) -> CardSet:
    fields = node.mapping(SET_KEYS, required=("title", "layout", "cards"), dutch=SET_KEYS_NL)
    cards_node = fields["cards"]
    if not isinstance(cards_node.value, list):
        cards_node.expect(Text("a list of cards", "een lijst met kaarten"))
    if len(cards_node.value) > MAX_CARDS_PER_SET:
        cards_node.fail(
            Text(
                f"{len(cards_node.value):,} cards; a set holds at most {MAX_CARDS_PER_SET:,}",
                f"{nl_number(len(cards_node.value))} kaarten; "
                f"een set heeft er hoogstens {nl_number(MAX_CARDS_PER_SET)}",
            )
        )
    link = _clean(fields["link"]) if "link" in fields and not fields["link"].missing else ""
    if link:
        problem = link_problem(link)
        if problem is not None:
            fields["link"].fail(problem)
    site = _clean(fields["site"]) if "site" in fields and not fields["site"].missing else ""
    if site:
        problem = site_problem(site)
        if problem is not None:
            fields["site"].fail(problem)
    logo = _clean(fields["logo"]) if "logo" in fields and not fields["logo"].missing else ""
    return CardSet(
        title=_clean(fields["title"], required=True, max_chars=MAX_TITLE_CHARS),
        layout=_clean(fields["layout"], required=True),
        link=link,
        logo=logo,
        site=site,
        cards=tuple(_card(card) for card in cards_node.items(label=CARD_LABEL)),
    )


def valid_link(text: str) -> bool:
    """A web address a phone can open from a QR code: http(s), no spaces, short enough."""
    return link_problem(text) is None


def link_problem(text: str) -> Text | None:
    """Why `text` cannot be a set's link (printed as a QR code), or None."""
    problem = _address_problem(text)
    if problem is not None:
        return problem
    size = len(text.encode("utf-8"))
    if size > MAX_LINK_CHARS:
        return Text(
            f"the link is {size:,} characters long; a QR code on a card holds at most "
            f"{MAX_LINK_CHARS} (use a shorter address)",
            f"de link is {nl_number(size)} tekens lang; een QR-code op een kaartje past er "
            f"hoogstens {MAX_LINK_CHARS} (gebruik een korter adres)",
        )
    return None


def _address_problem(text: str) -> Text | None:
    """Why `text` is no web address a phone can open, or None: said plainly, as a space in
    an address is the usual slip."""
    if _URL.match(text):
        return None
    if re.match(r"^https?://", text, re.IGNORECASE) and re.search(r"\s", text):
        return Text(
            f'a web address has no spaces, got "{text[:60]}"',
            f'een webadres heeft geen spaties, kreeg "{text[:60]}"',
        )
    return Text(
        f'expected a web address starting with https://, got "{text[:60]}"',
        f'verwacht een webadres dat begint met https://, kreeg "{text[:60]}"',
    )


def site_problem(text: str) -> Text | None:
    """Why `text` cannot be the address of a set's website, or None. Each card's QR code
    leads to its own page there (`.../kaart-03.html`), so that address must fit in a QR
    code on a card for every card a set may hold."""
    problem = _address_problem(text)
    if problem is not None:
        return problem
    if "?" in text or "#" in text:
        return Text(
            "expected the address of a folder or page, without ? or #: "
            "each card's page name is added at its end",
            "verwacht het adres van een map of pagina, zonder ? of #: "
            "de naam van de pagina van elk kaartje komt erachter",
        )
    longest = site_folder(text) + card_page(MAX_CARDS_PER_SET)
    if link_problem(longest) is not None:
        size = len(text.encode("utf-8"))
        return Text(
            f"the address is {size:,} characters long; with a card's page name added "
            f"({card_page(MAX_CARDS_PER_SET)}) a QR code on a card holds at most "
            f"{MAX_SITE_CHARS} (use a shorter address)",
            f"het adres is {nl_number(size)} tekens lang; met de naam van de pagina van een "
            f"kaartje erachter ({card_page(MAX_CARDS_PER_SET)}) past er op een kaartje "
            f"hoogstens {MAX_SITE_CHARS} in een QR-code (gebruik een korter adres)",
        )
    return None


def _card(node: Node) -> Card:
    fields = node.mapping(CARD_KEYS, required=("kind", "question"), dutch=DUTCH_FIELD_NAMES)

    def optional(key: str) -> str:
        return _clean(fields[key]) if key in fields and not fields[key].missing else ""

    return Card(
        kind=_clean(fields["kind"], required=True),
        question=_clean(fields["question"]),  # may be empty while a team is still writing
        title=optional("title"),
        hint=optional("hint"),
        moment=optional("moment"),
    )


def _clean(node: Node, required: bool = False, max_chars: int = MAX_FIELD_CHARS) -> str:
    """Text within the field limit, without control or direction-override characters."""
    text = node.text(max_chars=max_chars, allow_empty=not required)
    found = invisible_characters(text)
    if found:
        char = found[0][1]
        name = f"U+{ord(char):04X} ({unicodedata.name(char, 'control character')})"
        node.fail(
            Text(
                f"contains an invisible character {name}; remove it",
                f"bevat een onzichtbaar teken {name}; haal het weg",
            )
        )
    return unicodedata.normalize("NFC", text.strip())


def check_kinds(card_set: CardSet, layout: Layout, file: str) -> None:
    """Every card's kind must be one the layout designs."""
    root = Node.root(None, file)
    for number, card in enumerate(card_set.cards, start=1):
        if card.kind not in layout.kinds:
            known = ", ".join(layout.kinds)
            where = root.child("cards", Text(f"card {number}", f"kaart {number}")).child("kind")
            raise CardkitError(
                where.location,
                Text(
                    f'unknown kind "{card.kind}"; layout {layout.name} has: {known}',
                    f'onbekende soort "{card.kind}"; opmaak {layout.name} kent: {known}',
                ),
            )


def set_to_yaml(card_set: CardSet) -> str:
    """The set as YAML in the same shape `load_set` reads, empty optional fields left out.

    The same text as dumping the whole document at once (PyYAML writes a list under a key
    without indenting it, so a card reads alike at the top level), with each card's part
    kept: drafts are written on every edit, and most cards of a set do not change."""
    document: dict[str, object] = {"title": card_set.title, "layout": card_set.layout}
    if card_set.link:
        document["link"] = card_set.link
    if card_set.site:
        document["site"] = card_set.site
    if card_set.logo:
        document["logo"] = card_set.logo
    if not card_set.cards:
        return _dump({**document, "cards": []})
    return _dump(document) + "cards:\n" + "".join(_card_yaml(card) for card in card_set.cards)


@lru_cache(maxsize=4096)
def _card_yaml(card: Card) -> str:
    entry = {"kind": card.kind}
    for key in TEXT_FIELDS:
        if key == "question" or card.text(key):
            entry[key] = card.text(key)
    return _dump([entry])


def _dump(document: object) -> str:
    return yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)
