"""Legibility of a whole layout: no card text smaller than the layout's `min_text_size`
at print size, and every text colour against everything it stands on at the contrast
WCAG 2.2 AA asks (success criterion 1.4.3), for every card kind, front and back.

What a zone's text stands on is worked out from the layout alone: the side's
background, then every shape, icon shape, logo badge and QR code drawn over it
(in drawing order) whose area meets the zone's box, down to the first one that covers
the whole box. The whole box counts, not only the ink of today's text: any text the
zone holds may stand anywhere in it. A team's logo picture is not known to the layout
and is not checked; its badge is.

The size that decides the threshold is the zone's `min_size`. The fitter sets a zone's
text at the largest size in [min_size, max_size] at which it fits, and never below
min_size, so every size the text can take is at least min_size; and the ratio WCAG asks
only falls as text grows (4.5:1 below 18 pt, or below 14 pt for bold, 3:1 from there).
So the zone passes at every size it can take exactly when it passes at min_size.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from cardkit.display import RGB, hex_color
from cardkit.errors import Text
from cardkit.geometry import Box
from cardkit.read.schema import Node
from cardkit.read.style import Layout, Shape, SideDesign, Zone
from cardkit.text.fonts import font_weight

AA_TEXT = 4.5  # WCAG 2.2 AA, 1.4.3: the contrast of text ...
AA_LARGE_TEXT = 3.0  # ... and of large-scale text:
LARGE_TEXT_PT = 18.0  # at least 18 pt,
LARGE_BOLD_TEXT_PT = 14.0  # or at least 14 pt when bold;
BOLD_WEIGHT = 700  # bold as CSS counts it (font-weight: bold is 700): Lato Bold and Black
ICON_UNITS = 100.0  # icons are drawn in a 100 x 100 box
_EPSILON = 1e-6  # mm: shapes that only touch a zone's edge do not stand under its text


def relative_luminance(color: RGB) -> float:
    """WCAG's relative luminance of an sRGB colour: 0 for black, 1 for white."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter colour's luminance over the darker's: 1 to 21."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_large_text(size: float, bold: bool) -> bool:
    """WCAG's large-scale text: at least 18 pt, or at least 14 pt bold."""
    return size >= (LARGE_BOLD_TEXT_PT if bold else LARGE_TEXT_PT)


def required_contrast(size: float, bold: bool) -> float:
    """The ratio WCAG 2.2 AA asks of text of `size` points (at print size)."""
    return AA_LARGE_TEXT if is_large_text(size, bold) else AA_TEXT


def shown_ratio(ratio: float) -> str:
    """A ratio as people read it, rounded down: 4.499 is "4.49", never a passing "4.50"."""
    return f"{math.floor(ratio * 100) / 100:.2f}"


@dataclass(frozen=True)
class Ground:
    """A colour that text may stand on, and what paints it (a key path: front.shapes[2])."""

    color: RGB
    where: str


@dataclass(frozen=True)
class TextContrast:
    """One zone's text colour on one colour beneath it, for one card kind."""

    side: str
    zone: Zone
    kind: str
    text: RGB
    ground: Ground
    bold: bool

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.text, self.ground.color)

    @property
    def required(self) -> float:
        return required_contrast(self.zone.min_size, self.bold)

    @property
    def passes(self) -> bool:
        return self.ratio >= self.required  # WCAG does not round: 4.499 fails


def text_contrasts(layout: Layout) -> Iterator[TextContrast]:
    """Every zone's text colour on every colour beneath it, for every kind, front then back."""
    for side in ("front", "back"):
        design = layout.side(side)
        for zone in design.zones:
            bold = font_weight(layout.font_path(zone.font)) >= BOLD_WEIGHT
            for kind in layout.kinds:
                text = layout.color(zone.color, kind)
                for ground in grounds(layout, side, design, kind, zone.box):
                    yield TextContrast(side, zone, kind, text, ground, bold)


def check_legibility(node: Node, layout: Layout) -> None:
    """Refuse card text smaller than `min_text_size`, and text colours below WCAG 2.2 AA."""
    minimum = layout.min_text_size
    for side in ("front", "back"):
        for zone in layout.side(side).zones:
            if zone.min_size < minimum:
                where = node.child(side).child("zones").child(zone.name).child("min_size")
                where.fail(
                    Text(
                        f"{zone.min_size:g} pt is smaller than the smallest text size of "
                        f"the layout, {minimum:g} pt (min_text_size): text that small is "
                        "hard to read in print",
                        f"{zone.min_size:g} pt is kleiner dan de kleinste letter van de "
                        f"opmaak, {minimum:g} pt (min_text_size): zo kleine letters zijn "
                        "gedrukt moeilijk te lezen",
                    )
                )
    worst: dict[tuple[str, str], TextContrast] = {}
    for pair in text_contrasts(layout):
        key = (pair.side, pair.zone.name)
        if not pair.passes and (key not in worst or pair.ratio < worst[key].ratio):
            worst[key] = pair
    for (side, zone_name), pair in worst.items():  # the first zone that fails, its worst pair
        zones = node.child(side).child("zones")
        zones.child(zone_name).child("color").fail(_contrast_problem(pair))


def _contrast_problem(pair: TextContrast) -> Text:
    ratio, required = shown_ratio(pair.ratio), f"{pair.required:g}"
    text, ground = hex_color(pair.text), hex_color(pair.ground.color)
    size = f"{pair.zone.min_size:g} pt"
    weight_en, weight_nl = ("bold ", "vette ") if pair.bold else ("", "")
    return Text(
        f"contrast {ratio}:1 is too low: {text} text on {ground} ({pair.ground.where}) "
        f'on "{pair.kind}" cards; WCAG 2.2 AA asks {required}:1 for {weight_en}text of '
        f"{size} (the zone's min_size)",
        f"contrast {ratio}:1 is te laag: tekst in {text} op {ground} ({pair.ground.where}) "
        f'op kaartjes van soort "{pair.kind}"; WCAG 2.2 AA vraagt {required}:1 voor '
        f"{weight_nl}tekst van {size} (de min_size van het vak)",
    )


