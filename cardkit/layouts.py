"""Load house-style layouts from `layouts/*.yaml`: resolve `extends`, validate, build a Layout.

Inheritance is resolved here and only here: parents are merged left to right, the
child last; mappings merge key by key, lists are replaced, and `null` removes an
inherited key. Each file is type-checked on its own first (so a mistake names the
file that holds it), then the merged result is checked as a whole.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from cardkit.errors import CardkitError, Location, Text
from cardkit.fields import (
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
from cardkit.fonts import font_covers, font_metrics
from cardkit.geometry import Box, pt_to_mm
from cardkit.limits import MAX_LAYOUT_FILE_BYTES
from cardkit.paths import FONTS_DIR, LAYOUTS_DIR, display_path
from cardkit.schema import Node
from cardkit.style import (
    ALIGNS,
    CASES,
    PLACEHOLDERS,
    SHAPES,
    VALIGNS,
    CardFormat,
    CardKind,
    IconPlacement,
    KindRules,
    Layout,
    LogoPlacement,
    QrPlacement,
    Shape,
    SideDesign,
    WritingRules,
    Zone,
    parse_hex,
    template_fields,
)
from cardkit.yamlio import read_yaml_file

DEFAULT_LAYOUT = "a6"
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

MM = Text("a length in millimetres", "een lengte in millimeters")
POINTS = Text("a number of points", "een getal in punten")
COLOR = Text(
    "a colour: a palette name, a kind colour such as accent, or #RRGGBB",
    "een kleur: een naam uit het palet, een soortkleur zoals accent, of #RRGGBB",
)


def _hex_problem(text: str) -> Text | None:
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


def _length(minimum: float | None = None) -> Number:
    return Number(MM, minimum=minimum)


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
        "palette": NameMap(TextValue(Text("#RRGGBB", "#RRGGBB"), check=_hex_problem)),
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
        "writing": Struct(
            {
                "max_words": Integer(Text("a number of words", "een aantal woorden"), minimum=1),
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
            }
        ),
        "cmyk": NameMap(
            ListOf(Number(Text("a percentage", "een percentage"), 0, 100), min_items=4)
        ),
    },
    required=("name", "format", "palette", "fonts", "kinds", "front", "back"),
)


# --- finding and merging ---------------------------------------------------


def layout_names(directory: Path = LAYOUTS_DIR) -> list[str]:
    """Names of the complete layouts (not partial ones) in `directory`, sorted."""
    return list(_layout_names_cached(directory.resolve(), _stamp(directory)))


def _stamp(directory: Path) -> tuple[tuple[str, int], ...]:
    """Which layout files exist, and which version of each: a cache key that notices edits."""
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in directory.glob("*.yaml")))


@lru_cache(maxsize=8)
def _layout_names_cached(directory: Path, _stamp: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    names = []
    for path in sorted(directory.glob("*.yaml"), key=lambda p: p.stem):
        try:
            node = read_yaml_file(path, max_bytes=MAX_LAYOUT_FILE_BYTES)
        except CardkitError:
            names.append(path.stem)  # listed, so that choosing it shows what is wrong
            continue
        if not (isinstance(node.value, dict) and node.value.get("partial") is True):
            names.append(path.stem)
    return tuple(names)


def load_layout(name: str, directory: Path = LAYOUTS_DIR) -> Layout:
    """The validated layout `name` (a file stem in `directory`), with its parents merged in."""
    return _load_layout_cached(name, directory.resolve(), _stamp(directory))


@lru_cache(maxsize=32)
def _load_layout_cached(name: str, directory: Path, _stamp: tuple[Any, ...]) -> Layout:
    path = _layout_path(name, directory, None)
    merged = _resolve(name, directory, ())
    node = Node.root(merged, display_path(path))
    if merged.get("partial") is True:
        node.child("partial").fail(
            Text(
                "this layout is partial: it only adds to others; choose a layout that extends it",
                "deze opmaak is een aanvulling; kies een opmaak die hem gebruikt",
            )
        )
    values = LAYOUT.read(node)
    return _build(name, node, values)


def _layout_path(name: str, directory: Path, referrer: Node | None) -> Path:
    path = directory / f"{name}.yaml"
    if NAME_PATTERN.match(name) and path.is_file():
        return path
    known = ", ".join(sorted(p.stem for p in directory.glob("*.yaml"))) or "none"
    problem = Text(
        f'no layout named "{name}" (known: {known})',
        f'er is geen opmaak "{name}" (bekend: {known})',
    )
    if referrer is None:
        raise CardkitError(Location(display_path(directory)), problem)
    referrer.fail(problem)


def _resolve(name: str, directory: Path, chain: tuple[str, ...]) -> dict[str, Any]:
    """The raw layout `name` with every parent merged in; cycles are errors."""
    path = _layout_path(name, directory, None)
    node = read_yaml_file(path, max_bytes=MAX_LAYOUT_FILE_BYTES)
    LAYOUT.read(node, partial=True)
    parents = _parents(node)
    merged: dict[str, Any] = {}
    for parent, parent_node in parents:
        if parent == name or parent in chain:
            cycle = " → ".join((*chain, name, parent))
            parent_node.fail(
                Text(
                    f"layouts extend each other in a circle: {cycle}",
                    f"opmaken verwijzen in een kring naar elkaar: {cycle}",
                )
            )
        _layout_path(parent, directory, parent_node)
        merged = deep_merge(merged, _resolve(parent, directory, (*chain, name)))
    own = {key: value for key, value in node.value.items() if key != "extends"}
    if parents:
        own.setdefault("partial", False)  # being partial is not inherited
    return deep_merge(merged, own)


def _parents(node: Node) -> list[tuple[str, Node]]:
    extends = node.child("extends")
    if extends.missing:
        return []
    what = Text("a layout name or a list of layout names", "een opmaaknaam of een lijst daarvan")
    if isinstance(extends.value, str):
        return [(extends.value, extends)]
    if not isinstance(extends.value, list):
        extends.expect(what)
    parents = []
    for item in extends.items():
        if not isinstance(item.value, str):
            item.expect(what)
        parents.append((item.value, item))
    return parents


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Mappings merge key by key; other values (lists too) are replaced; None removes a key."""
    result = dict(base)
    for key, value in override.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = value
    return result


