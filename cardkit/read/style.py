"""The house style as validated data: card format, palette, fonts, card kinds and side designs."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cardkit.display import RGB
from cardkit.geometry import Box
from cardkit.text.fonts import font_metrics
from cardkit.text.runs import FontStack

Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle", "bottom"]
ShapeKind = Literal["rect", "circle", "ellipse", "polygon"]

ALIGNS: tuple[Align, ...] = ("left", "center", "right")
VALIGNS: tuple[VAlign, ...] = ("top", "middle", "bottom")
SHAPES: tuple[ShapeKind, ...] = ("rect", "circle", "ellipse", "polygon")
CASES = ("as-written", "upper")
# The smallest card text a layout may print, in points at print size (`min_text_size`);
# a layout may raise it, not lower it. Why 7 pt: docs/legibility.md.
MIN_TEXT_SIZE = 7.0

# What a zone's `text` template may show; a zone whose fields are empty is not drawn.
PLACEHOLDERS = (
    "question",
    "title",
    "hint",
    "moment",
    "kind_label",
    "set_title",
    "number",
    "total",
    "link",
)


@dataclass(frozen=True)
class CardFormat:
    """Trim size, bleed, safe margin and corner radius, in mm."""

    width: float
    height: float
    bleed: float
    safe: float
    corner_radius: float

    @property
    def page_width(self) -> float:
        return self.width + 2 * self.bleed

    @property
    def page_height(self) -> float:
        return self.height + 2 * self.bleed

    @property
    def trim(self) -> Box:
        """The trimmed card on the page (the page includes bleed)."""
        return Box(self.bleed, self.bleed, self.width, self.height)

    @property
    def safe_area(self) -> Box:
        """The area that holds everything important, measured from the trim corner."""
        return Box(0, 0, self.width, self.height).inset(self.safe)

    @property
    def safe_box(self) -> Box:
        """The safe area on the page (the page includes bleed)."""
        return self.trim.inset(self.safe)


@dataclass(frozen=True)
class Shape:
    """A filled shape. Boxes and points are in the coordinates of where it is used:
    mm from the trim corner in a side design, 0..100 in an icon."""

    kind: ShapeKind
    color: str
    box: Box | None = None
    radius: float = 0.0
    points: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class IconPlacement:
    box: Box
    color: str


@dataclass(frozen=True)
class LogoPlacement:
    """Where a set's logo goes: fitted inside `box` (aspect kept), on an optional badge."""

    box: Box
    background: str | None
    padding: float
    radius: float


@dataclass(frozen=True)
class QrPlacement:
    """A square QR code of `size` mm (quiet zone included) on a `background` badge."""

    x: float
    y: float
    size: float
    color: str
    background: str
    radius: float


@dataclass(frozen=True)
class TextStyle:
    """How text is set in a box: the sizes it may take (points), line height, alignment
    and an optional cap on lines."""

    min_size: float
    max_size: float
    leading: float = 1.2
    align: Align = "left"
    valign: VAlign = "top"
    max_lines: int | None = None


@dataclass(frozen=True)
class Zone:
    """A text area: where it is, which template fills it and how the text is set."""

    name: str
    box: Box
    text: str
    font: str
    min_size: float
    max_size: float
    leading: float
    align: Align
    valign: VAlign
    color: str
    max_lines: int | None
    case: str

    @property
    def fields(self) -> tuple[str, ...]:
        return template_fields(self.text)

    @property
    def style(self) -> TextStyle:
        return TextStyle(
            self.min_size, self.max_size, self.leading, self.align, self.valign, self.max_lines
        )


@dataclass(frozen=True)
class SideDesign:
    background: str
    shapes: tuple[Shape, ...]
    icon: IconPlacement | None
    zones: tuple[Zone, ...]
    logo: LogoPlacement | None = None
    qr: QrPlacement | None = None

    @property
    def fields(self) -> frozenset[str]:
        """The placeholders this side shows: what its look depends on."""
        return frozenset(name for zone in self.zones for name in zone.fields)


@dataclass(frozen=True)
class CardKind:
    """A kind of card (denk, doe): its label, its colour roles and its icon."""

    name: str
    label: str
    colors: Mapping[str, str]
    icon: tuple[Shape, ...]


@dataclass(frozen=True)
class KindRules:
    """The writing aid for one card kind: how its question ends and what it begins with."""

    ends_with: str = ""
    open_starts: tuple[str, ...] = ()
    closed_starts: tuple[str, ...] = ()
    action_starts: tuple[str, ...] = ()


@dataclass(frozen=True)
class WritingRules:
    """The house style of questions: length, kinds, informal address, plain words. Zero,
    False or empty turns a rule off."""

    max_words: int = 0  # in the question
    kinds: Mapping[str, KindRules] = field(default_factory=dict)
    formal: tuple[str, ...] = ()
    jargon: Mapping[str, str] = field(default_factory=dict)  # word: a plainer word
    max_sentence_words: int = 0  # in any sentence of any field
    max_questions: int = 0  # question marks in the question
    passive: bool = False  # "wordt ... door" gets a tip
    rare_words: bool = False  # words rare in everyday Dutch get a tip
    always_fine: frozenset[str] = frozenset()  # never a rare word: a team's own terms
    never_fine: tuple[str, ...] = ()  # always a tip, however common


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    description: str
    source: str
    format: CardFormat
    palette: Mapping[str, RGB]
    fonts: Mapping[str, Path]
    kinds: Mapping[str, CardKind]
    front: SideDesign
    back: SideDesign
    cmyk: Mapping[str, tuple[float, float, float, float]] = field(default_factory=dict)
    fallbacks: Mapping[str, tuple[Path, ...]] = field(default_factory=dict)  # regular, bold
    emoji_font: Path | None = None
    writing: WritingRules = field(default_factory=WritingRules)
    min_text_size: float = MIN_TEXT_SIZE  # points: no zone's text may be set smaller

    def side(self, side: str) -> SideDesign:
        return self.front if side == "front" else self.back

    def color(self, ref: str, kind: str) -> RGB:
        """Resolve a colour reference: a kind role (accent), a palette name or #RRGGBB."""
        ref = self.kinds[kind].colors.get(ref, ref)
        if ref.startswith("#"):
            return parse_hex(ref)
        return self.palette[ref]

    def font_path(self, role: str) -> str:
        return str(self.fonts[role])

    def font_stack(self, role: str) -> FontStack:
        """The role's font, then the fallbacks of its weight, then the emoji font."""
        path = self.font_path(role)
        weight = "bold" if font_metrics(path).bold else "regular"
        fallbacks = tuple(str(p) for p in self.fallbacks.get(weight, ()))
        emoji = str(self.emoji_font) if self.emoji_font else None
        return FontStack(path, fallbacks, emoji)

    def cmyk_by_rgb(self) -> dict[RGB, tuple[float, float, float, float]]:
        """The print-shop CMYK values the layout gives, keyed by the palette colour."""
        return {self.palette[name]: values for name, values in self.cmyk.items()}


def parse_hex(text: str) -> RGB:
    """#RRGGBB (or #RGB) to an RGB tuple; raises ValueError otherwise."""
    digits = text[1:] if text.startswith("#") else ""
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    if len(digits) != 6:
        raise ValueError(text)
    value = int(digits, 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def template_fields(template: str) -> tuple[str, ...]:
    """The placeholder names in a `{field}` template, in order; raises ValueError if malformed."""
    names = []
    for _literal, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if spec or conversion or not name:
            raise ValueError(template)
        names.append(name)
    return tuple(names)
