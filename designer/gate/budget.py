"""What one person (or, without sign-in, one page) may cost the server: a budget of
messages that refills at a steady rate, and a count of open pages. Plain objects with the
clock passed in, so that tests need not wait."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]


@dataclass
class Bucket:
    """Up to `burst` messages at once, then `rate` a second (a token bucket)."""

    burst: float
    rate: float
    clock: Clock = time.monotonic
    tokens: float = field(init=False)
    stamp: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = self.burst
        self.stamp = self.clock()

    def pause(self, cost: float = 1.0) -> float:
        """The seconds until `cost` is there (0: it is there now); takes nothing."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return max(0.0, (cost - self.tokens) / self.rate)

    def take(self, cost: float = 1.0) -> None:
        self.tokens -= cost

    def wait_for(self, cost: float = 1.0) -> float:
        """Take `cost` if it is there and return 0; else the seconds until it will be
        (nothing is taken then: ask again)."""
        pause = self.pause(cost)
        if pause == 0:
            self.take(cost)
        return pause


def wait_for_all(buckets: list[Bucket], cost: float = 1.0) -> float:
    """Take `cost` from every bucket if all have it and return 0; else the seconds until
    the slowest will (nothing is taken then)."""
    pause = max(bucket.pause(cost) for bucket in buckets)
    if pause == 0:
        for bucket in buckets:
            bucket.take(cost)
    return pause


@dataclass
class Budgets:
    """Open pages and message budgets, by whom they count against (a sign-in, an address,
    a page). A budget is forgotten when its last page closes and it is full again."""

    burst: float
    rate: float
    clock: Clock = time.monotonic
    open_pages: dict[str, int] = field(default_factory=dict)
    buckets: dict[str, Bucket] = field(default_factory=dict)

    def open(self, key: str, limit: int) -> bool:
        """Count a new page against `key`, unless `key` already has `limit` open."""
        if self.open_pages.get(key, 0) >= limit:
            return False
        self.open_pages[key] = self.open_pages.get(key, 0) + 1
        return True

    def close(self, key: str) -> None:
        left = self.open_pages.get(key, 0) - 1
        if left > 0:
            self.open_pages[key] = left
            return
        self.open_pages.pop(key, None)
        self._forget_full()

    def bucket(self, key: str) -> Bucket:
        if key not in self.buckets:
            self.buckets[key] = Bucket(self.burst, self.rate, self.clock)
        return self.buckets[key]

    def _forget_full(self) -> None:
        """Drop the budgets of keys with no open page that have refilled: a person who
        comes back later starts full either way, and the table stays small."""
        for key in [key for key in self.buckets if key not in self.open_pages]:
            if self.buckets[key].pause(self.burst) == 0:
                del self.buckets[key]
