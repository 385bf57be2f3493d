"""CMYK for print shops: the layout's own CMYK values, or a conversion through a CMYK profile.

cardkit ships no CMYK profile. It uses a free one where the machine has it: the
profile named by CARDKIT_CMYK_PROFILE, or Artifex's generic CMYK profile from
Debian's libgs-common (part of Ghostscript). Without one, print files are RGB.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from PIL import Image, ImageCms

from cardkit.display import RGB
from cardkit.errors import CardkitError, Text

CMYK = tuple[float, float, float, float]  # percentages, 0 to 100
PROFILE_CANDIDATES = (Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),)
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
        pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), self._transform)
        return tuple(round(value / 2.55, 1) for value in pixel.getpixel((0, 0)))  # type: ignore[return-value]

    def image(self, path: str | io.BytesIO, background: RGB) -> bytes:
        """The image as a CMYK JPEG, its transparent parts filled with `background` in
        exactly the CMYK the page uses there, so no box shows around it."""
        with Image.open(path) as source:
            rgba = source.convert("RGBA")
        converted = ImageCms.applyTransform(rgba.convert("RGB"), self._transform)
        under = tuple(round(percent * 2.55) for percent in self(background))
        flat = Image.composite(converted, Image.new("CMYK", rgba.size, under), rgba.getchannel("A"))
        buffer = io.BytesIO()
        flat.save(buffer, format="JPEG", quality=95, subsampling=0)
        return buffer.getvalue()

    @property
    def description(self) -> str:
        return ImageCms.getProfileDescription(ImageCms.getOpenProfile(str(self.profile))).strip()

    @property
    def icc(self) -> bytes:
        return self.profile.read_bytes()
