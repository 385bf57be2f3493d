"""Paths and small helpers shared by the tests."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
FIXTURE_LAYOUTS = TESTS_DIR / "fixtures" / "layouts"
FIXTURE_SETS = TESTS_DIR / "fixtures" / "sets"
GOLDEN_DIR = TESTS_DIR / "golden"
OUTPUT_DIR = TESTS_DIR / "output"  # images left behind by failing comparisons
# Copies of the example sets in content/: tests never read the live library, where the
# designer saves (a team's set there must not change what the tests see).
EXAMPLE_SETS = sorted((TESTS_DIR / "fixtures" / "examples").glob("*.yaml"))
LOGO_SET = FIXTURE_SETS / "met-logo.yaml"
HARD_SET = FIXTURE_SETS / "moeilijk.yaml"


def shown(markdown: str) -> str:
    """What Markdown with escaped punctuation shows (the designer escapes people's text)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


# A teams file with three teams, a member of two teams, members by domain and an admin:
# for the library's access tests and the sign-in tests in Chromium.
TEAMS_FILE = """\
admins: [coordinator@example.org]
teams:
  noord:
    name: Wijkteam Noord
    members: [alice@example.org, "*@noord.example.org"]
  zuid:
    name: Wijkteam Zuid
    members: [bob@example.org, alice@example.org]
  west:
    name: Wijkteam West
    members: [carol@example.org]
"""


def example_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library folder holding copies of the example sets, made the designer's library."""
    folder = tmp_path / "content"
    folder.mkdir()
    for path in EXAMPLE_SETS:
        shutil.copy(path, folder / path.name)
    monkeypatch.setenv("CARDKIT_CONTENT_DIR", str(folder))
    return folder
