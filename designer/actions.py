"""What the buttons do: widget callbacks that change the draft and the library.

Each one first folds what the browser sent into the draft (`absorb_widgets`), so text typed
just before a click is part of what is saved, renamed, copied or exported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import wraps

import streamlit as st

from cardkit.errors import CardkitError
from cardkit.library.store import SaveConflict
from cardkit.model import Card, CardSet
from cardkit.read.layouts import DEFAULT_LAYOUT
from designer import keys
from designer.boundary import guarded
from designer.draft import Draft
from designer.state import (
    absorb_widgets,
    current,
    flash,
    home_for,
    open_set,
    person,
    put,
    session_token,
    store,
    team,
)
from designer.text import md, quoted

NEW = "__new__"
EDITOR_TAB = "Kaartjes maken"


def action(callback: Callable[..., None]) -> Callable[..., None]:
    """A callback that sees the browser's latest values, and whose failures become a
    Dutch message (designer.boundary) instead of a traceback."""

    @wraps(callback)
    @guarded(lambda text: flash("error", text))
    def run(*args: object) -> None:
        absorb_widgets()
        callback(*args)

    return run


@action
def choose_set() -> None:
    choice = st.session_state[keys.SET_CHOICE]
    if choice == NEW:
        return
    try:
        open_set(choice)
    except CardkitError as error:
        flash("error", f"Deze set kan niet geopend worden: {md(error.message('nl'))}")


@action
def switch_team() -> None:
    """Another team chosen: its first set opens. Unsaved edits of the set that was open
    stay in the library as a draft, to come back to."""
    put(None)
    st.session_state.pop(keys.SET_CHOICE, None)


@action
def create_set() -> None:
    title = st.session_state.get(keys.NEW_TITLE, "").strip()
    if not title:
        flash("error", "Geef de nieuwe set eerst een titel.")
        return
    source = st.session_state.get(keys.NEW_SOURCE, "")
    if source:
        card_set = replace(store().read(source).card_set, title=title)
    else:
        card_set = CardSet(title, DEFAULT_LAYOUT, (Card("denk", ""),))
    stored = store().create(card_set, space=team(), who=person())
    open_set(stored.name)
    st.session_state[keys.NEW_TITLE] = ""
    flash("success", f"De set {quoted(title)} is gemaakt en bewaard.")


@action
def save() -> None:
    draft = current()
    if draft is None:
        return
    if not draft.unsaved:
        flash("success", "Alles is al opgeslagen.")
        return
    try:
        stored = store().save(
            draft.name, draft.card_set, draft.version, who=person(), session=session_token()
        )
    except SaveConflict:
        st.session_state[keys.CONFLICT] = draft.name
        return
    st.session_state[keys.PERSISTED] = (stored.name, None)  # the save took the draft in
    put(draft.stored(stored))
    st.session_state.pop(keys.CONFLICT, None)
    st.session_state.pop(keys.RESTORED, None)
    flash("success", "Opgeslagen.")


@action
def copy_to_team() -> None:
    """An example (or a set this person may only read), with their edits, as a new set of
    their team, under the same title."""
    draft = current()
    if draft is None:
        return
    stored = store().create(draft.card_set, space=team(), who=person())
    store().drop_draft(person(), session_token(), draft.name)
    open_set(stored.name, draft.selected)
    flash("success", f"{quoted(stored.card_set.title)} staat nu bij de sets van je team.")


@action
def save_copy() -> None:
    """Keep the draft as a new set: after a colleague's save, rename or delete."""
    draft = current()
    if draft is None:
        return
    copy = replace(draft.card_set, title=f"{draft.card_set.title} (kopie)")
    stored = store().create(copy, space=home_for(draft.name), who=person())
    store().drop_draft(person(), session_token(), draft.name)
    open_set(stored.name, draft.selected)
    flash("success", f"Jouw versie is bewaard als kopie: {quoted(copy.title)}.")


@action
def rename() -> None:
    draft = current()
    title = (st.session_state.get(keys.RENAME_TITLE) or "").strip()
    if draft is None:
        return
    if not title:
        flash("error", "Vul eerst de nieuwe naam in.")
        return
    try:
        stored = store().rename(
            draft.name, title, draft.card_set, draft.version, who=person(), session=session_token()
        )
    except SaveConflict:
        st.session_state[keys.CONFLICT] = draft.name
        return
    store().drop_draft(person(), session_token(), draft.name)
    st.session_state[keys.RENAME_TITLE] = None
    open_set(stored.name, draft.selected)
    flash("success", f"De set heet nu {quoted(title)}.")


