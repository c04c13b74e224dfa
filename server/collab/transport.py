"""A direct line between a collab socket and its room, past the ASGI message path.

Relaying is the hot path of live editing: at 12 rooms × 20 clients typing, the server
delivers about 9,000 frames a second. Through ASGI each delivery costs a task switch,
a message dict, Starlette's state checks and uvicorn's per-frame encoding; each incoming
frame pauses and resumes reading. :class:`CollabProtocol` is uvicorn's sans-I/O
WebSocket protocol with one addition: it offers itself to the application as the ASGI
scope extension ``sozialkonferenz.direct``. The collab endpoint then

- receives each binary frame by a plain call from the protocol (no queue, no task), and
- sends by writing a frame it encoded once per broadcast straight to each transport.

Everything else (handshake, ping/pong, close, HTTP) stays uvicorn's. Served without
this protocol (another ASGI server, Starlette's test client), the endpoint falls back
to the ordinary ASGI path: same behaviour, more work per message.
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Callable
from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

EXTENSION = "sozialkonferenz.direct"
log = logging.getLogger("sozialkonferenz.collab")

# Called with (payload, is_text) for each complete incoming data frame.
FrameHandler = Callable[[bytes, bool], None]


def binary_frame(payload: bytes) -> bytes:
    """One unfragmented, unmasked (server-to-client) binary WebSocket frame (RFC 6455, 5.2)."""
    size = len(payload)
    if size < 126:
        return bytes((0x82, size)) + payload
    if size < 65536:
        return struct.pack("!BBH", 0x82, 126, size) + payload
    return struct.pack("!BBQ", 0x82, 127, size) + payload


class CollabProtocol(WebSocketsSansIOProtocol):
    """uvicorn's ``websockets-sansio`` protocol, offering the direct line to the application."""

    handler: FrameHandler | None = None

    def handle_connect(self, event: Any) -> None:
        super().handle_connect(event)
        scope = getattr(self, "scope", None)
        if scope is not None:
            scope["extensions"][EXTENSION] = self

    # --- receiving -------------------------------------------------------------

    def attach(self, handler: FrameHandler) -> list[dict[str, Any]]:
        """Route incoming frames to ``handler`` from now on.

        Returns the ASGI events that queued up before (frames the client sent while the
        room loaded, or its disconnect): the caller handles them first, in order.
        """
        earlier = []
        while not self.queue.empty():
            earlier.append(self.queue.get_nowait())
        self.handler = handler
        if self.read_paused:
            self.read_paused = False
            self.transport.resume_reading()
        return earlier  # type: ignore[return-value]

    def send_receive_event_to_app(self) -> None:
        handler = self.handler
        if handler is None or self.close_sent:
            super().send_receive_event_to_app()
            return
        data = self.frames[0] if len(self.frames) == 1 else b"".join(self.frames)
        self.frames = []
        try:
            handler(bytes(data), self.curr_msg_data_type == "text")
        except Exception:  # a bug in handling one frame must not take the reading loop down
            log.exception("Nachricht im Live-Raum nicht verarbeitet")
            self.handler = None
            self.fail(1011, "Interner Fehler beim Verarbeiten der Nachricht.")

    # --- sending ---------------------------------------------------------------

    def is_open(self) -> bool:
        return self.handshake_complete and not (self.close_sent or self.disconnected or self.transport.is_closing())

    def write_frames(self, frames: bytes) -> int:
        """Write already encoded frames; returns the bytes still waiting in the send buffer.

        Nothing is written once the socket is closing (a close frame must be the last).
        """
        if not self.is_open():
            return 0
        self.transport.write(frames)
        return self.transport.get_write_buffer_size()

    def fail(self, code: int, reason: str) -> None:
        """Send a close frame now (from a synchronous context) and close after the usual timeout."""
        if not self.is_open():
            return
        self.queue.put_nowait({"type": "websocket.disconnect", "code": code, "reason": reason})
        self.conn.send_close(code, reason)
        self.transport.write(b"".join(self.conn.data_to_send()))
        self.close_sent = True
        self.close_timer = self.loop.call_later(self.close_timeout, self.transport.close)


def uvicorn_options() -> dict[str, Any]:
    """The WebSocket settings every server of ours runs uvicorn with (CLI, tests, benchmark)."""
    return {
        "ws": CollabProtocol,
        # Per-message compression costs memory per connection and is a known attack surface
        # for small, frequent CRDT updates; clients work without it.
        "ws_per_message_deflate": False,
    }
