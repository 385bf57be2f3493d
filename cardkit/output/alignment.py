"""The alignment test sheet: crosshairs on the front, red crosshairs with rulers on the back,
where a duplex printer should put them. Held to the light, it shows the printer's drift,
which `back_offset` then corrects.

A printer flips a landscape sheet differently from a portrait one, so the test sheet is
printed in the orientation of the sheets it is for (the grid of a set's cards): the
offset read off it is then the one `back_offset` applies to those sheets."""

from __future__ import annotations

from collections.abc import Iterator

from cardkit.display import RGB, FillEllipse, FillRect, Item
from cardkit.geometry import Box
from cardkit.output.impose import (
    FLIP_NL,
    LABEL_BAND,
    LABEL_COLOR,
    PAPERS,
    REGISTRATION,
    Grid,
    Sheet,
    SheetOptions,
    mirrored,
    orientation_nl,
    sheet_label,
)
from cardkit.output.names import ALIGNMENT_TITLE
from cardkit.output.surface import text_block

ALIGNMENT_INSTRUCTIONS = (
    "Testvel voor dubbelzijdig printen. Print dit vel dubbelzijdig op ware grootte (100 %), "
    "met dezelfde instelling (omslaan via de lange of de korte zijde) als je kaartjes. "
    "Houd het vel tegen het licht, met de achterkant naar je toe. Staan de rode kruisjes "
    "precies op de zwarte? Dan is je printer goed afgesteld. Zo niet: lees op de rode "
    "liniaal af waar het midden van het zwarte kruis staat (elk streepje is 1 mm, een lang "
    "streepje 5 mm), in millimeters opzij (X) en "
    "omhoog of omlaag (Y), en vul dat in als verschuiving van de achterkant: naar rechts "
    "en naar beneden positief, naar links en naar boven negatief."
)
CROSS_ARM = 8.0
CROSS_WIDTH = 0.2
TICK_LENGTH = (1.0, 2.0)  # every millimetre, longer every five
BACK_MARK = (200, 30, 30)


def alignment_sheets(options: SheetOptions, grid_of: Grid | None = None) -> list[Sheet]:
    """A test sheet: black crosshairs on the front; on the back red crosshairs with rulers
    where the printer should put them. Holding it to the light shows the printer's drift.
    It has the paper orientation of `grid_of` (a set's grid), portrait without one."""
    if grid_of is None:
        width, height = sorted(PAPERS[options.paper])
    else:
        width, height = grid_of.sheet_width, grid_of.sheet_height
    grid = Grid(width, height, 1, 1, 0, 0, 0, 0, 0)
    inset = options.margin + 20
    points = [
        (width / 2, height / 2),
        (inset, inset),
        (width - inset, inset),
        (inset, height - inset - LABEL_BAND),
        (width - inset, height - inset - LABEL_BAND),
    ]
    front: list[Item] = []
    for x, y in points:
        front.extend(_crosshair(x, y, REGISTRATION, ticks=False))
    box = Box(inset + 15, height / 2 + 20, width - 2 * (inset + 15), 50)
    front.extend(text_block("instructions", ALIGNMENT_INSTRUCTIONS, box, (8, 10), LABEL_COLOR))
    made_for = f"{options.paper} {orientation_nl(grid)}"
    if options.duplex:
        made_for += f", {FLIP_NL[options.duplex]}"
    label = f"{ALIGNMENT_TITLE} · voorkant · voor vellen {made_for}"
    front.extend(sheet_label(label, width, height, options.margin))
    sheets = [Sheet(1, "front", width, height, tuple(front), ())]
    if options.duplex:
        back: list[Item] = []
        for x, y in points:
            spot = mirrored(Box(x, y, 0, 0), grid, options.duplex, options.back_offset)
            back.extend(_crosshair(spot.x, spot.y, BACK_MARK, ticks=True))
        back.extend(sheet_label(f"{ALIGNMENT_TITLE} · achterkant", width, height, options.margin))
        sheets.append(Sheet(1, "back", width, height, tuple(back), ()))
    return sheets


def _crosshair(x: float, y: float, color: RGB, ticks: bool) -> Iterator[Item]:
    half = CROSS_WIDTH / 2
    yield FillRect(Box(x - CROSS_ARM, y - half, 2 * CROSS_ARM, CROSS_WIDTH), color)
    yield FillRect(Box(x - half, y - CROSS_ARM, CROSS_WIDTH, 2 * CROSS_ARM), color)
    if not ticks:
        yield FillEllipse(Box(x - 2, y - 2, 4, 4), color)
        yield FillEllipse(Box(x - 1.6, y - 1.6, 3.2, 3.2), (255, 255, 255))
        return
    for step in range(-int(CROSS_ARM), int(CROSS_ARM) + 1):
        if step == 0:
            continue
        length = TICK_LENGTH[1] if step % 5 == 0 else TICK_LENGTH[0]
        yield FillRect(Box(x + step - half / 2, y - length / 2, CROSS_WIDTH / 2, length), color)
        yield FillRect(Box(x - length / 2, y + step - half / 2, length, CROSS_WIDTH / 2), color)
