"""Raster images a team brings (logos): found safely beside the set, checked before use.

An image is refused with a clear message when it is missing, outside the set's
folder, not a PNG, JPEG or WebP file, corrupt or cut short (it is decoded whole, once,
when checked), too large a file, too many pixels (a decompression bomb would otherwise
take all memory) or too long and thin to sit on a card.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from cardkit.errors import CardkitError, Location, Text, nl_number
from cardkit.limits import MAX_IMAGE_ASPECT, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS
from cardkit.read.files import read_plain_file

FORMATS = {"PNG", "JPEG", "WEBP"}


@dataclass(frozen=True)
class Logo:
    """A checked image: where it is, its pixel size, and a digest of its bytes."""

    path: str
    width: int
    height: int
    digest: str
    image_format: str = "PNG"

    @property
    def aspect(self) -> float:
        return self.width / self.height


def resolve_logo(folder: Path, relative: str, where: Location) -> Logo:
    """The logo `relative` (as written in the set) inside `folder`, checked."""
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise CardkitError(
            where,
            Text(
                f'"{relative}" lies outside the folder of the set',
                f'"{relative}" staat buiten de map van de set',
            ),
        )
    if not path.is_file():
        raise CardkitError(
            where, Text(f'no image file "{relative}"', f'geen afbeelding "{relative}" gevonden')
        )
    stat = path.stat()
    return _checked_file(str(path), stat.st_mtime_ns, stat.st_size, where)


@lru_cache(maxsize=64)
def _checked_file(path: str, _mtime: int, _size: int, where: Location) -> Logo:
    """Checked once per version of the file (a designer rerun must not re-hash the logo)."""
    return check_image(read_plain_file(Path(path), where.file, MAX_IMAGE_BYTES), path, where)


def check_image(data: bytes, path: str, where: Location) -> Logo:
    """Check image bytes without decoding more than their header twice over."""
    if len(data) > MAX_IMAGE_BYTES:
        raise CardkitError(
            where,
            Text(
                f"the image is {len(data) / 1e6:.1f} MB; at most {MAX_IMAGE_BYTES / 1e6:.0f} MB",
                f"de afbeelding is {len(data) / 1e6:.1f} MB; "
                f"hoogstens {MAX_IMAGE_BYTES / 1e6:.0f} MB",
            ),
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image_format, (width, height) = image.format, image.size
                if image_format not in FORMATS:
                    raise CardkitError(where, _not_an_image(f"a {image_format} file"))
                if width * height > MAX_IMAGE_PIXELS:
                    raise CardkitError(where, _too_many_pixels(width * height))
                if max(width, height) > MAX_IMAGE_ASPECT * min(width, height):
                    raise CardkitError(where, _too_thin(width, height))
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # every pixel: a file cut short fails here, not in a preview
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        pixels = re.search(r"\((\d+) pixels\)", str(error))
        raise CardkitError(where, _too_many_pixels(int(pixels.group(1)) if pixels else 0)) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, IndexError, EOFError):
        # Pillow reports a damaged file in many ways (an image with no data: IndexError).
        raise CardkitError(where, _not_an_image("unreadable")) from None
    return Logo(path, width, height, hashlib.sha256(data).hexdigest(), image_format)


def _not_an_image(what: str) -> Text:
    return Text(
        f"is not a usable image ({what}); use a PNG, JPEG or WebP file",
        "is geen bruikbare afbeelding; gebruik een PNG-, JPEG- of WebP-bestand",
    )


def _too_thin(width: int, height: int) -> Text:
    return Text(
        f"the image is {width:,} x {height:,} pixels: longer than {MAX_IMAGE_ASPECT} times "
        "its width or height; a logo needs a shape that fits on a card",
        f"de afbeelding is {nl_number(width)} x {nl_number(height)} pixels: meer dan "
        f"{MAX_IMAGE_ASPECT} keer zo lang als breed; een logo moet op een kaartje passen",
    )


def _too_many_pixels(pixels: int) -> Text:
    size_en = f" ({pixels:,})" if pixels else ""
    size_nl = f" ({nl_number(pixels)})" if pixels else ""
    return Text(
        f"the image has too many pixels{size_en}; at most {MAX_IMAGE_PIXELS:,}",
        f"de afbeelding heeft te veel pixels{size_nl}; hoogstens {nl_number(MAX_IMAGE_PIXELS)}",
    )
