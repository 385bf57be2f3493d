"""Small pieces of page shared by the tabs: text shown as text, an export button."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from designer import keys
from designer.draft import Draft
from designer.state import draft_logo


def escape_markdown(text: str) -> str:
    """Show a team's text as written: Streamlit labels would read * and _ as markup."""
    return "".join("\\" + char if char in "\\`*_{}[]()#+-.!~|<>$" else char for char in text)


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
    exports = st.session_state.setdefault(keys.EXPORTS, {})
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