# --- what text stands on -------------------------------------------------------------


@dataclass(frozen=True)
class _Layer:
    """Something painted on a side, in trim coordinates: a rect, an ellipse (in its box),
    a polygon, or the whole page (the background)."""

    shape: str  # "page", "rect", "ellipse" or "polygon"
    color: RGB
    where: str
    box: Box | None = None
    radius: float = 0.0
    points: tuple[tuple[float, float], ...] = ()
    opaque: bool = True  # False: covers only part of its box (a QR code's modules)


def grounds(layout: Layout, side: str, design: SideDesign, kind: str, box: Box) -> list[Ground]:
    """The colours beneath `box` on `side` for cards of `kind`: the top layer first, down
    to the first that covers the whole box; each colour once."""
    found: dict[RGB, Ground] = {}
    for layer in reversed(_layers(layout, side, design, kind)):
        if not _meets(layer, box):
            continue
        found.setdefault(layer.color, Ground(layer.color, layer.where))
        if _covers(layer, box):
            break
    return list(found.values())


def _layers(layout: Layout, side: str, design: SideDesign, kind: str) -> list[_Layer]:
    """What lies under the text, in the order it is drawn (as cardkit.layout.card draws)."""

    def color(ref: str) -> RGB:
        return layout.color(ref, kind)

    layers = [_Layer("page", color(design.background), f"{side}.background")]
    for index, shape in enumerate(design.shapes, start=1):
        layers.append(_shape_layer(shape, color(shape.color), f"{side}.shapes[{index}]"))
    if design.icon is not None:
        icon = design.icon.box
        sx, sy = icon.width / ICON_UNITS, icon.height / ICON_UNITS
        for shape in layout.kinds[kind].icon:
            placed = _placed(shape, icon.x, icon.y, sx, sy)
            layers.append(
                _shape_layer(placed, color(shape.color or design.icon.color), f"{side}.icon")
            )
    logo = design.logo
    if logo is not None and logo.background is not None:
        background = logo.background
        layers.append(
            _Layer("rect", color(background), f"{side}.logo", logo.box, logo.radius, opaque=False)
        )
    if design.qr is not None:
        qr = design.qr
        box = Box(qr.x, qr.y, qr.size, qr.size)
        layers.append(_Layer("rect", color(qr.background), f"{side}.qr", box, qr.radius))
        layers.append(_Layer("rect", color(qr.color), f"{side}.qr", box, opaque=False))
    return layers


def _placed(shape: Shape, dx: float, dy: float, sx: float, sy: float) -> Shape:
    """An icon shape from its 100 x 100 box to trim coordinates."""
    if shape.kind == "polygon":
        points = tuple((dx + x * sx, dy + y * sy) for x, y in shape.points)
        return Shape("polygon", shape.color, points=points)
    assert shape.box is not None
    b = shape.box
    box = Box(dx + b.x * sx, dy + b.y * sy, b.width * sx, b.height * sy)
    return Shape(shape.kind, shape.color, box=box, radius=shape.radius * min(sx, sy))


def _shape_layer(shape: Shape, color: RGB, where: str) -> _Layer:
    return _Layer(shape.kind, color, where, shape.box, shape.radius, shape.points)


def _meets(layer: _Layer, box: Box) -> bool:
    """Whether the layer paints any area inside `box` (polygons: their bounding box)."""
    if layer.shape == "page":
        return True
    if layer.shape == "polygon":
        xs = [x for x, _ in layer.points]
        ys = [y for _, y in layer.points]
        bounds = Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        return _overlap(bounds, box)
    assert layer.box is not None
    if layer.shape == "ellipse":
        cx, cy, _, _ = _ellipse(layer.box)
        nearest_x = min(max(cx, box.x), box.right)
        nearest_y = min(max(cy, box.y), box.bottom)
        return _inside_ellipse(nearest_x, nearest_y, layer.box, strict=True)
    return _overlap(layer.box, box)


def _covers(layer: _Layer, box: Box) -> bool:
    """Whether the layer paints all of `box`, so nothing drawn before it shows there."""
    if layer.shape == "page":
        return True
    if not layer.opaque or layer.shape == "polygon" or layer.box is None:
        return False
    if layer.shape == "ellipse":
        corners = ((box.x, box.y), (box.right, box.y), (box.x, box.bottom), (box.right, box.bottom))
        return all(_inside_ellipse(x, y, layer.box, strict=False) for x, y in corners)
    r, b = layer.radius, layer.box
    # A rounded rectangle covers a box that keeps clear of its rounded corners.
    return Box(b.x + r, b.y, b.width - 2 * r, b.height).contains(box, 0) or Box(
        b.x, b.y + r, b.width, b.height - 2 * r
    ).contains(box, 0)


def _overlap(a: Box, b: Box) -> bool:
    return (
        min(a.right, b.right) - max(a.x, b.x) > _EPSILON
        and min(a.bottom, b.bottom) - max(a.y, b.y) > _EPSILON
    )


def _ellipse(box: Box) -> tuple[float, float, float, float]:
    return box.x + box.width / 2, box.y + box.height / 2, box.width / 2, box.height / 2


def _inside_ellipse(x: float, y: float, box: Box, strict: bool) -> bool:
    cx, cy, rx, ry = _ellipse(box)
    if rx <= 0 or ry <= 0:
        return False
    distance = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2
    return distance < 1 - _EPSILON if strict else distance <= 1
