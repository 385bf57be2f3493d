"""Logos: found beside the set, checked before use, refused with a clear message."""

from __future__ import annotations

import io
import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile, PngImagePlugin

from cardkit.deck import open_deck
from cardkit.display import ImageItem, Page
from cardkit.errors import CardkitError, Location
from cardkit.limits import MAX_IMAGE_PIXELS
from cardkit.output.preview import PREVIEW_DPI, card_preview
from cardkit.read.images import check_image, resolve_logo
from cardkit.render.png import render_page

WHERE = Location("set.yaml")
RED, BLUE = (220, 30, 30), (30, 30, 220)


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
    return png_from_header(30_000, 30_000)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_from_header(width: int, height: int, between: bytes = b"") -> bytes:
    """A PNG signature, a valid header (8-bit RGB), `between` and the end chunk."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + between + png_chunk(b"IEND", b"")


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if Pillow reads past the header (verify walks the chunks, load
    decodes the pixels)."""

    def decoded(*args: object, **kwargs: object) -> None:
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decoded)
    monkeypatch.setattr(PngImagePlugin.PngImageFile, "verify", decoded)


@pytest.mark.parametrize(
    "between",
    [b"", png_chunk(b"IDAT", zlib.compress(bytes(1000)))],
    ids=["header only", "header and the first rows"],
)
def test_cardkits_own_pixel_limit_refuses_a_logo_before_decoding(
    tmp_path: Path, no_decoding: None, between: bytes
) -> None:
    """6,000 x 5,000 = 30 MP: over cardkit's limit and under Pillow's, which would decode it
    (in 90 MB of memory). Refused on the header, with cardkit's message; the file's few
    bytes of image data are never decoded."""
    pixels = 6000 * 5000
    assert MAX_IMAGE_PIXELS < pixels < Image.MAX_IMAGE_PIXELS  # Pillow lets this one through
    (tmp_path / "groot.png").write_bytes(png_from_header(6000, 5000, between))
    with pytest.raises(CardkitError) as caught:
        resolve_logo(tmp_path, "groot.png", WHERE)
    assert caught.value.message() == (
        'set.yaml: "groot.png" has too many pixels (30,000,000); at most 25,000,000'
    )
    assert caught.value.message("nl") == (
        'set.yaml: "groot.png" heeft te veel pixels (30.000.000); hoogstens 25.000.000'
    )


@pytest.mark.parametrize(
    "between",
    [b"", png_chunk(b"tEXt", b"Title\x00Logo")],
    ids=["header then end", "header, text, end"],
)
def test_a_png_logo_with_a_header_and_no_image_data(tmp_path: Path, between: bytes) -> None:
    (tmp_path / "leeg.png").write_bytes(png_from_header(400, 300, between))
    with pytest.raises(CardkitError) as caught:
        resolve_logo(tmp_path, "leeg.png", WHERE)
    assert caught.value.message() == (
        'set.yaml: "leeg.png" is not a usable image: the PNG file has a header but no image '
        "data; save the logo again"
    )
    assert caught.value.message("nl") == (
        'set.yaml: "leeg.png" is geen bruikbare afbeelding: het PNG-bestand heeft een kop maar '
        "geen beeldgegevens; sla het logo opnieuw op"
    )


def test_an_uploaded_logo_is_named_by_its_location() -> None:
    """An upload's location is the file itself: the message does not name it twice."""
    with pytest.raises(CardkitError) as caught:
        check_image(png_from_header(400, 300), "leeg.png", Location("leeg.png"))
    assert caught.value.message().startswith("leeg.png: is not a usable image: the PNG file")


# --- a logo changed in place -------------------------------------------------------------


def uniform_png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def print_colour(set_file: Path) -> tuple[int, ...]:
    """The colour in the middle of the logo on the back, as the print PNG draws it."""
    page = open_deck(set_file).page(1, "back")
    dpi = 100
    x, y = _logo_centre(page)
    return render_page(page, dpi).getpixel((round(x * dpi / 25.4), round(y * dpi / 25.4)))


def preview_colour(set_file: Path) -> tuple[int, ...]:
    """The same, as the designer's cached preview of the back shows it (trimmed)."""
    deck = open_deck(set_file)
    card_set = deck.card_set
    png, page = card_preview(
        card_set.cards[0], 1, len(card_set.cards), card_set.title, card_set.link,
        card_set.layout, "back", logo=deck.logo,
    )  # fmt: skip
    x, y = _logo_centre(page)
    scale = PREVIEW_DPI / 25.4
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    return picture.getpixel((round((x - page.trim.x) * scale), round((y - page.trim.y) * scale)))


def _logo_centre(page: Page) -> tuple[float, float]:
    [logo] = [item for item in page.items if isinstance(item, ImageItem)]
    return logo.box.x + logo.box.width / 2, logo.box.y + logo.box.height / 2


@pytest.mark.parametrize("colour_of", [print_colour, preview_colour], ids=["print", "preview"])
@pytest.mark.parametrize("how", ["overwritten", "replaced"])
def test_a_logo_changed_at_the_same_path_is_drawn_new(tmp_path: Path, how: str, colour_of) -> None:
    """Logo B written where logo A was, as large and with A's modification time: what is
    drawn is B. The caches of checked logos, scaled pictures and previews must all see
    that the file's content changed (the scaled pictures are keyed by its digest)."""
    red, blue = uniform_png(RED), uniform_png(BLUE)
    assert len(red) == len(blue)
    logo, set_file = tmp_path / "logo.png", tmp_path / "set.yaml"
    logo.write_bytes(red)
    set_file.write_text(
        "title: Logo\nlayout: a6\nlogo: logo.png\ncards:\n  - kind: denk\n    question: Hoe?\n",
        encoding="utf-8",
    )
    assert colour_of(set_file)[:3] == RED
    before = logo.stat()
    if how == "overwritten":  # in place: the same inode
        logo.write_bytes(blue)
        # Drawing A takes longer than a tick of the file system's clock; where it does
        # not, write again until the clock has moved on, or this is not a new version.
        while logo.stat().st_ctime_ns == before.st_ctime_ns:
            logo.write_bytes(blue)
    else:  # a new file moved over it, as an editor or a copy tool does
        (tmp_path / "new.png").write_bytes(blue)
        os.replace(tmp_path / "new.png", logo)
    os.utime(logo, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = logo.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert colour_of(set_file)[:3] == BLUE
