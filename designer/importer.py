"""The tab "Importeren": questions from a spreadsheet or a paste, checked row by row, added
up to what the set has room for; an import happens once, and can be undone."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from cardkit.errors import CardkitError
from cardkit.library import editing
from cardkit.library.importing import ImportPreview, Table, preview_import, read_table
from cardkit.limits import MAX_CARDS_PER_SET
from cardkit.read.layouts import load_layout
from designer import keys
from designer.actions import action
from designer.draft import Draft
from designer.state import current, flash, kind_labels, put
from designer.text import md
from designer.uploads import read_once, text_identity

MODES = {"add": "Toevoegen aan deze set", "replace": "Alle kaartjes vervangen"}
PASTED = "geplakt.csv"
SHOWN_PROBLEMS = 20  # rows that are skipped, each named; the rest are counted


def importer(draft: Draft) -> None:
    last = st.session_state.get(keys.IMPORT_UNDO)
    if last and last[0] == draft.name:
        count = last[2]
        cards = f"{count} kaartje{'s' if count != 1 else ''}"
        st.success(f"{cards} geïmporteerd. Vergeet niet op te slaan.")
        st.button("Import ongedaan maken", on_click=undo_import, key="undo-import")
    st.write(
        "Importeer vragen uit een spreadsheet. De eerste rij bevat de koppen: "
        "**soort**, **titel**, **vraag**, **toelichting** en **moment** (of in het Engels: "
        "kind, title, question, hint, moment). Alleen **vraag** is verplicht."
    )
    st.file_uploader(
        "Kies een CSV- of Excelbestand", type=["csv", "tsv", "txt", "xlsx"], key=keys.import_file()
    )
    st.text_area(
        "Of plak hier rijen uit een spreadsheet (met de koppen)",
        key=keys.import_text(),
        height=100,
    )
    st.radio(
        "Wat wil je doen?",
        list(MODES),
        key=keys.IMPORT_MODE,
        horizontal=True,
        format_func=MODES.get,
    )
    try:
        preview = import_preview(draft)
    except CardkitError as error:
        st.error(f"Dit kan niet geïmporteerd worden: {md(error.message('nl'))}")
        return
    if preview is None:
        return
    for note in preview.notes:
        st.info(md(note.nl[0].upper() + note.nl[1:]))
    if preview.problems:
        st.markdown("**Deze rijen worden overgeslagen:**")
    for problem in preview.problems[:SHOWN_PROBLEMS]:
        line = problem.line("nl")
        st.error(md(line[0].upper() + line[1:]))
    if len(preview.problems) > SHOWN_PROBLEMS:
        more = len(preview.problems) - SHOWN_PROBLEMS
        st.error(f"En nog {more} rij{'en' if more != 1 else ''} die worden overgeslagen.")
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
    count = len(preview.cards)
    st.button(
        f"Importeer {count} kaartje{'s' if count != 1 else ''}",
        type="primary",
        key="import-go",
        on_click=run_import,
    )


def import_preview(draft: Draft) -> ImportPreview | None:
    """What the upload or the paste would add, as the browser sent them, with the room
    the chosen mode leaves; None when there is nothing to import."""
    table = _table()
    if table is None:
        return None
    mode = st.session_state.get(keys.IMPORT_MODE, "add")
    room = MAX_CARDS_PER_SET - (len(draft.card_set.cards) if mode == "add" else 0)
    return preview_import(table, load_layout(draft.card_set.layout).kinds, room)


def _table() -> Table | None:
    upload = st.session_state.get(keys.import_file())
    pasted = st.session_state.get(keys.import_text()) or ""
    if upload is not None:
        return read_once(
            "import", upload.file_id, lambda: read_table(upload.name, upload.getvalue())
        )
    if pasted.strip():
        return read_once(
            "import", text_identity(pasted), lambda: read_table(PASTED, pasted.encode("utf-8"))
        )
    return None


@action
def run_import() -> None:
    draft = current()
    if draft is None:
        return
    preview = import_preview(draft)
    if preview is None or not preview.cards:
        return
    before = draft.card_set
    if st.session_state.get(keys.IMPORT_MODE, "add") == "replace":
        card_set = editing.replace_cards(before, preview.cards)
    else:
        card_set = editing.add_cards(before, preview.cards)
    put(draft.edit(card_set, len(card_set.cards) - len(preview.cards)), restructured=True)
    st.session_state[keys.IMPORT_UNDO] = (draft.name, before.cards, len(preview.cards))
    # New upload and paste fields: the same rows cannot be imported twice by accident.
    st.session_state[keys.IMPORT_ROUND] = st.session_state.get(keys.IMPORT_ROUND, 0) + 1


@action
def undo_import() -> None:
    draft = current()
    last = st.session_state.pop(keys.IMPORT_UNDO, None)
    if draft is None or last is None or last[0] != draft.name:
        return
    put(draft.edit(replace(draft.card_set, cards=last[1]), 0), restructured=True)
    flash("info", "De import is ongedaan gemaakt.")
