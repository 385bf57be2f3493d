"""One visitor's state: the open set with their edits, kept in the library as a draft as soon
as an edit is committed, and the values the browser sent, folded into it before anything
else happens. Also the engine calls the page makes for a draft (cached by content)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from cardkit.deck import Deck, layout_for, logo_for
from cardkit.display import Page, Side
from cardkit.errors import CardkitError, Text
from cardkit.library.access import TeamLibrary
from cardkit.library.location import default_location, open_store
from cardkit.model import TEXT_FIELDS, CardSet
from cardkit.output.preview import PREVIEW_DPI, card_preview
from cardkit.read.images import Logo
from cardkit.read.invisible import strip_invisible
from cardkit.read.layouts import layout_names, load_layout
from cardkit.read.sets import link_problem, site_problem
from designer import keys
from designer.boundary import message
from designer.draft import Draft
from designer.signin import actor, browser_person, team_names
from designer.text import md


def store() -> TeamLibrary:
    """The library as the person at the page may use it (read from the environment on
    every run: a test or a restarted server may point elsewhere)."""
    return TeamLibrary(open_store(default_location()), actor(), team_names())


def person() -> str:
    """Who is editing: the signed-in person's address, else this browser."""
    return actor().who


def browser_token() -> str:
    """The token the page stores in this browser's cookie (see designer.guard)."""
    return browser_person().removeprefix("browser:")


def team() -> str:
    """The space new sets go into: the team chosen in the sidebar, else the person's
    first team; "" without sign-in (the library's root, as before teams)."""
    spaces = store().work_spaces()
    chosen = st.session_state.get(keys.TEAM)
    if chosen in spaces:
        return chosen
    teams_only = [space for space in spaces if space] or spaces
    return teams_only[0] if teams_only else ""


def home_for(name: str) -> str:
    """Where a copy of set `name` goes: its own team's space if this person may write
    there, else the team they work in now (a copy of an example lands in their team)."""
    space = name.rpartition("/")[0]
    return space if store().actor.can_write(space) else team()


def session_token() -> str:
    """This tab's token: the drafts it keeps are its own, so two tabs never overwrite
    each other's unsaved edits."""
    return st.session_state.setdefault(keys.SESSION, secrets.token_hex(8))


# --- the open set --------------------------------------------------------------------------


def current() -> Draft | None:
    return st.session_state.get(keys.DRAFT)


def put(draft: Draft | None, *, restructured: bool = False) -> None:
    """Make `draft` the open set and keep its unsaved edits in the library (nothing that
    lives only in this session is lost when the connection drops). `restructured`
    re-fills the editor from the draft."""
    st.session_state[keys.DRAFT] = draft
    if restructured:
        st.session_state[keys.GENERATION] = st.session_state.get(keys.GENERATION, 0) + 1
        st.session_state[keys.LIST_PAGE] = None  # the list shows the selected card again
    if draft is not None:
        persist(draft)


def persist(draft: Draft) -> None:
    """Keep or drop the library's draft of this set, when it changed."""
    state = (draft.name, draft.card_set if draft.unsaved else None)
    if st.session_state.get(keys.PERSISTED) == state:
        return
    try:
        if draft.unsaved:
            store().put_draft(person(), session_token(), draft.name, draft.card_set, draft.version)
        else:
            store().drop_draft(person(), session_token(), draft.name)
    except (OSError, CardkitError) as error:  # a full library, a cap: keep editing, say so
        flash("warning", f"Je wijzigingen staan alleen in dit venster. {message(error)}")
        return
    st.session_state[keys.PERSISTED] = state


def open_set(name: str, selected: int = 0, drafts_from: str = "") -> None:
    """Open set `name`, with this person's unsaved edits of it if the library kept any:
    this tab's own, else the newest from another tab (a reload, a crash, another
    designer process), which this tab then carries on. `drafts_from` names the set the
    edits were made on, when that set has since been renamed to `name`."""
    stored = store().read(name)
    layout_for(stored.card_set, f"{name}.yaml")  # a set that cannot be shown is refused here
    draft = Draft.of(stored, selected)
    source = drafts_from or name
    kept = [d for d in store().drafts_of(person(), source) if d.card_set != stored.card_set]
    own = [d for d in kept if d.session == session_token() and source == name]
    chosen = own[0] if own else kept[0] if kept else None
    st.session_state.pop(keys.RESTORED, None)
    st.session_state.pop(keys.CONFLICT, None)
    st.session_state[keys.SET_CHOICE] = name
    space = name.rpartition("/")[0]
    if space and st.session_state.get(keys.TEAM) != space and space in store().work_spaces():
        st.session_state[keys.TEAM] = space  # a set of another of this person's teams
    if chosen is not None:
        draft = replace(draft, card_set=chosen.card_set, version=chosen.base).select(selected)
        if not own:
            changed_since = chosen.base != stored.version
            st.session_state[keys.RESTORED] = (name, chosen.saved_at, changed_since)
    st.session_state[keys.PERSISTED] = None
    put(draft, restructured=True)
    if chosen is not None and (not own):
        store().drop_draft(person(), chosen.session, source)  # this tab carries them now


# --- what the browser sent -----------------------------------------------------------------


def absorb_widgets() -> None:
    """Fold the values the browser sent into the draft. Every action calls this first, and
    so does every run: a button pressed right after typing acts on what was typed, never
    on the draft of the run before."""
    draft = current()
    if draft is None:
        return
    generation = st.session_state.get(keys.GENERATION, 0)
    if st.session_state.get(keys.EDITOR_FOR) == (draft.name, draft.selected, generation):
        draft = _absorb_card(draft)
    if st.session_state.get(keys.SET_FIELDS_FOR) == (draft.name, generation):
        draft = _absorb_set(draft)
    if draft is not current():
        put(draft)


