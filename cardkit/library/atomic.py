"""Write files so that a reader never sees half of one: temporary file, fsync, rename; and
folders of files that appear whole or not at all."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace `path` with `data` in one step; on any failure the old file stays as it was.
    `durable=False` skips the fsyncs: the file still survives a killed process (the rename
    is atomic), not a power cut; for what is rewritten on every keystroke (drafts)."""
    with atomic_stream(path, durable) as stream:
        stream.write(data)


@contextlib.contextmanager
def atomic_stream(path: Path, durable: bool = True) -> Iterator[BinaryIO]:
    """A stream that replaces `path` when the block ends without error: for output too
    large to hold in memory. On any failure the old file stays as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private; give it the mode the file had, or the usual one.
        os.fchmod(handle, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    if durable:
        _fsync_directory(path.parent)


@contextlib.contextmanager
def atomic_folder(directory: Path) -> Iterator[Path]:
    """A temporary folder beside `directory` to write into. When the block ends without
    error, its files move into `directory` (made if needed); on any failure none of them
    stays behind, and `directory` is as it was."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(
        tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=".tmp", dir=directory.parent)
    )
    try:
        yield temporary
        directory.mkdir(exist_ok=True)
        for item in sorted(temporary.iterdir()):
            os.replace(item, directory / item.name)
        _fsync_directory(directory)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


@contextlib.contextmanager
def replacing_folder(directory: Path) -> Iterator[Path]:
    """A temporary folder beside `directory` to write into. When the block ends without
    error, it takes the place of `directory` whole (what was in it is gone: for outputs
    such as a website, where a file left from before would be stale); on any failure
    `directory` is as it was and nothing else stays behind."""
    directory = directory.resolve()  # a symbolic link to a folder keeps pointing at it
    directory.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(
        tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=".tmp", dir=directory.parent)
    )
    old: Path | None = None
    try:
        yield temporary
        # mkdtemp makes the folder private; give it the mode the folder had, or the usual one.
        os.chmod(temporary, directory.stat().st_mode & 0o777 if directory.is_dir() else 0o755)
        if directory.exists():
            old = Path(
                tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=".old", dir=directory.parent)
            )
            os.replace(directory, old)  # onto an empty folder: allowed, and atomic
        try:
            os.replace(temporary, directory)
        except BaseException:
            if old is not None:
                os.replace(old, directory)
                old = None
            raise
        _fsync_directory(directory.parent)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
