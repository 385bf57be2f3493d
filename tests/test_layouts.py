"""Layouts: inheritance in every shape, and validation messages word for word."""

from __future__ import annotations

import pytest

from cardkit.display import hex_color
from cardkit.errors import CardkitError
from cardkit.geometry import Box
from cardkit.paths import FONTS_DIR, ROOT
from cardkit.read.layouts import deep_merge, layout_names, load_layout
from cardkit.read.legibility import (
    contrast_ratio,
    grounds,
    required_contrast,
    shown_ratio,
    text_contrasts,
)
from cardkit.text.fonts import font_weight
from designer.boundary import message
from tests.helpers import FIXTURE_LAYOUTS, shown

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
    assert layout_names() == ["a6", "a6-groot", "a6-hoog-contrast", "a7"]
    for partial in ("grote-letters", "hoog-contrast"):
        with pytest.raises(CardkitError, match="partial"):
            load_layout(partial)


def test_high_contrast_variant_darkens_only_colours() -> None:
    base, strong = load_layout("a6"), load_layout("a6-hoog-contrast")
    assert strong.title == "A6 hoog contrast" and "contrast" in strong.description
    assert (strong.format, strong.front.zones, strong.fonts) == (
        base.format,
        base.front.zones,
        base.fonts,
    )
    changed = {name for name in base.palette if strong.palette[name] != base.palette[name]}
    assert changed == {"muted", "teal", "orange", "rule"}
    # The print-shop CMYK follows the darker colours, not the house style's lighter ones.
    assert strong.cmyk_by_rgb()[strong.palette["teal"]] != base.cmyk["teal"]


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


# --- legibility: text sizes and contrast (docs/legibility.md) --------------------------


def test_wcag_contrast_arithmetic() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast_ratio((31, 41, 51), (31, 41, 51)) == 1
    # #777777 on white is the classic near miss: 4.48:1, shown rounded down, and refused.
    grey = contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255))
    assert shown_ratio(grey) == "4.47" and grey < 4.5
    assert shown_ratio(4.4999) == "4.49"  # never shown as a passing 4.50


@pytest.mark.parametrize(
    "size, bold, needed",
    [(17.5, False, 4.5), (18, False, 3), (13.5, True, 4.5), (14, True, 3), (7, True, 4.5)],
)
def test_large_text_starts_at_18_pt_or_14_pt_bold(size: float, bold: bool, needed: float) -> None:
    assert required_contrast(size, bold) == needed


def test_bold_is_decided_by_the_fonts_weight_class() -> None:
    weights = {role: font_weight(str(path)) for role, path in load_layout("a6").fonts.items()}
    assert weights == {"label": 900, "title": 700, "question": 700, "body": 400, "hint": 400}


SHIPPED = ["a6", "a6-groot", "a6-hoog-contrast", "a7"]


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_layouts_are_legible(name: str) -> None:
    layout = load_layout(name)  # loading checks; this says what it checked
    pairs = list(text_contrasts(layout))
    zones = {(side, z.name) for side in ("front", "back") for z in layout.side(side).zones}
    assert {(pair.side, pair.zone.name) for pair in pairs} == zones
    assert {pair.kind for pair in pairs} == set(layout.kinds)
    assert all(pair.passes for pair in pairs)
    assert min(zone.min_size for _, zone in all_zones(layout)) >= layout.min_text_size >= 7


def test_high_contrast_reaches_7_to_1_everywhere() -> None:
    assert min(pair.ratio for pair in text_contrasts(load_layout("a6-hoog-contrast"))) >= 7


def test_large_print_promises_8_pt_at_least() -> None:
    layout = load_layout("a6-groot")
    assert layout.min_text_size == 8
    assert min(zone.min_size for _, zone in all_zones(layout)) == 8
    question = {zone.name: zone for zone in layout.front.zones}["question"]
    assert question.min_size >= 14 and required_contrast(question.min_size, True) == 3


def test_text_stands_on_what_its_box_meets() -> None:
    layout = load_layout("a6")
    front = {zone.name: zone for zone in layout.front.zones}
    teal, paper = layout.palette["teal"], layout.palette["paper"]

    def under(name: str, kind: str = "denk"):
        return [
            (g.color, g.where)
            for g in grounds(layout, "front", layout.front, kind, front[name].box)
        ]

    assert under("title") == [(teal, "front.shapes[1]")]  # inside the band: paper never shows
    assert under("question") == [(paper, "front.background")]
    # A box meeting the band's lower edge stands on the band and on the paper below it.
    box = front["question"].box
    edge = Box(box.x, 30, box.width, 20)
    found = [g.where for g in grounds(layout, "front", layout.front, "denk", edge)]
    assert found == ["front.shapes[1]", "front.background"]
    # Touching is not meeting: the disc (a circle) and a box that only touches the band.
    touching = Box(box.x, 37, box.width, 5)
    assert [g.where for g in grounds(layout, "front", layout.front, "denk", touching)] == [
        "front.background"
    ]
    corner = Box(94, 26, 3, 3)  # in the disc's bounding square, outside the disc
    assert [g.where for g in grounds(layout, "front", layout.front, "denk", corner)] == [
        "front.shapes[1]"
    ]


def all_zones(layout):
    return [(side, zone) for side in ("front", "back") for zone in layout.side(side).zones]


