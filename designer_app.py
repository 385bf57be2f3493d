"""cardkit designer: write, preview and manage question sets in the house style.

A thin Streamlit page: widgets read and change a `Draft` (cardkit.workspace) and
call the engine; every layout, drawing, file and validation rule lives in `cardkit`.
The sets live in `content/` (or the folder named by CARDKIT_CONTENT_DIR).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Hashable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import streamlit as st

from cardkit.checks.writing import tips
from cardkit.deck import Deck, layout_for, logo_for
from cardkit.display import Page
from cardkit.errors import CardkitError, SetupError
from cardkit.library import store
from cardkit.library.importing import ImportPreview, preview_import, read_table
from cardkit.limits import MAX_FIELD_CHARS
from cardkit.model import Card, CardSet
from cardkit.output.alignment import alignment_sheets
from cardkit.output.export import card_png, drawings_pdf, png_zip, set_pdf, sheets_pdf, usable_cores
from cardkit.output.impose import PAPERS, SheetOptions
from cardkit.output.preview import PREVIEW_DPI, THUMBNAIL_DPI, card_preview, sheet_preview
from cardkit.output.share import PRESETS, email_pdf, encode, share_bundle, share_image
from cardkit.paths import CONTENT_DIR
from cardkit.read.images import Logo
from cardkit.read.layouts import DEFAULT_LAYOUT, layout_names, load_layout
from cardkit.read.sets import parse_set_text, set_to_yaml, strip_invisible, valid_link
from cardkit.render.cmyk import find_cmyk_profile
from cardkit.text.fonts import require_raqm
from designer.draft import Draft

LIBRARY = Path(os.environ.get("CARDKIT_CONTENT_DIR", CONTENT_DIR))
FIELDS = ("kind", "title", "question", "hint", "moment")
FIELD_LABELS = {
    "title": "Titel (boven op het kaartje)",
    "question": "Vraag",
    "hint": "Toelichting",
    "moment": "Moment: wanneer pak je dit kaartje erbij?",
}
NEW = "__new__"
LIST_PAGE = 20  # cards per page of the card list


# --- engine calls, cached by content -----------------------------------------------------


def side_of(draft: Draft, index: int, side: str, dpi: float = PREVIEW_DPI) -> tuple[bytes, Page]:
    card_set = draft.card_set
    return card_preview(
        card_set.cards[index],
        index + 1,
        len(card_set.cards),
        card_set.title,
        card_set.link,
        card_set.layout,
        side,
        dpi,
        draft_logo(draft),
    )


def draft_logo(draft: Draft) -> Logo | None:
    """The set's logo, checked; a missing or broken one is shown as a problem, not a crash."""
    try:
        return logo_for(draft.card_set, LIBRARY, draft.path.name)
    except CardkitError as error:
        st.session_state["logo-problem"] = error.message("nl")
        return None


# --- session state -----------------------------------------------------------------------


def drafts() -> dict[str, Draft]:
    return st.session_state.setdefault("drafts", {})


def current() -> Draft | None:
    return drafts().get(st.session_state.get("current", ""))


def put(draft: Draft, *, restructured: bool = False) -> None:
    """Store `draft` as the current set; `restructured` re-fills the editor from it."""
    drafts()[str(draft.path)] = draft
    st.session_state["current"] = str(draft.path)
    if restructured:
        st.session_state["generation"] = st.session_state.get("generation", 0) + 1
        st.session_state["list-page"] = None  # the list shows the selected card again


def flash(kind: str, message: str) -> None:
    st.session_state["flash"] = (kind, message)


def show_flash() -> bool:
    """Show the message a callback left for this run; tell whether there was one."""
    kind, message = st.session_state.pop("flash", (None, None))
    if kind:
        getattr(st, kind)(message)
    return kind is not None


def loaded(draft: Draft) -> Deck:
    layout = layout_for(draft.card_set, draft.path.name)
    return Deck(draft.card_set, layout, draft.path.name, draft_logo(draft))


def kind_labels(layout_name: str) -> dict[str, str]:
    return {name: kind.label for name, kind in load_layout(layout_name).kinds.items()}


