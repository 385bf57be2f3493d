"""The PDF: vector pages the size of trim plus bleed, print boxes, embedded subset fonts,
text exactly where the display list puts it, and identical bytes for identical input."""

from __future__ import annotations

import ctypes
import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader

from cardkit.deck import open_deck
from cardkit.display import Page
from cardkit.geometry import MM_PER_PT
from cardkit.layout.card import lay_out_set
from cardkit.output.export import set_pdf
from cardkit.render.pdf import render_pdf
from tests.helpers import EXAMPLE_SETS, LOGO_SET
from tests.test_cli import cardkit


@pytest.fixture(scope="module")
def example() -> tuple[bytes, list[Page]]:
    return set_pdf(open_deck(EXAMPLE_SETS[0]))


def test_one_page_per_card_side_front_then_back(example) -> None:
    data, pages = example
    assert len(PdfReader(io.BytesIO(data)).pages) == 20
    assert [(p.card, p.side) for p in pages[:4]] == [
        (1, "front"),
        (1, "back"),
        (2, "front"),
        (2, "back"),
    ]


def test_page_size_and_print_boxes(example) -> None:
    data, _ = example
    for page in PdfReader(io.BytesIO(data)).pages:
        media = [float(v) * MM_PER_PT for v in page.mediabox]
        trim = [float(v) * MM_PER_PT for v in page.trimbox]
        bleed = [float(v) * MM_PER_PT for v in page.bleedbox]
        assert media == pytest.approx([0, 0, 111, 154], abs=0.01)
        assert bleed == pytest.approx(media, abs=0.01)
        assert trim == pytest.approx([3, 3, 108, 151], abs=0.01)


def test_fonts_are_embedded_as_subsets(example) -> None:
    data, _ = example
    reader = PdfReader(io.BytesIO(data))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert len(fonts) == 4  # label, title/question, body, hint
    for name, font in fonts.items():
        assert "+" in name, f"{name} is not a subset"
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
        embedded = descriptor["/FontFile2"].get_object().get_data()
        assert 1_000 < len(embedded) < 120_000  # a subset, far below the 660 KB file


def test_identical_input_gives_identical_bytes(example) -> None:
    data, _ = example
    again, _ = set_pdf(open_deck(EXAMPLE_SETS[0]))
    assert again == data
    assert b"/CreationDate (D:20000101" in data or b"D\\07220000101" in data


def char_origin(textpage, index: int, page_height_pt: float) -> tuple[float, float]:
    x, y = ctypes.c_double(), ctypes.c_double()
    assert pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, x, y)
    return x.value * MM_PER_PT, (page_height_pt - y.value) * MM_PER_PT


@pytest.mark.parametrize("path", EXAMPLE_SETS, ids=lambda p: p.stem)
def test_text_lands_where_the_display_list_puts_it(path) -> None:
    """pdfium reads back each line's start (x, baseline) and its end (x + width)."""
    loaded = open_deck(path)
    pages = list(lay_out_set(loaded.card_set, loaded.layout))
    document = pdfium.PdfDocument(render_pdf(pages))
    for page, pdf_page in zip(pages, document, strict=True):
        textpage = pdf_page.get_textpage()
        height = pdf_page.get_height()
        # One character per char index, breaks included; pdfium reads a hyphen at the end
        # of a line as U+FFFE (it joins the word), so the lines are looked for that way.
        text = textpage.get_text_range()
        cursor = 0
        for line in page.text_lines:
            wanted = line.text[:-1] + "\ufffe" if line.text.endswith("-") else line.text
            index = text.find(wanted, cursor)
            assert index >= 0, f"{line.text!r} is not in the PDF text"
            start = char_origin(textpage, index, height)
            assert start == pytest.approx((line.x, line.baseline), abs=0.01), line.text
            cursor = index + len(line.text)
            if cursor < len(text):  # the character after the line starts where it ends
                end_x, _ = char_origin(textpage, cursor, height)
                assert end_x == pytest.approx(line.x + line.width, abs=0.05), line.text
        textpage.close()
    document.close()


# --- the CMYK print-shop variant ---------------------------------------------------------


@pytest.fixture(scope="module")
def cmyk_pdf() -> bytes:
    from cardkit.render.cmyk import find_cmyk_profile

    assert find_cmyk_profile(), "no CMYK profile: make test installs libgs-common as root"
    return set_pdf(open_deck(LOGO_SET), cmyk=True)[0]


def page_operators(data: bytes, index: int) -> str:
    return PdfReader(io.BytesIO(data)).pages[index].get_contents().get_data().decode("latin-1")


def test_cmyk_file_declares_its_output_intent(cmyk_pdf: bytes) -> None:
    root = PdfReader(io.BytesIO(cmyk_pdf)).trailer["/Root"]
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFX"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 4
    assert intent["/Info"] == "Artifex CMYK SWOP Profile"


def test_cmyk_file_paints_only_in_cmyk_with_the_layouts_values(cmyk_pdf: bytes) -> None:
    for index in range(2):
        operators = page_operators(cmyk_pdf, index)
        assert " rg" not in operators and " RG" not in operators
        assert "0.87 0.45 0.4 0.15 k" in operators  # teal, as a6.yaml gives it
    assert "0.4 0.25 0.1 0.9 k" in page_operators(cmyk_pdf, 0)  # ink: mostly black
    images = [
        xobject.get_object()
        for xobject in PdfReader(io.BytesIO(cmyk_pdf)).pages[1]["/Resources"]["/XObject"].values()
    ]
    assert [image["/ColorSpace"] for image in images] == ["/DeviceCMYK"]


def test_without_a_cmyk_profile_the_cli_says_what_to_install(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CARDKIT_CMYK_PROFILE", str(tmp_path / "none.icc"))
    result = cardkit("pdf", LOGO_SET, "-o", tmp_path / "x.pdf", "--cmyk")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "no CMYK profile on this machine: install Debian's libgs-common"
    )
    assert not (tmp_path / "x.pdf").exists()
