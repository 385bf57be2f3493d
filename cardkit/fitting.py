"""Fit text into a zone: break it into lines and find the largest size that fits.

Pure functions of text, font and zone geometry. Widths come from `fonts.text_width_em`
in em, so a wrap depends only on the zone width divided by the font size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from cardkit.fonts import text_width_em
from cardkit.geometry import pt_to_mm
from cardkit.hyphenation import break_points, split_at

SIZE_STEP = 0.5  # points; sizes are quantised so cards of one set look alike
ELLIPSIS = "…"
_EPSILON = 1e-9


@dataclass(frozen=True)
class FittedText:
    """Lines at a size. `overflow` means even the minimum size needed more lines than fit;
    then `lines` holds only what fits, the last line ending in an ellipsis."""

    lines: tuple[str, ...]
    size: float
    overflow: bool = False
    needed_lines: int = 0
    available_lines: int = 0


def fit_text(
    text: str,
    font: str,
    width: float,
    height: float,
    min_size: float,
    max_size: float,
    leading: float,
    max_lines: int | None = None,
) -> FittedText:
    """The largest size in [min_size, max_size] (in SIZE_STEP steps) at which `text` fits a
    `width` x `height` mm box; otherwise the lines that fit at `min_size`, marked overflow."""
    sizes = _sizes(min_size, max_size)

    def lines_at(size: float) -> tuple[str, ...]:
        return wrap_text(text, font, width / pt_to_mm(size))

    def room_at(size: float) -> int:
        room = math.floor((height + 1e-6) / (pt_to_mm(size) * leading))
        return min(room, max_lines) if max_lines else room

    # Greedy wrapping needs no more lines at a smaller size, so the fit is monotone in size.
    low, high = 0, len(sizes) - 1  # sizes ascending; find the largest that fits
    if len(lines_at(sizes[0])) > room_at(sizes[0]):
        return _overflowing(lines_at(sizes[0]), font, width, sizes[0], room_at(sizes[0]))
    while low < high:
        middle = (low + high + 1) // 2
        if len(lines_at(sizes[middle])) <= room_at(sizes[middle]):
            low = middle
        else:
            high = middle - 1
    return FittedText(lines_at(sizes[low]), sizes[low])


def _sizes(min_size: float, max_size: float) -> list[float]:
    count = math.floor((max_size - min_size) / SIZE_STEP + 1e-9)
    sizes = [min_size + i * SIZE_STEP for i in range(count + 1)]
    if sizes[-1] < max_size - 1e-9:
        sizes.append(max_size)
    return sizes


def _overflowing(
    lines: tuple[str, ...], font: str, width: float, size: float, room: int
) -> FittedText:
    kept = list(lines[:room])
    if kept:
        kept[-1] = _with_ellipsis(kept[-1], font, width / pt_to_mm(size))
    return FittedText(tuple(kept), size, True, len(lines), room)


def _with_ellipsis(line: str, font: str, width_em: float) -> str:
    """`line` shortened at a word (or character) so that it fits with an ellipsis after it."""
    words = line.rstrip("-").split(" ")
    while len(words) > 1 and not _fits(" ".join(words) + ELLIPSIS, font, width_em):
        words.pop()
    candidate = " ".join(words)
    while candidate and not _fits(candidate + ELLIPSIS, font, width_em):
        candidate = candidate[:-1]
    return candidate.rstrip(" ,.;:") + ELLIPSIS


def _fits(text: str, font: str, width_em: float) -> bool:
    return text_width_em(font, text) <= width_em + _EPSILON


@lru_cache(maxsize=50_000)
def wrap_text(text: str, font: str, width_em: float) -> tuple[str, ...]:
    """Break `text` into lines no wider than `width_em` (in em of the font).

    Lines break at spaces; explicit newlines are kept. A word wider than a whole line
    is hyphenated (Dutch rules), or as a last resort broken between characters.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph.split(), font, width_em))
    return tuple(lines)


def _wrap_paragraph(words: list[str], font: str, width_em: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if _fits(candidate, font, width_em):
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = _break_long_word(word, font, width_em)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current or not lines:
        lines.append(current)
    return lines


def _break_long_word(word: str, font: str, width_em: float) -> list[str]:
    """Pieces of `word` that each fit a line (the last may be short); one piece if it fits."""
    pieces = []
    rest = word
    while not _fits(rest, font, width_em):
        head, tail = _longest_fitting_head(rest, font, width_em)
        pieces.append(head)
        rest = tail
    pieces.append(rest)
    return pieces


def _longest_fitting_head(word: str, font: str, width_em: float) -> tuple[str, str]:
    for point in reversed(break_points(word)):
        head, tail = split_at(word, point)
        if _fits(head, font, width_em):
            return head, tail
    # No hyphenation point is narrow enough: break between characters, at least one.
    cut = 1
    while cut < len(word) - 1 and _fits(word[: cut + 1], font, width_em):
        cut += 1
    return word[:cut], word[cut:]