# --- actions (widget callbacks) ----------------------------------------------------------


def open_set(path: str) -> None:
    if path in drafts():
        st.session_state["current"] = path
        st.session_state["generation"] = st.session_state.get("generation", 0) + 1
        return
    try:
        put(Draft.open(Path(path)), restructured=True)
    except CardkitError as error:
        flash("error", f"Deze set kan niet geopend worden: {error.message('nl')}")


def choose_set() -> None:
    choice = st.session_state["set-choice"]
    if choice != NEW:
        open_set(choice)


def create_set() -> None:
    title = st.session_state.get("new-title", "").strip()
    if not title:
        flash("error", "Geef de nieuwe set eerst een titel.")
        return
    source = st.session_state.get("new-source", "")
    try:
        if source:
            original, _ = store.read_set(Path(source))
            card_set = replace(original, title=title)
        else:
            card_set = CardSet(title, DEFAULT_LAYOUT, (Card("denk", ""),))
        path, stamp = store.create_set(LIBRARY, card_set)
    except CardkitError as error:
        flash("error", error.message("nl"))
        return
    put(Draft(path, card_set, card_set, stamp), restructured=True)
    st.session_state["set-choice"] = str(path)
    st.session_state["new-title"] = ""
    flash("success", f"De set “{title}” is gemaakt en bewaard als {path.name}.")


def save(draft: Draft) -> None:
    try:
        put(draft.save(LIBRARY))
    except store.SaveConflict as error:
        st.session_state["conflict"] = str(draft.path)
        flash("error", error.message("nl"))
        return
    except CardkitError as error:
        flash("error", error.message("nl"))
        return
    st.session_state.pop("conflict", None)
    flash("success", f"Opgeslagen in {draft.path.name}.")


def save_copy(draft: Draft) -> None:
    copy = draft.save_copy(LIBRARY)
    put(copy, restructured=True)
    st.session_state["set-choice"] = str(copy.path)
    st.session_state.pop("conflict", None)
    flash("success", f"Jouw versie is bewaard als kopie: {copy.path.name}.")


def rename(draft: Draft) -> None:
    title = st.session_state.get("rename-title", "").strip()
    if not title:
        flash("error", "Een set heeft een titel nodig.")
        return
    try:
        renamed = draft.rename(LIBRARY, title)
    except CardkitError as error:
        flash("error", error.message("nl"))
        return
    drafts().pop(str(draft.path), None)
    put(renamed, restructured=True)
    st.session_state["set-choice"] = str(renamed.path)
    flash("success", f"De set heet nu “{title}” ({renamed.path.name}).")


def delete(draft: Draft) -> None:
    try:
        store.delete_set(LIBRARY, draft.path, draft.fingerprint)
    except CardkitError as error:
        flash("error", error.message("nl"))
        return
    drafts().pop(str(draft.path), None)
    st.session_state.pop("current", None)
    st.session_state.pop("set-choice", None)
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
    text, removed = strip_invisible(st.session_state[f"edit-{field}"])
    if removed:
        flash("info", "Onzichtbare tekens uit de geplakte tekst weggehaald: " + ", ".join(removed))
        st.session_state[f"edit-{field}"] = text
    put(draft.update_card(**{field: text.strip()}))


def edit_set_field(field: str) -> None:
    draft = current()
    if draft is None:
        return
    value, _ = strip_invisible(str(st.session_state[f"set-{field}"]))
    value = value.strip()
    if field == "title" and not value:
        st.session_state["set-title"] = draft.card_set.title
        flash("error", "Een set heeft een titel nodig; de oude titel is teruggezet.")
        return
    if field == "link" and value and not valid_link(value):
        flash("error", f"“{value}” is geen webadres: een link begint met https://.")
        return
    put(draft.edit(replace(draft.card_set, **{field: value})))


def upload_logo() -> None:
    draft = current()
    upload = st.session_state.get("logo-file")
    if draft is None or upload is None:
        return
    try:
        relative = store.save_logo(LIBRARY, upload.name, upload.getvalue())
    except CardkitError as error:
        flash("error", f"Dit logo kan niet gebruikt worden: {error.message('nl')}")
        return
    put(draft.edit(replace(draft.card_set, logo=relative)))
    flash("success", "Het logo staat op de achterkant. Vergeet niet op te slaan.")


