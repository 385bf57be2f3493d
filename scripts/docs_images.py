"""Regenerate the pictures in docs/: three cards of the example set, and the designer.

Run with the project's environment: `.venv/bin/python scripts/docs_images.py`.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cardkit.deck import open_deck  # noqa: E402
from cardkit.paths import CONTENT_DIR  # noqa: E402
from cardkit.render.png import render_page  # noqa: E402

DPI = 110
GAP = 24
BACKGROUND = (236, 233, 226)


def cards_picture() -> None:
    loaded = open_deck(CONTENT_DIR / "gelijkwaardig-samenwerken.yaml")
    sides = [(1, "front"), (3, "front"), (1, "back")]
    images = [render_page(loaded.page(n, side), DPI) for n, side in sides]
    # Show the trimmed cards: crop the bleed away, as the printed cards look.
    bleed = round(loaded.layout.format.bleed * DPI / 25.4)
    images = [im.crop((bleed, bleed, im.width - bleed, im.height - bleed)) for im in images]
    width = sum(im.width for im in images) + GAP * (len(images) + 1)
    sheet = Image.new("RGB", (width, images[0].height + 2 * GAP), BACKGROUND)
    x = GAP
    for image in images:
        sheet.paste(image, (x, GAP))
        x += image.width + GAP
    sheet.save(ROOT / "docs" / "cards.png", optimize=True)


def designer_picture() -> None:
    from playwright.sync_api import expect, sync_playwright

    from scripts.bench_designer import CHROMIUM, FLAGS, start_server

    folder = Path(tempfile.mkdtemp(prefix="cardkit-docs-"))
    for path in CONTENT_DIR.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    process, url = start_server(folder)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1050})
            page.goto(url)
            expect(page.locator('[data-testid="stImage"] img').first).to_be_visible(timeout=60_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=ROOT / "docs" / "designer.png")
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)
    with Image.open(ROOT / "docs" / "designer.png") as shot:
        shot.convert("RGB").quantize(256).save(ROOT / "docs" / "designer.png", optimize=True)


if __name__ == "__main__":
    cards_picture()
    designer_picture()
