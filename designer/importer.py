"""The tab "Importeren": questions from a spreadsheet or a paste, checked row by row."""

from __future__ import annotations

import streamlit as st

from cardkit.deck import layout_for
from cardkit.errors import CardkitError
from cardkit.library import editing
from cardkit.library.importing import ImportPreview, preview_import, read_table
from cardkit.read.layouts import load_layout
from designer.draft import Draft
from designer.state import flash, kind_labels, put


def importer(draft: Draft) -> None:
    st.write(
        "Importeer vragen uit een spreadsheet. De eerste rij bevat de koppen: "
        "**soort**, **titel**, **vraag**, **toelichting** en **moment** (of in het Engels: "
        "kind, title, question, hint, moment). Alleen **vraag** is verplicht."
    )
    upload = st.file_uploader(
        "Kies een CSV- of Excelbestand", type=["csv", "tsv", "txt", "xlsx"], key="import-file"
    )
    pasted = st.text_area(
        "Of plak hier rijen uit een spreadsheet (met de koppen)", key="import-text", height=100
    )
    try:
        if upload is not None:
            rows = read_table(upload.name, upload.getvalue())
        elif pasted.strip():
            rows = read_table("geplakt.csv", pasted.encode("utf-8"))
        else:
            return
        preview: ImportPreview = preview_import(rows, load_layout(draft.card_set.layout).kinds)
    except CardkitError as error:
        st.error(f"Dit kan niet geïmporteerd worden: {error.message('nl')}")
        return
    for note in preview.notes:
        st.info(note.nl)
    if preview.problems:
        st.markdown("**Deze rijen worden overgeslagen:**")
    for problem in preview.problems:
        st.error(problem.line("nl").capitalize())
    if not preview.cards:
        st.warning("Er is niets om te importeren.")
        return
    labels = kind_labels(draft.card_set.layout)
    st.markdown(f"**Dit wordt geïmporteerd ({len(preview.cards)}):**")
    st.dataframe(
        [
            {
                "Rij": row,
                "Soort": labels.get(card.kind, card.kind),
                "Titel": card.title,
                "Vraag": card.question,
                "Toelichting": card.hint,
                "Moment": card.moment,
            }
            for row, card in zip(preview.rows, preview.cards, strict=True)
        ],
        hide_index=True,
    )
    mode = st.radio(
        "Wat wil je doen?",
        ["add", "replace"],
        key="import-mode",
        horizontal=True,
        format_func={"add": "Toevoegen aan deze set", "replace": "Alle kaartjes vervangen"}.get,
    )
    count = len(preview.cards)
    if st.button(
        f"Importeer {count} kaartje{'s' if count != 1 else ''}", type="primary", key="import-go"
    ):
        try:
            if mode == "replace":
                card_set = editing.replace_cards(draft.card_set, preview.cards)
            else:
                card_set = editing.add_cards(draft.card_set, preview.cards)
            updated = draft.edit(card_set, len(card_set.cards) - count)
            layout_for(updated.card_set, draft.path.name)
        except CardkitError as error:
            st.error(error.message("nl"))
            return
        put(updated, restructured=True)
        flash("success", f"{count} kaartjes geïmporteerd. Vergeet niet op te slaan.")
        st.rerun()
