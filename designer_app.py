"""cardkit designer: pick a question set and see its cards in the house style.

A thin page over the engine: every layout and drawing decision lives in `cardkit`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from cardkit.errors import CardkitError, SetupError
from cardkit.export import card_png, set_pdf
from cardkit.fonts import require_raqm
from cardkit.load import LoadedSet, open_set
from cardkit.paths import CONTENT_DIR

PREVIEW_DPI = 110


@st.cache_data(show_spinner=False)
def preview(path: str, modified: float, number: int, side: str) -> bytes:
    return card_png(open_set(Path(path)), number, side, PREVIEW_DPI)


def main() -> None:
    st.set_page_config(page_title="Kaartjesmaker", page_icon="🃏", layout="wide")
    st.title("Denk- en doekaartjes")
    try:
        require_raqm()
    except SetupError as error:
        st.error(str(error))
        st.stop()

    sets = sorted(CONTENT_DIR.glob("*.yaml"))
    if not sets:
        st.info("Er staan nog geen vragensets in de map content/.")
        st.stop()
    path = st.selectbox("Vragenset", sets, format_func=lambda p: p.stem.replace("-", " "))
    try:
        loaded: LoadedSet = open_set(path)
    except CardkitError as error:
        st.error(f"Deze set kan niet geopend worden. {error.message('nl')}")
        st.stop()

    cards = loaded.card_set.cards
    st.caption(f"{loaded.card_set.title} · {len(cards)} kaartjes · opmaak {loaded.layout.title}")
    number = st.number_input("Kaartje", min_value=1, max_value=len(cards), value=1, step=1)
    modified = path.stat().st_mtime
    front, back = st.columns(2)
    front.image(
        preview(str(path), modified, number, "front"), caption="Voorkant", output_format="PNG"
    )
    back.image(
        preview(str(path), modified, number, "back"), caption="Achterkant", output_format="PNG"
    )

    pdf, _ = set_pdf(loaded)
    st.download_button(
        "Download alle kaartjes als pdf",
        data=pdf,
        file_name=f"{path.stem}.pdf",
        mime="application/pdf",
    )


main()
