"""What is wrong with a set's cards once laid out: overflowing text, empty questions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cardkit.content import CardSet
from cardkit.display import Page
from cardkit.errors import Text


@dataclass(frozen=True)
class Problem:
    """A problem on card `card` (1-based); `zone` names the field it concerns."""

    card: int
    zone: str
    text: Text
    side: str = "front"

    def line(self, language: str = "en") -> str:
        """`card 2: ...` (or `kaart 2: ...`), with `(back)` for the back side."""
        word = "kaart" if language == "nl" else "card"
        back = (" (achterkant)" if language == "nl" else " (back)") if self.side == "back" else ""
        return f"{word} {self.card}{back}: {self.text.get(language)}"


def set_problems(card_set: CardSet, pages: Iterable[Page]) -> list[Problem]:
    """Empty questions and every overflow, in card order."""
    problems = [
        Problem(number, "question", Text("the question is empty", "de vraag is nog leeg"))
        for number, card in enumerate(card_set.cards, start=1)
        if not card.question.strip()
    ]
    for page in pages:
        for overflow in page.overflows:
            problems.append(Problem(page.card, overflow.zone, overflow.describe(), page.side))
    return sorted(problems, key=lambda problem: (problem.card, problem.side != "front"))
