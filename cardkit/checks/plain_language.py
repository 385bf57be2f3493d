"""Plain Dutch: which words of a text are rare in everyday language, from wordfreq's Dutch list.

Dutch government writes for language level B1: everyday words. A word counts as
everyday if it, or a form of it, is common in wordfreq's large Dutch word list (its
Zipf frequency reaches COMMON_ZIPF), or if it is a compound of very common parts
("teamoverleg" = team + overleg, "boodschappenlijst" = boodschappen + lijst) with
the Dutch linking -s-, -e- or -en- between them. Words with a Latin or French ending
(-atie, -iteit, -ief, -aal ...) must be more common (LOANWORD_ZIPF): "integraal" and
"preventief" are frequent in newspapers, not in a kitchen. Names (a capital in mid
sentence), numbers, emoji, web and e-mail addresses, other scripts and texts that are
not Dutch at all are left alone. The thresholds were chosen by measurement on
tests/fixtures/plain_language/ (docs/plain-language.md has the rates).

The word list ships inside the wordfreq wheel; nothing is downloaded. Only the words
common enough to matter are kept in memory (about 20,000), and every verdict is cached
per word, so a card costs well under a millisecond once the list is read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

import regex

COMMON_ZIPF = 3.3  # a word (or a form of it) at least this common is everyday Dutch
PART_ZIPF = 4.4  # each part of a compound must be at least this common
LOANWORD_ZIPF = 4.0  # a word or part with a Latin or French ending: at least this common
LOANWORD_ENDINGS = ("tie", "iteit", "isme", "isch", "ief", "aal", "eel", "air", "iseren")
KEPT_ZIPF = min(COMMON_ZIPF, PART_ZIPF, LOANWORD_ZIPF)  # rarer words are never looked up

# Separable particles and prefixes that start a compound verb: mee|praten, op|schreef.
PARTICLES = frozenset((
    "op", "af", "in", "na", "om", "uit", "aan", "mee", "toe", "door", "over", "voor",
    "bij", "weg", "terug", "tegen", "samen", "achter", "onder", "vast", "los", "dicht",
    "open", "binnen", "buiten", "mis", "thuis", "neer", "rond", "langs", "heen", "vrij",
    "stil",
))  # fmt: skip
# Short words that are no part of a compound ("zorgmijder" is not zorg|mij|der), and the
# prefixes ver-, ter-, ont- and her-, which are no words of their own in a compound.
FUNCTION_WORDS = frozenset((
    "de", "het", "een", "der", "den", "des", "van", "mij", "hem", "haar", "zij", "wij",
    "jij", "ons", "hun", "die", "dat", "wie", "wat", "dit", "zo", "al", "nu", "er",
    "en", "of", "te", "is", "was", "ik", "je", "we", "ze", "me", "men", "wel", "niet",
    "nog", "dan", "als", "tot", "met", "ook", "maar", "dus", "hoe", "waar", "ver",
    "ter", "ont", "her",
))  # fmt: skip
LINKS = ("s", "e", "en")  # between the parts of a compound: gezin-s-plan, boek-en-kast
ENDINGS = (  # inflections and diminutives whose base form may be the common one
    "s", "e", "en", "er", "ere", "st", "ste", "t", "d", "te", "de", "ten", "den",
    "heid", "heden", "tje", "tjes", "je", "jes", "pje", "pjes", "etje", "etjes",
)  # fmt: skip
VOWELS = frozenset("aeiou")

_URL = regex.compile(r"(?:https?://|www\.)\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org)\b")
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*")
_LATIN = regex.compile(r"^[\p{Latin}\p{M}]+$")
_SENTENCE_END = regex.compile(r"[.?!:;…¡¿؟\n]")  # between two words: a new sentence


@cache
def _zipf_table() -> dict[str, float]:
    """The Zipf frequency of every Dutch word at least KEPT_ZIPF common: read once from
    the wordlist inside the wordfreq package (bins of words per centibel)."""
    import wordfreq  # here, not at the top: importing it takes 0.4 s that most commands skip

    path = wordfreq.available_languages("large")["nl"]
    table = {}
    for centibels, bin_words in enumerate(wordfreq.read_cBpack(path)):
        zipf = 9 - centibels / 100
        if zipf < KEPT_ZIPF:
            break
        for word in bin_words:
            table[word] = zipf
    return table


def zipf(word: str) -> float:
    """The word's Zipf frequency in Dutch (6: 'gaan', 4: 'keuken'), 0 if under KEPT_ZIPF."""
    return _zipf_table().get(word, 0.0)


