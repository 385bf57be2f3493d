"""The library store: what every store of question sets offers and guarantees, and the
values it hands out. The folder store (`library.folder`) keeps files; other stores keep
the same promises.

A set is named `stem` in the library's root (the programme's examples) or `team/stem`
in a team's space. Every store:
- saves all or nothing, and never saves a set its own loader would refuse;
- refuses a save, rename or delete when the set changed since the caller read it
  (`SaveConflict`), checking the version in the same step as the write;
- keeps the last `KEEP_VERSIONS` versions of a set with who saved them and when;
- keeps a deleted set and its history under an identity of its own, restorable, that a
  new set with the same title never takes over;
- keeps a person's unsaved edits (drafts) per set and browser tab, until they save or
  throw them away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cardkit.errors import CardkitError, Location, Text, nl_number
from cardkit.limits import DRAFT_DAYS, MAX_DRAFTS_PER_PERSON
from cardkit.model import CardSet
from cardkit.paths import file_stem
from cardkit.read.images import check_image
from cardkit.read.sets import parse_set_text, set_to_yaml

KEEP_VERSIONS = 10
LOGOS = "logos"  # the folder of a space's logos, as sets refer to them
NAME_PATTERN = re.compile(r"^(?:([a-z0-9][a-z0-9_-]{0,39})/)?([a-z0-9][a-z0-9-]{0,79})\Z")
SIGN_IN_PATTERN = re.compile(r"^[0-9a-f]{32}\Z")  # a sign-in's identity (designer/gate)
DRAFT_SECONDS = DRAFT_DAYS * 24 * 3600


@dataclass(frozen=True)
class SetEntry:
    """A set in the library; `problem` says why it cannot be opened, if it cannot."""

    name: str
    title: str
    cards: int
    problem: Text | None = None

    @property
    def space(self) -> str:
        return space_of(self.name)


@dataclass(frozen=True)
class StoredSet:
    """A set as stored: its name, its cards and the version they are (changes with every
    save; a save states the version it started from)."""

    name: str
    card_set: CardSet
    version: str


@dataclass(frozen=True)
class Version:
    """One kept version of a set: `id` names it within the set's history."""

    id: str
    saved_at: float  # seconds since the epoch
    who: str
    title: str
    cards: int


@dataclass(frozen=True)
class DeletedSet:
    """A deleted set: `id` is its own identity, never reused; `name` what it was called."""

    id: str
    name: str
    deleted_at: float
    who: str
    title: str
    cards: int


@dataclass(frozen=True)
class StoredDraft:
    """A person's unsaved edits of a set in one browser tab (`session`): the cards, the
    version they started from, and when they were last changed."""

    name: str
    card_set: CardSet
    base: str | None
    saved_at: float
    session: str


@dataclass(frozen=True)
class Fate:
    """What became of a set that is no longer in the library: renamed (to `renamed_to`),
    deleted, or simply gone."""

    renamed_to: str = ""
    deleted: bool = False


class SaveConflict(CardkitError):
    """The set changed since it was read: writing would overwrite someone's work."""


def space_of(name: str) -> str:
    """The space of a set name: its team, or "" for the library's root."""
    return name.split("/", 1)[0] if "/" in name else ""


def check_name(name: str) -> tuple[str, str]:
    """(space, stem) of a valid set name; anything else (a path, `..`) is refused."""
    match = NAME_PATTERN.match(name)
    if not match:
        raise CardkitError(
            Location(name),
            Text(
                "is not the name of a set (a name is lower-case letters, digits and hyphens)",
                "is geen naam van een set (een naam heeft kleine letters, cijfers en streepjes)",
            ),
        )
    return match.group(1) or "", match.group(2)


def set_bytes(card_set: CardSet, name: str) -> bytes:
    """The set as the file to store, read back once as the loader reads it: nothing is
    saved that could not be opened again (a set over the card limit, say)."""
    data = set_to_yaml(card_set).encode("utf-8")
    parse_set_text(data, name)
    return data


def logo_path(file_name: str, data: bytes) -> str:
    """Check an uploaded image; the path a set refers to it by within its space. Named by
    its content, so uploading the same logo twice is harmless."""
    logo = check_image(data, file_name, Location(file_name))
    extension = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}[logo.image_format]
    return f"{LOGOS}/{file_stem(Path(file_name).stem)[:40]}-{logo.digest[:10]}{extension}"


def conflict(name: str) -> SaveConflict:
    return SaveConflict(
        Location(name),
        Text(
            "the set changed since you opened it (someone else saved, renamed or deleted "
            "it); nothing was overwritten: save your version as a copy",
            "de set is veranderd sinds je hem opende (iemand anders heeft opgeslagen, "
            "de naam gewijzigd of hem verwijderd); er is niets overschreven: bewaar jouw "
            "versie als kopie",
        ),
    )


def check_sign_in(sign_in: str) -> str:
    """A sign-in's identity as stores keep it (32 hex digits); anything else is refused."""
    if not SIGN_IN_PATTERN.match(sign_in):
        raise CardkitError(Location(sign_in[:40]), Text("is not a sign-in", "is geen aanmelding"))
    return sign_in


def drafts_full(name: str) -> CardkitError:
    """A person keeps unsaved edits of MAX_DRAFTS_PER_PERSON sets (and tabs) in a space."""
    count = MAX_DRAFTS_PER_PERSON
    return CardkitError(
        Location(name),
        Text(
            f"you already keep unsaved edits of {count:,} sets; save or throw some away first",
            f"je hebt al van {nl_number(count)} sets niet-opgeslagen wijzigingen; sla er eerst "
            "een paar op of gooi ze weg",
        ),
    )


def not_found(name: str) -> CardkitError:
    return CardkitError(
        Location(name), Text("no such set in the library", "deze set staat niet in de bibliotheek")
    )


# --- a whole space, as one store hands it to another (library copy) -------------------------


@dataclass(frozen=True)
class KeptVersion:
    """One version of a set as stored: the file's bytes, when and by whom."""

    data: bytes
    saved_at: float
    who: str


@dataclass(frozen=True)
class SetRecord:
    """A set with its kept versions, oldest first; the last is the set as it is now."""

    stem: str
    versions: tuple[KeptVersion, ...]


@dataclass(frozen=True)
class DeletedRecord:
    """A deleted set under its own identity, with its kept versions, oldest first."""

    identity: str
    name: str
    deleted_at: float
    who: str
    versions: tuple[KeptVersion, ...]


@dataclass(frozen=True)
class SpaceRecord:
    """Everything a space keeps but drafts: sets with history, deleted sets, the names
    renamed sets went to, and logos (path within the space, bytes)."""

    space: str
    sets: tuple[SetRecord, ...]
    deleted: tuple[DeletedRecord, ...]
    renamed: tuple[tuple[str, str], ...]
    logos: tuple[tuple[str, bytes], ...]


def check_space(space: str, strict: bool = False) -> bool:
    """Whether `space` can name a team folder ("" is the root)."""
    ok = space == "" or valid_stem(space)
    if strict and not ok:
        raise CardkitError(
            Location(space), Text("is not the name of a team", "is geen naam van een team")
        )
    return ok


def valid_stem(stem: str) -> bool:
    """A single name part: a set's stem or a team's folder."""
    return "/" not in stem and bool(NAME_PATTERN.match(stem))
