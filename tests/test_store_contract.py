"""The library's promises, held by both stores: the folder store and the PostgreSQL store
(a real server, started by the tests). Saves, history with who and when, conflicts,
renames, deletes and restores, drafts, logos, and a whole library copied from one store
to the other and back without a loss."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardkit.errors import CardkitError
from cardkit.library.store import SaveConflict
from cardkit.model import Card, CardSet
from tests.helpers import TESTS_DIR

LOGO = (TESTS_DIR / "fixtures" / "sets" / "wijkteam.png").read_bytes()


def a_set(title: str = "Onze vragen", question: str = "Hoe gaat het?") -> CardSet:
    return CardSet(title, "a6", (Card("denk", question), Card("doe", "Vraag het na.")))


def test_a_set_is_created_read_and_listed(any_store) -> None:
    stored = any_store.create(a_set(), space="noord", who="alice")
    assert stored.name == "noord/onze-vragen"
    assert any_store.read(stored.name).card_set == a_set()
    assert any_store.version(stored.name) == stored.version
    assert any_store.exists(stored.name) and not any_store.exists("noord/anders")
    assert [entry.name for entry in any_store.list_sets("noord")] == ["noord/onze-vragen"]
    assert any_store.list_sets("") == []
    again = any_store.create(a_set(), space="noord")
    assert again.name == "noord/onze-vragen-2"  # a taken name is never overwritten


def test_a_save_from_a_stale_version_is_refused(any_store) -> None:
    first = any_store.create(a_set())
    mine = any_store.save(first.name, a_set(question="Van mij?"), first.version, "alice")
    with pytest.raises(SaveConflict):
        any_store.save(first.name, a_set(question="Van jou?"), first.version, "bob")
    with pytest.raises(SaveConflict):
        any_store.delete(first.name, first.version, "bob")
    assert any_store.read(first.name).card_set.cards[0].question == "Van mij?"
    assert any_store.version(first.name) == mine.version


def test_the_last_ten_versions_are_kept_with_who(any_store) -> None:
    stored = any_store.create(a_set(question="Versie 0?"), who="alice")
    for number in range(1, 13):
        stored = any_store.save(
            stored.name, a_set(question=f"Versie {number}?"), stored.version, f"p{number}"
        )
    earlier = any_store.history(stored.name)
    assert len(earlier) == 9  # ten kept, the current one among them
    assert earlier[0].who == "p11"
    back = any_store.read_version(stored.name, earlier[0].id)
    assert back.cards[0].question == "Versie 11?"


def test_a_rename_keeps_history_and_leaves_a_trace(any_store) -> None:
    stored = any_store.create(a_set(question="Eerst?"), space="zuid")
    stored = any_store.save(stored.name, a_set(question="Dan?"), stored.version)
    renamed = any_store.rename(stored.name, "Nieuwe naam", stored.card_set, stored.version, "bob")
    assert renamed.name == "zuid/nieuwe-naam"
    assert not any_store.exists(stored.name)
    assert any_store.fate(stored.name).renamed_to == "zuid/nieuwe-naam"
    assert [v.cards for v in any_store.history(renamed.name)] == [2, 2]


def test_a_deleted_set_comes_back_with_its_history_and_keeps_its_identity(any_store) -> None:
    stored = any_store.create(a_set(question="Oud?"))
    stored = any_store.save(stored.name, a_set(question="Nieuwer?"), stored.version)
    any_store.delete(stored.name, stored.version, "carol")
    assert any_store.fate(stored.name).deleted
    fresh = any_store.create(a_set(question="Een nieuwe set, dezelfde titel?"))
    assert any_store.history(fresh.name) == []  # never the deleted set's history
    [gone] = any_store.deleted()
    assert (gone.title, gone.who, gone.cards) == ("Onze vragen", "carol", 2)
    back = any_store.restore(gone.id, "carol")
    assert back.card_set.cards[0].question == "Nieuwer?"
    assert back.name != fresh.name
    assert len(any_store.history(back.name)) == 1
    assert any_store.deleted() == []


def test_drafts_are_kept_per_person_and_tab(any_store) -> None:
    stored = any_store.create(a_set())
    any_store.put_draft("alice", "tab1", stored.name, a_set(question="Tab 1?"), stored.version)
    any_store.put_draft("alice", "tab2", stored.name, a_set(question="Tab 2?"), stored.version)
    any_store.put_draft("bob", "tab1", stored.name, a_set(question="Van Bob?"), stored.version)
    mine = any_store.drafts_of("alice", stored.name)
    assert [d.card_set.cards[0].question for d in mine] == ["Tab 2?", "Tab 1?"]
    assert any_store.draft_names("alice") == {stored.name}
    any_store.drop_draft("alice", "tab2", stored.name)
    assert [d.session for d in any_store.drafts_of("alice", stored.name)] == ["tab1"]


def test_a_save_takes_in_the_savers_draft_in_the_same_step(any_store) -> None:
    """A crash between a save and its clean-up once left the saved edits behind as a
    draft, offered later as unsaved work against a newer version."""
    stored = any_store.create(a_set())
    for step in ("save", "rename", "delete"):
        any_store.put_draft("alice", "tab1", stored.name, a_set(question="Mijn?"), stored.version)
        any_store.put_draft("alice", "tab2", stored.name, a_set(question="Ander?"), stored.version)
        if step == "save":
            stored = any_store.save(
                stored.name, a_set(question="Mijn?"), stored.version, "alice", ("alice", "tab1")
            )
        elif step == "rename":
            old = stored.name
            stored = any_store.rename(
                old, "Nieuw", stored.card_set, stored.version, "alice", ("alice", "tab1")
            )
            any_store.drop_draft("alice", "tab2", old)
            continue
        else:
            any_store.delete(stored.name, stored.version, "alice", ("alice", "tab1"))
        assert [d.session for d in any_store.drafts_of("alice", stored.name)] == ["tab2"]
        any_store.drop_draft("alice", "tab2", stored.name)


def test_a_person_keeps_a_bounded_number_of_drafts(any_store, monkeypatch) -> None:
    """The examples' space too: anyone signed in can type in an example."""
    import cardkit.library.folder
    import cardkit.library.postgres
    from cardkit.errors import CardkitError

    for module in (cardkit.library.folder, cardkit.library.postgres):
        monkeypatch.setattr(module, "MAX_DRAFTS_PER_PERSON", 3)
    names = [any_store.create(a_set(f"Set {n}")).name for n in range(4)]
    for name in names[:3]:
        any_store.put_draft("mallory", "tab1", name, a_set(question="Vol?"), None)
    any_store.put_draft("mallory", "tab1", names[0], a_set(question="Nog eens?"), None)  # kept
    with pytest.raises(CardkitError) as refused:
        any_store.put_draft("mallory", "tab1", names[3], a_set(question="Te veel?"), None)
    assert "sla er eerst een paar op of gooi ze weg" in refused.value.message("nl")
    any_store.put_draft("alice", "tab1", names[3], a_set(question="Van Alice?"), None)
    assert any_store.draft_names("mallory") == set(names[:3])


