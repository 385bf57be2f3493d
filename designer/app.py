"""The designer's page: the sidebar, the open set's header and details, and its tabs."""

from __future__ import annotations

import streamlit as st

from cardkit.errors import SetupError
from cardkit.text.fonts import require_raqm
from designer import keys
from designer.downloads import downloads
from designer.editor import editor
from designer.importer import importer
from designer.overview import overview
from designer.printing import printing
from designer.set_panel import header, set_fields
from designer.sidebar import sidebar
from designer.state import current, show_flash


def main() -> None:
    st.set_page_config(page_title="Kaartjesmaker", page_icon=":material/style:", layout="wide")
    try:
        require_raqm()
    except SetupError as error:
        st.error(str(error))
        st.stop()
    entry = sidebar()
    draft = current() if entry is not None else None
    if draft is None or str(draft.path) != st.session_state.get(keys.SET_CHOICE):
        st.title("Denk- en doekaartjes")
        if not show_flash() and entry is not None and entry.problem:
            st.error(f"Deze set kan niet geopend worden: {entry.problem.nl}")
        else:
            st.info("Kies links een vragenset, of maak een nieuwe.")
        return
    header(draft)
    set_fields(draft)
    # Only the open tab is built: thumbnails and exports cost nothing while one types.
    sections = {
        "Kaartjes maken": editor,
        "Overzicht": overview,
        "Importeren": importer,
        "Downloaden": downloads,
        "Printen": printing,
    }
    tabs = st.tabs(list(sections), key=keys.TAB, on_change="rerun")
    for tab, build in zip(tabs, sections.values(), strict=True):
        if tab.open:
            with tab:
                build(draft)