def _absorb_card(draft: Draft) -> Draft:
    card = draft.card
    if card is None:
        return draft
    changes: dict[str, str] = {}
    kind = st.session_state.get(keys.edit_field("kind"))
    if kind and kind != card.kind and kind in load_layout(draft.card_set.layout).kinds:
        changes["kind"] = kind
    for field in TEXT_FIELDS:
        value = st.session_state.get(keys.edit_field(field))
        if value is None:
            continue
        text, removed = strip_invisible(value)
        if removed:
            flash(
                "info", "Onzichtbare tekens uit de geplakte tekst weggehaald: " + ", ".join(removed)
            )
            st.session_state[keys.edit_field(field)] = text
        if text.strip() != card.text(field):
            changes[field] = text.strip()
    return draft.update_card(**changes) if changes else draft


def _absorb_set(draft: Draft) -> Draft:
    card_set = draft.card_set
    title = _cleaned(keys.set_field("title"))
    if title is not None and title != card_set.title:
        if title:
            card_set = replace(card_set, title=title)
        else:
            st.session_state[keys.set_field("title")] = card_set.title
            flash("error", "Een set heeft een titel nodig; de oude titel is teruggezet.")
    card_set = _absorb_address(card_set, "link", link_problem, "De link")
    card_set = _absorb_address(card_set, "site", site_problem, "Het adres van de website")
    layout = st.session_state.get(keys.set_field("layout"))
    if layout and layout != card_set.layout and layout in layout_names():
        card_set = replace(card_set, layout=layout)
    return draft.edit(card_set) if card_set != draft.card_set else draft


def _absorb_address(
    card_set: CardSet, field: str, problem_of: Callable[[str], Text | None], what: str
) -> CardSet:
    """The typed address (link or site) taken in, or refused with the reason and the old
    one put back in its field."""
    address = _cleaned(keys.set_field(field))
    if address is None or address == getattr(card_set, field):
        return card_set
    problem = problem_of(address) if address else None
    if problem is None:
        changes: dict[str, str] = {field: address}
        return replace(card_set, **changes)  # type: ignore[arg-type]  # field: a str field
    st.session_state[keys.set_field(field)] = getattr(card_set, field)
    flash("error", f"{what} is niet veranderd: {md(problem.nl)}.")
    return card_set


def _cleaned(key: str) -> str | None:
    value = st.session_state.get(key)
    return None if value is None else strip_invisible(str(value))[0].strip()


# --- messages for the next run -------------------------------------------------------------


def flash(kind: str, message: str) -> None:
    """A message for the next run; `message` is Markdown made with designer.text."""
    messages = st.session_state.setdefault(keys.FLASH, [])
    if (kind, message) not in messages:
        messages.append((kind, message))


def page_signature(draft: Draft) -> tuple:
    """What the page outside the card editor shows of the open set: an edit that leaves
    this alone reruns the editor only (designer.editor.editor_part). Whether the set has
    unsaved edits is not in it: the editor says so itself (designer.status)."""
    return (
        draft.name,
        draft.selected,
        len(draft.card_set.cards),
        st.session_state.get(keys.GENERATION, 0),
        bool(st.session_state.get(keys.FLASH)),
        st.session_state.get(keys.CONFLICT),
    )


def show_flash() -> bool:
    """Show the messages callbacks left for this run; tell whether there were any."""
    messages = st.session_state.pop(keys.FLASH, [])
    for kind, text in messages:
        getattr(st, kind)(text)
    return bool(messages)


# --- engine calls --------------------------------------------------------------------------


def side_of(draft: Draft, index: int, side: Side, dpi: float = PREVIEW_DPI) -> tuple[bytes, Page]:
    card_set = draft.card_set
    return card_preview(
        card_set.cards[index],
        index + 1,
        len(card_set.cards),
        card_set.title,
        card_set.card_link(index + 1),
        card_set.layout,
        side,
        dpi,
        draft_logo(draft),
    )


def draft_logo(draft: Draft) -> Logo | None:
    """The set's logo, checked; a missing or broken one is shown as a problem, not a crash."""
    try:
        return logo_for(draft.card_set, store().logo_folder(draft.name), f"{draft.name}.yaml")
    except CardkitError as error:
        st.session_state[keys.LOGO_PROBLEM] = error.message("nl")
        return None


def deck_of(draft: Draft) -> Deck:
    layout = layout_for(draft.card_set, f"{draft.name}.yaml")
    return Deck(draft.card_set, layout, f"{draft.name}.yaml", draft_logo(draft))


def card_description(draft: Draft, index: int, side: str) -> str:
    """A card side in words, for the alt text of its picture: what the card says."""
    card = draft.card_set.cards[index]
    kind = kind_labels(draft.card_set.layout).get(card.kind, card.kind)
    if side == "back":
        return f"Achterkant van kaartje {index + 1}: {kind}, {draft.card_set.title}"
    words = [card.title, card.question, card.hint, f"Wanneer: {card.moment}" if card.moment else ""]
    return f"Kaartje {index + 1}, {kind}: " + " ".join(w for w in words if w)


def kind_labels(layout_name: str) -> dict[str, str]:
    return {name: kind.label for name, kind in load_layout(layout_name).kinds.items()}
