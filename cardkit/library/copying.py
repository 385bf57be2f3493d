"""A whole library from one store to another (folder to database, back, or between
databases): every space with its sets, their history, deleted sets, renames and logos.
Drafts stay behind: they are a person's unsaved edits on one server."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cardkit.library.location import Store


def copy_library(source: Store, target: Store) -> list[str]:
    """Copy every space of `source` into `target`, which holds no sets in those spaces
    (nothing is overwritten). Returns the spaces copied."""
    spaces = source.spaces()
    records = [source.dump(space) for space in spaces]
    for record in records:
        target.load(record)
    return spaces
