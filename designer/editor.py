"""The tab "Kaartjes maken": the selected card's fields beside its preview, and the card list."""

from __future__ import annotations

import base64
import math

import streamlit as st

from cardkit.checks.problems import EMPTY_QUESTION, Problem, card_problems
from cardkit.display import Page
from cardkit.limits import MAX_FIELD_CHARS
from cardkit.model import CARD_KEYS, Card
from cardkit.read.layouts import load_layout
from designer import keys
from designer.actions import browse, card_action, choose_card
from designer.address import show_address
from designer.boundary import guarded
from designer.draft import Draft
from designer.guard import bring_into_view, guard
from designer.signin import sign_in_on, signed_in
from designer.state import (
    absorb_widgets,
    browser_token,
    card_description,
    current,
    kind_labels,
    page_signature,
    side_of,
)
from designer.status import StatusSlots, show_status
from designer.text import md

FIELD_LABELS = {
    "title": "Titel (boven op het kaartje)",
    "question": "Vraag",
    "hint": "Toelichting",
    "moment": "Moment: wanneer pak je dit kaartje erbij?",
}


LIST_PAGE = 20  # cards per page of the card list


@st.fragment
@guarded(st.error)
def editor_part(slots: StatusSlots) -> None:
    """The tab "Kaartjes maken" as a fragment: an edit of a card's text reruns only the
    fields, the preview, the card list and what says whether all is saved (`slots`, and
    the guard against closing the tab), not the whole page. An edit that changes more of
    the page (another card, a message) reruns the whole page, and so does one after the
    sign-in ended (the page then shows the sign-in, and takes in nothing)."""
    if sign_in_on() and not signed_in():
        st.rerun(scope="app")
    absorb_widgets()
    draft = current()
    if draft is None or page_signature(draft) != st.session_state.get(keys.PAGE_SIGNATURE):
        st.rerun(scope="app")
    show_status(draft, slots)
    show_address(draft)
    editor(draft)
    guard(draft.unsaved, browser_token())  # last: an invisible element still takes a gap
    if st.session_state.pop(keys.BRING_EDITOR, False) and draft.card is not None:
        bring_into_view(draft.selected + 1)


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
    layout = load_layout(draft.card_set.layout)
    problems = card_problems(draft.card, draft.selected + 1, (front, back), layout)
    with left:
        card_fields(draft, labels, front, problems)
    with right:
        st.subheader("Zo ziet het kaartje eruit")
        front_column, back_column = st.columns(2)
        front_alt = card_description(draft, draft.selected, "front")
        back_alt = card_description(draft, draft.selected, "back")
        front_column.image(inline(front_png), caption="Voorkant", alt=front_alt)
        back_column.image(back_png, caption="Achterkant", output_format="PNG", alt=back_alt)
        st.subheader("Alle kaartjes")
        card_list(draft, labels)


def inline(png: bytes) -> str:
    """A PNG as a data address: the front preview changes with every edit, and sent with
    the page's update it saves the server a request for each new picture. The back, which
    seldom changes, stays a file the browser keeps."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def card_fields(draft: Draft, labels: dict[str, str], front: Page, problems: list[Problem]) -> None:
    st.subheader(f"Kaartje {draft.selected + 1} bewerken")
    st.radio(
        "Soort",
        list(labels),
        format_func=labels.get,
        key=keys.edit_field("kind"),
        horizontal=True,
    )
    text_field("title", problems)
    field_tips(problems, "title")
    st.text_area(
        FIELD_LABELS["question"],
        key=keys.edit_field("question"),
        max_chars=MAX_FIELD_CHARS,
        height=110,
        help="Kort, open en met ‘je’. Ctrl+Enter of klik ernaast: het kaartje past zich aan.",
    )
    question_lines = [line for line in front.text_lines if line.zone == "question"]
    size = f" · lettergrootte {question_lines[0].size:g} pt" if question_lines else ""
    card = draft.card
    assert card is not None  # editor() shows no fields without a card
    st.caption(f"{len(card.question)} tekens{size}")
    field_problems(problems, "question")
    field_tips(problems, "question")
    text_field("hint", problems, area=True)
    field_tips(problems, "hint")
    text_field("moment", problems, placeholder="bijvoorbeeld: bij een besluit")
    field_tips(problems, "moment")
    for zone in sorted({p.zone for p in problems if p.side == "back" and p.blocking}):
        field_problems(problems, zone, "back")


def text_field(
    field: str, problems: list[Problem], area: bool = False, placeholder: str = ""
) -> None:
    label, key = FIELD_LABELS[field], keys.edit_field(field)
    if area:
        st.text_area(label, key=key, max_chars=MAX_FIELD_CHARS, placeholder=placeholder, height=80)
    else:
        st.text_input(label, key=key, max_chars=MAX_FIELD_CHARS, placeholder=placeholder)
    field_problems(problems, field)


def sync_editor(draft: Draft) -> None:
    """Fill the editor's widgets from the draft when another card is shown."""
    target = (draft.name, draft.selected, st.session_state.get(keys.GENERATION, 0))
    filled = all(keys.edit_field(field) in st.session_state for field in CARD_KEYS)
    if (st.session_state.get(keys.EDITOR_FOR) == target and filled) or draft.card is None:
        return
    for field in CARD_KEYS:
        st.session_state[keys.edit_field(field)] = getattr(draft.card, field)
    st.session_state[keys.EDITOR_FOR] = target