def test_drafts_untouched_for_thirty_days_are_thrown_away(any_store, monkeypatch) -> None:
    import time as clock

    stored = any_store.create(a_set())
    any_store.put_draft("bob", "tab1", stored.name, a_set(question="Vergeten?"), None)
    later = clock.time() + 31 * 24 * 3600
    monkeypatch.setattr(clock, "time", lambda: later)
    other = any_store.create(a_set("Ander"))
    any_store.put_draft("alice", "tab1", other.name, a_set(question="Vers?"), None)
    assert any_store.drafts_of("bob", stored.name) == []
    assert [d.session for d in any_store.drafts_of("alice", other.name)] == ["tab1"]


@pytest.mark.parametrize("session", ["../x y", "a/b", "", "x" * 65])
def test_a_draft_of_a_tab_that_is_no_tab_is_refused(any_store, session: str) -> None:
    stored = any_store.create(a_set())
    with pytest.raises(ValueError):
        any_store.put_draft("alice", session, stored.name, a_set(), None)
    assert any_store.draft_names("alice") == set()


def test_a_sign_out_counts_everywhere_until_it_expires(any_store) -> None:
    import time as clock

    from cardkit.errors import CardkitError

    ended, other = "a" * 32, "b" * 32
    assert not any_store.signed_out(ended)
    any_store.sign_out(ended, clock.time() + 3600)
    assert any_store.signed_out(ended) and not any_store.signed_out(other)
    any_store.sign_out(other, clock.time() - 1)  # long expired: forgotten at the next sign-out
    any_store.sign_out("c" * 32, clock.time() + 3600)
    assert not any_store.signed_out(other) and any_store.signed_out(ended)
    for odd in ("../../etc/passwd", "A" * 32, "a" * 31, ""):
        with pytest.raises(CardkitError):
            any_store.sign_out(odd, clock.time() + 60)
        with pytest.raises(CardkitError):
            any_store.signed_out(odd)


def test_a_logo_is_kept_with_its_space(any_store) -> None:
    path = any_store.save_logo("noord", "Ons logo.png", LOGO)
    assert path.startswith("logos/ons-logo-")
    assert (any_store.space_dir("noord") / path).read_bytes() == LOGO
    assert any_store.usage("noord") >= len(LOGO)


@pytest.mark.parametrize("space", ["../../outside", "..", "/tmp/abs", "a/../..", "noord/../.."])
def test_a_logo_never_goes_outside_the_library(any_store, tmp_path, space: str) -> None:
    """The space a store is handed is checked by the shared rule (check_space) in both."""
    before = sorted(str(path) for path in tmp_path.rglob("*"))
    with pytest.raises(CardkitError):
        any_store.save_logo(space, "Ons logo.png", LOGO)
    assert sorted(str(path) for path in tmp_path.rglob("*")) == before
    assert not list(Path("/tmp").glob("abs/logos/ons-logo-*"))


