"""Export workers end with the process that started them, however it ends: a designer
killed with SIGKILL used to leave its workers running for good."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from cardkit.paths import ROOT

STARTER = textwrap.dedent(
    """
    import os, sys
    from cardkit.output.export import _workers

    if __name__ == "__main__":
        pool = _workers(2)
        pids = [pool.submit(os.getpid).result() for _ in range(8)]
        print(" ".join(str(pid) for pid in sorted(set(pids))), flush=True)
        sys.stdin.read()  # until killed
    """
)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is gone too, only not yet reaped
        return stat.read().split(") ")[1][0] != "Z"


def test_workers_end_when_their_starter_is_killed(tmp_path) -> None:
    script = tmp_path / "starter.py"
    script.write_text(STARTER)
    starter = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    workers = [int(pid) for pid in starter.stdout.readline().split()]
    assert workers and all(alive(pid) for pid in workers)
    os.kill(starter.pid, signal.SIGKILL)
    starter.wait()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], "export workers outlived the process that started them"
