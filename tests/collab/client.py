"""A pycrdt client for tests: speaks the y-websocket protocol over a real WebSocket."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any
from uuid import UUID

import websockets
from pycrdt import Doc, Text, TransactionEvent

from domain.texts import PROPOSAL_FIELDS
from server.collab import protocol
from tests.auth import token_of


class CollabClient:
    """Connects, syncs, sends its local edits as updates and applies what the server sends."""

    def __init__(
        self,
        base_url: str,
        measure_id: UUID | str,
        actor: UUID | str | None,
        *,
        doc: Doc | None = None,
        mode: str | None = None,
        token: str | None = None,
    ) -> None:
        self.measure_id = str(measure_id)
        self.actor = actor
        self.mode = mode
        self.token = token  # instead of the actor's usual test token
        self.url = self._url(base_url)
        self.doc = doc if doc is not None else Doc()
        for field in PROPOSAL_FIELDS:
            self.doc.get(field, type=Text)
        self.socket: Any = None
        self.synced = asyncio.Event()
        self.denied: list[str] = []
        self.received: list[bytes] = []  # every document update the server sent (sync step 2 and updates)
        self.awareness: dict[int, str] = {}
        self.awareness_messages = 0
        self.close_code: int | None = None
        self.close_reason = ""
        self._reader: asyncio.Task[None] | None = None
        self._remote = False
        self._outgoing: list[bytes] = []
        self.doc.observe(self._on_change)

    def _url(self, base_url: str) -> str:
        token = self.token or (None if self.actor is None else token_of(self.actor))
        params = ([] if token is None else [f"token={token}"]) + ([f"mode={self.mode}"] if self.mode else [])
        return f"{base_url}/collab/{self.measure_id}{'?' + '&'.join(params) if params else ''}"

    def _on_change(self, event: TransactionEvent) -> None:
        if not self._remote:
            self._outgoing.append(event.update)

    async def __aenter__(self) -> CollabClient:
        self.socket = await websockets.connect(self.url, compression=None, max_size=None)
        self._reader = asyncio.create_task(self._read())
        with contextlib.suppress(websockets.ConnectionClosed):  # a refused connection is closed at once
            await self.socket.send(protocol.sync_step1(self.doc.get_state()))
        return self

    async def reconnect(self, base_url: str | None = None) -> None:
        """Close the socket and connect again with the same document (to ``base_url`` if given)."""
        await self.close()
        if base_url is not None:
            self.url = self._url(base_url)
        self.synced = asyncio.Event()
        self.close_code, self.close_reason = None, ""
        self._outgoing = []  # the sync handshake sends whatever the server lacks
        await self.__aenter__()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader

    async def _read(self) -> None:
        try:
            async for frame in self.socket:
                message = protocol.parse(frame)
                if message.kind == protocol.SYNC:
                    if message.subtype == protocol.STEP1:
                        await self.socket.send(protocol.sync_step2(self.doc.get_update(message.payload)))
                    else:
                        self.received.append(message.payload)
                        self._remote = True
                        try:
                            self.doc.apply_update(message.payload)
                        finally:
                            self._remote = False
                        if message.subtype == protocol.STEP2:
                            self.synced.set()
                elif message.kind == protocol.AWARENESS:
                    self.awareness_messages += 1
                    for entry in protocol.parse_awareness(message.payload):
                        self.awareness[entry.client_id] = entry.state
                elif message.kind == protocol.AUTH:
                    self.denied.append(frame.decode("utf-8", "replace"))
        except websockets.ConnectionClosed as closed:
            if closed.rcvd is not None:
                self.close_code, self.close_reason = closed.rcvd.code, closed.rcvd.reason
        finally:
            if self.close_code is None and self.socket.close_code is not None:
                self.close_code, self.close_reason = self.socket.close_code, self.socket.close_reason or ""

    def text(self, field: str) -> Text:
        return self.doc.get(field, type=Text)

    def fields(self) -> dict[str, str]:
        return {field: str(self.text(field)) for field in PROPOSAL_FIELDS}

    async def flush(self) -> None:
        """Send local edits made since the last flush."""
        updates, self._outgoing = self._outgoing, []
        for update in updates:
            await self.socket.send(protocol.sync_update(update))

    async def edit(self, field: str, index: int, text: str) -> None:
        self.text(field).insert(index, text)
        await self.flush()

    async def set_presence(self, state: str, clock: int = 1) -> None:
        entry = protocol.AwarenessEntry(self.doc.client_id, clock, state)
        await self.socket.send(protocol.awareness(protocol.encode_awareness([entry])))

    async def send_raw(self, frame: bytes | str) -> None:
        await self.socket.send(frame)

    async def wait_closed(self, timeout: float = 10) -> int | None:
        if self._reader is not None:
            await asyncio.wait_for(asyncio.shield(self._reader), timeout)
        return self.close_code


async def wait_until(condition: Any, timeout: float = 10.0, interval: float = 0.01) -> None:
    """Wait until ``condition()`` is true, at most ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("Bedingung nicht rechtzeitig erfüllt")
        await asyncio.sleep(interval)
