"""What is wrong with a set's cards once laid out: overflowing text, empty questions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cardkit.checks.writing import tips
from cardkit.display import Page
from cardkit.errors import Text
from cardkit.model import DUTCH_FIELD_NAMES, Card, CardSet
from cardkit.read.style import Layout

# Arabic vowel marks: fpdf2 2.8.9 puts a single mark on the wrong letter in the PDF, and a
# word with two or more marks loses its joining and its order (the PNG is right).
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")
ARABIC_MARKS_NOTE = Text(
    "Arabic with vowel marks comes out wrong in the PDF: a mark can sit on the wrong "
    "letter, and a word with several marks can fall apart into loose letters (a limitation "
    "of the PDF library); the PNG is right: share the PNG, or leave the marks out for print",
    "Arabisch met klinkertekens komt in de pdf niet goed uit: een teken kan op de verkeerde "
    "letter staan, en een woord met meer tekens kan uit losse letters bestaan (een beperking "
    "van de pdf-bibliotheek); de PNG is goed: deel de PNG, of laat de tekens weg voor drukwerk",
)

EMPTY_QUESTION = Text("the question is empty", "de vraag is nog leeg")


@dataclass(frozen=True)
class Problem:
    """A problem on card `card` (1-based); `zone` names the field it concerns. A blocking
    problem (text that does not fit, a character left out) makes `check` exit 1; the
    others are advice that never blocks anything."""

    card: int
    zone: str
    text: Text
    side: str = "front"
    kind: str = "problem"  # or "note" (a known limitation) or "tip" (the writing aid)

    @property
    def blocking(self) -> bool:
        return self.kind == "problem"

    def line(self, language: str = "en") -> str:
        """`card 2: ...`, `card 2: tip: hint: ...` (or `kaart 2: tip: toelichting: ...`),
        `(back)` for the back. A tip names its field; a problem's text names it already."""
        word = "kaart" if language == "nl" else "card"
        back = (" (achterkant)" if language == "nl" else " (back)") if self.side == "back" else ""
        label = "" if self.blocking else f"{self.kind}: "
        if self.kind == "tip":
            field = DUTCH_FIELD_NAMES.get(self.zone, self.zone) if language == "nl" else self.zone
            label += f"{field}: "
        return f"{word} {self.card}{back}: {label}{self.text.get(language)}"


def set_problems(
    card_set: CardSet, pages: Iterable[Page], layout: Layout | None = None
) -> list[Problem]:
    """Every card's problems (see `card_problems`), in card order."""
    by_card: dict[int, list[Page]] = {}
    for page in pages:
        by_card.setdefault(page.card, []).append(page)
    problems = []
    for number, card in enumerate(card_set.cards, start=1):
        problems += card_problems(card, number, by_card.get(number, ()), layout)
    return problems


def card_problems(
    card: Card, number: int, pages: Iterable[Page], layout: Layout | None = None
) -> list[Problem]:
    """Card `number`'s empty question, overflows and characters left out (problems), known
    limitations (notes) and, given the layout, the writing aid's tips; front first. The
    command line and the designer both ask here."""
    problems = []
    if not card.question.strip():
        problems.append(Problem(number, "question", EMPTY_QUESTION))
    for page in pages:
        for overflow in page.overflows:
            problems.append(Problem(number, overflow.zone, overflow.describe(), page.side))
        for glyph in page.missing:
            problems.append(Problem(number, glyph.zone, glyph.describe(), page.side))
        for zone in sorted(
            {line.zone for line in page.text_lines if _ARABIC_MARKS.search(line.text)}
        ):
            problems.append(Problem(number, zone, ARABIC_MARKS_NOTE, page.side, "note"))
    if layout is not None:
        label = layout.kinds[card.kind].label
        for zone, tip in tips(card, layout.writing, label):
            problems.append(Problem(number, zone, tip, "front", "tip"))
    return sorted(problems, key=lambda problem: problem.side != "front")