# --- building the validated Layout -----------------------------------------


def _build(name: str, node: Node, values: dict[str, Any]) -> Layout:
    fmt = CardFormat(**{"corner_radius": 0.0, **values["format"]})
    if 2 * fmt.safe >= min(fmt.width, fmt.height):
        node.child("format").child("safe").fail(
            Text(
                "the safe margin leaves no room on the card",
                "de veilige marge laat geen ruimte over",
            )
        )
    palette = {key: parse_hex(value) for key, value in values["palette"].items()}
    fonts = _build_fonts(node.child("fonts"), values["fonts"])
    kinds = {
        kind: CardKind(
            name=kind,
            label=spec["label"],
            colors=dict(spec["colors"]),
            icon=tuple(_shape(s) for s in spec.get("icon", [])),
        )
        for kind, spec in values["kinds"].items()
    }
    if not kinds:
        node.child("kinds").fail(
            Text("needs at least one card kind", "heeft minstens één kaartsoort nodig")
        )
    layout = Layout(
        name=name,
        title=values["name"],
        description=values.get("description", ""),
        source=node.location.file,
        format=fmt,
        palette=palette,
        fonts=fonts,
        kinds=kinds,
        front=_side(values["front"]),
        back=_side(values["back"]),
        cmyk={name: tuple(v) for name, v in values.get("cmyk", {}).items()},
        fallbacks={
            weight: tuple(
                _font_file(node.child("fallback_fonts").child(weight).child(f"[{i + 1}]"), name)
                for i, name in enumerate(names)
            )
            for weight, names in values.get("fallback_fonts", {}).items()
        },
        writing=_writing(values.get("writing", {})),
        emoji_font=(
            _font_file(node.child("emoji_font"), values["emoji_font"])
            if "emoji_font" in values
            else None
        ),
    )
    for name, cmyk in layout.cmyk.items():
        where = node.child("cmyk").child(name)
        if name not in palette:
            where.fail(Text(f'"{name}" is not in the palette', f'"{name}" staat niet in het palet'))
        if len(cmyk) != 4:
            where.expect(Text("four percentages: C, M, Y, K", "vier percentages: C, M, Y, K"))
    _check_references(node, layout)
    return layout