def remove_logo() -> None:
    draft = current()
    if draft is not None:
        put(draft.edit(replace(draft.card_set, logo="")))


# --- the page ----------------------------------------------------------------------------


def sidebar() -> store.SetEntry | None:
    """The library: choose, create or upload a set. Returns the chosen set's entry."""
    with st.sidebar:
        st.header("Vragensets")
        entries = store.list_sets(LIBRARY)
        options = [str(entry.path) for entry in entries] + [NEW]
        titles = {str(entry.path): entry for entry in entries}

        def label(option: str) -> str:
            if option == NEW:
                return "＋ Nieuwe set…"
            entry = titles[option]
            if entry.problem:
                return f"{entry.title} (kan niet geopend worden)"
            return entry.title  # stable: a label that changes makes the choice jump

        if st.session_state.get("set-choice") not in options:
            openable = [str(entry.path) for entry in entries if not entry.problem] + [NEW]
            remembered = st.session_state.get("current")
            st.session_state["set-choice"] = remembered if remembered in options else openable[0]
            choose_set()
        st.selectbox(
            "Kies een set", options, format_func=label, key="set-choice", on_change=choose_set
        )

        if st.session_state["set-choice"] == NEW:
            st.text_input("Titel van de nieuwe set", key="new-title")
            sources = [""] + [str(entry.path) for entry in entries if not entry.problem]
            st.radio(
                "Begin met",
                sources,
                format_func=lambda s: (
                    "Een lege set" if not s else f"Een kopie van “{titles[s].title}”"
                ),
                key="new-source",
            )
            st.button("Maak de set", on_click=create_set, type="primary")
        upload_set()
        deleted = store.deleted_sets(LIBRARY)
        if deleted:
            with st.expander("Verwijderde sets"):
                for version in deleted:
                    st.button(
                        f"Zet “{version.title}” terug",
                        on_click=restore_deleted,
                        args=(str(version.path),),
                        key=f"restore-{version.path.parent.name}",
                    )
    return titles.get(st.session_state["set-choice"])


def upload_set() -> None:
    with st.expander("Set uploaden (YAML)"):
        upload = st.file_uploader("Kies een YAML-bestand", type=["yaml", "yml"], key="upload-yaml")
        if upload is None:
            return
        try:
            card_set = parse_set_text(upload.getvalue(), upload.name)
            layout_for(card_set, upload.name)
            logo_for(card_set, LIBRARY, upload.name)
        except CardkitError as error:
            st.error(f"Dit bestand kan niet gebruikt worden: {error.message('nl')}")
            return
        st.write(f"“{card_set.title}”, {len(card_set.cards)} kaartjes, opmaak {card_set.layout}.")
        st.button("Voeg toe aan de bibliotheek", on_click=add_uploaded, args=(card_set,))


def add_uploaded(card_set: CardSet) -> None:
    path, stamp = store.create_set(LIBRARY, card_set)
    put(Draft(path, card_set, card_set, stamp), restructured=True)
    st.session_state["set-choice"] = str(path)
    flash("success", f"“{card_set.title}” is toegevoegd als {path.name}.")


def header(draft: Draft) -> None:
    title_column, save_column = st.columns([3, 1], vertical_alignment="center")
    title_column.title(draft.card_set.title or "Naamloze set")
    if draft.unsaved:
        title_column.markdown("**● Niet-opgeslagen wijzigingen**")
    else:
        title_column.caption(f"Alles opgeslagen in {draft.path.name}")
    save_column.button(
        "Opslaan",
        type="primary",
        on_click=save,
        args=(draft,),
        disabled=not draft.unsaved,
        key="save",
    )
    if st.session_state.get("conflict") == str(draft.path):
        st.warning(
            "Een collega heeft deze set opgeslagen nadat jij hem opende. Jouw wijzigingen "
            "zijn niet weggeschreven en niet verloren: bewaar ze als kopie."
        )
        st.button("Opslaan als kopie", on_click=save_copy, args=(draft,), key="save-copy")
    show_flash()


