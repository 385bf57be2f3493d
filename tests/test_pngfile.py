"""The fast PNG writer: any reader gets back the exact pixels, and the dpi."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image

from cardkit.deck import open_deck
from cardkit.output.export import card_png
from cardkit.render.png import render_page
from cardkit.render.pngfile import encode_png
from tests.helpers import EXAMPLE_SETS


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_a_card_reads_back_pixel_for_pixel(mode: str) -> None:
    page = next(open_deck(EXAMPLE_SETS[0]).pages())
    image = render_page(page, 120).convert(mode)
    if mode == "RGBA":
        image.putalpha(Image.linear_gradient("L").resize(image.size))
    decoded = Image.open(io.BytesIO(encode_png(image, 120)))
    assert decoded.mode == mode and decoded.size == image.size
    assert decoded.tobytes() == image.tobytes()
    assert decoded.info["dpi"] == pytest.approx((120, 120), abs=0.0254)  # whole pixels per metre


def test_every_chunk_carries_a_valid_checksum() -> None:
    data = card_png(open_deck(EXAMPLE_SETS[0]), 1, "front", dpi=60)
    position, kinds = 8, []
    while position < len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        checksum = int.from_bytes(data[position + 8 + length : position + 12 + length], "big")
        assert zlib.crc32(kind + body) == checksum, kind
        kinds.append(kind)
        position += 12 + length
    assert kinds == [b"IHDR", b"pHYs", b"IDAT", b"IEND"]


def test_no_dpi_means_no_physical_size() -> None:
    decoded = Image.open(io.BytesIO(encode_png(Image.new("RGB", (3, 2), (250, 200, 0)))))
    assert "dpi" not in decoded.info and decoded.getpixel((2, 1)) == (250, 200, 0)


def test_other_modes_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match="RGB or RGBA images, not P"):
        encode_png(Image.new("P", (2, 2)))
