"""A page's messages to the server at the pace its budget allows. Messages are read as they
arrive; Streamlit gets them one by one as the budget refills. A page that keeps sending
faster than that (no person does: a held-down arrow key fits in the burst) is closed once
MESSAGE_BACKLOG messages (or MESSAGE_BACKLOG_BYTES) wait; and when a page goes away, what
it left waiting is dropped at once instead of being worked through for minutes after it
left."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque

from starlette.types import Message, Receive

from cardkit.limits import MESSAGE_BACKLOG, MESSAGE_BACKLOG_BYTES
from designer.gate.budget import Bucket, wait_for_all

POLICY_VIOLATION = 1008  # the WebSocket close code for "you broke the rules"


class Throttle:
    """Wraps an ASGI WebSocket `receive`: a message passes when every bucket has room. Use
    `receive` in its place, and `close()` when the connection's handler has returned."""

    def __init__(
        self, receive: Receive, buckets: list[Bucket], backlog: int = MESSAGE_BACKLOG
    ) -> None:
        self._source = receive
        self._buckets = buckets  # the page's own, and its person's (or address's)
        self._backlog = backlog
        self._waiting: deque[Message] = deque()
        self._waiting_bytes = 0
        self.received = 0  # bytes read, for the clean-up that gives memory back
        self._ended: Message | None = None
        self._arrived = asyncio.Event()
        self._reader: asyncio.Task[None] | None = None
        self.overrun = False  # closed for sending too much

    async def receive(self) -> Message:
        if self._reader is None:
            # The first message is the handshake; after it, read ahead in the background.
            message = await self._source()
            self._reader = asyncio.create_task(self._read(), name="cardkit-throttle")
            return message
        while True:
            if self._ended is not None:
                return self._ended
            if self._waiting:
                pause = wait_for_all(self._buckets)
                if pause == 0:
                    message = self._waiting.popleft()
                    self._waiting_bytes -= _size(message)
                    return message
                await self._sleep_or_end(pause)
                continue
            self._arrived.clear()
            await self._arrived.wait()

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader

    async def _read(self) -> None:
        while True:
            message = await self._source()
            if message["type"] == "websocket.disconnect":
                self._end(message)
                return
            self._waiting.append(message)
            self._waiting_bytes += _size(message)
            self.received += _size(message)
            if len(self._waiting) > self._backlog or self._waiting_bytes > MESSAGE_BACKLOG_BYTES:
                self.overrun = True
                self._end({"type": "websocket.disconnect", "code": POLICY_VIOLATION})
                return
            self._arrived.set()

    def _end(self, message: Message) -> None:
        self._waiting.clear()  # what the page left behind is not worked through
        self._waiting_bytes = 0
        self._ended = message
        self._arrived.set()

    async def _sleep_or_end(self, seconds: float) -> None:
        self._arrived.clear()
        if self._ended is None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), seconds)


def _size(message: Message) -> int:
    return len(message.get("bytes") or b"") + len(message.get("text") or "")