def set_fields(draft: Draft) -> None:
    with st.expander("Gegevens van de set"):
        names = layout_names()
        target = (str(draft.path), st.session_state.get("generation", 0))
        if st.session_state.get("set-fields-for") != target:
            for field in ("title", "layout", "link"):
                st.session_state[f"set-{field}"] = getattr(draft.card_set, field)
            st.session_state["set-fields-for"] = target
        st.text_input(
            "Titel van de set", key="set-title", on_change=edit_set_field, args=("title",)
        )
        st.selectbox(
            "Opmaak",
            names,
            key="set-layout",
            format_func=lambda name: load_layout(name).title,
            on_change=edit_set_field,
            args=("layout",),
        )
        st.text_input(
            "Link (bijvoorbeeld naar het filmpje)",
            key="set-link",
            on_change=edit_set_field,
            args=("link",),
            placeholder="https://",
        )
        st.file_uploader(
            "Logo van je team voor de achterkant (PNG, JPEG of WebP)",
            type=["png", "jpg", "jpeg", "webp"],
            key="logo-file",
            on_change=upload_logo,
        )
        problem = st.session_state.pop("logo-problem", None)
        if problem:
            st.warning(f"Het logo kan niet getoond worden: {problem}")
        if draft.card_set.logo:
            st.caption(f"Logo: {draft.card_set.logo}")
            st.button("Logo weghalen", on_click=remove_logo, key="logo-remove")
        earlier_versions(draft)
        st.divider()
        st.text_input(
            "Nieuwe naam voor de set",
            key="rename-title",
            value=None,
            placeholder=draft.card_set.title,
        )
        st.button("Wijzig de naam en bewaar", on_click=rename, args=(draft,))
        confirm = st.checkbox(
            f"Ja, verwijder “{draft.card_set.title}” definitief", key="confirm-delete"
        )
        st.button("Verwijder de set", on_click=delete, args=(draft,), disabled=not confirm)


def earlier_versions(draft: Draft) -> None:
    """The versions earlier saves replaced: one can be brought back to undo a bad save."""
    kept = store.versions(LIBRARY, draft.path)
    if not kept:
        return
    st.divider()

    def describe(index: int) -> str:
        version = kept[index]
        moment = datetime.fromtimestamp(version.replaced_at).strftime("%d-%m-%Y %H:%M")
        return f"Vervangen op {moment} · {version.cards} kaartjes · “{version.title}”"

    choice = st.selectbox(
        "Eerdere versies", range(len(kept)), format_func=describe, key="version-choice"
    )
    st.button(
        "Zet deze versie terug",
        on_click=bring_back,
        args=(str(kept[choice].path),),
        key="version-restore",
        help="De set wordt zoals in deze versie; opslaan maakt het definitief.",
    )


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
    version = next(v for v in store.deleted_sets(LIBRARY) if str(v.path) == version_path)
    path, card_set, stamp = store.restore_deleted(LIBRARY, version)
    put(Draft(path, card_set, card_set, stamp), restructured=True)
    st.session_state["set-choice"] = str(path)
    flash("success", f"“{card_set.title}” is teruggezet.")


def sync_editor(draft: Draft) -> None:
    """Fill the editor's widgets from the draft when another card is shown."""
    target = (str(draft.path), draft.selected, st.session_state.get("generation", 0))
    if st.session_state.get("editor-for") == target or draft.card is None:
        return
    for field in FIELDS:
        st.session_state[f"edit-{field}"] = getattr(draft.card, field)
    st.session_state["editor-for"] = target


