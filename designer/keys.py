"""Every session-state key the designer reads or writes, in one place.

Widget keys double as session keys (Streamlit keeps a widget's value under its key), so
the widgets that actions read are named here too.
"""

from __future__ import annotations

# What the session holds beside its widgets.
DRAFT = "draft"  # the open set with this visitor's edits (designer.draft.Draft)
PERSISTED = "persisted"  # (name, cards) of the edits last kept in the library as a draft
BROWSER = "browser"  # this browser's identity when nobody signs in
TEAM = "team"  # the team (its space) this person works in now, chosen in the sidebar
SESSION = "session"  # this tab's token: its drafts are its own
GENERATION = "generation"  # bumped when the editor must be re-filled from the draft
EDITOR_FOR = "editor-for"  # which card (and generation) the editor's fields show
SET_FIELDS_FOR = "set-fields-for"  # which set (and generation) the set's fields show
LIST_PAGE = "list-page"  # the page of the card list chosen by hand, or None
FLASH = "flash"  # [(kind, message)] left by callbacks for the next run
CONFLICT = "conflict"  # the name of a set whose save met a colleague's change
RESTORED = "restored"  # (name, when) of unsaved edits brought back from the library
LOGO_PROBLEM = "logo-problem"  # why the set's logo cannot be shown, for this run
EXPORTS = "exports"  # per export, the last file made and what it was made from
PAGE_SIGNATURE = "page-signature"  # what the page around the editor shows (state.page_signature)
ADDRESS_SHOWN = "address-shown"  # the page address this session last put in the browser
IMPORT_ROUND = "import-round"  # bumped after an import: empties the upload and paste fields
READ_UPLOADS = "read-uploads"  # {slot: (file id or digest, result, refusal)}: see uploads
BRING_EDITOR = "bring-editor"  # a card was chosen in the list: show its fields (guard.py)
IMPORT_UNDO = "import-undo"  # (name, cards before, count) of the last import, to undo it

# Widgets whose values actions read.
SET_CHOICE = "set-choice"
NEW_TITLE = "new-title"
NEW_SOURCE = "new-source"
RENAME_TITLE = "rename-title"
CONFIRM_DELETE = "confirm-delete"
LIST_PAGE_CHOICE = "list-page-choice"
CARD_CHOICE = "card-choice"  # the card list
LOGO_FILE = "logo-file"
IMPORT_MODE = "import-mode"
TAB = "tab"

# Query parameters of the page address.
ADDRESS_SET = "set"
ADDRESS_CARD = "kaart"


def edit_field(field: str) -> str:
    """The editor's widget for a card field (kind, title, question, hint, moment)."""
    return f"edit-{field}"


def set_field(field: str) -> str:
    """The widget for a set field (title, layout, link, site)."""
    return f"set-{field}"


def import_file() -> str:
    """The import upload: a new widget after every import, so a file is imported once."""
    return f"import-file-{_round()}"


def import_text() -> str:
    return f"import-text-{_round()}"


def _round() -> int:
    import streamlit as st

    return st.session_state.get(IMPORT_ROUND, 0)
