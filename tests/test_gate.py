"""The designer's front door (designer/gate) against a running designer with sign-in on and
a real OpenID Connect provider, spoken to the way an attacker does: plain HTTP and
Streamlit's own WebSocket protocol, no browser. A visitor who is not signed in gets the
Dutch sign-in page and nothing else; uploads cost a page only its budget and go only into
the page of the browser that opened it; a copied cookie ends with "Uitloggen" on every
process; Streamlit's own addresses that nobody needs are closed."""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets
from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

from cardkit.library.folder import FolderStore
from cardkit.model import Card, CardSet
from cardkit.paths import ROOT
from tests.browser import (
    designer_process,
    fill_library,
    free_port,
    oidc_provider,
    server_log,
    sign_in_secrets,
)
from tests.helpers import TEAMS_FILE
from tests.streamlit_client import XSRF_COOKIE, browser_cookie, cookie_header, open_session

TEAM_SET = "Buurtoverleg Noord"
MB = 1024 * 1024


class Service:
    """A designer with sign-in on: its address, process, secrets and library."""

    def __init__(self, url: str, pid: int, secret: str, library: Path) -> None:
        self.url, self.pid, self.secret, self.library = url, pid, secret, library

    def member_cookies(
        self, email: str = "alice@example.org", verified: bool = True, subject: str = ""
    ) -> dict[str, str]:
        """A browser's cookies after `email` signed in here: what a thief copies."""
        claims = {
            "email": email,
            "email_verified": verified,
            "name": email,
            "sub": subject or email,
            "nonce": uuid.uuid4().hex,
            "iat": int(time.time()),
            "is_logged_in": True,
            "origin": self.url,
            "provider": "default",
        }
        signed = create_signed_value(self.secret, "_streamlit_user", json.dumps(claims))
        return {XSRF_COOKIE: browser_cookie(self.url), "_streamlit_user": signed.decode()}


def secret_of(secrets: Path) -> str:
    match = re.search(r'cookie_secret = "([0-9a-f]+)"', secrets.read_text(encoding="utf-8"))
    assert match is not None
    return match.group(1)


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Service, Service]]:
    """Two designer processes on one library and one secrets file (as behind the proxy)."""
    folder = tmp_path_factory.mktemp("gate")
    library = fill_library(folder / "library")
    FolderStore(library).create(CardSet(TEAM_SET, "a6", (Card("denk", "Een vraag?"),)), "noord")
    teams = folder / "teams.yaml"
    teams.write_text(TEAMS_FILE, encoding="utf-8")
    first, second = free_port(), free_port()
    env = {"CARDKIT_TEAMS": str(teams)}
    with oidc_provider() as issuer:
        secrets = sign_in_secrets(folder, first, issuer)
        with (
            designer_process(library, env=env, port=first, secrets=secrets) as (url, process),
            designer_process(library, env=env, port=second, secrets=secrets) as (url2, process2),
        ):
            secret = secret_of(secrets)
            yield (
                Service(url, process.pid, secret, library),
                Service(url2, process2.pid, secret, library),
            )
            print(server_log(process)[-3000:])


def get(url: str, cookies: dict[str, str] | None = None, headers: dict[str, str] | None = None):
    """(status, headers, body) of a GET, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, headers={**(headers or {})})
    if cookies:
        request.add_header("Cookie", cookie_header(cookies))
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as reply:
            return reply.status, reply.headers, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def put_file(url: str, session: str, cookies: dict[str, str], size: int) -> int:
    """Upload `size` bytes into page `session` as Streamlit's uploader does; the status.
    A server that refuses reads no body: the answer is read even if sending was cut off."""
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.yaml"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + b"x" * size
        + f"\r\n--{boundary}--\r\n".encode()
    )
    address = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        connection.putrequest("PUT", f"/_stcore/upload_file/{session}/{uuid.uuid4()}")
        connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        connection.putheader("Content-Length", str(len(body)))
        connection.putheader("Cookie", cookie_header(cookies))
        connection.putheader("X-Xsrftoken", cookies.get(XSRF_COOKIE, ""))
        connection.endheaders()
        with contextlib.suppress(ConnectionError):
            for start in range(0, len(body), MB):
                connection.send(body[start : start + MB])
        return connection.getresponse().status
    finally:
        connection.close()


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def refused(url: str, cookies: dict[str, str] | None = None) -> bool:
    """Whether the page's connection is refused (or closed before a session starts)."""

    async def attempt() -> bool:
        try:
            connection, _ = await open_session(url, cookies)
        except (websockets.exceptions.WebSocketException, TimeoutError):
            return True
        await connection.close()
        return False

    return asyncio.run(attempt())


