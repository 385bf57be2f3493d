"""Typography that survives real questions: each rule with real examples."""

from __future__ import annotations

import pytest

from cardkit.checks.writing import tips
from cardkit.display import ImageItem
from cardkit.layout.card import lay_out_side
from cardkit.model import Card, CardSet
from cardkit.read.layouts import load_layout
from cardkit.text.fitting import fit_text, wrap_text
from cardkit.text.hyphenation import break_points
from cardkit.text.runs import describe_character, missing_characters, split_runs, width_em

A6 = load_layout("a6")
QUESTION = A6.font_stack("question")  # Lato Bold, Noto Sans Arabic Bold, emoji
HINT = A6.font_stack("hint")


def question_lines(question: str, kind: str = "denk"):
    card_set = CardSet("Test", "a6", (Card(kind, question),))
    page = lay_out_side(card_set, A6, 1, "front")
    return page, [line for line in page.text_lines if line.zone == "question"]


# --- hyphenation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, width",
    [
        ("arbeidsongeschiktheidsverzekering", 8.0),
        ("arbeidsongeschiktheidsverzekering", 5.0),
        ("vraagverheldering", 4.0),
        ("ondersteuningsmogelijkheden", 6.5),
    ],
)
def test_a_word_wider_than_the_line_breaks_at_dutch_break_points(word: str, width: float) -> None:
    lines = wrap_text(word, QUESTION, width)
    assert len(lines) > 1
    assert all(width_em(line, QUESTION) <= width for line in lines)
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.removesuffix("-") for line in lines) == word
    allowed = {point.at for point in break_points(word)}
    position = 0
    for line in lines[:-1]:
        position += len(line) - 1
        assert position in allowed
        assert position >= 2 and len(word) - position >= 3  # 2 letters before, 3 after


@pytest.mark.parametrize(
    "word, head, tail",
    [
        ("zeeëend", "zee-", "eend"),
        ("beëindigen", "be-", "eindigen"),
        ("coëfficiënt", "co-", "efficiënt"),
    ],
)
def test_the_trema_goes_where_the_hyphen_comes(word: str, head: str, tail: str) -> None:
    # A line just too narrow for the next syllable forces the break after `head`.
    width = (width_em(head, QUESTION) + width_em(word[: len(head) + 2] + "-", QUESTION)) / 2
    lines = wrap_text(word, QUESTION, width)
    assert lines[0] == head
    assert "".join(lines[1:]).replace("-", "").startswith(tail[:3])
    assert not any(line.startswith(("ë", "ï")) for line in lines)


def test_an_existing_hyphen_is_never_doubled() -> None:
    for width in (3.0, 4.5, 6.0, 8.0):
        lines = wrap_text("sociaal-maatschappelijk e-mailadres", QUESTION, width)
        assert not any("--" in line for line in lines)


def test_a_piece_without_break_points_breaks_between_characters() -> None:
    lines = wrap_text("x" * 30, QUESTION, 3.0)
    assert "".join(lines) == "x" * 30
    assert all(width_em(line, QUESTION) <= 3.0 for line in lines)


def test_no_hyphen_when_a_smaller_size_fits_without_one() -> None:
    # At 16 pt "ongelijkwaardigheid" (8.9 em) is wider than a 50 mm zone; at 15.5 pt it fits.
    fitted = fit_text(
        "Gegeven ongelijkwaardigheid", A6.font_stack("title"), 50, 18, 12, 16, 1.15, 2
    )
    assert fitted.lines == ("Gegeven", "ongelijkwaardigheid")
    assert fitted.size < 16


def test_display_type_is_not_hyphenated_by_choice() -> None:
    _, lines = question_lines(
        "Wanneer was jij zelf afhankelijk van een professional? Wat had je toen nodig?"
    )
    assert not any(line.text.endswith("-") for line in lines)


def test_body_text_may_be_hyphenated_to_even_a_ragged_edge() -> None:
    text = (
        "Kijk samen naar de ondersteuningsmogelijkheden en de gemeentelijke voorzieningen "
        "in de wijk"
    )
    # Without the hyphen the first line would hold only "Kijk samen naar de".
    assert wrap_text(text, HINT, 20.0) == (
        "Kijk samen naar de ondersteuningsmogelijk-",
        "heden en de gemeentelijke voorzieningen in",
        "de wijk",
    )


