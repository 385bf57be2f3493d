"""Where a word may be broken across lines: Dutch hyphenation (pyphen) and existing hyphens.

A break either adds a hyphen ("arbeids-" / "ongeschiktheid") or uses a character
that is already there: after a hyphen, a slash or an at sign, nothing is added.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import pyphen

LEFT_MIN = 2  # letters before a break
RIGHT_MIN = 3  # letters after a break
_BREAK_AFTER = "-/@\u2010\u2013"


@dataclass(frozen=True)
class BreakPoint:
    """Break `word` before index `at`; `hyphen` tells whether a hyphen is added."""

    at: int
    hyphen: bool


@cache
def _dutch() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL", left=LEFT_MIN, right=RIGHT_MIN)


@lru_cache(maxsize=20_000)
def break_points(word: str) -> tuple[BreakPoint, ...]:
    """All places `word` may be broken, in order."""
    points: dict[int, bool] = {}
    start = 0
    # Hyphenate each letter run on its own, so punctuation never counts as letters.
    for index, char in enumerate(word + " "):
        if char.isalpha():
            continue
        if index - start >= LEFT_MIN + RIGHT_MIN:
            for position in _dutch().positions(word[start:index]):
                points.setdefault(start + position, True)
        # After a hyphen or slash between two letters or digits ("co-op", "en/of"), not in
        # a row of them ("----"): a row is one piece, broken between characters if needed.
        if char in _BREAK_AFTER and 0 < index < len(word) - 1 and word[index + 1].isalnum():
            points[index + 1] = False
        start = index + 1
    return tuple(BreakPoint(at, hyphen) for at, hyphen in sorted(points.items()))


_TREMA = str.maketrans("äëïöüÄËÏÖÜ", "aeiouAEIOU")


def without_trema(text: str) -> str:
    """Drop the trema of a leading vowel: in Dutch the hyphen takes over its job
    (zeeëend becomes zee-eend, coëfficiënt co-efficiënt)."""
    return text[:1].translate(_TREMA) + text[1:]