def card_list(draft: Draft, labels: dict[str, str]) -> None:
    cards = draft.card_set.cards

    def describe(index: int) -> str:
        card = cards[index]
        question = card.question.replace("\n", " ") or "(nog geen vraag)"
        short = question if len(question) <= 48 else question[:47] + "…"
        return f"{index + 1}. {labels.get(card.kind, card.kind)} · {short}"

    # Buttons, not a radio: their labels change as questions are edited, and a choice
    # widget whose option labels change loses track of what was chosen.
    shown = list_window(draft)
    box = st.container(height=320) if len(shown) > 7 else st.container()
    for index in shown:
        box.button(
            escape_markdown(describe(index)),
            key=f"pick-{index}",
            on_click=pick_card,
            args=(index,),
            type="primary" if index == draft.selected else "tertiary",
            width="stretch",
        )
    row = st.container(horizontal=True, gap="small")
    actions = (
        ("add", "Nieuw", ":material/add:"),
        ("duplicate", "Dupliceer", ":material/content_copy:"),
        ("delete", "Verwijder", ":material/delete:"),
        ("up", "Omhoog", ":material/arrow_upward:"),
        ("down", "Omlaag", ":material/arrow_downward:"),
    )
    for action, text, icon in actions:
        disabled = (action != "add" and not cards) or (action == "up" and draft.selected == 0)
        disabled = disabled or (action == "down" and draft.selected >= len(cards) - 1)
        row.button(
            text,
            icon=icon,
            on_click=card_action,
            args=(action,),
            key=f"card-{action}",
            disabled=disabled,
        )


def list_window(draft: Draft) -> range:
    """The cards the list shows: all of a small set; of a large one, a page of them, the
    selected card's unless another page was chosen. Every button costs time on every
    rerun, and nobody scans a hundred of them."""
    count = len(draft.card_set.cards)
    pages = math.ceil(count / LIST_PAGE)
    if pages <= 1:
        return range(count)
    page = st.session_state.get("list-page")
    if page is None or page >= pages:
        page = draft.selected // LIST_PAGE
    st.session_state["list-page-choice"] = page

    def describe(page: int) -> str:
        return f"kaartjes {page * LIST_PAGE + 1} tot en met {min(count, (page + 1) * LIST_PAGE)}"

    st.selectbox(
        f"Toon ({count} kaartjes)",
        range(pages),
        format_func=describe,
        key="list-page-choice",
        on_change=browse,
    )
    return range(page * LIST_PAGE, min(count, (page + 1) * LIST_PAGE))


def browse() -> None:
    st.session_state["list-page"] = st.session_state["list-page-choice"]


def escape_markdown(text: str) -> str:
    """Show a team's text as written: Streamlit labels would read * and _ as markup."""
    return "".join("\\" + char if char in "\\`*_{}[]()#+-.!~|<>$" else char for char in text)


def field_problems(page: Page, zone: str) -> None:
    """What is wrong with the field's text on the card, said at the field."""
    for overflow in page.overflows:
        if overflow.zone == zone:
            text = overflow.describe().nl
            st.error(text[0].upper() + text[1:] + ".", icon=":material/error:")
    for glyph in page.missing:
        if glyph.zone == zone:
            text = glyph.describe().nl
            st.error(text[0].upper() + text[1:] + ".", icon=":material/error:")


def field_tips(draft: Draft, field: str) -> None:
    """The writing aid's tips for this field: friendly, and never in the way."""
    card = draft.card
    layout = load_layout(draft.card_set.layout)
    for zone, tip in tips(card, layout.writing, layout.kinds[card.kind].label):
        if zone == field:
            st.info(f"Tip: {tip.nl}", icon=":material/lightbulb:")


def editor(draft: Draft) -> None:
    """Left: the selected card's fields. Right: its preview, then the list of all cards."""
    labels = kind_labels(draft.card_set.layout)
    left, right = st.columns([1, 1.25], gap="large")
    sync_editor(draft)
    if draft.card is None:
        with left:
            st.info("Deze set heeft nog geen kaartjes. Maak er een met ‘Nieuw’.")
        with right:
            card_list(draft, labels)
        return
    front_png, front = side_of(draft, draft.selected, "front")
    back_png, back = side_of(draft, draft.selected, "back")
    with left:
        card_fields(draft, labels, front, back)
    with right:
        st.subheader("Zo ziet het kaartje eruit")
        front_column, back_column = st.columns(2)
        front_column.image(front_png, caption="Voorkant", output_format="PNG")
        back_column.image(back_png, caption="Achterkant", output_format="PNG")
        st.subheader("Alle kaartjes")
        card_list(draft, labels)