# --- line quality ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question, last_line",
    [
        # Greedy filling leaves "nodig?" alone; the balanced break does not.
        (
            "Wanneer was jij zelf afhankelijk van een professional? Wat had je toen nodig?",
            "toen nodig?",
        ),
        ("Uit een ander vaatje tappen", "Uit een ander vaatje tappen"),
    ],
)
def test_no_short_word_alone_on_the_last_line(question: str, last_line: str) -> None:
    _, lines = question_lines(question)
    assert lines[-1].text == last_line


def test_lines_are_balanced() -> None:
    _, lines = question_lines("Vraag een bewoner hoe gelijkwaardig jullie gesprek voelde.", "doe")
    widths = [line.width for line in lines]
    assert [line.text for line in lines] == [
        "Vraag een bewoner",
        "hoe gelijkwaardig jullie",
        "gesprek voelde.",
    ]
    assert max(widths) - min(widths) < 0.4 * max(widths)


@pytest.mark.parametrize("width", [x / 2 for x in range(8, 40)])
def test_question_and_exclamation_marks_never_start_a_line(width: float) -> None:
    for line in wrap_text("Hoe gaat het met jou ? Goed zo ! Echt waar ?", QUESTION, width):
        assert not line.startswith(("?", "!"))


@pytest.mark.parametrize("width", [x / 2 for x in range(12, 40)])  # pairs fit from 6 em
def test_numbers_stay_with_their_units(width: float) -> None:
    text = "Een gesprek van 45 minuten na 10 km fietsen kost € 12 per keer"
    lines = wrap_text(text, QUESTION, width)
    for line in lines[:-1]:
        assert not line.endswith((" 45", "45", " 10", " €", " 12")), lines


def test_a_pair_wider_than_the_line_is_broken_rather_than_overflowing() -> None:
    lines = wrap_text("Fiets 12345678 kilometer", QUESTION, 6.0)
    assert all(width_em(line, QUESTION) <= 6.0 for line in lines)


def test_explicit_line_breaks_are_kept() -> None:
    assert wrap_text("Eerst dit.\nDan dat.", QUESTION, 40.0) == ("Eerst dit.", "Dan dat.")


# --- emoji, scripts and missing characters ----------------------------------------------


def test_emoji_clusters_stay_whole_and_become_pictures() -> None:
    text = "Goed zo 👍🏽 🇳🇱 👩‍💻 1️⃣ ❤️!"
    runs = split_runs(text, QUESTION)
    assert [run.kind for run in runs] == [
        "text",
        "emoji",
        "text",
        "emoji",
        "text",
        "emoji",
        "text",
        "emoji",
        "text",
        "emoji",
        "text",
    ]
    page, lines = question_lines(text)
    pictures = [item for item in page.items if isinstance(item, ImageItem) and not item.path]
    assert len(pictures) == 5
    size = lines[0].size * 25.4 / 72
    for picture in pictures:  # scaled to the text, sitting on its baseline
        assert picture.box.height == pytest.approx(size * 128 / 109, rel=0.05)
        assert picture.box.bottom == pytest.approx(lines[0].baseline, abs=size * 0.3)


def test_arabic_runs_right_to_left_in_its_own_font() -> None:
    page, lines = question_lines("كيف يمكننا أن نعمل معا على قدم المساواة؟")
    zone = page.zones["question"]
    assert {line.font.name for line in lines} == {"NotoSansArabic-Bold"}
    for line in lines:  # the house style is left aligned, so Arabic aligns to its start
        assert line.x + line.width == pytest.approx(zone.right)


def test_mixed_line_keeps_visual_order() -> None:
    _, lines = question_lines("Zeg شكرا tegen je buurman")
    assert [line.font.name for line in lines[:3]] == [
        "Lato-Bold",
        "NotoSansArabic-Bold",
        "Lato-Bold",
    ]
    assert lines[0].x < lines[1].x < lines[2].x


