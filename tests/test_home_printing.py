"""Printing at home: touching cards clipped at their trim in both renderers, the `--home`
and `alignment SET.yaml` commands as people run them."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from cardkit.geometry import mm_to_px
from cardkit.output.export import drawings_pdf
from cardkit.output.impose import SheetOptions, impose
from cardkit.render.png import render_page
from tests.helpers import EXAMPLE_SETS
from tests.test_cli import cardkit
from tests.test_impose import card_page

DPI = 100
A6 = (105.0, 148.0)
RED, BLUE = (220, 30, 30), (30, 30, 220)


@pytest.fixture(scope="module")
def rasters() -> tuple[object, list]:
    """A home sheet of a red and a blue card side by side, drawn as PNG and as PDF."""
    sheet = impose(
        [card_page(1, A6, RED), card_page(2, A6, BLUE)],
        None,
        SheetOptions(paper="A4", home=True),
        "Test",
    )[0]
    png = render_page(sheet, DPI)
    pdf = drawings_pdf([sheet], "Test")[0]
    page = pdfium.PdfDocument(pdf)[0]
    return sheet, [png, page.render(scale=DPI / 72).to_pil().convert("RGB")]


@pytest.mark.parametrize("renderer", ["png", "pdf"])
def test_a_cards_bleed_never_covers_its_neighbour(rasters, renderer: str) -> None:
    sheet, images = rasters
    image = images[0 if renderer == "png" else 1]
    (_, left_card), (_, right_card) = sheet.cards
    assert left_card.right == pytest.approx(right_card.x)  # they touch
    y = round(mm_to_px(left_card.y + left_card.height / 2, DPI))
    edge = mm_to_px(right_card.x, DPI)
    # Two pixels either side of the shared edge: the blue card's bleed (2.85 mm to the
    # left, 11 pixels here) must not show on the red card, nor the red card's on the blue.
    assert image.getpixel((round(edge) - 3, y)) == RED
    assert image.getpixel((round(edge) + 2, y)) == BLUE
    # Outside the cards the paper stays white: the bleed does not reach the margin either.
    assert image.getpixel((round(mm_to_px(left_card.x, DPI)) - 3, y)) == (255, 255, 255)


def test_pdf_home_puts_four_a6_cards_on_an_a4_sheet(tmp_path: Path) -> None:
    output = tmp_path / "thuis.pdf"
    result = cardkit(
        "pdf", EXAMPLE_SETS[0], "-o", output, "--sheets", "A4", "--duplex", "long", "--home"
    )
    assert result.returncode == 0, result.stderr
    assert "4 cards per A4 sheet (2 x 2, portrait, cards at 95 %)" in result.stdout
    reader = PdfReader(output)
    assert len(reader.pages) == 6  # 10 cards: 3 sheets, front and back
    assert "kaartjes op 95 %" in reader.pages[0].extract_text()


def test_the_alignment_sheet_for_a_set_is_printed_like_its_sheets(tmp_path: Path) -> None:
    for home, landscape in ((False, True), (True, False)):
        output = tmp_path / f"testvel-{home}.pdf"
        extra = ["--home"] if home else []
        result = cardkit(
            "alignment", EXAMPLE_SETS[0], "-o", output, "--sheets", "A4", "--duplex", "long", *extra
        )
        assert result.returncode == 0, result.stderr
        box = PdfReader(output).pages[0].mediabox
        assert (box.width > box.height) is landscape, result.stdout
        orientation = "landscape" if landscape else "portrait"
        assert f"{orientation}" in result.stdout
    text = PdfReader(output).pages[0].extract_text()
    assert "voor vellen A4 staand, omslaan via de lange zijde" in text


def test_alignment_for_home_sheets_needs_the_set(tmp_path: Path) -> None:
    result = cardkit("alignment", "-o", tmp_path / "t.pdf", "--sheets", "A4", "--home")
    assert result.returncode == 2
    assert "--home needs the set" in result.stderr
    assert not (tmp_path / "t.pdf").exists()


def test_home_with_crop_marks_is_refused_with_a_message(tmp_path: Path) -> None:
    output = tmp_path / "t.pdf"
    args = ("pdf", EXAMPLE_SETS[0], "-o", output, "--sheets", "A4", "--home", "--crop-marks")
    result = cardkit(*args)
    assert result.returncode == 2
    assert "crop marks and a gap do not apply" in result.stderr
    assert not output.exists()
