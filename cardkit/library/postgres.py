"""The PostgreSQL store: the library in one database, for several designer processes on
several machines (CARDKIT_DATABASE_URL=postgresql://...). It keeps every promise of
`library.store`, as the folder store does: a change is one transaction, a save states the
version it started from and is refused (SaveConflict) when the set moved on, checked
under a row lock in that transaction; the last versions are kept with who and when;
deleted sets keep their own identity and history; logos are stored with their space.

The schema is cardkit's own and versioned: `init()` (`python -m cardkit library init`,
and every start) brings a database to the newest version, one migration at a time, under
an advisory lock so that processes starting together migrate once.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import psycopg
from psycopg_pool import ConnectionPool

from cardkit.errors import CardkitError, Location, Text
from cardkit.library.store import (
    DRAFT_SECONDS,
    KEEP_VERSIONS,
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
)
from cardkit.limits import MAX_DRAFTS_PER_PERSON
from cardkit.model import CardSet
from cardkit.paths import file_stem
from cardkit.read.sets import parse_set_text, set_to_yaml

MIGRATE_LOCK = 0x6361726B  # "cark": the advisory lock taken while migrating

# Each entry brings the schema from its index to the next version; never edit one that
# has shipped, add the next.
MIGRATIONS = [
    """
    create table sets (
        space text not null, stem text not null,
        data bytea not null, digest text not null,
        title text not null, cards integer not null,
        primary key (space, stem));
    -- Every kept version, the current one included; `owner` is the set's stem, or a
    -- deleted set's identity (stem~time), which never looks like a stem.
    create table versions (
        space text not null, owner text not null, number integer not null,
        data bytea not null, digest text not null, saved_at double precision not null,
        who text not null, title text not null, cards integer not null,
        primary key (space, owner, number));
    create table deleted (
        space text not null, identity text not null, name text not null,
        deleted_at double precision not null, who text not null,
        primary key (space, identity));
    create table renamed (
        space text not null, stem text not null, target text not null,
        primary key (space, stem));
    create table drafts (
        space text not null, person text not null, stem text not null, session text not null,
        data bytea not null, base text, saved_at double precision not null,
        primary key (space, person, stem, session));
    create table logos (
        space text not null, path text not null, data bytea not null,
        primary key (space, path));
    """,
    """
    -- Sign-ins that were ended (designer/gate): each counts until its cookie expires.
    create table signed_out (sign_in text primary key, until double precision not null);
    """,
]


def digest_of(data: bytes) -> str:
    """The version token of a set: its content hash, as in the folder store."""
    return hashlib.sha256(data).hexdigest()


class PostgresStore:
    """A library of question sets in a PostgreSQL database at `url`."""

    def __init__(self, url: str, *, pool_size: int = 8) -> None:
        self.url = url
        # Reach the server once before the pool: a wrong address or a server that is down
        # is said at once, not after the pool's retries.
        psycopg.connect(url, connect_timeout=3).close()
        self.pool = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            open=True,
            check=ConnectionPool.check_connection,  # a restarted server: reconnect, not fail
            timeout=5,  # seconds to wait for a connection: a server that is down is said so
            kwargs={"autocommit": False, "connect_timeout": 3},
        )
        self.init()
        self._last_expiry: dict[str, float] = {}  # when each space's old drafts were thrown out
        digest = hashlib.sha256(url.encode()).hexdigest()[:16]
        self._logo_cache = Path(tempfile.gettempdir()) / f"cardkit-logos-{digest}"

    def __repr__(self) -> str:
        return "PostgresStore(<database>)"  # never the password in a log

    def close(self) -> None:
        self.pool.close()

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Cursor]:
        with (
            self.pool.connection() as connection,
            connection.transaction(),
            connection.cursor() as cursor,
        ):
            yield cursor

    # --- the schema ------------------------------------------------------------------

    def init(self) -> int:
        """Bring the schema to the newest version; returns that version."""
        with self._transaction() as cursor:
            cursor.execute("select pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            cursor.execute("create table if not exists cardkit_schema (version integer not null)")
            cursor.execute("select version from cardkit_schema")
            row = cursor.fetchone()
            version = row[0] if row else 0
            if row is None:
                cursor.execute("insert into cardkit_schema values (0)")
            for number in range(version, len(MIGRATIONS)):
                cursor.execute(MIGRATIONS[number])
                cursor.execute("update cardkit_schema set version = %s", (number + 1,))
        return len(MIGRATIONS)

    # --- where things are --------------------------------------------------------------

    @staticmethod
    def _name(space: str, stem: str) -> str:
        return f"{space}/{stem}" if space else stem

    def spaces(self) -> list[str]:
        with self._transaction() as cursor:
            cursor.execute(
                "select space from sets union select space from deleted "
                "union select space from logos"
            )
            found = {row[0] for row in cursor.fetchall()}
        return ["", *sorted(found - {""})]

    def space_dir(self, space: str) -> Path:
        """A local folder with the space's logos, for what reads logos from files."""
        folder = self._logo_cache / (space or "_")
        with self._transaction() as cursor:
            cursor.execute("select path, data from logos where space = %s", (space,))
            for path, data in cursor.fetchall():
                target = folder / path
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    partial = target.with_suffix(".part")
                    partial.write_bytes(data)
                    partial.replace(target)
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def logo_folder(self, name: str) -> Path:
        return self.space_dir(check_name(name)[0])

    # --- reading -------------------------------------------------------------------------

    def list_sets(self, space: str = "") -> list[SetEntry]:
        with self._transaction() as cursor:
            cursor.execute("select stem, title, cards from sets where space = %s", (space,))
            rows = cursor.fetchall()
        entries = [SetEntry(self._name(space, stem), title, cards) for stem, title, cards in rows]
        return sorted(entries, key=lambda entry: (entry.title.casefold(), entry.name))

    def raw(self, name: str) -> bytes:
        """The set's file exactly as stored."""
        space, stem = check_name(name)
        with self._transaction() as cursor:
            cursor.execute("select data from sets where space = %s and stem = %s", (space, stem))
            row = cursor.fetchone()
        if row is None:
            raise not_found(name)
        return bytes(row[0])

    def read(self, name: str) -> StoredSet:
        data = self.raw(name)
        return StoredSet(name, parse_set_text(data, f"{name}.yaml"), digest_of(data))

    def version(self, name: str) -> str | None:
        space, stem = check_name(name)
        with self._transaction() as cursor:
            return _current(cursor, space, stem)

    def exists(self, name: str) -> bool:
        return self.version(name) is not None

    # --- writing ---------------------------------------------------------------------

    def create(self, card_set: CardSet, space: str = "", who: str = "") -> StoredSet:
        if space and not check_name(f"{space}/x"):
            raise CardkitError(
                Location(space), Text("is not the name of a team", "is geen naam van een team")
            )
        with self._transaction() as cursor:
            _lock_space(cursor, space)
            stem = _free_stem(cursor, space, card_set.title)
            name = self._name(space, stem)
            data = set_bytes(card_set, f"{name}.yaml")
            _write(cursor, space, stem, data, card_set, who)
        return StoredSet(name, card_set, digest_of(data))

    def save(
        self,
        name: str,
        card_set: CardSet,
        expected: str | None,
        who: str = "",
        draft: tuple[str, str] | None = None,
    ) -> StoredSet:
        space, stem = check_name(name)
        data = set_bytes(card_set, f"{name}.yaml")
        with self._transaction() as cursor:
            if expected is None or _current(cursor, space, stem, lock=True) != expected:
                raise conflict(name)
            _write(cursor, space, stem, data, card_set, who)
            _drop_draft(cursor, space, stem, draft)
        return StoredSet(name, card_set, digest_of(data))

    def rename(
        self,
        name: str,
        title: str,
        card_set: CardSet,
        expected: str | None,
        who: str = "",
        draft: tuple[str, str] | None = None,
    ) -> StoredSet:
        space, stem = check_name(name)
        renamed = replace(card_set, title=title)
        data = set_bytes(renamed, f"{name}.yaml")
        with self._transaction() as cursor:
            _lock_space(cursor, space)
            if expected is None or _current(cursor, space, stem, lock=True) != expected:
                raise conflict(name)
            _write(cursor, space, stem, data, renamed, who)
            _drop_draft(cursor, space, stem, draft)
            new_stem = stem if file_stem(title) == stem else _free_stem(cursor, space, title)
            if new_stem != stem:
                for table, column in (("sets", "stem"), ("versions", "owner")):
                    cursor.execute(
                        f"update {table} set {column} = %s where space = %s and {column} = %s",
                        (new_stem, space, stem),
                    )
                cursor.execute(
                    "insert into renamed values (%s, %s, %s) on conflict (space, stem) "
                    "do update set target = excluded.target",
                    (space, stem, new_stem),
                )
                cursor.execute(
                    "delete from renamed where space = %s and stem = %s", (space, new_stem)
                )
        return StoredSet(self._name(space, new_stem), renamed, digest_of(data))

    def delete(
        self,
        name: str,
        expected: str | None,
        who: str = "",
        draft: tuple[str, str] | None = None,
    ) -> None:
        space, stem = check_name(name)
        with self._transaction() as cursor:
            if expected is None or _current(cursor, space, stem, lock=True) != expected:
                raise conflict(name)
            _drop_draft(cursor, space, stem, draft)
            identity = f"{stem}~{time.time_ns()}"
            cursor.execute(
                "update versions set owner = %s where space = %s and owner = %s",
                (identity, space, stem),
            )
            cursor.execute(
                "insert into deleted values (%s, %s, %s, %s, %s)",
                (space, identity, name, time.time(), who),
            )
            cursor.execute("delete from sets where space = %s and stem = %s", (space, stem))
            cursor.execute("delete from renamed where space = %s and stem = %s", (space, stem))

    # --- history and deleted sets --------------------------------------------------------

    def history(self, name: str) -> list[Version]:
        space, stem = check_name(name)
        with self._transaction() as cursor:
            current = _current(cursor, space, stem)
            return [v for v, digest in _versions(cursor, space, stem) if digest != current]

    def read_version(self, name: str, version_id: str) -> CardSet:
        space, stem = check_name(name)
        if not version_id.isdigit():
            raise not_found(name)
        with self._transaction() as cursor:
            cursor.execute(
                "select data from versions where space = %s and owner = %s and number = %s",
                (space, stem, int(version_id)),
            )
            row = cursor.fetchone()
        if row is None:
            raise not_found(name)
        return parse_set_text(bytes(row[0]), f"{name}.yaml")

    def deleted(self, space: str = "") -> list[DeletedSet]:
        with self._transaction() as cursor:
            cursor.execute(
                "select identity, name, deleted_at, who from deleted where space = %s", (space,)
            )
            found = []
            for identity, name, deleted_at, who in cursor.fetchall():
                kept = _versions(cursor, space, identity)
                if kept:
                    newest = kept[0][0]
                    found.append(
                        DeletedSet(
                            self._name(space, identity), name, deleted_at, who,
                            newest.title, newest.cards,
                        )
                    )  # fmt: skip
        return sorted(found, key=lambda gone: -gone.deleted_at)

    def restore(self, deleted_id: str, who: str = "") -> StoredSet:
        space, _, identity = deleted_id.rpartition("/")
        missing = CardkitError(
            Location(deleted_id), Text("no such deleted set", "deze verwijderde set bestaat niet")
        )
        with self._transaction() as cursor:
            _lock_space(cursor, space)
            cursor.execute(
                "delete from deleted where space = %s and identity = %s returning identity",
                (space, identity),
            )
            if cursor.fetchone() is None:
                raise missing
            kept = _versions(cursor, space, identity)
            if not kept:
                raise missing
            cursor.execute(
                "select data from versions where space = %s and owner = %s and number = %s",
                (space, identity, int(kept[0][0].id)),
            )
            data = bytes(_one(cursor)[0])
            card_set = parse_set_text(data, f"{deleted_id}.yaml")
            stem = _free_stem(cursor, space, card_set.title)
            cursor.execute(
                "update versions set owner = %s where space = %s and owner = %s",
                (stem, space, identity),
            )
            _write(cursor, space, stem, data, card_set, who)
            cursor.execute("delete from renamed where space = %s and stem = %s", (space, stem))
        return self.read(self._name(space, stem))

    def fate(self, name: str) -> Fate:
        space, stem = check_name(name)
        with self._transaction() as cursor:
            seen, target = {stem}, stem
            while True:
                cursor.execute(
                    "select target from renamed where space = %s and stem = %s", (space, target)
                )
                row = cursor.fetchone()
                if row is None or row[0] in seen:
                    break
                target = row[0]
                seen.add(target)
                if _current(cursor, space, target) is not None:
                    return Fate(renamed_to=self._name(space, target))
            cursor.execute(
                "select 1 from deleted where space = %s and identity like %s",
                (space, f"{stem}~%"),
            )
            return Fate(deleted=cursor.fetchone() is not None)

    # --- drafts ----------------------------------------------------------------------

    def put_draft(
        self, person: str, session: str, name: str, card_set: CardSet, base: str | None
    ) -> None:
        space, stem = check_name(name)
        session = _session(session)
        data = set_to_yaml(card_set).encode("utf-8")  # not read back: see the folder store
        with self._transaction() as cursor:
            self._expire_drafts(cursor, space)
            cursor.execute(
                "select count(*), count(*) filter (where stem = %s and session = %s) "
                "from drafts where space = %s and person = %s",
                (stem, session, space, _person(person)),
            )
            kept, this_one = _one(cursor)
            if not this_one and kept >= MAX_DRAFTS_PER_PERSON:
                raise drafts_full(name)
            cursor.execute(
                "insert into drafts values (%s, %s, %s, %s, %s, %s, %s) "
                "on conflict (space, person, stem, session) do update set "
                "data = excluded.data, base = excluded.base, saved_at = excluded.saved_at",
                (space, _person(person), stem, session, data, base, time.time()),
            )

    def drafts_of(self, person: str, name: str) -> list[StoredDraft]:
        space, stem = check_name(name)
        with self._transaction() as cursor:
            cursor.execute(
                "select data, base, saved_at, session from drafts "
                "where space = %s and person = %s and stem = %s order by saved_at desc",
                (space, _person(person), stem),
            )
            rows = cursor.fetchall()
        found = []
        for data, base, saved_at, session in rows:
            try:
                card_set = parse_set_text(bytes(data), f"{name}.yaml")
            except CardkitError:
                continue
            found.append(StoredDraft(name, card_set, base, saved_at, session))
        return found

    def drop_draft(self, person: str, session: str, name: str) -> None:
        space, stem = check_name(name)
        with self._transaction() as cursor:
            _drop_draft(cursor, space, stem, (person, session))

    def _expire_drafts(self, cursor: psycopg.Cursor, space: str) -> None:
        """Throw away the space's drafts not touched for DRAFT_DAYS (once an hour at most)."""
        now = time.time()
        if now - self._last_expiry.get(space, 0.0) < 3600:
            return
        self._last_expiry[space] = now
        cursor.execute(
            "delete from drafts where space = %s and saved_at < %s", (space, now - DRAFT_SECONDS)
        )

    # --- sign-outs (designer/gate) -----------------------------------------------------

    def sign_out(self, sign_in: str, until: float) -> None:
        with self._transaction() as cursor:
            cursor.execute(
                "insert into signed_out values (%s, %s) on conflict (sign_in) do nothing",
                (check_sign_in(sign_in), until),
            )
            cursor.execute("delete from signed_out where until < %s", (time.time(),))

    def signed_out(self, sign_in: str) -> bool:
        with self._transaction() as cursor:
            cursor.execute("select 1 from signed_out where sign_in = %s", (check_sign_in(sign_in),))
            return cursor.fetchone() is not None

    def draft_names(self, person: str, space: str = "") -> set[str]:
        with self._transaction() as cursor:
            cursor.execute(
                "select distinct stem from drafts where space = %s and person = %s",
                (space, _person(person)),
            )
            return {self._name(space, row[0]) for row in cursor.fetchall()}

    # --- logos -----------------------------------------------------------------------

    def save_logo(self, space: str, file_name: str, data: bytes) -> str:
        check_space(space, strict=True)
        relative = logo_path(file_name, data)
        with self._transaction() as cursor:
            cursor.execute(
                "insert into logos values (%s, %s, %s) on conflict do nothing",
                (space, relative, data),
            )
        return relative

    def recover(self, space: str = "") -> None:
        """Nothing to finish: a transaction that did not commit left nothing behind."""

    def usage(self, space: str) -> int:
        with self._transaction() as cursor:
            total = 0
            for table, column in (("versions", "data"), ("drafts", "data"), ("logos", "data")):
                cursor.execute(
                    f"select coalesce(sum(octet_length({column})), 0) from {table} "
                    "where space = %s",
                    (space,),
                )
                total += int(_one(cursor)[0])
        return total

    # --- a whole space at once (library copy) --------------------------------------------

    def dump(self, space: str) -> SpaceRecord:
        with self._transaction() as cursor:
            cursor.execute("select stem from sets where space = %s order by stem", (space,))
            sets = tuple(
                SetRecord(stem, _kept(cursor, space, stem)) for (stem,) in cursor.fetchall()
            )
            cursor.execute(
                "select identity, name, deleted_at, who from deleted where space = %s "
                "order by identity",
                (space,),
            )
            deleted = tuple(
                DeletedRecord(identity, name, at, who, _kept(cursor, space, identity))
                for identity, name, at, who in cursor.fetchall()
            )
            cursor.execute(
                "select stem, target from renamed where space = %s order by stem", (space,)
            )
            renamed = tuple((stem, target) for stem, target in cursor.fetchall())
            cursor.execute("select path, data from logos where space = %s order by path", (space,))
            logos = tuple((path, bytes(data)) for path, data in cursor.fetchall())
        return SpaceRecord(space, sets, deleted, renamed, logos)

    def load(self, record: SpaceRecord) -> None:
        space = record.space
        with self._transaction() as cursor:
            _lock_space(cursor, space)
            cursor.execute(
                "select (select count(*) from sets where space = %s) "
                "+ (select count(*) from deleted where space = %s)",
                (space, space),
            )
            if _one(cursor)[0]:
                raise CardkitError(
                    Location(space or "library"),
                    Text(
                        "already holds sets; copy into an empty library",
                        "bevat al sets; kopieer naar een lege bibliotheek",
                    ),
                )
            for kept in record.sets:
                _insert_versions(cursor, space, kept.stem, kept.versions)
                data = kept.versions[-1].data
                card_set = parse_set_text(data, f"{self._name(space, kept.stem)}.yaml")
                cursor.execute(
                    "insert into sets values (%s, %s, %s, %s, %s, %s)",
                    (space, kept.stem, data, digest_of(data), card_set.title, len(card_set.cards)),
                )
            for gone in record.deleted:
                _insert_versions(cursor, space, gone.identity, gone.versions)
                cursor.execute(
                    "insert into deleted values (%s, %s, %s, %s, %s)",
                    (space, gone.identity, gone.name, gone.deleted_at, gone.who),
                )
            for source, target in record.renamed:
                cursor.execute("insert into renamed values (%s, %s, %s)", (space, source, target))
            for path, data in record.logos:
                cursor.execute("insert into logos values (%s, %s, %s)", (space, path, data))