def test_a_library_is_copied_between_stores_without_a_loss(any_store, tmp_path, postgres) -> None:
    """Folder to database to folder (or database to folder to database): the same."""
    from cardkit.library.copying import copy_library
    from cardkit.library.folder import FolderStore
    from cardkit.library.postgres import PostgresStore

    stored = any_store.create(a_set(question="Een?"), who="alice")
    any_store.save(stored.name, a_set(question="Twee?"), stored.version, "bob")
    team = any_store.create(a_set("Van het team"), space="noord", who="carol")
    renamed = any_store.rename(team.name, "Hernoemd", team.card_set, team.version, "carol")
    gone = any_store.create(a_set("Weg"), space="noord")
    any_store.delete(gone.name, gone.version, "dirk")
    any_store.save_logo("noord", "logo.png", LOGO)

    other = (
        PostgresStore(postgres.new_database())
        if isinstance(any_store, FolderStore)
        else FolderStore(tmp_path / "kopie")
    )
    back = (
        type(any_store)(tmp_path / "terug")
        if isinstance(any_store, FolderStore)
        else (PostgresStore(postgres.new_database()))
    )
    copy_library(any_store, other)
    copy_library(other, back)
    for space in ("", "noord"):
        assert back.dump(space) == any_store.dump(space)
        assert other.dump(space) == any_store.dump(space)
    assert back.read(renamed.name).card_set.title == "Hernoemd"


# --- several processes at once, and a process killed mid-save -------------------------------


@pytest.fixture(params=["folder", "postgres"])
def location(request: pytest.FixtureRequest, tmp_path) -> str:
    """Where a library is, as a process is told: a folder, or a database address."""
    if request.param == "folder":
        return str(tmp_path / "library")
    return request.getfixturevalue("postgres").new_database()


def saver(location: str, name: str, marker: str, rounds: int, barrier, results) -> None:
    """One process: read the set, save its own text on top of what it read, `rounds` times."""
    from cardkit.library.location import open_store

    store = open_store(location)
    barrier.wait()
    for turn in range(rounds):
        stored = store.read(name)
        text = f"{marker}, ronde {turn}?"
        try:
            saved = store.save(name, a_set(question=text), stored.version, marker)
            results.put((name, "saved", stored.version, saved.version))
        except SaveConflict:
            results.put((name, "conflict", stored.version, ""))
        except Exception as error:
            results.put((name, "failed", repr(error), ""))


def test_eight_processes_saving_never_lose_a_save_unwarned(location: str) -> None:
    """Four processes save one set, four save a set each, all at once: every save lands or
    is refused as a conflict; the saves that landed form one unbroken line of versions."""
    import multiprocessing

    from cardkit.library.location import open_store

    store = open_store(location)
    shared = store.create(a_set("Gedeeld"))
    own = [store.create(a_set(f"Eigen {n}")) for n in range(4)]
    jobs = [(shared.name, f"gedeeld {n}") for n in range(4)] + [(s.name, "eigen") for s in own]
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(jobs)), context.Queue()
    rounds = 5
    workers = [
        context.Process(target=saver, args=(location, name, marker, rounds, barrier, results))
        for name, marker in jobs
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=240) for _ in range(len(jobs) * rounds)]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert not [o for o in outcomes if o[1] == "failed"], outcomes
    for entry in own:
        assert [o[1] for o in outcomes if o[0] == entry.name] == ["saved"] * rounds
    landed = [
        (before, after)
        for name, how, before, after in outcomes
        if name == shared.name and how == "saved"
    ]
    befores = [before for before, _ in landed]
    assert len(set(befores)) == len(befores)  # no two saves on top of the same version
    chain, version = {before: after for before, after in landed}, shared.version
    while version in chain:
        version = chain.pop(version)
    assert not chain  # every save that landed is in the line
    assert store.version(shared.name) == version


KILLED_SAVER = """
import sys
from cardkit.library.location import open_store
from cardkit.model import Card, CardSet
store = open_store(sys.argv[1])
name = sys.argv[2]
print("ready", flush=True)
turn = 0
while True:
    question = f"Versie {turn}? " + "Hoe voelt het om samen te werken? " * 40
    cards = tuple(Card("denk", question) for _ in range(200))
    store.save(name, CardSet("Gedood", "a6", cards), store.version(name), "saver")
    turn += 1
"""


def test_a_process_killed_while_saving_leaves_a_whole_set(location: str) -> None:
    import random
    import signal
    import subprocess
    import sys
    import time

    from cardkit.library.location import open_store
    from cardkit.paths import ROOT

    store = open_store(location)
    stored = store.create(a_set("Gedood"))
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    for _ in range(8):
        process = subprocess.Popen(
            [sys.executable, "-c", KILLED_SAVER, location, stored.name],
            stdout=subprocess.PIPE, env=env, cwd=ROOT,
        )  # fmt: skip
        assert process.stdout.readline().strip() == b"ready"
        time.sleep(random.uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = store.read(stored.name)  # parses: the set is whole
        history = store.history(stored.name)
        assert all(version.title == "Gedood" for version in history)
        assert store.version(stored.name) == now.version
    assert store.save(stored.name, a_set("Gedood"), store.version(stored.name), "na")
