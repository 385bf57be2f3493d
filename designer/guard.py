"""The page's own scripts: it warns before a tab with unsaved edits is closed, keeps the
browser's identity in a cookie when nobody signs in (so a reload finds its drafts), and
brings a card's fields into view when it is chosen in the list.

The scripts are fixed text; the only values in them are a yes/no, a token of hex digits
and a card number.
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


# On a narrow screen the card list stands far below the card's fields: after a choice in
# the list, the fields come into view (nothing moves where the heading is already seen).
_BRING = """
<script>
setTimeout(() => {
  const heading = document.getElementById("kaartje-%(number)d-bewerken");
  const box = heading && heading.getBoundingClientRect();
  if (box && (box.top < 0 || box.bottom > window.innerHeight)) {
    heading.scrollIntoView({ block: "start" });
  }
}, 50);
</script>
"""


def bring_into_view(number: int) -> None:
    """Scroll the editor of card `number` into view if it is out of sight."""
    st.html(_BRING % {"number": number}, unsafe_allow_javascript=True)
