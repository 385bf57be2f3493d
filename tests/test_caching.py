"""Caches and parallel work change how fast output comes, never the output itself."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest

from cardkit.deck import Deck, open_deck
from cardkit.model import Card
from cardkit.output import export
from cardkit.output.export import (
    AHEAD_PER_CORE,
    PARALLEL_FROM,
    page_png,
    png_zip,
    render_pngs,
    set_pdf,
    sheets,
    write_png_zip,
)
from cardkit.output.impose import SheetOptions
from cardkit.output.preview import card_preview, preview_png
from cardkit.render.png import render_page
from tests.caches import clear_all
from tests.helpers import EXAMPLE_SETS, HARD_SET, LOGO_SET

# Each edit changes one thing a side may show; the cached preview of the edited card
# must be the fresh one, on both sides (the back caches without the question).
EDITS = {
    "question": lambda card: replace(card, question=card.question + " Echt?"),
    "title": lambda card: replace(card, title="Anders"),
    "hint": lambda card: replace(card, hint="Een nieuwe toelichting."),
    "moment": lambda card: replace(card, moment="bij de koffie"),
    "kind": lambda card: replace(card, kind="doe" if card.kind == "denk" else "denk"),
}


def previews(loaded: Deck, card: Card, number: int, **changes: str) -> list[bytes]:
    """The designer's previews of both sides, through its cache."""
    card_set = replace(loaded.card_set, **changes)
    total = len(card_set.cards)
    return [
        card_preview(
            card, number, total, card_set.title, card_set.link, card_set.layout, side,
            logo=loaded.logo,
        )[0]
        for side in ("front", "back")
    ]  # fmt: skip


def fresh_previews(loaded: Deck, card: Card, number: int, **changes: str) -> list[bytes]:
    """The same previews drawn from the set's own layout pass, with no cache involved."""
    cards = list(loaded.card_set.cards)
    cards[number - 1] = card
    edited = replace(loaded, card_set=replace(loaded.card_set, cards=tuple(cards), **changes))
    clear_all()
    return [preview_png(edited.page(number, side)) for side in ("front", "back")]


@pytest.mark.parametrize("what", [*EDITS, "set title", "link"])
def test_a_cached_preview_after_an_edit_is_the_fresh_one(what: str) -> None:
    loaded = open_deck(LOGO_SET)
    card = loaded.card_set.cards[0]
    previews(loaded, card, 1)  # the unedited card, now cached
    if what in EDITS:
        edited, changes = EDITS[what](card), {}
    elif what == "set title":
        edited, changes = card, {"title": "Een andere set"}
    else:
        edited, changes = card, {"link": "https://example.org/anders"}
    cached = previews(loaded, edited, 1, **changes)
    assert previews(loaded, edited, 1, **changes) == cached  # served from the cache
    assert cached == fresh_previews(loaded, edited, 1, **changes)
    assert cached != fresh_previews(loaded, card, 1)  # the edit shows


@pytest.mark.parametrize("path", [*EXAMPLE_SETS, LOGO_SET, HARD_SET], ids=lambda p: p.stem)
def test_exports_with_warm_and_cold_caches_are_byte_identical(path) -> None:
    loaded = open_deck(path)
    warm_pdf, _ = set_pdf(loaded)
    warm_zip = png_zip(loaded, dpi=100)
    clear_all()
    cold = open_deck(path)
    assert set_pdf(cold)[0] == warm_pdf
    clear_all()
    assert png_zip(open_deck(path), dpi=100) == warm_zip


def test_a_line_drawn_before_is_reused_only_where_it_looks_the_same() -> None:
    """The same words at other sizes and at other fractions of a pixel (cards placed on a
    sheet) are drawn anew: warm renders equal cold ones."""
    loaded = open_deck(EXAMPLE_SETS[0])
    drawings = [*sheets(loaded, SheetOptions(paper="A4")), next(loaded.pages())]
    renders = [(drawing, dpi) for drawing in drawings for dpi in (97, 150)]
    clear_all()
    cold = []
    for drawing, dpi in renders:
        cold.append(render_page(drawing, dpi).tobytes())
        clear_all()
    warm = [render_page(drawing, dpi).tobytes() for drawing, dpi in reversed(renders)]
    assert warm[::-1] == cold


def test_pngs_drawn_on_two_cores_equal_those_drawn_on_one() -> None:
    pages = [page for path in (LOGO_SET, HARD_SET) for page in open_deck(path).pages()]
    assert len(pages) >= PARALLEL_FROM  # enough to be drawn in parallel
    serial = list(render_pngs(pages, 100))
    assert list(render_pngs(pages, 100, cores=2)) == serial
    assert [page for page, _ in serial] == pages


@pytest.mark.parametrize("cores", [1, 2])
def test_pngs_come_while_the_set_is_still_being_laid_out(cores: int) -> None:
    """Drawing starts with the first page laid out, and never runs far ahead of the
    caller: a large set is never held in memory as images."""
    taken = []

    def laid_out():
        for path in (LOGO_SET, HARD_SET):
            for page in open_deck(path).pages():
                taken.append(page)
                yield page

    for number, (page, _) in enumerate(render_pngs(laid_out(), 60, cores)):
        assert page is taken[number]
        assert len(taken) - number <= AHEAD_PER_CORE * cores + 1
    assert number + 1 == len(taken) >= PARALLEL_FROM


def test_identical_sides_are_drawn_once_and_every_page_gets_its_own_png(monkeypatch) -> None:
    """Described by their words too: the backs of one kind say the same, and share a PNG."""
    loaded = open_deck(EXAMPLE_SETS[0])
    pages = list(loaded.pages())

    def words(page) -> str:
        return loaded.side_text(page.card, page.side)

    one_by_one = [page_png(page, 100, words(page)) for page in pages]
    drawn = []

    def counting_page_png(page, dpi, description=""):
        drawn.append(page)
        return page_png(page, dpi, description)

    monkeypatch.setattr(export, "page_png", counting_page_png)
    assert [data for _, data in render_pngs(pages, 100, describe=words)] == one_by_one
    kinds = {card.kind for card in loaded.card_set.cards}
    fronts = sum(page.side == "front" for page in pages)
    assert len(drawn) == fronts + len(kinds) < len(pages)  # one back per card kind


def test_a_zip_streamed_into_a_file_is_the_one_made_in_memory(tmp_path) -> None:
    loaded = open_deck(EXAMPLE_SETS[0])
    target = tmp_path / "kaartjes.zip"
    with target.open("wb") as stream:
        pages = write_png_zip(loaded, stream, dpi=100, cores=2)
    assert target.read_bytes() == png_zip(loaded, dpi=100)
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        assert len(archive.namelist()) == len(pages) == 2 * len(loaded.card_set.cards)
