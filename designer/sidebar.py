"""The sidebar: the library of sets (and which have unsaved edits), a new set, an uploaded
set, deleted sets, and unsaved edits of sets that are gone."""

from __future__ import annotations

from datetime import datetime

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from cardkit.deck import layout_for, logo_for
from cardkit.errors import CardkitError
from cardkit.library.store import SetEntry
from cardkit.library.teams import LOOKALIKE, UNVERIFIED
from cardkit.model import CardSet
from cardkit.read.sets import parse_set_text
from designer import keys
from designer.actions import (
    NEW,
    add_uploaded,
    choose_set,
    create_set,
    drop_orphan,
    keep_orphan,
    restore_deleted,
    switch_team,
)
from designer.address import open_from_address
from designer.signin import sign_in_on, teams_file_problem
from designer.state import current, flash, open_set, person, store, team
from designer.status import UnsavedNote
from designer.text import md, quoted
from designer.uploads import read_once


def sidebar() -> tuple[SetEntry | None, UnsavedNote | None]:
    """The library: choose, create or upload a set. Returns the chosen set's entry, and the
    note that says which sets have unsaved edits (designer.status fills it)."""
    with st.sidebar:
        if sign_in_on():
            who_is_here()
        st.header("Vragensets")
        entries = listed_sets()
        draft = current()
        shown = {entry.name for entry in entries}
        here = draft is not None and draft.name.rpartition("/")[0] in ("", team())
        if draft is not None and here and draft.name not in shown:
            # Renamed or deleted by a colleague: the edits stay on screen, to keep as a copy.
            entries.append(SetEntry(draft.name, draft.card_set.title, len(draft.card_set.cards)))
        can_create = store().actor.can_write(team())
        options = [entry.name for entry in entries] + ([NEW] if can_create else [])
        labels = set_labels(entries)
        if not options:
            return None, None
        if st.session_state.get(keys.SET_CHOICE) not in options:
            first_choice(entries, options)
        # Labels never change while a set is open: the choice is sent back by its label.
        st.selectbox(
            "Kies een set",
            options,
            format_func=lambda option: labels.get(option, option),
            key=keys.SET_CHOICE,
            on_change=choose_set,
        )
        drafted = own_draft_names()
        listed = tuple((entry.name, quoted(entry.title)) for entry in entries)
        note = UnsavedNote(st.container(), listed, frozenset(drafted))
        if st.session_state[keys.SET_CHOICE] == NEW:
            new_set(entries)
        if can_create:
            upload_set()
            deleted_sets()
        drafts_without_a_set(entries, drafted)
    chosen = next((e for e in entries if e.name == st.session_state[keys.SET_CHOICE]), None)
    return chosen, note


# Why a signed-in person sees no team, and what they can do about it.
NO_TEAM = {
    "": "Je bent ingelogd, maar je hoort (nog) bij geen team. Vraag de beheerder van het "
    "programma om je toe te voegen. Tot dan kun je de voorbeeldsets bekijken, downloaden "
    "en printen.",
    UNVERIFIED: "Je inlogdienst heeft niet bevestigd dat dit e-mailadres van jou is, dus je "
    "ziet geen teamsets. Bevestig je adres bij je organisatie of log in met je werkaccount. "
    "Tot dan kun je de voorbeeldsets bekijken, downloaden en printen.",
    LOOKALIKE: "Je e-mailadres bevat een teken dat op een ander teken lijkt, dus je ziet geen "
    "teamsets. Log in met een gewoon e-mailadres, of vraag de beheerder om hulp. Tot dan kun "
    "je de voorbeeldsets bekijken, downloaden en printen.",
}


def who_is_here() -> None:
    """The signed-in person, their team (a choice when they work in several), sign-out."""
    library = store()
    actor = library.actor
    address = str(st.user.get("email") or "") if actor.refusal else actor.who
    st.caption(
        f"Ingelogd als {md(actor.name)}" + (f" ({md(address)})" if actor.name != address else "")
    )
    if actor.admin and (problem := teams_file_problem()):
        st.warning(
            "Het teambestand is veranderd, maar kan niet gelezen worden; de vorige versie "
            f"blijft gelden tot het klopt. {md(problem)}"
        )
    teams = [space for space in library.work_spaces() if space]
    names = library.team_names
    if len(teams) > 1:
        # A page opened at a set's address shows that set's team.
        fresh = keys.ADDRESS_SHOWN not in st.session_state
        wanted = st.query_params.get(keys.ADDRESS_SET, "").rpartition("/")[0] if fresh else ""
        if wanted in teams:
            st.session_state[keys.TEAM] = wanted
        elif st.session_state.get(keys.TEAM) not in teams:
            st.session_state[keys.TEAM] = teams[0]
        st.selectbox(
            "Team",
            teams,
            format_func=lambda space: names.get(space, space),
            key=keys.TEAM,
            on_change=switch_team,
        )
    elif teams:
        st.markdown(f"**{md(names[teams[0]])}**")
    else:
        st.warning(NO_TEAM.get(actor.refusal, NO_TEAM[""]))
    st.button("Uitloggen", on_click=st.logout, key="sign-out")