# --- the steps of a change, inside its transaction ------------------------------------------


def _lock_space(cursor: psycopg.Cursor, space: str) -> None:
    """One change of a space's names at a time (create, rename, restore pick free names)."""
    cursor.execute("select pg_advisory_xact_lock(hashtext(%s))", (f"cardkit:{space}",))


def _current(cursor: psycopg.Cursor, space: str, stem: str, lock: bool = False) -> str | None:
    suffix = " for update" if lock else ""
    cursor.execute(f"select digest from sets where space = %s and stem = %s{suffix}", (space, stem))
    row = cursor.fetchone()
    return None if row is None else row[0]


def _free_stem(cursor: psycopg.Cursor, space: str, title: str) -> str:
    """A stem for `title` that no set or kept history of the space uses."""
    base = file_stem(title)
    candidate, number = base, 2
    while True:
        cursor.execute(
            "select 1 from sets where space = %s and stem = %s "
            "union all select 1 from versions where space = %s and owner = %s limit 1",
            (space, candidate, space, candidate),
        )
        if cursor.fetchone() is None:
            return candidate
        candidate = f"{base}-{number}"
        number += 1


def _write(
    cursor: psycopg.Cursor, space: str, stem: str, data: bytes, card_set: CardSet, who: str
) -> None:
    """Make `data` the set's current version and its newest kept one."""
    digest = digest_of(data)
    title, cards = card_set.title, len(card_set.cards)
    cursor.execute(
        "insert into sets values (%s, %s, %s, %s, %s, %s) on conflict (space, stem) do update "
        "set data = excluded.data, digest = excluded.digest, title = excluded.title, "
        "cards = excluded.cards",
        (space, stem, data, digest, title, cards),
    )
    cursor.execute(
        "select number, digest from versions where space = %s and owner = %s "
        "order by number desc limit 1",
        (space, stem),
    )
    newest = cursor.fetchone()
    if newest is not None and newest[1] == digest:
        return
    number = newest[0] + 1 if newest else 1
    cursor.execute(
        "insert into versions values (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (space, stem, number, data, digest, time.time(), who, title, cards),
    )
    cursor.execute(
        "delete from versions where space = %s and owner = %s and number <= %s",
        (space, stem, number - KEEP_VERSIONS),
    )
    cursor.execute("delete from renamed where space = %s and stem = %s", (space, stem))


