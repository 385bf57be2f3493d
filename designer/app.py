"""The designer's page: the sidebar, the open set's header and details, and its tabs."""

from __future__ import annotations

import streamlit as st

from cardkit.errors import SetupError
from cardkit.text.fonts import require_raqm
from designer import keys
from designer.address import follow_address, show_address
from designer.boundary import guarded
from designer.downloads import downloads
from designer.drawing import drawing
from designer.editor import editor_part
from designer.guard import guard
from designer.importer import importer
from designer.overview import overview
from designer.printing import printing
from designer.set_panel import header, set_fields
from designer.sidebar import sidebar
from designer.signin import sign_in_on, sign_in_page, signed_in
from designer.state import absorb_widgets, browser_token, current, page_signature, show_flash
from designer.text import md

TABS = {
    "Kaartjes maken": lambda draft: editor_part(),
    "Overzicht": overview,
    "Importeren": importer,
    "Downloaden": downloads,
    "Printen": printing,
    "Kaartje trekken": drawing,
}


def main() -> None:
    st.set_page_config(page_title="Kaartjesmaker", page_icon=":material/style:", layout="wide")
    try:
        require_raqm()
    except SetupError as error:
        st.error(str(error))
        st.stop()
    if sign_in_on() and not signed_in():
        sign_in_page()
        return
    page()


@guarded(st.error)
def page() -> None:
    absorb_widgets()
    follow_address()
    entry = sidebar()
    draft = current()
    if draft is None or draft.name != st.session_state.get(keys.SET_CHOICE):
        st.title("Denk- en doekaartjes")
        if not show_flash() and entry is not None and entry.problem:
            st.error(f"Deze set kan niet geopend worden: {md(entry.problem.nl)}")
        else:
            st.info("Kies links een vragenset, of maak een nieuwe.")
        guard(False, browser_token())
        return
    show_address(draft)
    header(draft)
    set_fields(draft)
    st.session_state[keys.PAGE_SIGNATURE] = page_signature(draft)
    # Only the open tab is built: thumbnails and exports cost nothing while one types.
    tabs = st.tabs(list(TABS), key=keys.TAB, on_change="rerun")
    for tab, build in zip(tabs, TABS.values(), strict=True):
        if tab.open:
            with tab:
                build(draft)
    guard(draft.unsaved, browser_token())
