"""Whether the open set has unsaved edits, said in two places: under the set's title and in
the sidebar's note. Both are slots the page makes on every run; the card editor writes them
again on its own reruns, so the first edit of a set does not rerun the whole page."""

from __future__ import annotations

from dataclasses import dataclass

from streamlit.delta_generator import DeltaGenerator

from designer.draft import Draft

UNSAVED_MARK = "● "


@dataclass(frozen=True)
class UnsavedNote:
    """The sidebar's note, as the page's last full run found it: its slot, the sets listed
    (name and quoted title, in list order) and those with unsaved edits kept in the library."""

    slot: DeltaGenerator
    listed: tuple[tuple[str, str], ...]
    drafted: frozenset[str]


@dataclass(frozen=True)
class StatusSlots:
    header: DeltaGenerator | None = None  # None: the set may only be read
    note: UnsavedNote | None = None  # None: the sidebar lists no sets


def show_status(draft: Draft | None, slots: StatusSlots) -> None:
    """Fill both slots for the open set (`draft`, or None) as it is now."""
    unsaved = draft is not None and draft.unsaved
    if slots.header is not None:
        if unsaved:
            slots.header.markdown(f"**{UNSAVED_MARK}Niet-opgeslagen wijzigingen**")
        else:
            slots.header.caption("Alles opgeslagen")
    note = slots.note
    if note is None:
        return
    names = set(note.drafted)
    if draft is not None:
        # The open set's own draft follows the draft on screen: it is kept while there are
        # unsaved edits and dropped once they are saved (designer.state.persist).
        names.discard(draft.name)
        if unsaved:
            names.add(draft.name)
    titles = [title for name, title in note.listed if name in names]
    if titles:
        note.slot.caption(f"{UNSAVED_MARK}Niet-opgeslagen wijzigingen in: {', '.join(titles)}")
    else:
        # Written to on every run all the same: a fragment may write to a container made
        # outside it only where it wrote during the page's last full run.
        note.slot.empty()
