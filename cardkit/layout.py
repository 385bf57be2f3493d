"""The layout pass: a card of a set plus the house style in, one display list (a Page) out.

Pure: no drawing and no files beyond the (cached) font measurements. Both renderers
draw what this produces, so a PNG and a PDF of a card always agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cardkit.content import Card, CardSet
from cardkit.display import (
    SIDES,
    FillEllipse,
    FillPolygon,
    FillRect,
    FontRef,
    Item,
    Overflow,
    Page,
    Side,
    TextLine,
)
from cardkit.fitting import FittedText, fit_text
from cardkit.fonts import font_metrics, font_name, text_width_em
from cardkit.geometry import Box, pt_to_mm
from cardkit.style import Layout, Shape, Zone

ICON_UNITS = 100.0  # icons are drawn in a 100 x 100 box


@dataclass(frozen=True)
class CardContext:
    """Everything a zone template can show for one card."""

    card: Card
    number: int
    total: int
    set_title: str
    link: str
    kind_label: str

    def fields(self) -> dict[str, str]:
        return {
            "question": self.card.question,
            "title": self.card.title,
            "hint": self.card.hint,
            "moment": self.card.moment,
            "kind_label": self.kind_label,
            "set_title": self.set_title,
            "number": str(self.number),
            "total": str(self.total),
            "link": self.link,
        }


def lay_out_side(card_set: CardSet, layout: Layout, number: int, side: Side) -> Page:
    """The display list of card `number` (1-based) of `card_set`, front or back."""
    card = card_set.cards[number - 1]
    context = CardContext(
        card=card,
        number=number,
        total=len(card_set.cards),
        set_title=card_set.title,
        link=card_set.link,
        kind_label=layout.kinds[card.kind].label,
    )
    return lay_out_card(context, layout, side)


def lay_out_set(
    card_set: CardSet, layout: Layout, sides: tuple[Side, ...] = SIDES
) -> Iterator[Page]:
    """Every card side of the set, in set order (card 1 front, card 1 back, ...)."""
    for number in range(1, len(card_set.cards) + 1):
        for side in sides:
            yield lay_out_side(card_set, layout, number, side)


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

    fields = context.fields()
    zones: dict[str, Box] = {}
    overflows: list[Overflow] = []
    for zone in design.zones:
        box = zone.box.moved(origin, origin)
        zones[zone.name] = box
        text = _fill_template(zone, fields)
        if not text:
            continue
        fitted = _fit(zone, layout.font_path(zone.font), text)
        if fitted.overflow:
            overflows.append(
                Overflow(zone.name, fitted.needed_lines, fitted.available_lines, fitted.size)
            )
        items.extend(_set_lines(zone, box, fitted, layout.font_path(zone.font), color(zone.color)))

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
    )


def _fill_template(zone: Zone, fields: dict[str, str]) -> str:
    """The zone's text, or "" when every placeholder it shows is empty."""
    names = zone.fields
    if names and not any(fields[name] for name in names):
        return ""
    text = zone.text.format_map(fields).strip()
    return text.upper() if zone.case == "upper" else text


def _fit(zone: Zone, font: str, text: str) -> FittedText:
    return fit_text(
        text,
        font,
        zone.box.width,
        zone.box.height,
        zone.min_size,
        zone.max_size,
        zone.leading,
        zone.max_lines,
    )


def _set_lines(zone: Zone, box: Box, fitted: FittedText, font: str, color) -> Iterator[TextLine]:
    """Position each line: line boxes stacked from the aligned block top, glyphs centred
    vertically in their line box by the font's ascent and descent (CSS half-leading)."""
    size_mm = pt_to_mm(fitted.size)
    line_height = size_mm * zone.leading
    block = line_height * len(fitted.lines)
    top = (
        box.y
        + {"top": 0.0, "middle": (box.height - block) / 2, "bottom": box.height - block}[
            zone.valign
        ]
    )
    metrics = font_metrics(font)
    half_leading = (line_height - (metrics.ascent + metrics.descent) * size_mm) / 2
    ref = FontRef(font_name(font), font)
    for index, line in enumerate(fitted.lines):
        width = text_width_em(font, line) * size_mm
        x = (
            box.x
            + {"left": 0.0, "center": (box.width - width) / 2, "right": box.width - width}[
                zone.align
            ]
        )
        line_top = top + index * line_height
        yield TextLine(
            zone=zone.name,
            text=line,
            x=x,
            baseline=line_top + half_leading + metrics.ascent * size_mm,
            width=width,
            top=line_top,
            height=line_height,
            font=ref,
            size=fitted.size,
            color=color,
        )


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
