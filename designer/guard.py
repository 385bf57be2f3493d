"""The page's own script: it warns before a tab with unsaved edits is closed, and keeps the
browser's identity in a cookie when nobody signs in (so a reload finds its drafts).

The script is fixed text; the only values in it are a yes/no and a token of hex digits.
"""

from __future__ import annotations

import streamlit as st

from designer.signin import BROWSER_COOKIE

_SCRIPT = """
<script>
(() => {
  const w = window;
  w.cardkitUnsaved = %(unsaved)s;
  w.cardkitTyped = false;
  if (!w.cardkitGuard) {
    w.cardkitGuard = true;
    // Text typed but not yet committed (no Enter, no click elsewhere) counts too.
    document.addEventListener("input", () => { w.cardkitTyped = true; }, true);
    w.addEventListener("beforeunload", (event) => {
      if (w.cardkitUnsaved || w.cardkitTyped) { event.preventDefault(); event.returnValue = ""; }
    });
  }
  const token = "%(token)s";
  if (token && !document.cookie.split("; ").some((c) => c.startsWith("%(cookie)s="))) {
    document.cookie = "%(cookie)s=" + token + "; path=/; max-age=31536000; SameSite=Lax";
  }
})();
</script>
"""


def guard(unsaved: bool, token: str) -> None:
    """Put the script on the page; `token` is this browser's identity ("" when signed in)."""
    if not token.isalnum():
        token = ""
    values = {"unsaved": "true" if unsaved else "false", "token": token, "cookie": BROWSER_COOKIE}
    st.html(_SCRIPT % values, unsafe_allow_javascript=True)
