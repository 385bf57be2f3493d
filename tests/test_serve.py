"""`make serve` (scripts/serve.py): the designers on the ports asked for, HAProxy in front,
a designer that dies started again, and everything stopped by one SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from cardkit.paths import ROOT
from tests.browser import fill_library, free_port
from tests.test_browser_proxy import wait_for_line


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


def listening_pid(port: int) -> int:
    """The process that listens on `port` (from /proc: no tool needed)."""
    inode = None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[1].endswith(f":{port:04X}") and fields[3] == "0A":  # LISTEN
                inode = fields[9]
    assert inode is not None, f"nothing listens on {port}"
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
        except OSError:
            continue
        if f"socket:[{inode}]" in links:
            return int(pid)
    raise AssertionError(f"no process owns the socket on {port}")


def test_serve_puts_designers_where_asked_and_starts_a_dead_one_again(tmp_path: Path) -> None:
    library = fill_library(tmp_path / "library")
    port, first = free_port(), free_port()
    output = tmp_path / "serve.log"
    environment = {**os.environ, "CARDKIT_CONTENT_DIR": str(library)}
    command = [sys.executable, str(ROOT / "scripts" / "serve.py"), "--processes", "1"]
    with output.open("w") as log:
        serve = subprocess.Popen(
            [*command, "--port", str(port), "--first-port", str(first)], cwd=ROOT,
            env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        wait_for_line(output, "cardkit: http", serve)
        assert healthy(first) and healthy(port)  # the designer, and the proxy before it
        dead = listening_pid(first)
        os.kill(dead, signal.SIGKILL)
        deadline = time.monotonic() + 90
        while not (healthy(first) and listening_pid(first) != dead):
            assert time.monotonic() < deadline, output.read_text()
            time.sleep(0.5)
        assert "starting again" in output.read_text()
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=40)
        assert not healthy(first) and not healthy(port)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