def test_a_visitor_not_signed_in_gets_the_dutch_sign_in_page_and_no_session(signed) -> None:
    service, _ = signed
    for address in ("/", "/?set=noord/buurtoverleg-noord", "/iets", "/x.html", "/a/b.c"):
        status, headers, body = get(service.url + address)
        text = body.decode()
        assert status == 200 and '<html lang="nl">' in text, address
        assert "Inloggen</button>" in text and TEAM_SET not in text
        assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "Strict-Transport-Security" not in headers  # plain HTTP on loopback
    assert (
        'name="terug" value="/?set=noord%2Fbuurtoverleg-noord"'
        in get(service.url + "/?set=noord/buurtoverleg-noord&x=<script>")[2].decode()
    )
    _, headers, _ = get(service.url + "/", headers={"X-Forwarded-Proto": "https"})
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert refused(service.url)
    assert refused(service.url, {XSRF_COOKIE: browser_cookie(service.url)})


def test_streamlits_metrics_and_agent_addresses_are_closed(signed) -> None:
    service, _ = signed
    for address in ("/_stcore/metrics", "/_stcore/agent/sessions"):
        assert get(service.url + address)[0] == 404, address
    assert get(service.url + "/_stcore/health")[0] == 200


def test_cookieless_uploads_cost_the_process_next_to_nothing(signed) -> None:
    """The attack of issue 24: 30 uploads of 10 MB by a client with no sign-in."""
    service, _ = signed
    cookies = {XSRF_COOKIE: browser_cookie(service.url)}

    async def session_or_guess() -> str:
        try:
            connection, session = await open_session(service.url, cookies)
        except websockets.exceptions.WebSocketException:
            return str(uuid.uuid4())  # refused: there is no session to upload into
        asyncio.get_running_loop().call_later(600, connection.close)  # kept open meanwhile
        return session

    session = asyncio.run(session_or_guess())
    before = resident_mb(service.pid)
    statuses = [put_file(service.url, session, cookies, 10 * MB - 1024) for _ in range(30)]
    grown = resident_mb(service.pid) - before
    assert grown <= 150, f"the process grew by {grown:.0f} MB ({statuses.count(204)} accepted)"
    assert set(statuses) == {403}


def test_a_page_holds_uploads_within_its_budget_and_only_its_own_browser_fills_it(
    signed,
) -> None:
    service, _ = signed
    cookies = service.member_cookies()

    async def scenario() -> list[int]:
        connection, session = await open_session(service.url, cookies)
        try:
            other_browser = {**cookies, XSRF_COOKIE: browser_cookie(service.url)}
            other_person = service.member_cookies("bob@example.org")
            other_person[XSRF_COOKIE] = cookies[XSRF_COOKIE]
            statuses = [
                await asyncio.to_thread(put_file, service.url, session, other_browser, 100),
                await asyncio.to_thread(put_file, service.url, session, other_person, 100),
            ]
            for _ in range(9):
                statuses.append(
                    await asyncio.to_thread(put_file, service.url, session, cookies, 100)
                )
            return statuses
        finally:
            await connection.close()

    statuses = asyncio.run(scenario())
    assert statuses[:2] == [403, 403]  # another browser, another person: not their page
    assert statuses[2:10] == [204] * 8 and statuses[10] == 413, statuses

    async def bytes_budget() -> list[int]:
        connection, session = await open_session(service.url, cookies)
        try:
            return [
                await asyncio.to_thread(put_file, service.url, session, cookies, 9 * MB)
                for _ in range(3)
            ]
        finally:
            await connection.close()

    assert asyncio.run(bytes_budget()) == [204, 204, 413]


def test_closed_pages_count_until_streamlit_lets_their_files_go(signed) -> None:
    """A page's budget is 24 MB, a person's 48 MB: closing a page and opening another does
    not start a fresh budget while Streamlit still keeps the closed page's files."""
    service, _ = signed
    cookies = service.member_cookies("dave@noord.example.org")

    async def open_upload_close() -> list[int]:
        connection, session = await open_session(service.url, cookies)
        try:
            return [
                await asyncio.to_thread(put_file, service.url, session, cookies, 9 * MB)
                for _ in range(2)
            ]
        finally:
            await connection.close()

    rounds = [asyncio.run(open_upload_close()) for _ in range(3)]
    assert rounds[:2] == [[204, 204], [204, 204]] and 413 in rounds[2], rounds


def test_uploads_in_progress_count_against_the_budget(signed) -> None:
    service, _ = signed
    cookies = service.member_cookies("erik@noord.example.org")

    async def scenario() -> list[int]:
        connection, session = await open_session(service.url, cookies)
        try:
            first = await asyncio.to_thread(put_file, service.url, session, cookies, 9 * MB)
            together = await asyncio.gather(
                *(
                    asyncio.to_thread(put_file, service.url, session, cookies, 9 * MB)
                    for _ in range(2)
                )
            )
            return [first, *sorted(together)]
        finally:
            await connection.close()

    assert asyncio.run(scenario()) == [204, 204, 413]  # 10 + 9 fit in 24 MB; 10 + 9 + 9 not


