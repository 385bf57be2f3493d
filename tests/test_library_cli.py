"""`python -m cardkit library ...` on a folder and on a real PostgreSQL database, run as an
admin runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cardkit.paths import ROOT
from cardkit.read.sets import load_set
from tests.helpers import EXAMPLE_SETS


def library(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cardkit", "library", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": os.environ["PATH"], **(env or {})},
    )


@pytest.fixture(params=["folder", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "folder":
        return str(tmp_path / "bibliotheek")
    return request.getfixturevalue("postgres").new_database()


def test_import_list_and_export(store: str, tmp_path: Path) -> None:
    assert library("init", "--store", store).returncode == 0
    first, second = EXAMPLE_SETS
    added = library("import", first, "--store", store)
    assert added.returncode == 0, added.stderr
    assert added.stdout == "gelijkwaardig-samenwerken\n"
    assert library("import", second, "--team", "noord", "--store", store).stdout == (
        "noord/werkplaten-samen-de-diepte-in\n"
    )
    again = library("import", first, "--store", store)
    assert again.stdout == "gelijkwaardig-samenwerken-2\n"  # never over another set
    listed = library("list", "--store", store)
    assert listed.stdout.splitlines() == [
        "gelijkwaardig-samenwerken\tGelijkwaardig samenwerken",
        "gelijkwaardig-samenwerken-2\tGelijkwaardig samenwerken",
        "noord/werkplaten-samen-de-diepte-in\tWerkplaten: samen de diepte in",
    ]
    team = library("list", "--team", "noord", "--store", store)
    assert team.stdout == "noord/werkplaten-samen-de-diepte-in\tWerkplaten: samen de diepte in\n"
    out = tmp_path / "terug.yaml"
    name = "noord/werkplaten-samen-de-diepte-in"
    assert library("export", name, "-o", out, "--store", store).returncode == 0
    assert load_set(out) == load_set(second)  # the same set, in the store's own spelling
    again_out = tmp_path / "nog-eens.yaml"
    library("export", name, "-o", again_out, "--store", store)
    assert again_out.read_bytes() == out.read_bytes()


def test_the_default_store_comes_from_the_environment(tmp_path: Path, postgres) -> None:
    url = postgres.new_database()
    library("import", EXAMPLE_SETS[0], env={"CARDKIT_DATABASE_URL": url})
    folder = {"CARDKIT_CONTENT_DIR": str(tmp_path / "map")}
    assert library("list", env=folder).stdout == ""
    assert library("list", env={"CARDKIT_DATABASE_URL": url, **folder}).stdout.startswith(
        "gelijkwaardig-samenwerken\t"
    )


def test_a_round_trip_folder_database_folder(tmp_path: Path, postgres) -> None:
    source = tmp_path / "bron"
    for path in EXAMPLE_SETS:
        library("import", path, "--team", "noord", "--store", source)
    library("import", EXAMPLE_SETS[0], "--store", source)
    url = postgres.new_database()
    copied = library("copy", "--from", source, "--to", url)
    assert copied.returncode == 0, copied.stderr
    back = tmp_path / "terug"
    assert library("copy", "--from", url, "--to", back).returncode == 0
    listing = library("list", "--store", source).stdout
    assert library("list", "--store", back).stdout == listing
    assert library("list", "--store", url).stdout == listing
    refused = library("copy", "--from", source, "--to", back)
    assert refused.returncode == 2
    assert "already holds sets; copy into an empty library" in refused.stderr


@pytest.mark.parametrize(
    "args, expected",
    [
        (("list", "--team", "Noord Oost"), "Noord Oost: is not the name of a team"),
        (("export", "../geheim", "-o", "x.yaml"), "../geheim: is not the name of a set"),
        (("export", "bestaat-niet", "-o", "x.yaml"), "bestaat-niet: no such set in the library"),
        (("import", "bestaat-niet.yaml"), "bestaat-niet.yaml: file not found"),
    ],
)
def test_mistakes_get_one_line_and_exit_2(store: str, args, expected: str) -> None:
    result = library(*args, "--store", store)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(expected) or expected in line, line


def test_a_database_that_cannot_be_reached_is_said_so(tmp_path: Path) -> None:
    url = f"postgresql://cardkit@/geen?host={tmp_path}"
    result = library("list", "--store", url)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("the library's database cannot be reached")
