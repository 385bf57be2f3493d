"""The writing aid: the house style of questions (short, open, plain Dutch, spoken as
equals) as tips.

The rules are data in the layout's `writing:` section. Tips never block anything:
`check` prints them and the designer shows them beside the field they are about. Plain
language follows the B1 guideline of Dutch government: everyday words (rare ones are
found with `cardkit.checks.plain_language`), short sentences, the active voice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import regex

from cardkit.checks.plain_language import checked_words, inflections, looks_dutch, rare_words
from cardkit.errors import Text
from cardkit.model import Card
from cardkit.read.style import KindRules, WritingRules

_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
QUESTION_MARKS = ("?", "؟", "⸮")  # Arabic and Persian questions end in ؟
FIELDS = ("question", "title", "hint", "moment")  # the fields a person writes, in tip order

_SENTENCE = re.compile(r"[^.?!؟⸮…\n]+[.?!؟⸮…]*")
_CLAUSE = re.compile(r"[,;:()–—]")
_QUESTIONS = re.compile(r"[?؟⸮][?!؟⸮]*")  # "?!?" asks one question
WORDEN = frozenset(("word", "wordt", "worden", "werd", "werden"))
_PARTICIPLE = re.compile(r"^(?:ge|be|ver|ont|her|er)\w{2,}[dtn]$")  # gemaakt, gezien, gedaan
# Before a noun that merely looks like a participle: een gevecht, het gebied, jullie verhalen.
DETERMINERS = frozenset((
    "de", "het", "een", "die", "dat", "deze", "dit", "mijn", "je", "jouw", "zijn",
    "haar", "ons", "onze", "hun", "jullie", "geen", "elk", "elke", "ieder", "iedere",
    "welk", "welke", "zo’n", "zo'n",
))  # fmt: skip


def _without_trailing_marks(text: str) -> str:
    """The text without what may follow its last sentence mark: closing quotes, spaces and
    emoji ("Hoe gaat het? 😊" ends in a question mark)."""
    return _TRAILING.sub("", text)


_TRAILING = regex.compile(r"[\s”\"'’\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]+$")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """The text's sentences (a line break ends one too), each with at least one word."""
    return [part.strip() for part in _SENTENCE.findall(text) if words(part)]


def tips(card: Card, rules: WritingRules, kind_label: str) -> list[tuple[str, Text]]:
    """(field, tip) pairs for a card: what the house style of questions would change,
    first about the question as a whole, then field by field."""
    question = card.question.strip()
    found = [("question", tip) for tip in question_tips(question, card.kind, rules, kind_label)]
    too_long = bool(rules.max_words and len(words(question)) > rules.max_words)
    dutch = rules.rare_words and looks_dutch(card.text(name) for name in FIELDS)
    for name in FIELDS:
        long_sentences = not (name == "question" and too_long)  # said once is enough
        found += [(name, tip) for tip in field_tips(card.text(name), rules, dutch, long_sentences)]
    return found


def question_tips(
    question: str, kind_name: str, rules: WritingRules, kind_label: str
) -> list[Text]:
    """Tips about the question as a whole: its length, how it ends and starts, and how
    many questions it asks. None for an empty question (that is a problem, not a tip)."""
    found: list[Text] = []
    if not question:
        return found
    question_words = words(question)
    first = question_words[0].lower() if question_words else ""
    count = len(question_words)
    label = kind_label.lower()
    if rules.max_words and count > rules.max_words:
        found.append(
            Text(
                f"the question has {count} words; the house style keeps it to "
                f"{rules.max_words} or fewer",
                f"de vraag heeft {count} woorden; houd het bij hoogstens {rules.max_words}",
            )
        )
    kind = rules.kinds.get(kind_name, KindRules())
    endings = QUESTION_MARKS if kind.ends_with == "?" else (kind.ends_with,)
    if kind.ends_with and not _without_trailing_marks(question).endswith(endings):
        found.append(
            Text(
                f"a {label} asks a question: end it with “{kind.ends_with}”",
                f"een {label} stelt een vraag: eindig met een “{kind.ends_with}”",
            )
        )
    if first in kind.closed_starts:
        examples = ", ".join(kind.open_starts[:3])
        found.append(
            Text(
                f"“{question_words[0]} …” invites a yes or a no; an open question starts "
                f"with a word such as {examples}",
                f"“{question_words[0]} …” vraagt om ja of nee; een open vraag begint met "
                f"een woord als {examples}",
            )
        )
    if kind.action_starts and first not in kind.action_starts:
        examples = ", ".join(kind.action_starts[:4])
        found.append(
            Text(
                f"a {label} starts with what to do, such as {examples}",
                f"een {label} begint met wat je gaat doen, zoals {examples}",
            )
        )
    asked = len(_QUESTIONS.findall(question))
    if rules.max_questions and asked > rules.max_questions:
        most = "één" if rules.max_questions == 1 else str(rules.max_questions)
        found.append(
            Text(
                f"the card asks {asked} questions; keep it to {rules.max_questions}, so that "
                "the conversation stays on one thing",
                f"het kaartje stelt {asked} vragen; houd het bij {most}, zodat het gesprek "
                "over één ding gaat",
            )
        )
    return found


