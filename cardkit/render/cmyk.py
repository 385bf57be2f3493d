"""CMYK for print shops: the layout's own CMYK values, or a conversion through a CMYK profile.

cardkit ships no CMYK profile. It uses a free one where the machine has it: the
profile named by CARDKIT_CMYK_PROFILE, or Artifex's generic CMYK profile from
Debian's libgs-common (part of Ghostscript). Without one, print files are RGB.

Pictures (logos, emoji) go into the print file flattened: each is composited, in CMYK,
over what its page draws under it (see `CmykConverter.image`).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageCms

from cardkit.display import RGB, ImageItem, Item, TextLine, draw_items
from cardkit.errors import CardkitError, Text
from cardkit.geometry import MM_PER_INCH, Box, mm_to_px, pt_to_mm
from cardkit.render.png import PillowCanvas

CMYK = tuple[float, float, float, float]  # percentages, 0 to 100
PROFILE_CANDIDATES = (Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),)
PAPER: RGB = (255, 255, 255)  # under everything a page draws
# A backdrop is drawn at the picture's own resolution, but never finer than this: finer
# than any press prints, and it bounds the work for a logo of thousands of pixels.
MAX_BACKDROP_DPI = 1200
FLATTENED_KEPT = 64  # flattened pictures kept: the logo on every back is flattened once
NO_PROFILE = Text(
    "no CMYK profile on this machine: install Debian's libgs-common "
    "(sudo apt-get install libgs-common) or set CARDKIT_CMYK_PROFILE to an .icc file; "
    "the RGB print files need no profile",
    "geen CMYK-profiel op deze computer: installeer libgs-common of stel "
    "CARDKIT_CMYK_PROFILE in; de RGB-printbestanden werken zonder profiel",
)


def find_cmyk_profile() -> Path | None:
    configured = os.environ.get("CARDKIT_CMYK_PROFILE")
    candidates = [Path(configured)] if configured else list(PROFILE_CANDIDATES)
    return next((path for path in candidates if path.is_file()), None)


@dataclass(frozen=True)
class CmykConverter:
    """RGB to CMYK: exact values from the layout where given, the profile for the rest."""

    profile: Path
    fixed: Mapping[RGB, CMYK]

    @classmethod
    def available(cls, fixed: Mapping[RGB, CMYK]) -> CmykConverter:
        profile = find_cmyk_profile()
        if profile is None:
            raise CardkitError(None, NO_PROFILE)
        return cls(profile, dict(fixed))

    @cached_property
    def _transform(self) -> ImageCms.ImageCmsTransform:
        return ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"),
            ImageCms.getOpenProfile(str(self.profile)),
            "RGB",
            "CMYK",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
        )

    def __call__(self, rgb: RGB) -> CMYK:
        if rgb in self.fixed:
            return self.fixed[rgb]
        value = self._converted(Image.new("RGB", (1, 1), rgb)).getpixel((0, 0))
        assert isinstance(value, tuple)  # a CMYK pixel: four bands
        c, m, y, k = (round(band / 2.55, 1) for band in value)
        return (c, m, y, k)

    def _converted(self, image: Image.Image) -> Image.Image:
        """`image` through the CMYK profile (a new image: never in place)."""
        converted = ImageCms.applyTransform(image, self._transform)
        assert converted is not None
        return converted

    def image(self, item: ImageItem, page: Sequence[Item]) -> Image.Image:
        """The picture of `item`, one of the items of `page`, in CMYK and flattened over
        what the page draws before it there (shared: never modify it).

        A print file carries no transparency (PDF/X), so where the picture is transparent
        it must hold what the page shows there, in the CMYK the page uses. That comes from
        the display list itself, which alone knows what lies under the picture (a band
        over part of an emoji, stripes under a logo, an earlier emoji); a single backdrop
        colour set by the layout could not say it. The items drawn before the picture
        that reach its box are drawn by the PNG renderer at the picture's resolution and
        converted pixel by pixel like the page's colours (the layout's CMYK where a pixel
        is one of its colours, the profile elsewhere); the picture, converted by the
        profile, is composited over that. Where it is transparent, the result is exactly
        the page's CMYK: it is embedded losslessly (JPEG would ring at a band's edge,
        and these flat graphics come out smaller without it). Only pixels that blend two
        colours differ from what a viewer of the RGB file shows, by the blending: the
        picture's soft edge is blended in CMYK, while an earlier picture under it is
        drawn by the PNG renderer, its soft edge blended in RGB.
        """
        box = item.box
        before = drawn_before(page, item)
        if before is None:
            raise LookupError("a picture is drawn that is not among the items of its page")
        under = tuple(drawn.moved(-box.x, -box.y) for drawn in before if _reaches(drawn, box))
        # Kept by the picture and what lies under it, both relative to its box: a logo on
        # every back is flattened once, and embedded once (fpdf2 knows equal images).
        return self._flattened(item.moved(-box.x, -box.y), under)

    @cached_property
    def _flattened(self) -> Callable[[ImageItem, tuple[Item, ...]], Image.Image]:
        return lru_cache(maxsize=FLATTENED_KEPT)(self._flatten)

    def _flatten(self, item: ImageItem, under: tuple[Item, ...]) -> Image.Image:
        """The picture of `item` (its box at the origin) over the items `under` it."""
        with Image.open(io.BytesIO(item.data) if item.data else item.path) as source:
            picture = source.convert("RGBA")
        alpha = picture.getchannel("A")
        if alpha.getextrema()[0] == 255:  # opaque: nothing under it shows
            return self._converted(picture.convert("RGB"))
        backdrop = _drawn_under(under, item.box, picture.size)
        # Both through the profile in one call: each call costs some 10 ms beyond the
        # conversion itself (Pillow copies the CMYK profile into the result).
        width, height = picture.size
        both = Image.new("RGB", (width, 2 * height))
        both.paste(picture.convert("RGB"))
        both.paste(backdrop, (0, height))
        converted = self._converted(both)
        under_cmyk = converted.crop((0, height, width, 2 * height))
        self._paste_layout_colours(under_cmyk, backdrop)
        return Image.composite(converted.crop((0, 0, width, height)), under_cmyk, alpha)

    def _paste_layout_colours(self, converted: Image.Image, image: Image.Image) -> None:
        """Where a pixel of `image` (RGB) is exactly a colour the layout gives CMYK for,
        that CMYK into `converted` (its profile conversion): the page's own rule."""
        colours = image.getcolors(image.width * image.height) or ()
        present: set[RGB] = {
            (rgb[0], rgb[1], rgb[2]) for _, rgb in colours if isinstance(rgb, tuple)
        }
        bands = image.split()
        for rgb in present & self.fixed.keys():
            red, green, blue = (
                band.point([255 * (value == channel) for value in range(256)])
                for band, channel in zip(bands, rgb, strict=True)
            )
            where = ImageChops.multiply(ImageChops.multiply(red, green), blue)
            converted.paste(self._ink(rgb), mask=where)

    def _ink(self, rgb: RGB) -> tuple[int, int, int, int]:
        """The colour's CMYK as 8-bit image values."""
        return tuple(round(percent * 2.55) for percent in self(rgb))  # type: ignore[return-value]

    @property
    def description(self) -> str:
        return ImageCms.getProfileDescription(ImageCms.getOpenProfile(str(self.profile))).strip()

    @property
    def icc(self) -> bytes:
        return self.profile.read_bytes()