def card_fields(draft: Draft, labels: dict[str, str], front: Page, back: Page) -> None:
    st.subheader(f"Kaartje {draft.selected + 1} bewerken")
    st.radio(
        "Soort",
        list(labels),
        format_func=labels.get,
        key="edit-kind",
        horizontal=True,
        on_change=edit_field,
        args=("kind",),
    )
    text_field("title", front)
    st.text_area(
        FIELD_LABELS["question"],
        key="edit-question",
        max_chars=MAX_FIELD_CHARS,
        height=110,
        on_change=edit_field,
        args=("question",),
        help="Kort, open en met ‘je’. Ctrl+Enter of klik ernaast: het kaartje past zich aan.",
    )
    question_lines = [line for line in front.text_lines if line.zone == "question"]
    size = f" · lettergrootte {question_lines[0].size:g} pt" if question_lines else ""
    st.caption(f"{len(draft.card.question)} tekens{size}")
    field_problems(front, "question")
    field_tips(draft, "question")
    if not draft.card.question.strip():
        st.warning("Dit kaartje heeft nog geen vraag.")
    text_field("hint", front, area=True)
    field_tips(draft, "hint")
    text_field("moment", front, placeholder="bijvoorbeeld: bij een besluit")
    field_tips(draft, "moment")
    for zone in sorted({overflow.zone for overflow in back.overflows}):
        field_problems(back, zone)


def text_field(field: str, front: Page, area: bool = False, placeholder: str = "") -> None:
    widget = st.text_area if area else st.text_input
    options = {"height": 80} if area else {}
    widget(
        FIELD_LABELS[field],
        key=f"edit-{field}",
        max_chars=MAX_FIELD_CHARS,
        on_change=edit_field,
        args=(field,),
        placeholder=placeholder,
        **options,
    )
    field_problems(front, field)


def overview(draft: Draft) -> None:
    cards = draft.card_set.cards
    if not cards:
        st.info("Nog geen kaartjes.")
        return
    st.caption(f"{len(cards)} kaartjes. Rood gemarkeerd: tekst die niet past.")
    per_row = 5
    for start in range(0, len(cards), per_row):
        columns = st.columns(per_row)
        for offset, column in enumerate(columns):
            index = start + offset
            if index < len(cards):
                png, page = side_of(draft, index, "front", THUMBNAIL_DPI)
                note = " · past niet" if page.overflows else ""
                column.image(png, caption=f"{index + 1}{note}", output_format="PNG")


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
        cards = preview.cards if mode == "replace" else draft.card_set.cards + preview.cards
        try:
            updated = draft.edit(replace(draft.card_set, cards=cards), len(cards) - count)
            layout_for(updated.card_set, draft.path.name)
        except CardkitError as error:
            st.error(error.message("nl"))
            return
        put(updated, restructured=True)
        flash("success", f"{count} kaartjes geïmporteerd. Vergeet niet op te slaan.")
        st.rerun()


def downloads(draft: Draft) -> None:
    try:
        data = loaded(draft)
    except CardkitError as error:
        st.error(error.message("nl"))
        return
    stem = draft.path.stem
    if draft.card is not None:
        number = draft.selected + 1
        st.subheader(f"Kaartje {number}")
        columns = st.columns(2)
        for column, side, text in (
            (columns[0], "front", "Voorkant"),
            (columns[1], "back", "Achterkant"),
        ):
            column.download_button(
                f"{text} als PNG (printkwaliteit)",
                data=lambda side=side: card_png(data, number, side),
                file_name=f"{stem}-{number:02d}{'-achterkant' if side == 'back' else ''}.png",
                mime="image/png",
                key=f"download-{side}",
            )
    share_section(draft, data)
    st.subheader("De hele set")
    export_button(
        draft,
        "zip",
        "een ZIP met alle kaartjes (PNG)",
        lambda report: png_zip(data, progress=report, cores=usable_cores()),
        f"{stem}.zip",
        "application/zip",
    )
    export_button(
        draft,
        "pdf",
        "een pdf, één kaartje per pagina",
        lambda report: set_pdf(data, report)[0],
        f"{stem}.pdf",
        "application/pdf",
    )
    st.download_button(
        "Download de set als YAML",
        data=lambda: set_to_yaml(draft.card_set),
        file_name=f"{stem}.yaml",
        mime="application/x-yaml",
        key="download-yaml",
    )


