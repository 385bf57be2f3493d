"""The tab "Overzicht": every card's front as a thumbnail."""

from __future__ import annotations

import streamlit as st

from cardkit.output.preview import THUMBNAIL_DPI
from designer.draft import Draft
from designer.state import card_description, side_of


def overview(draft: Draft) -> None:
    cards = draft.card_set.cards
    if not cards:
        st.info("Nog geen kaartjes.")
        return
    st.caption(f"{len(cards)} kaartjes. Rood gemarkeerd: tekst die niet past.")
    per_row = 5
    for start in range(0, len(cards), per_row):
        columns = st.columns(per_row)
        for offset, column in enumerate(columns):
            index = start + offset
            if index < len(cards):
                png, page = side_of(draft, index, "front", THUMBNAIL_DPI)
                note = " · past niet" if page.overflows else ""
                column.image(
                    png,
                    caption=f"{index + 1}{note}",
                    output_format="PNG",
                    alt=card_description(draft, index, "front"),
                )
