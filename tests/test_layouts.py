"""Layouts: inheritance in every shape, and validation messages word for word."""

from __future__ import annotations

import pytest

from cardkit.errors import CardkitError
from cardkit.paths import FONTS_DIR
from cardkit.read.layouts import deep_merge, layout_names, load_layout
from tests.helpers import FIXTURE_LAYOUTS

FIXTURES = "tests/fixtures/layouts"


def fixture(name: str):
    return load_layout(name, FIXTURE_LAYOUTS)


def error_of(name: str) -> str:
    with pytest.raises(CardkitError) as caught:
        fixture(name)
    return caught.value.message()


# --- the shipped house style --------------------------------------------------


def test_a6_house_style() -> None:
    layout = load_layout("a6")
    assert (layout.format.width, layout.format.height) == (105, 148)
    assert (layout.format.bleed, layout.format.safe) == (3, 5)
    assert set(layout.kinds) == {"denk", "doe"}
    assert layout.color("accent", "denk") != layout.color("accent", "doe")
    assert [zone.name for zone in layout.front.zones][:3] == ["kind", "title", "question"]
    assert {zone.name for zone in layout.front.zones} >= {"set_title", "number", "hint"}
    assert layout.fonts["body"] == FONTS_DIR / "Lato-Regular.ttf"


def test_a7_restates_geometry_and_inherits_the_rest() -> None:
    a6, a7 = load_layout("a6"), load_layout("a7")
    assert (a7.format.width, a7.format.height) == (74, 105)
    assert a7.palette == a6.palette
    assert a7.fonts == a6.fonts
    assert a7.kinds == a6.kinds
    question6 = next(z for z in a6.front.zones if z.name == "question")
    question7 = next(z for z in a7.front.zones if z.name == "question")
    assert question7.box.width < question6.box.width
    assert question7.text == question6.text and question7.font == question6.font


def test_large_type_variant_takes_sizes_from_its_second_parent() -> None:
    base, large = load_layout("a6"), load_layout("a6-groot")
    sizes = {z.name: z.max_size for z in large.front.zones}
    assert sizes["question"] == 23
    assert sizes["question"] > next(z.max_size for z in base.front.zones if z.name == "question")
    assert large.format == base.format


def test_partial_layouts_are_not_offered_and_cannot_be_used_alone() -> None:
    assert layout_names() == ["a6", "a6-groot", "a7"]
    with pytest.raises(CardkitError, match="partial"):
        load_layout("grote-letters")


# --- inheritance --------------------------------------------------------------


def test_single_parent_overrides_one_key() -> None:
    base, child = fixture("base"), fixture("child")
    question = {z.name: z for z in child.front.zones}["question"]
    assert question.max_size == 12
    assert question.min_size == 8  # inherited
    assert child.format == base.format


def test_multi_level_inheritance() -> None:
    grandchild = fixture("grandchild")
    assert grandchild.palette["ink"] == (0x22, 0x22, 0x22)
    assert grandchild.palette["paper"] == (255, 255, 255)
    assert {z.name: z for z in grandchild.front.zones}["question"].max_size == 12


def test_several_parents_merge_left_to_right() -> None:
    layout = fixture("two-parents")
    question = {z.name: z for z in layout.front.zones}["question"]
    assert (question.min_size, question.max_size) == (10, 16)
    assert layout.title == "Two parents"


def test_null_removes_an_inherited_zone() -> None:
    assert [z.name for z in fixture("no-hint").front.zones] == ["question"]


def test_merge_replaces_lists_and_merges_mappings() -> None:
    base = {"a": {"b": 1, "c": [1, 2]}, "d": 1}
    assert deep_merge(base, {"a": {"c": [3]}, "d": None}) == {"a": {"b": 1, "c": [3]}}
    assert base == {"a": {"b": 1, "c": [1, 2]}, "d": 1}  # inputs are left alone


# --- inheritance failures -------------------------------------------------------


def test_self_cycle(at_root) -> None:
    assert error_of("self-cycle") == (
        f"{FIXTURES}/self-cycle.yaml: extends: layouts extend each other in a circle: "
        "self-cycle → self-cycle"
    )


def test_indirect_cycle(at_root) -> None:
    assert error_of("cycle-a") == (
        f"{FIXTURES}/cycle-b.yaml: extends: layouts extend each other in a circle: "
        "cycle-a → cycle-b → cycle-a"
    )


def test_missing_parent(at_root) -> None:
    message = error_of("missing-parent")
    assert message.startswith(
        f'{FIXTURES}/missing-parent.yaml: extends: no layout named "nowhere" (known: '
    )
    assert "base" in message


def test_unknown_layout_name(at_root) -> None:
    assert error_of("nope").startswith(f'{FIXTURES}: no layout named "nope" (known: bad-color,')


# --- validation, word for word ---------------------------------------------------


def test_size_that_is_not_a_number(at_root) -> None:
    assert error_of("bad-size") == (
        f"{FIXTURES}/bad-size.yaml: front.zones.question.max_size: "
        'expected a number of points, got "groot"'
    )


def test_a_mistake_in_a_parent_names_the_parent_file(at_root) -> None:
    assert error_of("bad-parent-child").startswith(f"{FIXTURES}/bad-size.yaml: ")


def test_unknown_key_suggests_the_right_one(at_root) -> None:
    assert error_of("unknown-key") == (
        f"{FIXTURES}/unknown-key.yaml: front.zones.question: "
        'unknown key "max_sise" (did you mean "max_size"?)'
    )


def test_unknown_colour(at_root) -> None:
    assert error_of("bad-color") == (
        f"{FIXTURES}/bad-color.yaml: front.zones.hint.color: expected a colour: "
        'a palette name, a kind colour such as accent, or #RRGGBB, got "purple"'
    )


def test_zone_outside_the_safe_area(at_root) -> None:
    assert error_of("outside-safe") == (
        f"{FIXTURES}/outside-safe.yaml: front.zones.question: "
        "the box reaches outside the safe area (4 mm inside the trim)"
    )


def test_missing_font_file(at_root) -> None:
    assert error_of("missing-font") == (
        f'{FIXTURES}/missing-font.yaml: fonts.body: no font file "Comic-Sans.ttf" in fonts/'
    )


def test_min_size_above_max_size(at_root) -> None:
    assert error_of("sizes-swapped") == (
        f"{FIXTURES}/sizes-swapped.yaml: front.zones.question: "
        "min_size 16 pt is larger than max_size 10 pt"
    )


def test_missing_required_section(at_root) -> None:
    assert error_of("no-format") == f'{FIXTURES}/no-format.yaml: missing key "format"'


def test_dutch_message_for_the_designer(at_root) -> None:
    with pytest.raises(CardkitError) as caught:
        fixture("bad-size")
    assert caught.value.message("nl") == (
        f"{FIXTURES}/bad-size.yaml: front.zones.question.max_size: "
        'verwacht een getal in punten, maar kreeg "groot"'
    )


def test_a_shape_may_not_reach_beyond_the_bleed(at_root) -> None:
    assert error_of("shape-beyond-bleed") == (
        f"{FIXTURES}/shape-beyond-bleed.yaml: front.shapes[1]: "
        "reaches beyond the bleed (2 mm outside the trim)"
    )


def test_a_qr_code_stays_inside_the_safe_area(at_root) -> None:
    assert error_of("qr-outside-safe") == (
        f"{FIXTURES}/qr-outside-safe.yaml: back.qr: lies outside the safe area "
        "(4 mm inside the trim)"
    )
