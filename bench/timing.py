"""Median wall-clock times of repeated runs, for the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

K = TypeVar("K")


def median_seconds(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def interleaved_medians(actions: Mapping[K, Callable[[], object]], runs: int) -> dict[K, float]:
    """Median seconds of each action, the actions run in turns: a busy spell on a shared
    machine slows them all, so their ratios hold."""
    timings: dict[K, list[float]] = {key: [] for key in actions}
    for _ in range(runs):
        for key, action in actions.items():
            start = time.perf_counter()
            action()
            timings[key].append(time.perf_counter() - start)
    return {key: statistics.median(values) for key, values in timings.items()}


def median_pair(
    action: Callable[[], object], floor: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Medians of an action and its floor, run in turns."""
    medians = interleaved_medians({"action": action, "floor": floor}, runs)
    return medians["action"], medians["floor"]
