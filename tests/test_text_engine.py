"""Text is measured once, by Pillow with Raqm, and fpdf2's shaping agrees with it."""

from __future__ import annotations

import pytest
from fpdf import FPDF
from PIL import features

from cardkit.errors import SetupError
from cardkit.paths import FONTS_DIR
from cardkit.text import fonts

SAMPLES = [
    "Wat heb jij nodig om je écht gehoord te voelen?",
    "Officiële café-ideeën, “aanhalingstekens” – en — streepjes",
    "Waffles, fijne flarden: ligaturen fi en fl; kerning AVAWAY To",
]
ARABIC_SAMPLES = ["كيف يمكننا أن نعمل معا على قدم المساواة؟", "شكرا 123"]
FONT_FILES = sorted(FONTS_DIR.glob("*.ttf"))
HOUSE_FONTS = sorted(FONTS_DIR.glob("Lato-*.ttf"))
OUTLINE_FONTS = [path for path in FONT_FILES if "Emoji" not in path.name]  # emoji are pictures


def test_raqm_layout_engine_is_available() -> None:
    assert features.check("raqm"), "Pillow lacks Raqm: install libfribidi0"
    fonts.require_raqm()


def test_missing_raqm_fails_with_an_instruction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts.features, "check", lambda name: False)
    fonts.require_raqm.cache_clear()
    try:
        with pytest.raises(SetupError, match="apt-get install libfribidi0"):
            fonts.require_raqm()
    finally:
        fonts.require_raqm.cache_clear()


@pytest.mark.parametrize("path", OUTLINE_FONTS, ids=lambda p: p.name)
def test_pillow_and_fpdf2_shaping_agree_on_widths(path) -> None:
    pdf = FPDF(unit="pt")
    pdf.add_page()
    pdf.add_font("f", "", str(path))
    pdf.set_font("f", size=1000)
    pdf.set_text_shaping(True)
    samples = ARABIC_SAMPLES if "Arabic" in path.name else SAMPLES
    for text in samples:
        ours = fonts.text_width_em(str(path), text) * 1000
        theirs = pdf.get_string_width(text)
        # fpdf2 reports glyph widths rounded to 1/1000 em (the PDF /W table), hence 0.1 %;
        # where the glyphs land is checked to the pixel by the parity tests.
        assert ours == pytest.approx(theirs, rel=1e-3), text


def test_widths_scale_linearly_with_size() -> None:
    path = str(FONTS_DIR / "Lato-Regular.ttf")
    text = SAMPLES[0]
    at_12 = fonts.pillow_font(path, 12.5).getlength(text) / 12.5
    assert at_12 == pytest.approx(fonts.text_width_em(path, text), rel=2e-3)


@pytest.mark.parametrize("path", HOUSE_FONTS, ids=lambda p: p.name)
def test_house_fonts_cover_dutch_turkish_and_polish(path) -> None:
    needed = "ëïéèêöüáàóç‘’“”„–—…€ĳ" + "çğıİöşüÇĞÖŞÜ" + "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
    missing = [ch for ch in needed if ord(ch) not in fonts.font_covers(str(path))]
    assert not missing


def test_every_font_file_has_its_licence_beside_it() -> None:
    licences = " ".join(p.read_text() for p in FONTS_DIR.glob("*.txt"))
    assert "SIL Open Font License" in licences
    for path in FONT_FILES:
        family = path.stem.split("-")[0].removesuffix("ColorEmoji")
        assert f"fonts/{family}" in licences, f"no licence names {path.name}"