def test_unreadable_text_colour(at_root) -> None:
    assert error_of("low-contrast") == (
        f"{FIXTURES}/low-contrast.yaml: front.zones.hint.color: contrast 2.84:1 is too low: "
        '#999999 text on #FFFFFF (front.background) on "denk" cards; WCAG 2.2 AA asks '
        "4.5:1 for text of 7 pt (the zone's min_size)"
    )


def test_unreadable_text_colour_in_dutch_for_the_designer(at_root) -> None:
    with pytest.raises(CardkitError) as caught:
        fixture("low-contrast")
    assert caught.value.message("nl") == (
        f"{FIXTURES}/low-contrast.yaml: front.zones.hint.color: contrast 2.84:1 is te laag: "
        'tekst in #999999 op #FFFFFF (front.background) op kaartjes van soort "denk"; '
        "WCAG 2.2 AA vraagt 4.5:1 voor tekst van 7 pt (de min_size van het vak)"
    )
    assert shown(message(caught.value)) == caught.value.message("nl")  # as the designer shows it


def test_a_kind_colour_that_fails_names_its_kind(at_root) -> None:
    assert error_of("low-contrast-kind") == (
        f"{FIXTURES}/low-contrast-kind.yaml: front.zones.hint.color: contrast 2.42:1 is too "
        'low: #E8915F text on #FFFFFF (front.background) on "doe" cards; WCAG 2.2 AA asks '
        "4.5:1 for text of 7 pt (the zone's min_size)"
    )


def test_text_on_a_shape_drawn_under_it(at_root) -> None:
    assert error_of("text-on-shape") == (
        f"{FIXTURES}/text-on-shape.yaml: front.zones.question.color: contrast 1.66:1 is too "
        'low: #111111 text on #3A3A3A (front.shapes[1]) on "denk" cards; WCAG 2.2 AA asks '
        "4.5:1 for bold text of 8 pt (the zone's min_size)"
    )


def test_the_smallest_size_a_zone_can_take_decides(at_root) -> None:
    """3.21:1 would do for the zone's 20 pt, not for the 12 pt it may shrink to; from
    14 pt up (bold) it passes."""
    assert error_of("large-only-at-max") == (
        f"{FIXTURES}/large-only-at-max.yaml: back.zones.kind.color: contrast 3.21:1 is too "
        'low: #FFFFFF text on #D07A3A (back.background) on "denk" cards; WCAG 2.2 AA asks '
        "4.5:1 for bold text of 12 pt (the zone's min_size)"
    )
    kind = fixture("large-bold").back.zones[0]
    assert (kind.min_size, kind.max_size) == (14, 20)


def test_text_smaller_than_7_pt(at_root) -> None:
    assert error_of("small-text") == (
        f"{FIXTURES}/small-text.yaml: front.zones.hint.min_size: 6 pt is smaller than the "
        "smallest text size of the layout, 7 pt (min_text_size): text that small is hard to "
        "read in print"
    )


def test_a_layout_may_raise_the_smallest_text_size_not_lower_it(at_root) -> None:
    assert error_of("min-text-size-raised") == (
        f"{FIXTURES}/min-text-size-raised.yaml: front.zones.question.min_size: 8 pt is smaller "
        "than the smallest text size of the layout, 9 pt (min_text_size): text that small is "
        "hard to read in print"
    )
    assert error_of("min-text-size-lowered") == (
        f"{FIXTURES}/min-text-size-lowered.yaml: min_text_size: must be at least 7"
    )


def test_check_refuses_an_illegible_layout_as_bad_input(
    at_root, tmp_path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Exit 2 and one line, as for every other layout problem."""
    from cardkit import cli
    from cardkit.deck import open_deck

    monkeypatch.setattr(cli, "open_deck", lambda path: open_deck(path, FIXTURE_LAYOUTS))
    path = tmp_path / "set.yaml"
    path.write_text("title: T\nlayout: low-contrast\ncards:\n  - {kind: denk, question: Hoe?}\n")
    assert cli.main(["check", str(path)]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line == error_of("low-contrast")


# The table in docs/legibility.md, measured: regenerate it from the assertion's message.


def contrast_table() -> str:
    rows = [
        "| layout | text | on | contrast | needs | zones |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in SHIPPED:
        layout = load_layout(name)
        names = {rgb: key for key, rgb in reversed(layout.palette.items())}
        pairs: dict[tuple, list] = {}
        for pair in text_contrasts(layout):
            entry = pairs.setdefault((pair.text, pair.ground.color), [pair.ratio, 0.0, []])
            entry[1] = max(entry[1], pair.required)
            zone = f"{pair.side} {pair.zone.name}"
            if zone not in entry[2]:
                entry[2].append(zone)
        for (text, ground), (ratio, needed, zones) in sorted(pairs.items(), key=lambda p: p[1][0]):
            rows.append(
                f"| `{name}` | {names[text]} `{hex_color(text)}` | {names[ground]} "
                f"`{hex_color(ground)}` | {shown_ratio(ratio)}:1 | {needed:g}:1 | "
                f"{', '.join(zones)} |"
            )
    return "\n".join(rows)


def test_the_documented_ratios_are_the_measured_ones() -> None:
    docs = (ROOT / "docs" / "legibility.md").read_text(encoding="utf-8")
    table = contrast_table()
    assert table in docs, f"update the table in docs/legibility.md to:\n{table}"