SHARE_CHOICES = {
    "whatsapp": "WhatsApp en e-mail (het kaartje, 1600 pixels hoog)",
    "square": "Vierkant (1080 x 1080, voor een status of bericht)",
    "story": "Verhaal (1080 x 1920, staand beeldvullend)",
}


def share_section(draft: Draft, data: Deck) -> None:
    """Images sized for WhatsApp and social posts, a bundle to share, a PDF to mail."""
    st.subheader("Delen")
    preset_name = st.radio(
        "Formaat", list(SHARE_CHOICES), format_func=SHARE_CHOICES.get, key="share-preset"
    )
    image_format = st.radio(
        "Bestandstype",
        ["png", "jpeg"],
        format_func={"png": "PNG (scherpst)", "jpeg": "JPEG"}.get,
        key="share-format",
        horizontal=True,
    )
    preset = PRESETS[preset_name]
    extension = "jpg" if image_format == "jpeg" else "png"
    stem = draft.path.stem
    if draft.card is not None:
        number = draft.selected + 1
        st.download_button(
            f"Kaartje {number} om te delen",
            data=lambda: encode(share_image(data, number, preset), image_format),
            file_name=f"{stem}-{number:02d}-{preset_name}.{extension}",
            mime=f"image/{image_format}",
            key="download-share-card",
        )
    export_button(
        draft,
        "bundle",
        "een deelpakket (ZIP): alle kaartjes, een overzicht en de vragen als tekst",
        lambda report: share_bundle(data, preset, image_format, report),
        f"{stem}-delen.zip",
        "application/zip",
        setting=(preset_name, image_format),
    )
    export_button(
        draft,
        "email",
        "een pdf om te mailen (klein, zonder snijranden)",
        lambda report: email_pdf(data, report),
        f"{stem}-mail.pdf",
        "application/pdf",
    )


DUPLEX_CHOICES = {
    "": "Nee, alleen voorkanten",
    "long": "Ja, omslaan via de lange zijde",
    "short": "Ja, omslaan via de korte zijde",
}


