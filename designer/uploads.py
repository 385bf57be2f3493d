"""Uploaded and pasted input read once: what reading it gave (or why it was refused) is
kept while the same file sits in the uploader or the same text in the field, so the reruns
of every click and keystroke never parse it again."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from cardkit.errors import CardkitError
from designer import keys

T = TypeVar("T")


def read_once(slot: str, identity: str, read: Callable[[], T]) -> T:
    """`read()` the first time `identity` (a file id, or a digest of pasted text) shows up
    in `slot`; after that the same result, or the same refusal raised again."""
    kept = st.session_state.setdefault(keys.READ_UPLOADS, {})
    if slot not in kept or kept[slot][0] != identity:
        try:
            kept[slot] = (identity, read(), None)
        except CardkitError as error:
            kept[slot] = (identity, None, error)
    _, result, refusal = kept[slot]
    if refusal is not None:
        raise refusal
    return result


def text_identity(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