def _needed(word: str, threshold: float) -> float:
    return max(threshold, LOANWORD_ZIPF) if word.endswith(LOANWORD_ENDINGS) else threshold


def _base_forms(stem: str) -> Iterator[str]:
    """A stem as written and as its base form: doubled consonant halved (zegg), long
    vowel restored (bom: boom), v and z back to f and s (lev: lef, boz: boos)."""
    yield stem
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
        yield stem[:-1]
    if stem.endswith("v"):
        yield stem[:-1] + "f"
    if stem.endswith("z"):
        yield stem[:-1] + "s"
    short_vowel = len(stem) >= 3 and stem[-2] in VOWELS and stem[-3] not in VOWELS
    if short_vowel and stem[-1] not in VOWELS:
        yield stem[:-1] + stem[-2] + stem[-1]


@lru_cache(maxsize=1 << 16)
def inflections(word: str) -> frozenset[str]:
    """The word and the base forms it may be an inflection of: plurals, adjectives,
    verb endings, superlatives, -heid and diminutives (berichtje: bericht)."""
    forms = {word}
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            forms.update(_base_forms(stem))
            if ending.endswith("tje") and stem[-1] == stem[-2] and stem[-1] in VOWELS:
                forms.add(stem[:-1] + "t")  # vaatje: vat
    return frozenset(forms)


def _infinitives(stem: str) -> set[str]:
    """The infinitives a verb stem may belong to (bedank: bedanken, zeg: zeggen, bespreek:
    bespreken, beloof: beloven, geef: geven), also after a past tense (formuleer|den)."""
    forms = {stem + "en", stem + "n"}
    if len(stem) >= 3 and stem[-1] not in VOWELS and stem[-2] in VOWELS:
        if stem[-3] == stem[-2]:  # a long vowel written double: bespreek, beloof
            short = stem[:-2] + stem[-1]
            forms.add(short[:-1] + {"f": "v", "s": "z"}.get(short[-1], short[-1]) + "en")
        elif stem[-3] not in VOWELS:  # a short vowel: zeg, leg
            forms.add(stem + stem[-1] + "en")
    if stem[-1:] in ("f", "s"):
        forms.add(stem[:-1] + {"f": "v", "s": "z"}[stem[-1]] + "en")
    return forms


def _whole_word_forms(word: str) -> set[str]:
    """Inflections, the infinitives of the word and its stems as a verb, and the adjective
    under a negation (ongelijk: gelijk)."""
    forms = set(inflections(word))
    for stem in (word, *(form for form in forms if len(form) < len(word))):
        forms.update(_infinitives(stem))
    if word.startswith("on") and len(word) > 5:
        forms |= inflections(word[2:])
    return forms


def _common(word: str, forms: Iterable[str], threshold: float) -> bool:
    return max(zipf(form) for form in forms) >= _needed(word, threshold)


@lru_cache(maxsize=1 << 16)
def _part_is_common(part: str, head: bool) -> bool:
    """A compound's part: common as written, or (the last part) in a base form."""
    if part in FUNCTION_WORDS or len(part) < 3:
        return False
    forms = inflections(part) if head else (part,)
    return _common(part, forms, PART_ZIPF)


