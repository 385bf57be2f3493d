"""The QR code on a card's back scans to the set's link, from the PNG and from the PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import segno
from PIL import Image

from cardkit.deck import open_deck
from cardkit.display import FillCells
from cardkit.layout.card import qr_cells
from cardkit.output.export import set_pdf
from cardkit.render.png import render_page
from tests.helpers import LOGO_SET
from tests.imagecompare import rasterise_pdf

LINK = "https://vimeo.com/652448506"


def decode(image: Image.Image, tmp_path: Path) -> list[str]:
    """What zbar reads in the image (zbarimg, from Debian's zbar-tools)."""
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg is missing: make test installs zbar-tools as root"
    path = tmp_path / "scan.png"
    image.save(path)
    result = subprocess.run(
        [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.split()


@pytest.fixture(scope="module")
def loaded():
    return open_deck(LOGO_SET)


def test_the_back_carries_a_standard_qr_code(loaded) -> None:
    page = loaded.page(1, "back")
    codes = [item for item in page.items if isinstance(item, FillCells)]
    assert len(codes) == 1
    cells = codes[0].cells
    version = (len(cells) - 2 * 4 - 17) // 4
    assert version >= 1  # a QR code, never a Micro QR (which has no quiet zone of 4)
    assert cells == qr_cells(LINK)
    assert not any(cells[0]) and not any(row[0] for row in cells)  # quiet zone


@pytest.mark.parametrize("dpi", [300, 150])
def test_qr_scans_from_the_png(loaded, tmp_path: Path, dpi: int) -> None:
    assert decode(render_page(loaded.page(2, "back"), dpi), tmp_path) == [LINK]


def test_qr_scans_from_the_rasterised_pdf(loaded, tmp_path: Path) -> None:
    data, pages = set_pdf(loaded)
    back = pages.index(next(p for p in pages if p.side == "back"))
    sizes = [render_page(page, 300).size for page in pages]
    image = rasterise_pdf(data, 300, sizes)[back]
    assert decode(image, tmp_path) == [LINK]


def test_the_decoder_reads_nothing_from_a_broken_code(loaded, tmp_path: Path) -> None:
    image = render_page(loaded.page(1, "back"), 300)
    page = loaded.page(1, "back")
    code = next(item for item in page.items if isinstance(item, FillCells))
    scale = 300 / 25.4
    box = code.box
    # Paint over the finder patterns: the code must no longer scan.
    top = (round(box.x * scale), round(box.y * scale), round((box.x + box.width / 2.5) * scale),
           round((box.y + box.height / 2.5) * scale))  # fmt: skip
    image.paste((255, 253, 248), top)
    assert decode(image, tmp_path) == []


def test_segno_is_asked_for_a_full_qr_code() -> None:
    code = segno.make_qr(LINK, error="m")
    assert not code.is_micro
