"""Text a person typed, put on the page as text: the one way the designer shows titles,
names, file names and cells inside Markdown (messages, headings, labels).

Every ASCII punctuation character is escaped, which CommonMark allows for each of them:
no link, image, emphasis, autolinked address, `:material:` icon, `:red[colour]` or `$maths$`
can come from what somebody typed.
"""

from __future__ import annotations

import string

_ESCAPE = {ord(char): "\\" + char for char in string.punctuation}


def md(text: str) -> str:
    """`text` as Markdown that shows exactly `text`."""
    return " ".join(text.split("\n")).translate(_ESCAPE)


def quoted(text: str) -> str:
    """`text` between Dutch quotation marks, as Markdown that shows exactly that."""
    return f"“{md(text)}”"
