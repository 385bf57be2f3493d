"""Fit text into a zone: break it into good lines and find the largest size that fits.

Pure functions of text, fonts and zone geometry. Widths are in em (multiples of the
font size), so where lines break depends only on the zone width divided by the size.

Lines are chosen like a typesetter would (a small Knuth-Plass): first the fewest
lines, then the most even right edge. A single short word alone on the last line,
a hyphen, or "?" at the start of a line all cost; numbers keep their unit. Words are
hyphenated (Dutch rules) only when a word is wider than the line or when it clearly
evens out a ragged paragraph.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from cardkit.geometry import pt_to_mm
from cardkit.text.hyphenation import break_points, without_trema
from cardkit.text.runs import FontStack, clusters, width_em

SIZE_STEP = 0.5  # points; sizes are quantised so cards of one set look alike
ELLIPSIS = "…"
MIN_HYPHENATED = 8  # letters: shorter words are never hyphenated by choice
MIN_HYPHENATED_MEASURE = 20.0  # em: display type (a few words a line) is not hyphenated by choice
# Balancing lines compares every way to break them: beyond this many pieces (far more than
# fits a card) lines are filled one after another, so no text costs more than a moment.
MAX_BALANCED_TOKENS = 300
HYPHEN_COST = 150.0  # as bad as a line 40 % empty: hyphenate only to mend a ragged edge
BREAK_AFTER_HYPHEN_COST = 60.0
WIDOW_COST = 400.0  # a short last word alone on its line
# Breaking "45 | minuten" or "fietsen | ?" is counted apart and avoided before all else:
# only a pair wider than the whole line is ever broken.
WIDOW_SHARE = 0.3  # "short": less than this share of the line
_EPSILON = 1e-9
_NUMBER = re.compile(r"^[€$£]?[0-9][0-9.,:/-]*%?$")
_CLINGS_TO_PREVIOUS = re.compile(r"^[?!:;%)»”’.,…]+$")

Glue = str  # between a token and the next: space, nobreak, hyphen, join, end


@dataclass(frozen=True)
class FittedText:
    """Lines at a size. `overflow` means even the minimum size needed more lines than fit;
    then `lines` holds only what fits, the last line ending in an ellipsis."""

    lines: tuple[str, ...]
    size: float
    overflow: bool = False
    needed_lines: int = 0
    available_lines: int = 0


@dataclass(frozen=True)
class Token:
    """A piece of a paragraph that is never broken, and how it joins the next piece."""

    text: str
    glue: Glue
    broken: str = ""  # the text when a hyphen break comes right before it (zee-|eend)


def fit_text(
    text: str,
    fonts: FontStack | str,
    width: float,
    height: float,
    min_size: float,
    max_size: float,
    leading: float,
    max_lines: int | None = None,
) -> FittedText:
    """The largest size in [min_size, max_size] (in SIZE_STEP steps) at which `text` fits a
    `width` x `height` mm box; otherwise the lines that fit at `min_size`, marked overflow."""
    stack = fonts if isinstance(fonts, FontStack) else FontStack(fonts)
    sizes = _sizes(min_size, max_size)

    def room_at(size: float) -> int:
        room = math.floor((height + 1e-6) / (pt_to_mm(size) * leading))
        return min(room, max_lines) if max_lines else room

    # First without breaking any word that is too wide: a smaller size beats a hyphen.
    for break_words in (False, True):

        def lines_at(size: float, break_words: bool = break_words) -> tuple[str, ...] | None:
            return wrap_text(text, stack, width / pt_to_mm(size), break_words)

        def fits(size: float) -> bool:
            lines = lines_at(size)
            return lines is not None and len(lines) <= room_at(size)

        if not fits(sizes[0]):
            continue
        # The fewest lines at a smaller size are never more: the fit is monotone in size.
        low, high = 0, len(sizes) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if fits(sizes[middle]):
                low = middle
            else:
                high = middle - 1
        return FittedText(lines_at(sizes[low]), sizes[low])  # type: ignore[arg-type]
    lines = wrap_text(text, stack, width / pt_to_mm(sizes[0]), True)
    return _overflowing(lines, stack, width, sizes[0], room_at(sizes[0]))  # type: ignore[arg-type]


def _sizes(min_size: float, max_size: float) -> list[float]:
    count = math.floor((max_size - min_size) / SIZE_STEP + 1e-9)
    sizes = [min_size + i * SIZE_STEP for i in range(count + 1)]
    if sizes[-1] < max_size - 1e-9:
        sizes.append(max_size)
    return sizes


def _overflowing(
    lines: tuple[str, ...], stack: FontStack, width: float, size: float, room: int
) -> FittedText:
    kept = list(lines[:room])
    if kept:
        kept[-1] = _with_ellipsis(kept[-1], stack, width / pt_to_mm(size))
    return FittedText(tuple(kept), size, True, len(lines), room)


def _with_ellipsis(line: str, stack: FontStack, width: float) -> str:
    """`line` shortened at a word (or character) so that it fits with an ellipsis after it."""
    words = line.rstrip("-").split(" ")
    while len(words) > 1 and not _fits(" ".join(words) + ELLIPSIS, stack, width):
        words.pop()
    pieces = clusters(" ".join(words))
    while pieces and not _fits("".join(pieces) + ELLIPSIS, stack, width):
        pieces.pop()
    return "".join(pieces).rstrip(" ,.;:") + ELLIPSIS


def _fits(text: str, stack: FontStack, width: float) -> bool:
    return width_em(text, stack) <= width + _EPSILON


@lru_cache(maxsize=50_000)
def wrap_text(
    text: str, fonts: FontStack | str, width: float, break_words: bool = True
) -> tuple[str, ...] | None:
    """Break `text` into lines no wider than `width` (in em); explicit newlines are kept.

    With `break_words` false, a word wider than the line makes the text not fit (None)."""
    stack = fonts if isinstance(fonts, FontStack) else FontStack(fonts)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        paragraph_lines = _wrap_paragraph(paragraph, stack, width, break_words)
        if paragraph_lines is None:
            return None
        lines.extend(paragraph_lines)
    return tuple(lines)


def _wrap_paragraph(
    paragraph: str, stack: FontStack, width: float, break_words: bool
) -> list[str] | None:
    words = paragraph.split()
    if not words:
        return [""]
    target = width
    for _ in range(3):  # estimated widths can miss kerning and shaping: retry narrower
        tokens = tokenize(words, stack, target, break_words)
        if tokens is None:
            return None
        if len(tokens) > MAX_BALANCED_TOKENS:
            return _greedy_lines(tokens, stack, width)
        lines = _best_lines(tokens, stack, target)
        excess = max(width_em(line, stack) - width for line in lines)
        if excess <= _EPSILON:
            return lines
        target -= excess + 1e-6
    # Still too wide (text shaped across tokens, such as Arabic): measure every line.
    tokens = tokenize(words, stack, width, break_words)
    return None if tokens is None else _greedy_lines(tokens, stack, width)


def _greedy_lines(tokens: tuple[Token, ...], stack: FontStack, width: float) -> list[str]:
    """Lines filled token by token, each measured whole: slower, never too wide."""
    lines: list[str] = []
    start = 0
    for end in range(1, len(tokens) + 1):
        if end - start > 1 and width_em(_line_text(tokens, start, end), stack) > width:
            lines.append(_line_text(tokens, start, end - 1))
            start = end - 1
    lines.append(_line_text(tokens, start, len(tokens)))
    return lines


def tokenize(
    words: list[str], stack: FontStack, width: float, break_words: bool = True
) -> tuple[Token, ...] | None:
    """Words as unbreakable tokens with the glue between them; long words split where
    they may be hyphenated, and pieces wider than a line split between characters
    (or, without `break_words`, None: the text does not fit this width)."""
    tokens: list[Token] = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        if following is None:
            glue = "end"
        elif _NUMBER.match(word) or word in "€$£" or _CLINGS_TO_PREVIOUS.match(following):
            glue = "nobreak"  # 12 minuten, € 5, "Hoe dan ?"
        else:
            glue = "space"
        pieces = _word_pieces(word, stack, width, break_words)
        if pieces is None:
            return None
        for position, (piece, inner_glue, broken) in enumerate(pieces):
            last = position == len(pieces) - 1
            tokens.append(Token(piece, glue if last else inner_glue, broken))
    return tuple(tokens)


def _word_pieces(
    word: str, stack: FontStack, width: float, break_words: bool
) -> list[tuple[str, Glue, str]] | None:
    """(piece, glue to the next piece, the piece as written after a hyphen break)."""
    letters = sum(char.isalpha() for char in word)
    must_break = width_em(word, stack) > width + _EPSILON
    by_choice = letters >= MIN_HYPHENATED and width >= MIN_HYPHENATED_MEASURE
    points = break_points(word)
    if not (must_break and break_words):  # existing hyphens, and hyphens by choice
        points = tuple(p for p in points if by_choice or not p.hyphen)
    pieces: list[tuple[str, Glue, str]] = []
    start = 0
    for point in points:
        piece = word[start : point.at]
        pieces.append((piece, "hyphen" if point.hyphen else "join", ""))
        start = point.at
    pieces.append((word[start:], "", ""))
    # The text of a piece when a hyphen break comes right before it: Dutch drops the trema.
    pieces = [
        (text, glue, without_trema(text) if i and pieces[i - 1][1] == "hyphen" else "")
        for i, (text, glue, _) in enumerate(pieces)
    ]
    result: list[tuple[str, Glue, str]] = []
    for text, glue, broken in pieces:
        if width_em(text + ("-" if glue == "hyphen" else ""), stack) <= width + _EPSILON:
            result.append((text, glue, broken))
            continue
        if not break_words:
            return None
        tail = "-" if glue == "hyphen" else ""  # the last chunk keeps the piece's hyphen
        chunks = _character_chunks(text, stack, width, tail)  # last resort: between characters
        result.extend((chunk, "join", "") for chunk in chunks[:-1])
        result.append((chunks[-1], glue, ""))
    return result


def _character_chunks(text: str, stack: FontStack, width: float, tail: str = "") -> list[str]:
    """`text` in chunks that fit `width`, the last one with `tail` (a hyphen) after it."""
    chunks, current = [], ""
    for cluster in clusters(text):
        if current and not _fits(current + cluster, stack, width):
            chunks.append(current)
            current = ""
        current += cluster
    chunks.append(current)
    last = clusters(chunks[-1])
    if tail and len(last) > 1 and not _fits(chunks[-1] + tail, stack, width):
        chunks[-1:] = ["".join(last[:-1]), last[-1]]  # its last character goes on
    return chunks


def _line_text(tokens: tuple[Token, ...], start: int, end: int) -> str:
    parts = []
    for index in range(start, end):
        token = tokens[index]
        after_hyphen = index == start and start > 0 and tokens[start - 1].glue == "hyphen"
        parts.append(token.broken if after_hyphen and token.broken else token.text)
        if index < end - 1:
            parts.append(" " if token.glue in ("space", "nobreak") else "")
    if tokens[end - 1].glue == "hyphen":
        parts.append("-")
    return "".join(parts)


def _best_lines(tokens: tuple[Token, ...], stack: FontStack, width: float) -> list[str]:
    """The breaks with the fewest lines, then the least badness (dynamic programming)."""
    count = len(tokens)
    space = width_em(" ", stack)
    hyphen = width_em("-", stack)
    widths = [width_em(token.text, stack) for token in tokens]
    # (forced breaks between things that belong together, lines, badness, previous break)
    best: list[tuple[float, float, float, int]] = [(0, 0, 0.0, -1)] + [
        (math.inf, math.inf, math.inf, -1)
    ] * count
    for start in range(count):
        if best[start][1] == math.inf:
            continue
        if start > 0 and tokens[start - 1].glue == "end":
            continue
        line = 0.0
        for end in range(start + 1, count + 1):
            token = tokens[end - 1]
            line += widths[end - 1]
            if end - 1 > start and tokens[end - 2].glue in ("space", "nobreak"):
                line += space
            extra = hyphen if token.glue == "hyphen" and end < count else 0.0
            if line + extra > width + _EPSILON and end > start + 1:
                break

            cost = _badness(tokens, start, end, line + extra, width, count)
            forced, lines, total, _ = best[start]
            forced += end < count and token.glue == "nobreak"
            candidate = (forced, lines + 1, total + cost, start)
            if candidate[:3] < best[end][:3]:
                best[end] = candidate
    breaks: list[int] = []
    end = count
    while end > 0:
        breaks.append(end)
        end = best[end][3]
    breaks.reverse()
    texts: list[str] = []
    start = 0
    for end in breaks:
        texts.append(_line_text(tokens, start, end))
        start = end
    return texts


def _badness(
    tokens: tuple[Token, ...], start: int, end: int, line: float, width: float, count: int
) -> float:
    if end == count:  # the last line may be short, but not one short word after others
        single = all(tokens[i].glue not in ("space", "nobreak") for i in range(start, end - 1))
        return WIDOW_COST if start > 0 and single and line < WIDOW_SHARE * width else 0.0
    slack = max(0.0, width - line) / width
    cost = 1000 * slack * slack
    glue = tokens[end - 1].glue
    if glue == "hyphen":
        cost += HYPHEN_COST
    elif glue == "join":
        cost += BREAK_AFTER_HYPHEN_COST
    return cost
