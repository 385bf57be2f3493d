"""Where the house style, fonts and example sets live; how file names are made and shown."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from cardkit.limits import MAX_NAME_LENGTH

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS_DIR = ROOT / "layouts"
FONTS_DIR = ROOT / "fonts"
CONTENT_DIR = ROOT / "content"
# Names Windows reserves: a file called CON.yaml cannot be copied to a Windows share.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}


def display_path(path: Path) -> str:
    """Name a file the way a user recognises it: relative to the project or the working dir."""
    resolved = path.resolve()
    for base in (Path.cwd(), ROOT):
        try:
            return resolved.relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


def file_stem(title: str) -> str:
    """A safe, readable file name for a title: 'Één keer “samen”!' -> 'een-keer-samen'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_NAME_LENGTH]
    stem = stem.strip("-") or "vragenset"
    return f"{stem}-set" if stem in _RESERVED else stem
