"""The folder store: safe names, atomic saves, conflicts, history with who and when, deleted
sets under their own identity, renames that leave a trace, drafts, and changes a killed
writer left half done."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cardkit.errors import CardkitError
from cardkit.library.editing import delete_card, duplicate_card, insert_card, move_card, update_card
from cardkit.library.folder import FolderStore
from cardkit.library.store import KEEP_VERSIONS, SaveConflict
from cardkit.model import Card, CardSet
from cardkit.paths import file_stem
from cardkit.read.sets import load_set
from designer.draft import Draft

LOGO = (Path(__file__).parent / "fixtures" / "sets" / "wijkteam.png").read_bytes()
SET = CardSet(
    "Onze vragen",
    "a6",
    (Card("denk", "Hoe gaat het?"), Card("doe", "Vraag het na."), Card("denk", "Wat nu?")),
)


@pytest.fixture
def library(tmp_path: Path) -> FolderStore:
    return FolderStore(tmp_path / "content")


def on_disk(library: FolderStore, name: str) -> CardSet:
    return load_set(library.root / f"{name}.yaml")


@pytest.mark.parametrize(
    "title, stem",
    [
        ("Gelijkwaardig samenwerken", "gelijkwaardig-samenwerken"),
        ("Één keer “samen”!", "een-keer-samen"),
        ("../../etc/passwd", "etc-passwd"),
        ("CON", "con-set"),
        ("???", "vragenset"),
        ("x" * 200, "x" * 60),
    ],
)
def test_file_names_are_derived_safely(title: str, stem: str) -> None:
    assert file_stem(title) == stem


def test_create_numbers_a_taken_name(library: FolderStore) -> None:
    first, second = library.create(SET), library.create(SET)
    assert (first.name, second.name) == ("onze-vragen", "onze-vragen-2")
    assert on_disk(library, second.name) == SET


def test_save_round_trip_and_no_temporary_files_left(library: FolderStore) -> None:
    stored = library.create(SET)
    changed = update_card(SET, 0, question="Hoe gaat het écht?")
    saved = library.save(stored.name, changed, stored.version)
    assert on_disk(library, stored.name) == changed
    assert saved.version == library.version(stored.name) != stored.version
    assert sorted(p.name for p in library.root.iterdir()) == [
        ".cardkit.lock",
        ".history",
        "onze-vragen.yaml",
    ]
    assert not list(library.root.rglob("*.tmp"))


def test_a_changed_set_is_not_overwritten(library: FolderStore) -> None:
    stored = library.create(SET)
    theirs = update_card(SET, 1, question="Hun versie.")
    library.save(stored.name, theirs, stored.version)
    with pytest.raises(SaveConflict) as caught:
        library.save(stored.name, update_card(SET, 1, question="Mijn versie."), stored.version)
    assert "nothing was overwritten" in caught.value.message()
    assert on_disk(library, stored.name) == theirs


def test_a_deleted_file_is_a_conflict_too(library: FolderStore) -> None:
    stored = library.create(SET)
    (library.root / f"{stored.name}.yaml").unlink()
    with pytest.raises(SaveConflict):
        library.save(stored.name, SET, stored.version)


@pytest.mark.parametrize("name", ["../escape", "a/../b", "/etc/passwd", "UPPER", "a b", ".."])
def test_names_never_leave_the_library(library: FolderStore, name: str) -> None:
    with pytest.raises(CardkitError, match="not the name of a set"):
        library.save(name, SET, "x")
    with pytest.raises(CardkitError, match="not the name of a set"):
        library.read(name)
    assert not list(library.root.parent.rglob("*.yaml"))


def test_rename_moves_the_set_and_leaves_a_trace(library: FolderStore) -> None:
    stored = library.create(SET)
    renamed = library.rename(stored.name, "Andere titel", SET, stored.version)
    assert renamed.name == "andere-titel" and not library.exists(stored.name)
    assert on_disk(library, "andere-titel").title == "Andere titel"
    assert library.fate(stored.name).renamed_to == "andere-titel"


def test_delete_checks_the_version(library: FolderStore) -> None:
    stored = library.create(SET)
    library.save(stored.name, update_card(SET, 0, title="Nieuw"), stored.version)
    with pytest.raises(SaveConflict):
        library.delete(stored.name, stored.version)
    library.delete(stored.name, library.version(stored.name))
    assert not library.exists(stored.name)
    assert library.fate(stored.name).deleted


def test_list_sets_reports_broken_files(library: FolderStore) -> None:
    library.create(SET)
    (library.root / "kapot.yaml").write_text("title: [", encoding="utf-8")
    entries = library.list_sets()
    assert [(e.name, e.cards, bool(e.problem)) for e in entries] == [
        ("kapot", 0, True),
        ("onze-vragen", 3, False),
    ]
    assert "regel 2" in entries[0].problem.nl


def test_a_save_never_writes_a_set_the_loader_would_refuse(library: FolderStore) -> None:
    stored = library.create(SET)
    before = (library.root / "onze-vragen.yaml").read_bytes()
    too_many = CardSet(SET.title, SET.layout, (Card("denk", "Nog een?"),) * 1001)
    with pytest.raises(CardkitError, match="at most 1,000"):
        library.save(stored.name, too_many, stored.version)
    with pytest.raises(CardkitError, match="at most 1,000"):
        library.create(too_many)
    long_title = CardSet("T" * 3000, "a6", SET.cards)
    with pytest.raises(CardkitError, match="at most 200"):
        library.save(stored.name, long_title, stored.version)
    assert (library.root / "onze-vragen.yaml").read_bytes() == before
    assert [p.name for p in library.root.glob("*.yaml")] == ["onze-vragen.yaml"]


# --- files that are not the library's own ----------------------------------------------


def test_links_devices_and_pipes_are_never_read(library: FolderStore, tmp_path: Path) -> None:
    library.create(SET)
    secret = tmp_path / "geheim.yaml"
    secret.write_text("title: Geheim\nlayout: a6\ncards: []\n", encoding="utf-8")
    os.symlink(secret, library.root / "link.yaml")
    os.symlink("/dev/zero", library.root / "nul-apparaat.yaml")
    os.mkfifo(library.root / "pijp.yaml")
    assert [entry.name for entry in library.list_sets()] == ["onze-vragen"]
    for name in ("link", "nul-apparaat", "pijp"):
        refused = r"link to somewhere else|not a plain file"
        with pytest.raises(CardkitError, match=refused) as caught:
            library.read(name)
        assert "Geheim" not in caught.value.message()


@pytest.mark.parametrize("linked", ["noord", "noord/.drafts", "noord/.history", "noord/logos"])
def test_a_team_folder_that_is_a_link_is_never_followed(
    library: FolderStore, tmp_path: Path, linked: str
) -> None:
    """A link in the library (a team folder, or one of its own folders) that points outside
    it: nothing is read or written through it."""
    library.create(SET, space="noord")
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "geheim.yaml").write_text("title: Geheim\nlayout: a6\ncards: []\n")
    target = library.root / linked
    if target.exists():
        os.rename(target, tmp_path / "weg")
    os.symlink(outside, target)
    before = sorted(p.name for p in outside.iterdir())
    attempts = [
        lambda: library.create(SET, space="noord"),
        lambda: library.put_draft("alice", "tab1", "noord/onze-vragen", SET, None),
        lambda: library.save_logo("noord", "logo.png", LOGO),
    ]
    if linked == "noord":
        attempts += [lambda: library.list_sets("noord"), lambda: library.read("noord/geheim")]
    refusals = 0
    for attempt in attempts:  # each is refused, or does not touch the linked folder
        try:
            attempt()
        except CardkitError as error:
            assert "is a link, not a folder of this library" in error.message("en")
            refusals += 1
    assert refusals >= (5 if linked == "noord" else 1)
    assert sorted(p.name for p in outside.iterdir()) == before
    assert ("noord" in library.spaces()) == (linked != "noord")


# --- edits and the designer's draft -------------------------------------------------------


def questions(card_set: CardSet) -> list[str]:
    return [card.question for card in card_set.cards]


def test_card_operations_return_new_sets() -> None:
    assert questions(insert_card(SET, 1)) == ["Hoe gaat het?", "", "Vraag het na.", "Wat nu?"]
    assert questions(duplicate_card(SET, 0))[:2] == ["Hoe gaat het?", "Hoe gaat het?"]
    assert questions(delete_card(SET, 1)) == ["Hoe gaat het?", "Wat nu?"]
    moved, index = move_card(SET, 0, 1)
    assert (questions(moved), index) == (["Vraag het na.", "Hoe gaat het?", "Wat nu?"], 1)
    assert move_card(SET, 0, -1)[1] == 0  # clamped at the top
    assert questions(SET) == ["Hoe gaat het?", "Vraag het na.", "Wat nu?"]


def test_draft_tracks_unsaved_changes_and_selection(library: FolderStore) -> None:
    draft = Draft.of(library.create(SET))
    assert not draft.unsaved
    draft = draft.select(2).duplicate_card()
    assert draft.selected == 3 and draft.unsaved
    draft = draft.move_card(-3)
    assert draft.selected == 0 and draft.card == Card("denk", "Wat nu?")
    draft = draft.stored(library.save(draft.name, draft.card_set, draft.version))
    assert not draft.unsaved
    assert on_disk(library, draft.name) == draft.card_set


def test_drafts_are_kept_per_person_set_and_tab(library: FolderStore) -> None:
    stored = library.create(SET)
    mine = update_card(SET, 0, question="Mijn halve vraag")
    other_tab = update_card(SET, 1, question="In een ander venster")
    library.put_draft("ann@example.org", "tab1", stored.name, mine, stored.version)
    library.put_draft("ann@example.org", "tab2", stored.name, other_tab, stored.version)
    kept = library.drafts_of("ann@example.org", stored.name)
    assert [(d.session, d.card_set, d.base) for d in kept] == [
        ("tab2", other_tab, stored.version),  # the newest first; neither overwrote the other
        ("tab1", mine, stored.version),
    ]
    assert library.drafts_of("bob@example.org", stored.name) == []
    assert library.draft_names("ann@example.org") == {stored.name}
    assert on_disk(library, stored.name) == SET  # a draft is never the set itself
    library.drop_draft("ann@example.org", "tab1", stored.name)
    assert [d.session for d in library.drafts_of("ann@example.org", stored.name)] == ["tab2"]


# --- history ----------------------------------------------------------------------------


def test_the_last_versions_are_kept_with_who_and_when(library: FolderStore) -> None:
    stored = library.create(SET, who="ann@example.org")
    for round_number in range(1, 14):
        changed = update_card(SET, 0, question=f"Versie {round_number}?")
        stored = library.save(stored.name, changed, stored.version, who=f"p{round_number}@x.nl")
    kept = library.history(stored.name)
    assert len(kept) == KEEP_VERSIONS - 1  # the current version is the tenth
    assert kept[0].who == "p12@x.nl" and kept[0].saved_at > 0
    card_set = library.read_version(stored.name, kept[0].id)
    assert card_set.cards[0].question == "Versie 12?"
    assert on_disk(library, stored.name).cards[0].question == "Versie 13?"


def test_a_renamed_set_keeps_its_history(library: FolderStore) -> None:
    stored = library.create(SET)
    stored = library.save(stored.name, update_card(SET, 0, title="Eerst"), stored.version)
    renamed = library.rename(stored.name, "Nieuwe naam", stored.card_set, stored.version)
    assert [v.cards for v in library.history(renamed.name)] == [3, 3]


def test_a_deleted_set_keeps_its_own_identity(library: FolderStore) -> None:
    stored = library.create(SET)
    library.save(stored.name, update_card(SET, 0, question="Tweede?"), stored.version)
    library.delete(stored.name, library.version(stored.name), who="ann@example.org")
    new = library.create(SET)  # the same title again
    assert new.name != stored.name or library.history(new.name) == []
    for round_number in range(12):  # more saves than a history keeps
        changed = update_card(new.card_set, 0, hint=f"Ronde {round_number}")
        new = library.save(new.name, changed, new.version)
    [gone] = library.deleted()
    assert (gone.title, gone.cards, gone.who) == ("Onze vragen", 3, "ann@example.org")
    restored = library.restore(gone.id)
    assert restored.card_set.cards[0].question == "Tweede?"
    assert [v.cards for v in library.history(restored.name)] == [3]  # its own history came along
    assert library.deleted() == []
    assert restored.name != new.name


def test_temporary_files_of_a_killed_writer_are_cleaned_up(library: FolderStore) -> None:
    stored = library.create(SET)
    (library.root / ".onze-vragen.yaml.abc123.tmp").write_text("half", encoding="utf-8")
    history = library.root / ".history" / "onze-vragen"
    (history / ".000009.yaml.abc.tmp").write_text("half", encoding="utf-8")
    library.save(stored.name, update_card(SET, 0, title="x"), stored.version)
    assert not list(library.root.rglob("*.tmp"))


@pytest.mark.parametrize("step", ["before the move", "after the file moved"])
def test_a_rename_a_killed_writer_left_is_finished(library: FolderStore, step: str) -> None:
    stored = library.create(SET)
    change = {"op": "rename", "from": stored.name, "to": "nieuw"}
    (library.root / ".pending.json").write_text(json.dumps(change), encoding="utf-8")
    if step == "after the file moved":
        os.rename(library.root / "onze-vragen.yaml", library.root / "nieuw.yaml")
    library.create(CardSet("Iets anders", "a6", (Card("denk", "?"),)))  # the next writer
    assert [e.name for e in library.list_sets()] == ["iets-anders", "nieuw"]
    assert library.history("nieuw") == [] and (library.root / ".history" / "nieuw").is_dir()
    assert library.fate(stored.name).renamed_to == "nieuw"


def test_a_delete_a_killed_writer_left_is_finished(library: FolderStore) -> None:
    stored = library.create(SET)
    note = {"name": stored.name, "deleted_at": 1.0, "who": ""}
    change = {"op": "delete", "stem": stored.name, "id": "onze-vragen~1", "note": note}
    (library.root / ".pending.json").write_text(json.dumps(change), encoding="utf-8")
    library.create(CardSet("Iets anders", "a6", (Card("denk", "?"),)))
    assert [e.name for e in library.list_sets()] == ["iets-anders"]
    assert [gone.title for gone in library.deleted()] == ["Onze vragen"]


def test_an_odd_file_is_listed_with_its_problem_and_hides_nothing(library: FolderStore) -> None:
    """A set whose key is a list (once an unexpected error for every visitor)."""
    library.create(SET)
    (library.root / "aaa-vreemd.yaml").write_text("title: x\n? [a, b]\n: c\n", encoding="utf-8")
    entries = {entry.name: entry for entry in library.list_sets()}
    assert "a key must be a name" in entries["aaa-vreemd"].problem.en
    assert any(entry.problem is None for entry in entries.values())
