"""Images and files for sharing: WhatsApp, status updates, e-mail.

Presets size the card for where it goes: `whatsapp` is the card itself at 1600 px on
its long side (the most WhatsApp keeps without rescaling), `square` (1080 x 1080) and
`story` (1080 x 1920) put it on a house-style background. Images are sRGB without
transparency; PNG by default, as an exact palette PNG whenever the picture has at
most 256 colours (antialiasing is drawn in 16 steps so a flat card does), JPEG on
request. A share bundle adds an overview of the whole set and the questions as text.
Identical input gives identical bytes.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from PIL import Image, ImageChops, ImageDraw
from PIL.PngImagePlugin import PngInfo

from cardkit.deck import Deck
from cardkit.display import RGB, FillRect, Item, Page, Side
from cardkit.geometry import Box
from cardkit.output.export import ZIP_DATE, Progress
from cardkit.output.names import QUESTIONS_FILE, bundle_file, card_file, overview_file
from cardkit.output.surface import Surface, text_block, trimmed
from cardkit.paths import FONTS_DIR
from cardkit.render.pdf import PdfCanvas
from cardkit.render.png import render_page

Format = Literal["png", "jpeg"]
AA_LEVELS = 16
JPEG_QUALITY = 90
SRGB = (resources.files("cardkit") / "data" / "sRGB2014.icc").read_bytes()
TITLE_FONT = str(FONTS_DIR / "Lato-Bold.ttf")
BODY_FONT = str(FONTS_DIR / "Lato-Regular.ttf")


@dataclass(frozen=True)
class Preset:
    """Where a card image goes: its canvas in pixels (None: the card alone), and how much
    of the canvas the card takes."""

    name: str
    canvas: tuple[int, int] | None
    long_side: int = 0  # for the card alone
    card_share: float = 0.0  # of the canvas's short side the card's width may take
    budget: int | None = None  # bytes


PRESETS = {
    "whatsapp": Preset("whatsapp", None, long_side=1600, budget=300_000),
    "square": Preset("square", (1080, 1080), card_share=0.62, budget=300_000),
    "story": Preset("story", (1080, 1920), card_share=0.8),
}


def card_image(page: Page, long_side: int) -> Image.Image:
    """The cut card with `long_side` pixels on its longer side, exactly."""
    card = trimmed(page)
    dpi = long_side * 25.4 / max(card.width, card.height)
    return render_page(card, dpi, levels=AA_LEVELS)


def share_image(deck: Deck, number: int, preset: Preset, side: Side = "front") -> Image.Image:
    page = deck.page(number, side)
    if preset.canvas is None:
        return card_image(page, preset.long_side)
    return _on_canvas(deck, page, preset)


def _on_canvas(deck: Deck, page: Page, preset: Preset) -> Image.Image:
    """The card with rounded corners, centred on the kind's tint, with the set's title and
    the card's number above and below it where the canvas is tall enough."""
    width, height = preset.canvas  # type: ignore[misc]
    layout = deck.layout
    kind = deck.card_set.cards[page.card - 1].kind
    tint = _kind_color(layout, kind, "tint", "paper")
    accent = _kind_color(layout, kind, "accent", "ink")
    card_w = round(min(width, height) * preset.card_share)
    long_side = round(card_w * max(page.trim.width, page.trim.height) / page.trim.width)
    card = card_image(page, long_side)
    scale = card.width / page.trim.width  # pixels per mm, shared by canvas and card
    size = (width / scale, height / scale)
    items = _canvas_items(deck, page, accent, tint, card.height / scale, size)
    canvas = Surface(size[0], size[1], items)
    image = render_page(canvas, scale * 25.4, levels=AA_LEVELS)
    radius = page.corner_radius * scale
    mask = _rounded_mask(card.size, radius)
    image.paste(card, ((width - card.width) // 2, (height - card.height) // 2), mask)
    return image


def _canvas_items(
    deck: Deck, page: Page, accent: RGB, tint: RGB, card_h: float, size: tuple[float, float]
) -> tuple[Item, ...]:
    width, height = size
    items: list[Item] = [FillRect(Box(0, 0, width, height), tint)]
    free = (height - card_h) / 2
    if free > 18:  # room above and below the card (the story format)
        margin = width * 0.1
        title = Box(margin, free * 0.35, width - 2 * margin, free * 0.45)
        items += text_block(
            "title", deck.card_set.title, title, (10, 16), accent, "center", "bottom", TITLE_FONT
        )
        total = len(deck.card_set.cards)
        counter = Box(margin, height - free * 0.8, width - 2 * margin, free * 0.3)
        number = f"Kaartje {page.card} van {total}"
        items += text_block("number", number, counter, (8, 11), accent, "center", "top", BODY_FONT)
    return tuple(items)


def _kind_color(layout, kind: str, role: str, fallback: str) -> RGB:
    if role in layout.kinds[kind].colors:
        return layout.color(role, kind)
    return layout.color(fallback, kind)


def _rounded_mask(size: tuple[int, int], radius: float) -> Image.Image:
    scale = 4
    mask = Image.new("L", (size[0] * scale, size[1] * scale), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, mask.width - 1, mask.height - 1), radius=radius * scale, fill=255
    )
    step = 255 / (AA_LEVELS - 1)
    return mask.reduce(scale).point([round(round(v / step) * step) for v in range(256)])


def encode(image: Image.Image, image_format: Format = "png", description: str = "") -> bytes:
    """PNG (an exact palette PNG when the image has at most 256 colours) or JPEG; sRGB.
    A PNG carries `description`, the words the image shows, as its "Description" text
    (iTXt, UTF-8), so an image shared onward keeps them where apps read them."""
    buffer = io.BytesIO()
    rgb = image.convert("RGB")
    if image_format == "jpeg":
        rgb.save(
            buffer, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True, icc_profile=SRGB
        )
        return buffer.getvalue()
    exact = exact_palette(rgb)
    info = PngInfo()
    if description:
        info.add_itxt("Description", description.replace("\0", ""))
    (exact or rgb).save(buffer, "PNG", compress_level=9, icc_profile=SRGB, pnginfo=info)
    return buffer.getvalue()


def exact_palette(image: Image.Image) -> Image.Image | None:
    """The image as a palette image with exactly its own colours, if it has at most 256."""
    if image.getcolors(256) is None:
        return None
    # Median cut keeps every colour when there are no more than asked for; checked below.
    indexed = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    if ImageChops.difference(indexed.convert("RGB"), image).getbbox() is not None:
        return None  # never trade a pixel for a smaller file
    return indexed


def preset_images(
    deck: Deck, preset: Preset, sides: tuple[Side, ...], image_format: Format = "png"
) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) for every card side in set order, `card-01.png` and so on."""
    total = len(deck.card_set.cards)
    extension = "jpg" if image_format == "jpeg" else "png"
    for number in range(1, total + 1):
        for side in sides:
            image = share_image(deck, number, preset, side)
            words = deck.side_text(number, side)
            yield card_file(number, total, side, extension), encode(image, image_format, words)


# --- the share bundle --------------------------------------------------------------------


def overview_image(deck: Deck, long_side: int = 1600) -> Image.Image:
    """Every card front in a grid on one image, for a single message."""
    count = len(deck.card_set.cards)
    trim = deck.layout.format
    aspect = trim.width / trim.height
    columns = max(1, math.ceil(math.sqrt(count / aspect * 0.75)))
    rows = math.ceil(count / columns)
    gap = 24
    cell_w = (long_side - gap * (columns + 1)) // columns
    cell_h = round(cell_w / aspect)
    height = rows * cell_h + gap * (rows + 1)
    if height > long_side:  # tall sets: fit the height instead
        cell_h = (long_side - gap * (rows + 1)) // rows
        cell_w = round(cell_h * aspect)
        height = long_side
    width = columns * cell_w + gap * (columns + 1)
    paper = deck.layout.palette.get("rule", (221, 214, 200))
    sheet = Image.new("RGB", (width, height), paper)
    for index in range(count):
        card = card_image(deck.page(index + 1, "front"), max(cell_w, cell_h))
        card = card.resize((cell_w, cell_h)) if card.size != (cell_w, cell_h) else card
        x = gap + (index % columns) * (cell_w + gap)
        y = gap + (index // columns) * (cell_h + gap)
        sheet.paste(card, (x, y))
    return sheet


def questions_text(deck: Deck) -> str:
    """Every card in plain text: for alt text, screen readers and copy-paste."""
    card_set = deck.card_set
    lines = [card_set.title]
    if card_set.link:
        lines.append(card_set.link)
    lines.append("")
    for number, card in enumerate(card_set.cards, start=1):
        label = deck.layout.kinds[card.kind].label
        heading = f"{number}. {label}" + (f": {card.title}" if card.title else "")
        lines.append(heading)
        lines.append(card.question)
        if card.hint:
            lines.append(f"Toelichting: {card.hint}")
        if card.moment:
            lines.append(f"Wanneer: {card.moment}")
        lines.append("")
    return "\n".join(lines)


def share_bundle(
    deck: Deck,
    preset: Preset = PRESETS["whatsapp"],
    image_format: Format = "png",
    progress: Progress = lambda done, total: None,
) -> bytes:
    """A ZIP: the card images numbered in set order, an overview, the questions as text."""
    cards = deck.card_set.cards
    extension = "jpg" if image_format == "jpeg" else "png"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:

        def add(name: str, data: bytes) -> None:
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), data)

        overview = encode(overview_image(deck), image_format, questions_text(deck))
        add(overview_file(extension), overview)
        progress(1, len(cards) + 1)
        for number, card in enumerate(cards, start=1):
            image = share_image(deck, number, preset)
            name = bundle_file(number, len(cards), card.title, card.question, extension)
            add(name, encode(image, image_format, deck.side_text(number, "front")))
            progress(number + 1, len(cards) + 1)
        add(QUESTIONS_FILE, questions_text(deck).encode("utf-8"))
    return buffer.getvalue()


# --- the e-mail PDF ------------------------------------------------------------------------


def email_pdf(deck: Deck, progress: Progress = lambda done, total: None) -> bytes:
    """Every card front on a page the size of the cut card: no bleed, no marks, small."""
    canvas = PdfCanvas(deck.card_set.title)
    total = len(deck.card_set.cards)
    for number in range(1, total + 1):
        canvas.add_drawing(trimmed(deck.page(number, "front")))
        progress(number, total)
    return canvas.output()
