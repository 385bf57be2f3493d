"""Saves survive being killed and power cuts (fsyncs in the right order), and two people
saving one set never lose a save unwarned."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from cardkit.library.atomic import atomic_folder, atomic_stream, write_atomic
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


# --- power cuts: what is fsynced, and when ---------------------------------------------------
#
# A rename is atomic but, until its folder is fsynced, not durable; a file's data is not
# durable until the file is fsynced, and it must be before the rename that makes it the
# file, or a power cut can leave the new name on empty blocks. A kill test cannot show
# either, so these tests watch the system calls.


class SystemCalls:
    """The fsyncs, renames and unlinks a process makes, in order: what an fsync flushed (a
    file, with its size then, or a folder) and which file a rename moved (its inode)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple] = []
        real_fsync, real_replace, real_rename = os.fsync, os.replace, os.rename
        real_unlink = os.unlink

        def fsync(fd: int) -> None:
            status = os.fstat(fd)
            kind = "folder" if stat.S_ISDIR(status.st_mode) else "file"
            self.calls.append(("fsync", kind, status.st_ino, status.st_size))
            real_fsync(fd)

        def moving(real: Callable) -> Callable:
            def move(source, target, **options) -> None:
                self.calls.append(("rename", os.stat(source).st_ino, Path(source), Path(target)))
                real(source, target, **options)

            return move

        def unlink(path, **options) -> None:
            self.calls.append(("unlink", Path(path)))
            real_unlink(path, **options)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", moving(real_replace))
        monkeypatch.setattr(os, "rename", moving(real_rename))
        monkeypatch.setattr(os, "unlink", unlink)

    def described(self, *paths: Path) -> list[str]:
        """The calls as words, files and folders named as `paths` are now (an fsync of
        anything else: "fsync other")."""
        names = {path.stat().st_ino: path for path in paths}
        lines = []
        for call in self.calls:
            if call[0] == "fsync":
                _, kind, inode, size = call
                if inode not in names:
                    lines.append("fsync other")
                elif kind == "file":
                    lines.append(f"fsync file {names[inode].name} ({size} bytes)")
                else:
                    lines.append(f"fsync folder {names[inode].name}")
            elif call[0] == "rename":
                lines.append(f"rename to {call[3].name}")
            else:
                lines.append(f"unlink {call[1].name}")
        return lines

    def last_change_in(self, folder: Path) -> int:
        """The index of the last call that added, removed or renamed an entry of `folder`."""
        changes = [
            index
            for index, call in enumerate(self.calls)
            if (call[0] == "unlink" and call[1].parent == folder)
            or (call[0] == "rename" and folder in (call[2].parent, call[3].parent))
        ]
        assert changes, f"nothing in {folder} changed"
        return changes[-1]

    def last_fsync_of(self, folder: Path) -> int:
        inode = folder.stat().st_ino
        syncs = [
            index for index, call in enumerate(self.calls) if call[:3] == ("fsync", "folder", inode)
        ]
        return syncs[-1] if syncs else -1


@pytest.fixture
def system_calls(monkeypatch: pytest.MonkeyPatch) -> SystemCalls:
    return SystemCalls(monkeypatch)


def write_in_pieces(path: Path, data: bytes, durable: bool = True) -> None:
    """atomic_stream as an export uses it: many writes, some still buffered at the end."""
    with atomic_stream(path, durable) as stream:
        for start in range(0, len(data), 1000):
            stream.write(data[start : start + 1000])


WRITERS = [write_atomic, write_in_pieces]


@pytest.mark.parametrize("write", WRITERS, ids=["write_atomic", "atomic_stream"])
def test_a_write_fsyncs_the_data_then_renames_then_fsyncs_the_folder(
    tmp_path: Path, system_calls: SystemCalls, write
) -> None:
    folder = tmp_path / "sets"
    folder.mkdir()
    target = folder / "set.yaml"
    target.write_bytes(b"title: oud\n")
    data = b"x" * 100_000  # more than a stream buffers: an fsync before the flush shows
    write(target, data)
    assert target.read_bytes() == data
    assert system_calls.described(target, folder) == [
        "fsync file set.yaml (100000 bytes)",  # the data, whole, under the temporary name
        "rename to set.yaml",  # over the old file, in one step
        "fsync folder sets",  # the rename itself
    ]


