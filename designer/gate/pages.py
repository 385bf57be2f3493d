"""The pages the gate answers with itself, in Dutch, without starting a Streamlit session:
the sign-in page, the page for a sign-in service that does not answer, and the page for a
browser that opened too many pages. Fixed text; the only value from a request is the
address to come back to, checked and escaped."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from string import Template
from urllib.parse import parse_qsl, urlencode

from cardkit.library.store import NAME_PATTERN

SIGN_IN_START = "/_cardkit/inloggen"  # the sign-in page's button; it leads to the provider
RETURN_PARAMETER = "terug"  # the address to open once signed in (?set=...&kaart=...)
# What a page address may carry through the sign-in: the set and the card (designer/keys.py).
RETURN_KEYS = {"set": NAME_PATTERN, "kaart": re.compile(r"^[0-9]{1,5}\Z")}


def return_address(text: str) -> str:
    """The designer's own address to come back to after signing in: "/", with the set and
    card of the address that was asked for, and nothing else (never another site)."""
    _, _, query = text.partition("?")
    kept = [
        (key, value)
        for key, value in parse_qsl(query)
        if key in RETURN_KEYS and RETURN_KEYS[key].match(value)
    ]
    unique = dict(kept)
    return "/?" + urlencode(unique) if unique else "/"


def sign_in_page(back: str, note: str = "") -> bytes:
    """The page a visitor who is not signed in sees, whatever the address: no set, no title
    of one. `back` is where to go after signing in; `note` says why they are here again."""
    notes = {
        "": "",
        "uitgelogd": "Je bent uitgelogd.",
        "mislukt": "Inloggen is niet gelukt. Probeer het nog eens.",
    }
    shown = notes.get(note, "")
    body = (
        (f'<p class="note" role="status">{shown}</p>\n' if shown else "")
        + "<p>Log in met het account van je organisatie om de vragensets van je team te zien "
        "en te maken.</p>\n"
        f'<form method="get" action="{SIGN_IN_START}">\n'
        f'<input type="hidden" name="{RETURN_PARAMETER}" '
        f'value="{html.escape(return_address(back), quote=True)}">\n'
        '<button type="submit">Inloggen</button>\n</form>'
    )
    return _page("Inloggen", "Denk- en doekaartjes", body)


def provider_down_page() -> bytes:
    body = (
        "<p>De inlogdienst van je organisatie reageert nu niet, dus inloggen lukt even niet. "
        "Er is niets kwijtgeraakt.</p>\n"
        "<p>Probeer het over een paar minuten opnieuw. Blijft het misgaan, meld het dan bij de "
        "beheerder van de kaartjesmaker.</p>\n"
        '<p><a class="button" href="/">Opnieuw proberen</a></p>'
    )
    return _page("Inloggen lukt nu niet", "Inloggen lukt nu niet", body)


def too_many_pages_page() -> bytes:
    body = (
        "<p>Je hebt de kaartjesmaker in heel veel vensters tegelijk open. Sluit er een paar en "
        "laad deze pagina dan opnieuw.</p>"
    )
    return _page("Te veel vensters", "Te veel vensters open", body)


def _page(title: str, heading: str, body: str) -> bytes:
    accent, text = _colours()
    values = {"title": title, "heading": heading, "body": body, "accent": accent, "text": text}
    return _template().substitute(values).encode("utf-8")


@cache
def _template() -> Template:
    return Template((Path(__file__).parent / "page.html").read_text(encoding="utf-8"))


def _colours() -> tuple[str, str]:
    """The designer's own theme (.streamlit/config.toml), so these pages look like it."""
    from streamlit import config

    accent = str(config.get_option("theme.primaryColor") or "#1D6577")
    text = str(config.get_option("theme.textColor") or "#111111")
    safe = re.compile(r"^#[0-9A-Fa-f]{3,8}\Z")
    return (accent if safe.match(accent) else "#1D6577", text if safe.match(text) else "#111111")
