"""The designer's one error boundary: whatever goes wrong becomes one Dutch message on the
page, naming the file, the field or the limit where the engine knows them; never a
traceback or a server path. The detail goes to the server's log."""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

import psycopg

from cardkit.errors import CardkitError
from designer.text import md

log = logging.getLogger("cardkit.designer")
P = ParamSpec("P")

STORAGE = {
    errno.EROFS: "de bibliotheek is alleen-lezen",
    errno.EACCES: "de bibliotheek mag niet beschreven worden",
    errno.EPERM: "de bibliotheek mag niet beschreven worden",
    errno.ENOSPC: "de schijf van de bibliotheek is vol",
    errno.EDQUOT: "de schijf van de bibliotheek is vol",
}
UNEXPECTED = (
    "Er ging iets mis dat de kaartjesmaker niet verwachtte. Wat je typte is bewaard waar "
    "dat kon; probeer het nog eens, en meld het bij je beheerder als het terugkomt."
)


def _unreachable(error: Exception) -> bool:
    """A database store whose server is down or restarting (the pool's timeout is one)."""
    return isinstance(error, psycopg.OperationalError | psycopg.InterfaceError)


def message(error: Exception) -> str:
    """The Dutch message for `error`, as Markdown; unexpected errors are logged in full."""
    if isinstance(error, CardkitError):
        return md(error.message("nl"))
    if _unreachable(error):
        log.warning("library unreachable: %s", error)
        return (
            "De bibliotheek is even niet bereikbaar. Wat je typte is bewaard in dit venster: "
            "laat het open en probeer het over een ogenblik nog eens."
        )
    if isinstance(error, OSError) and error.errno in STORAGE:
        log.warning("library not writable: %s", error)
        return f"Er kon niets worden bewaard: {STORAGE[error.errno]}. Vraag je beheerder."
    log.exception("unexpected error in the designer", exc_info=error)
    return UNEXPECTED


def guarded(show: Callable[[str], object]) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """Run a function; if it fails, `show` the Dutch message instead of the traceback."""

    def decorate(function: Callable[P, None]) -> Callable[P, None]:
        @wraps(function)
        def run(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                function(*args, **kwargs)
            except Exception as error:  # the boundary: everything ends here
                show(message(error))

        return run

    return decorate
