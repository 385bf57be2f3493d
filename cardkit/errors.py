"""Errors a user can cause, carrying the file, the place in it and what was expected.

Every message exists in English (command line) and Dutch (designer), so the edge
that shows it can pick the reader's language without parsing text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """One sentence in the two languages cardkit speaks."""

    en: str
    nl: str

    def __add__(self, other: Text) -> Text:
        return Text(self.en + other.en, self.nl + other.nl)

    def get(self, language: str) -> str:
        return self.nl if language == "nl" else self.en


def nl_number(value: int) -> str:
    """12,345 as Dutch readers write it: 12.345."""
    return f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class Location:
    """Where in a file a problem is: a file name and a key path such as zones.question."""

    file: str
    path: tuple[Text, ...] = ()

    def describe(self, language: str = "en") -> str:
        return format_path(self.path, language)


def format_path(path: tuple[Text, ...], language: str = "en") -> str:
    """Join key path segments: `a.b`, list items as `a[2]`, labelled items as `card 3: a`."""
    out = ""
    after_label = False
    for segment in path:
        text = segment.get(language)
        if text.startswith("["):
            out += text
        elif not out:
            out = text
        elif after_label:
            out += ": " + text
        else:
            out += "." + text
        after_label = " " in text
    return out


class CardkitError(Exception):
    """A problem the user can fix: bad input, a missing file, a set over the limits."""

    def __init__(self, location: Location | None, problem: Text) -> None:
        self.location = location
        self.problem = problem
        super().__init__(self.message("en"))

    def message(self, language: str = "en") -> str:
        """One line: file, key path, problem. Never a traceback."""
        parts = []
        if self.location is not None:
            parts.append(self.location.file)
            where = self.location.describe(language)
            if where:
                parts.append(where)
        parts.append(self.problem.get(language))
        return ": ".join(parts)


class SetupError(Exception):
    """The machine lacks something cardkit needs (a system library, a font file)."""
