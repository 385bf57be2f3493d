"""Signing in and out through the gate: the sign-in page for whoever is not signed in, the
way to the provider and back to the set that was asked for, a Dutch page when the
provider does not answer, and sign-outs that hold: the sign-in is recorded as ended in
the library, so every copy of its cookie stops working on every process at once."""

from __future__ import annotations

import time
from urllib.parse import parse_qsl, quote, unquote, urlencode

from anyio import to_thread
from starlette.types import Message, Scope, Send

from cardkit.library.location import default_location, open_store
from designer.gate.headers import cookie, respond
from designer.gate.identity import SIGNED_IN_SECONDS, USER_COOKIE, SignIn, cookies_of
from designer.gate.pages import (
    RETURN_PARAMETER,
    provider_down_page,
    return_address,
    sign_in_page,
)

RETURN_COOKIE = "cardkit_terug"  # where to go once signed in
NOTE_COOKIE = "cardkit_melding"  # why the sign-in page shows again ("uitgelogd", "mislukt")
HTML = "text/html; charset=utf-8"


async def ended(sign_in: SignIn) -> bool:
    """Whether this sign-in was ended (by "Uitloggen", anywhere)."""
    store = open_store(default_location())
    return await to_thread.run_sync(store.signed_out, sign_in.identity)


async def end(sign_in: SignIn) -> None:
    """Record the sign-in as ended, for as long as its cookie could still be used."""
    store = open_store(default_location())
    until = time.time() + SIGNED_IN_SECONDS
    await to_thread.run_sync(store.sign_out, sign_in.identity, until)


async def show_sign_in_page(scope: Scope, send: Send, ended_here: bool) -> None:
    """The sign-in page; a cookie of an ended sign-in is cleared on the way."""
    cookies = cookies_of(scope["headers"])
    note = cookies.get(NOTE_COOKIE, "") or ("uitgelogd" if ended_here else "")
    query = scope.get("query_string", b"").decode("latin-1")
    headers = [cookie(NOTE_COOKIE, "", 0)] if NOTE_COOKIE in cookies else []
    if ended_here:
        headers += [cookie(name, "", 0) for name in cookies if name.startswith(USER_COOKIE)]
    await respond(send, 200, sign_in_page(f"/?{query}", note), HTML, headers)


async def back_to_the_set(cookies: dict[str, str], send: Send) -> bool:
    """Just signed in, with a set's address kept from before: go there. Says whether it
    answered."""
    kept = cookies.get(RETURN_COOKIE)
    if kept is None:
        return False
    target = return_address(unquote(kept))
    headers = [(b"location", target.encode("latin-1")), cookie(RETURN_COOKIE, "", 0)]
    await respond(send, 302, b"", headers=headers)
    return True


async def start(scope: Scope, send: Send) -> None:
    """The sign-in page's button: keep the address to return to, then off to the provider
    (the way st.login goes)."""
    from streamlit.auth_util import encode_provider_token

    query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
    back = return_address(query.get(RETURN_PARAMETER, "/"))
    target = "/auth/login?" + urlencode({"provider": encode_provider_token("default")})
    headers = [(b"location", target.encode("latin-1"))]
    if back != "/":
        headers.append(cookie(RETURN_COOKIE, quote(back, safe=""), 900))
    await respond(send, 302, b"", headers=headers)


def provider_errors_in_dutch(send: Send) -> Send:
    """Streamlit answers a provider that does not answer with a bare English "Authentication
    error" (400): the Dutch page instead."""
    replaced = False

    async def send_dutch(message: Message) -> None:
        nonlocal replaced
        if message["type"] == "http.response.start" and message["status"] == 400:
            replaced = True
            await respond(send, 503, provider_down_page(), HTML)
            return
        if replaced:
            return  # the English body
        await send(message)

    return send_dutch


def failed_sign_ins_noted(scope: Scope, send: Send) -> Send:
    """The provider's answer (/oauth2callback): when it brought a code or an error but no
    sign-in cookie came of it, the sign-in page says that it did not work."""
    query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
    attempted = "code" in query or "error" in query

    async def send_noted(message: Message) -> None:
        if message["type"] == "http.response.start" and attempted:
            signed = any(
                name.lower() == b"set-cookie"
                and value.startswith(f"{USER_COOKIE}=".encode())
                and not value.startswith(f'{USER_COOKIE}="";'.encode())
                and b"Max-Age=0" not in value
                for name, value in message.get("headers", [])
            )
            if not signed:
                extra = cookie(NOTE_COOKIE, "mislukt", 300)
                message = {**message, "headers": [*message.get("headers", []), extra]}
        await send(message)

    return send_noted


def signed_out_noted(send: Send) -> Send:
    """/auth/logout: the sign-in page afterwards says "Je bent uitgelogd"."""

    async def send_noted(message: Message) -> None:
        if message["type"] == "http.response.start":
            extra = cookie(NOTE_COOKIE, "uitgelogd", 300)
            message = {**message, "headers": [*message.get("headers", []), extra]}
        await send(message)

    return send_noted
