"""The gate's parts on their own, with a clock that tests move: the budgets a page and a
person spend, the throttle on a page's messages, the return address after signing in,
the security headers and who a request comes from."""

from __future__ import annotations

import asyncio

import pytest

from designer.gate.budget import Bucket, Budgets, wait_for_all
from designer.gate.headers import secured
from designer.gate.identity import client_address
from designer.gate.pages import return_address, sign_in_page
from designer.gate.throttle import POLICY_VIOLATION, Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_gives_a_burst_then_its_rate() -> None:
    clock = Clock()
    bucket = Bucket(burst=3, rate=2, clock=clock)
    assert [bucket.wait_for() for _ in range(3)] == [0, 0, 0]
    assert bucket.wait_for() == pytest.approx(0.5)  # one more in half a second
    clock.now += 0.5
    assert bucket.wait_for() == 0
    clock.now += 100
    assert [bucket.wait_for() for _ in range(4)][:3] == [0, 0, 0]  # never more than the burst


def test_a_message_passes_only_when_every_bucket_has_room_and_takes_from_all() -> None:
    clock = Clock()
    page, person = Bucket(10, 1, clock), Bucket(2, 1, clock)
    assert wait_for_all([page, person]) == 0 and wait_for_all([page, person]) == 0
    assert wait_for_all([page, person]) == pytest.approx(1)  # the person's budget is spent
    assert page.tokens == pytest.approx(8)  # and nothing was taken from the page's


def test_budgets_count_open_pages_and_forget_a_key_once_closed_and_full() -> None:
    clock = Clock()
    budgets = Budgets(burst=5, rate=1, clock=clock)
    assert budgets.open("person:a", 2) and budgets.open("person:a", 2)
    assert not budgets.open("person:a", 2)
    budgets.bucket("person:a").wait_for(5)
    budgets.close("person:a")
    budgets.close("person:a")
    assert "person:a" in budgets.buckets  # spent: a page opened again must not start full
    clock.now += 10
    budgets.open("person:b", 1)
    budgets.close("person:b")
    assert "person:a" not in budgets.buckets and budgets.open_pages == {}


def messages(count: int) -> list[dict]:
    return [{"type": "websocket.receive", "bytes": bytes([n])} for n in range(count)]


def test_the_throttle_paces_messages_and_closes_a_page_that_floods() -> None:
    async def scenario() -> tuple[list[dict], bool]:
        queue: asyncio.Queue[dict] = asyncio.Queue()
        for message in [{"type": "websocket.connect"}, *messages(100)]:
            queue.put_nowait(message)
        throttle = Throttle(queue.get, [Bucket(5, 1000)], backlog=40)
        got = [await throttle.receive() for _ in range(6)]
        await asyncio.sleep(0.05)  # the reader has read ahead: 100 waiting > 40
        got.append(await throttle.receive())
        await throttle.close()
        return got, throttle.overrun

    got, overrun = asyncio.run(scenario())
    assert got[0] == {"type": "websocket.connect"} and len(got) == 7
    assert got[-1] == {"type": "websocket.disconnect", "code": POLICY_VIOLATION}
    assert overrun


def test_what_a_page_left_waiting_is_dropped_when_it_goes() -> None:
    async def scenario() -> list[dict]:
        queue: asyncio.Queue[dict] = asyncio.Queue()
        for message in [{"type": "websocket.connect"}, *messages(10)]:
            queue.put_nowait(message)
        clock = Clock()
        throttle = Throttle(queue.get, [Bucket(1, 1000, clock)], backlog=40)
        got = [await throttle.receive(), await throttle.receive()]  # then 9 wait their turn
        queue.put_nowait({"type": "websocket.disconnect", "code": 1001})
        await asyncio.sleep(0.05)
        got.append(await asyncio.wait_for(throttle.receive(), 1))  # not 9 more first
        await throttle.close()
        return got

    got = asyncio.run(scenario())
    assert got[1]["bytes"] == b"\x00"
    assert got[2] == {"type": "websocket.disconnect", "code": 1001}