def drawn_before(items: Sequence[Item], target: Item) -> tuple[Item, ...] | None:
    """The items drawn before `target` (this very object), or None if it is not there.
    `target` is one of `items` or inside a group of them (a clip): then the group's
    earlier items count too, unclipped, as they look the same wherever `target` shows."""
    for index, item in enumerate(items):
        if item is target:
            return tuple(items[:index])
        inner = drawn_before(getattr(item, "items", ()), target)
        if inner is not None:
            return (*items[:index], *inner)
    return None


def _reaches(item: Item, box: Box) -> bool:
    """Whether `item` may paint inside `box`. Glyphs may overhang their line box; the PNG
    renderer allows them half an em, and so does this."""
    left, top, right, bottom = item.extent
    margin = pt_to_mm(item.size) / 2 if isinstance(item, TextLine) else 0.0
    return (
        left - margin < box.right
        and right + margin > box.x
        and top - margin < box.bottom
        and bottom + margin > box.y
    )


def _drawn_under(under: Sequence[Item], box: Box, size: tuple[int, int]) -> Image.Image:
    """`under` (placed relative to `box`) drawn by the PNG renderer on paper, as an RGB
    image of `size` pixels covering `box`."""
    dpi = min(size[0] * MM_PER_INCH / box.width, MAX_BACKDROP_DPI)
    width = max(1, round(mm_to_px(box.width, dpi)))
    height = max(1, round(mm_to_px(box.height, dpi)))
    drawn = Image.new("RGB", (width, height), PAPER)
    draw_items(under, PillowCanvas(drawn, dpi))
    return drawn if drawn.size == size else drawn.resize(size, Image.Resampling.BILINEAR)
