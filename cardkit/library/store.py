"""The library of question sets in one folder (`content/`): list, create, save, rename, delete.

Every write is atomic (temporary file, fsync, rename) and happens only inside the
folder, under a file name derived safely from the set's title. A save states which
version of the file it started from (its fingerprint); if the file changed on disk
since, the save is refused with `SaveConflict` instead of overwriting a colleague's
work. The check and the write happen under one lock, so two saves cannot interleave.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from cardkit.errors import CardkitError, Location, Text
from cardkit.library.atomic import write_atomic
from cardkit.limits import MAX_SET_FILE_BYTES
from cardkit.model import CardSet
from cardkit.paths import file_stem
from cardkit.read.images import check_image
from cardkit.read.sets import load_set, parse_set_text, set_to_yaml
from cardkit.read.yamlio import too_big

LOCK_NAME = ".cardkit.lock"


@dataclass(frozen=True)
class Fingerprint:
    """Which version of a file: size and content hash."""

    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes) -> Fingerprint:
        return cls(len(data), hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class SetEntry:
    """A set file in the library; `problem` says why it cannot be opened, if it cannot."""

    path: Path
    title: str
    cards: int
    problem: Text | None = None

    @property
    def name(self) -> str:
        return self.path.stem


class SaveConflict(CardkitError):
    """The file changed on disk since it was opened: saving would overwrite someone's work."""


def fingerprint(path: Path) -> Fingerprint | None:
    try:
        return Fingerprint.of(path.read_bytes())
    except FileNotFoundError:
        return None


def read_set(path: Path) -> tuple[CardSet, Fingerprint]:
    """The set in `path` and the fingerprint of exactly the bytes it was read from."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        missing = Text("file not found", "bestand niet gevonden")
        raise CardkitError(Location(path.name), missing) from None
    if len(data) > MAX_SET_FILE_BYTES:
        raise CardkitError(Location(path.name), too_big(len(data), MAX_SET_FILE_BYTES))
    return parse_set_text(data, path.name), Fingerprint.of(data)


def list_sets(directory: Path) -> list[SetEntry]:
    """Every `*.yaml` set in `directory`, by title; unreadable ones listed with their problem."""
    entries = []
    for path in directory.glob("*.yaml"):
        summary = _summary(path)
        if isinstance(summary, Text):
            entries.append(SetEntry(path, path.stem, 0, summary))
        else:
            entries.append(SetEntry(path, *summary))
    return sorted(entries, key=lambda entry: (entry.title.casefold(), entry.name))


def _summary(path: Path) -> tuple[str, int] | Text:
    """A set file's title and number of cards, or why it cannot be opened. The designer
    asks on every rerun, so a file is only read again when its size or time changes."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return Text("file not found", "bestand niet gevonden")
    return _summary_of(path, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=1024)
def _summary_of(path: Path, mtime_ns: int, size: int) -> tuple[str, int] | Text:
    del mtime_ns, size  # only part of the cache key: which version of the file
    try:
        card_set = load_set(path, display=path.name)
    except CardkitError as error:
        return Text(error.message("en"), error.message("nl"))
    return card_set.title, len(card_set.cards)


