"""Every session-state key the designer reads or writes, in one place.

Widget keys double as session keys (Streamlit keeps a widget's value under its key), so
the widgets that actions read are named here too.
"""

from __future__ import annotations

# What the session holds beside its widgets.
DRAFTS = "drafts"  # path -> Draft: every set this visitor opened, with its edits
CURRENT = "current"  # the path of the draft shown
GENERATION = "generation"  # bumped when the editor must be re-filled from the draft
EDITOR_FOR = "editor-for"  # which card (and generation) the editor's fields show
SET_FIELDS_FOR = "set-fields-for"  # which set (and generation) the set's fields show
LIST_PAGE = "list-page"  # the page of the card list chosen by hand, or None
FLASH = "flash"  # (kind, message) left by a callback for the next run
CONFLICT = "conflict"  # the path whose save met a colleague's newer save
LOGO_PROBLEM = "logo-problem"  # why the set's logo cannot be shown, for this run
EXPORTS = "exports"  # finished exports, by what they were made from

# Widgets whose values actions read.
SET_CHOICE = "set-choice"
NEW_TITLE = "new-title"
NEW_SOURCE = "new-source"
RENAME_TITLE = "rename-title"
LIST_PAGE_CHOICE = "list-page-choice"
LOGO_FILE = "logo-file"
TAB = "tab"


def edit_field(field: str) -> str:
    """The editor's widget for a card field (kind, title, question, hint, moment)."""
    return f"edit-{field}"


def set_field(field: str) -> str:
    """The widget for a set field (title, layout, link)."""
    return f"set-{field}"
