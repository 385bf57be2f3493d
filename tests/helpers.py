"""Paths and small helpers shared by the tests."""

from __future__ import annotations

import re
from pathlib import Path

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
