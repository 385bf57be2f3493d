"""The gate itself: an ASGI middleware in front of Streamlit (designer_app.py mounts it with
st.App) that answers, refuses or passes on every request and WebSocket before any script
runs. See the package docstring for what it guarantees."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re

from anyio import to_thread
from starlette.types import ASGIApp, Receive, Scope, Send

from cardkit.errors import CardkitError, SetupError
from cardkit.library.teams import normal_address
from cardkit.limits import (
    MAX_SESSIONS_PER_ADDRESS,
    MAX_SESSIONS_PER_PERSON,
    MESSAGE_BURST,
    MESSAGES_PER_SECOND,
    SESSION_COST,
    UPLOAD_BYTES_PER_PERSON,
    UPLOAD_BYTES_PER_SESSION,
    UPLOADS_AT_ONCE,
    UPLOADS_PER_SESSION,
)
from designer.gate import signin, streamlit_view
from designer.gate.budget import Bucket, Budgets
from designer.gate.headers import respond, secured
from designer.gate.identity import (
    SignIn,
    browser_of,
    client_address,
    cookies_of,
    header,
    sign_in_of,
)
from designer.gate.pages import SIGN_IN_START, too_many_pages_page
from designer.gate.throttle import POLICY_VIOLATION, Throttle

log = logging.getLogger("cardkit.gate")

STREAM = "/_stcore/stream"
UPLOAD = re.compile(r"^/_stcore/upload_file/([^/]+)/[^/]+\Z")
MEDIA = re.compile(r"^/media/([^/]+)\Z")
# Streamlit's own addresses that nobody outside needs: its metrics (what runs, how much
# memory) and the agent interface (off in config.toml; refused here even if turned on).
CLOSED = ("/_stcore/metrics", "/_stcore/agent")
# Addresses of Streamlit's own that are not the page: a request for anything else is the
# page (Streamlit answers every other address with it).
NOT_THE_PAGE = (
    "/_stcore/", "/static/", "/media/", "/auth/", "/oauth2callback", "/component/",
    "/app/static/", "/_cardkit/", "/favicon",
)  # fmt: skip
TRY_AGAIN_LATER = 1013  # WebSocket close code: come back in a moment (the page retries)
JANITOR_SECONDS = 5.0  # how often what gone sessions hold is given back (a dict scan)
HTML = "text/html; charset=utf-8"


class Gate:
    """The middleware: `Middleware(Gate)` in st.App. One per process."""

    def __init__(self, app: ASGIApp) -> None:
        from streamlit import config

        if str(config.get_option("server.baseUrlPath") or "").strip("/"):
            # Every address the gate guards would move under the base path, past it.
            raise SetupError(
                "server.baseUrlPath is set: the designer must be served at the root of its "
                "address; to put it under a path, let the proxy strip it (deploy/README.md)"
            )
        self.app = app
        # A person's pages share one budget (or, without sign-in, an address's pages).
        self.people = Budgets(MESSAGE_BURST * 2, MESSAGES_PER_SECOND * 2)
        self.uploading: dict[str, tuple[int, int]] = {}  # in progress, by session: files, bytes
        self.upload_sessions: dict[str, set[str]] = {}  # the pages each person uploaded into
        self.arrived = 0  # bytes uploaded since the janitor last looked
        self.janitor: asyncio.Task[None] | None = None
        streamlit_view.follow_downloads_made_on_click()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            self._start_janitor()
            await self._websocket(scope, receive, send)
        elif scope["type"] == "http":
            self._start_janitor()
            await self._http(scope, receive, secured(send, scope))
        else:
            await self.app(scope, receive, send)

    # --- requests ----------------------------------------------------------------------

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        on = _sign_in_on()
        cookies = cookies_of(scope["headers"])
        if path.startswith(CLOSED):
            await respond(send, 404, b"Niet gevonden.")
        elif path == SIGN_IN_START and on:
            await signin.start(scope, send)
        elif upload := UPLOAD.match(path):
            await self._upload(scope, receive, send, upload.group(1), cookies)
        elif media := MEDIA.match(path):
            if await _shows(media.group(1), cookies, on):
                await self.app(scope, receive, send)
            else:
                await respond(send, 404, b"Niet gevonden.")
        elif path == "/auth/login":
            await self.app(scope, receive, signin.provider_errors_in_dutch(send))
        elif path == "/auth/logout":
            if (sign_in := sign_in_of(cookies)) is not None:
                await signin.end(sign_in)
            await self.app(scope, receive, signin.signed_out_noted(send))
        elif path == "/oauth2callback":
            await self.app(scope, receive, signin.failed_sign_ins_noted(scope, send))
        elif on and _is_the_page(scope):
            await self._page(scope, receive, send, cookies)
        else:
            await self.app(scope, receive, send)

    async def _page(
        self, scope: Scope, receive: Receive, send: Send, cookies: dict[str, str]
    ) -> None:
        """The page itself, with sign-in on: only for a sign-in that holds."""
        sign_in = sign_in_of(cookies)
        if sign_in is None or await signin.ended(sign_in):
            await signin.show_sign_in_page(scope, send, ended_here=sign_in is not None)
        elif await signin.back_to_the_set(cookies, send):
            pass
        elif self.people.open_pages.get(_person(sign_in), 0) >= MAX_SESSIONS_PER_PERSON:
            await respond(send, 429, too_many_pages_page(), HTML)
        else:
            await self.app(scope, receive, send)

    async def _upload(
        self, scope: Scope, receive: Receive, send: Send, session: str, cookies: dict[str, str]
    ) -> None:
        """An upload goes only into a page of the same browser (and sign-in), within the
        page's budget of files and bytes, a few at a time."""
        if scope["method"] not in ("PUT", "DELETE"):
            await self.app(scope, receive, send)  # OPTIONS: Streamlit's CORS answer
            return
        if not await _same_visitor(session, cookies, _sign_in_on()):
            await respond(
                send, 403, b"Dit mag alleen vanuit je eigen venster van de kaartjesmaker."
            )
            return
        if scope["method"] == "DELETE":
            await self.app(scope, receive, send)
            return
        length = header(scope["headers"], b"content-length")
        if not length.isdigit():
            await respond(send, 411, b"Het bestand kwam zonder lengte aan; probeer het opnieuw.")
            return
        size = int(length)
        person = self._uploader(cookies)
        sessions = self.upload_sessions.setdefault(person, set())
        sessions.add(session)
        files, held = self._holding(session)
        _, held_by_person = self._holding(*sessions)
        if files >= UPLOADS_PER_SESSION or held + size > UPLOAD_BYTES_PER_SESSION:
            await respond(
                send,
                413,
                b"Dit venster heeft al zoveel bestanden als het mag; haal er een weg.",
            )
            return
        if held_by_person + size > UPLOAD_BYTES_PER_PERSON:
            # Pages that closed keep their files until their time to reconnect is over.
            await respond(
                send,
                413,
                b"Je vensters hebben samen al zoveel bestanden als ze mogen; "
                b"probeer het over een paar minuten opnieuw.",
            )
            return
        count, reserved = self.uploading.get(session, (0, 0))
        if count >= UPLOADS_AT_ONCE:
            await respond(
                send, 429, b"Te veel bestanden tegelijk; wacht tot de vorige binnen zijn."
            )
            return
        self.uploading[session] = (count + 1, reserved + size)  # counted before it arrives
        self.arrived += size
        try:
            await self.app(scope, receive, send)
        finally:
            count, reserved = self.uploading.pop(session)
            if count > 1:
                self.uploading[session] = (count - 1, reserved - size)

    def _holding(self, *sessions: str) -> tuple[int, int]:
        """(files, bytes) that `sessions` hold or are receiving."""
        files = size = 0
        for session in sessions:
            held_files, held_bytes = streamlit_view.held_uploads(session)
            count, reserved = self.uploading.get(session, (0, 0))
            files, size = files + held_files + count, size + held_bytes + reserved
        return files, size

    def _uploader(self, cookies: dict[str, str]) -> str:
        """Whom uploads count against: the person signed in, else the browser. Sessions
        that hold nothing any more are forgotten on the way."""
        sign_in = sign_in_of(cookies) if _sign_in_on() else None
        person = _person(sign_in) if sign_in else "browser:" + (browser_of(cookies) or b"").hex()
        for key in list(self.upload_sessions):
            kept = {s for s in self.upload_sessions[key] if self._holding(s) != (0, 0)}
            if kept:
                self.upload_sessions[key] = kept
            else:
                del self.upload_sessions[key]
        return person

    # --- the page's connection ---------------------------------------------------------

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"] != STREAM:
            await self.app(scope, receive, send)
            return
        on = _sign_in_on()
        sign_in = sign_in_of(cookies_of(scope["headers"])) if on else None
        if on and (sign_in is None or await signin.ended(sign_in)):
            await send({"type": "websocket.close", "code": POLICY_VIOLATION})
            return
        who = _person(sign_in) if sign_in else "address:" + client_address(scope)
        limit = MAX_SESSIONS_PER_PERSON if sign_in else MAX_SESSIONS_PER_ADDRESS
        if not self.people.open(who, limit):
            await send({"type": "websocket.close", "code": POLICY_VIOLATION})
            return
        throttle: Throttle | None = None
        try:
            shared = self.people.bucket(who)
            if shared.wait_for(SESSION_COST) > 0:  # opening pages faster than anyone does
                await send({"type": "websocket.close", "code": TRY_AGAIN_LATER})
                return
            own = Bucket(MESSAGE_BURST, MESSAGES_PER_SECOND)
            throttle = Throttle(receive, [own, shared])
            await self.app(scope, throttle.receive, send)
            self.arrived += throttle.received
            if throttle.overrun:
                log.warning("closed a page of %s that sent faster than allowed", who)
                with contextlib.suppress(Exception):
                    await send({"type": "websocket.close", "code": POLICY_VIOLATION})
        finally:
            if throttle is not None:
                await throttle.close()
            self.people.close(who)

    # --- clean-up ----------------------------------------------------------------------

    def _start_janitor(self) -> None:
        if self.janitor is None or self.janitor.done():
            loop = asyncio.get_running_loop()
            self.janitor = loop.create_task(self._clean_up(), name="cardkit-janitor")

    async def _clean_up(self) -> None:
        """At start, read the teams file (so that every process has a good version to keep
        should it break later); then every few seconds, give back what sessions that are
        gone still hold."""
        await to_thread.run_sync(_read_the_teams)
        while True:
            await asyncio.sleep(JANITOR_SECONDS)
            arrived, self.arrived = self.arrived, 0
            try:
                await to_thread.run_sync(streamlit_view.release_gone_sessions, arrived)
            except Exception:  # the clean-up must never stop: log and go on
                log.exception("cleaning up after gone sessions failed")


