"""Build a validated `Layout` from a merged and type-checked layout file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cardkit.errors import Text
from cardkit.geometry import Box
from cardkit.paths import FONTS_DIR
from cardkit.read.layout_checks import check_references
from cardkit.read.legibility import check_legibility
from cardkit.read.schema import Node
from cardkit.read.style import (
    MIN_TEXT_SIZE,
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
)
from cardkit.text.fonts import font_covers, font_metrics


def build_layout(name: str, node: Node, values: dict[str, Any]) -> Layout:
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
        min_text_size=values.get("min_text_size", MIN_TEXT_SIZE),
    )
    for name, cmyk in layout.cmyk.items():
        where = node.child("cmyk").child(name)
        if name not in palette:
            where.fail(Text(f'"{name}" is not in the palette', f'"{name}" staat niet in het palet'))
        if len(cmyk) != 4:
            where.expect(Text("four percentages: C, M, Y, K", "vier percentages: C, M, Y, K"))
    check_references(node, layout)
    check_legibility(node, layout)
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
        max_sentence_words=values.get("max_sentence_words", 0),
        max_questions=values.get("max_questions", 0),
        passive=values.get("passive", False),
        rare_words=values.get("rare_words", False),
        always_fine=frozenset(lower(values.get("always_fine", []))),
        never_fine=lower(values.get("never_fine", [])),
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
