"""The folder store: the library as files in one folder (`content/`, or CARDKIT_CONTENT_DIR),
the embedded default. It keeps every promise of `library.store`.

On disk, a *space* is the library's root (the programme's examples) or a team's folder:

    <space>/<stem>.yaml                      a set
    <space>/logos/                           images the sets refer to
    <space>/.history/<stem>/<n>.yaml, .json  the last versions of a set (the newest is the
                                             current one), each with who saved it and when
    <space>/.deleted/<stem>~<time>/          a deleted set's history, under its own identity
    <space>/.renamed/<stem>                  the name a renamed set went to
    <space>/.drafts/<person>/<stem>~<tab>.yaml  a person's unsaved edits in one browser tab
    <space>/.cardkit.lock                    one writer at a time, across processes
    <space>/.pending.json                    a change in progress
    .signed-out/<sign-in>                    a sign-in that was ended (until when it counts)

Every file is written atomically (temporary file, fsync, rename). A change of several
steps (save, rename, delete, restore) first writes what it is about to do into
`.pending.json`; each step can be repeated safely, so the next writer finishes a change
that a killed process left half done, and removes its temporary files.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from cardkit.errors import CardkitError, Location, Text
from cardkit.library.atomic import write_atomic
from cardkit.library.store import (
    DRAFT_SECONDS,
    KEEP_VERSIONS,
    LOGOS,
    DeletedRecord,
    DeletedSet,
    Fate,
    KeptVersion,
    SetEntry,
    SetRecord,
    SpaceRecord,
    StoredDraft,
    StoredSet,
    Version,
    check_name,
    check_sign_in,
    check_space,
    conflict,
    drafts_full,
    logo_path,
    not_found,
    set_bytes,
    valid_stem,
)
from cardkit.limits import MAX_DRAFTS_PER_PERSON, MAX_SET_FILE_BYTES
from cardkit.model import CardSet
from cardkit.paths import file_stem
from cardkit.read.files import read_plain_file
from cardkit.read.sets import parse_set_text, set_to_yaml

log = logging.getLogger("cardkit.library")

LOCK = ".cardkit.lock"
PENDING = ".pending.json"
HISTORY = ".history"
DELETED = ".deleted"
RENAMED = ".renamed"
DRAFTS = ".drafts"
DELETED_NOTE = "deleted.json"
SIGNED_OUT = ".signed-out"
ANONYMOUS = "iedereen"  # the person of a designer without sign-in
_LAST_EXPIRY: dict[tuple[Path, str], float] = {}  # when each space's old drafts were thrown out


def version_of(data: bytes) -> str:
    """The version token of a set file: its content hash."""
    return hashlib.sha256(data).hexdigest()


class FolderStore:
    """A library of question sets kept as files under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"FolderStore({str(self.root)!r})"

    # --- where things are --------------------------------------------------------------

    def space_dir(self, space: str) -> Path:
        """The folder of a space; a team folder that is a link (to somewhere outside the
        library) is refused, never followed."""
        check_space(space, strict=True)  # never a path that leaves the library
        if not space:
            return self.root
        folder = self.root / space
        if folder.is_symlink():
            raise CardkitError(
                Location(space),
                Text(
                    "is a link, not a folder of this library; it is not followed",
                    "is een koppeling, geen map van deze bibliotheek; hij wordt niet gevolgd",
                ),
            )
        return folder

    def _path(self, name: str) -> tuple[str, str, Path]:
        space, stem = check_name(name)
        return space, stem, self.space_dir(space) / f"{stem}.yaml"

    def logo_folder(self, name: str) -> Path:
        """The folder a set's `logo:` path is relative to."""
        return self.space_dir(check_name(name)[0])

    @staticmethod
    def _name(space: str, stem: str) -> str:
        return f"{space}/{stem}" if space else stem

    def spaces(self) -> list[str]:
        """The spaces that hold sets: "" (the root) and every team folder."""
        found = [""]
        if self.root.is_dir():
            for child in sorted(self.root.iterdir()):
                plain = child.is_dir() and not child.is_symlink()
                if plain and child.name != LOGOS and valid_stem(child.name):
                    found.append(child.name)
        return found

    # --- reading -------------------------------------------------------------------------

    def list_sets(self, space: str = "") -> list[SetEntry]:
        """Every set in the space, by title; unreadable ones listed with their problem."""
        folder = self.space_dir(space)
        entries = []
        for path in folder.glob("*.yaml") if folder.is_dir() else ():
            stem = path.stem
            if not _plain_file(path) or not valid_stem(stem):
                continue
            name = self._name(space, stem)
            summary = _summary(path)
            if isinstance(summary, Text):
                entries.append(SetEntry(name, stem, 0, summary))
            else:
                entries.append(SetEntry(name, *summary))
        return sorted(entries, key=lambda entry: (entry.title.casefold(), entry.name))

    def read(self, name: str) -> StoredSet:
        _, _, path = self._path(name)
        data = _read_file(path, name)
        if data is None:
            raise not_found(name)
        return StoredSet(name, parse_set_text(data, f"{name}.yaml"), version_of(data))

    def raw(self, name: str) -> bytes:
        """The set's file exactly as stored."""
        _, _, path = self._path(name)
        data = _read_file(path, name)
        if data is None:
            raise not_found(name)
        return data

    def version(self, name: str) -> str | None:
        """The version of the set as stored now, or None if there is no such set."""
        _, _, path = self._path(name)
        data = _read_file(path, name)
        return None if data is None else version_of(data)

    def exists(self, name: str) -> bool:
        return _plain_file(self._path(name)[2])

    # --- writing ---------------------------------------------------------------------

    def create(self, card_set: CardSet, space: str = "", who: str = "") -> StoredSet:
        """Save `card_set` as a new set under a name made from its title."""
        check_space(space, strict=True)
        with self._locked(space):
            stem = self._free_stem(space, card_set.title)
            name = self._name(space, stem)
            data = set_bytes(card_set, f"{name}.yaml")
            self._save_steps(space, stem, data, who)
        return StoredSet(name, card_set, version_of(data))

    def save(
        self,
        name: str,
        card_set: CardSet,
        expected: str | None,
        who: str = "",
        draft: tuple[str, str] | None = None,
    ) -> StoredSet:
        """Write `card_set` if the set is still at version `expected`; SaveConflict if not.
        `draft` (person, tab) names the unsaved edits this save takes in: they go in the
        same step, so a crash never leaves them to be offered again."""
        space, stem, _ = self._path(name)
        data = set_bytes(card_set, f"{name}.yaml")
        with self._locked(space):
            if self.version(name) != expected or expected is None:
                raise conflict(name)
            self._save_steps(space, stem, data, who, self._draft_files(space, stem, draft))
        return StoredSet(name, card_set, version_of(data))

    def rename(
        self,
        name: str,
        title: str,
        card_set: CardSet,
        expected: str | None,
        who: str = "",
        draft: tuple[str, str] | None = None,
    ) -> StoredSet:
        """Give the set a new title and the name that goes with it; its history follows."""
        space, stem, _ = self._path(name)
        renamed = replace(card_set, title=title)
        data = set_bytes(renamed, f"{name}.yaml")
        with self._locked(space):
            if self.version(name) != expected or expected is None:
                raise conflict(name)
            self._save_steps(space, stem, data, who, self._draft_files(space, stem, draft))
            target = file_stem(title)
            new_stem = stem if target == stem else self._free_stem(space, title)
            if new_stem != stem:
                self._begin(space, {"op": "rename", "from": stem, "to": new_stem})
                self._finish(space)
        return StoredSet(self._name(space, new_stem), renamed, version_of(data))

    def delete(
        self,
        name: str,
        expected: str | None,
        who: str = "",
        draft: tuple[str, str] | None = None,
    ) -> None:
        """Take the set out of the library; it stays restorable among the deleted sets."""
        space, stem, _ = self._path(name)
        with self._locked(space):
            if self.version(name) != expected or expected is None:
                raise conflict(name)
            identity = f"{stem}~{time.time_ns()}"
            note = {"name": name, "deleted_at": time.time(), "who": who}
            drafts = self._draft_files(space, stem, draft)
            change: dict[str, object] = {
                "op": "delete",
                "stem": stem,
                "id": identity,
                "note": note,
                "drafts": drafts,
            }
            self._begin(space, change)
            self._finish(space)

    # --- history and deleted sets --------------------------------------------------------

    def history(self, name: str) -> list[Version]:
        """The set's earlier versions, newest first: every kept version but the current."""
        space, stem, _ = self._path(name)
        current = self.version(name)
        return [
            version
            for version, digest in _versions(self.space_dir(space) / HISTORY / stem)
            if digest != current
        ]

    def read_version(self, name: str, version_id: str) -> CardSet:
        space, stem, _ = self._path(name)
        return _read_version(self.space_dir(space) / HISTORY / stem, version_id, name)

    def deleted(self, space: str = "") -> list[DeletedSet]:
        """The deleted sets of a space, most recently deleted first."""
        folder = self.space_dir(space) / DELETED
        found = []
        for entry in folder.iterdir() if folder.is_dir() else ():
            if not entry.is_dir() or entry.is_symlink():
                continue
            note = _read_json(entry / DELETED_NOTE)
            kept = _versions(entry)
            if not kept:
                continue
            newest = kept[0][0]
            found.append(
                DeletedSet(
                    id=self._name(space, entry.name),
                    name=str(note.get("name", entry.name.split("~")[0])),
                    deleted_at=float(note.get("deleted_at", newest.saved_at)),
                    who=str(note.get("who", "")),
                    title=newest.title,
                    cards=newest.cards,
                )
            )
        return sorted(found, key=lambda gone: -gone.deleted_at)

    def restore(self, deleted_id: str, who: str = "") -> StoredSet:
        """Bring a deleted set back under its title, with its history."""
        space, identity = split_deleted_id(deleted_id)
        folder = self.space_dir(space) / DELETED / identity
        with self._locked(space):
            kept = _versions(folder)
            if not kept:
                raise CardkitError(
                    Location(deleted_id),
                    Text("no such deleted set", "deze verwijderde set bestaat niet"),
                )
            card_set = _read_version(folder, kept[0][0].id, deleted_id)
            stem = self._free_stem(space, card_set.title)
            self._begin(space, {"op": "restore", "id": identity, "to": stem, "who": who})
            self._finish(space)
            name = self._name(space, stem)
        return self.read(name)

    def fate(self, name: str) -> Fate:
        """What became of a set that is gone: renamed (to what), deleted, or unknown."""
        space, stem, _ = self._path(name)
        folder = self.space_dir(space)
        seen = {stem}
        target = stem
        while (folder / RENAMED / target).is_file():
            target = (folder / RENAMED / target).read_text(encoding="utf-8").strip()
            if target in seen or not valid_stem(target):
                break
            seen.add(target)
            if (folder / f"{target}.yaml").is_file():
                return Fate(renamed_to=self._name(space, target))
        deleted = folder / DELETED
        gone = deleted.is_dir() and any(deleted.glob(f"{stem}~*"))
        return Fate(deleted=gone)

    # --- drafts ----------------------------------------------------------------------

    def put_draft(
        self, person: str, session: str, name: str, card_set: CardSet, base: str | None
    ) -> None:
        """Keep a person's unsaved edits of set `name`, made in one browser tab (`session`),
        replacing that tab's earlier ones. Two tabs never overwrite each other's."""
        space, stem, _ = self._path(name)
        # Written on every committed edit: not read back (a draft that cannot be read is
        # passed over by drafts_of) and not fsynced (see write_atomic).
        data = set_to_yaml(card_set).encode("utf-8")
        folder = self._drafts(space, person)
        file = folder / f"{stem}~{_session(session)}"
        if not file.with_suffix(".yaml").exists():  # a new draft: the person's cap holds
            self._expire_drafts(space)
            kept = list(folder.glob("*.yaml")) if folder.is_dir() else []
            if len(kept) >= MAX_DRAFTS_PER_PERSON:
                raise drafts_full(name)
        # No lock: a tab's draft files are written by that tab alone, each in one rename;
        # the space's lock (and its clean-up) is for changes to sets.
        note = {"base": base, "saved_at": time.time()}
        write_atomic(file.with_suffix(".json"), _json(note), durable=False)
        write_atomic(file.with_suffix(".yaml"), data, durable=False)

    def drafts_of(self, person: str, name: str) -> list[StoredDraft]:
        """A person's unsaved edits of set `name`, from every tab, the newest first."""
        space, stem, _ = self._path(name)
        folder = self._drafts(space, person)
        found = []
        for path in folder.glob(f"{stem}~*.yaml") if folder.is_dir() else ():
            data = _read_file(path, name)
            if data is None:
                continue
            try:
                card_set = parse_set_text(data, f"{name}.yaml")
            except CardkitError:
                continue  # a draft an older cardkit wrote and this one cannot read
            note = _read_json(path.with_suffix(".json"))
            base = note.get("base")
            saved_at = float(note.get("saved_at", path.stat().st_mtime))
            session = path.stem.partition("~")[2]
            found.append(
                StoredDraft(
                    name, card_set, base if isinstance(base, str) else None, saved_at, session
                )
            )
        return sorted(found, key=lambda draft: -draft.saved_at)

    def drop_draft(self, person: str, session: str, name: str) -> None:
        """Forget one tab's unsaved edits of set `name` (saved, or thrown away)."""
        space, stem, _ = self._path(name)
        file = self._drafts(space, person) / f"{stem}~{_session(session)}"
        files = [file.with_suffix(".yaml"), file.with_suffix(".json")]
        for path in files:
            path.unlink(missing_ok=True)  # no lock needed: see put_draft

    def draft_names(self, person: str, space: str = "") -> set[str]:
        """The sets this person has unsaved edits of."""
        folder = self._drafts(space, person)
        if not folder.is_dir():
            return set()
        return {self._name(space, path.stem.partition("~")[0]) for path in folder.glob("*.yaml")}

    def _drafts(self, space: str, person: str) -> Path:
        folder = self.space_dir(space) / DRAFTS
        _refuse_links(folder)
        return folder / _person_key(person)

    def _draft_files(self, space: str, stem: str, draft: tuple[str, str] | None) -> list[str]:
        """The files of one tab's draft of a set, relative to the space's drafts folder."""
        if draft is None:
            return []
        person, session = draft
        return [f"{_person_key(person)}/{stem}~{_session(session)}{s}" for s in (".yaml", ".json")]

    def _expire_drafts(self, space: str) -> None:
        """Throw away every draft in the space not touched for DRAFT_DAYS (at most once an
        hour per space and process: the walk is over everyone's drafts)."""
        now = time.time()
        if now - _LAST_EXPIRY.get((self.root, space), 0.0) < 3600:
            return
        _LAST_EXPIRY[(self.root, space)] = now
        folder = self.space_dir(space) / DRAFTS
        for path in folder.glob("*/*.yaml") if folder.is_dir() else ():
            with contextlib.suppress(OSError):
                if now - os.lstat(path).st_mtime > DRAFT_SECONDS:
                    path.unlink()
                    path.with_suffix(".json").unlink(missing_ok=True)

    # --- sign-outs (designer/gate) -----------------------------------------------------

    def sign_out(self, sign_in: str, until: float) -> None:
        """Remember that `sign_in` was ended: it stops counting everywhere at once, until
        `until` (when its cookie expires anyway)."""
        folder = self.root / SIGNED_OUT
        _refuse_links(folder)
        write_atomic(folder / check_sign_in(sign_in), _json({"until": until}))
        now = time.time()
        for ended in folder.iterdir():
            if ended.name != sign_in and _read_json(ended).get("until", now) < now:
                ended.unlink(missing_ok=True)

    def signed_out(self, sign_in: str) -> bool:
        """Whether `sign_in` was ended (asked on every page update: one file test)."""
        return os.path.lexists(self.root / SIGNED_OUT / check_sign_in(sign_in))

    # --- logos -----------------------------------------------------------------------

    def save_logo(self, space: str, file_name: str, data: bytes) -> str:
        """Check an uploaded image and keep it with the space's sets; returns the path a set
        refers to it by. Named by its content, so uploading twice is harmless."""
        relative = logo_path(file_name, data)
        with self._locked(space):
            write_atomic(self.space_dir(space) / relative, data)
        return relative

    def usage(self, space: str) -> int:
        """The bytes a space keeps: sets, history, deleted sets, drafts and logos."""
        top = self.space_dir(space)
        total = 0
        for root, folders, files in os.walk(top):
            if space == "" and Path(root) == top:  # the teams' folders count for the teams
                folders[:] = [f for f in folders if f in (HISTORY, DELETED, RENAMED, DRAFTS, LOGOS)]
            for file in files:
                with contextlib.suppress(FileNotFoundError):
                    total += os.lstat(os.path.join(root, file)).st_size
        return total

    # --- a whole space at once (library copy) --------------------------------------------

    def dump(self, space: str) -> SpaceRecord:
        """Everything the space keeps but drafts, for another store to load."""
        self.recover(space)
        folder = self.space_dir(space)
        sets = []
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
            if not _plain_file(path) or not valid_stem(path.stem):
                continue
            versions = list(_kept(folder / HISTORY / path.stem))
            data = path.read_bytes()
            if not versions or version_of(versions[-1].data) != version_of(data):
                versions.append(KeptVersion(data, path.stat().st_mtime, ""))
            sets.append(SetRecord(path.stem, tuple(versions)))
        deleted = []
        for gone in sorted((folder / DELETED).iterdir()) if (folder / DELETED).is_dir() else ():
            note = _read_json(gone / DELETED_NOTE)
            kept = tuple(_kept(gone))
            if gone.is_dir() and kept:
                deleted.append(
                    DeletedRecord(
                        gone.name,
                        str(note.get("name", gone.name.split("~")[0])),
                        float(note.get("deleted_at", kept[-1].saved_at)),
                        str(note.get("who", "")),
                        kept,
                    )
                )
        renamed = []
        for trace in sorted((folder / RENAMED).iterdir()) if (folder / RENAMED).is_dir() else ():
            renamed.append((trace.name, trace.read_text(encoding="utf-8").strip()))
        logos = []
        for logo in sorted((folder / LOGOS).iterdir()) if (folder / LOGOS).is_dir() else ():
            if _plain_file(logo):
                logos.append((f"{LOGOS}/{logo.name}", logo.read_bytes()))
        return SpaceRecord(space, tuple(sets), tuple(deleted), tuple(renamed), tuple(logos))

    def load(self, record: SpaceRecord) -> None:
        """Put a dumped space into this store, where it must not hold any set yet."""
        space = record.space
        check_space(space, strict=True)
        with self._locked(space):
            folder = self.space_dir(space)
            if self.list_sets(space) or self.deleted(space):
                raise CardkitError(
                    Location(self._name(space, "") or "library"),
                    Text(
                        "already holds sets; copy into an empty library",
                        "bevat al sets; kopieer naar een lege bibliotheek",
                    ),
                )
            for kept in record.sets:
                _write_versions(folder / HISTORY / kept.stem, kept.versions)
                write_atomic(folder / f"{kept.stem}.yaml", kept.versions[-1].data)
            for gone in record.deleted:
                _write_versions(folder / DELETED / gone.identity, gone.versions)
                note = {"name": gone.name, "deleted_at": gone.deleted_at, "who": gone.who}
                write_atomic(folder / DELETED / gone.identity / DELETED_NOTE, _json(note))
            for source, target in record.renamed:
                write_atomic(folder / RENAMED / source, target.encode("utf-8"))
            for relative, data in record.logos:
                write_atomic(folder / relative, data)

    # --- the steps of a change, and finishing one after a crash ------------------------

    def recover(self, space: str = "") -> None:
        """Finish what a killed writer left half done (every writer does so first)."""
        with self._locked(space):
            pass

    @contextlib.contextmanager
    def _locked(self, space: str) -> Iterator[None]:
        """One writer at a time in a space, across threads and processes. Whoever holds
        the lock first finishes a change a killed writer left, and removes its
        temporary files."""
        folder = self.space_dir(space)
        folder.mkdir(parents=True, exist_ok=True)
        _refuse_links(*(folder / hidden for hidden in (HISTORY, DELETED, RENAMED, DRAFTS, LOGOS)))
        with open(folder / LOCK, "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self._finish(space)
                for stale in _temporary_files(folder):
                    stale.unlink(missing_ok=True)
                _adopt_older_deletions(folder)
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _free_stem(self, space: str, title: str) -> str:
        """A stem for `title` that no set, history or deleted set of the space uses."""
        folder = self.space_dir(space)
        base = file_stem(title)
        candidate, number = base, 2
        while (folder / f"{candidate}.yaml").exists() or (folder / HISTORY / candidate).exists():
            candidate = f"{base}-{number}"
            number += 1
        return candidate

    def _save_steps(
        self, space: str, stem: str, data: bytes, who: str, drafts: list[str] | None = None
    ) -> None:
        # A set put in the folder by hand (or kept by an older cardkit) gets the version
        # this save replaces into its history first, so the save can be undone.
        current = self.space_dir(space) / f"{stem}.yaml"
        if current.exists():
            _record_current(self.space_dir(space), stem, "", current.stat().st_mtime)
        change = {"op": "save", "stem": stem, "who": who, "at": time.time(), "drafts": drafts or []}
        self._begin(space, change)
        write_atomic(self.space_dir(space) / f"{stem}.yaml", data)
        self._finish(space)
        (self.space_dir(space) / RENAMED / stem).unlink(missing_ok=True)

    def _begin(self, space: str, change: dict[str, object]) -> None:
        write_atomic(self.space_dir(space) / PENDING, _json(change))

    def _finish(self, space: str) -> None:
        """Carry out the rest of the change in progress, if any; every step may run twice."""
        folder = self.space_dir(space)
        change = _read_json(folder / PENDING)
        if not change:
            return
        operation = change.get("op")
        if operation == "save":
            _record_current(folder, str(change["stem"]), str(change["who"]), float(change["at"]))
        elif operation == "rename":
            _rename_steps(folder, str(change["from"]), str(change["to"]))
        elif operation == "delete":
            _delete_steps(folder, str(change["stem"]), str(change["id"]), change["note"])
        elif operation == "restore":
            _restore_steps(folder, str(change["id"]), str(change["to"]))
        for draft in change.get("drafts") or ():  # the unsaved edits the change took in
            if _valid_draft_file(str(draft)):
                (folder / DRAFTS / str(draft)).unlink(missing_ok=True)
        if operation in ("rename", "delete", "restore"):
            # These moved a history between folders: make the moves durable before the
            # change counts as done, or a power cut could leave a set without its history.
            for moved in (folder / HISTORY, folder / DELETED):
                if moved.is_dir():
                    _fsync_dir(moved)
        (folder / PENDING).unlink(missing_ok=True)
        _fsync_dir(folder)


# --- the steps, each safe to repeat ---------------------------------------------------------


def _record_current(folder: Path, stem: str, who: str, at: float) -> None:
    """Add the set's current file to its history (unless it is the newest there already),
    and keep only the last KEEP_VERSIONS."""
    data = _read_file(folder / f"{stem}.yaml", stem)
    if data is None:
        return
    history = folder / HISTORY / stem
    kept = _versions(history)
    if kept and kept[0][1] == version_of(data):
        return
    number = int(kept[0][0].id) + 1 if kept else 1
    write_atomic(history / f"{number:06d}.json", _json({"saved_at": at, "who": who}))
    write_atomic(history / f"{number:06d}.yaml", data)
    for version, _ in kept[KEEP_VERSIONS - 1 :]:
        for suffix in (".yaml", ".json"):
            (history / f"{version.id}{suffix}").unlink(missing_ok=True)


def _kept(history: Path) -> Iterator[KeptVersion]:
    """The versions in a history folder, oldest first, as they are stored."""
    for version, _ in reversed(_versions(history)):
        data = (history / f"{version.id}.yaml").read_bytes()
        yield KeptVersion(data, version.saved_at, version.who)


def _write_versions(history: Path, versions: tuple[KeptVersion, ...]) -> None:
    for number, kept in enumerate(versions, start=1):
        write_atomic(
            history / f"{number:06d}.json", _json({"saved_at": kept.saved_at, "who": kept.who})
        )
        write_atomic(history / f"{number:06d}.yaml", kept.data)


def _rename_steps(folder: Path, source: str, target: str) -> None:
    old, new = folder / f"{source}.yaml", folder / f"{target}.yaml"
    if old.exists() and not new.exists():
        os.rename(old, new)
    old_history, new_history = folder / HISTORY / source, folder / HISTORY / target
    if old_history.is_dir() and not new_history.exists():
        os.rename(old_history, new_history)
    write_atomic(folder / RENAMED / source, target.encode("utf-8"))
    (folder / RENAMED / target).unlink(missing_ok=True)


def _delete_steps(folder: Path, stem: str, identity: str, note: object) -> None:
    history, gone = folder / HISTORY / stem, folder / DELETED / identity
    _record_current(folder, stem, "", time.time())  # the last version goes with it
    if history.is_dir() and not gone.exists():
        gone.parent.mkdir(parents=True, exist_ok=True)
        os.rename(history, gone)
    if gone.is_dir():
        write_atomic(gone / DELETED_NOTE, _json(note))
        (folder / f"{stem}.yaml").unlink(missing_ok=True)
    (folder / RENAMED / stem).unlink(missing_ok=True)


def _restore_steps(folder: Path, identity: str, stem: str) -> None:
    gone, target = folder / DELETED / identity, folder / f"{stem}.yaml"
    if gone.is_dir():
        kept = _versions(gone)
        if kept and not target.exists():
            write_atomic(target, (gone / f"{kept[0][0].id}.yaml").read_bytes())
        (gone / DELETED_NOTE).unlink(missing_ok=True)
        history = folder / HISTORY / stem
        if not history.exists():
            history.parent.mkdir(parents=True, exist_ok=True)
            os.rename(gone, history)
    (folder / RENAMED / stem).unlink(missing_ok=True)


def _adopt_older_deletions(folder: Path) -> None:
    """Earlier cardkit kept a deleted set's history where the set had been: give each
    such history its own identity among the deleted sets, so no new set inherits it."""
    history = folder / HISTORY
    for stem_folder in history.iterdir() if history.is_dir() else ():
        if stem_folder.is_dir() and not (folder / f"{stem_folder.name}.yaml").exists():
            identity = f"{stem_folder.name}~{stem_folder.stat().st_mtime_ns}"
            (folder / DELETED).mkdir(exist_ok=True)
            os.rename(stem_folder, folder / DELETED / identity)


# --- files ----------------------------------------------------------------------------------


def _person_key(person: str) -> str:
    """A person as their drafts folder is named: a hash, never their address."""
    return hashlib.sha256((person or ANONYMOUS).encode("utf-8")).hexdigest()[:24]


def _valid_draft_file(relative: str) -> bool:
    """A draft file as a change in `.pending.json` names it (never a path out of it)."""
    key, _, file = relative.partition("/")
    return len(key) == 24 and key.isalnum() and "/" not in file and not file.startswith(".")


def _refuse_links(*folders: Path) -> None:
    """A folder of the library that is a link (to somewhere outside it) is never used."""
    for folder in folders:
        if folder.is_symlink():
            raise CardkitError(
                Location(folder.name),
                Text(
                    "is a link, not a folder of this library; it is not followed",
                    "is een koppeling, geen map van deze bibliotheek; hij wordt niet gevolgd",
                ),
            )


def _session(session: str) -> str:
    """A browser tab's token as part of a file name."""
    if not session.isalnum() or len(session) > 64:
        raise ValueError(f"not a session token: {session!r}")
    return session


def split_deleted_id(deleted_id: str) -> tuple[str, str]:
    space, _, identity = deleted_id.rpartition("/")
    stem, _, stamp = identity.partition("~")
    if not (check_space(space) and valid_stem(stem) and stamp.isdigit()):
        raise CardkitError(
            Location(deleted_id), Text("no such deleted set", "deze verwijderde set bestaat niet")
        )
    return space, identity


def _plain_file(path: Path) -> bool:
    """A regular file, not a link to one: the library reads nothing outside itself."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _read_file(path: Path, name: str, max_bytes: int = MAX_SET_FILE_BYTES) -> bytes | None:
    """The bytes of a plain file inside the library, or None if there is none. A link, a
    device or a pipe is refused; the size is checked on the open file."""
    if not os.path.lexists(path):
        return None
    return read_plain_file(path, name, max_bytes, follow_links=False)


def _temporary_files(folder: Path) -> Iterator[Path]:
    """Temporary files of killed writers: in the space, its history, drafts and logos."""
    yield from folder.glob(".*.tmp")
    for hidden in (HISTORY, DELETED, DRAFTS, RENAMED):
        yield from (folder / hidden).glob("**/.*.tmp")
    yield from (folder / LOGOS).glob(".*.tmp")


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _versions(history: Path) -> list[tuple[Version, str]]:
    """(version, content digest) of every readable version in a history folder, newest
    first. A version written by an older cardkit has no note: its file time stands in."""
    found = []
    for path in history.glob("*.yaml") if history.is_dir() else ():
        if not path.stem.isdigit() or not _plain_file(path):
            continue
        summary = _summary(path)
        if isinstance(summary, Text):
            continue
        note = _read_json(path.with_suffix(".json"))
        saved_at = float(note.get("saved_at", path.stat().st_mtime))
        version = Version(path.stem, saved_at, str(note.get("who", "")), *summary)
        found.append((version, _digest(path)))
    return sorted(found, key=lambda pair: -int(pair[0].id))


def _read_version(history: Path, version_id: str, name: str) -> CardSet:
    if not version_id.isdigit():
        raise not_found(name)
    data = _read_file(history / f"{version_id}.yaml", name)
    if data is None:
        raise not_found(name)
    return parse_set_text(data, f"{name}.yaml")


def _summary(path: Path) -> tuple[str, int] | Text:
    """A set file's title and number of cards, or why it cannot be opened. The designer
    asks on every rerun, so a file is read again only when its size or time changes."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return Text("file not found", "bestand niet gevonden")
    return _summary_of(path, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=2048)
def _summary_of(path: Path, mtime_ns: int, size: int) -> tuple[str, int] | Text:
    del mtime_ns, size  # only part of the cache key: which version of the file
    try:
        data = _read_file(path, path.name)
        if data is None:
            return Text("file not found", "bestand niet gevonden")
        card_set = parse_set_text(data, path.name)
    except CardkitError as error:
        return Text(error.message("en"), error.message("nl"))
    except Exception as error:  # one odd file never hides the rest of the library
        log.exception("cannot read %s", path)
        kind = type(error).__name__
        return Text(f"cannot be read ({kind})", f"kan niet gelezen worden ({kind})")
    return card_set.title, len(card_set.cards)


def _digest(path: Path) -> str:
    status = os.lstat(path)
    return _digest_of(path, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=4096)
def _digest_of(path: Path, mtime_ns: int, size: int) -> str:
    del mtime_ns, size
    return version_of(path.read_bytes())