def _versions(cursor: psycopg.Cursor, space: str, owner: str) -> list[tuple[Version, str]]:
    cursor.execute(
        "select number, saved_at, who, title, cards, digest from versions "
        "where space = %s and owner = %s order by number desc",
        (space, owner),
    )
    return [
        (Version(f"{number:06d}", saved_at, who, title, cards), digest)
        for number, saved_at, who, title, cards, digest in cursor.fetchall()
    ]


def _kept(cursor: psycopg.Cursor, space: str, owner: str) -> tuple[KeptVersion, ...]:
    cursor.execute(
        "select data, saved_at, who from versions where space = %s and owner = %s order by number",
        (space, owner),
    )
    return tuple(KeptVersion(bytes(data), at, who) for data, at, who in cursor.fetchall())


def _insert_versions(
    cursor: psycopg.Cursor, space: str, owner: str, versions: tuple[KeptVersion, ...]
) -> None:
    for number, kept in enumerate(versions, start=1):
        card_set = parse_set_text(kept.data, f"{owner}.yaml")
        cursor.execute(
            "insert into versions values (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                space, owner, number, kept.data, digest_of(kept.data), kept.saved_at,
                kept.who, card_set.title, len(card_set.cards),
            ),
        )  # fmt: skip


def _drop_draft(
    cursor: psycopg.Cursor, space: str, stem: str, draft: tuple[str, str] | None
) -> None:
    """Forget one tab's unsaved edits of a set, inside the change that took them in."""
    if draft is not None:
        person, session = draft
        cursor.execute(
            "delete from drafts where space = %s and person = %s and stem = %s and session = %s",
            (space, _person(person), stem, _session(session)),
        )


def _session(session: str) -> str:
    """A browser tab's token, as the folder store takes it (letters and digits)."""
    if not session.isalnum() or len(session) > 64:
        raise ValueError(f"not a session token: {session!r}")
    return session


def _person(person: str) -> str:
    """A person as drafts are keyed: a hash, as in the folder store's folder names."""
    return hashlib.sha256((person or "iedereen").encode("utf-8")).hexdigest()[:24]


def _one(cursor: psycopg.Cursor) -> tuple:
    """The row a query that always answers one row answered."""
    row = cursor.fetchone()
    assert row is not None, "the query answers one row"
    return row
