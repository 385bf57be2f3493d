"""The layout pass: a card of a set plus the house style in, one display list (a Page) out.

Pure: no drawing and no files beyond the (cached) font measurements. Both renderers
draw what this produces, so a PNG and a PDF of a card always agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import segno

from cardkit.display import (
    RGB,
    SIDES,
    FillCells,
    FillEllipse,
    FillPolygon,
    FillRect,
    ImageItem,
    Item,
    MissingGlyph,
    Overflow,
    Page,
    Side,
)
from cardkit.geometry import Box
from cardkit.layout.text import set_text
from cardkit.model import TEXT_FIELDS, Card, CardSet
from cardkit.read.images import Logo
from cardkit.read.style import Layout, LogoPlacement, QrPlacement, Shape, Zone
from cardkit.text.runs import describe_character, missing_characters

ICON_UNITS = 100.0  # icons are drawn in a 100 x 100 box
QR_QUIET_ZONE = 4  # modules of light margin the QR standard asks for


@dataclass(frozen=True)
class CardContext:
    """Everything a card side can show: the card, its place in the set, the set's title
    and logo, and the card's link (drawn as a QR code where the design has one): its own
    page on the set's website if the set has one, else the set's link."""

    card: Card
    number: int
    total: int
    set_title: str
    link: str
    kind_label: str
    logo: Logo | None = None

    def fields(self) -> dict[str, str]:
        """The value of every placeholder a zone's template may name (PLACEHOLDERS)."""
        return {
            **{key: self.card.text(key) for key in TEXT_FIELDS},
            "kind_label": self.kind_label,
            "set_title": self.set_title,
            "number": str(self.number),
            "total": str(self.total),
            "link": self.link,
        }


def lay_out_side(
    card_set: CardSet, layout: Layout, number: int, side: Side, logo: Logo | None = None
) -> Page:
    """The display list of card `number` (1-based) of `card_set`, front or back."""
    return lay_out_card(_context(card_set, layout, number, logo), layout, side)


def side_text(card_set: CardSet, layout: Layout, number: int, side: Side) -> str:
    """The words on card `number`'s side as written, one line per zone in the design's
    order (kind, title, question, hint, moment, ...): what an image of the side says."""
    fields = _context(card_set, layout, number).fields()
    texts = (_template_text(zone, fields) for zone in layout.side(side).zones)
    return "\n".join(text for text in texts if text)


def _context(
    card_set: CardSet, layout: Layout, number: int, logo: Logo | None = None
) -> CardContext:
    card = card_set.cards[number - 1]
    return CardContext(
        card=card,
        number=number,
        total=len(card_set.cards),
        set_title=card_set.title,
        link=card_set.card_link(number),
        kind_label=layout.kinds[card.kind].label,
        logo=logo,
    )


def lay_out_set(
    card_set: CardSet,
    layout: Layout,
    sides: tuple[Side, ...] = SIDES,
    logo: Logo | None = None,
) -> Iterator[Page]:
    """Every card side of the set, in set order (card 1 front, card 1 back, ...)."""
    for number in range(1, len(card_set.cards) + 1):
        for side in sides:
            yield lay_out_side(card_set, layout, number, side, logo)


