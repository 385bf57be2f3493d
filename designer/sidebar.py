"""The sidebar: the library of sets, a new set, an uploaded set, deleted sets."""

from __future__ import annotations

import streamlit as st

from cardkit.deck import layout_for, logo_for
from cardkit.errors import CardkitError
from cardkit.library import store
from cardkit.read.sets import parse_set_text
from designer import keys
from designer.actions import NEW, add_uploaded, choose_set, create_set, restore_deleted
from designer.state import library_dir


def sidebar() -> store.SetEntry | None:
    """The library: choose, create or upload a set. Returns the chosen set's entry."""
    with st.sidebar:
        st.header("Vragensets")
        entries = store.list_sets(library_dir())
        options = [str(entry.path) for entry in entries] + [NEW]
        titles = {str(entry.path): entry for entry in entries}

        def label(option: str) -> str:
            if option == NEW:
                return "＋ Nieuwe set…"
            entry = titles[option]
            if entry.problem:
                return f"{entry.title} (kan niet geopend worden)"
            return entry.title  # stable: a label that changes makes the choice jump

        if st.session_state.get(keys.SET_CHOICE) not in options:
            openable = [str(entry.path) for entry in entries if not entry.problem] + [NEW]
            remembered = st.session_state.get(keys.CURRENT)
            st.session_state[keys.SET_CHOICE] = remembered if remembered in options else openable[0]
            choose_set()
        st.selectbox(
            "Kies een set", options, format_func=label, key=keys.SET_CHOICE, on_change=choose_set
        )

        if st.session_state[keys.SET_CHOICE] == NEW:
            st.text_input("Titel van de nieuwe set", key=keys.NEW_TITLE)
            sources = [""] + [str(entry.path) for entry in entries if not entry.problem]
            st.radio(
                "Begin met",
                sources,
                format_func=lambda s: (
                    "Een lege set" if not s else f"Een kopie van “{titles[s].title}”"
                ),
                key=keys.NEW_SOURCE,
            )
            st.button("Maak de set", on_click=create_set, type="primary")
        upload_set()
        deleted = store.deleted_sets(library_dir())
        if deleted:
            with st.expander("Verwijderde sets"):
                for version in deleted:
                    st.button(
                        f"Zet “{version.title}” terug",
                        on_click=restore_deleted,
                        args=(str(version.path),),
                        key=f"restore-{version.path.parent.name}",
                    )
    return titles.get(st.session_state[keys.SET_CHOICE])


def upload_set() -> None:
    with st.expander("Set uploaden (YAML)"):
        upload = st.file_uploader("Kies een YAML-bestand", type=["yaml", "yml"], key="upload-yaml")
        if upload is None:
            return
        try:
            card_set = parse_set_text(upload.getvalue(), upload.name)
            layout_for(card_set, upload.name)
            logo_for(card_set, library_dir(), upload.name)
        except CardkitError as error:
            st.error(f"Dit bestand kan niet gebruikt worden: {error.message('nl')}")
            return
        st.write(f"“{card_set.title}”, {len(card_set.cards)} kaartjes, opmaak {card_set.layout}.")
        st.button("Voeg toe aan de bibliotheek", on_click=add_uploaded, args=(card_set,))
