"""Above the tabs: the set's title and save button, what happened to it (edits brought back,
a colleague's save, rename or delete), and its details (title, layout, link, logo,
earlier versions, rename, delete)."""

from __future__ import annotations

from datetime import datetime

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from cardkit.errors import CardkitError
from cardkit.limits import MAX_LINK_CHARS, MAX_SITE_CHARS, MAX_TITLE_CHARS
from cardkit.read.layouts import layout_names, load_layout
from cardkit.read.style import Layout
from designer import keys
from designer.actions import (
    bring_back,
    copy_to_team,
    delete,
    discard_edits,
    keep_edits,
    remove_logo,
    rename,
    save,
    save_copy,
    upload_logo,
)
from designer.draft import Draft
from designer.signin import sign_in_on
from designer.state import show_flash, store, team
from designer.text import md, quoted

SET_FIELDS = ("title", "layout", "link", "site")  # edited here, one widget each


def header(draft: Draft) -> DeltaGenerator | None:
    """The set's title and the save button; returns the place under the title that says
    whether everything is saved (designer.status), None for a set this person may not change."""
    title_column, save_column = st.columns([3, 1], vertical_alignment="center")
    title_column.title(md(draft.card_set.title) or "Naamloze set")
    library = store()
    status = None
    if not library.may_change(draft.name):
        read_only(draft, save_column)
    else:
        if sign_in_on() and not draft.name.rpartition("/")[0]:
            title_column.caption(
                "Een voorbeeldset van het programma: wat je hier opslaat, zien alle teams."
            )
        status = title_column.container()
        # Never disabled: text typed just before the click reaches the save with it.
        save_column.button("Opslaan", type="primary", on_click=save, key="save")
    # Messages come and go inside one container that is always there, so the widgets
    # below keep their place on the page (an open expander stays open).
    with st.container():
        gone = not store().exists(draft.name)
        if gone or st.session_state.get(keys.CONFLICT) == draft.name:
            what_happened(draft, gone)
        elif st.session_state.get(keys.RESTORED, ("",))[0] == draft.name:
            brought_back()
        show_flash()
    return status


def read_only(draft: Draft, save_column) -> None:
    """An example of the programme (or a set this person may only read): to look at,
    download and print; changed only as a copy in their own team."""
    if store().actor.can_write(team()):
        st.info(
            "Dit is een voorbeeldset van het programma. Je kunt hem bekijken, downloaden en "
            "printen. Wil je hem aanpassen? Kopieer hem naar je team; je wijzigingen gaan mee."
        )
        save_column.button(
            "Kopieer naar mijn team", type="primary", on_click=copy_to_team, key="copy-to-team"
        )
    else:
        st.info(
            "Dit is een voorbeeldset van het programma: om te bekijken, downloaden en printen. "
            "Wijzigingen die je hier maakt, kun je niet bewaren zolang je bij geen team hoort."
        )


def what_happened(draft: Draft, gone: bool) -> None:
    """A colleague saved, renamed or deleted the set: the edits stay, to keep as a copy."""
    if gone:
        fate = store().fate(draft.name)
        if fate.renamed_to:
            title = store().read(fate.renamed_to).card_set.title
            news = f"Een collega heeft deze set hernoemd tot {quoted(title)}."
        elif fate.deleted:
            news = "Een collega heeft deze set verwijderd."
        else:
            news = "Deze set staat niet meer in de bibliotheek."
    else:
        news = (
            "Iemand anders (of jij, in een ander venster) heeft deze set opgeslagen nadat "
            "jij hem opende."
        )
    st.warning(
        f"{news} Jouw wijzigingen zijn niet weggeschreven en niet verloren: bewaar ze als kopie."
    )
    st.button("Opslaan als kopie", on_click=save_copy, key="save-copy", type="primary")


def brought_back() -> None:
    _, saved_at, changed_since = st.session_state[keys.RESTORED]
    moment = datetime.fromtimestamp(saved_at).strftime("%H:%M")
    day = datetime.fromtimestamp(saved_at).date()
    when = moment if day == datetime.now().date() else f"{day:%d-%m-%Y} {moment}"
    since = " Intussen heeft iemand de set opgeslagen." if changed_since else ""
    st.info(f"Je hebt niet-opgeslagen wijzigingen van {when}: verder werken of weggooien?{since}")
    row = st.container(horizontal=True, gap="small")
    row.button("Verder werken", on_click=keep_edits, key="keep-edits")
    row.button("Weggooien", on_click=discard_edits, key="discard-edits")


