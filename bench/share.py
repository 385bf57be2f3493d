"""Benchmark of the share outputs: time and size of every preset's images, the share
bundle and the e-mail PDF, for one set. `python -m bench.run` prints it after its
main table (share images have no floor: most of their time is the exact palette
conversion and maximum compression that keep them small)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path

from bench.timing import median_seconds
from cardkit.deck import open_deck
from cardkit.output.share import PRESETS, email_pdf, encode, share_bundle, share_image

ShareRow = tuple[str, float, float, float]  # what, ms each, median KB, largest KB


def share_rows(set_path: Path, runs: int) -> list[ShareRow]:
    deck = open_deck(set_path)
    numbers = range(1, len(deck.card_set.cards) + 1)
    rows = []
    for name, preset in PRESETS.items():
        for image_format in ("png", "jpeg"):
            sizes = [len(encode(share_image(deck, n, preset), image_format)) for n in numbers]

            def make(preset=preset, image_format=image_format) -> None:
                for n in numbers:
                    encode(share_image(deck, n, preset), image_format)

            ms = median_seconds(make, runs) * 1000 / len(numbers)
            kb = [size / 1024 for size in sizes]
            rows.append((f"{name} {image_format.upper()}", ms, statistics.median(kb), max(kb)))
    for name, build in (("share bundle (ZIP)", share_bundle), ("e-mail PDF", email_pdf)):
        size = len(build(deck)) / 1024
        ms = median_seconds(lambda build=build: build(deck), runs) * 1000
        rows.append((name, ms, size, size))
    return rows


def format_share_table(set_name: str, rows: Sequence[ShareRow]) -> str:
    lines = [
        f"share outputs of {set_name} (each on one core; no floor)",
        f"{'output':<22} {'ms each':>8} {'KB median':>10} {'KB max':>8}",
        "-" * 51,
    ]
    lines += [f"{n:<22} {ms:8.0f} {kb:10.0f} {most:8.0f}" for n, ms, kb, most in rows]
    return "\n".join(lines)
