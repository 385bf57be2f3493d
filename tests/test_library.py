"""The library of sets: safe names, atomic saves, conflicts, rename and delete."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardkit.errors import CardkitError
from cardkit.library import store
from cardkit.library.editing import delete_card, duplicate_card, insert_card, move_card, update_card
from cardkit.model import Card, CardSet
from cardkit.paths import file_stem
from cardkit.read.sets import load_set
from designer.draft import Draft

SET = CardSet(
    "Onze vragen",
    "a6",
    (Card("denk", "Hoe gaat het?"), Card("doe", "Vraag het na."), Card("denk", "Wat nu?")),
)


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


def test_create_numbers_a_taken_name(tmp_path: Path) -> None:
    first, _ = store.create_set(tmp_path, SET)
    second, _ = store.create_set(tmp_path, SET)
    assert (first.name, second.name) == ("onze-vragen.yaml", "onze-vragen-2.yaml")
    assert load_set(second) == SET


def test_save_round_trip_and_no_temporary_files_left(tmp_path: Path) -> None:
    path, stamp = store.create_set(tmp_path, SET)
    changed = update_card(SET, 0, question="Hoe gaat het écht?")
    new_stamp = store.save_set(tmp_path, path, changed, stamp)
    assert load_set(path) == changed
    assert new_stamp == store.fingerprint(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        store.LOCK_NAME,
        store.HISTORY_FOLDER,
        "onze-vragen.yaml",
    ]
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_changed_file_is_not_overwritten(tmp_path: Path) -> None:
    path, stamp = store.create_set(tmp_path, SET)
    theirs = update_card(SET, 1, question="Hun versie.")
    store.save_set(tmp_path, path, theirs, stamp)
    mine = update_card(SET, 1, question="Mijn versie.")
    with pytest.raises(store.SaveConflict) as caught:
        store.save_set(tmp_path, path, mine, stamp)
    assert "nothing was overwritten" in caught.value.message()
    assert load_set(path) == theirs


def test_a_deleted_file_is_a_conflict_too(tmp_path: Path) -> None:
    path, stamp = store.create_set(tmp_path, SET)
    path.unlink()
    with pytest.raises(store.SaveConflict):
        store.save_set(tmp_path, path, SET, stamp)


def test_saves_stay_inside_the_library(tmp_path: Path) -> None:
    inside = tmp_path / "content"
    inside.mkdir()
    with pytest.raises(CardkitError, match="only written inside the library"):
        store.save_set(inside, tmp_path / "elsewhere.yaml", SET, None)
    with pytest.raises(CardkitError):
        store.save_set(inside, inside / ".." / "escape.yaml", SET, None)
    assert not (tmp_path / "escape.yaml").exists()


def test_rename_moves_the_file_and_changes_the_title(tmp_path: Path) -> None:
    path, stamp = store.create_set(tmp_path, SET)
    new_path, renamed, _ = store.rename_set(tmp_path, path, SET, "Andere titel", stamp)
    assert new_path.name == "andere-titel.yaml" and not path.exists()
    assert load_set(new_path) == renamed and renamed.title == "Andere titel"


def test_delete_checks_the_version(tmp_path: Path) -> None:
    path, stamp = store.create_set(tmp_path, SET)
    store.save_set(tmp_path, path, update_card(SET, 0, title="Nieuw"), stamp)
    with pytest.raises(store.SaveConflict):
        store.delete_set(tmp_path, path, stamp)
    store.delete_set(tmp_path, path, store.fingerprint(path))
    assert not path.exists()


def test_list_sets_reports_broken_files(tmp_path: Path) -> None:
    store.create_set(tmp_path, SET)
    (tmp_path / "kapot.yaml").write_text("title: [", encoding="utf-8")
    entries = store.list_sets(tmp_path)
    assert [(e.name, e.cards, bool(e.problem)) for e in entries] == [
        ("kapot", 0, True),
        ("onze-vragen", 3, False),
    ]
    assert "regel 2" in entries[0].problem.nl


# --- edits -------------------------------------------------------------------------------


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


def test_draft_tracks_unsaved_changes_and_selection(tmp_path: Path) -> None:
    path, _ = store.create_set(tmp_path, SET)
    draft = Draft.open(path)
    assert not draft.unsaved
    draft = draft.select(2).duplicate_card()
    assert draft.selected == 3 and draft.unsaved
    draft = draft.move_card(-3)
    assert draft.selected == 0 and draft.card == Card("denk", "Wat nu?")
    draft = draft.save(tmp_path)
    assert not draft.unsaved
    assert load_set(path) == draft.card_set


# --- history ----------------------------------------------------------------------------


def test_every_save_keeps_the_version_it_replaces(tmp_path: Path) -> None:
    path, stamp = store.create_set(tmp_path, SET)
    for round_number in range(1, 14):
        changed = update_card(SET, 0, question=f"Versie {round_number}?")
        stamp = store.save_set(tmp_path, path, changed, stamp)
    kept = store.versions(tmp_path, path)
    assert len(kept) == store.KEEP_VERSIONS
    assert load_set(kept[0].path).cards[0].question == "Versie 12?"  # the one replaced last
    assert load_set(path).cards[0].question == "Versie 13?"


def test_a_deleted_set_can_be_brought_back(tmp_path: Path) -> None:
    path, stamp = store.create_set(tmp_path, SET)
    store.delete_set(tmp_path, path, stamp)
    assert not path.exists()
    [gone] = store.deleted_sets(tmp_path)
    assert (gone.title, gone.cards) == ("Onze vragen", 3)
    restored, card_set, _ = store.restore_deleted(tmp_path, gone)
    assert restored == path and load_set(restored) == SET == card_set
    assert store.deleted_sets(tmp_path) == []


def test_a_renamed_set_keeps_its_history(tmp_path: Path) -> None:
    path, stamp = store.create_set(tmp_path, SET)
    stamp = store.save_set(tmp_path, path, update_card(SET, 0, title="Eerst"), stamp)
    new_path, _, _ = store.rename_set(tmp_path, path, load_set(path), "Nieuwe naam", stamp)
    assert [v.cards for v in store.versions(tmp_path, new_path)] == [3, 3]


def test_temporary_files_of_a_killed_writer_are_cleaned_up(tmp_path: Path) -> None:
    path, stamp = store.create_set(tmp_path, SET)
    (tmp_path / ".onze-vragen.yaml.abc123.tmp").write_text("half", encoding="utf-8")
    store.save_set(tmp_path, path, SET, stamp)
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_a_save_never_writes_a_set_the_loader_would_refuse(tmp_path: Path) -> None:
    path, stamp = store.create_set(tmp_path, SET)
    before = path.read_bytes()
    too_many = CardSet(SET.title, SET.layout, (Card("denk", "Nog een?"),) * 1001)
    with pytest.raises(CardkitError, match="at most 1,000"):
        store.save_set(tmp_path, path, too_many, stamp)
    with pytest.raises(CardkitError, match="at most 1,000"):
        store.create_set(tmp_path, too_many)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == [path.name]