def lay_out_card(context: CardContext, layout: Layout, side: Side) -> Page:
    fmt = layout.format
    design = layout.side(side)
    kind = context.card.kind
    origin = fmt.bleed  # design coordinates are measured from the trim corner

    def color(ref: str):
        return layout.color(ref, kind)

    items: list[Item] = [
        FillRect(Box(0, 0, fmt.page_width, fmt.page_height), color(design.background))
    ]
    for shape in design.shapes:
        items.append(_place_shape(shape, color(shape.color), origin, origin, 1.0, 1.0))
    if design.icon is not None:
        box = design.icon.box.moved(origin, origin)
        scale_x, scale_y = box.width / ICON_UNITS, box.height / ICON_UNITS
        for shape in layout.kinds[kind].icon:
            ref = shape.color or design.icon.color
            items.append(_place_shape(shape, color(ref), box.x, box.y, scale_x, scale_y))

    if design.logo is not None and context.logo is not None:
        backdrop = design.logo.background or design.background
        items.extend(_place_logo(design.logo, context.logo, origin, color, color(backdrop)))
    if design.qr is not None and context.link:
        items.extend(_place_qr(design.qr, context.link, origin, color))

    fields = context.fields()
    zones: dict[str, Box] = {}
    overflows: list[Overflow] = []
    missing: list[MissingGlyph] = []
    for zone in design.zones:
        box = zone.box.moved(origin, origin)
        zones[zone.name] = box
        text = _fill_template(zone, fields)
        if not text:
            continue
        stack = layout.font_stack(zone.font)
        lines, fitted = set_text(zone.name, text, box, stack, zone.style, color(zone.color))
        missing += (
            MissingGlyph(zone.name, char, describe_character(char))
            for char in missing_characters(text, stack)
        )
        if fitted.overflow:
            overflows.append(
                Overflow(zone.name, fitted.needed_lines, fitted.available_lines, fitted.size)
            )
        items.extend(lines)

    return Page(
        card=context.number,
        side=side,
        width=fmt.page_width,
        height=fmt.page_height,
        bleed=fmt.bleed,
        corner_radius=fmt.corner_radius,
        trim=fmt.trim,
        safe=fmt.safe_box,
        zones=zones,
        items=tuple(items),
        overflows=tuple(overflows),
        missing=tuple(missing),
    )


def _fill_template(zone: Zone, fields: dict[str, str]) -> str:
    """The zone's text as set, or "" when every placeholder it shows is empty."""
    text = _template_text(zone, fields)
    return text.upper() if zone.case == "upper" else text


def _template_text(zone: Zone, fields: dict[str, str]) -> str:
    """The zone's text as written (before `case`), or "" when its placeholders are empty."""
    names = zone.fields
    if names and not any(fields[name] for name in names):
        return ""
    return zone.text.format_map(fields).strip()


def _place_logo(
    placement: LogoPlacement, logo: Logo, origin: float, color, backdrop: RGB
) -> Iterator[Item]:
    """The logo fitted inside its box, aspect kept, centred; on its badge if it has one."""
    room = placement.box.inset(placement.padding).moved(origin, origin)
    scale = min(room.width / logo.width, room.height / logo.height)
    width, height = logo.width * scale, logo.height * scale
    box = Box(room.x + (room.width - width) / 2, room.y + (room.height - height) / 2, width, height)
    if placement.background:
        badge = Box(
            box.x - placement.padding,
            box.y - placement.padding,
            width + 2 * placement.padding,
            height + 2 * placement.padding,
        )
        yield FillRect(badge, color(placement.background), placement.radius)
    yield ImageItem(box, logo.path, logo.digest, backdrop)


def _place_qr(placement: QrPlacement, link: str, origin: float, color) -> Iterator[Item]:
    """A QR code of the link on its light badge; the badge is the code's quiet zone."""
    box = Box(placement.x + origin, placement.y + origin, placement.size, placement.size)
    yield FillRect(box, color(placement.background), placement.radius)
    yield FillCells(box, qr_cells(link), color(placement.color))


@lru_cache(maxsize=64)
def qr_cells(link: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of a QR code (never a Micro QR) for `link`, quiet zone included."""
    code = segno.make_qr(link, error="m")
    return tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(border=QR_QUIET_ZONE))


def _place_shape(shape: Shape, color, dx: float, dy: float, scale_x: float, scale_y: float) -> Item:
    """A shape from design or icon coordinates to page mm."""
    if shape.kind == "polygon":
        points = tuple((dx + x * scale_x, dy + y * scale_y) for x, y in shape.points)
        return FillPolygon(points, color)
    assert shape.box is not None
    box = Box(
        dx + shape.box.x * scale_x,
        dy + shape.box.y * scale_y,
        shape.box.width * scale_x,
        shape.box.height * scale_y,
    )
    if shape.kind == "ellipse":
        return FillEllipse(box, color)
    return FillRect(box, color, shape.radius * min(scale_x, scale_y))