def _build_fonts(node: Node, values: dict[str, str]) -> dict[str, Path]:
    return {role: _font_file(node.child(role), name) for role, name in values.items()}


def _font_file(where: Node, file_name: str) -> Path:
    """A font file in fonts/ that fontTools and Pillow can read."""
    path = FONTS_DIR / file_name
    if Path(file_name).name != file_name or not path.is_file():
        where.fail(
            Text(
                f'no font file "{file_name}" in fonts/', f'geen lettertype "{file_name}" in fonts/'
            )
        )
    try:
        font_metrics(str(path))
        font_covers(str(path))
    except Exception:
        where.fail(
            Text(
                f'"{file_name}" is not a readable TrueType font',
                f'"{file_name}" is geen bruikbaar lettertype',
            )
        )
    return path


def _writing(values: dict[str, Any]) -> WritingRules:
    def lower(words: list[str]) -> tuple[str, ...]:
        return tuple(word.lower() for word in words)

    kinds = {
        name: KindRules(
            ends_with=rules.get("ends_with", ""),
            open_starts=lower(rules.get("open_starts", [])),
            closed_starts=lower(rules.get("closed_starts", [])),
            action_starts=lower(rules.get("action_starts", [])),
        )
        for name, rules in values.get("kinds", {}).items()
    }
    return WritingRules(
        max_words=values.get("max_words", 0),
        kinds=kinds,
        formal=lower(values.get("formal", [])),
        jargon=dict(values.get("jargon", {})),
    )


def _box(values: dict[str, Any]) -> Box:
    return Box(values["x"], values["y"], values["width"], values["height"])


def _shape(values: dict[str, Any]) -> Shape:
    kind = values["shape"]
    color = values.get("color", "")
    if kind == "circle":
        r = values["r"]
        return Shape("ellipse", color, box=Box(values["cx"] - r, values["cy"] - r, 2 * r, 2 * r))
    if kind == "polygon":
        points = tuple((float(p[0]), float(p[1])) for p in values["points"])
        return Shape("polygon", color, points=points)
    return Shape(kind, color, box=_box(values), radius=values.get("radius", 0.0))


def _side(values: dict[str, Any]) -> SideDesign:
    icon, logo, qr = values.get("icon"), values.get("logo"), values.get("qr")
    return SideDesign(
        background=values["background"],
        shapes=tuple(_shape(s) for s in values.get("shapes", [])),
        icon=IconPlacement(_box(icon), icon["color"]) if icon else None,
        zones=tuple(_zone(name, z) for name, z in values["zones"].items()),
        logo=(
            LogoPlacement(
                _box(logo),
                logo.get("background"),
                logo.get("padding", 0.0),
                logo.get("radius", 0.0),
            )
            if logo
            else None
        ),
        qr=(
            QrPlacement(
                qr["x"], qr["y"], qr["size"], qr["color"], qr["background"], qr.get("radius", 0.0)
            )
            if qr
            else None
        ),
    )


def _zone(name: str, values: dict[str, Any]) -> Zone:
    return Zone(
        name=name,
        box=_box(values),
        text=values["text"],
        font=values["font"],
        min_size=values["min_size"],
        max_size=values["max_size"],
        leading=values.get("leading", 1.2),
        align=values.get("align", "left"),
        valign=values.get("valign", "top"),
        color=values["color"],
        max_lines=values.get("max_lines"),
        case=values.get("case", "as-written"),
    )


