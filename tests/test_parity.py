"""The PNG and the PDF of a card match: same line breaks, sizes and positions.

Metric: render the PNG at 300 dpi, rasterise the PDF page (pypdfium2) at the same
pixel size, and count pixels lying more than 64 levels outside the min..max of the
other image's 3x3 neighbourhood in any channel, both ways round. At most 0.02 % may.
On failure, expected/actual/diff images are left in tests/output/.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PIL import Image, ImageChops, ImageDraw

from cardkit.deck import open_deck
from cardkit.display import Page
from cardkit.layout.card import lay_out_set
from cardkit.output import export
from cardkit.output.impose import SheetOptions
from cardkit.read.layouts import load_layout
from cardkit.render.pdf import render_pdf
from cardkit.render.png import render_page
from tests.helpers import EXAMPLE_SETS, HARD_SET, LOGO_SET, OUTPUT_DIR
from tests.imagecompare import MAX_MISMATCH, mismatch_fraction, rasterise_pdf, save_failure

DPI = 300


def rendered_pairs(pages: list[Page]) -> Iterator[tuple[Page, Image.Image, Image.Image]]:
    pngs = [render_page(page, DPI) for page in pages]
    pdf_pages = rasterise_pdf(render_pdf(pages), DPI, [png.size for png in pngs])
    yield from zip(pages, pngs, pdf_pages, strict=True)


def assert_parity(name: str, png: Image.Image, pdf: Image.Image) -> None:
    fraction = mismatch_fraction(png, pdf)
    if fraction > MAX_MISMATCH:
        diff = save_failure(OUTPUT_DIR, name, png, pdf)
        pytest.fail(
            f"{name}: {fraction:.4%} of pixels differ (limit {MAX_MISMATCH:.2%}); see {diff}"
        )


@pytest.mark.parametrize("path", [*EXAMPLE_SETS, LOGO_SET, HARD_SET], ids=lambda p: p.stem)
def test_every_card_side_of_the_example_sets_matches(path) -> None:
    loaded = open_deck(path)
    for page, png, pdf in rendered_pairs(list(loaded.pages())):
        assert_parity(f"{path.stem}-{page.card}-{page.side}", png, pdf)


@pytest.mark.parametrize("paper, duplex", [("A4", "long"), ("Letter", "short")])
def test_sheets_match(paper: str, duplex: str) -> None:
    """The sheet PDF, rasterised, against a Pillow render of the same sheet display list."""
    options = SheetOptions(paper=paper, duplex=duplex, crop_marks=True, cut_lines=True)
    sheets = export.sheets(open_deck(LOGO_SET), options)[:2]
    data, _ = export.drawings_pdf(sheets, "test")
    pngs = [render_page(sheet, DPI) for sheet in sheets]
    for sheet, png, pdf in zip(
        sheets, pngs, rasterise_pdf(data, DPI, [p.size for p in pngs]), strict=True
    ):
        assert_parity(f"sheet-{paper}-{sheet.number}-{sheet.side}", png, pdf)


@pytest.mark.parametrize("layout_name", ["a7", "a6-groot"])
def test_the_variants_match_too(layout_name) -> None:
    loaded = open_deck(EXAMPLE_SETS[0])
    layout = load_layout(layout_name)
    pages = list(lay_out_set(loaded.card_set, layout))[:4]
    for page, png, pdf in rendered_pairs(pages):
        assert_parity(f"{layout_name}-{page.card}-{page.side}", png, pdf)


# --- the metric can fail --------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> tuple[Page, Image.Image, Image.Image]:
    loaded = open_deck(EXAMPLE_SETS[0])
    pages = list(loaded.pages(("front",)))[:1]
    return next(rendered_pairs(pages))


@pytest.mark.parametrize("dx, dy", [(1, 0), (0, 1), (2, 0), (-2, 0), (0, 2), (0, -2)])
def test_a_shifted_render_fails(reference, dx: int, dy: int) -> None:
    """An exact translation by one pixel can hide inside the 3x3 neighbourhood (that
    tolerance is what absorbs antialiasing), so whether it is caught depends on the
    direction; two pixels always are. Text positions in the PDF are also checked to
    0.01 mm against the display list in test_pdf.py."""
    _, png, pdf = reference
    assert mismatch_fraction(png, ImageChops.offset(pdf, dx, dy)) > MAX_MISMATCH


def test_a_recoloured_render_fails(reference) -> None:
    _, png, pdf = reference
    red, green, blue = pdf.split()
    recoloured = Image.merge("RGB", (blue, green, red))  # teal becomes brown
    assert mismatch_fraction(png, recoloured) > MAX_MISMATCH


def test_a_changed_text_fails(reference) -> None:
    page, png, pdf = reference
    changed = pdf.copy()
    line = next(line for line in page.text_lines if line.zone == "question")
    scale = DPI / 25.4
    ImageDraw.Draw(changed).rectangle(
        (line.x * scale, line.top * scale, (line.x + 8) * scale, line.baseline * scale),
        fill=(255, 253, 248),
    )  # the first letters of the question are gone
    assert mismatch_fraction(png, changed) > MAX_MISMATCH


def test_the_reference_pair_itself_passes(reference) -> None:
    _, png, pdf = reference
    assert mismatch_fraction(png, pdf) <= MAX_MISMATCH
