"""Median wall-clock times of repeated runs, for the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def median_pair(
    action: Callable[[], object], floor: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Medians of an action and its floor, run in turns: a busy spell on a shared machine
    slows both, so their ratio holds."""
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for timing, measured in zip(timings, (action, floor), strict=True):
            start = time.perf_counter()
            measured()
            timing.append(time.perf_counter() - start)
    return statistics.median(timings[0]), statistics.median(timings[1])
