"""The Starlette WebSocket endpoint ``/collab/{measure_id}``: adapts a socket to the room manager.

The acting person comes from the ``actor`` query parameter (the y-websocket
provider's ``params``) until sign-in exists; the place for a ``token`` is here.
"""

from __future__ import annotations

import asyncio
import contextlib
from uuid import UUID

from anyio.to_thread import run_sync
from starlette.websockets import WebSocket, WebSocketDisconnect

from domain.errors import NotFound
from domain.reference import Person
from server.collab import protocol
from server.collab.manager import NotEditable, RoomManager
from server.collab.room import (
    CLOSE_FLOOD,
    CLOSE_NOT_EDITABLE,
    CLOSE_PROTOCOL,
    CLOSE_TOO_BIG,
    CLOSE_UNAUTHENTICATED,
    CLOSE_UNKNOWN_MEASURE,
    CLOSE_UNSUPPORTED,
    Connection,
    DirectConnection,
    QueuedConnection,
    Room,
)
from server.collab.transport import EXTENSION, CollabProtocol


async def _person(websocket: WebSocket, manager: RoomManager) -> UUID | None:
    raw = websocket.query_params.get("actor") or websocket.headers.get("x-actor-id", "")
    try:
        person_id = UUID(raw)
        await run_sync(manager.app.load, Person, person_id)
    except (ValueError, NotFound):
        return None
    return person_id


async def collab_endpoint(websocket: WebSocket) -> None:
    manager: RoomManager = websocket.state.runtime.collab
    await websocket.accept()
    try:
        measure_id = UUID(websocket.path_params["measure_id"])
    except ValueError:
        await websocket.close(CLOSE_UNKNOWN_MEASURE, "Unbekannte Maßnahme (keine gültige Kennung).")
        return
    person_id = await _person(websocket, manager)
    if person_id is None:
        await websocket.close(CLOSE_UNAUTHENTICATED, "Bitte als Person anmelden (Parameter „actor“).")
        return

    direct = websocket.scope.get("extensions", {}).get(EXTENSION)
    connection: Connection
    if isinstance(direct, CollabProtocol):
        connection = DirectConnection(person_id, direct, manager.limits)
    else:

        async def close(code: int, reason: str) -> None:
            with contextlib.suppress(RuntimeError, WebSocketDisconnect, OSError):
                await websocket.close(code, reason)

        connection = QueuedConnection(person_id, websocket.send_bytes, close, manager.limits)
    try:
        room = await manager.join(measure_id, connection)
    except NotFound:
        await websocket.close(CLOSE_UNKNOWN_MEASURE, "Diese Maßnahme gibt es nicht.")
        return
    except NotEditable as refused:
        await websocket.close(CLOSE_NOT_EDITABLE, str(refused))
        return
    try:
        if isinstance(connection, DirectConnection):
            await _read_direct(websocket, manager, room, connection)
        else:
            await _read_queued(websocket, manager, room, connection)
    finally:
        manager.leave(room, connection)


def _on_frame(manager: RoomManager, room: Room, connection: Connection, frame: bytes | None) -> None:
    """One incoming frame (``None`` for a text frame): checked, then handed to the room."""
    limit = manager.limits.max_message_bytes
    if connection.closing:
        return
    if frame is None:
        connection.close_soon(CLOSE_UNSUPPORTED, "Nur binäre Yjs-Nachrichten sind erlaubt.")
    elif len(frame) > limit:
        connection.close_soon(CLOSE_TOO_BIG, f"Nachricht zu groß (höchstens {limit} Bytes).")
    elif not connection.allow():
        connection.close_soon(CLOSE_FLOOD, "Zu viele Nachrichten in kurzer Zeit.")
    else:
        try:
            manager.handle(room, connection, frame)
        except protocol.ProtocolError as error:
            connection.close_soon(CLOSE_PROTOCOL, f"Fehlerhafte Nachricht: {error}.")


async def _read_direct(websocket: WebSocket, manager: RoomManager, room: Room, connection: DirectConnection) -> None:
    """Frames arrive by calls from the protocol; here we only wait for the end."""

    def on_frame(data: bytes, is_text: bool) -> None:
        _on_frame(manager, room, connection, None if is_text else data)

    for event in connection.socket.attach(on_frame):  # what arrived while the room loaded
        if event["type"] == "websocket.disconnect":
            return
        _on_frame(manager, room, connection, event.get("bytes"))  # no bytes: a text frame
    while (await websocket.receive())["type"] != "websocket.disconnect":
        pass


async def _read_queued(websocket: WebSocket, manager: RoomManager, room: Room, connection: QueuedConnection) -> None:
    writer = asyncio.create_task(connection.write_forever())
    try:
        while not connection.closing:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            _on_frame(manager, room, connection, message.get("bytes"))
    finally:
        writer.cancel()
        if connection.close_task is not None:
            await asyncio.wait([connection.close_task], timeout=5)
