"""What the gate reads of Streamlit's running server: a session's cookies, the files it holds
in its uploaders, the sessions that show a media file; and the clean-up of what sessions
that are gone still hold. The one module that touches Streamlit's private attributes
(pinned at 1.67: requirements.txt); tests/test_gate.py fails if they move."""

from __future__ import annotations

import ctypes
import logging
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from streamlit.runtime import Runtime
from streamlit.runtime.media_file_manager import MediaFileManager

log = logging.getLogger("cardkit.gate")


def _runtime() -> Runtime | None:
    return Runtime.instance() if Runtime.exists() else None


def session_cookies(session_id: str) -> Mapping[str, str] | None:
    """The cookies session `session_id` was opened with, or None if it is not connected."""
    runtime = _runtime()
    info = runtime._session_mgr.get_active_session_info(session_id) if runtime else None
    context = info.client.client_context if info is not None and info.client else None
    return context.cookies if context is not None else None


def held_uploads(session_id: str) -> tuple[int, int]:
    """(files, bytes) that session `session_id` holds in its uploaders."""
    runtime = _runtime()
    if runtime is None:
        return 0, 0
    manager: Any = runtime.uploaded_file_mgr  # MemoryUploadedFileManager: its own attributes
    with manager._lock:
        files = list(manager.file_storage.get(session_id, {}).values())
    return len(files), sum(len(file.data) for file in files)


# A download made when its button is pressed (st.download_button with a function) is
# stored under a new id that Streamlit ties to no session: which session it was made for
# is recorded here as it is made (the most recent ones; older ones have long been fetched).
_made_for: OrderedDict[str, str] = OrderedDict()
_made_for_lock = threading.Lock()
MADE_FOR_KEPT = 1000


def follow_downloads_made_on_click() -> None:
    """Record, for every download made on click, the session it was made for (once per
    process; MediaFileManager.execute_deferred is wrapped)."""
    original = MediaFileManager.execute_deferred
    if getattr(original, "cardkit_follows", False):
        return

    def execute_deferred(self: MediaFileManager, file_id: str) -> str:
        with self._lock:
            entry: Any = self._deferred_callables.get(file_id)
        url = original(self, file_id)
        if entry is not None:
            with _made_for_lock:
                _made_for[_stem(url)] = entry["session_id"]
                while len(_made_for) > MADE_FOR_KEPT:
                    _made_for.popitem(last=False)
        return url

    execute_deferred.cardkit_follows = True  # type: ignore[attr-defined]
    MediaFileManager.execute_deferred = execute_deferred  # type: ignore[method-assign]


def _stem(address: str) -> str:
    """A media file's id from its address or file name ("/media/abc.png" -> "abc")."""
    return address.rsplit("/", 1)[-1].partition(".")[0]


def sessions_showing(file_id: str) -> list[str]:
    """The sessions whose page shows (or offers to download) media file `file_id`."""
    stem = _stem(file_id)
    with _made_for_lock:
        made_for = [_made_for[stem]] if stem in _made_for else []
    runtime = _runtime()
    if runtime is None:
        return made_for
    manager = runtime.media_file_mgr
    with manager._lock:
        shown = manager._files_by_session_and_coord.items()
        by_session = {sid: set(coords.values()) for sid, coords in shown}
        deferred = {sid: set(ids) for sid, ids in manager._deferred_ids_by_session.items()}
    return made_for + [
        session
        for session in by_session.keys() | deferred.keys()
        if stem in by_session.get(session, set()) or stem in deferred.get(session, set())
    ]


_held_before = 0  # the bytes uploaders held at the last clean-up


def release_gone_sessions(arrived: int = 0) -> int:
    """Give back what sessions that are gone still hold: Streamlit drops a disconnected
    session when its time to reconnect is over without shutting it down, so its uploaded
    files stayed in memory for good. When uploads were let go since the last time (here
    or by Streamlit: it held less than before plus the `arrived` bytes uploaded since),
    the memory goes back to the system too. Returns the number of sessions cleaned up."""
    global _held_before
    runtime = _runtime()
    if runtime is None:
        return 0
    manager = runtime._session_mgr
    storage = getattr(manager, "_session_storage", None)
    cache: Any = getattr(storage, "_cache", None)
    if hasattr(cache, "expire"):
        cache.expire()  # reap what is past its time to reconnect
    uploads: Any = runtime.uploaded_file_mgr
    media = runtime.media_file_mgr
    with uploads._lock:
        holding = set(uploads.file_storage)
    with media._lock:
        holding |= set(media._files_by_session_and_coord)
    gone = [session for session in holding if manager.get_session_info(session) is None]
    for session in gone:
        uploads.remove_session_files(session)
        media.clear_session_refs(session)
    if gone:
        media.remove_orphaned_files()
    with uploads._lock:
        held = sum(len(f.data) for files in uploads.file_storage.values() for f in files.values())
    if gone or held < _held_before + arrived:
        give_memory_back()
    _held_before = held
    return len(gone)


def give_memory_back() -> None:
    """Ask the C allocator to return freed memory to the system: large uploads are freed
    into its arenas, where the process would keep them."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to ask
        log.debug("malloc_trim is not available")
