"""The layout file format as typed fields: every key a layout may have, what each holds,
and the checks a single value needs. The one description of `layouts/*.yaml`."""

from __future__ import annotations

import re
from typing import Any

from cardkit.errors import Text
from cardkit.limits import MAX_LENGTH_MM
from cardkit.read.fields import (
    Boolean,
    Choice,
    Field,
    Integer,
    ListOf,
    NameMap,
    Number,
    Struct,
    TextValue,
    Unchecked,
)
from cardkit.read.schema import Node
from cardkit.read.style import (
    ALIGNS,
    CASES,
    MIN_TEXT_SIZE,
    PLACEHOLDERS,
    SHAPES,
    VALIGNS,
    parse_hex,
    template_fields,
)

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

MM = Text("a length in millimetres", "een lengte in millimeters")
POINTS = Text("a number of points", "een getal in punten")
COLOR = Text(
    "a colour: a palette name, a kind colour such as accent, or #RRGGBB",
    "een kleur: een naam uit het palet, een soortkleur zoals accent, of #RRGGBB",
)


def hex_problem(text: str) -> Text | None:
    try:
        parse_hex(text)
    except ValueError:
        return Text(
            f'expected a colour as #RRGGBB, got "{text}"', f'verwacht #RRGGBB, kreeg "{text}"'
        )
    return None


def _template_problem(text: str) -> Text | None:
    try:
        names = template_fields(text)
    except ValueError:
        return Text(
            "a template may only contain {name} placeholders",
            "een sjabloon mag alleen {naam}-velden bevatten",
        )
    unknown = [name for name in names if name not in PLACEHOLDERS]
    if unknown:
        listed = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        return Text(
            f"unknown placeholder {{{unknown[0]}}}; known: {listed}",
            f"onbekend veld {{{unknown[0]}}}; bekend zijn: {listed}",
        )
    return None


def _length(minimum: float = -MAX_LENGTH_MM) -> Number:
    """A length in mm, at most MAX_LENGTH_MM: a card (or a shape on it) is never larger
    than a poster, and a size of 1e9 mm would ask for a page of a trillion pixels."""
    return Number(MM, minimum=minimum, maximum=MAX_LENGTH_MM)


BOX_FIELDS: dict[str, Field] = {
    "x": _length(),
    "y": _length(),
    "width": _length(0),
    "height": _length(0),
}
COLOR_REF = TextValue(COLOR, allow_empty=False)


def _check_shape(node: Node, values: dict[str, Any]) -> None:
    needed = {
        "rect": ("x", "y", "width", "height"),
        "ellipse": ("x", "y", "width", "height"),
        "circle": ("cx", "cy", "r"),
        "polygon": ("points",),
    }[values["shape"]]
    for key in needed:
        if key not in values:
            node.fail(
                Text(
                    f'a {values["shape"]} needs "{key}" ({", ".join(needed)})',
                    f'een {values["shape"]} heeft "{key}" nodig ({", ".join(needed)})',
                )
            )


POINT = ListOf(Number(Text("a coordinate", "een coördinaat")), min_items=2)
SHAPE = Struct(
    {
        "shape": Choice(SHAPES),
        **BOX_FIELDS,
        "cx": _length(),
        "cy": _length(),
        "r": _length(0),
        "radius": _length(0),
        "points": ListOf(POINT, min_items=3),
        "color": COLOR_REF,
    },
    required=("shape",),
    validate=_check_shape,
)


def _check_zone(node: Node, values: dict[str, Any]) -> None:
    if values["min_size"] > values["max_size"]:
        node.fail(
            Text(
                f"min_size {values['min_size']:g} pt is larger than max_size "
                f"{values['max_size']:g} pt",
                f"min_size {values['min_size']:g} pt is groter dan max_size "
                f"{values['max_size']:g} pt",
            )
        )


ZONE = Struct(
    {
        **BOX_FIELDS,
        "text": TextValue(Text("a text template", "een tekstsjabloon"), check=_template_problem),
        "font": TextValue(Text("a font role", "een letterrol"), allow_empty=False),
        "min_size": Number(POINTS, minimum=1, maximum=200),
        "max_size": Number(POINTS, minimum=1, maximum=200),
        "leading": Number(
            Text("a line-height factor such as 1.2", "een regelafstand zoals 1.2"), 0.8, 3
        ),
        "align": Choice(ALIGNS),
        "valign": Choice(VALIGNS),
        "color": COLOR_REF,
        "max_lines": Integer(Text("a whole number of lines", "een heel aantal regels"), minimum=1),
        "case": Choice(CASES),
    },
    required=("x", "y", "width", "height", "text", "font", "min_size", "max_size", "color"),
    validate=_check_zone,
)
WORDS = ListOf(TextValue(Text("a word", "een woord"), allow_empty=False))
_ONE_WORD = re.compile(r"^[\w’'-]+$")


