"""A direct line between a collab socket and its room, past the ASGI message path.

Relaying is the hot path of live editing: at 12 rooms × 20 clients typing, the server
delivers about 9,000 frames a second. Through ASGI each delivery costs a task switch,
a message dict, Starlette's state checks and uvicorn's per-frame encoding; each incoming
frame pauses and resumes reading. :class:`CollabProtocol` is uvicorn's sans-I/O
WebSocket protocol with one addition: it offers itself to the application as the ASGI
scope extension ``sozialkonferenz.direct``. The collab endpoint then

- receives each binary frame by a plain call from the protocol (no queue, no task), and
- sends by writing a frame it encoded once per broadcast straight to each transport.

Incoming bytes are cut into frames here (:meth:`CollabProtocol.data_received`): a complete,
masked, unfragmented binary frame, the only kind a Yjs client sends while editing, is
unmasked and handed on at once; every other frame (ping, pong, close, text, fragments, an
oversized or malformed one) goes to the ``websockets`` parser whole, so its state machine
always sees a sequence of complete frames. That parser's generator-based reading was a
tenth of the relay's CPU.

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
from websockets.frames import apply_mask
from websockets.protocol import State

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
    # Bytes of an incomplete frame (None: not cutting frames here, everything goes to websockets).
    _pending: bytearray | None = None
    _cutting = True  # False once a frame came that only websockets may handle from then on (fragments)
    _early_bytes = False  # bytes came between the upgrade request and the handshake's end

    def handle_connect(self, event: Any) -> None:
        super().handle_connect(event)
        scope = getattr(self, "scope", None)
        if scope is not None:
            scope["extensions"][EXTENSION] = self

    # --- cutting frames --------------------------------------------------------

    def data_received(self, data: bytes) -> None:
        pending = self._pending
        if pending is None:
            if not self.handshake_complete or not self._cutting or self._early_bytes or self.conn.reader.buffer:
                # The handshake, or a connection whose frames websockets reads from start to end.
                self._early_bytes = self._early_bytes or self.handshake_initiated
                super().data_received(data)
                return
            pending = self._pending = bytearray()
        pending += data
        position, end = 0, len(pending)
        limit = self.conn.max_message_size
        while end - position >= 6:  # the smallest masked frame: two header bytes and the mask
            first, second = pending[position], pending[position + 1]
            size, start = second & 0x7F, position + 2
            if size == 126:
                if end - position < 8:
                    break
                size, start = int.from_bytes(pending[start : start + 2], "big"), start + 2
            elif size == 127:
                if end - position < 14:
                    break
                size, start = int.from_bytes(pending[start : start + 8], "big"), start + 8
            if limit is not None and size > limit:  # websockets refuses it by its header (1009)
                self._hand_over(pending, position)
                return
            frame_end = start + 4 + size
            if frame_end > end:
                break
            if (
                first == 0x82  # FIN, no extension bits, binary
                and second & 0x80  # masked, as a client must
                and self.handler is not None
                and not self.close_sent
                and self.conn.state is State.OPEN
            ):
                self._dispatch(apply_mask(bytes(pending[start + 4 : frame_end]), bytes(pending[start : start + 4])))
            elif first & 0x80 == 0 or first & 0x0F == 0:  # a fragment: websockets reads everything from here
                self._hand_over(pending, position)
                return
            else:  # a control frame, a text frame, a malformed one, or one that came while the room loads
                super().data_received(bytes(pending[position:frame_end]))
                if self.transport.is_closing():
                    self._hand_over(pending, frame_end)
                    return
            position = frame_end
        del pending[:position]

    def _hand_over(self, pending: bytearray, position: int) -> None:
        """From ``position`` on, websockets reads this connection's frames itself."""
        self._cutting = False
        self._pending = None
        if position < len(pending):
            super().data_received(bytes(pending[position:]))

    def _dispatch(self, payload: bytes) -> None:
        handler = self.handler
        assert handler is not None
        try:
            handler(payload, False)
        except Exception:  # a bug in handling one frame must not take the reading loop down
            log.exception("Nachricht im Live-Raum nicht verarbeitet")
            self.handler = None
            self.fail(1011, "Interner Fehler beim Verarbeiten der Nachricht.")

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
        transport = self.transport
        if not self.handshake_complete or self.close_sent or self.disconnected or transport.is_closing():
            return 0  # not open (is_open, inlined: this runs once per recipient of every broadcast)
        transport.write(frames)
        return transport.get_write_buffer_size()

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
