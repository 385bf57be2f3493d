"""Pieces of page shared by the tabs: an export button, the cards that do not fit."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import lru_cache

import streamlit as st

from cardkit.deck import Deck
from cardkit.model import CardSet
from cardkit.read.images import Logo
from cardkit.read.layouts import load_layout
from designer import keys
from designer.actions import pick_card
from designer.draft import Draft
from designer.state import draft_logo


def export_button(
    draft: Draft,
    name: str,
    text: str,
    build: Callable[[Callable[[int, int], None]], bytes],
    file_name: str,
    mime: str,
    setting: Hashable = None,
) -> None:
    """A 'make' button that builds with a progress bar, then the download button. One file
    per export is kept, while the set (and the `setting` it was made with) stays the same:
    it goes once downloaded, or when the set changes (a 1,000-card ZIP is large)."""
    exports = st.session_state.setdefault(keys.EXPORTS, {})
    made_for = (setting, draft.card_set, draft_logo(draft))
    kept = exports.get(name)
    ready = kept[1] if kept is not None and kept[0] == made_for else None
    if kept is not None and ready is None:
        del exports[name]  # made for an earlier version of the set
    if ready is None and st.button(f"Maak {text}", key=f"make-{name}"):
        bar = st.progress(0.0, text="Bezig…")

        def report(done: int, total: int) -> None:
            bar.progress(done / total, text=f"{done} van {total}…")

        ready = build(report)
        exports[name] = (made_for, ready)
        bar.empty()
    if ready is not None:
        st.download_button(
            f"Download {text}",
            data=ready,
            file_name=file_name,
            mime=mime,
            key=f"download-{name}",
            on_click=forget_export,
            args=(name,),
        )


def forget_export(name: str) -> None:
    """Downloaded: the file need not stay in the server's memory."""
    st.session_state.get(keys.EXPORTS, {}).pop(name, None)


def misfits_notice(draft: Draft) -> None:
    """Before an export: the cards whose text does not fit (it would be cut off with
    “…”), each with a button that opens it in the editor."""
    numbers = misfits(draft.card_set, draft_logo(draft))
    if not numbers:
        return
    listed = ", ".join(str(number) for number in numbers)
    word = "Dit kaartje past" if len(numbers) == 1 else "Deze kaartjes passen"
    st.warning(
        f"{word} niet: {listed}. De tekst wordt afgekapt met “…”. "
        "Maak de tekst korter voor je exporteert.",
        icon=":material/warning:",
    )
    row = st.container(horizontal=True, gap="small")
    for number in numbers[:20]:
        row.button(
            f"Naar kaartje {number}",
            on_click=pick_card,
            args=(number - 1, True),
            key=f"misfit-{number}",
        )


@lru_cache(maxsize=32)
def misfits(card_set: CardSet, logo: Logo | None) -> tuple[int, ...]:
    """The numbers of the cards with text that does not fit (layout only, no drawing)."""
    deck = Deck(card_set, load_layout(card_set.layout), card_set.title, logo)
    return tuple(sorted({page.card for page in deck.pages() if page.overflows}))


def stem_of(draft: Draft) -> str:
    """The set's own name without its team: what download names start with."""
    return draft.name.rpartition("/")[2]
