"""Which library to use: the store named on the command line, else CARDKIT_DATABASE_URL
(a PostgreSQL database), else CARDKIT_CONTENT_DIR (a folder), else the `content/` folder
beside the code."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cardkit.library.folder import FolderStore
from cardkit.paths import CONTENT_DIR

if TYPE_CHECKING:
    from cardkit.library.postgres import PostgresStore

    Store = FolderStore | PostgresStore

DATABASE_SCHEMES = ("postgresql://", "postgres://")


def default_location() -> str:
    return (
        os.environ.get("CARDKIT_DATABASE_URL")
        or os.environ.get("CARDKIT_CONTENT_DIR")
        or str(CONTENT_DIR)
    )


def is_database(location: str) -> bool:
    return location.startswith(DATABASE_SCHEMES)


@lru_cache(maxsize=8)
def open_store(location: str) -> Store:
    """The store at `location`: a database address, or a folder. One per process, so a
    database store keeps one connection pool."""
    if is_database(location):
        from cardkit.library.postgres import PostgresStore  # psycopg only where it is used

        return PostgresStore(location)
    return FolderStore(Path(location))
