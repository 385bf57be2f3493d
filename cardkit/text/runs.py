"""Text as runs of one font each: the zone's font, the bundled fallbacks, colour emoji.

A team may paste Arabic, emoji or characters no font has. Text is cut into grapheme
clusters (so a flag, a skin tone or a family emoji stays one piece); each cluster goes
to the first font that has all of it, emoji to the emoji font (drawn as a picture,
identical in PNG and PDF), and characters no bundled font has become `missing` runs:
left out of the drawing and reported by name and code point, never drawn as a box.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import regex
from PIL import Image, ImageDraw

from cardkit.text.fonts import font_covers, pillow_font, text_width_em

RunKind = Literal["text", "emoji", "missing"]
EMOJI_STRIKE = 109  # Noto Color Emoji has one bitmap size; pictures are scaled from it
_CLUSTER = regex.compile(r"\X")
_EMOJI = regex.compile(r"\p{Extended_Pictographic}|[\U0001F1E6-\U0001F1FF]|\u20e3")
# Characters that take no glyph of their own: joiners and variation selectors.
_INVISIBLE = {0x200C, 0x200D, 0xFE0E, 0xFE0F}


@dataclass(frozen=True)
class FontStack:
    """The font a zone names, the fallbacks for scripts it lacks, and the emoji font."""

    primary: str
    fallbacks: tuple[str, ...] = ()
    emoji: str | None = None

    @property
    def text_fonts(self) -> tuple[str, ...]:
        return (self.primary, *self.fallbacks)


@dataclass(frozen=True)
class Run:
    kind: RunKind
    text: str
    font: str = ""


@dataclass(frozen=True)
class EmojiPicture:
    """A colour emoji as an RGBA PNG, and where it sits: its box in em from the pen
    position on the baseline (x, y of the top-left corner, width, height)."""

    png: bytes
    box: tuple[float, float, float, float]
    advance: float


def _covered(cluster: str, font: str) -> bool:
    covers = font_covers(font)
    return all(ord(char) in covers or ord(char) in _INVISIBLE for char in cluster)


def _is_neutral(cluster: str) -> bool:
    """Spaces, digits and punctuation: they may stay in the run they are in."""
    return not any(unicodedata.category(char).startswith("L") for char in cluster)


@lru_cache(maxsize=20_000)
def split_runs(text: str, stack: FontStack) -> tuple[Run, ...]:
    """`text` as runs of one kind and font each, in logical order."""
    runs: list[Run] = []
    for cluster in _CLUSTER.findall(text):
        run = _classify(cluster, stack, runs[-1] if runs else None)
        # A cluster no font has whole (a digit with a skin tone): its characters one by one,
        # so only what no font has is left out.
        pieces = (
            [run]
            if run.kind != "missing" or len(cluster) == 1
            else [_classify(char, stack, None) for char in cluster]
        )
        for piece in pieces:
            if runs and runs[-1].kind == piece.kind and runs[-1].font == piece.font:
                runs[-1] = Run(piece.kind, runs[-1].text + piece.text, piece.font)
            else:
                runs.append(piece)
    return tuple(runs)


def _classify(cluster: str, stack: FontStack, previous: Run | None) -> Run:
    emoji = stack.emoji and _EMOJI.search(cluster) and _covered(cluster, stack.emoji)
    # A plain character the text font has (a digit, ©) stays text unless it asks for emoji.
    if stack.emoji and emoji and (len(cluster) > 1 or not _covered(cluster, stack.primary)):
        return Run("emoji", cluster, stack.emoji)
    neutral_here = previous is not None and previous.kind == "text" and _is_neutral(cluster)
    if previous is not None and neutral_here and _covered(cluster, previous.font):
        return Run("text", cluster, previous.font)
    for font in stack.text_fonts:
        if _covered(cluster, font):
            return Run("text", cluster, font)
    return Run("missing", cluster)


def clusters(text: str) -> list[str]:
    return _CLUSTER.findall(text)


def width_em(text: str, stack: FontStack) -> float:
    """Advance width of `text` in em of the zone's size: every run in its own font."""
    total = 0.0
    for run in split_runs(text, stack):
        if run.kind == "text":
            total += text_width_em(run.font, run.text)
        elif run.kind == "emoji":
            total += sum(emoji_picture(run.font, c).advance for c in clusters(run.text))
    return total


@lru_cache(maxsize=2048)
def emoji_picture(font: str, cluster: str) -> EmojiPicture:
    """The emoji drawn by the colour font at its bitmap size, as a picture with its place."""
    face = pillow_font(font, EMOJI_STRIKE)
    left, top, right, bottom = face.getbbox(cluster, anchor="ls")
    width, height = max(1, round(right - left)), max(1, round(bottom - top))
    picture = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(picture).text(
        (-left, -top), cluster, font=face, anchor="ls", embedded_color=True
    )
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    scale = 1 / EMOJI_STRIKE
    box = (left * scale, top * scale, width * scale, height * scale)
    return EmojiPicture(buffer.getvalue(), box, face.getlength(cluster) * scale)


def missing_characters(text: str, stack: FontStack) -> list[str]:
    """The characters of `text` that no bundled font can draw, each once, in order."""
    found: dict[str, None] = {}
    for run in split_runs(text, stack):
        if run.kind == "missing":
            for char in run.text:
                if ord(char) not in _INVISIBLE and char != "\n":  # a line break is no glyph
                    found.setdefault(char)
    return list(found)


def describe_character(char: str) -> str:
    """`☃ (U+2603 SNOWMAN)`: how a missing character is named in messages."""
    name = unicodedata.name(char, "unnamed character")
    shown = char if unicodedata.category(char)[0] not in "CZ" else ""
    return f"{shown} (U+{ord(char):04X} {name})".strip()


def is_rtl(text: str) -> bool:
    """Whether a paragraph reads right to left: its first strong character decides."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False