def card_list(draft: Draft, labels: dict[str, str]) -> None:
    # One choice widget, not a button per card: every widget costs the server time on
    # every edit, and twenty buttons were a fifth of an edit's work. Its identity is its
    # key alone, so it keeps track of the chosen card while the labels change as
    # questions are edited.
    cards = draft.card_set.cards
    shown = list_window(draft)
    if shown:
        names = {index: card_name(cards[index], index, labels) for index in shown}
        st.session_state[keys.CARD_CHOICE] = draft.selected if draft.selected in shown else None
        box = st.container(height=320) if len(shown) > 7 else st.container()
        box.radio(
            "Kies een kaartje",
            shown,
            format_func=names.__getitem__,
            key=keys.CARD_CHOICE,
            on_change=choose_card,
            label_visibility="collapsed",
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


def card_name(card: Card, index: int, labels: dict[str, str]) -> str:
    """How the card list names a card: its number, kind and the start of its question."""
    question = card.question.replace("\n", " ") or "(nog geen vraag)"
    short = question if len(question) <= 48 else question[:47] + "…"
    return md(f"{index + 1}. {labels.get(card.kind, card.kind)} · {short}")


def list_window(draft: Draft) -> range:
    """The cards the list shows: all of a small set; of a large one, a page of them, the
    selected card's unless another page was chosen. Every card listed costs time on every
    rerun, and nobody scans a hundred of them."""
    count = len(draft.card_set.cards)
    pages = math.ceil(count / LIST_PAGE)
    if pages <= 1:
        return range(count)
    page = st.session_state.get(keys.LIST_PAGE)
    if page is None or page >= pages:
        page = draft.selected // LIST_PAGE
    st.session_state[keys.LIST_PAGE_CHOICE] = page

    def describe(page: int) -> str:
        return f"kaartjes {page * LIST_PAGE + 1} tot en met {min(count, (page + 1) * LIST_PAGE)}"

    st.selectbox(
        f"Toon ({count} kaartjes)",
        range(pages),
        format_func=describe,
        key=keys.LIST_PAGE_CHOICE,
        on_change=browse,
    )
    return range(page * LIST_PAGE, min(count, (page + 1) * LIST_PAGE))


def field_problems(problems: list[Problem], zone: str, side: str = "front") -> None:
    """What is wrong with the field's text on the card (cardkit.checks), said at the field."""
    for problem in problems:
        if problem.zone != zone or problem.side != side or not problem.blocking:
            continue
        if problem.text == EMPTY_QUESTION:
            st.warning("Dit kaartje heeft nog geen vraag.")
        else:
            text = problem.text.nl
            st.error(text[0].upper() + text[1:] + ".", icon=":material/error:")


def field_tips(problems: list[Problem], field: str) -> None:
    """The writing aid's tips for this field: friendly, and never in the way. A tip
    quotes the person's words, so it is shown as text, not Markdown."""
    for problem in problems:
        if problem.zone == field and problem.kind == "tip":
            st.info(md(f"Tip: {problem.text.nl}"), icon=":material/lightbulb:")
