"""Who is at the page. With an `[auth]` section in `.streamlit/secrets.toml`, a person signs
in with their organisation's account (Streamlit's st.login, any OpenID Connect provider),
is known by the `email` claim and works in the teams CARDKIT_TEAMS gives them. Without it,
the designer is one team on one machine, as it always was: this browser is the person."""

from __future__ import annotations

import logging
import os
import secrets
from functools import lru_cache
from pathlib import Path

import streamlit as st

from cardkit.errors import CardkitError
from cardkit.library.location import default_location, open_store
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
from designer.gate.identity import sign_in_of

BROWSER_COOKIE = "cardkit_browser"
log = logging.getLogger("cardkit.signin")


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
    """Signed in, with a sign-in that was not ended: asked on every rerun, so "Uitloggen"
    on one page (or one process) ends every copy of the cookie at its next step."""
    if not st.user.is_logged_in:
        return False
    sign_in = sign_in_of(st.context.cookies.to_dict())
    if sign_in is None:
        return False
    return not open_store(default_location()).signed_out(sign_in.identity)


_last_good: dict[str, Teams] = {}  # per teams file, the last version that could be read


def teams() -> Teams:
    """The teams file, read again when it changes (an admin adds a member). While a change
    cannot be read (a typo in it), the last version that could be read stays in force:
    the detail goes to the log, admins see a warning (teams_file_problem)."""
    location = os.environ.get(TEAMS_VARIABLE, "").strip()
    if not location:
        raise no_teams_file()
    path = Path(location)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0  # load_teams names the missing file
    try:
        known = _teams(location, stamp)
    except CardkitError as error:
        if location not in _last_good:
            raise
        _log_once(location, stamp, str(error))
        return _last_good[location]
    _last_good[location] = known
    return known


def teams_file_problem() -> str:
    """Why the teams file in force is not the file on disk, or "" when it is."""
    location = os.environ.get(TEAMS_VARIABLE, "").strip()
    try:
        stamp = Path(location).stat().st_mtime_ns
        _teams(location, stamp)
    except (OSError, CardkitError) as error:
        return str(error) if location in _last_good else ""
    return ""


@lru_cache(maxsize=4)
def _teams(location: str, stamp: int) -> Teams:
    # Messages name the file, never the server's folders (everyone could see them).
    path = Path(location)
    return load_teams(path, display=path.name)


@lru_cache(maxsize=16)
def _log_once(location: str, stamp: int, error: str) -> None:
    """Log a broken teams file once per version of it (not on every page update)."""
    log.error("the teams file %s cannot be read; the last good version stays: %s", location, error)


def actor() -> Actor:
    """The person at the page: signed in, or (without sign-in) this browser."""
    if not sign_in_on():
        return everyone(browser_person())
    email = str(st.user.get("email") or "")
    name = str(st.user.get("name") or "")
    known = teams()
    # An address the provider does not vouch for may be anyone's: such a person is in no
    # team and reaches nothing of that address (teams.yaml `providers` says, per provider,
    # which claim vouches: docs/signin.md).
    verified = known.is_verified(str(st.user.get("provider") or ""), st.user.to_dict())
    return known.actor(email, name, verified, str(st.user.get("sub") or ""))


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
    """All a visitor who is not signed in sees: no set, no title of one. (The gate shows its
    own page to a new visitor; this one shows where a page was open when its sign-in
    ended.)"""
    st.title("Denk- en doekaartjes")
    if st.user.is_logged_in:
        st.info("Je bent uitgelogd.")
    st.write(
        "Log in met het account van je organisatie om de vragensets van je team te "
        "zien en te maken."
    )
    st.button("Inloggen", type="primary", on_click=st.login, key="sign-in")
