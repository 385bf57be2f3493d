"""Paths and small helpers shared by the tests."""

from __future__ import annotations

from pathlib import Path

from cardkit.paths import CONTENT_DIR

TESTS_DIR = Path(__file__).resolve().parent
FIXTURE_LAYOUTS = TESTS_DIR / "fixtures" / "layouts"
FIXTURE_SETS = TESTS_DIR / "fixtures" / "sets"
GOLDEN_DIR = TESTS_DIR / "golden"
OUTPUT_DIR = TESTS_DIR / "output"  # images left behind by failing comparisons
EXAMPLE_SETS = sorted(CONTENT_DIR.glob("*.yaml"))
LOGO_SET = FIXTURE_SETS / "met-logo.yaml"
HARD_SET = FIXTURE_SETS / "moeilijk.yaml"