def listed_sets() -> list[SetEntry]:
    """The sets of the team this person works in now, then the programme's examples."""
    library = store()
    space = team()
    own = library.list_sets(space) if space else []
    return own + library.list_sets("")


def set_labels(entries: list[SetEntry]) -> dict[str, str]:
    """What the set list shows: each set's title, told apart by its name where two sets
    have the same title, and whether it cannot be opened."""
    titles = [entry.title for entry in entries]
    labels = {NEW: "＋ Nieuwe set…"}
    examples_apart = team() != ""
    for entry in entries:
        label = entry.title if titles.count(entry.title) == 1 else f"{entry.title} · {entry.name}"
        if examples_apart and not entry.space:
            label = f"Voorbeeld: {label}"
        labels[entry.name] = f"{label} (kan niet geopend worden)" if entry.problem else label
    return labels


def first_choice(entries: list[SetEntry], options: list[str]) -> None:
    """The set to show when none is chosen: the open one, else the one the page address
    names (a reload, a shared link), else the first that opens."""
    draft = current()
    if draft is not None and draft.name in options:
        st.session_state[keys.SET_CHOICE] = draft.name
        return
    # The address counts when the page was opened with it; once the page shows a set, the
    # address follows the page (see designer.address).
    fresh = keys.ADDRESS_SHOWN not in st.session_state
    wanted = st.query_params.get(keys.ADDRESS_SET, "") if fresh else ""
    card = st.query_params.get(keys.ADDRESS_CARD, "1")
    try:
        if wanted and open_from_address(wanted, card):
            return
        openable = [entry.name for entry in entries if not entry.problem]
        if openable:
            open_set(openable[0])
            return
    except CardkitError as error:
        flash("error", f"Deze set kan niet geopend worden: {md(error.message('nl'))}")
    st.session_state[keys.SET_CHOICE] = NEW


def new_set(entries: list[SetEntry]) -> None:
    st.text_input("Titel van de nieuwe set", key=keys.NEW_TITLE, max_chars=200)
    sources = [""] + [entry.name for entry in entries if not entry.problem]
    titles = {entry.name: entry.title for entry in entries}
    st.radio(
        "Begin met",
        sources,
        format_func=lambda s: "Een lege set" if not s else f"Een kopie van {quoted(titles[s])}",
        key=keys.NEW_SOURCE,
    )
    st.button("Maak de set", on_click=create_set, type="primary")


def upload_set() -> None:
    with st.expander("Set uploaden (YAML)"):
        upload = st.file_uploader("Kies een YAML-bestand", type=["yaml", "yml"], key="upload-yaml")
        if upload is None:
            return
        try:
            card_set = read_once("set", upload.file_id, lambda: usable_set(upload))
        except CardkitError as error:
            st.error(f"Dit bestand kan niet gebruikt worden: {md(error.message('nl'))}")
            return
        st.write(
            f"{quoted(card_set.title)}, {len(card_set.cards)} kaartjes, "
            f"opmaak {md(card_set.layout)}."
        )
        st.button("Voeg toe aan de bibliotheek", on_click=add_uploaded, args=(card_set,))


def usable_set(upload: UploadedFile) -> CardSet:
    """The uploaded set, once its layout and logo are known to be usable."""
    card_set = parse_set_text(upload.getvalue(), upload.name)
    layout_for(card_set, upload.name)
    logo_for(card_set, store().space_dir(team()), upload.name)
    return card_set


def own_draft_names() -> set[str]:
    """The sets, of this team and the examples, this person has unsaved edits of."""
    library = store()
    names = library.draft_names(person(), "")
    if team():
        names |= library.draft_names(person(), team())
    return names


def drafts_without_a_set(entries: list[SetEntry], drafted: set[str]) -> None:
    """Unsaved edits of sets that are gone (renamed or deleted while this person was away):
    kept as a new set, or thrown away, never lost without a word."""
    listed = {entry.name for entry in entries}
    orphans = sorted(name for name in drafted if name not in listed)
    if not orphans:
        return
    with st.expander("Niet-opgeslagen wijzigingen zonder set", expanded=True):
        for name in orphans:
            kept = store().drafts_of(person(), name)
            if not kept:
                continue
            moment = datetime.fromtimestamp(kept[0].saved_at).strftime("%d-%m-%Y %H:%M")
            st.markdown(f"{quoted(kept[0].card_set.title)}, {moment}")
            row = st.container(horizontal=True, gap="small")
            row.button(
                "Bewaar als nieuwe set", on_click=keep_orphan, args=(name,), key=f"keep-{name}"
            )
            row.button("Weggooien", on_click=drop_orphan, args=(name,), key=f"drop-{name}")


def deleted_sets() -> None:
    deleted = store().deleted(team())
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
