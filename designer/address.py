"""The page address: `?set=NAME&kaart=N` names the open set and card, so a reload, the back
button or a shared link opens them again. A set renamed since is followed to its new
name, with the person's unsaved edits; one that is gone is said to be gone."""

from __future__ import annotations

import streamlit as st

from cardkit.errors import CardkitError
from cardkit.library.access import Refused
from designer import keys
from designer.draft import Draft
from designer.state import current, flash, open_set, person, put, store
from designer.text import quoted


def open_from_address(name: str, card: str) -> bool:
    """Open the set an address names (card `card`, counted from 1); True if one opened."""
    selected = int(card) - 1 if card.isdigit() else 0
    try:
        if store().exists(name):
            open_set(name, selected)
            return True
        fate = store().fate(name)
    except Refused:
        # Said of the team in the address, whether or not such a set exists there.
        flash(
            "error", f"De set {quoted(name)} uit het adres hoort bij een team waar je niet in zit."
        )
        return False
    except CardkitError:
        fate = None  # not a name at all
    if fate is not None and fate.renamed_to:
        had_edits = bool(store().drafts_of(person(), name))
        open_set(fate.renamed_to, selected, drafts_from=name)
        title = quoted(store().read(fate.renamed_to).card_set.title)
        news = f"Deze set heet nu {title}: een collega heeft hem hernoemd."
        if had_edits:
            news += " Je niet-opgeslagen wijzigingen staan klaar: bewaar ze als kopie."
        flash("info", news)
        return True
    if name:
        flash(
            "warning", f"De set {quoted(name)} uit het adres staat niet (meer) in de bibliotheek."
        )
    return False


def follow_address() -> None:
    """When the browser moved to another address (back, forward, a typed one), open what
    it names; this runs before the sidebar, which shows the choice."""
    shown = st.session_state.get(keys.ADDRESS_SHOWN)
    draft = current()
    if shown is None or draft is None:
        return
    now = {key: st.query_params.get(key, "") for key in shown}
    if now == shown or not now[keys.ADDRESS_SET]:
        return
    card = now[keys.ADDRESS_CARD]
    if now[keys.ADDRESS_SET] == draft.name:
        if card.isdigit():
            put(draft.select(int(card) - 1), restructured=True)
    else:
        open_from_address(now[keys.ADDRESS_SET], card or "1")


def show_address(draft: Draft) -> None:
    """Put the open set and card in the page address (a new entry in the history)."""
    wanted = {keys.ADDRESS_SET: draft.name, keys.ADDRESS_CARD: str(draft.selected + 1)}
    if {key: st.query_params.get(key) for key in wanted} != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[keys.ADDRESS_SHOWN] = wanted
