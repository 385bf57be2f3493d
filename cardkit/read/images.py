"""Raster images a team brings (logos): found safely beside the set, checked before use.

An image is refused with a clear message when it is missing, outside the set's
folder, not a PNG, JPEG or WebP file, corrupt or cut short (it is decoded whole, once,
when checked), a PNG header with no image data, too large a file, too many pixels (a
decompression bomb would otherwise take all memory) or too long and thin to sit on a card.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from cardkit.errors import CardkitError, Location, Text, nl_number
from cardkit.limits import MAX_IMAGE_ASPECT, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS
from cardkit.read.files import read_plain_file

FORMATS = {"PNG", "JPEG", "WEBP"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


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
    # What tells one version of the file from the next without reading it: a rewrite
    # changes the ctime (which os.utime cannot set back, unlike the mtime), a replace
    # the inode. The Logo's digest keys the caches of scaled pictures and previews.
    version = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino, stat.st_dev)
    return _checked_file(str(path), version, relative, where)


@lru_cache(maxsize=64)
def _checked_file(path: str, _version: tuple[int, ...], relative: str, where: Location) -> Logo:
    """Checked once per version of the file (a designer rerun must not re-hash the logo)."""
    data = read_plain_file(Path(path), where.file, MAX_IMAGE_BYTES)
    return check_image(data, path, where, relative)


def check_image(data: bytes, path: str, where: Location, name: str = "") -> Logo:
    """Check image bytes without decoding more than their header twice over. `name` (the
    file as the set names it) goes into the messages; without it, `where` names the file."""
    subject = _Subject(name)
    if len(data) > MAX_IMAGE_BYTES:
        raise CardkitError(
            where,
            Text(
                f"{subject.en} is {len(data) / 1e6:.1f} MB; at most {MAX_IMAGE_BYTES / 1e6:.0f} MB",
                f"{subject.nl} is {len(data) / 1e6:.1f} MB; "
                f"hoogstens {MAX_IMAGE_BYTES / 1e6:.0f} MB",
            ),
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image_format, (width, height) = image.format, image.size
                if image_format not in FORMATS:
                    raise CardkitError(where, _not_an_image(subject, f"a {image_format} file"))
                # cardkit's own limit, well under Pillow's: refused on the header alone.
                if width * height > MAX_IMAGE_PIXELS:
                    raise CardkitError(where, _too_many_pixels(subject, width * height))
                if max(width, height) > MAX_IMAGE_ASPECT * min(width, height):
                    raise CardkitError(where, _too_thin(subject, width, height))
                if image_format == "PNG" and not _png_has_image_data(data):
                    raise CardkitError(where, _no_image_data(subject))
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # every pixel: a file cut short fails here, not in a preview
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        pixels = re.search(r"\((\d+) pixels\)", str(error))
        pixel_count = int(pixels.group(1)) if pixels else 0
        raise CardkitError(where, _too_many_pixels(subject, pixel_count)) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, IndexError, EOFError):
        # Pillow reports a damaged file in many ways (an image with no data: IndexError).
        raise CardkitError(where, _not_an_image(subject, "unreadable")) from None
    return Logo(path, width, height, hashlib.sha256(data).hexdigest(), image_format)


def _png_has_image_data(data: bytes) -> bool:
    """Whether a PNG file has an image data chunk (IDAT) before its end chunk (IEND). One
    cut short before either is left to Pillow, which calls it unreadable."""
    offset = len(PNG_SIGNATURE)
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if kind == b"IDAT":
            return True
        if kind == b"IEND":
            return False
        offset += 12 + length  # length, kind, data, CRC
    return True


@dataclass(frozen=True)
class _Subject:
    """What an image message is about: the file by name, or "the image" when the
    message's location already names the file (an upload)."""

    name: str

    @property
    def en(self) -> str:
        return f'"{self.name}"' if self.name else "the image"

    @property
    def nl(self) -> str:
        return f'"{self.name}"' if self.name else "de afbeelding"


def _not_an_image(subject: _Subject, what: str) -> Text:
    en, nl = (f"{subject.en} ", f"{subject.nl} ") if subject.name else ("", "")
    return Text(
        f"{en}is not a usable image ({what}); use a PNG, JPEG or WebP file",
        f"{nl}is geen bruikbare afbeelding; gebruik een PNG-, JPEG- of WebP-bestand",
    )


def _no_image_data(subject: _Subject) -> Text:
    en, nl = (f"{subject.en} ", f"{subject.nl} ") if subject.name else ("", "")
    return Text(
        f"{en}is not a usable image: the PNG file has a header but no image data; "
        "save the logo again",
        f"{nl}is geen bruikbare afbeelding: het PNG-bestand heeft een kop maar geen "
        "beeldgegevens; sla het logo opnieuw op",
    )


def _too_thin(subject: _Subject, width: int, height: int) -> Text:
    return Text(
        f"{subject.en} is {width:,} x {height:,} pixels: longer than {MAX_IMAGE_ASPECT} times "
        "its width or height; a logo needs a shape that fits on a card",
        f"{subject.nl} is {nl_number(width)} x {nl_number(height)} pixels: meer dan "
        f"{MAX_IMAGE_ASPECT} keer zo lang als breed; een logo moet op een kaartje passen",
    )


def _too_many_pixels(subject: _Subject, pixels: int) -> Text:
    size_en = f" ({pixels:,})" if pixels else ""
    size_nl = f" ({nl_number(pixels)})" if pixels else ""
    return Text(
        f"{subject.en} has too many pixels{size_en}; at most {MAX_IMAGE_PIXELS:,}",
        f"{subject.nl} heeft te veel pixels{size_nl}; hoogstens {nl_number(MAX_IMAGE_PIXELS)}",
    )
