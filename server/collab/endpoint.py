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
)


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

    async def close(code: int, reason: str) -> None:
        with contextlib.suppress(RuntimeError, WebSocketDisconnect, OSError):
            await websocket.close(code, reason)

    connection = Connection(person_id, websocket.send_bytes, close, manager.limits)
    try:
        room = await manager.join(measure_id, connection)
    except NotFound:
        await websocket.close(CLOSE_UNKNOWN_MEASURE, "Diese Maßnahme gibt es nicht.")
        return
    except NotEditable as refused:
        await websocket.close(CLOSE_NOT_EDITABLE, str(refused))
        return
    writer = asyncio.create_task(connection.write_forever())
    try:
        await _read(websocket, manager, room, connection)
    finally:
        manager.leave(room, connection)
        writer.cancel()
        if connection.close_task is not None:
            await asyncio.wait([connection.close_task], timeout=5)


async def _read(websocket: WebSocket, manager: RoomManager, room: object, connection: Connection) -> None:
    limit = manager.limits.max_message_bytes
    while not connection.closing:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        frame = message.get("bytes")
        if frame is None:
            connection.close_soon(CLOSE_UNSUPPORTED, "Nur binäre Yjs-Nachrichten sind erlaubt.")
        elif len(frame) > limit:
            connection.close_soon(CLOSE_TOO_BIG, f"Nachricht zu groß (höchstens {limit} Bytes).")
        elif not connection.allow():
            connection.close_soon(CLOSE_FLOOD, "Zu viele Nachrichten in kurzer Zeit.")
        else:
            try:
                manager.handle(room, connection, frame)  # type: ignore[arg-type]
            except protocol.ProtocolError as error:
                connection.close_soon(CLOSE_PROTOCOL, f"Fehlerhafte Nachricht: {error}.")
