"""Shared fixtures: the example sets, the fixture layouts, and the golden-file switch."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardkit.paths import ROOT
from tests.helpers import example_library


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite the golden files in tests/golden/ instead of comparing with them",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The designer's library for one test: copies of the example sets."""
    return example_library(tmp_path, monkeypatch)


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the project root, so files are named as a user sees them (content/x.yaml)."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's outcome on the test, for fixtures that leave evidence behind."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server for the whole run (see tests/postgres.py)."""
    from tests.postgres import postgres_server

    with postgres_server() as server:
        yield server


@pytest.fixture(params=["folder", "postgres"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path):
    """An empty library in each kind of store: the contract holds for both."""
    if request.param == "folder":
        from cardkit.library.folder import FolderStore

        yield FolderStore(tmp_path / "library")
        return
    from cardkit.library.postgres import PostgresStore

    store = PostgresStore(request.getfixturevalue("postgres").new_database())
    yield store
    store.close()
