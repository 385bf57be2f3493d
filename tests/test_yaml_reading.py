"""YAML read as written: what a person typed where text belongs stays that text (YAML 1.2's
core rules: only true/false and null are more than text), and booleans where text is
expected are refused with the card and the field, never turned into "True"."""

from __future__ import annotations

import pytest

from cardkit.errors import CardkitError
from cardkit.read.sets import parse_set_text


def one_card(field: str, value: str) -> bytes:
    card = f"  - kind: denk\n    question: Hoe?\n    {field}: {value}\n"
    return f"title: Tijden\nlayout: a6\ncards:\n{card}".encode()


@pytest.mark.parametrize(
    "written",
    # YAML 1.1 reads these as 630 (base 60), 8 (octal), 31 (hex), 1000, 1.0e3, True and
    # False; a card must show them as typed.
    ["10:30", "010", "0x1F", "1_000", "1.0e3", "yes", "no", "on", "off", "y", "~tekst"],
)
@pytest.mark.parametrize("field", ["title", "hint", "moment"])
def test_what_was_written_stays_text(field: str, written: str) -> None:
    [card] = parse_set_text(one_card(field, written), "tijden.yaml").cards
    assert getattr(card, field) == written


def test_a_set_title_of_digits_stays_as_written() -> None:
    text = b"title: 010\nlayout: a6\ncards:\n  - kind: denk\n    question: Hoe?\n"
    assert parse_set_text(text, "t.yaml").title == "010"


@pytest.mark.parametrize("written", ["true", "false", "True"])
def test_a_boolean_where_text_belongs_is_refused_by_name(written: str) -> None:
    with pytest.raises(CardkitError) as refused:
        parse_set_text(one_card("hint", written), "t.yaml")
    assert "card 1: hint: expected text, got yes/no" in refused.value.message("en")


def test_an_empty_value_is_an_empty_field() -> None:
    [card] = parse_set_text(one_card("hint", ""), "t.yaml").cards
    assert card.hint == ""
