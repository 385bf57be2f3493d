"""The layout pass, asserted in millimetres."""

from __future__ import annotations

import itertools

import pytest

from cardkit.deck import open_deck
from cardkit.display import FillEllipse, FillPolygon, FillRect, Page
from cardkit.geometry import Box, pt_to_mm
from cardkit.layout.card import lay_out_set, lay_out_side
from cardkit.model import Card, CardSet
from cardkit.read.layouts import load_layout
from cardkit.text.fonts import font_metrics
from tests.helpers import EXAMPLE_SETS

A6 = load_layout("a6")
CARD = Card(
    kind="denk",
    title="Twee soorten deskundigheid",
    question="Welke kennis brengt de bewoner mee, en hoe geef je die een plek?",
    hint="Jij kent het vak en de regels.",
    moment="bij het maken van een plan",
)


def side(card: Card = CARD, which: str = "front", layout=A6, total: int = 3) -> Page:
    card_set = CardSet("Gelijkwaardig samenwerken", layout.name, (card,) * total, "https://x.nl")
    return lay_out_side(card_set, layout, 2, which)


def lines_of(page: Page, zone: str):
    return [line for line in page.text_lines if line.zone == zone]


def test_page_is_trim_plus_bleed() -> None:
    page = side()
    assert (page.width, page.height, page.bleed) == (111, 154, 3)
    assert page.trim == Box(3, 3, 105, 148)
    assert page.safe == Box(8, 8, 95, 138)


def test_zones_are_placed_from_the_trim_corner() -> None:
    page = side()
    assert page.zones["question"] == Box(11, 47, 89, 58)
    assert page.zones["number"] == Box(81, 138, 19, 5)


def test_background_and_band_reach_into_the_bleed() -> None:
    page = side()
    background, band = page.items[0], page.items[1]
    assert isinstance(background, FillRect) and background.box == Box(0, 0, 111, 154)
    assert isinstance(band, FillRect)
    assert (band.box.x, band.box.y, band.box.width) == (0, 0, 111)
    assert band.color == A6.palette["teal"]
    assert side(Card("doe", "Doe iets.")).items[1].color == A6.palette["orange"]


def test_icon_is_scaled_into_its_box() -> None:
    page = side()
    icon_box = Box(82, 14.5, 14, 14)  # (79, 11.5) from the trim corner
    icon = [item for item in page.items if isinstance(item, FillEllipse | FillPolygon)][1:]
    bulb = icon[0]
    assert isinstance(bulb, FillEllipse)
    assert bulb.box.x == pytest.approx(icon_box.x + 0.21 * 14)
    assert bulb.box.width == pytest.approx(0.58 * 14)
    for item in icon:
        points = item.points if isinstance(item, FillPolygon) else [(item.box.x, item.box.y)]
        for x, y in points:
            assert icon_box.x <= x <= icon_box.right and icon_box.y <= y <= icon_box.bottom


def test_first_line_sits_half_leading_below_the_zone_top() -> None:
    page = side()
    title = lines_of(page, "title")[0]
    zone = page.zones["title"]
    metrics = font_metrics(title.font.path)
    size = pt_to_mm(title.size)
    line_height = size * 1.15
    assert title.top == pytest.approx(zone.y)
    assert title.height == pytest.approx(line_height)
    half_leading = (line_height - (metrics.ascent + metrics.descent) * size) / 2
    assert title.baseline == pytest.approx(zone.y + half_leading + metrics.ascent * size)
    assert title.x == pytest.approx(zone.x)


def test_lines_are_stacked_at_the_line_height() -> None:
    question = lines_of(side(), "question")
    assert len(question) >= 2
    for upper, lower in itertools.pairwise(question):
        assert lower.top - upper.top == pytest.approx(pt_to_mm(upper.size) * 1.25)
        assert lower.baseline - upper.baseline == pytest.approx(pt_to_mm(upper.size) * 1.25)


def test_middle_and_bottom_alignment() -> None:
    page = side()
    zone = page.zones["question"]
    question = lines_of(page, "question")
    above = question[0].top - zone.y
    below = zone.bottom - (question[-1].top + question[-1].height)
    assert above == pytest.approx(below)
    hint = lines_of(page, "hint")
    assert hint[-1].top + hint[-1].height == pytest.approx(page.zones["hint"].bottom)


def test_right_and_centre_alignment() -> None:
    number = lines_of(side(), "number")[0]
    assert number.text == "2/3"
    assert number.x + number.width == pytest.approx(side().zones["number"].right)
    back = side(which="back")
    kind = lines_of(back, "kind")[0]
    zone = back.zones["kind"]
    assert kind.x - zone.x == pytest.approx(zone.right - (kind.x + kind.width))


def test_templates_fill_and_transform_text() -> None:
    page = side()
    assert lines_of(page, "kind")[0].text == "DENKKAARTJE"
    assert lines_of(page, "moment")[0].text == "Wanneer: bij het maken van een plan"
    assert lines_of(side(which="back"), "kind")[0].text == "Denkkaartje"


def test_zones_with_empty_fields_are_left_out() -> None:
    page = side(Card("doe", "Doe iets."))
    assert not lines_of(page, "title")
    assert not lines_of(page, "hint")
    assert not lines_of(page, "moment")  # "Wanneer: " alone is never printed
    assert "hint" in page.zones  # the design keeps its zones


def test_overflow_is_reported_and_kept_inside_the_zone() -> None:
    long_question = " ".join(["Hoe voelt het om afhankelijk te zijn van een professional?"] * 12)
    page = side(Card("denk", long_question))
    assert [overflow.zone for overflow in page.overflows] == ["question"]
    overflow = page.overflows[0]
    assert overflow.needed_lines > overflow.available_lines
    assert "question does not fit" in overflow.describe().en
    question = lines_of(page, "question")
    assert len(question) == overflow.available_lines
    assert question[-1].text.endswith("…")


@pytest.mark.parametrize("path", EXAMPLE_SETS, ids=lambda p: p.stem)
@pytest.mark.parametrize("layout_name", ["a6", "a7", "a6-groot", "a6-hoog-contrast"])
def test_every_line_lies_inside_its_zone_and_the_safe_area(path, layout_name) -> None:
    loaded = open_deck(path)
    layout = load_layout(layout_name)
    for page in lay_out_set(loaded.card_set, layout):
        assert not page.overflows, (page.card, page.side)
        for line in page.text_lines:
            box = Box(line.x, line.top, line.width, line.height)
            assert page.zones[line.zone].contains(box), (page.card, line)
            assert page.safe.contains(box)


def test_layout_is_pure_and_repeatable() -> None:
    assert side() == side()
