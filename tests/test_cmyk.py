"""The CMYK print file looks like the RGB one where emoji and logos are transparent.

A print file carries no transparency, so cardkit.render.cmyk flattens every picture over
what its page draws under it. Both files are rasterised with pypdfium2 at 300 dpi and
compared inside the pictures' boxes, at the pixels where the picture is transparent (see
picture_masks) or over the whole box:

- CMYK against CMYK (the same page without the picture, or the band beside it): no
  colour conversion differs between the two, and pictures are embedded losslessly, so
  they agree exactly (LEVELS allows for a viewer's rounding). A shape's edge inside a
  picture is drawn from the picture's pixels, which the viewer resamples: it may move
  by a picture pixel (1.4 pixels of the raster for an emoji 16 mm wide), so each pixel
  is compared with the range of the other image's 5 x 5 neighbourhood. Where an
  earlier picture's soft edge shows through a later one, the two were blended
  differently (cardkit.render.cmyk): left out.
- CMYK against RGB: pdfium turns DeviceCMYK into RGB with a plain formula, not through
  the profile, which moves colours: the teal band by 8 levels, an emoji's saturated
  colours by up to 60. Over an emoji's box the mean difference per channel stays under
  12; MAX_MEAN_SHIFT allows 20. A white square on the teal band gives more than 70.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFilter
from pypdf import PdfReader

from cardkit.deck import open_deck
from cardkit.display import RGB, FillRect, ImageItem, Page
from cardkit.geometry import Box, mm_to_px
from cardkit.output.export import set_pdf
from cardkit.paths import FONTS_DIR
from cardkit.render.cmyk import CmykConverter, find_cmyk_profile
from cardkit.render.pdf import render_pdf
from cardkit.text.runs import emoji_picture
from tests.helpers import LOGO_SET, OUTPUT_DIR
from tests.imagecompare import rasterise_pdf, save_failure

DPI = 300
LEVELS = 2
MAX_MEAN_SHIFT = 20
PAPER: RGB = (255, 253, 248)
TEAL: RGB = (29, 101, 119)
ORANGE: RGB = (182, 74, 30)

EMOJI_TITLE_SET = """\
title: Emoji op de band
layout: a6
cards:
  - kind: denk
    title: Feest 🎉👍🏽 samen
    question: Wat vieren we vandaag?
"""


@pytest.fixture(scope="module")
def converter() -> CmykConverter:
    assert find_cmyk_profile(), "no CMYK profile: make test installs libgs-common as root"
    return CmykConverter.available({PAPER: (0, 0, 0, 0), TEAL: (87, 45, 40, 15)})


def pixels(box: Box) -> tuple[int, int, int, int]:
    """The whole pixels inside a box at DPI (its edge pixels blend with what is beside it)."""
    return (
        round(mm_to_px(box.x, DPI)) + 1,
        round(mm_to_px(box.y, DPI)) + 1,
        round(mm_to_px(box.right, DPI)) - 1,
        round(mm_to_px(box.bottom, DPI)) - 1,
    )


def page_size(page: Page) -> tuple[int, int]:
    return round(mm_to_px(page.width, DPI)), round(mm_to_px(page.height, DPI))


def picture_masks(item: ImageItem, size: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Where the picture is transparent, and where it has a soft edge, on a page of `size`
    pixels. The viewer's resampling spreads a picture by one of its own pixels and one or
    two of the raster: transparent means an alpha of 0 that far around, inside the box."""
    with Image.open(io.BytesIO(item.data) if item.data else item.path) as source:
        alpha = source.convert("RGBA").getchannel("A")
    left, top = round(mm_to_px(item.box.x, DPI)), round(mm_to_px(item.box.y, DPI))
    width = round(mm_to_px(item.box.right, DPI)) - left
    height = round(mm_to_px(item.box.bottom, DPI)) - top

    def placed(spread: type[ImageFilter.RankFilter]) -> np.ndarray:
        page = Image.new("L", size, 0)
        page.paste(
            alpha.filter(spread(3)).resize((width, height), Image.Resampling.BOX), (left, top)
        )
        return np.asarray(page.filter(spread(5)))

    inside = np.zeros((size[1], size[0]), dtype=bool)
    x0, y0, x1, y1 = pixels(item.box)
    inside[y0:y1, x0:x1] = True
    reach, core = placed(ImageFilter.MaxFilter), placed(ImageFilter.MinFilter)
    return inside & (reach == 0), (reach > 0) & (core < 255)


def beyond_neighbourhood(a: np.ndarray, b: np.ndarray, levels: int) -> np.ndarray:
    """Per pixel: is a channel of `a` more than `levels` outside the range of `b`'s 5 x 5
    neighbourhood, or the other way round?"""

    def outside(values: np.ndarray, other: np.ndarray) -> np.ndarray:
        height, width = other.shape[:2]
        padded = np.pad(other, ((2, 2), (2, 2), (0, 0)), mode="edge")
        shifts = [padded[dy : dy + height, dx : dx + width] for dy in range(5) for dx in range(5)]
        low = np.minimum.reduce(shifts).astype(np.int16) - levels
        high = np.maximum.reduce(shifts).astype(np.int16) + levels
        values = values.astype(np.int16)
        return ((values < low) | (values > high)).any(axis=2)

    return outside(a, b) | outside(b, a)