def field_tips(
    text: str, rules: WritingRules, rare: bool = True, long_sentences: bool = True
) -> list[Text]:
    """The tips for one field's text: formal address, jargon (with its plainer word),
    words never fine, words rare in everyday Dutch (if `rare`), long sentences (if
    `long_sentences`) and the passive voice."""
    found: list[Text] = []
    text_words = {w.lower() for w in words(text)}
    formal = [w for w in rules.formal if w in text_words]
    if formal:
        found.append(
            Text(
                f"“{formal[0]}” is formal: the cards speak as equals, with je and jij",
                f"“{formal[0]}” is formeel: de kaartjes spreken gelijkwaardig, met je en jij",
            )
        )
    named: set[str] = set()  # words a tip has named already
    for written, word, in_compound in listed_words(text, rules.jargon):
        named.add(written.lower())
        plain = rules.jargon[word]
        if not in_compound:
            found.append(
                Text(
                    f"“{written}” is professional jargon; plainer: “{plain}”",
                    f"“{written}” is vakjargon; eenvoudiger: “{plain}”",
                )
            )
        else:
            found.append(
                Text(
                    f"“{written}” contains the professional jargon “{word}”; plainer: “{plain}”",
                    f"in “{written}” zit het vakjargon “{word}”; eenvoudiger: “{plain}”",
                )
            )
    for written, _, _ in listed_words(text, rules.never_fine):
        named.add(written.lower())
        found.append(
            Text(
                f"“{written}” is on the layout's list of words to avoid; say it in everyday words",
                f"“{written}” staat op de lijst van woorden om te vermijden; zeg het in "
                "gewone woorden",
            )
        )
    if rare:
        for word in rare_words(text, rules.always_fine):
            if word.lower() not in named:
                found.append(
                    Text(
                        f"“{word}” is not an everyday word; say it in words everyone knows",
                        f"“{word}” is geen alledaags woord; zeg het in woorden die iedereen kent",
                    )
                )
    for sentence in sentences(text):
        count = len(words(sentence))
        if long_sentences and rules.max_sentence_words and count > rules.max_sentence_words:
            start = " ".join(words(sentence)[:4])
            found.append(
                Text(
                    f"the sentence “{start} …” has {count} words; short sentences (at most "
                    f"{rules.max_sentence_words}) read more easily",
                    f"de zin “{start} …” heeft {count} woorden; korte zinnen (hoogstens "
                    f"{rules.max_sentence_words}) lezen makkelijker",
                )
            )
        passive = passive_voice(sentence) if rules.passive else None
        if passive:
            shown = "“" + " … ".join(passive) + "”"
            found.append(
                Text(
                    f"{shown} is the passive voice; say who does it",
                    f"{shown} is een lijdende vorm; zeg wie het doet",
                )
            )
    return found


@lru_cache(maxsize=1024)
def _as_a_word(entry: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(entry)}(?!\w)", re.IGNORECASE)


class Listed(NamedTuple):
    """A listed word found in a text: as written there, as listed, and whether it was
    part of a compound (casus in casusoverleg) rather than the word itself or an
    inflection of it (cliënten)."""

    written: str
    entry: str
    in_compound: bool


def listed_words(text: str, listed: Iterable[str]) -> tuple[Listed, ...]:
    """Each word or phrase of `listed` in the text, once: as listed (in any case),
    inflected or as part of a compound."""
    return _listed_words(text, tuple(listed))


@lru_cache(maxsize=4096)
def _listed_words(text: str, listed: tuple[str, ...]) -> tuple[Listed, ...]:
    found: list[Listed] = []
    singles: dict[str, str] = {}
    for entry in listed:
        if _as_a_word(entry).search(text):
            found.append(Listed(entry, entry, False))
        elif " " not in entry:
            singles[entry.lower()] = entry
    parts = tuple(entry for entry in singles if len(entry) >= 4)  # of a compound
    for written, word in checked_words(text) if singles else ():
        inflected = inflections(word) & singles.keys()
        if inflected:
            entry = min(inflected)
            found.append(Listed(written, singles.pop(entry), False))
        elif word.startswith(parts) or word.endswith(parts):
            for entry in parts:
                at_an_end = word.startswith(entry) or word.endswith(entry)
                if entry in singles and at_an_end and len(word) >= len(entry) + 3:
                    found.append(Listed(written, singles.pop(entry), True))
                    break
    return tuple(found)


def passive_voice(sentence: str) -> tuple[str, str] | None:
    """The words that make a sentence passive, if it is: a form of "worden" with "door"
    after it ("wordt … door"), with a participle at the end of its clause ("Hoe wordt er
    besloten?") or right before it ("als het plan gemaakt wordt"). A participle-like noun
    after an article is no participle ("Wanneer wordt het een gevecht?")."""
    sentence_words = [w.lower() for w in words(sentence)]
    if not WORDEN.intersection(sentence_words):
        return None
    for index, word in enumerate(sentence_words):
        if word in WORDEN and "door" in sentence_words[index + 1 :]:
            return word, "door"
    for clause in _CLAUSE.split(sentence):
        clause_words = [w.lower() for w in words(clause)]
        for index, word in enumerate(clause_words):
            if word not in WORDEN:
                continue
            last = clause_words[-1]
            if index < len(clause_words) - 1 and _is_participle(clause_words, -1):
                return word, last
            if index > 0 and _is_participle(clause_words, index - 1, before_worden=True):
                return clause_words[index - 1], word
    return None


def _is_participle(clause_words: list[str], index: int, before_worden: bool = False) -> bool:
    """Whether the word looks like a participle and follows no article. Right before
    "worden", "je" is a person, not "your" ("Hoe wil je gezien worden?")."""
    index %= len(clause_words)
    before = clause_words[index - 1] if index > 0 else ""
    if before_worden and before == "je":
        before = ""
    return bool(_PARTICIPLE.match(clause_words[index])) and before not in DETERMINERS
