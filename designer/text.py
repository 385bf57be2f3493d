"""Text a person typed, put on the page as text: the one way the designer shows titles,
names, file names and cells inside Markdown (messages, headings, labels).

Every ASCII punctuation character is escaped, which CommonMark allows for each of them:
no link, image, emphasis, `:material:` icon, `:red[colour]` or `$maths$` can come from what
somebody typed. Escapes do not stop GitHub's autolinks, which Streamlit's Markdown makes of
bare addresses ("https://...", "www.", "name@host") after escapes are read; an invisible
word joiner (U+2060) inside each such pattern does.
"""

from __future__ import annotations

import re
import string

_ESCAPE = {ord(char): "\\" + char for char in string.punctuation}
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?=@)|(?<=www)(?=\.)", re.IGNORECASE)


def md(text: str) -> str:
    """`text` as Markdown that shows exactly `text`."""
    flat = " ".join(text.split("\n"))
    return _AUTOLINK.sub(WORD_JOINER, flat).translate(_ESCAPE)


def quoted(text: str) -> str:
    """`text` between Dutch quotation marks, as Markdown that shows exactly that."""
    return f"“{md(text)}”"
