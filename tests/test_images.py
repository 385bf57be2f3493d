"""Logos: found beside the set, checked before use, refused with a clear message."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from cardkit.errors import CardkitError, Location
from cardkit.limits import MAX_IMAGE_PIXELS
from cardkit.read.images import check_image, resolve_logo

WHERE = Location("set.yaml")


def png(size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 60, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_good_logo(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(png((300, 100)))
    logo = resolve_logo(tmp_path, "logo.png", WHERE)
    assert (logo.width, logo.height, logo.aspect) == (300, 100, 3.0)


def test_a_logo_outside_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(png((10, 10)))
    inner = tmp_path / "content"
    inner.mkdir()
    with pytest.raises(CardkitError) as caught:
        resolve_logo(inner, "../logo.png", WHERE)
    assert caught.value.message() == 'set.yaml: "../logo.png" lies outside the folder of the set'


def test_a_missing_logo(tmp_path: Path) -> None:
    with pytest.raises(CardkitError, match=re.escape('no image file "weg.png"')):
        resolve_logo(tmp_path, "weg.png", WHERE)


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"dit is tekst", "is not a usable image (unreadable)"),
        (png((10, 10))[:60], "is not a usable image (unreadable)"),
    ],
)
def test_broken_images(data: bytes, expected: str) -> None:
    with pytest.raises(CardkitError, match=re.escape(expected)):
        check_image(data, "x.png", WHERE)


def test_a_gif_is_not_accepted() -> None:
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, format="GIF")
    with pytest.raises(CardkitError, match=r"\(a GIF file\); use a PNG, JPEG or WebP file"):
        check_image(buffer.getvalue(), "x.gif", WHERE)


def test_a_decompression_bomb_is_refused_before_it_is_decoded() -> None:
    # A 30,000 x 30,000 PNG header: tiny on disk, 900 million pixels when decoded.
    bomb = _bomb_header()
    with pytest.raises(CardkitError) as caught:
        check_image(bomb, "bom.png", WHERE)
    assert "too many pixels" in caught.value.message()
    assert f"{MAX_IMAGE_PIXELS:,}" in caught.value.message()


def _bomb_header() -> bytes:
    """A valid PNG signature and header claiming 30,000 x 30,000 pixels, and no image data."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
