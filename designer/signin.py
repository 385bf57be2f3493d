"""Who is at the page. With an `[auth]` section in `.streamlit/secrets.toml`, a person signs
in with their organisation's account (Streamlit's st.login, any OpenID Connect provider),
is known by the `email` claim and works in the teams CARDKIT_TEAMS gives them. Without it,
the designer is one team on one machine, as it always was: this browser is the person."""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path

import streamlit as st

from cardkit.library.teams import (
    EXAMPLES,
    TEAMS_VARIABLE,
    Actor,
    Teams,
    everyone,
    load_teams,
    no_teams_file,
)
from designer import keys

BROWSER_COOKIE = "cardkit_browser"


@lru_cache(maxsize=1)
def sign_in_on() -> bool:
    """Whether secrets.toml has an [auth] section (then nobody works unsigned). Read once
    per process: without a secrets file Streamlit looks for one on every question, which
    cost a tenth of an edit; turning sign-in on or off takes a restart."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises rather than answer
        return False


def signed_in() -> bool:
    return bool(st.user.is_logged_in)


def teams() -> Teams:
    """The teams file, read again when it changes (an admin adds a member)."""
    location = os.environ.get(TEAMS_VARIABLE, "").strip()
    if not location:
        raise no_teams_file()
    path = Path(location)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0  # load_teams names the missing file
    return _teams(location, stamp)


@lru_cache(maxsize=4)
def _teams(location: str, stamp: int) -> Teams:
    return load_teams(Path(location))


def actor() -> Actor:
    """The person at the page: signed in, or (without sign-in) this browser."""
    if not sign_in_on():
        return everyone(browser_person())
    email = str(st.user.get("email") or "")
    name = str(st.user.get("name") or "")
    # A provider that says an address is unverified (Google can) may be letting anyone
    # claim it: such a person is in no team. Providers that send no claim verify always.
    verified = st.user.get("email_verified", True) not in (False, "false", "False")
    return teams().actor(email, name, verified)


def team_names() -> dict[str, str]:
    """Every team's space and name; without sign-in the library's root is the one team."""
    if not sign_in_on():
        return {EXAMPLES: ""}
    known = teams()
    return {EXAMPLES: "Voorbeelden", **{space: team.name for space, team in known.teams.items()}}


def browser_person() -> str:
    """This browser (a cookie the page sets, so a reload finds the same drafts)."""
    cookie = st.context.cookies.get(BROWSER_COOKIE, "")
    if cookie and cookie.isalnum() and len(cookie) <= 64:
        return f"browser:{cookie}"
    token = st.session_state.setdefault(keys.BROWSER, secrets.token_hex(16))
    return f"browser:{token}"


def sign_in_page() -> None:
    """All a visitor who is not signed in sees: no set, no title of one."""
    st.title("Denk- en doekaartjes")
    st.write(
        "Log in met het account van je organisatie om de vragensets van je team te "
        "zien en te maken."
    )
    st.button("Inloggen", type="primary", on_click=st.login, key="sign-in")
