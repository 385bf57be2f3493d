"""Text set in a box: a string, its fonts and a text style in; positioned lines and emoji
pictures (display items) out.

Used for card zones and for the few texts output adds around cards (sheet labels, share
canvases), so every text cardkit draws is fitted and set one way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from cardkit.display import RGB, FontRef, ImageItem, Item, TextLine
from cardkit.geometry import Box, pt_to_mm
from cardkit.read.style import TextStyle
from cardkit.text.fitting import FittedText, fit_text
from cardkit.text.fonts import font_metrics, font_name
from cardkit.text.runs import FontStack, Run, clusters, emoji_picture, is_rtl, split_runs, width_em


def set_text(
    name: str, text: str, box: Box, stack: FontStack, style: TextStyle, color: RGB
) -> tuple[list[Item], FittedText]:
    """`text` fitted to `box` (on the page) and set in lines as `style` says: a TextLine
    per run of one font, a picture per emoji. `name` tags the lines (a zone's name)."""
    fitted = fit_text(
        text,
        stack,
        box.width,
        box.height,
        style.min_size,
        style.max_size,
        style.leading,
        style.max_lines,
    )
    return list(_set_lines(name, box, fitted, stack, style, color)), fitted


def _set_lines(
    name: str, box: Box, fitted: FittedText, stack: FontStack, style: TextStyle, color: RGB
) -> Iterator[Item]:
    """Position each line: line boxes stacked from the aligned block top, glyphs centred
    vertically in their line box by the font's ascent and descent (CSS half-leading).
    A right-to-left line runs from the right: its runs in reverse, aligned to the end."""
    size_mm = pt_to_mm(fitted.size)
    line_height = size_mm * style.leading
    block = line_height * len(fitted.lines)
    offsets = {"top": 0.0, "middle": (box.height - block) / 2, "bottom": box.height - block}
    top = box.y + offsets[style.valign]
    metrics = font_metrics(stack.primary)
    half_leading = (line_height - (metrics.ascent + metrics.descent) * size_mm) / 2
    for index, line in enumerate(fitted.lines):
        runs = [run for run in split_runs(line, stack) if run.kind != "missing"]
        widths = [width_em(run.text, stack) * size_mm for run in runs]
        align = style.align
        if is_rtl(line):
            runs, widths = runs[::-1], widths[::-1]
            align = "right" if align == "left" else "left" if align == "right" else align
        width = sum(widths)
        x = (
            box.x
            + {"left": 0.0, "center": (box.width - width) / 2, "right": box.width - width}[align]
        )
        line_top = top + index * line_height
        baseline = line_top + half_leading + metrics.ascent * size_mm
        for run, run_width in zip(runs, widths, strict=True):
            if run.kind == "emoji":
                yield from _emoji_items(run, x, baseline, size_mm)
            else:
                yield TextLine(
                    zone=name,
                    text=run.text,
                    x=x,
                    baseline=baseline,
                    width=run_width,
                    top=line_top,
                    height=line_height,
                    font=FontRef(font_name(run.font), run.font),
                    size=fitted.size,
                    color=color,
                    # Each run knows its own direction: a renderer shapes it, never guesses.
                    rtl=is_rtl(run.text),
                )
            x += run_width


def _emoji_items(run: Run, x: float, baseline: float, size_mm: float) -> Iterator[ImageItem]:
    """Each emoji of a run as a picture, scaled to the text and sitting on its baseline."""
    for cluster in clusters(run.text):
        picture = emoji_picture(run.font, cluster)
        left, top, width, height = (value * size_mm for value in picture.box)
        box = Box(x + left, baseline + top, width, height)
        digest = hashlib.sha256(picture.png).hexdigest()
        yield ImageItem(box, "", digest, data=picture.png)
        x += picture.advance * size_mm
