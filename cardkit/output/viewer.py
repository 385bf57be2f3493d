"""The card viewer: card fronts (PNG bytes or image addresses), what they say and their
kinds in; one self-contained HTML document out, to show a set one card at a time on a
projector or a phone.

The document has its CSS and JavaScript inline and loads nothing from the network:
PNGs become data: URIs. It steps through the cards in order or draws a random one (the
browser chooses), filters by kind, runs a conversation timer and goes full screen (or,
where a browser refuses that, fills its window). Pure and deterministic: the same cards
give the same bytes, so a page that shows it again keeps its state.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from cardkit.output.palette import css_colours
from cardkit.read.layouts import load_layout

# The page with its CSS and script; "@NAME@" marks where the set's content goes.
TEMPLATE = (resources.files("cardkit") / "data" / "viewer.html").read_text(encoding="utf-8")
TIMER_MINUTES = (1, 3, 5, 10)
DEFAULT_MINUTES = 5


@dataclass(frozen=True)
class ViewerCard:
    """One card for the viewer: its front (a PNG, or the address of its image), what the
    card says (the image's alt text) and its kind (a name among the layout's kinds)."""

    image: bytes | str
    text: str
    kind: str


def viewer_html(
    title: str,
    cards: Sequence[ViewerCard],
    kinds: Mapping[str, str],
    aspect: float,
    colours: str | None = None,
) -> str:
    """The viewer of `cards` from the set `title`. `kinds` maps the layout's kinds to their
    Dutch labels, in the layout's order; `aspect` is a card's width divided by its height;
    `colours` are the set's layout's (output/palette.py: css_colours), else the house
    style's."""
    present = [name for name in kinds if any(card.kind == name for card in cards)]
    data = {
        "cards": [{"src": _source(c.image), "alt": c.text, "kind": c.kind} for c in cards],
    }
    replacements = {
        "@TITLE@": html.escape(title),
        "@COLOURS@": colours if colours is not None else css_colours(load_layout("a6")),
        "@ASPECT@": f"{aspect:.6f}",
        "@STATUS@": f"Kaartje 1 van {len(cards)}" if cards else "Geen kaartjes",
        "@FILTER@": _filter(present, kinds, cards) if len(present) > 1 else "",
        "@MINUTES@": "".join(
            f'<option value="{m}"{" selected" if m == DEFAULT_MINUTES else ""}>'
            f"{m} {'minuut' if m == 1 else 'minuten'}</option>"
            for m in TIMER_MINUTES
        ),
        "@START@": f"{DEFAULT_MINUTES}:00",
        "@DATA@": script_json(data),
    }
    # One pass: a title that happens to read "@DATA@" stays text.
    return re.sub(r"@[A-Z]+@", lambda match: replacements[match.group()], TEMPLATE)


def script_json(value: object) -> str:
    """`value` as JSON that is safe inside a <script> element: no "<" (so no "</script>"
    or "<!--"), no ">" or "&"; JavaScript reads the escapes back as the same text."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _source(image: bytes | str) -> str:
    if isinstance(image, bytes):
        return "data:image/png;base64," + base64.b64encode(image).decode("ascii")
    return image


def _filter(present: list[str], kinds: Mapping[str, str], cards: Sequence[ViewerCard]) -> str:
    """Radio buttons: all cards, or the cards of one kind (with how many there are)."""
    choices = [("", f"Alle ({len(cards)})")] + [
        (name, f"{kinds[name]} ({sum(card.kind == name for card in cards)})") for name in present
    ]
    pills = "".join(
        f'<label class="pill"><input type="radio" name="soort" value="{html.escape(value)}"'
        f"{' checked' if not value else ''}><span>{html.escape(text)}</span></label>"
        for value, text in choices
    )
    return (
        '<fieldset class="filter"><legend>Welke kaartjes</legend>'
        f'<div class="pills">{pills}</div></fieldset>'
    )
