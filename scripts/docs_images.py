"""Regenerate the pictures in docs/ from the example set (run with the project venv)."""

from __future__ import annotations

from PIL import Image

from cardkit.layout import lay_out_side
from cardkit.load import open_set
from cardkit.paths import CONTENT_DIR, ROOT
from cardkit.render_png import render_page

DPI = 110
GAP = 24
BACKGROUND = (236, 233, 226)


def main() -> None:
    loaded = open_set(CONTENT_DIR / "gelijkwaardig-samenwerken.yaml")
    sides = [(1, "front"), (3, "front"), (1, "back")]
    images = [
        render_page(lay_out_side(loaded.card_set, loaded.layout, n, side), DPI) for n, side in sides
    ]
    # Show the trimmed cards: crop the bleed away, as the printed cards look.
    bleed = round(loaded.layout.format.bleed * DPI / 25.4)
    images = [im.crop((bleed, bleed, im.width - bleed, im.height - bleed)) for im in images]
    width = sum(im.width for im in images) + GAP * (len(images) + 1)
    height = images[0].height + 2 * GAP
    sheet = Image.new("RGB", (width, height), BACKGROUND)
    x = GAP
    for image in images:
        sheet.paste(image, (x, GAP))
        x += image.width + GAP
    sheet.save(ROOT / "docs" / "cards.png", optimize=True)


if __name__ == "__main__":
    main()