def _one_word_problem(text: str) -> Text | None:
    if _ONE_WORD.match(text):
        return None
    return Text(
        f'expected one word (the check looks at words one by one), got "{text}"',
        f'verwacht één woord (de controle kijkt per woord), maar kreeg "{text}"',
    )


def _check_writing(node: Node, values: dict[str, Any]) -> None:
    """A word is either always fine or never fine (or jargon, which is never fine)."""
    if "always_fine" not in values:
        return
    never = {word.lower(): "never_fine" for word in values.get("never_fine", [])}
    never.update({word.lower(): "jargon" for word in values.get("jargon", {})})
    for item in node.child("always_fine").items():
        other = never.get(str(item.value).lower())
        if other:
            item.fail(
                Text(
                    f'"{item.value}" is also in writing.{other}; a word is either always '
                    "fine or never fine",
                    f'"{item.value}" staat ook in writing.{other}; een woord is altijd goed '
                    "of nooit goed, niet allebei",
                )
            )


WRITING = Struct(
    {
        "max_words": Integer(Text("a number of words", "een aantal woorden"), minimum=1),
        "max_sentence_words": Integer(Text("a number of words", "een aantal woorden"), minimum=1),
        "max_questions": Integer(Text("a number of questions", "een aantal vragen"), minimum=1),
        "passive": Boolean(),
        "rare_words": Boolean(),
        "kinds": NameMap(
            Struct(
                {
                    "ends_with": TextValue(),
                    "open_starts": WORDS,
                    "closed_starts": WORDS,
                    "action_starts": WORDS,
                }
            )
        ),
        "formal": WORDS,
        "jargon": NameMap(TextValue(allow_empty=False)),
        "always_fine": ListOf(
            TextValue(Text("a word", "een woord"), allow_empty=False, check=_one_word_problem)
        ),
        "never_fine": WORDS,
    },
    validate=_check_writing,
)
LOGO = Struct(
    {**BOX_FIELDS, "background": COLOR_REF, "padding": _length(0), "radius": _length(0)},
    required=tuple(BOX_FIELDS),
)
QR = Struct(
    {
        "x": _length(),
        "y": _length(),
        "size": _length(8),
        "color": COLOR_REF,
        "background": COLOR_REF,
        "radius": _length(0),
    },
    required=("x", "y", "size", "color", "background"),
)
SIDE = Struct(
    {
        "background": COLOR_REF,
        "shapes": ListOf(SHAPE),
        "icon": Struct({**BOX_FIELDS, "color": COLOR_REF}, required=(*BOX_FIELDS, "color")),
        "logo": LOGO,
        "qr": QR,
        "zones": NameMap(ZONE),
    },
    required=("background", "zones"),
)
KIND = Struct(
    {
        "label": TextValue(allow_empty=False),
        "colors": NameMap(COLOR_REF),
        "icon": ListOf(SHAPE),
    },
    required=("label", "colors"),
)
LAYOUT = Struct(
    {
        "name": TextValue(allow_empty=False),
        "description": TextValue(),
        "extends": Unchecked(),  # read by the resolver
        "partial": Boolean(),
        "min_text_size": Number(POINTS, minimum=MIN_TEXT_SIZE, maximum=72),
        "format": Struct(
            {
                "width": _length(10),
                "height": _length(10),
                "bleed": _length(0),
                "safe": _length(0),
                "corner_radius": _length(0),
            },
            required=("width", "height", "bleed", "safe"),
        ),
        "palette": NameMap(TextValue(Text("#RRGGBB", "#RRGGBB"), check=hex_problem)),
        "fonts": NameMap(TextValue(Text("a font file name", "een lettertypebestand"))),
        "kinds": NameMap(KIND),
        "front": SIDE,
        "back": SIDE,
        "fallback_fonts": Struct(
            {
                "regular": ListOf(TextValue(Text("a font file name", "een lettertypebestand"))),
                "bold": ListOf(TextValue(Text("a font file name", "een lettertypebestand"))),
            }
        ),
        "emoji_font": TextValue(Text("a font file name", "een lettertypebestand")),
        "writing": WRITING,
        "cmyk": NameMap(
            ListOf(Number(Text("a percentage", "een percentage"), 0, 100), min_items=4)
        ),
    },
    required=("name", "format", "palette", "fonts", "kinds", "front", "back"),
)
