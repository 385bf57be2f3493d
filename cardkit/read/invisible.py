"""Characters nobody sees on a printed card: found, named and removed. Text in, the
invisible characters in it (or the text without them) out.

They are control characters, direction marks and overrides (U+202E disguises text),
invisible operators, and letters that draw as nothing or as a space (the Hangul fillers,
the Mongolian vowel separator). Tag characters (U+E0000 to U+E007F) are invisible too, but
a subdivision flag is written with them (🏴 followed by tags and U+E007F, the flag of
Scotland): inside such a flag they stay. Joiners (U+200C, U+200D) and variation selectors
stay everywhere: emoji and several scripts need them.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u17b4\u17b5"  # Khmer inherent vowels
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200e\u200f"  # zero-width space, direction marks
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e"  # direction embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # direction isolates
    "\ufeff"  # byte order mark
    "\ufff9-\ufffb"  # interlinear annotation
    "\U000e0000-\U000e007f]"  # tags
)
_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """(index, character) of every invisible character in `text`, in order; the tags of a
    subdivision flag are part of what is seen."""
    flags = [match.span() for match in _FLAG.finditer(text)] if "\U0001f3f4" in text else []
    return [
        (match.start(), match.group())
        for match in _INVISIBLE.finditer(text)
        if not any(start < match.start() < end for start, end in flags)
    ]


def character_name(char: str) -> str:
    """U+XXXX and the Unicode name: how a message names a character."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def strip_invisible(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` without invisible characters, tabs as spaces, NFC-normalised, and the names
    of what was removed (for a message: pasted text often carries such marks)."""
    text = text.replace("\t", " ")
    found = invisible_characters(text)
    if not found:
        return unicodedata.normalize("NFC", text), ()
    removed = tuple(dict.fromkeys(character_name(char) for _, char in found))
    drop = {index for index, _ in found}
    kept = "".join(char for index, char in enumerate(text) if index not in drop)
    return unicodedata.normalize("NFC", kept), removed
