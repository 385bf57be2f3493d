"""Question sets: the examples load, mistakes get one clear message, limits hold."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as hypothesis_strategies

from cardkit.deck import open_deck
from cardkit.errors import CardkitError
from cardkit.limits import MAX_CARDS_PER_SET, MAX_FIELD_CHARS
from cardkit.model import TEXT_FIELDS, Card, CardSet
from cardkit.read.sets import load_set, parse_set_text, set_to_yaml
from tests.helpers import EXAMPLE_SETS

GOOD_CARD = {"kind": "denk", "question": "Hoe gaat het?"}


def write_set(directory: Path, document: object, name: str = "set.yaml") -> Path:
    path = directory / name
    text = document if isinstance(document, str) else yaml.safe_dump(document, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def a_set(**changes: object) -> dict[str, object]:
    return {"title": "Test", "layout": "a6", "cards": [dict(GOOD_CARD)], **changes}


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def message_for(directory: Path, document: object) -> str:
    with pytest.raises(CardkitError) as caught:
        open_deck(write_set(directory, document))
    return caught.value.message()


# --- the shipped examples -------------------------------------------------------


def test_there_are_two_example_sets() -> None:
    names = [path.name for path in EXAMPLE_SETS]
    assert "gelijkwaardig-samenwerken.yaml" in names
    assert len(names) >= 2


@pytest.mark.parametrize("path", EXAMPLE_SETS, ids=lambda p: p.stem)
def test_example_sets_are_valid(path: Path) -> None:
    loaded = open_deck(path)
    assert loaded.card_set.title
    assert loaded.card_set.cards
    assert {card.kind for card in loaded.card_set.cards} == {"denk", "doe"}


def test_the_theme_set_has_ten_cards_in_the_spirit_of_the_seed() -> None:
    card_set = load_set(EXAMPLE_SETS[0])
    assert card_set.title == "Gelijkwaardig samenwerken"
    assert len(card_set.cards) == 10
    assert card_set.link == "https://vimeo.com/652448506"
    for card in card_set.cards:
        words = card.question.lower().replace("?", " ").replace(",", " ").split()
        assert "u" not in words and "uw" not in words, "informal je, not u"
        if card.kind == "denk":
            assert card.question.endswith("?"), card.question


# --- messages, word for word ----------------------------------------------------


def test_unknown_card_key(in_tmp: Path) -> None:
    document = a_set(cards=[GOOD_CARD, {"kind": "doe", "vraag": "Doe iets."}])
    assert message_for(in_tmp, document) == (
        'set.yaml: card 2: unknown key "vraag"; '
        "expected one of: hint, kind, moment, question, title"
    )


def test_misspelt_key_gets_a_suggestion(in_tmp: Path) -> None:
    document = a_set(cards=[{"kind": "denk", "question": "Hoe?", "hnit": "x"}])
    assert message_for(in_tmp, document) == (
        'set.yaml: card 1: unknown key "hnit" (did you mean "hint"?)'
    )


def test_missing_question(in_tmp: Path) -> None:
    document = a_set(cards=[{"kind": "denk", "title": "Zonder vraag"}])
    assert message_for(in_tmp, document) == 'set.yaml: card 1: missing key "question"'


def test_question_of_the_wrong_type(in_tmp: Path) -> None:
    document = a_set(cards=[{"kind": "denk", "question": ["Hoe?", "Wat?"]}])
    assert message_for(in_tmp, document) == (
        "set.yaml: card 1: question: expected text, got a list"
    )


def test_unknown_kind(in_tmp: Path) -> None:
    document = a_set(cards=[GOOD_CARD, {"kind": "praat", "question": "Praat."}])
    assert message_for(in_tmp, document) == (
        'set.yaml: card 2: kind: unknown kind "praat"; layout a6 has: denk, doe'
    )


def test_unknown_layout(in_tmp: Path) -> None:
    assert message_for(in_tmp, a_set(layout="a5")) == (
        'set.yaml: layout: no layout named "a5" (known: a6, a6-groot, a6-hoog-contrast, a7)'
    )


def test_yaml_syntax_error_names_the_line(in_tmp: Path) -> None:
    text = "title: Test\nlayout: a6\ncards:\n  - kind: denk\n    question: [niet gesloten\n"
    message = message_for(in_tmp, text)
    assert message.startswith("set.yaml: line 6, column 1: YAML syntax error: ")


def test_not_a_mapping(in_tmp: Path) -> None:
    assert message_for(in_tmp, "- gewoon een lijst\n") == (
        "set.yaml: expected a mapping of keys, got a list"
    )


def test_missing_file(in_tmp: Path) -> None:
    with pytest.raises(CardkitError) as caught:
        open_deck(in_tmp / "weg.yaml")
    assert caught.value.message() == "weg.yaml: file not found"


def test_control_characters_are_refused(in_tmp: Path) -> None:
    document = a_set(cards=[{"kind": "denk", "question": "Hoe\x00 gaat het?"}])
    assert message_for(in_tmp, document) == (
        "set.yaml: card 1: question: contains an invisible character U+0000 "
        "(control character); remove it"
    )


def test_bad_link(in_tmp: Path) -> None:
    assert message_for(in_tmp, a_set(link="vimeo punt com")) == (
        'set.yaml: link: expected a web address starting with https://, got "vimeo punt com"'
    )


def test_dutch_message(in_tmp: Path) -> None:
    document = a_set(cards=[{"kind": "denk"}])
    with pytest.raises(CardkitError) as caught:
        open_deck(write_set(in_tmp, document))
    assert caught.value.message("nl") == 'set.yaml: kaart 1: het veld "vraag" (question) ontbreekt'


# --- limits -------------------------------------------------------------------------


def test_a_full_set_is_accepted(in_tmp: Path) -> None:
    long_text = "woord " * (MAX_FIELD_CHARS // 6)
    cards = [
        {"kind": "doe", "question": long_text[:MAX_FIELD_CHARS]} for _ in range(MAX_CARDS_PER_SET)
    ]
    loaded = open_deck(write_set(in_tmp, a_set(cards=cards)))
    assert len(loaded.card_set.cards) == MAX_CARDS_PER_SET


def test_too_many_cards(in_tmp: Path) -> None:
    cards = [dict(GOOD_CARD) for _ in range(MAX_CARDS_PER_SET + 1)]
    assert message_for(in_tmp, a_set(cards=cards)) == (
        "set.yaml: cards: 1,001 cards; a set holds at most 1,000"
    )


def test_field_too_long(in_tmp: Path) -> None:
    cards = [{"kind": "denk", "question": "Hoe?", "hint": "x" * (MAX_FIELD_CHARS + 1)}]
    assert message_for(in_tmp, a_set(cards=cards)) == (
        "set.yaml: card 1: hint: is 2,001 characters long; at most 2,000 fit on a card"
    )


# --- writing -----------------------------------------------------------------------


def test_yaml_round_trip_keeps_every_field() -> None:
    card_set = CardSet(
        title="Eigen vragen: “ronde 2”",
        layout="a7",
        link="https://example.org/film",
        cards=(
            Card(
                "denk", "Hoe voelt dat?", title="Één", hint="Let op: dit", moment="bij een besluit"
            ),
            Card("doe", "Vraag het na.\nEn schrijf het op."),
        ),
    )
    assert parse_set_text(set_to_yaml(card_set), "x.yaml") == card_set


FIELD_TEXT = hypothesis_strategies.text(
    hypothesis_strategies.characters(blacklist_categories=("Cs",)), max_size=300
)


LONG = "Wat heb jij vandaag geleerd van een bewoner, en wat doe je daar morgen anders mee? " * 3


@settings(max_examples=200, deadline=None)
@example(title=LONG, texts=[(LONG, LONG, '- ook dit:\n  ‘met’ "aanhalingstekens"', "")])
@given(
    title=FIELD_TEXT,
    texts=hypothesis_strategies.lists(
        hypothesis_strategies.tuples(FIELD_TEXT, FIELD_TEXT, FIELD_TEXT, FIELD_TEXT), max_size=4
    ),
)
def test_a_set_is_written_as_one_dump_of_the_whole_document(title, texts) -> None:
    """Each card's YAML is kept apart for speed; the file is the same text as dumping the
    whole document at once, for any text (line breaks, quotes, '- ', long lines)."""
    cards = tuple(Card("denk", q, title=t, hint=h, moment=m) for t, q, h, m in texts)
    card_set = CardSet(title=title, layout="a6", link="https://example.org/x", cards=cards)
    entries = [{"kind": "denk", **{key: card.text(key) for key in TEXT_FIELDS}} for card in cards]
    for entry in entries:  # empty optional fields are left out; the question never is
        for key in [key for key in TEXT_FIELDS if key != "question" and not entry[key]]:
            del entry[key]
    document = {"title": title, "layout": "a6", "link": "https://example.org/x", "cards": entries}
    whole = yaml.dump(
        document, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=88
    )
    assert set_to_yaml(card_set) == whole