@action
def delete() -> None:
    draft = current()
    if draft is None or not st.session_state.get(keys.CONFIRM_DELETE):
        return
    try:
        store().delete(draft.name, draft.version, who=person(), session=session_token())
    except SaveConflict:
        st.session_state[keys.CONFLICT] = draft.name
        return
    store().drop_draft(person(), session_token(), draft.name)
    put(None)
    st.session_state.pop(keys.SET_CHOICE, None)
    st.session_state[keys.CONFIRM_DELETE] = False
    flash("success", f"De set {quoted(draft.card_set.title)} is verwijderd.")


@action
def discard_edits() -> None:
    """Throw away the unsaved edits and show the set as stored."""
    draft = current()
    if draft is not None:
        store().drop_draft(person(), session_token(), draft.name)
        st.session_state.pop(keys.RESTORED, None)
        open_set(draft.name, draft.selected)


@action
def keep_edits() -> None:
    st.session_state.pop(keys.RESTORED, None)


@action
def card_action(name: str) -> None:
    draft = current()
    if draft is None:
        return
    changes: dict[str, Callable[[Draft], Draft]] = {
        "add": Draft.add_card,
        "duplicate": Draft.duplicate_card,
        "delete": Draft.delete_card,
        "up": lambda d: d.move_card(-1),
        "down": lambda d: d.move_card(1),
    }
    put(changes[name](draft), restructured=True)


@action
def choose_card() -> None:
    """The card list's choice: open that card in the editor."""
    draft, index = current(), st.session_state.get(keys.CARD_CHOICE)
    if draft is not None and index is not None:
        put(draft.select(index), restructured=True)
        st.session_state[keys.BRING_EDITOR] = True


@action
def pick_card(index: int, switch_tab: bool = False) -> None:
    draft = current()
    if draft is not None:
        put(draft.select(index), restructured=True)
        if switch_tab:
            st.session_state[keys.TAB] = EDITOR_TAB


@action
def upload_logo() -> None:
    draft = current()
    upload = st.session_state.get(keys.LOGO_FILE)
    if draft is None or upload is None:
        return
    try:
        relative = store().save_logo(draft.name.rpartition("/")[0], upload.name, upload.getvalue())
    except CardkitError as error:
        flash("error", f"Dit logo kan niet gebruikt worden: {md(error.message('nl'))}")
        return
    put(draft.edit(replace(draft.card_set, logo=relative)))
    flash("success", "Het logo staat op de achterkant. Vergeet niet op te slaan.")


@action
def remove_logo() -> None:
    draft = current()
    if draft is not None:
        put(draft.edit(replace(draft.card_set, logo="")))


@action
def add_uploaded(card_set: CardSet) -> None:
    stored = store().create(card_set, space=team(), who=person())
    open_set(stored.name)
    flash("success", f"{quoted(card_set.title)} is toegevoegd aan de bibliotheek.")


@action
def bring_back(version_id: str) -> None:
    draft = current()
    if draft is None:
        return
    card_set = store().read_version(draft.name, version_id)
    put(draft.edit(card_set, 0), restructured=True)
    flash("info", "De eerdere versie staat klaar. Sla op om hem terug te zetten.")


@action
def restore_deleted(deleted_id: str) -> None:
    stored = store().restore(deleted_id, who=person())
    open_set(stored.name)
    flash("success", f"{quoted(stored.card_set.title)} is teruggezet.")


@action
def keep_orphan(name: str) -> None:
    """Unsaved edits of a set that is gone, kept as a new set."""
    kept = store().drafts_of(person(), name)
    if not kept:
        return
    stored = store().create(kept[0].card_set, space=home_for(name), who=person())
    for draft in kept:
        store().drop_draft(person(), draft.session, name)
    open_set(stored.name)
    flash("success", f"Je wijzigingen zijn bewaard als de set {quoted(stored.card_set.title)}.")


@action
def drop_orphan(name: str) -> None:
    for draft in store().drafts_of(person(), name):
        store().drop_draft(person(), draft.session, name)


@action
def browse() -> None:
    st.session_state[keys.LIST_PAGE] = st.session_state[keys.LIST_PAGE_CHOICE]
