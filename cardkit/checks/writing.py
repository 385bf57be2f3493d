"""The writing aid: the house style of questions (short, open, spoken as equals) as tips.

The rules are data in the layout's `writing:` section. Tips never block anything:
`check` prints them and the designer shows them beside the question.
"""

from __future__ import annotations

import re

import regex

from cardkit.errors import Text
from cardkit.model import DUTCH_FIELD_NAMES, Card
from cardkit.read.style import KindRules, WritingRules

_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
QUESTION_MARKS = ("?", "؟", "⸮")  # Arabic and Persian questions end in ؟


def _without_trailing_marks(text: str) -> str:
    """The text without what may follow its last sentence mark: closing quotes, spaces and
    emoji ("Hoe gaat het? 😊" ends in a question mark)."""
    return _TRAILING.sub("", text)


_TRAILING = regex.compile(r"[\s”\"'’\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]+$")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def tips(card: Card, rules: WritingRules, kind_label: str) -> list[tuple[str, Text]]:
    """(field, tip) pairs for a card: what the house style of questions would change."""
    found: list[tuple[str, Text]] = []
    question = card.question.strip()
    if not question:
        return found
    question_words = words(question)
    first = question_words[0].lower() if question_words else ""
    count = len(question_words)
    if rules.max_words and count > rules.max_words:
        found.append(
            (
                "question",
                Text(
                    f"the question has {count} words; the house style keeps it to "
                    f"{rules.max_words} or fewer",
                    f"de vraag heeft {count} woorden; houd het bij hoogstens {rules.max_words}",
                ),
            )
        )
    kind = rules.kinds.get(card.kind, KindRules())
    endings = QUESTION_MARKS if kind.ends_with == "?" else (kind.ends_with,)
    if kind.ends_with and not _without_trailing_marks(question).endswith(endings):
        found.append(
            (
                "question",
                Text(
                    f"a {kind_label.lower()} asks a question: end it with “{kind.ends_with}”",
                    f"een {kind_label.lower()} stelt een vraag: eindig met een “{kind.ends_with}”",
                ),
            )
        )
    if first in kind.closed_starts:
        examples = ", ".join(kind.open_starts[:3])
        found.append(
            (
                "question",
                Text(
                    f"“{question_words[0]} …” invites a yes or a no; an open question starts "
                    f"with a word such as {examples}",
                    f"“{question_words[0]} …” vraagt om ja of nee; een open vraag begint met "
                    f"een woord als {examples}",
                ),
            )
        )
    if kind.action_starts and first not in kind.action_starts:
        examples = ", ".join(kind.action_starts[:4])
        found.append(
            (
                "question",
                Text(
                    f"a {kind_label.lower()} starts with what to do, such as {examples}",
                    f"een {kind_label.lower()} begint met wat je gaat doen, zoals {examples}",
                ),
            )
        )
    for name in ("question", "title", "hint", "moment"):
        text = card.text(name)
        text_words = {w.lower() for w in words(text)}
        dutch = DUTCH_FIELD_NAMES[name]
        where = Text("", "") if name == "question" else Text(f"{name}: ", f"{dutch}: ")
        formal = [w for w in rules.formal if w in text_words]
        if formal:
            tip = Text(
                f"“{formal[0]}” is formal: the cards speak as equals, with je and jij",
                f"“{formal[0]}” is formeel: de kaartjes spreken gelijkwaardig, met je en jij",
            )
            found.append((name, where + tip))
        for word, plain in rules.jargon.items():
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE):
                tip = Text(
                    f"“{word}” is professional jargon; plainer: “{plain}”",
                    f"“{word}” is vakjargon; eenvoudiger: “{plain}”",
                )
                found.append((name, where + tip))
    return found
