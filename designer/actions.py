"""What the buttons and fields do: widget callbacks that change the drafts and the library."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from cardkit.errors import CardkitError
from cardkit.library import store
from cardkit.model import Card, CardSet
from cardkit.read.layouts import DEFAULT_LAYOUT
from cardkit.read.sets import strip_invisible, valid_link
from designer import keys
from designer.draft import Draft
from designer.state import current, drafts, flash, library_dir, put

NEW = "__new__"


def open_set(path: str) -> None:
    if path in drafts():
        st.session_state[keys.CURRENT] = path
        st.session_state[keys.GENERATION] = st.session_state.get(keys.GENERATION, 0) + 1
        return
    try:
        put(Draft.open(Path(path)), restructured=True)
    except CardkitError as error:
        flash("error", f"Deze set kan niet geopend worden: {error.message('nl')}")


def choose_set() -> None:
    choice = st.session_state[keys.SET_CHOICE]
    if choice != NEW:
        open_set(choice)


def create_set() -> None:
    title = st.session_state.get(keys.NEW_TITLE, "").strip()
    if not title:
        flash("error", "Geef de nieuwe set eerst een titel.")
        return
    source = st.session_state.get(keys.NEW_SOURCE, "")
    try:
        if source:
            original, _ = store.read_set(Path(source))
            card_set = replace(original, title=title)
        else:
            card_set = CardSet(title, DEFAULT_LAYOUT, (Card("denk", ""),))
        path, stamp = store.create_set(library_dir(), card_set)
    except CardkitError as error:
        flash("error", error.message("nl"))
        return
    put(Draft(path, card_set, card_set, stamp), restructured=True)
    st.session_state[keys.SET_CHOICE] = str(path)
    st.session_state[keys.NEW_TITLE] = ""
    flash("success", f"De set “{title}” is gemaakt en bewaard als {path.name}.")


def save(draft: Draft) -> None:
    try:
        put(draft.save(library_dir()))
    except store.SaveConflict as error:
        st.session_state[keys.CONFLICT] = str(draft.path)
        flash("error", error.message("nl"))
        return
    except CardkitError as error:
        flash("error", error.message("nl"))
        return
    st.session_state.pop(keys.CONFLICT, None)
    flash("success", f"Opgeslagen in {draft.path.name}.")


def save_copy(draft: Draft) -> None:
    copy = draft.save_copy(library_dir())
    put(copy, restructured=True)
    st.session_state[keys.SET_CHOICE] = str(copy.path)
    st.session_state.pop(keys.CONFLICT, None)
    flash("success", f"Jouw versie is bewaard als kopie: {copy.path.name}.")


def rename(draft: Draft) -> None:
    title = st.session_state.get(keys.RENAME_TITLE, "").strip()
    if not title:
        flash("error", "Een set heeft een titel nodig.")
        return
    try:
        renamed = draft.rename(library_dir(), title)
    except CardkitError as error:
        flash("error", error.message("nl"))
        return
    drafts().pop(str(draft.path), None)
    put(renamed, restructured=True)
    st.session_state[keys.SET_CHOICE] = str(renamed.path)
    flash("success", f"De set heet nu “{title}” ({renamed.path.name}).")


def delete(draft: Draft) -> None:
    try:
        store.delete_set(library_dir(), draft.path, draft.fingerprint)
    except CardkitError as error:
        flash("error", error.message("nl"))
        return
    drafts().pop(str(draft.path), None)
    st.session_state.pop(keys.CURRENT, None)
    st.session_state.pop(keys.SET_CHOICE, None)
    flash("success", f"De set “{draft.card_set.title}” is verwijderd.")


def card_action(action: str) -> None:
    draft = current()
    if draft is None:
        return
    try:
        if action == "add":
            draft = draft.add_card()
        elif action == "duplicate":
            draft = draft.duplicate_card()
        elif action == "delete":
            draft = draft.delete_card()
        elif action == "up":
            draft = draft.move_card(-1)
        elif action == "down":
            draft = draft.move_card(1)
    except CardkitError as error:
        flash("error", error.message("nl"))
        return
    put(draft, restructured=True)


def pick_card(index: int) -> None:
    draft = current()
    if draft is not None:
        put(draft.select(index), restructured=True)


def edit_field(field: str) -> None:
    draft = current()
    if draft is None or draft.card is None:
        return
    text, removed = strip_invisible(st.session_state[keys.edit_field(field)])
    if removed:
        flash("info", "Onzichtbare tekens uit de geplakte tekst weggehaald: " + ", ".join(removed))
        st.session_state[keys.edit_field(field)] = text
    put(draft.update_card(**{field: text.strip()}))


def edit_set_field(field: str) -> None:
    draft = current()
    if draft is None:
        return
    value, _ = strip_invisible(str(st.session_state[keys.set_field(field)]))
    value = value.strip()
    if field == "title" and not value:
        st.session_state[keys.set_field("title")] = draft.card_set.title
        flash("error", "Een set heeft een titel nodig; de oude titel is teruggezet.")
        return
    if field == "link" and value and not valid_link(value):
        flash("error", f"“{value}” is geen webadres: een link begint met https://.")
        return
    put(draft.edit(replace(draft.card_set, **{field: value})))


def upload_logo() -> None:
    draft = current()
    upload = st.session_state.get(keys.LOGO_FILE)
    if draft is None or upload is None:
        return
    try:
        relative = store.save_logo(library_dir(), upload.name, upload.getvalue())
    except CardkitError as error:
        flash("error", f"Dit logo kan niet gebruikt worden: {error.message('nl')}")
        return
    put(draft.edit(replace(draft.card_set, logo=relative)))
    flash("success", "Het logo staat op de achterkant. Vergeet niet op te slaan.")


def remove_logo() -> None:
    draft = current()
    if draft is not None:
        put(draft.edit(replace(draft.card_set, logo="")))


def add_uploaded(card_set: CardSet) -> None:
    path, stamp = store.create_set(library_dir(), card_set)
    put(Draft(path, card_set, card_set, stamp), restructured=True)
    st.session_state[keys.SET_CHOICE] = str(path)
    flash("success", f"“{card_set.title}” is toegevoegd als {path.name}.")


def bring_back(version_path: str) -> None:
    draft = current()
    if draft is None:
        return
    try:
        card_set, _ = store.read_set(Path(version_path))
    except CardkitError as error:
        flash("error", error.message("nl"))
        return
    put(draft.edit(card_set, 0), restructured=True)
    flash("info", "De eerdere versie staat klaar. Sla op om hem terug te zetten.")


def restore_deleted(version_path: str) -> None:
    version = next(v for v in store.deleted_sets(library_dir()) if str(v.path) == version_path)
    path, card_set, stamp = store.restore_deleted(library_dir(), version)
    put(Draft(path, card_set, card_set, stamp), restructured=True)
    st.session_state[keys.SET_CHOICE] = str(path)
    flash("success", f"“{card_set.title}” is teruggezet.")


def browse() -> None:
    st.session_state[keys.LIST_PAGE] = st.session_state[keys.LIST_PAGE_CHOICE]