@pytest.mark.parametrize(
    "text",
    [
        "Bir sakin ile eşit düzeyde nasıl çalışabiliriz? İyi, ğ ş ı",
        "Zapytaj mieszkańca, jak się czuł. Źródło, żółć, łąka",
        "Plak uit Word: “aanhalingstekens”, ‘enkele’ – en — streepjes…",
    ],
)
def test_turkish_polish_and_word_quotes_need_no_fallback(text: str) -> None:
    assert missing_characters(text, QUESTION) == []
    assert {run.font for run in split_runs(text, QUESTION)} == {QUESTION.primary}


def test_a_character_no_font_has_is_reported_and_left_out() -> None:
    page, lines = question_lines("Wat betekent ᚠ voor jou?")
    assert [glyph.name for glyph in page.missing] == ["ᚠ (U+16A0 RUNIC LETTER FEHU FEOH FE F)"]
    assert "is in none of the bundled fonts and is left out" in page.missing[0].describe().en
    assert not any("ᚠ" in line.text for line in lines)
    assert describe_character("\u200b") == "(U+200B ZERO WIDTH SPACE)"


# --- the writing aid -------------------------------------------------------------------------


def tip_texts(card: Card) -> list[str]:
    return [tip.nl for _, tip in tips(card, A6.writing, A6.kinds[card.kind].label)]


@pytest.mark.parametrize(
    "card, expected",
    [
        (Card("denk", "Hoe voelt dat voor jou?"), []),
        (Card("doe", "Vraag een collega wat zij zou doen."), []),
        (
            Card("denk", "Hoe voelt dat voor jou"),
            ["een denkkaartje stelt een vraag: eindig met een “?”"],
        ),
        (
            Card("denk", "Heb je dat gevraagd?"),
            [
                "“Heb …” vraagt om ja of nee; een open vraag begint met een woord als "
                "hoe, wat, welke"
            ],
        ),
        (
            Card("doe", "Het is goed om even te luisteren."),
            ["een doekaartje begint met wat je gaat doen, zoals vraag, stel, schrijf, kies"],
        ),
        (
            Card("denk", "Wat vindt u ervan?"),
            ["“u” is formeel: de kaartjes spreken gelijkwaardig, met je en jij"],
        ),
        (
            Card("denk", "Wat vraagt deze casus van jou?", hint="Denk aan de eigen kracht."),
            [
                "“casus” is vakjargon; eenvoudiger: “situatie”",
                "“eigen kracht” is vakjargon; eenvoudiger: “wat iemand zelf kan”",
            ],
        ),
        (
            Card("denk", " ".join(["Wat"] + ["heel"] * 21) + "?"),
            ["de vraag heeft 22 woorden; houd het bij hoogstens 20"],
        ),
    ],
)
def test_writing_tips(card: Card, expected: list[str]) -> None:
    assert tip_texts(card) == expected


def test_the_example_sets_pass_the_writing_aid() -> None:
    from cardkit.deck import open_deck
    from tests.helpers import EXAMPLE_SETS

    for path in EXAMPLE_SETS:
        loaded = open_deck(path)
        for card in loaded.card_set.cards:
            assert tip_texts(card) == [], (path.name, card.question)


@pytest.mark.parametrize("question", ["Hoe gaat het? 😊", "Hoe gaat het?👍🏽", "Wat nu?” "])
def test_an_emoji_or_a_quote_after_the_question_mark_still_ends_a_question(question: str) -> None:
    assert tip_texts(Card("denk", question)) == []


def test_a_line_break_in_a_question_is_no_missing_character() -> None:
    card_set = CardSet("T", "a6", (Card("denk", "Hoe begin je?\nEn hoe eindig je?"),))
    page = lay_out_side(card_set, load_layout("a6"), 1, "front")
    assert page.missing == ()
    assert [line.text for line in page.text_lines if line.zone == "question"] == [
        "Hoe begin je?",
        "En hoe eindig je?",
    ]


def test_an_arabic_question_mark_ends_a_question_too() -> None:
    assert tip_texts(Card("denk", "كيف يمكننا أن نعمل معا؟")) == []


def test_check_notes_arabic_vowel_marks_without_failing(tmp_path) -> None:
    from tests.test_cli import cardkit, write_set

    cards = [{"kind": "denk", "question": "كيف نعمل معًا؟"}]
    result = cardkit("check", write_set(tmp_path, {"title": "T", "layout": "a6", "cards": cards}))
    assert result.returncode == 0
    assert result.stderr.startswith("card 1: note: Arabic with vowel marks comes out wrong")