def _check_within_page(side_node: Node, layout: Layout, design: SideDesign) -> None:
    """Shapes may reach into the bleed, not beyond it: cards sit side by side on a sheet.
    Logo and QR code carry information, so they stay inside the safe area."""
    fmt = layout.format
    page = Box(-fmt.bleed, -fmt.bleed, fmt.width + 2 * fmt.bleed, fmt.height + 2 * fmt.bleed)
    outside = Text(
        f"reaches beyond the bleed ({fmt.bleed:g} mm outside the trim)",
        f"komt buiten de afloop ({fmt.bleed:g} mm buiten de snijrand)",
    )
    for shape_node, shape in zip(
        () if side_node.child("shapes").missing else side_node.child("shapes").items(),
        design.shapes,
        strict=False,
    ):
        if not page.contains(_shape_bounds(shape)):
            shape_node.fail(outside)
    unsafe = Text(
        f"lies outside the safe area ({fmt.safe:g} mm inside the trim)",
        f"komt buiten het veilige gebied ({fmt.safe:g} mm binnen de snijrand)",
    )
    if design.icon and not page.contains(design.icon.box):
        side_node.child("icon").fail(outside)
    if design.logo and not fmt.safe_area.contains(design.logo.box):
        side_node.child("logo").fail(unsafe)
    if design.qr and not fmt.safe_area.contains(
        Box(design.qr.x, design.qr.y, design.qr.size, design.qr.size)
    ):
        side_node.child("qr").fail(unsafe)


def _shape_bounds(shape: Shape) -> Box:
    if shape.kind == "polygon":
        xs = [x for x, _ in shape.points]
        ys = [y for _, y in shape.points]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    assert shape.box is not None
    return shape.box


def _check_references(node: Node, layout: Layout) -> None:
    """Cross-checks that need the whole layout: colours, font roles, zones in the safe area."""

    def check_color(where: Node) -> None:
        if where.missing:
            return
        for kind in layout.kinds.values():
            resolved = kind.colors.get(where.value, where.value)
            if resolved.startswith("#"):
                if _hex_problem(resolved):
                    where.fail(_hex_problem(resolved))
            elif resolved not in layout.palette:
                where.expect(COLOR)

    def check_shapes(shapes: Node, color_required: bool) -> None:
        """Icon shapes may leave out their colour (the icon's applies); others may not."""
        for shape in () if shapes.missing else shapes.items():
            if color_required and shape.child("color").missing:
                shape.fail(Text('a shape needs "color"', 'een vorm heeft "color" nodig'))
            check_color(shape.child("color"))

    for kind in node.child("kinds").names().values():
        for role in kind.child("colors").names().values():
            check_color(role)
        check_shapes(kind.child("icon"), color_required=False)

    safe = layout.format.safe_area
    for side_name in ("front", "back"):
        side_node = node.child(side_name)
        check_color(side_node.child("background"))
        check_shapes(side_node.child("shapes"), color_required=True)
        check_color(side_node.child("icon").child("color"))
        check_color(side_node.child("logo").child("background"))
        check_color(side_node.child("qr").child("color"))
        check_color(side_node.child("qr").child("background"))
        _check_within_page(side_node, layout, layout.side(side_name))
        for zone in layout.side(side_name).zones:
            where = side_node.child("zones").child(zone.name)
            check_color(where.child("color"))
            if zone.font not in layout.fonts:
                known = ", ".join(layout.fonts)
                where.child("font").fail(
                    Text(
                        f'no font role "{zone.font}" (known: {known})',
                        f'geen letterrol "{zone.font}" (bekend: {known})',
                    )
                )
            if not safe.contains(zone.box):
                where.fail(
                    Text(
                        f"the box reaches outside the safe area "
                        f"({layout.format.safe:g} mm inside the trim)",
                        f"het vak komt buiten het veilige gebied "
                        f"({layout.format.safe:g} mm binnen de snijrand)",
                    )
                )
            one_line = pt_to_mm(zone.min_size) * zone.leading
            if zone.box.height + 1e-6 < one_line:
                where.child("height").fail(
                    Text(
                        f"{zone.box.height:g} mm holds no line at {zone.min_size:g} pt "
                        f"(needs {one_line:.1f} mm)",
                        f"{zone.box.height:g} mm is te laag voor één regel van "
                        f"{zone.min_size:g} pt ({one_line:.1f} mm nodig)",
                    )
                )
