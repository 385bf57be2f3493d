"""Where the house style, fonts and example sets live, and how file names are shown."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS_DIR = ROOT / "layouts"
FONTS_DIR = ROOT / "fonts"
CONTENT_DIR = ROOT / "content"


def display_path(path: Path) -> str:
    """Name a file the way a user recognises it: relative to the project or the working dir."""
    resolved = path.resolve()
    for base in (Path.cwd(), ROOT):
        try:
            return resolved.relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)
