"""Share images and files: sizes, byte budgets, colour modes, the bundle, the e-mail PDF."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from cardkit.deck import open_deck
from cardkit.geometry import MM_PER_PT
from cardkit.output.share import (
    PRESETS,
    SRGB,
    email_pdf,
    encode,
    preset_images,
    share_bundle,
    share_image,
)
from tests.helpers import EXAMPLE_SETS, LOGO_SET
from tests.test_cli import cardkit

SIZES = {"whatsapp": (1135, 1600), "square": (1080, 1080), "story": (1080, 1920)}


@pytest.fixture(scope="module")
def example():
    return open_deck(EXAMPLE_SETS[0])


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("preset", list(PRESETS))
def test_preset_sizes_and_colour_mode(example, preset: str) -> None:
    image = share_image(example, 1, PRESETS[preset])
    assert image.size == SIZES[preset]
    for image_format, expected in (("png", "PNG"), ("jpeg", "JPEG")):
        stored = decoded(encode(image, image_format))
        assert stored.format == expected
        assert stored.mode in ("RGB", "P")  # never RGBA: no transparency
        assert "transparency" not in stored.info
        assert stored.info.get("icc_profile") == SRGB


@pytest.mark.parametrize("path", [*EXAMPLE_SETS, LOGO_SET], ids=lambda p: p.stem)
@pytest.mark.parametrize("preset", ["whatsapp", "square"])
def test_every_card_stays_within_the_byte_budget(path: Path, preset: str) -> None:
    loaded = open_deck(path)
    budget = PRESETS[preset].budget
    for number in range(1, len(loaded.card_set.cards) + 1):
        image = share_image(loaded, number, PRESETS[preset])
        for image_format in ("png", "jpeg"):
            assert len(encode(image, image_format)) <= budget, (number, image_format)


@pytest.mark.parametrize("preset", list(PRESETS))
def test_the_palette_png_is_pixel_identical_to_the_full_colour_render(example, preset) -> None:
    image = share_image(example, 2, PRESETS[preset])
    stored = decoded(encode(image))
    assert stored.mode == "P", "a flat card fits a palette of 256 colours"
    assert ImageChops.difference(stored.convert("RGB"), image).getbbox() is None


def test_the_flat_house_colours_are_exact(example) -> None:
    image = decoded(encode(share_image(example, 1, PRESETS["whatsapp"]))).convert("RGB")
    palette = example.layout.palette
    assert image.getpixel((20, 20)) == palette["teal"]  # the band
    assert image.getpixel((20, image.height // 2)) == palette["paper"]


def test_a_picture_with_many_colours_stays_full_colour() -> None:
    gradient = Image.linear_gradient("L").resize((300, 300)).convert("RGB")
    noisy = Image.merge(
        "RGB", (gradient.split()[0], gradient.rotate(90).split()[0], gradient.split()[0])
    )
    assert decoded(encode(noisy)).mode == "RGB"


def test_the_share_bundle(example) -> None:
    data = share_bundle(example)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert names[0] == "00-overzicht.png"
    assert names[1:4] == [
        "01-zelf-afhankelijk.png",
        "02-wat-speelt-er-echt.png",
        "03-eerst-vragen.png",
    ]
    assert names[-1] == "vragen.txt"
    assert len(names) == 12
    for name in names[1:-1]:
        assert decoded(archive.read(name)).size == SIZES["whatsapp"]
    overview = decoded(archive.read(names[0]))
    assert max(overview.size) == 1600
    text = archive.read("vragen.txt").decode("utf-8")
    assert text.startswith("Gelijkwaardig samenwerken\nhttps://vimeo.com/652448506\n")
    for card in example.card_set.cards:
        assert card.question in text
    assert "1. Denkkaartje: Zelf afhankelijk" in text


def test_shared_pngs_carry_the_words_of_the_card(example) -> None:
    """A picture passed on from WhatsApp still says what the card says (PNG "Description")."""
    words = example.side_text(2, "front")
    assert example.card_set.cards[1].question in words
    for preset in PRESETS.values():
        stored = decoded(encode(share_image(example, 2, preset), "png", words))
        assert stored.mode == "P" and stored.text == {"Description": words}
    archive = zipfile.ZipFile(io.BytesIO(share_bundle(example)))
    names = archive.namelist()
    for number, name in enumerate(names[1:-1], start=1):
        assert decoded(archive.read(name)).text["Description"] == example.side_text(number, "front")
    overview = decoded(archive.read(names[0])).text["Description"]
    assert overview == archive.read("vragen.txt").decode("utf-8")
    logo_set = open_deck(LOGO_SET)
    for name, data in preset_images(logo_set, PRESETS["square"], ("back",)):
        number = int(name.split("-")[1])
        assert decoded(data).text["Description"] == logo_set.side_text(number, "back")


def test_identical_input_gives_identical_bytes(example) -> None:
    assert share_bundle(example) == share_bundle(open_deck(EXAMPLE_SETS[0]))
    assert email_pdf(example) == email_pdf(open_deck(EXAMPLE_SETS[0]))
    image = share_image(example, 3, PRESETS["story"])
    assert encode(image, "jpeg") == encode(share_image(example, 3, PRESETS["story"]), "jpeg")


def test_the_email_pdf_is_small_with_a_page_per_card(example) -> None:
    data = email_pdf(example)
    assert len(data) < 1_000_000
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 10
    for page in reader.pages:
        width, height = (float(v) * MM_PER_PT for v in page.mediabox[2:])
        assert (width, height) == pytest.approx((105, 148), abs=0.01)  # the cut card, no bleed
        assert "/TrimBox" not in page
    text = pdfium.PdfDocument(data)[0].get_textpage().get_text_range()
    assert "Wanneer was jij zelf" in text


def test_cli_presets_and_bundle(tmp_path: Path) -> None:
    result = cardkit("png", LOGO_SET, "-o", tmp_path / "sq", "--preset", "square", "--jpeg")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "sq").iterdir()) == [
        "card-01.jpg",
        "card-02.jpg",
        "card-03.jpg",
    ]
    result = cardkit("share", LOGO_SET, "-o", tmp_path / "deel.zip")
    assert result.returncode == 0, result.stderr
    assert zipfile.ZipFile(tmp_path / "deel.zip").namelist()[-1] == "vragen.txt"
    result = cardkit("png", LOGO_SET, "-o", tmp_path / "x", "--jpeg")
    assert result.returncode == 2 and "--jpeg needs --preset" in result.stderr
