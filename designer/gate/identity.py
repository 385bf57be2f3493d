"""Who a request comes from, the same for the gate and for the page: the sign-in its
cookie carries (Streamlit's signed `_streamlit_user`), the browser (its XSRF cookie) and
the client's address (behind a trusted proxy, the one the proxy names)."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.requests import cookie_parser
from streamlit.auth_util import get_cookie_with_chunks
from streamlit.web.server.server_util import get_cookie_secret
from streamlit.web.server.starlette.starlette_app_utils import (
    decode_signed_value,
    decode_xsrf_token_string,
)

USER_COOKIE = "_streamlit_user"  # Streamlit's sign-in cookie (st.login)
XSRF_COOKIE = "_streamlit_xsrf"  # Streamlit's per-browser token
SIGNED_IN_SECONDS = 31 * 24 * 3600  # a sign-in cookie's life (30 days) and Streamlit's grace
PROXIES_VARIABLE = "CARDKIT_TRUSTED_PROXIES"  # addresses whose X-Forwarded-For is believed


@dataclass(frozen=True)
class SignIn:
    """One sign-in: `identity` is the same for every copy of its cookie (a hash of what the
    provider said at that sign-in, its nonce and time included), and differs for the next
    sign-in of the same person."""

    identity: str
    email: str
    claims: Mapping[str, Any]


def sign_in_of(cookies: Mapping[str, str]) -> SignIn | None:
    """The sign-in a request's cookies carry, if its signature holds."""
    if USER_COOKIE not in cookies:
        return None
    secret = get_cookie_secret()

    def decoded(name: str) -> bytes | None:
        value = cookies.get(name)
        if value is None:
            return None
        return decode_signed_value(secret, name, value.encode("latin-1"))

    raw = get_cookie_with_chunks(decoded, USER_COOKIE)
    if not raw:
        return None
    try:
        claims = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(claims, dict) or not claims.get("is_logged_in"):
        return None
    identity = hashlib.sha256(raw).hexdigest()[:32]
    return SignIn(identity, str(claims.get("email") or ""), claims)


def browser_of(cookies: Mapping[str, str]) -> bytes | None:
    """The browser's own token (Streamlit's XSRF cookie), or None without one."""
    token, _ = decode_xsrf_token_string(cookies.get(XSRF_COOKIE, ""))
    return token or None


def cookies_of(headers: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """The cookies of an ASGI request's headers, parsed as Streamlit parses them."""
    return cookie_parser(header(headers, b"cookie"))


def header(headers: list[tuple[bytes, bytes]], name: bytes) -> str:
    for key, value in headers:
        if key == name:
            return value.decode("latin-1")
    return ""


def client_address(scope: Mapping[str, Any]) -> str:
    """The client's address; behind trusted proxies (loopback, or CARDKIT_TRUSTED_PROXIES)
    the last address in X-Forwarded-For that is not one of them: each proxy adds the one
    it received from, on a line of its own or at the end (a client can write the rest)."""
    peer = (scope.get("client") or ("",))[0]
    if not _trusted(peer):
        return peer
    lines = [value for key, value in scope.get("headers", []) if key == b"x-forwarded-for"]
    hops = [hop.strip() for line in lines for hop in line.decode("latin-1").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if not _trusted(hop):
            return hop
    return peer


def _trusted(peer: str) -> bool:
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    if address.is_loopback:
        return True
    listed = os.environ.get(PROXIES_VARIABLE, "").split(",")
    return any(peer == entry.strip() for entry in listed if entry.strip())
