"""Above the tabs: the set's title and save button, and its details (title, layout, link,
logo, earlier versions, rename, delete)."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from cardkit.library import store
from cardkit.read.layouts import layout_names, load_layout
from designer import keys
from designer.actions import (
    bring_back,
    delete,
    edit_set_field,
    remove_logo,
    rename,
    save,
    save_copy,
    upload_logo,
)
from designer.draft import Draft
from designer.state import library_dir, show_flash


def header(draft: Draft) -> None:
    title_column, save_column = st.columns([3, 1], vertical_alignment="center")
    title_column.title(draft.card_set.title or "Naamloze set")
    if draft.unsaved:
        title_column.markdown("**● Niet-opgeslagen wijzigingen**")
    else:
        title_column.caption(f"Alles opgeslagen in {draft.path.name}")
    save_column.button(
        "Opslaan",
        type="primary",
        on_click=save,
        args=(draft,),
        disabled=not draft.unsaved,
        key="save",
    )
    if st.session_state.get(keys.CONFLICT) == str(draft.path):
        st.warning(
            "Een collega heeft deze set opgeslagen nadat jij hem opende. Jouw wijzigingen "
            "zijn niet weggeschreven en niet verloren: bewaar ze als kopie."
        )
        st.button("Opslaan als kopie", on_click=save_copy, args=(draft,), key="save-copy")
    show_flash()


def set_fields(draft: Draft) -> None:
    with st.expander("Gegevens van de set"):
        names = layout_names()
        target = (str(draft.path), st.session_state.get(keys.GENERATION, 0))
        if st.session_state.get(keys.SET_FIELDS_FOR) != target:
            for field in ("title", "layout", "link"):
                st.session_state[keys.set_field(field)] = getattr(draft.card_set, field)
            st.session_state[keys.SET_FIELDS_FOR] = target
        st.text_input(
            "Titel van de set",
            key=keys.set_field("title"),
            on_change=edit_set_field,
            args=("title",),
        )
        st.selectbox(
            "Opmaak",
            names,
            key=keys.set_field("layout"),
            format_func=lambda name: load_layout(name).title,
            on_change=edit_set_field,
            args=("layout",),
        )
        st.text_input(
            "Link (bijvoorbeeld naar het filmpje)",
            key=keys.set_field("link"),
            on_change=edit_set_field,
            args=("link",),
            placeholder="https://",
        )
        st.file_uploader(
            "Logo van je team voor de achterkant (PNG, JPEG of WebP)",
            type=["png", "jpg", "jpeg", "webp"],
            key=keys.LOGO_FILE,
            on_change=upload_logo,
        )
        problem = st.session_state.pop(keys.LOGO_PROBLEM, None)
        if problem:
            st.warning(f"Het logo kan niet getoond worden: {problem}")
        if draft.card_set.logo:
            st.caption(f"Logo: {draft.card_set.logo}")
            st.button("Logo weghalen", on_click=remove_logo, key="logo-remove")
        earlier_versions(draft)
        st.divider()
        st.text_input(
            "Nieuwe naam voor de set",
            key=keys.RENAME_TITLE,
            value=None,
            placeholder=draft.card_set.title,
        )
        st.button("Wijzig de naam en bewaar", on_click=rename, args=(draft,))
        confirm = st.checkbox(
            f"Ja, verwijder “{draft.card_set.title}” definitief", key="confirm-delete"
        )
        st.button("Verwijder de set", on_click=delete, args=(draft,), disabled=not confirm)


def earlier_versions(draft: Draft) -> None:
    """The versions earlier saves replaced: one can be brought back to undo a bad save."""
    kept = store.versions(library_dir(), draft.path)
    if not kept:
        return
    st.divider()

    def describe(index: int) -> str:
        version = kept[index]
        moment = datetime.fromtimestamp(version.replaced_at).strftime("%d-%m-%Y %H:%M")
        return f"Vervangen op {moment} · {version.cards} kaartjes · “{version.title}”"

    choice = st.selectbox(
        "Eerdere versies", range(len(kept)), format_func=describe, key="version-choice"
    )
    st.button(
        "Zet deze versie terug",
        on_click=bring_back,
        args=(str(kept[choice].path),),
        key="version-restore",
        help="De set wordt zoals in deze versie; opslaan maakt het definitief.",
    )
