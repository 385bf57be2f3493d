"""Which library to use: the store named on the command line, else CARDKIT_CONTENT_DIR,
else the `content/` folder beside the code."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from cardkit.library.folder import FolderStore
from cardkit.paths import CONTENT_DIR


def default_location() -> str:
    return os.environ.get("CARDKIT_CONTENT_DIR") or str(CONTENT_DIR)


@lru_cache(maxsize=8)
def open_store(location: str) -> FolderStore:
    """The store at `location`: a folder."""
    return FolderStore(Path(location))
