"""Several designer processes behind HAProxy on this machine: `make serve PROCESSES=N`.

Starts N Streamlit processes on ports FIRST..FIRST+N-1 (localhost only; FIRST is PORT+101
unless --first-port says otherwise), sharing the environment (CARDKIT_DATABASE_URL: with
more than one process the library must be a database or one shared folder), one cookie
secret and, with --secrets, one secrets.toml (sign-in); and HAProxy on PORT in front of
them with sticky sessions (deploy/haproxy.cfg.in). A designer process that dies is started
again. Ctrl+C (or SIGTERM) stops them all.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "haproxy.cfg.in"


RESTART_PAUSE = 2.0  # seconds before a designer that died is started again


def designer_ports(port: int, processes: int, first: int | None = None) -> list[int]:
    start = first if first is not None else port + 101
    return [start + number for number in range(processes)]


def proxy_config(port: int, ports: list[int], bind: str = "127.0.0.1") -> str:
    servers = "\n".join(
        f"    server designer{number} 127.0.0.1:{designer} check cookie d{number}"
        for number, designer in enumerate(ports, start=1)
    )
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        BIND=f"{bind}:{port}", SERVERS=servers, STATUS=f"127.0.0.1:{status_port(port)}"
    )


def status_port(port: int) -> int:
    """Where HAProxy's status page is (on localhost): just below the designers' ports."""
    return port + 100


def designers_up(port: int, processes: int) -> bool:
    """Whether HAProxy counts every designer process as up (its status page, as CSV)."""
    try:
        with urllib.request.urlopen(
            f"http://127.0.0.1:{status_port(port)}/;csv", timeout=2
        ) as reply:
            rows = reply.read().decode().splitlines()
    except OSError:
        return False
    up = [row for row in rows if row.startswith("designers,designer") and ",UP," in row]
    return len(up) == processes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--bind", default="127.0.0.1", help="the proxy's address (127.0.0.1)")
    parser.add_argument(
        "--first-port", type=int, help="the first designer process's port (PORT+101)"
    )
    parser.add_argument("--secrets", type=Path, help="secrets.toml for sign-in ([auth])")
    parser.add_argument("--config-only", action="store_true", help="print HAProxy's config")
    args = parser.parse_args()
    ports = designer_ports(args.port, args.processes, args.first_port)
    if status_port(args.port) in ports or args.port in ports:
        parser.error(f"--first-port: the designers' ports {ports} overlap the proxy's")
    config = proxy_config(args.port, ports, args.bind)
    if args.config_only:
        print(config)
        return 0
    environment = dict(os.environ)
    # Every process must accept every browser's cookies (XSRF, sign-in): one secret.
    environment.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    extra = ["--secrets.files", str(args.secrets.resolve())] if args.secrets else []
    with tempfile.TemporaryDirectory(prefix="cardkit-serve-") as folder:
        config_file = Path(folder) / "haproxy.cfg"
        config_file.write_text(config, encoding="utf-8")
        designers = {port: start_designer(port, environment, extra) for port in ports}
        proxy = subprocess.Popen(["haproxy", "-W", "-db", "-f", str(config_file)])
        # Ready once HAProxy counts every process as up (a browser sent to a process still
        # starting would get "503 Service Unavailable").
        while not designers_up(args.port, args.processes) and proxy.poll() is None:
            time.sleep(0.5)
        print(f"cardkit: http://{args.bind}:{args.port}, {args.processes} processes", flush=True)
        stopping = False

        def stop(*_: object) -> None:
            nonlocal stopping
            stopping = True
            for child in [*designers.values(), proxy]:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while proxy.poll() is None and not stopping:
                for port, child in designers.items():
                    if child.poll() is not None and not stopping:
                        note = f"designer on {port} stopped ({child.returncode}), starting again"
                        print(f"cardkit: {note}", flush=True)
                        time.sleep(RESTART_PAUSE)
                        designers[port] = start_designer(port, environment, extra)
                time.sleep(0.5)
        finally:
            stop()
            for child in [*designers.values(), proxy]:
                try:
                    child.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    child.kill()
    return 0


def start_designer(port: int, environment: dict[str, str], extra: list[str]) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "designer_app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", *extra,
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=environment)


if __name__ == "__main__":
    sys.exit(main())
