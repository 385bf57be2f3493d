"""The sidebar: the library of sets (those with unsaved edits marked), a new set, an
uploaded set, deleted sets."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from cardkit.deck import layout_for, logo_for
from cardkit.errors import CardkitError
from cardkit.library.store import SetEntry
from cardkit.read.sets import parse_set_text
from designer import keys
from designer.actions import NEW, add_uploaded, choose_set, create_set, restore_deleted
from designer.state import current, open_set, person, store
from designer.text import md, quoted

UNSAVED_MARK = "● "


def sidebar() -> SetEntry | None:
    """The library: choose, create or upload a set. Returns the chosen set's entry."""
    with st.sidebar:
        st.header("Vragensets")
        entries = store().list_sets()
        draft = current()
        gone = ""
        if draft is not None and draft.name not in {entry.name for entry in entries}:
            # Renamed or deleted by a colleague: the edits stay on screen, to keep as a copy.
            gone = draft.name
            entries.append(SetEntry(gone, draft.card_set.title, len(draft.card_set.cards)))
        options = [entry.name for entry in entries] + [NEW]
        by_name = {entry.name: entry for entry in entries}
        unsaved = store().draft_names(person())
        if draft is not None and draft.unsaved:
            unsaved.add(draft.name)

        def label(option: str) -> str:
            if option == NEW:
                return "＋ Nieuwe set…"
            entry = by_name[option]
            if option == gone:
                return f"{entry.title} (niet meer in de bibliotheek)"
            if entry.problem:
                return f"{entry.title} (kan niet geopend worden)"
            return (UNSAVED_MARK if option in unsaved else "") + entry.title

        if st.session_state.get(keys.SET_CHOICE) not in options:
            first_choice(entries, options)
        st.selectbox(
            "Kies een set", options, format_func=label, key=keys.SET_CHOICE, on_change=choose_set
        )
        if unsaved:
            st.caption(f"{UNSAVED_MARK.strip()} niet-opgeslagen wijzigingen")
        if st.session_state[keys.SET_CHOICE] == NEW:
            new_set(entries)
        upload_set()
        deleted_sets()
    return by_name.get(st.session_state[keys.SET_CHOICE])


def first_choice(entries: list[SetEntry], options: list[str]) -> None:
    """The set to show when none is chosen: the open one, else the one the page address
    names (a reload, a shared link), else the first that opens."""
    draft = current()
    wanted = draft.name if draft is not None else st.query_params.get(keys.ADDRESS_SET, "")
    openable = [entry.name for entry in entries if not entry.problem]
    choice = wanted if wanted in options else (openable[0] if openable else NEW)
    st.session_state[keys.SET_CHOICE] = choice
    if choice != NEW and (draft is None or draft.name != choice):
        card = st.query_params.get(keys.ADDRESS_CARD, "1")
        try:
            open_set(choice, int(card) - 1 if card.isdigit() else 0)
        except CardkitError:
            st.session_state[keys.SET_CHOICE] = NEW  # shown as a problem by the page


def new_set(entries: list[SetEntry]) -> None:
    st.text_input("Titel van de nieuwe set", key=keys.NEW_TITLE, max_chars=200)
    sources = [""] + [entry.name for entry in entries if not entry.problem]
    titles = {entry.name: entry.title for entry in entries}
    st.radio(
        "Begin met",
        sources,
        format_func=lambda s: "Een lege set" if not s else f"Een kopie van “{titles[s]}”",
        key=keys.NEW_SOURCE,
    )
    st.button("Maak de set", on_click=create_set, type="primary")


def upload_set() -> None:
    with st.expander("Set uploaden (YAML)"):
        upload = st.file_uploader("Kies een YAML-bestand", type=["yaml", "yml"], key="upload-yaml")
        if upload is None:
            return
        try:
            card_set = parse_set_text(upload.getvalue(), upload.name)
            layout_for(card_set, upload.name)
            logo_for(card_set, store().space_dir(""), upload.name)
        except CardkitError as error:
            st.error(f"Dit bestand kan niet gebruikt worden: {md(error.message('nl'))}")
            return
        st.write(
            f"{quoted(card_set.title)}, {len(card_set.cards)} kaartjes, "
            f"opmaak {md(card_set.layout)}."
        )
        st.button("Voeg toe aan de bibliotheek", on_click=add_uploaded, args=(card_set,))


def deleted_sets() -> None:
    deleted = store().deleted()
    if not deleted:
        return
    with st.expander("Verwijderde sets"):
        for gone in deleted:
            moment = datetime.fromtimestamp(gone.deleted_at).strftime("%d-%m-%Y %H:%M")
            st.button(
                f"Zet {quoted(gone.title)} terug",
                on_click=restore_deleted,
                args=(gone.id,),
                key=f"restore-{gone.id}",
                help=f"Verwijderd op {moment}, {gone.cards} kaartjes.",
            )