def free_path(directory: Path, title: str, keep: Path | None = None) -> Path:
    """`directory/<stem>.yaml` for the title, numbered (-2, -3, ...) if that name is taken."""
    stem = file_stem(title)
    candidate = directory / f"{stem}.yaml"
    number = 2
    while candidate.exists() and candidate != keep:
        candidate = directory / f"{stem}-{number}.yaml"
        number += 1
    return candidate


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """One writer at a time in `directory`, across threads and processes. A temporary
    file found while holding the lock belongs to a writer that was killed: removed."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / LOCK_NAME, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            for stale in directory.glob(".*.tmp"):
                stale.unlink(missing_ok=True)
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _inside(directory: Path, path: Path) -> Path:
    """`path`, if it is a set file directly inside `directory`; anything else is refused."""
    resolved = path.resolve()
    if resolved.parent != directory.resolve() or resolved.suffix != ".yaml":
        raise CardkitError(
            Location(path.name),
            Text(
                "sets are only written inside the library folder",
                "sets worden alleen in de map van de bibliotheek bewaard",
            ),
        )
    return resolved


def set_bytes(card_set: CardSet, name: str) -> bytes:
    """The set as the file to write, read back once as the loader reads it: nothing is
    saved that could not be opened again (a set over the card limit, say)."""
    data = set_to_yaml(card_set).encode("utf-8")
    parse_set_text(data, name)
    return data


def _conflict(path: Path) -> SaveConflict:
    return SaveConflict(
        Location(path.name),
        Text(
            "the file changed since you opened it (someone else saved it); "
            "nothing was overwritten: save your version as a copy",
            "het bestand is veranderd sinds je het opende (iemand anders heeft opgeslagen); "
            "er is niets overschreven: bewaar jouw versie als kopie",
        ),
    )


def save_set(
    directory: Path, path: Path, card_set: CardSet, expected: Fingerprint | None
) -> Fingerprint:
    """Write `card_set` to `path` if the file is still the version `expected` (None: new).

    Returns the new fingerprint; raises SaveConflict if someone else changed the file.
    """
    target = _inside(directory, path)
    data = set_bytes(card_set, target.name)
    with _locked(directory):
        if fingerprint(target) != expected:
            raise _conflict(target)
        _keep_version(directory, target)
        write_atomic(target, data)
    return Fingerprint.of(data)


def create_set(directory: Path, card_set: CardSet) -> tuple[Path, Fingerprint]:
    """Save `card_set` under a new file name derived from its title."""
    data = set_bytes(card_set, file_stem(card_set.title) + ".yaml")
    with _locked(directory):
        path = free_path(directory, card_set.title)
        write_atomic(_inside(directory, path), data)
    return path, Fingerprint.of(data)


def save_copy(directory: Path, card_set: CardSet) -> tuple[Path, CardSet, Fingerprint]:
    """`card_set` saved as a new set titled "... (kopie)", beside the original."""
    copy = replace(card_set, title=f"{card_set.title} (kopie)")
    path, stamp = create_set(directory, copy)
    return path, copy, stamp


def rename_set(
    directory: Path, path: Path, card_set: CardSet, title: str, expected: Fingerprint | None
) -> tuple[Path, CardSet, Fingerprint]:
    """Give the set a new title and the matching file name; the old file goes away."""
    source = _inside(directory, path)
    renamed = replace(card_set, title=title)
    data = set_bytes(renamed, source.name)
    with _locked(directory):
        if fingerprint(source) != expected:
            raise _conflict(source)
        target = _inside(directory, free_path(directory, title, keep=source))
        _keep_version(directory, source)
        write_atomic(target, data)
        if target != source:
            source.unlink()
            _move_history(directory, source, target)
    return target, renamed, Fingerprint.of(data)


def delete_set(directory: Path, path: Path, expected: Fingerprint | None) -> None:
    """Remove the set from the library; its last version stays in its history."""
    target = _inside(directory, path)
    with _locked(directory):
        if fingerprint(target) != expected:
            raise _conflict(target)
        _keep_version(directory, target)
        target.unlink()


# --- history: the versions a save replaced, so a bad save (or a delete) can be undone ---

HISTORY_FOLDER = ".history"
KEEP_VERSIONS = 10


@dataclass(frozen=True)
class Version:
    """An earlier version of a set: its file in the history, and when it was replaced."""

    path: Path
    replaced_at: float  # seconds since the epoch
    title: str
    cards: int


def _history(directory: Path, set_path: Path) -> Path:
    return directory / HISTORY_FOLDER / set_path.stem


def _keep_version(directory: Path, target: Path) -> None:
    """Copy the current file into the set's history before it is replaced; keep the last few."""
    if not target.exists():
        return
    folder = _history(directory, target)
    numbers = sorted(int(p.stem) for p in folder.glob("*.yaml") if p.stem.isdigit())
    following = numbers[-1] + 1 if numbers else 1
    write_atomic(folder / f"{following:06d}.yaml", target.read_bytes())
    for old in numbers[: max(0, len(numbers) + 1 - KEEP_VERSIONS)]:
        (folder / f"{old:06d}.yaml").unlink(missing_ok=True)


def _move_history(directory: Path, source: Path, target: Path) -> None:
    old, new = _history(directory, source), _history(directory, target)
    if old.is_dir() and not new.exists():
        old.rename(new)


def versions(directory: Path, set_path: Path) -> list[Version]:
    """The set's earlier versions, newest first (unreadable ones left out)."""
    found = []
    for path in sorted(_history(directory, set_path).glob("*.yaml"), reverse=True):
        summary = _summary(path)
        if not isinstance(summary, Text):
            found.append(Version(path, path.stat().st_mtime, *summary))
    return found


def deleted_sets(directory: Path) -> list[Version]:
    """Sets whose file is gone but whose history remains: the newest version of each."""
    folder = directory / HISTORY_FOLDER
    gone = [
        stem_folder
        for stem_folder in sorted(folder.glob("*"))
        if stem_folder.is_dir() and not (directory / f"{stem_folder.name}.yaml").exists()
    ]
    found = []
    for stem_folder in gone:
        newest = versions(directory, directory / f"{stem_folder.name}.yaml")
        if newest:
            found.append(newest[0])
    return found


def restore_deleted(directory: Path, version: Version) -> tuple[Path, CardSet, Fingerprint]:
    """Bring a deleted set back into the library under its title."""
    card_set = load_set(version.path, display=version.path.name)
    path, stamp = create_set(directory, card_set)
    return path, card_set, stamp


LOGO_FOLDER = "logos"


def save_logo(directory: Path, name: str, data: bytes) -> str:
    """Check an uploaded image and keep it in the library's logo folder; returns the path
    a set refers to it by. The file is named by its content, so uploading twice is harmless."""
    logo = check_image(data, name, Location(name))
    extension = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}[logo.image_format]
    stem = file_stem(Path(name).stem)[:40]
    relative = f"{LOGO_FOLDER}/{stem}-{logo.digest[:10]}{extension}"
    with _locked(directory):
        write_atomic(directory / relative, data)
    return relative
