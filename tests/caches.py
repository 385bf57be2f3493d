"""Forget every cached result of cardkit, for tests that
compare cached output with output made from scratch."""

from __future__ import annotations

import importlib
import pkgutil

import cardkit


def clear_all() -> None:
    """Clear the functools caches of every cardkit module (fonts and layouts included)."""
    for module_info in pkgutil.walk_packages(cardkit.__path__, "cardkit."):
        if module_info.name == "cardkit.__main__":
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