@pytest.mark.parametrize("write", WRITERS, ids=["write_atomic", "atomic_stream"])
def test_a_write_that_need_not_survive_a_power_cut_is_not_fsynced(
    tmp_path: Path, system_calls: SystemCalls, write
) -> None:
    """durable=False (drafts, written on every edit): still one atomic rename."""
    target = tmp_path / "draft.yaml"
    write(target, b"title: concept\n", durable=False)
    assert target.read_bytes() == b"title: concept\n"
    assert system_calls.described(target, tmp_path) == ["rename to draft.yaml"]


def test_a_folder_written_whole_is_fsynced_after_its_files_move_in(
    tmp_path: Path, system_calls: SystemCalls
) -> None:
    output = tmp_path / "plaatjes"
    with atomic_folder(output) as folder:
        for name in ("1-voor.png", "1-achter.png"):
            (folder / name).write_bytes(b"png")
    assert sorted(path.name for path in output.iterdir()) == ["1-achter.png", "1-voor.png"]
    assert system_calls.described(output)[-3:] == [
        "rename to 1-achter.png",
        "rename to 1-voor.png",
        "fsync folder plaatjes",
    ]


CHANGES: dict[str, Callable[[FolderStore, str], None]] = {
    "save": lambda library, name: library.save(name, big_set("B"), library.version(name)),
    "rename": lambda library, name: library.rename(
        name, "Versie C", library.read(name).card_set, library.version(name)
    ),
    "delete": lambda library, name: library.delete(name, library.version(name)),
    "restore": lambda library, name: library.restore(library.deleted()[0].id),
}


def record_change(folder: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> SystemCalls:
    """A set made in `folder` (deleted first, for a restore), then `change` made to it
    with every fsync, rename and unlink recorded."""
    library = FolderStore(folder)
    name = library.create(big_set("A")).name
    if change == "restore":
        library.delete(name, library.version(name))
    calls = SystemCalls(monkeypatch)
    CHANGES[change](library, name)
    return calls


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_of_several_steps_ends_with_its_folder_fsynced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """The set file renamed or removed and the note of the change in progress removed:
    the folder store fsyncs the space's folder after the last of these, so a change that
    returned is not undone by a power cut."""
    folder = tmp_path / "content"
    calls = record_change(folder, monkeypatch, change)
    last_change = calls.last_change_in(folder)
    assert calls.calls[last_change][:2] == ("unlink", folder / ".pending.json")
    assert calls.last_fsync_of(folder) > last_change, "\n".join(calls.described(folder))


@pytest.mark.parametrize("change", ["rename", "delete", "restore"])
def test_a_history_moved_between_folders_is_fsynced_before_the_change_counts_as_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """A rename, delete or restore moves the set's history inside .history and .deleted.
    Those folders are fsynced before the note of the change in progress is removed: a
    power cut after that must not leave a renamed set without its history."""
    folder = tmp_path / "content"
    calls = record_change(folder, monkeypatch, change)
    done = calls.last_change_in(folder)  # the note of the change in progress removed
    assert calls.calls[done][:2] == ("unlink", folder / ".pending.json")
    moved_in = [sub for sub in (folder / ".history", folder / ".deleted") if sub.is_dir()]
    assert moved_in
    for sub in moved_in:
        changed = [
            index
            for index, call in enumerate(calls.calls)
            if call[0] == "rename" and sub in (call[2].parent, call[3].parent)
        ]
        if not changed:
            continue
        fsyncs = [
            index
            for index, call in enumerate(calls.calls)
            if call[:3] == ("fsync", "folder", sub.stat().st_ino)
        ]
        assert any(changed[-1] < index < done for index in fsyncs), "\n".join(
            calls.described(folder, sub)
        )


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