def _read_the_teams() -> None:
    from designer.signin import teams

    if _sign_in_on():
        with contextlib.suppress(CardkitError):  # the page says what is wrong with it
            teams()


def _sign_in_on() -> bool:
    from designer.signin import sign_in_on

    return sign_in_on()


def _person(sign_in: SignIn) -> str:
    """What a person's pages count against: their address, when the provider vouches for
    it (one person with a phone and a laptop is one person); else only this sign-in, so
    that someone who claims another's address cannot use up that person's pages."""
    from designer.signin import teams

    try:
        provider = str(sign_in.claims.get("provider") or "")
        verified = teams().is_verified(provider, sign_in.claims)
    except CardkitError:  # no teams file: the page says so; count the sign-in alone
        verified = False
    address = normal_address(sign_in.email) if verified else None
    return "person:" + address if address else "sign-in:" + sign_in.identity


def _is_the_page(scope: Scope) -> bool:
    """Whether a request is for the page (Streamlit answers every address that is not one
    of its own with it, `/x.html` included)."""
    return scope["method"] in ("GET", "HEAD") and not scope["path"].startswith(NOT_THE_PAGE)


async def _same_visitor(session: str, cookies: dict[str, str], on: bool) -> bool:
    """Whether the request comes from the browser (and, with sign-in on, the sign-in that
    holds) that opened page `session`."""
    opened_with = streamlit_view.session_cookies(session)
    if opened_with is None:
        return False
    browser = browser_of(cookies)
    if browser is None or browser != browser_of(dict(opened_with)):
        return False
    if not on:
        return True
    mine, theirs = sign_in_of(cookies), sign_in_of(dict(opened_with))
    if mine is None or theirs is None or mine.identity != theirs.identity:
        return False
    return not await signin.ended(mine)


async def _shows(file_id: str, cookies: dict[str, str], on: bool) -> bool:
    """Whether a page of this visitor shows (or offers to download) media file `file_id`."""
    for session in streamlit_view.sessions_showing(file_id):
        if await _same_visitor(session, cookies, on):
            return True
    return False
