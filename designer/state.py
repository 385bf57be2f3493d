"""Session state of one visitor: the open drafts, the current one, messages for the next
run, and the engine calls the page makes for a draft (cached by content)."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from cardkit.deck import Deck, layout_for, logo_for
from cardkit.display import Page
from cardkit.errors import CardkitError
from cardkit.output.preview import PREVIEW_DPI, card_preview
from cardkit.paths import CONTENT_DIR
from cardkit.read.images import Logo
from cardkit.read.layouts import load_layout
from designer import keys
from designer.draft import Draft


def library_dir() -> Path:
    """The library folder: CARDKIT_CONTENT_DIR, else content/ (read on every run, so a
    test or a restarted server may point elsewhere)."""
    return Path(os.environ.get("CARDKIT_CONTENT_DIR", CONTENT_DIR))


def side_of(draft: Draft, index: int, side: str, dpi: float = PREVIEW_DPI) -> tuple[bytes, Page]:
    card_set = draft.card_set
    return card_preview(
        card_set.cards[index],
        index + 1,
        len(card_set.cards),
        card_set.title,
        card_set.link,
        card_set.layout,
        side,
        dpi,
        draft_logo(draft),
    )


def draft_logo(draft: Draft) -> Logo | None:
    """The set's logo, checked; a missing or broken one is shown as a problem, not a crash."""
    try:
        return logo_for(draft.card_set, library_dir(), draft.path.name)
    except CardkitError as error:
        st.session_state[keys.LOGO_PROBLEM] = error.message("nl")
        return None


def drafts() -> dict[str, Draft]:
    return st.session_state.setdefault(keys.DRAFTS, {})


def current() -> Draft | None:
    return drafts().get(st.session_state.get(keys.CURRENT, ""))


def put(draft: Draft, *, restructured: bool = False) -> None:
    """Store `draft` as the current set; `restructured` re-fills the editor from it."""
    drafts()[str(draft.path)] = draft
    st.session_state[keys.CURRENT] = str(draft.path)
    if restructured:
        st.session_state[keys.GENERATION] = st.session_state.get(keys.GENERATION, 0) + 1
        st.session_state[keys.LIST_PAGE] = None  # the list shows the selected card again


def flash(kind: str, message: str) -> None:
    st.session_state[keys.FLASH] = (kind, message)


def show_flash() -> bool:
    """Show the message a callback left for this run; tell whether there was one."""
    kind, message = st.session_state.pop(keys.FLASH, (None, None))
    if kind:
        getattr(st, kind)(message)
    return kind is not None


def deck_of(draft: Draft) -> Deck:
    layout = layout_for(draft.card_set, draft.path.name)
    return Deck(draft.card_set, layout, draft.path.name, draft_logo(draft))


def kind_labels(layout_name: str) -> dict[str, str]:
    return {name: kind.label for name, kind in load_layout(layout_name).kinds.items()}