def printing(draft: Draft) -> None:
    """Print at the office (sheets with marks and duplex backs) or at a print shop."""
    try:
        data = loaded(draft)
    except CardkitError as error:
        st.error(error.message("nl"))
        return
    if not draft.card_set.cards:
        st.info("Nog geen kaartjes om te printen.")
        return
    st.subheader("Zelf printen op kantoor")
    left, right = st.columns([1, 1.4], gap="large")
    with left:
        paper = st.selectbox("Papier", list(PAPERS), key="print-paper")
        duplex = st.radio(
            "Dubbelzijdig printen",
            list(DUPLEX_CHOICES),
            format_func=DUPLEX_CHOICES.get,
            key="print-duplex",
            help="Kies dezelfde zijde als in het printvenster van je printer.",
        )
        crop_marks = st.checkbox("Snijtekens (voor een snijmachine)", value=True, key="print-marks")
        cut_lines = st.checkbox("Snijlijnen (om met een schaar te knippen)", key="print-cut")
        offset_x = offset_y = 0.0
        if duplex:
            st.caption(
                "Komen de achterkanten niet precies achter de voorkanten? Print het testvel, "
                "meet de afwijking en vul die hier in."
            )
            offset_x = st.number_input(
                "Verschuiving achterkant naar rechts (mm)", -20.0, 20.0, 0.0, 0.1, key="print-dx"
            )
            offset_y = st.number_input(
                "Verschuiving achterkant naar beneden (mm)", -20.0, 20.0, 0.0, 0.1, key="print-dy"
            )
        options = SheetOptions(
            paper=paper,
            crop_marks=crop_marks,
            cut_lines=cut_lines,
            duplex=duplex or None,
            back_offset=(offset_x, offset_y),
        )
        try:
            grid, sheet_count, images = sheet_preview(draft.card_set, data.logo, options)
        except CardkitError as error:
            st.error(error.message("nl"))
            return
        orientation = "liggend" if grid.landscape else "staand"
        st.info(
            f"{grid.per_sheet} kaartjes per vel {paper} ({orientation}, {grid.columns} x "
            f"{grid.rows}) · {sheet_count} vel{'len' if sheet_count != 1 else ''} papier"
            + (", voor- en achterkant" if duplex else "")
        )
        st.caption("Print op ware grootte (100 %), niet ‘passend maken’.")
        export_button(
            draft,
            "sheets",
            "de print-pdf",
            lambda report: sheets_pdf(data, options, report)[0],
            f"{draft.path.stem}-{paper.lower()}.pdf",
            "application/pdf",
            setting=options,
        )
        if duplex:
            st.download_button(
                "Download het testvel voor dubbelzijdig printen",
                data=lambda: drawings_pdf(alignment_sheets(options), "Testvel uitlijning")[0],
                file_name=f"testvel-{paper.lower()}-{duplex}.pdf",
                mime="application/pdf",
                key="download-alignment",
            )
    with right:
        captions = ["Eerste vel, voorkant", "Eerste vel, achterkant"]
        for image, caption in zip(images, captions, strict=False):
            st.image(image, caption=caption, output_format="PNG")

    st.subheader("Naar de drukker")
    st.write(
        "Losse kaartjes, elke kant op een eigen pagina: het formaat van het kaartje plus "
        f"{data.layout.format.bleed:g} mm afloop rondom, met snij- en afloopkader (TrimBox en "
        "BleedBox) en ingesloten letters. Dit bestand is in RGB; de drukker zet het om."
    )
    export_button(
        draft,
        "print-shop",
        "de pdf voor de drukker (RGB)",
        lambda report: set_pdf(data, report)[0],
        f"{draft.path.stem}-drukker.pdf",
        "application/pdf",
    )
    if find_cmyk_profile() is not None:
        st.caption(
            "Wil je drukker CMYK? Deze versie gebruikt de CMYK-waarden van de huisstijl en "
            "een algemeen CMYK-profiel; vraag je drukker welk profiel hij gebruikt."
        )
        export_button(
            draft,
            "print-shop-cmyk",
            "de pdf voor de drukker (CMYK)",
            lambda report: set_pdf(data, report, cmyk=True)[0],
            f"{draft.path.stem}-drukker-cmyk.pdf",
            "application/pdf",
        )


def export_button(
    draft: Draft,
    name: str,
    text: str,
    build: Callable[[Callable[[int, int], None]], bytes],
    file_name: str,
    mime: str,
    setting: Hashable = None,
) -> None:
    """A 'make' button that builds with a progress bar, then the download button. The
    result is kept while the set (and the `setting` it was made with) stays the same."""
    exports = st.session_state.setdefault("exports", {})
    key = (name, setting, draft.card_set, draft_logo(draft))
    ready = exports.get(key)
    if ready is None and st.button(f"Maak {text}", key=f"make-{name}"):
        bar = st.progress(0.0, text="Bezig…")

        def report(done: int, total: int) -> None:
            bar.progress(done / total, text=f"{done} van {total}…")

        ready = exports[key] = build(report)
        bar.empty()
    if ready is not None:
        st.download_button(
            f"Download {text}", data=ready, file_name=file_name, mime=mime, key=f"download-{name}"
        )


def main() -> None:
    st.set_page_config(page_title="Kaartjesmaker", page_icon=":material/style:", layout="wide")
    try:
        require_raqm()
    except SetupError as error:
        st.error(str(error))
        st.stop()
    entry = sidebar()
    draft = current() if entry is not None else None
    if draft is None or str(draft.path) != st.session_state.get("set-choice"):
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
    tabs = st.tabs(list(sections), key="tab", on_change="rerun")
    for tab, build in zip(tabs, sections.values(), strict=True):
        if tab.open:
            with tab:
                build(draft)


# Streamlit runs this page as __main__; worker processes that draw large exports are
# spawned and import it as __mp_main__, and must not build the page.
if __name__ == "__main__":
    main()