def test_pictures_show_in_cmyk_what_lies_under_them(converter: CmykConverter) -> None:
    """A band over the top of an emoji, an emoji overlapping it, a gradient of stripes
    under a logo: where each picture is transparent, the CMYK page shows what the same
    page shows without that picture."""
    emoji = emoji_picture(str(FONTS_DIR / "NotoColorEmoji.ttf"), "🎉").png
    logo = str(LOGO_SET.parent / "wijkteam.png")
    with Image.open(io.BytesIO(emoji)) as picture:
        emoji_height = 16 * picture.height / picture.width
    steps = 10
    stripes = [
        FillRect(
            Box(36 + 4 * step, 24, 4, 20),
            tuple(
                round(t + (o - t) * step / (steps - 1)) for t, o in zip(TEAL, ORANGE, strict=True)
            ),
        )
        for step in range(steps)
    ]
    pictures = [
        ImageItem(Box(4, 6, 16, emoji_height), "", "party", data=emoji),  # half on the band
        ImageItem(Box(16, 10, 16, emoji_height), "", "party", data=emoji),  # over the first
        ImageItem(Box(40, 28, 36, 10.8), logo, "logo"),  # 480 x 144 pixels, on the stripes
    ]
    items = (FillRect(Box(0, 0, 80, 50), PAPER), FillRect(Box(0, 0, 80, 14), TEAL), *stripes)

    def page(*drawn) -> Page:
        whole = Box(0, 0, 80, 50)
        return Page(1, "front", 80, 50, 0, 0, whole, whole, {}, (*items, *drawn))

    with_all = page(*pictures)
    size = page_size(with_all)
    shown = rasterise_pdf(render_pdf([with_all], cmyk=converter), DPI, [size])[0]
    masks = [picture_masks(picture, size) for picture in pictures]
    for index in range(len(pictures)):
        without = page(*pictures[:index], *pictures[index + 1 :])
        under = rasterise_pdf(render_pdf([without], cmyk=converter), DPI, [size])[0]
        wrong = beyond_neighbourhood(np.asarray(shown), np.asarray(under), LEVELS)
        where = masks[index][0] & ~np.logical_or.reduce([soft for _, soft in masks[:index]])
        assert where.sum() > 1000, "the test needs transparent pixels to look at"
        if (wrong & where).any():
            diff = save_failure(OUTPUT_DIR, f"cmyk-picture-{index}", under, shown)
            pytest.fail(
                f"picture {index}: {(wrong & where).sum()} of {where.sum()} transparent "
                f"pixels do not show what lies under them; see {diff}"
            )


@pytest.fixture(scope="module")
def emoji_title_pdfs(tmp_path_factory) -> tuple[Page, Image.Image, Image.Image]:
    """Card 1's front with emoji in its title on the band, from the RGB and the CMYK file."""
    assert find_cmyk_profile(), "no CMYK profile: make test installs libgs-common as root"
    path = Path(tmp_path_factory.mktemp("emoji")) / "emoji.yaml"
    path.write_text(EMOJI_TITLE_SET, encoding="utf-8")
    deck = open_deck(path)
    page = deck.page(1, "front")
    sizes = [page_size(page)] * 2
    rgb = rasterise_pdf(set_pdf(deck)[0], DPI, sizes)[0]
    cmyk = rasterise_pdf(set_pdf(deck, cmyk=True)[0], DPI, sizes)[0]
    return page, rgb, cmyk


def title_emoji(page: Page) -> list[ImageItem]:
    emoji = [item for item in page.items if isinstance(item, ImageItem)]
    assert len(emoji) == 2 and all(item.box.bottom < 37 for item in emoji), "both on the band"
    return emoji


def test_an_emoji_on_the_band_has_no_box_around_it(emoji_title_pdfs) -> None:
    """Where the emoji is transparent, the CMYK file shows its band's colour."""
    page, rgb, cmyk = emoji_title_pdfs
    shown = np.asarray(cmyk).astype(np.int16)
    for item in title_emoji(page):
        clear, _ = picture_masks(item, cmyk.size)
        _, top, _, bottom = pixels(item.box)
        # Beside the title, in the bleed: nothing but the band is drawn there.
        band = np.median(shown[top:bottom, 2:12].reshape(-1, 3), axis=0)
        off = clear & (np.abs(shown - band).max(axis=2) > LEVELS)
        if off.any():
            diff = save_failure(OUTPUT_DIR, "cmyk-emoji-on-band", rgb, cmyk)
            pytest.fail(
                f"{off.sum()} of {clear.sum()} transparent pixels of the emoji at {item.box} "
                f"are not the band's colour {band}; see {diff}"
            )


def test_an_emoji_on_the_band_looks_as_in_the_rgb_file(emoji_title_pdfs) -> None:
    page, rgb, cmyk = emoji_title_pdfs
    for item in title_emoji(page):
        box = pixels(item.box)
        shift = np.abs(
            np.asarray(rgb.crop(box)).astype(np.int16) - np.asarray(cmyk.crop(box))
        ).mean(axis=(0, 1))
        assert (shift < MAX_MEAN_SHIFT).all(), f"emoji at {item.box}: mean shift {shift}"


def test_a_logo_on_every_back_is_embedded_once() -> None:
    """Flattened pictures are kept by what lies under them, relative to their box: the
    same logo on the same badge is one image in the file, however many cards."""
    reader = PdfReader(io.BytesIO(set_pdf(open_deck(LOGO_SET), cmyk=True)[0]))
    images = {
        xobject.idnum
        for page in reader.pages[1::2]
        for xobject in page["/Resources"]["/XObject"].values()
    }
    assert len(reader.pages) == 6 and len(images) == 1
