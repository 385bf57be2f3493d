"""Saves survive being killed, and two people saving one set never lose a save unwarned."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from cardkit.library.folder import FolderStore
from cardkit.model import Card, CardSet
from cardkit.paths import ROOT
from cardkit.read.sets import load_set, set_to_yaml

KILLS = 20  # for each writer

# Two writers that save two versions in turn as fast as they can. One saves the way the
# designer does (serialise, check the fingerprint under the lock, keep the old version,
# write); the other only writes ready-made bytes, so nearly every kill lands mid-write.
SAVING_WRITER = """
import sys
from pathlib import Path
from cardkit.library.folder import FolderStore
from cardkit.read.sets import load_set, set_to_yaml
folder, target, first, second = (Path(arg) for arg in sys.argv[1:5])
library = FolderStore(folder)
versions = [load_set(first), load_set(second)]
print("ready", flush=True)
turn = 0
while True:
    library.save(target.stem, versions[turn % 2], library.version(target.stem))
    turn += 1
"""
# Renames a set back and forth between two titles: file, history and trace move each time.
RENAMING_WRITER = """
import sys
from pathlib import Path
from cardkit.library.folder import FolderStore
folder = Path(sys.argv[1])
library = FolderStore(folder)
print("ready", flush=True)
while True:
    [entry] = library.list_sets()
    stored = library.read(entry.name)
    title = "Versie B" if stored.card_set.title == "Versie A" else "Versie A"
    library.rename(entry.name, title, stored.card_set, stored.version)
"""
BYTES_WRITER = """
import sys
from pathlib import Path
from cardkit.library.atomic import write_atomic
folder, target, first, second = (Path(arg) for arg in sys.argv[1:5])
versions = [first.read_bytes(), second.read_bytes()]
print("ready", flush=True)
turn = 0
while True:
    write_atomic(target, versions[turn % 2])
    turn += 1
"""


def big_set(marker: str) -> CardSet:
    """About 0.6 MB of YAML: big enough that a kill often lands in the middle of a write."""
    question = f"{marker}: " + " ".join(["Hoe voelt het om samen te werken met bewoners?"] * 30)
    cards = tuple(Card("denk" if i % 2 else "doe", question) for i in range(400))
    return CardSet(f"Versie {marker}", "a6", cards)


@pytest.mark.parametrize("writer_code", [SAVING_WRITER, BYTES_WRITER], ids=["save", "write"])
def test_a_killed_save_leaves_the_old_or_the_new_version(tmp_path: Path, writer_code) -> None:
    folder = tmp_path / "content"
    first, second = big_set("A"), big_set("B")
    sources = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for source, card_set in zip(sources, (first, second), strict=True):
        source.write_text(set_to_yaml(card_set), encoding="utf-8")
    library = FolderStore(folder)
    target = folder / f"{library.create(first).name}.yaml"
    seen = set()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", writer_code, str(folder), str(target), *map(str, sources)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert writer.stdout.readline().strip() == b"ready"
        threading.Event().wait(random.uniform(0.0, 0.6))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        on_disk = load_set(target)  # complete and valid, never half written
        assert on_disk in (first, second)
        seen.add(on_disk.title)
    assert seen == {"Versie A", "Versie B"}, "the kills should land between different saves"
    library.save(target.stem, first, library.version(target.stem))
    assert not list(folder.rglob(".*.tmp")), "leftovers of killed writers are cleaned up"
    assert sorted(p.name for p in folder.glob("*.yaml")) == [target.name]
    if writer_code == SAVING_WRITER:  # the other one bypasses the store and its history
        assert library.history(target.stem), "the history survived the kills"


def test_a_killed_rename_leaves_one_set_with_its_history(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    library = FolderStore(folder)
    start = library.create(big_set("A"))
    library.save(start.name, big_set("A"), start.version)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    titles = set()
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", RENAMING_WRITER, str(folder)], stdout=subprocess.PIPE, env=env
        )
        assert writer.stdout.readline().strip() == b"ready"
        threading.Event().wait(random.uniform(0.0, 0.6))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        library.recover()  # what any writer does first: finish what was left
        [entry] = library.list_sets()  # one set, never two, never none
        titles.add(entry.title)
        assert load_set(folder / f"{entry.name}.yaml").title == entry.title
        assert library.history(entry.name) or len(list((folder / ".history").iterdir())) == 1
    assert titles == {"Versie A", "Versie B"}
    assert not list(folder.rglob(".*.tmp"))
    assert library.deleted() == []


# --- two people, one set --------------------------------------------------------------------


def session(folder: str, set_name: str, text: str, barrier, results) -> None:
    """One person in the designer: open a set, change card 1, wait for the others, save."""
    os.environ["CARDKIT_CONTENT_DIR"] = folder
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "designer_app.py"), default_timeout=120).run()
    app.selectbox(key="set-choice").set_value(set_name).run()
    app.text_area(key="edit-question").set_value(text).run()
    barrier.wait(timeout=120)  # everybody has opened the set before anybody saves
    app.button(key="save").click().run()
    errors = [element.value for element in app.error]
    if any("nadat jij hem opende" in warning.value for warning in app.warning):
        app.button(key="save-copy").click().run()
        copy = app.session_state["draft"].name
        results.put((text, "copy", copy))
    elif not app.exception and not errors:
        results.put((text, "saved", ""))
    else:
        results.put((text, "failed", repr(errors or app.exception)))


@pytest.mark.parametrize("round_number", range(3))
def test_simultaneous_sessions_never_lose_a_save_unwarned(tmp_path: Path, round_number) -> None:
    folder = tmp_path / "content"
    shared = CardSet("Gedeeld", "a6", (Card("denk", "Hoe begin je?"), Card("doe", "Vraag het.")))
    own = [CardSet(f"Eigen {n}", "a6", (Card("denk", "Wat doe jij?"),)) for n in range(2)]
    library = FolderStore(folder)
    shared_path = folder / f"{library.create(shared).name}.yaml"
    own_paths = [folder / f"{library.create(card_set).name}.yaml" for card_set in own]
    jobs = [(shared_path.stem, f"Ronde {round_number}, persoon {n}?") for n in range(4)]
    jobs += [(path.stem, f"Eigen vraag {n}?") for n, path in enumerate(own_paths)]
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(jobs))
    results = context.Queue()
    workers = [
        context.Process(target=session, args=(str(folder), name, text, barrier, results))
        for name, text in jobs
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=240)
        assert worker.exitcode == 0
    outcomes = {text: (how, where) for text, how, where in (results.get() for _ in jobs)}
    assert not [text for text, (how, _) in outcomes.items() if how == "failed"], outcomes

    # Everyone who opened the shared set before anyone saved: one save wins, the others
    # are warned and keep their version as a copy. Nothing is lost.
    shared_texts = [text for name, text in jobs if name == shared_path.stem]
    winners = [text for text in shared_texts if outcomes[text][0] == "saved"]
    assert len(winners) == 1
    assert load_set(shared_path).cards[0].question == winners[0]
    for text in shared_texts:
        if text not in winners:
            how, copy = outcomes[text]
            assert how == "copy"
            assert load_set(folder / f"{copy}.yaml").cards[0].question == text
    # People editing different sets do not get in each other's way.
    for path, (_, text) in zip(own_paths, jobs[4:], strict=True):
        assert outcomes[text][0] == "saved"
        assert load_set(path).cards[0].question == text
    assert replace(load_set(shared_path), cards=load_set(shared_path).cards[1:]) == replace(
        shared, cards=shared.cards[1:]
    )
