"""Plain language (B1): rare words, compounds, names, long sentences, the passive voice
and questions per card, measured on plain Dutch and on professional jargon."""

from __future__ import annotations

import dataclasses
import socket
import time
from pathlib import Path

import pytest

from cardkit.checks import plain_language
from cardkit.checks.plain_language import checked_words, is_everyday, rare_words
from cardkit.checks.problems import Problem, card_problems
from cardkit.checks.writing import passive_voice, tips
from cardkit.errors import CardkitError
from cardkit.model import Card
from cardkit.read.layouts import load_layout
from tests.helpers import EXAMPLE_SETS, FIXTURE_LAYOUTS

A6 = load_layout("a6")
RULES = A6.writing
DATA = Path(__file__).parent / "fixtures" / "plain_language"
LAYOUTS = "tests/fixtures/layouts"


def lines(name: str) -> list[str]:
    """The texts of an evaluation file: one a line, # starts a comment."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def tip_texts(card: Card, rules=RULES) -> list[str]:
    return [tip.nl for _, tip in tips(card, rules, A6.kinds[card.kind].label)]


def with_rules(**changes):
    return dataclasses.replace(RULES, **changes)


# --- the measurement: false alarms on plain Dutch, hits on jargon ---------------------------

# The rates measured when the thresholds were chosen (see docs/architecture.md); the
# bounds leave a little room so that a harmless change does not fail, a real one does.
MAX_FALSE_ALARMS = 0.02
MIN_HITS = 0.70


@pytest.mark.parametrize("name", ["plain.txt", "plain-heldout.txt"])
def test_few_false_alarms_on_plain_dutch(name: str) -> None:
    texts = lines(name)
    alarms = {text: rare_words(text) for text in texts if rare_words(text)}
    rate = len(alarms) / len(texts)
    print(f"\n{name}: {len(alarms)} of {len(texts)} texts get a rare-word tip ({rate:.1%})")
    for text, words in alarms.items():
        print(f"  {', '.join(words)}: {text}")
    assert len(texts) >= 100
    assert rate <= MAX_FALSE_ALARMS


@pytest.mark.parametrize("name", ["jargon.txt", "jargon-heldout.txt"])
def test_most_professional_jargon_gets_a_tip(name: str) -> None:
    words = lines(name)
    missed = [word for word in words if not rare_words(word)]
    rate = 1 - len(missed) / len(words)
    print(f"\n{name}: {len(words) - len(missed)} of {len(words)} words get a tip ({rate:.1%})")
    print(f"  missed: {', '.join(missed)}")
    assert len(words) >= 40
    assert rate >= MIN_HITS


def test_the_jargon_sets_hold_no_word_the_layout_names() -> None:
    """The check is measured on words it was never told about."""
    listed = {word.lower() for word in (*RULES.jargon, *RULES.never_fine, *RULES.always_fine)}
    for name in ("jargon.txt", "jargon-heldout.txt"):
        assert not listed & {word.lower() for word in lines(name)}


# --- what the issue asks, card by card ----------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["multiproblematiek", "ketenpartner", "casemanagement", "outreachend", "integraal",
     "preventief", "escalatie", "signalering", "interdisciplinair", "normaliseren"],
)  # fmt: skip
def test_a_rare_professional_word_it_was_never_told_about_gets_a_tip(word: str) -> None:
    card = Card("denk", f"Wat betekent {word} voor de bewoner?")
    assert tip_texts(card) == [
        f"“{word}” is geen alledaags woord; zeg het in woorden die iedereen kent"
    ]


@pytest.mark.parametrize(
    "card",
    [
        Card("denk", "Wat bespreek je in het teamoverleg over het huisbezoek?"),
        Card("denk", "Wie zit er bij jullie aan de keukentafel?", title="Keukentafel"),
        Card("doe", "Maak samen een boodschappenlijstje voor het buurthuis."),
        Card("denk", "Hoe meld je je aan bij de voedselbank, en wat neem je mee?"),
        Card("doe", "Bedank je buurvrouw voor de hulp op het schoolplein."),
        Card("denk", "Wat zeg je als iemand je uitnodigt voor een verjaardagsfeestje?"),
        Card("doe", "Vertel in de groepsapp wat je vandaag opviel.", hint="Kort is goed."),
    ],
)
def test_everyday_questions_with_compounds_get_no_tip(card: Card) -> None:
    assert tip_texts(card) == []


@pytest.mark.parametrize(
    "text",
    [
        "Bel Fatima en Ahmed na het weekend terug.",  # names in mid sentence
        "Spreek om 10 uur af, of om 14:30, en fiets 3 km.",  # numbers
        "Stuur een 👍🏽 of een ❤️ als het gelukt is! 🇳🇱",  # emoji
        "Lees www.wijkteam-oost.nl of mail naar info@buurtzorgnetwerk.nl.",  # addresses
        "Bespreek het met de GGD en het CJG.",  # abbreviations
        "Deel de foto’s van zo’n dag, en m’n verhaal.",  # apostrophes
        "Wie hielp je met je e-mailadres en de groepsapp?",  # hyphens, compounds
    ],
)
def test_names_numbers_emoji_and_addresses_are_left_alone(text: str) -> None:
    assert rare_words(text) == ()


def test_a_name_at_the_start_of_a_sentence_is_still_a_word() -> None:
    assert rare_words("Multiproblematiek: wat is dat?") == ("Multiproblematiek",)
    assert rare_words("Wat is dat? Multiproblematiek!") == ("Multiproblematiek",)
    assert rare_words("Wat is dat, Multiproblematiek?") == ()  # a capital mid sentence


def test_inflections_of_common_words_are_everyday() -> None:
    for word in ("bespreek", "beloof", "bedank", "formuleerden", "berichtje", "belangrijkst",
                 "meespeelden", "ongelijkwaardigheid", "vaatje", "tappen"):  # fmt: skip
        assert is_everyday(word), word


def test_a_card_in_another_language_gets_no_dutch_word_tips() -> None:
    card = Card("denk", "Bir sakin ile eşit düzeyde nasıl çalışabiliriz?", title="Türkçe")
    assert tip_texts(card) == []
    arabic = Card("denk", "كيف يمكننا أن نعمل معا؟", hint="Hoe werken we samen als gelijken?")
    assert tip_texts(arabic) == []


def test_other_scripts_are_not_checked() -> None:
    assert checked_words("Привет, كيف 你好 buurt") == (("buurt", "buurt"),)


# --- the layout's lists -------------------------------------------------------------------


def test_the_layouts_jargon_list_still_gives_its_plainer_word() -> None:
    card = Card("denk", "Wat vraagt deze casus van jou?", title="De cliënten")
    assert tip_texts(card) == [
        "“casus” is vakjargon; eenvoudiger: “situatie”",
        "“cliënten” is vakjargon; eenvoudiger: “bewoner”",
    ]


def test_jargon_inside_a_compound_gets_the_plainer_word() -> None:
    card = Card("denk", "Wat neem je mee naar het casusoverleg?")
    assert tip_texts(card) == [
        "in “casusoverleg” zit het vakjargon “casus”; eenvoudiger: “situatie”"
    ]


def test_a_teams_own_terms_are_always_fine() -> None:
    card = Card("denk", "Wat breng je in bij de intervisie en in het intervisieoverleg?")
    assert tip_texts(card) == []  # a6 lists intervisie as always fine
    without = with_rules(always_fine=frozenset())
    assert tip_texts(card, without) == [
        "“intervisie” is geen alledaags woord; zeg het in woorden die iedereen kent",
        "“intervisieoverleg” is geen alledaags woord; zeg het in woorden die iedereen kent",
    ]


def test_words_never_fine_always_get_a_tip() -> None:
    rules = with_rules(never_fine=("probleem", "eigen regie"))
    card = Card("denk", "Welk probleem zie je, en hoe houdt iemand eigen regie?")
    assert tip_texts(card, rules) == [
        "“probleem” staat op de lijst van woorden om te vermijden; zeg het in gewone woorden",
        "“eigen regie” staat op de lijst van woorden om te vermijden; zeg het in gewone woorden",
    ]


def test_a_layout_reads_its_writing_lists(at_root) -> None:
    rules = load_layout("writing-team", FIXTURE_LAYOUTS).writing
    assert rules.always_fine == {"intervisie", "wijkteam"}
    assert rules.never_fine == ("probleem", "eigen regie")
    assert (rules.rare_words, rules.passive) == (True, True)
    assert (rules.max_sentence_words, rules.max_questions) == (12, 1)


def test_a_layout_without_these_rules_gives_no_such_tips(at_root) -> None:
    rules = load_layout("base", FIXTURE_LAYOUTS).writing
    card = Card("denk", "Hoe wordt multiproblematiek door het team besproken? En nu? En dan?")
    assert tips(card, rules, "Denkkaartje") == []


@pytest.mark.parametrize(
    "name, message",
    [
        (
            "writing-always-and-never",
            f"{LAYOUTS}/writing-always-and-never.yaml: writing.always_fine[2]: "
            '"intervisie" is also in writing.never_fine; a word is either always fine or '
            "never fine",
        ),
        (
            "writing-always-and-jargon",
            f"{LAYOUTS}/writing-always-and-jargon.yaml: writing.always_fine[1]: "
            '"Casus" is also in writing.jargon; a word is either always fine or never fine',
        ),
        (
            "writing-phrase",
            f"{LAYOUTS}/writing-phrase.yaml: writing.always_fine[1]: expected one word (the "
            'check looks at words one by one), got "eigen kracht"',
        ),
        (
            "writing-yes-no",
            f"{LAYOUTS}/writing-yes-no.yaml: writing.rare_words: expected yes or no "
            '(true/false), got "soms"',
        ),
    ],
)
def test_writing_lists_that_contradict_themselves_are_refused(
    at_root, name: str, message: str
) -> None:
    with pytest.raises(CardkitError) as caught:
        load_layout(name, FIXTURE_LAYOUTS)
    assert caught.value.message() == message


# --- sentences, the passive voice, questions per card ---------------------------------------


def test_a_long_sentence_gets_a_tip() -> None:
    hint = (
        "Soms helpt het om eerst samen een kop koffie te drinken en pas daarna te vragen wat "
        "er deze week allemaal is gebeurd in het gezin."
    )
    card = Card("denk", "Hoe begin je?", hint=hint)
    assert tip_texts(card) == [
        "de zin “Soms helpt het om …” heeft 26 woorden; korte zinnen (hoogstens 20) lezen "
        "makkelijker"
    ]


def test_a_long_question_gets_one_tip_about_its_length_not_two() -> None:
    card = Card("denk", " ".join(["Wat"] + ["heel"] * 21) + "?")
    assert tip_texts(card) == ["de vraag heeft 22 woorden; houd het bij hoogstens 20"]


@pytest.mark.parametrize(
    "sentence, found",
    [
        ("Hoe wordt er door het team besloten?", ("wordt", "door")),
        ("Wanneer werd jij door een bewoner verrast?", ("werd", "door")),
        ("Hoe wordt er naar jou geluisterd?", ("wordt", "geluisterd")),
        ("Wie zit er aan tafel als het plan gemaakt wordt?", ("gemaakt", "wordt")),
        ("Hoe wil je gezien worden, denk je?", ("gezien", "worden")),
        ("Wanneer word je boos?", None),
        ("Wanneer wordt het een gevecht?", None),
        ("Wat wordt je eerste stap?", None),
        ("Wanneer wordt geld een probleem?", None),
        ("Hoe gaat het gesprek, en wanneer wordt het spannend?", None),
    ],
)
def test_the_passive_voice(sentence: str, found: tuple[str, str] | None) -> None:
    assert passive_voice(sentence) == found


def test_the_passive_voice_gets_a_tip_in_every_field() -> None:
    card = Card("denk", "Hoe wordt er door het team besloten?", title="Er wordt besloten")
    assert tip_texts(card) == [
        "“wordt … door” is een lijdende vorm; zeg wie het doet",
        "“wordt … besloten” is een lijdende vorm; zeg wie het doet",
    ]


def test_more_questions_than_the_layout_allows_get_a_tip() -> None:
    two = Card("denk", "Wanneer was jij afhankelijk van iemand? Wat had je toen nodig?")
    three = Card("denk", "Wie helpt? Wie beslist? Wie merkt het?")
    assert tip_texts(two) == []  # a6 allows a question with a follow-up
    assert tip_texts(three) == [
        "het kaartje stelt 3 vragen; houd het bij 2, zodat het gesprek over één ding gaat"
    ]
    assert tip_texts(two, with_rules(max_questions=1)) == [
        "het kaartje stelt 2 vragen; houd het bij één, zodat het gesprek over één ding gaat"
    ]
    assert tip_texts(Card("denk", "Wat nu?!?"), with_rules(max_questions=1)) == []


# --- where tips are shown -----------------------------------------------------------------


def test_check_names_the_card_the_field_and_the_word() -> None:
    card = Card("denk", "Hoe gaat het?", title="Multiproblematiek")
    (problem,) = card_problems(card, 3, (), A6)
    assert problem == Problem(3, "title", problem.text, "front", "tip")
    assert problem.line() == (
        "card 3: tip: title: “Multiproblematiek” is not an everyday word; say it in words "
        "everyone knows"
    )
    assert problem.line("nl") == (
        "kaart 3: tip: titel: “Multiproblematiek” is geen alledaags woord; zeg het in woorden "
        "die iedereen kent"
    )


def test_the_title_gets_tips_even_before_there_is_a_question() -> None:
    assert tip_texts(Card("denk", "", title="Ketenpartners")) == [
        "“Ketenpartners” is geen alledaags woord; zeg het in woorden die iedereen kent"
    ]


def test_the_example_sets_get_no_plain_language_tips() -> None:
    from cardkit.deck import open_deck

    for path in EXAMPLE_SETS:
        for card in open_deck(path).card_set.cards:
            assert tip_texts(card) == [], (path.name, card.question)


# --- what it costs --------------------------------------------------------------------------


def test_the_dutch_word_list_ships_inside_the_wordfreq_package(monkeypatch) -> None:
    import wordfreq

    path = Path(wordfreq.available_languages("large")["nl"])
    assert path.is_file() and Path(wordfreq.__file__).parent in path.parents

    def no_network(*args, **kwargs):
        raise AssertionError("the plain-language check tried to use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    plain_language._zipf_table.cache_clear()
    assert rare_words("Wat betekent multiproblematiek?") == ("multiproblematiek",)
    assert len(plain_language._zipf_table()) > 10_000


def test_checking_a_card_is_fast() -> None:
    """The designer checks the shown card on every edit: a card costs well under a
    millisecond once its words are cached, and a few milliseconds for new words."""
    from cardkit.deck import open_deck

    cards = [card for path in EXAMPLE_SETS for card in open_deck(path).card_set.cards]
    rare_words("warm")  # the word list is read once per process, outside the timing
    for card in cards:
        tip_texts(card)
    start = time.perf_counter()
    for _ in range(10):
        for card in cards:
            tip_texts(card)
    warm = (time.perf_counter() - start) / (10 * len(cards))
    start = time.perf_counter()
    for number, card in enumerate(cards):
        tip_texts(dataclasses.replace(card, hint=f"{card.hint} Nieuwwoord{number}zorg."))
    edited = (time.perf_counter() - start) / len(cards)
    print(f"\nper card: {warm * 1000:.2f} ms cached, {edited * 1000:.2f} ms after an edit")
    assert warm < 0.002 and edited < 0.02
