"""The fast PNG writer: any reader gets back the exact pixels, and the dpi."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image

from cardkit.deck import open_deck
from cardkit.output.export import card_png, write_pngs
from cardkit.render.png import render_page
from cardkit.render.pngfile import FAST_LEVEL, LEVEL, encode_png
from tests.helpers import EXAMPLE_SETS


@pytest.mark.parametrize("level", [LEVEL, FAST_LEVEL])
@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_a_card_reads_back_pixel_for_pixel(mode: str, level: int) -> None:
    page = next(open_deck(EXAMPLE_SETS[0]).pages())
    image = render_page(page, 120).convert(mode)
    if mode == "RGBA":
        image.putalpha(Image.linear_gradient("L").resize(image.size))
    decoded = Image.open(io.BytesIO(encode_png(image, 120, level=level)))
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
    assert kinds == [b"IHDR", b"pHYs", b"iTXt", b"IDAT", b"IEND"]  # the text before the pixels


def test_no_dpi_means_no_physical_size() -> None:
    decoded = Image.open(io.BytesIO(encode_png(Image.new("RGB", (3, 2), (250, 200, 0)))))
    assert "dpi" not in decoded.info and decoded.getpixel((2, 1)) == (250, 200, 0)


def test_other_modes_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match="RGB or RGBA images, not P"):
        encode_png(Image.new("P", (2, 2)))


# --- the description: the card's words travel with the image -------------------------

WORDS = "Doekaartje\nZeeëend – “samen” 🙂 مرحبا\nWanneer: bij een besluit"


def test_a_description_is_stored_as_utf8_text_that_readers_find() -> None:
    image = Image.new("RGB", (3, 2), (250, 200, 0))
    data = encode_png(image, 72, WORDS)
    decoded = Image.open(io.BytesIO(data))
    assert decoded.text == {"Description": WORDS}  # Pillow reads iTXt as text
    assert decoded.info["dpi"] == pytest.approx((72, 72), abs=0.0254)
    assert decoded.getpixel((2, 1)) == (250, 200, 0)
    assert b"iTXt" not in encode_png(image, 72)  # no description, no chunk


def test_same_input_same_bytes_with_a_description() -> None:
    image = Image.new("RGB", (40, 30), (29, 101, 119))
    assert encode_png(image, 300, WORDS) == encode_png(image.copy(), 300, WORDS)
    assert encode_png(image, 300, "") == encode_png(image, 300)


def test_a_card_png_is_described_by_the_words_on_it() -> None:
    deck = open_deck(EXAMPLE_SETS[0])
    card = deck.card_set.cards[0]
    front = Image.open(io.BytesIO(card_png(deck, 1, "front", dpi=30))).text["Description"]
    assert front.splitlines() == [
        "Denkkaartje",  # as written: the card sets it in capitals, a reader need not
        card.title,
        card.question,
        card.hint,
        f"Wanneer: {card.moment}",
        deck.card_set.title,
        f"1/{len(deck.card_set.cards)}",
    ]
    back = Image.open(io.BytesIO(card_png(deck, 1, "back", dpi=30))).text["Description"]
    assert back.splitlines() == ["Denkkaartje", deck.card_set.title, deck.card_set.link]


def test_every_exported_side_carries_its_own_words(tmp_path) -> None:
    """The backs of a kind are drawn once, but a denk back never says Doekaartje."""
    deck = open_deck(EXAMPLE_SETS[0])
    labels = {"denk": "Denkkaartje", "doe": "Doekaartje"}
    for page in write_pngs(deck, tmp_path, ("front", "back"), dpi=20):
        card = deck.card_set.cards[page.card - 1]
        name = f"card-{page.card:02d}{'-back' if page.side == 'back' else ''}.png"
        text = Image.open(tmp_path / name).text["Description"]
        assert text == deck.side_text(page.card, page.side)
        if page.side == "back":
            assert text == f"{labels[card.kind]}\n{deck.card_set.title}\n{deck.card_set.link}"
        else:
            assert text.startswith(f"{labels[card.kind]}\n") and card.question in text
