"""Characters nobody sees on a card: refused in set files, removed from typed and pasted
text with their names, while what makes emoji and flags stays."""

from __future__ import annotations

import pytest

from cardkit.errors import CardkitError
from cardkit.read.invisible import invisible_characters, strip_invisible
from cardkit.read.sets import parse_set_text

# Each one draws as nothing, or as a space that is not one (found in an attack round).
INVISIBLE = {
    "\U000e0041": "TAG LATIN CAPITAL LETTER A",
    "\u061c": "ARABIC LETTER MARK",
    "\u2061": "FUNCTION APPLICATION",
    "\u3164": "HANGUL FILLER",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u200b": "ZERO WIDTH SPACE",
}
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
FAMILY = "👩\u200d👩\u200d👧"  # joined by zero-width joiners
HEART = "❤\ufe0f"  # with a variation selector


@pytest.mark.parametrize("char", INVISIBLE)
def test_typed_text_loses_each_invisible_character_with_its_name(char: str) -> None:
    clean, removed = strip_invisible(f"Wat{char} vind jij?")
    assert clean == "Wat vind jij?"
    assert removed == (f"U+{ord(char):04X} {INVISIBLE[char]}",)


@pytest.mark.parametrize("char", INVISIBLE)
def test_a_set_file_with_an_invisible_character_in_a_title_is_refused(char: str) -> None:
    text = f"title: Kaart{char}jes\nlayout: a6\ncards:\n- kind: denk\n  question: Wat?\n"
    with pytest.raises(CardkitError) as refused:
        parse_set_text(text, "set.yaml")
    assert f"U+{ord(char):04X} ({INVISIBLE[char]})" in refused.value.message("en")
    assert "title" in refused.value.message("en")


def test_flags_emoji_sequences_and_variation_selectors_stay() -> None:
    text = f"Samen {SCOTLAND} {FAMILY} {HEART}?"
    assert invisible_characters(text) == []
    assert strip_invisible(text) == (text, ())


def test_a_stray_tag_next_to_a_flag_is_still_removed() -> None:
    text = f"{SCOTLAND}\U000e0041 en \U000e0062"
    clean, removed = strip_invisible(text)
    assert clean == f"{SCOTLAND} en "
    assert removed == ("U+E0041 TAG LATIN CAPITAL LETTER A", "U+E0062 TAG LATIN SMALL LETTER B")