@pytest.mark.parametrize(
    ("asked", "kept"),
    [
        ("/?set=noord/buurtoverleg&kaart=3", "/?set=noord%2Fbuurtoverleg&kaart=3"),
        ("https://evil.example/?set=a", "/?set=a"),
        ("//evil.example", "/"),
        ("/?set=../../etc&kaart=1", "/?kaart=1"),
        ('/?set="><script>alert(1)</script>', "/"),
        ("/?next=https://evil.example", "/"),
        ("/?kaart=999999", "/"),
    ],
)
def test_the_address_after_signing_in_is_the_designers_own(asked: str, kept: str) -> None:
    assert return_address(asked) == kept


def test_the_sign_in_page_escapes_the_address_it_keeps() -> None:
    page = sign_in_page('/?set=a"><img src=x onerror=alert(1)>').decode()
    assert "<img" not in page and 'value="/"' in page


def headers_sent(scope: dict) -> dict[bytes, bytes]:
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def scenario() -> None:
        await secured(send, scope)({"type": "http.response.start", "status": 200, "headers": []})

    asyncio.run(scenario())
    return dict(sent[0]["headers"])


def test_hsts_only_over_https_or_behind_a_proxy_that_received_https() -> None:
    plain = headers_sent({"scheme": "http", "headers": []})
    assert b"strict-transport-security" not in plain
    assert plain[b"x-frame-options"] == b"SAMEORIGIN"
    forwarded = {"scheme": "http", "headers": [(b"x-forwarded-proto", b"https")]}
    assert b"strict-transport-security" in headers_sent(forwarded)
    assert b"strict-transport-security" in headers_sent({"scheme": "https", "headers": []})


def test_forwarded_addresses_are_believed_only_from_a_trusted_proxy(monkeypatch) -> None:
    forwarded = [(b"x-forwarded-for", b"6.6.6.6, 10.1.2.3")]
    assert client_address({"client": ("127.0.0.1", 5), "headers": forwarded}) == "10.1.2.3"
    assert client_address({"client": ("192.0.2.9", 5), "headers": forwarded}) == "192.0.2.9"
    monkeypatch.setenv("CARDKIT_TRUSTED_PROXIES", "192.0.2.9")
    assert client_address({"client": ("192.0.2.9", 5), "headers": forwarded}) == "10.1.2.3"


def test_a_client_cannot_write_its_own_address_before_the_proxys(monkeypatch) -> None:
    """HAProxy adds its line after the client's own X-Forwarded-For line."""
    monkeypatch.setenv("CARDKIT_TRUSTED_PROXIES", "10.0.0.5")
    two_lines = [(b"x-forwarded-for", b"6.6.6.1"), (b"x-forwarded-for", b"203.0.113.9")]
    assert client_address({"client": ("10.0.0.5", 1), "headers": two_lines}) == "203.0.113.9"
    chain = [(b"x-forwarded-for", b"6.6.6.1, 203.0.113.9, 10.0.0.5")]
    assert client_address({"client": ("127.0.0.1", 1), "headers": chain}) == "203.0.113.9"


def test_the_throttle_closes_a_page_whose_waiting_messages_grow_too_large() -> None:
    async def scenario() -> bool:
        queue: asyncio.Queue[dict] = asyncio.Queue()
        queue.put_nowait({"type": "websocket.connect"})
        for _ in range(2):
            queue.put_nowait({"type": "websocket.receive", "bytes": b"x" * (7 * 1024 * 1024)})
        throttle = Throttle(queue.get, [Bucket(0, 0.001, Clock())], backlog=40)
        await throttle.receive()  # the handshake; then 14 MB wait: not yet too much
        waiting = asyncio.create_task(throttle.receive())
        await asyncio.sleep(0.05)
        early = throttle.overrun
        queue.put_nowait({"type": "websocket.receive", "bytes": b"x" * (3 * 1024 * 1024)})
        await asyncio.sleep(0.05)
        ended = await asyncio.wait_for(waiting, 1)
        await throttle.close()
        return not early and throttle.overrun and ended["code"] == POLICY_VIOLATION

    assert asyncio.run(scenario())
