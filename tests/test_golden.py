"""The display lists of the example sets, kept as reviewed golden files.

After an intended layout change: `make golden` (or `pytest tests/test_golden.py
--regen-golden`), then review the diff of tests/golden/ like code.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from cardkit.deck import open_deck
from cardkit.layout.card import lay_out_set
from cardkit.output.layout_json import pages_to_dict
from tests.helpers import EXAMPLE_SETS, GOLDEN_DIR


def display_list_json(path: Path) -> str:
    loaded = open_deck(path)
    pages = lay_out_set(loaded.card_set, loaded.layout)
    document = pages_to_dict(pages, set=loaded.card_set.title, layout=loaded.layout.name)
    return reviewable_json(document) + "\n"


def reviewable_json(value: Any, indent: str = "") -> str:
    """JSON with one line per text line, shape and box, so diffs read like a review."""
    if not isinstance(value, dict | list) or _flat(value):
        return json.dumps(value, ensure_ascii=False)
    inner = indent + "  "
    if isinstance(value, list):
        items = [inner + reviewable_json(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    items = [
        f"{inner}{json.dumps(key, ensure_ascii=False)}: {reviewable_json(item, inner)}"
        for key, item in value.items()
    ]
    return "{\n" + ",\n".join(items) + "\n" + indent + "}"


def _flat(value: dict[str, Any] | list[Any]) -> bool:
    members = value.values() if isinstance(value, dict) else value
    return all(
        not isinstance(m, dict | list) or (isinstance(m, list) and _flat(m)) for m in members
    )


@pytest.mark.parametrize("path", EXAMPLE_SETS, ids=lambda p: p.stem)
def test_display_list_matches_golden(path: Path, regen_golden: bool) -> None:
    golden = GOLDEN_DIR / f"{path.stem}.json"
    actual = display_list_json(path)
    if regen_golden:
        golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"rewrote {golden.name}")
    assert golden.exists(), f"no golden file: run make golden and review {golden}"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), "golden", "actual", lineterm="", n=2
        )
        pytest.fail("display list changed:\n" + "\n".join(list(diff)[:60]))
