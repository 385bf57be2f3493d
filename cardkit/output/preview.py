"""Screen previews: the card as it looks once cut (no bleed, rounded corners), with any
zone whose text does not fit marked in red."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw, ImageOps

from cardkit.deck import Deck
from cardkit.display import Page, Side
from cardkit.geometry import mm_to_px
from cardkit.layout.card import CardContext, lay_out_card
from cardkit.model import TEXT_FIELDS, Card, CardSet
from cardkit.output.export import sheet_grid
from cardkit.output.impose import Grid, SheetOptions, impose
from cardkit.output.surface import trimmed
from cardkit.read.images import Logo
from cardkit.read.layouts import load_layout
from cardkit.render.png import png_bytes, render_page
from cardkit.render.pngfile import FAST_LEVEL, encode_png

PREVIEW_DPI = 150
THUMBNAIL_DPI = 40
MARK = (217, 45, 32)


def preview_image(page: Page, dpi: float = PREVIEW_DPI, mark_overflow: bool = True) -> Image.Image:
    """The trimmed card as RGBA: corners outside the corner radius are transparent."""
    card = render_page(trimmed(page), dpi).convert("RGBA")
    if mark_overflow:
        for overflow in page.overflows:
            _mark(card, page, overflow.zone, dpi, page.trim.x)
    if page.corner_radius > 0:
        card.putalpha(_corner_mask(card.size, round(mm_to_px(page.corner_radius, dpi), 1)))
    return card


@lru_cache(maxsize=32)
def _corner_mask(size: tuple[int, int], radius: float) -> Image.Image:
    """Rounded corners drawn four times larger and reduced: smooth. One per card size."""
    scale = 4
    mask = Image.new("L", (size[0] * scale, size[1] * scale), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, mask.width - 1, mask.height - 1), radius=radius * scale, fill=255
    )
    return mask.reduce(scale)


def _mark(card: Image.Image, page: Page, zone: str, dpi: float, bleed: float) -> None:
    box = page.zones[zone].moved(-bleed, -bleed)
    left, top = mm_to_px(box.x, dpi), mm_to_px(box.y, dpi)
    right, bottom = mm_to_px(box.right, dpi), mm_to_px(box.bottom, dpi)
    overlay = Image.new("RGBA", card.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    width = max(2, round(dpi / 50))
    draw.rectangle((left, top, right, bottom), fill=(*MARK, 40), outline=(*MARK, 255), width=width)
    card.alpha_composite(overlay)


def preview_png(page: Page, dpi: float = PREVIEW_DPI, mark_overflow: bool = True) -> bytes:
    """For the screen: written fast, as a preview lives for one edit."""
    return encode_png(preview_image(page, dpi, mark_overflow), level=FAST_LEVEL)


def card_preview(
    card: Card,
    number: int,
    total: int,
    set_title: str,
    link: str,
    layout_name: str,
    side: Side,
    dpi: float = PREVIEW_DPI,
    logo: Logo | None = None,
) -> tuple[bytes, Page]:
    """Preview PNG and display list of one card side, cached by everything the side shows:
    while a team edits one card, the other cards' previews (and this card's back, which
    does not show the question) are never drawn again."""
    layout = load_layout(layout_name)
    shown = layout.side(side).fields
    card = Card(card.kind, **{key: card.text(key) if key in shown else "" for key in TEXT_FIELDS})
    return _card_preview(card, number, total, set_title, link, layout_name, side, dpi, logo)


@lru_cache(maxsize=4096)
def _card_preview(
    card: Card,
    number: int,
    total: int,
    set_title: str,
    link: str,
    layout_name: str,
    side: Side,
    dpi: float,
    logo: Logo | None,
) -> tuple[bytes, Page]:
    layout = load_layout(layout_name)
    label = layout.kinds[card.kind].label
    context = CardContext(card, number, total, set_title, link, label, logo)
    page = lay_out_card(context, layout, side)
    return preview_png(page, dpi), page


SHEET_PREVIEW_DPI = 50


@lru_cache(maxsize=64)
def sheet_preview(
    card_set: CardSet, logo: Logo | None, options: SheetOptions, dpi: float = SHEET_PREVIEW_DPI
) -> tuple[Grid, int, tuple[bytes, ...]]:
    """The grid, the number of sheets of paper, and PNGs of the first sheet (front, and
    back with duplex) for a print setting; cached, as settings are tried one by one."""
    layout = load_layout(card_set.layout)
    deck = Deck(card_set, layout, card_set.title, logo)
    grid = sheet_grid(deck, options)
    first = min(len(card_set.cards), grid.per_sheet)
    fronts = [deck.page(n, "front") for n in range(1, first + 1)]
    backs = [deck.page(n, "back") for n in range(1, first + 1)] if options.duplex else None
    sheets = impose(fronts, backs, options, card_set.title)
    # A thin grey edge shows where the white paper ends on a white page.
    images = tuple(
        png_bytes(ImageOps.expand(render_page(sheet, dpi), border=1, fill=(170, 170, 170)))
        for sheet in sheets
    )
    sheets_of_paper = -(-len(card_set.cards) // grid.per_sheet)
    return grid, sheets_of_paper, images
