"""Median wall-clock times of repeated runs, for the benchmarks, and the one allocator
setting every benchmarked process runs with."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

K = TypeVar("K")

# glibc's malloc, fixed for every process of a benchmark (cardkit's and its floor's, their
# children and worker processes): large blocks (a 300 dpi card image is 9 MB) come from
# the heap and the heap is not handed back to the system after each image. With the
# defaults, whether a process gives its heap back after every image and faults it in
# again depends on what else it happens to hold: in a fresh process the floor did, and
# spent a third of its time in page faults that are no work of drawing; cardkit did not.
# With them, cardkit's CPU time and peak memory measured the same as without.
SAME_ALLOCATOR = {"MALLOC_MMAP_THRESHOLD_": "33554432", "MALLOC_TRIM_THRESHOLD_": "268435456"}


def with_same_allocator() -> None:
    """Restart this process with SAME_ALLOCATOR unless it runs with it already (glibc reads
    it at start-up); the processes it starts inherit it."""
    if any(os.environ.get(name) != value for name, value in SAME_ALLOCATOR.items()):
        os.execve(sys.executable, sys.orig_argv, {**os.environ, **SAME_ALLOCATOR})


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
