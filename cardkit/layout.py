"""The layout pass: a card of a set plus the house style in, one display list (a Page) out.

Pure: no drawing and no files beyond the (cached) font measurements. Both renderers
draw what this produces, so a PNG and a PDF of a card always agree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import segno

from cardkit.content import Card, CardSet
from cardkit.display import (
    RGB,
    SIDES,
    FillCells,
    FillEllipse,
    FillPolygon,
    FillRect,
    FontRef,
    ImageItem,
    Item,
    MissingGlyph,
    Overflow,
    Page,
    Side,
    TextLine,
)
from cardkit.fitting import FittedText, fit_text
from cardkit.fonts import font_metrics, font_name
from cardkit.geometry import Box, pt_to_mm
from cardkit.images import Logo
from cardkit.runs import (
    FontStack,
    Run,
    clusters,
    describe_character,
    emoji_picture,
    is_rtl,
    missing_characters,
    split_runs,
    width_em,
)
from cardkit.style import Layout, LogoPlacement, QrPlacement, Shape, Zone

ICON_UNITS = 100.0  # icons are drawn in a 100 x 100 box
QR_QUIET_ZONE = 4  # modules of light margin the QR standard asks for


@dataclass(frozen=True)
class CardContext:
    """Everything a card side can show: the card, its place in the set, and the set's
    title, link (drawn as a QR code where the design has one) and logo."""

    card: Card
    number: int
    total: int
    set_title: str
    link: str
    kind_label: str
    logo: Logo | None = None

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


def lay_out_side(
    card_set: CardSet, layout: Layout, number: int, side: Side, logo: Logo | None = None
) -> Page:
    """The display list of card `number` (1-based) of `card_set`, front or back."""
    card = card_set.cards[number - 1]
    context = CardContext(
        card=card,
        number=number,
        total=len(card_set.cards),
        set_title=card_set.title,
        link=card_set.link,
        kind_label=layout.kinds[card.kind].label,
        logo=logo,
    )
    return lay_out_card(context, layout, side)


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
        lines, fitted = lay_out_text(zone, box, stack, text, color(zone.color))
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
    """The zone's text, or "" when every placeholder it shows is empty."""
    names = zone.fields
    if names and not any(fields[name] for name in names):
        return ""
    text = zone.text.format_map(fields).strip()
    return text.upper() if zone.case == "upper" else text


def lay_out_text(
    zone: Zone, box: Box, fonts: FontStack | str, text: str, color: RGB
) -> tuple[list[Item], FittedText]:
    """`text` fitted to `box` (the zone's box on the page) and set in lines as the zone says:
    a TextLine per run of one font, a picture per emoji."""
    stack = fonts if isinstance(fonts, FontStack) else FontStack(fonts)
    fitted = fit_text(
        text,
        stack,
        box.width,
        box.height,
        zone.min_size,
        zone.max_size,
        zone.leading,
        zone.max_lines,
    )
    return list(_set_lines(zone, box, fitted, stack, color)), fitted


def _set_lines(
    zone: Zone, box: Box, fitted: FittedText, stack: FontStack, color: RGB
) -> Iterator[Item]:
    """Position each line: line boxes stacked from the aligned block top, glyphs centred
    vertically in their line box by the font's ascent and descent (CSS half-leading).
    A right-to-left line runs from the right: its runs in reverse, aligned to the end."""
    size_mm = pt_to_mm(fitted.size)
    line_height = size_mm * zone.leading
    block = line_height * len(fitted.lines)
    offsets = {"top": 0.0, "middle": (box.height - block) / 2, "bottom": box.height - block}
    top = box.y + offsets[zone.valign]
    metrics = font_metrics(stack.primary)
    half_leading = (line_height - (metrics.ascent + metrics.descent) * size_mm) / 2
    for index, line in enumerate(fitted.lines):
        runs = [run for run in split_runs(line, stack) if run.kind != "missing"]
        widths = [width_em(run.text, stack) * size_mm for run in runs]
        align = zone.align
        if is_rtl(line):
            runs, widths = runs[::-1], widths[::-1]
            align = {"left": "right", "right": "left"}.get(align, align)
        width = sum(widths)
        x = (
            box.x
            + {"left": 0.0, "center": (box.width - width) / 2, "right": box.width - width}[align]
        )
        line_top = top + index * line_height
        baseline = line_top + half_leading + metrics.ascent * size_mm
        for run, run_width in zip(runs, widths, strict=True):
            if run.kind == "emoji":
                yield from _emoji_items(run, x, baseline, size_mm)
            else:
                yield TextLine(
                    zone=zone.name,
                    text=run.text,
                    x=x,
                    baseline=baseline,
                    width=run_width,
                    top=line_top,
                    height=line_height,
                    font=FontRef(font_name(run.font), run.font),
                    size=fitted.size,
                    color=color,
                )
            x += run_width


def _emoji_items(run: Run, x: float, baseline: float, size_mm: float) -> Iterator[ImageItem]:
    """Each emoji of a run as a picture, scaled to the text and sitting on its baseline."""
    for cluster in clusters(run.text):
        picture = emoji_picture(run.font, cluster)
        left, top, width, height = (value * size_mm for value in picture.box)
        box = Box(x + left, baseline + top, width, height)
        digest = hashlib.sha256(picture.png).hexdigest()
        yield ImageItem(box, "", digest, data=picture.png)
        x += picture.advance * size_mm


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