def test_claiming_someones_address_unverified_does_not_use_up_their_pages(signed) -> None:
    service, _ = signed
    claimer = service.member_cookies("ALICE@example.org", verified=False, subject="mallory")

    async def scenario() -> bool:
        held = [await open_session(service.url, claimer) for _ in range(12)]
        try:
            alice = service.member_cookies("alice@example.org")
            return not await asyncio.to_thread(refused, service.url, alice)
        finally:
            for connection, _ in held:
                await connection.close()

    assert asyncio.run(scenario())


def test_a_page_that_sends_huge_messages_is_closed(signed) -> None:
    service, _ = signed
    cookies = service.member_cookies("bob@example.org")

    async def closed_after(size: int, count: int) -> bool:
        connection, _ = await open_session(service.url, cookies)
        try:
            for _ in range(count):
                await connection.send(b"\x00" * size)
            await asyncio.wait_for(connection.wait_closed(), 30)
            return True
        except websockets.exceptions.ConnectionClosed:
            return True
        except TimeoutError:
            return False

    before = resident_mb(service.pid)
    assert asyncio.run(closed_after(20 * MB, 1))  # over server.maxMessageSize
    # (Messages waiting past 16 MB: tests/test_gate_parts.py, where waiting is certain.)
    time.sleep(7)  # a round of clean-up
    assert resident_mb(service.pid) - before <= 60


def test_a_copied_cookie_stops_working_after_sign_out_on_both_processes(signed) -> None:
    first, second = signed
    cookies = first.member_cookies()
    thief = {**cookies, XSRF_COOKIE: browser_cookie(second.url)}
    assert not refused(first.url, cookies) and not refused(second.url, thief)
    assert b"Inloggen</button>" not in get(second.url + "/", thief)[2]
    status, headers, _ = get(first.url + "/auth/logout", cookies)
    assert status in (302, 303, 307)
    for service, jar in ((first, cookies), (second, thief)):
        assert refused(service.url, jar)
        _, headers, body = get(service.url + "/", jar)
        assert "Je bent uitgelogd." in body.decode()
        assert "_streamlit_user=" in (headers.get("Set-Cookie") or "")  # cleared there


def test_a_page_shows_its_pictures_only_to_its_own_browser(signed) -> None:
    service, _ = signed
    cookies = service.member_cookies("bob@example.org")

    async def open_a_set() -> tuple[websockets.ClientConnection, list[str]]:
        connection, _ = await open_session(service.url, cookies, "set=gelijkwaardig-samenwerken")
        seen = b""
        deadline = time.monotonic() + 60
        while b"/media/" not in seen and time.monotonic() < deadline:
            seen += await asyncio.wait_for(connection.recv(), 60)
        return connection, sorted(set(re.findall(rb"/media/[0-9a-f]+\.[a-z]+", seen)))

    async def scenario() -> tuple[list[int], list[int], list[int]]:
        connection, media = await open_a_set()
        assert media, "the page shows no picture"
        try:
            address = service.url + media[0].decode()
            other = {**cookies, XSRF_COOKIE: browser_cookie(service.url)}
            return (
                [get(address, cookies)[0]],
                [get(address, other)[0]],
                [get(address)[0]],
            )
        finally:
            await connection.close()

    own, other_browser, nobody = asyncio.run(scenario())
    assert own == [200] and other_browser == [404] and nobody == [404]


def test_a_provider_that_does_not_answer_gets_a_dutch_page(tmp_path: Path) -> None:
    library = fill_library(tmp_path / "library")
    teams = tmp_path / "teams.yaml"
    teams.write_text(TEAMS_FILE, encoding="utf-8")
    port = free_port()
    secrets = sign_in_secrets(tmp_path, port, f"http://127.0.0.1:{free_port()}")  # nobody
    env = {"CARDKIT_TEAMS": str(teams)}
    with designer_process(library, env=env, port=port, secrets=secrets) as (url, _):
        status, headers, _ = get(url + "/_cardkit/inloggen?terug=/%3Fset%3Dwerkplaten")
        assert status == 302 and headers["Location"].startswith("/auth/login?provider=")
        assert "cardkit_terug=" in headers["Set-Cookie"]
        status, _, body = get(url + headers["Location"])
        text = body.decode()
        assert status == 503 and "Inloggen lukt nu niet" in text and "Authentication" not in text


def test_the_sign_in_secrets_never_go_into_git() -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", ".streamlit/secrets.toml"],
        cwd=ROOT,
        capture_output=True,
    )
    assert ignored.returncode == 0, "secrets.toml is not in .gitignore"


def test_a_designer_under_a_base_path_refuses_to_start(tmp_path: Path) -> None:
    """Under server.baseUrlPath every address the gate guards would move past it."""
    library = fill_library(tmp_path / "library")
    env = {"STREAMLIT_SERVER_BASE_URL_PATH": "kaartjes"}
    with (
        pytest.raises(RuntimeError, match=r"server\.baseUrlPath is set"),
        designer_process(library, env=env),
    ):
        pass
