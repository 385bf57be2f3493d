"""The designer's page: the sidebar, the open set's header and details, and its tabs."""

from __future__ import annotations

import streamlit as st

from cardkit.errors import SetupError
from cardkit.text.fonts import require_raqm
from designer import keys
from designer.actions import EDITOR_TAB
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
from designer.status import StatusSlots, show_status
from designer.text import md

# The tabs after the card editor (designer.editor, the first tab).
OTHER_TABS = {
    "Overzicht": overview,
    "Importeren": importer,
    "Downloaden": downloads,
    "Printen": printing,
    "Kaartje trekken": drawing,
}


def main() -> None:
    # No Material icon as the page icon: the browser would fetch it from Google's servers
    # (the security policy refuses that: designer/gate/headers.py); Streamlit's own is local.
    st.set_page_config(page_title="Kaartjesmaker", layout="wide")
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
    entry, note = sidebar()
    draft = current()
    if draft is None or draft.name != st.session_state.get(keys.SET_CHOICE):
        show_status(None, StatusSlots(note=note))
        st.title("Denk- en doekaartjes")
        if not show_flash() and entry is not None and entry.problem:
            st.error(f"Deze set kan niet geopend worden: {md(entry.problem.nl)}")
        else:
            st.info("Kies links een vragenset, of maak een nieuwe.")
        guard(False, browser_token())
        return
    show_address(draft)
    slots = StatusSlots(header(draft), note)
    set_fields(draft)
    st.session_state[keys.PAGE_SIGNATURE] = page_signature(draft)
    # Only the open tab is built: thumbnails and exports cost nothing while one types.
    names = [EDITOR_TAB, *OTHER_TABS]
    tabs = st.tabs(names, key=keys.TAB, on_change="rerun")
    for name, tab in zip(names, tabs, strict=True):
        if not tab.open:
            continue
        with tab:
            if name == EDITOR_TAB:
                editor_part(slots)  # it says whether all is saved, on each of its reruns
            else:
                show_status(draft, slots)
                guard(draft.unsaved, browser_token())
                OTHER_TABS[name](draft)
