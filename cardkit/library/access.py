"""The library as one person may use it: every operation checks the acting person against
the space it touches (a team's folder, or the examples in the library's root) before the
store is asked, and a team's sets, logos and history stay within its caps. Whatever the
designer shows or hides, nothing of another team is read or changed through this."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cardkit.errors import CardkitError, Location, Text, nl_number
from cardkit.library.folder import split_deleted_id
from cardkit.library.store import (
    DeletedSet,
    Fate,
    SetEntry,
    StoredDraft,
    StoredSet,
    Version,
    check_name,
)
from cardkit.library.teams import EXAMPLES, Actor
from cardkit.limits import MAX_SETS_PER_TEAM, MAX_TEAM_BYTES
from cardkit.model import CardSet

if TYPE_CHECKING:
    from cardkit.library.location import Store


class Refused(CardkitError):
    """The acting person may not do this in this space."""


@dataclass(frozen=True)
class TeamLibrary:
    """`store` as seen by `actor`. `team_names` maps each team's space to its name (every
    team in the teams file; without sign-in only the root, as one team)."""

    store: Store
    actor: Actor
    team_names: dict[str, str] = field(default_factory=lambda: {EXAMPLES: ""})

    # --- which spaces ----------------------------------------------------------------

    def work_spaces(self) -> list[str]:
        """The teams this person works in, in the order of the teams file."""
        return [space for space in self.team_names if self.actor.can_write(space)]

    def may_change(self, name: str) -> bool:
        return self.actor.can_write(_space(name))

    # --- reading -----------------------------------------------------------------------

    def list_sets(self, space: str = EXAMPLES) -> list[SetEntry]:
        return self.store.list_sets(self._readable(space))

    def read(self, name: str) -> StoredSet:
        return self.store.read(self._readable_name(name))

    def version(self, name: str) -> str | None:
        return self.store.version(self._readable_name(name))

    def exists(self, name: str) -> bool:
        return self.store.exists(self._readable_name(name))

    def history(self, name: str) -> list[Version]:
        return self.store.history(self._readable_name(name))

    def read_version(self, name: str, version_id: str) -> CardSet:
        return self.store.read_version(self._readable_name(name), version_id)

    def fate(self, name: str) -> Fate:
        return self.store.fate(self._readable_name(name))

    def logo_folder(self, name: str) -> Path:
        return self.store.logo_folder(self._readable_name(name))

    def space_dir(self, space: str) -> Path:
        return self.store.space_dir(self._readable(space))

    # --- writing -----------------------------------------------------------------------

    def create(self, card_set: CardSet, space: str = EXAMPLES, who: str = "") -> StoredSet:
        self._writable(space)
        self._room_for(space, new_sets=1)
        return self.store.create(card_set, space, self._who(who))

    def save(
        self, name: str, card_set: CardSet, expected: str | None, who: str = "", session: str = ""
    ) -> StoredSet:
        """Save; the unsaved edits of this person's tab `session` go in the same step."""
        space = self._writable(_space(name))
        self._room_for(space)
        return self.store.save(name, card_set, expected, self._who(who), self._draft(session))

    def rename(
        self,
        name: str,
        title: str,
        card_set: CardSet,
        expected: str | None,
        who: str = "",
        session: str = "",
    ) -> StoredSet:
        space = self._writable(_space(name))
        self._room_for(space)
        draft = self._draft(session)
        return self.store.rename(name, title, card_set, expected, self._who(who), draft)

    def delete(self, name: str, expected: str | None, who: str = "", session: str = "") -> None:
        self._writable(_space(name))
        self.store.delete(name, expected, self._who(who), self._draft(session))

    def deleted(self, space: str = EXAMPLES) -> list[DeletedSet]:
        return self.store.deleted(self._writable(space))

    def restore(self, deleted_id: str, who: str = "") -> StoredSet:
        space = self._writable(split_deleted_id(deleted_id)[0])
        self._room_for(space, new_sets=1)
        return self.store.restore(deleted_id, self._who(who))

    def save_logo(self, space: str, file_name: str, data: bytes) -> str:
        self._writable(space)
        self._room_for(space, new_bytes=len(data))
        return self.store.save_logo(space, file_name, data)

    # --- drafts: always the acting person's own --------------------------------------

    def put_draft(
        self, person: str, session: str, name: str, card_set: CardSet, base: str | None
    ) -> None:
        space = self._readable(_space(name))
        if space != EXAMPLES or self.actor.can_write(space):
            self._room_for(space)
        self.store.put_draft(self._own(person), session, name, card_set, base)

    def drafts_of(self, person: str, name: str) -> list[StoredDraft]:
        return self.store.drafts_of(self._own(person), self._readable_name(name))

    def drop_draft(self, person: str, session: str, name: str) -> None:
        self.store.drop_draft(self._own(person), session, self._readable_name(name))

    def draft_names(self, person: str, space: str = EXAMPLES) -> set[str]:
        return self.store.draft_names(self._own(person), self._readable(space))

    def recover(self, space: str = EXAMPLES) -> None:
        self.store.recover(self._readable(space))

    # --- the checks ------------------------------------------------------------------

    def _readable(self, space: str) -> str:
        return self._check(space, self.actor.can_read)

    def _readable_name(self, name: str) -> str:
        self._readable(_space(name))
        return name

    def _writable(self, space: str) -> str:
        return self._check(space, self.actor.can_write)

    def _check(self, space: str, allowed: Callable[[str], bool]) -> str:
        if allowed(space):
            return space
        if space == EXAMPLES:
            problem = Text(
                "only a programme admin changes the examples; copy it into your team",
                "alleen een beheerder van het programma wijzigt de voorbeelden; "
                "kopieer de set naar je team",
            )
        else:
            problem = Text(
                "belongs to a team you are not in", "hoort bij een team waar je niet in zit"
            )
        raise Refused(Location(self.team_names.get(space) or space or "voorbeelden"), problem)

    def _own(self, person: str) -> str:
        if person != self.actor.who:
            raise Refused(
                Location(person),
                Text("only your own drafts", "alleen je eigen niet-opgeslagen wijzigingen"),
            )
        return person

    def _draft(self, session: str) -> tuple[str, str] | None:
        """The acting person's draft in tab `session`, for a change that takes it in."""
        return (self.actor.who, session) if session else None

    def _who(self, who: str) -> str:
        """Who the history names: the acting person, whatever the caller says."""
        return self.actor.name or who or self.actor.who

    def _room_for(self, space: str, new_sets: int = 0, new_bytes: int = 0) -> None:
        """Refuse a change that would take a team past its caps (the examples have none:
        only an admin writes there)."""
        if space == EXAMPLES:
            return
        # Counted only when a set is added: a draft is written on every committed edit.
        sets = len(self.store.list_sets(space)) if new_sets else 0
        if new_sets and sets + new_sets > MAX_SETS_PER_TEAM:
            raise Refused(
                Location(self.team_names.get(space, space)),
                Text(
                    f"the team has {sets:,} sets, the most a team can keep; delete one first",
                    f"het team heeft {nl_number(sets)} sets, het hoogste aantal voor een team; "
                    "verwijder er eerst een",
                ),
            )
        used = self.store.usage(space)
        if used + new_bytes > MAX_TEAM_BYTES:
            megabytes = MAX_TEAM_BYTES // (1024 * 1024)
            raise Refused(
                Location(self.team_names.get(space, space)),
                Text(
                    f"the team's space is full ({megabytes} MB); delete sets or logos first",
                    f"de ruimte van het team is vol ({megabytes} MB); verwijder eerst sets "
                    "of logo's",
                ),
            )


def _space(name: str) -> str:
    return check_name(name)[0]