def set_fields(draft: Draft) -> None:
    with st.expander("Gegevens van de set"):
        target = (draft.name, st.session_state.get(keys.GENERATION, 0))
        widgets = [keys.set_field(field) for field in SET_FIELDS]
        if st.session_state.get(keys.SET_FIELDS_FOR) != target or any(
            key not in st.session_state for key in widgets
        ):
            for field in SET_FIELDS:
                st.session_state[keys.set_field(field)] = getattr(draft.card_set, field)
            st.session_state[keys.SET_FIELDS_FOR] = target
        st.text_input("Titel van de set", key=keys.set_field("title"), max_chars=MAX_TITLE_CHARS)
        usable, broken = loadable_layouts()
        st.selectbox(
            "Opmaak",
            list(usable),
            key=keys.set_field("layout"),
            format_func=lambda name: usable[name].title if name in usable else name,
            help=layouts_explained(usable),
        )
        for name, why in broken.items():
            st.warning(f"De opmaak {quoted(name)} kan nu niet gebruikt worden: {md(why)}")
        st.text_input(
            "Link (bijvoorbeeld naar het filmpje)",
            key=keys.set_field("link"),
            max_chars=MAX_LINK_CHARS,
            placeholder="https://",
        )
        st.text_input(
            "Adres van de website van de set",
            key=keys.set_field("site"),
            max_chars=MAX_SITE_CHARS,
            placeholder="https://",
            help=(
                "Zet je de website van de set online (Downloaden, De hele set), vul dan hier "
                "het adres in. De QR-code op de achterkant van elk kaartje wijst dan naar de "
                "eigen pagina van dat kaartje, in plaats van naar de link."
            ),
        )
        if not store().may_change(draft.name):
            return
        logo(draft)
        earlier_versions(draft)
        st.divider()
        st.text_input(
            "Nieuwe naam voor de set",
            key=keys.RENAME_TITLE,
            value=None,
            max_chars=MAX_TITLE_CHARS,
            placeholder=draft.card_set.title,
        )
        st.button("Wijzig de naam en bewaar", on_click=rename, key="rename")
        confirm = st.checkbox(
            f"Ja, verwijder {quoted(draft.card_set.title)} definitief", key=keys.CONFIRM_DELETE
        )
        st.button("Verwijder de set", on_click=delete, disabled=not confirm, key="delete")


def loadable_layouts() -> tuple[dict[str, Layout], dict[str, str]]:
    """The layouts that load, by name, and for each one that does not, why (in Dutch). One
    layout file that breaks a rule (an unreadable colour, a syntax error) is named here
    and leaves the page, and every set in another layout, working."""
    usable: dict[str, Layout] = {}
    broken: dict[str, str] = {}
    for name in layout_names():
        try:
            usable[name] = load_layout(name)
        except CardkitError as error:
            broken[name] = error.message("nl")
    return usable, broken


def layouts_explained(layouts: dict[str, Layout]) -> str:
    """Every layout's name and description, so a reader who needs large print or high
    contrast finds it."""
    return "\n".join(
        f"- **{md(layout.title)}**: {md(layout.description)}" for layout in layouts.values()
    )


def logo(draft: Draft) -> None:
    st.file_uploader(
        "Logo van je team voor de achterkant (PNG, JPEG of WebP)",
        type=["png", "jpg", "jpeg", "webp"],
        key=keys.LOGO_FILE,
        on_change=upload_logo,
    )
    problem = st.session_state.pop(keys.LOGO_PROBLEM, None)
    if problem:
        st.warning(f"Het logo kan niet getoond worden: {md(problem)}")
    if draft.card_set.logo:
        st.caption(f"Logo: {md(draft.card_set.logo)}")
        st.button("Logo weghalen", on_click=remove_logo, key="logo-remove")


def earlier_versions(draft: Draft) -> None:
    """Earlier saved versions, with who saved them: one can be brought back."""
    kept = store().history(draft.name) if store().exists(draft.name) else []
    if not kept:
        return
    st.divider()

    def describe(index: int) -> str:
        version = kept[index]
        moment = datetime.fromtimestamp(version.saved_at).strftime("%d-%m-%Y %H:%M")
        # Without sign-in a version records only a browser's token: nobody's name.
        named = version.who and not version.who.startswith("browser:")
        who = f" door {version.who}" if named else ""
        return f"Opgeslagen op {moment}{who} · {version.cards} kaartjes · “{version.title}”"

    choice = st.selectbox(
        "Eerdere versies", range(len(kept)), format_func=describe, key="version-choice"
    )
    st.button(
        "Zet deze versie terug",
        on_click=bring_back,
        args=(kept[choice].id,),
        key="version-restore",
        help="De set wordt zoals in deze versie; opslaan maakt het definitief.",
    )
