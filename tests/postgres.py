"""A throwaway PostgreSQL server for the tests: Debian's `postgresql` package (`make test`
installs it where it is missing), a cluster in a temporary folder, reached only on a Unix
socket in that folder, gone when the tests end. As root, the server runs as the
`postgres` user (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import psycopg

USER = "cardkit"


def server_binaries() -> Path:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4])
    )
    assert found, "Debian's postgresql is missing: make test installs it as root"
    return Path(found[-1]).parent


@dataclass
class Server:
    """A running cluster: `url(database)` to reach a database in it."""

    folder: Path
    binaries: Path
    _numbers = count(1)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@/{database}?host={self.folder}"

    def new_database(self) -> str:
        """A fresh, empty database; returns its address."""
        name = f"library_{next(self._numbers)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"create database {name}")
        return self.url(name)

    def run(self, *command: str) -> None:
        subprocess.run(_as_postgres([str(self.binaries / command[0]), *command[1:]]), check=True,
                       capture_output=True, timeout=120)  # fmt: skip

    def restart(self) -> None:
        """Stop the server at once (connections drop, as in a crash) and start it again."""
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        self.start()

    def start(self) -> None:
        options = f"-k {self.folder} -c listen_addresses='' -F"
        log = str(self.folder / "server.log")
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-o", options, "-l", log, "-w", "start")


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextlib.contextmanager
def postgres_server() -> Iterator[Server]:
    folder = Path(tempfile.mkdtemp(prefix="cardkit-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    server = Server(folder, server_binaries())
    try:
        server.run("initdb", "-D", str(folder / "data"), "-U", USER, "--auth=trust",
                   "-E", "UTF8", "--no-locale")  # fmt: skip
        server.start()
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            server.run("pg_ctl", "-D", str(folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)