@lru_cache(maxsize=1 << 16)
def _is_compound_of_common_parts(word: str, depth: int = 0) -> bool:
    """Whether the word splits into at most four common parts: team|overleg,
    bijstand|s|gezin, mee|praten, boodschappen|lijst. A three-letter part (vak|kennis,
    buurt|app) only counts in a compound of two: in longer splits such short parts are
    mostly chance (schuld|san|ering, man|date|ring)."""
    for cut in range(2, len(word) - 2):
        left, rest = word[:cut], word[cut:]
        particle = depth == 0 and left in PARTICLES
        short = len(left) == 3 and not particle
        if not (particle or (_part_is_common(left, head=False) and not (short and depth))):
            continue
        heads = [rest] + [rest[len(link) :] for link in LINKS if rest.startswith(link)]
        for head in heads:
            if (len(head) > 3 or depth == 0) and _part_is_common(head, head=True):
                return True
            if not short and depth < 2 and _is_compound_of_common_parts(head, depth + 1):
                return True
    return False


@lru_cache(maxsize=1 << 16)
def is_everyday(word: str) -> bool:
    """Whether a lower-case Dutch word is everyday language (see the module docstring)."""
    if _common(word, _whole_word_forms(word), COMMON_ZIPF):
        return True
    return _is_compound_of_common_parts(word)


def _has_fine_part(word: str, fine: frozenset[str]) -> bool:
    """Whether the word is a team's always-fine word, an inflection of one, or one with
    everyday words before or after it (wijkteam: wijkteamoverleg)."""
    if inflections(word) & fine:
        return True
    for term in fine:
        if word.startswith(term) and word != term:
            rest = word[len(term) :]
            heads = [rest] + [rest[len(link) :] for link in LINKS if rest.startswith(link)]
            if any(head in fine or is_everyday(head) for head in heads if len(head) >= 3):
                return True
        if word.endswith(term) and word != term:
            left = word[: -len(term)]
            if left in PARTICLES or (len(left) >= 3 and (left in fine or is_everyday(left))):
                return True
    return False


@lru_cache(maxsize=4096)
def checked_words(text: str) -> tuple[tuple[str, str], ...]:
    """(as written, lower case) for each word the check looks at: not a name in mid
    sentence, not in capitals, no digits, Latin script, no address; a hyphenated word
    part by part (psycho-educatie), and a word with an apostrophe by what comes before
    it unless the whole is a word (foto's: foto; zo'n)."""
    found = []
    text = _URL.sub(" ", unicodedata.normalize("NFC", text))
    previous_end = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        starts_sentence = previous_end == 0 or bool(
            _SENTENCE_END.search(text, previous_end, match.start())
        )
        previous_end = match.end()
        for part in token.split("-"):
            if not _LATIN.match(part.replace("'", "").replace("’", "")):
                continue  # digits (10, 2e, a4), Arabic, Cyrillic, ...
            if (part[0].isupper() and not starts_sentence) or (len(part) > 1 and part.isupper()):
                continue  # a name, an abbreviation
            word = part.lower().replace("’", "'")
            if "'" in word and not zipf(word):
                word = word.split("'")[0]
            if len(word) >= 2:
                found.append((part, word))
    return tuple(found)


def looks_dutch(texts: Iterable[str]) -> bool:
    """Whether text reads as Dutch: at least half its words are everyday Dutch, or it has
    too few words to tell (a title alone is taken as Dutch). A card in Polish or Turkish
    gets no Dutch tips."""
    words = [word for text in texts for _, word in checked_words(text)]
    return len(words) < 4 or 2 * sum(map(is_everyday, words)) >= len(words)


@lru_cache(maxsize=4096)
def rare_words(text: str, always_fine: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The words of `text` that are rare in everyday Dutch, as written, each once."""
    found: dict[str, str] = {}
    for written, word in checked_words(text):
        if word in found or is_everyday(word):
            continue
        if always_fine and _has_fine_part(word, always_fine):
            continue  # the team's own word, inflected or in a compound
        found[word] = written
    return tuple(found.values())
