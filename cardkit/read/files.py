"""Read a file the way cardkit reads every file a person names or a library holds: only a
plain file, its size checked on the opened file, never waiting on a pipe or a device."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from cardkit.errors import CardkitError, Location, Text


def too_big(size: int, max_bytes: int) -> Text:
    return Text(
        f"file is {size / 1e6:.1f} MB; at most {max_bytes / 1e6:.0f} MB is accepted",
        f"bestand is {size / 1e6:.1f} MB; hoogstens {max_bytes / 1e6:.0f} MB is toegestaan",
    )


NOT_A_FILE = Text(
    "is not a plain file (a folder, a device or a pipe); it is not read",
    "is geen gewoon bestand (een map, apparaat of pijp); het wordt niet gelezen",
)
A_LINK = Text(
    "is a link to somewhere else; the library reads only its own files",
    "is een koppeling naar elders; de bibliotheek leest alleen haar eigen bestanden",
)


def read_plain_file(path: Path, name: str, max_bytes: int, follow_links: bool = True) -> bytes:
    """The bytes of the plain file at `path`, at most `max_bytes`; errors name it `name`.
    Without `follow_links`, a symbolic link is refused too (inside a library)."""
    where = Location(name)
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_links else os.O_NOFOLLOW)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise CardkitError(where, Text("file not found", "bestand niet gevonden")) from None
    except IsADirectoryError:
        raise CardkitError(where, NOT_A_FILE) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise CardkitError(where, A_LINK) from None
        raise CardkitError(where, os_problem(error)) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise CardkitError(where, NOT_A_FILE)
    with os.fdopen(descriptor, "rb") as handle:
        if status.st_size > max_bytes:
            raise CardkitError(where, too_big(status.st_size, max_bytes))
        try:
            data = handle.read(max_bytes + 1)
        except OSError as error:
            raise CardkitError(where, os_problem(error)) from None
    if len(data) > max_bytes:  # the file grew while it was read
        raise CardkitError(where, too_big(len(data), max_bytes))
    return data


def os_problem(error: OSError) -> Text:
    reason = error.strerror or type(error).__name__
    return Text(f"cannot be read ({reason})", f"kan niet gelezen worden ({reason})")
