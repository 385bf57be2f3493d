"""Text fitting: the largest size that fits, breaks at spaces, hyphenation, overflow."""

from __future__ import annotations

import itertools

import pytest

from cardkit.geometry import pt_to_mm
from cardkit.paths import FONTS_DIR
from cardkit.text.fitting import SIZE_STEP, fit_text, wrap_text
from cardkit.text.fonts import text_width_em
from cardkit.text.hyphenation import RIGHT_MIN, break_points

BOLD = str(FONTS_DIR / "Lato-Bold.ttf")
QUESTION = "Hoe kom je samen met een bewoner achter wat er werkelijk speelt?"


def widths(lines, font=BOLD):
    return [text_width_em(font, line) for line in lines]


def test_wrap_breaks_at_spaces_within_the_width() -> None:
    lines = wrap_text(QUESTION, BOLD, 8.0)
    assert len(lines) > 1
    assert " ".join(lines) == QUESTION
    assert max(widths(lines)) <= 8.0
    # Greedy: the next word would not have fitted on any line.
    for line, following in itertools.pairwise(lines):
        assert text_width_em(BOLD, f"{line} {following.split()[0]}") > 8.0


def test_explicit_newlines_are_kept() -> None:
    assert wrap_text("Eerst dit.\nDan dat.", BOLD, 50.0) == ("Eerst dit.", "Dan dat.")


def test_largest_size_that_fits_is_chosen() -> None:
    width, height, leading = 60.0, 30.0, 1.25
    fitted = fit_text(QUESTION, BOLD, width, height, 8, 24, leading)
    assert not fitted.overflow
    assert 8 <= fitted.size < 24
    assert fitted.size % SIZE_STEP == 0

    def lines_needed(size: float) -> int:
        return len(wrap_text(QUESTION, BOLD, width / pt_to_mm(size)))

    def room(size: float) -> int:
        return int(height // (pt_to_mm(size) * leading))

    assert lines_needed(fitted.size) <= room(fitted.size)
    bigger = fitted.size + SIZE_STEP
    assert lines_needed(bigger) > room(bigger)
    assert fitted.lines == wrap_text(QUESTION, BOLD, width / pt_to_mm(fitted.size))


def test_short_text_gets_the_maximum_size() -> None:
    assert fit_text("Hoe?", BOLD, 80, 40, 10, 19, 1.2).size == 19


def test_max_lines_is_respected() -> None:
    fitted = fit_text(QUESTION, BOLD, 40, 200, 6, 30, 1.2, max_lines=2)
    assert len(fitted.lines) <= 2
    assert not fitted.overflow


def test_a_word_wider_than_the_zone_is_hyphenated_at_dutch_break_points() -> None:
    word = "arbeidsongeschiktheidsverzekering"
    lines = wrap_text(word, BOLD, 6.0)
    assert len(lines) >= 2
    assert all(line.endswith("-") for line in lines[:-1])
    assert max(widths(lines)) <= 6.0
    assert "".join(line.removesuffix("-") for line in lines) == word
    allowed = {point.at for point in break_points(word) if point.hyphen}
    position = 0
    for line in lines[:-1]:
        position += len(line) - 1
        assert position in allowed
    assert len(lines[-1]) >= RIGHT_MIN


def test_dutch_break_points() -> None:
    points = [p.at for p in break_points("arbeidsongeschiktheidsverzekering")]
    assert 7 in points  # arbeids-ongeschiktheids...
    assert all(2 <= p <= len("arbeidsongeschiktheidsverzekering") - 3 for p in points)


def test_an_existing_hyphen_is_a_break_point_and_never_doubled() -> None:
    word = "sociaal-maatschappelijk"
    width = (text_width_em(BOLD, "sociaal-") + text_width_em(BOLD, "sociaal-maat-")) / 2
    lines = wrap_text(word, BOLD, width)
    assert lines[0] == "sociaal-"
    assert not any("--" in line for line in lines)
    assert lines[0] + "".join(line.removesuffix("-") for line in lines[1:-1]) + lines[-1] == word


def test_overflow_keeps_what_fits_and_says_so() -> None:
    text = " ".join([QUESTION] * 6)
    fitted = fit_text(text, BOLD, 50, 20, 10, 14, 1.2)
    assert fitted.overflow
    assert fitted.size == 10
    assert len(fitted.lines) == fitted.available_lines == int(20 // (pt_to_mm(10) * 1.2))
    assert fitted.needed_lines > fitted.available_lines
    assert fitted.lines[-1].endswith("…")
    assert max(widths(fitted.lines)) <= 50 / pt_to_mm(10)


@pytest.mark.parametrize("width", [1.0, 2.5, 4.0])
def test_nothing_is_ever_wider_than_the_zone(width: float) -> None:
    text = "https://example.org/een/heel/lang/pad?met=parameters info@verdermetdebedoeling.nl"
    assert max(widths(wrap_text(text, BOLD, width))) <= width
