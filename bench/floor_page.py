"""The designer's floor (a Streamlit page): a question field and a card preview drawn with
bare Pillow, redrawn only when the question changed, as the designer redraws its preview.

The card is the trimmed display list pickled at the path in CARDKIT_BENCH_DRAWING; an
edited question replaces the card's question lines, wrapped by counting characters (the
floor's stand-in for a layout, which has no library floor). A rerun without a change
shows the drawn preview again. Used by `bench.run` (AppTest) and `bench.designer` (a
browser); run it with the working folder on sys.path, as `python -m streamlit` has.
"""

from __future__ import annotations

import os
import pickle
import textwrap
from dataclasses import replace
from pathlib import Path

import streamlit as st

from bench.floors import floor_png
from cardkit.display import Item, TextLine
from cardkit.output.preview import PREVIEW_DPI
from cardkit.output.surface import Surface


def with_question(drawing: Surface, question: str) -> Surface:
    """The drawing with its question lines replaced by `question`, wrapped at the longest
    old line's number of characters and set on the old lines' baselines and font."""
    old = [item for item in drawing.items if isinstance(item, TextLine) and item.zone == "question"]
    if not old:
        return drawing
    first = old[0]
    step = old[1].baseline - first.baseline if len(old) > 1 else first.height
    lines = [
        replace(first, text=text, baseline=first.baseline + n * step, top=first.top + n * step)
        for n, text in enumerate(textwrap.wrap(question, max(len(line.text) for line in old)))
    ]
    items: list[Item] = []
    for item in drawing.items:
        if item is first:
            items += lines
        elif not (isinstance(item, TextLine) and item.zone == "question"):
            items.append(item)
    return replace(drawing, items=tuple(items))


question = st.text_area("Vraag", key="question")
if st.session_state.get("drawn_for") != question:
    card = pickle.loads(Path(os.environ["CARDKIT_BENCH_DRAWING"]).read_bytes())
    shown = with_question(card, question) if question else card
    st.session_state["preview"] = floor_png(shown, PREVIEW_DPI, "RGBA")
    st.session_state["drawn_for"] = question
st.image(st.session_state["preview"])
