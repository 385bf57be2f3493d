"""The tab "Kaartje trekken": the open set, as edited, one card at a time, large, for a team
meeting around a screen or a phone (cardkit.output.viewer in a frame; read-only)."""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from cardkit.errors import CardkitError
from cardkit.output.palette import css_colours
from cardkit.output.viewer import ViewerCard, viewer_html
from cardkit.read.layouts import load_layout
from designer.draft import Draft
from designer.state import card_description, kind_labels, side_of
from designer.text import md

# px. On a phone the card fills the frame's width with the buttons below it; on a
# projector "Volledig scherm" gives the card the whole screen's height.
VIEWER_HEIGHT = 880


def drawing(draft: Draft) -> None:
    if not draft.card_set.cards:
        st.info("Nog geen kaartjes om te trekken.")
        return
    try:
        with st.spinner("De kaartjes worden klaargezet…"):
            document = viewer_for(draft)
    except CardkitError as error:
        st.error(md(error.message("nl")))
        return
    st.caption(
        "Laat de kaartjes één voor één zien, groot op een scherm of een telefoon. "
        "Je ziet de set zoals hij nu is"
        + (", met je wijzigingen die nog niet zijn opgeslagen." if draft.unsaved else ".")
    )
    st.iframe(document, height=VIEWER_HEIGHT, alt=f"Kaartje trekken: {draft.card_set.title}")


def viewer_for(draft: Draft) -> str:
    """The viewer of the draft's card fronts, from the previews the editor caches too. The
    same set gives the same document, so showing it again keeps the viewer's state."""
    card_set = draft.card_set
    layout = load_layout(card_set.layout)
    cards = tuple(
        ViewerCard(
            side_of(draft, index, "front")[0], card_description(draft, index, "front"), card.kind
        )
        for index, card in enumerate(card_set.cards)
    )
    kinds = tuple(kind_labels(card_set.layout).items())
    aspect = layout.format.width / layout.format.height
    return _document(card_set.title, cards, kinds, aspect, css_colours(layout))


@lru_cache(maxsize=4)
def _document(
    title: str,
    cards: tuple[ViewerCard, ...],
    kinds: tuple[tuple[str, str], ...],
    aspect: float,
    colours: str,
) -> str:
    return viewer_html(title, cards, dict(kinds), aspect, colours)
