"""The Starlette WebSocket endpoint ``/collab/{measure_id}``: adapts a socket to the room manager.

The handshake is checked before the room is joined: the ``Origin`` (browsers),
the person (session cookie, or an API token in the ``token`` query parameter,
as the y-websocket provider's ``params`` send it), and their access to this
proposal under the permission policy: edit, read along, or refused. A client may ask
for less with ``?mode=read`` (the plenary projector): the connection then only reads
along, whatever the person may do, and counts against a limit of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from uuid import UUID

from anyio.to_thread import run_sync
from starlette.websockets import WebSocket, WebSocketDisconnect

from domain.errors import DomainError, NotFound
from server.auth.http import origin_allowed, principal
from server.collab import protocol
from server.collab.manager import (
    READ_ALONG,
    READ_ONLY_ACCESS,
    NotEditable,
    RoomManager,
    TooLarge,
    TooManyConnections,
)
from server.collab.room import (
    CLOSE_DOCUMENT_TOO_LARGE,
    CLOSE_FLOOD,
    CLOSE_FORBIDDEN,
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
from server.collab.updates import crdt_failure

log = logging.getLogger("sozialkonferenz.collab")


async def _access(websocket: WebSocket, measure_id: UUID) -> tuple[UUID, str, str] | tuple[int, str, str]:
    """(person, "edit"/"read", credential key), or (close code, reason, "") when the handshake is refused."""
    state = websocket.state.runtime
    if not origin_allowed(websocket, state.auth_settings):
        return CLOSE_FORBIDDEN, "Diese Herkunft (Origin) ist für Live-Bearbeitung nicht zugelassen.", ""
    try:
        found = await principal(websocket)
    except DomainError as error:
        return CLOSE_UNAUTHENTICATED, error.message, ""
    if found is None:
        return CLOSE_UNAUTHENTICATED, "Bitte anmelden (Sitzung oder Parameter „token“).", ""
    try:
        access = await run_sync(state.policy.live_access, found.person_id, measure_id)
    except NotFound:
        return CLOSE_UNKNOWN_MEASURE, "Diese Maßnahme gibt es nicht.", ""
    if access is None:
        return CLOSE_FORBIDDEN, "Keine Berechtigung, diesen Vorschlag zu öffnen.", ""
    return found.person_id, access, found.credential


async def collab_endpoint(websocket: WebSocket) -> None:
    manager: RoomManager = websocket.state.runtime.collab
    await websocket.accept()
    try:
        measure_id = UUID(websocket.path_params["measure_id"])
    except ValueError:
        await websocket.close(CLOSE_UNKNOWN_MEASURE, "Unbekannte Maßnahme (keine gültige Kennung).")
        return
    # A refresh of everyone's access that starts after this misses a connection that has not yet joined:
    # that one is checked again once it has.
    epoch = manager.access_epoch
    checked = await _access(websocket, measure_id)
    if isinstance(checked[0], int):
        await websocket.close(checked[0], checked[1])
        return
    person_id, access, credential = checked
    mode = websocket.query_params.get("mode", "edit")
    if mode not in ("edit", "read"):
        await websocket.close(CLOSE_PROTOCOL, "Unbekannter Modus (erlaubt: „edit“ oder „read“).")
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
    connection.credential = credential
    connection.display_name = await run_sync(websocket.state.runtime.application.person_name, person_id)
    if access == "read":
        connection.read_only = READ_ONLY_ACCESS
    if mode == "read":  # asked for less than the person may: read along (the projector), under its own limit
        connection.reading_by_request = True
        connection.read_only = READ_ALONG
    try:
        room = await manager.join(measure_id, connection)
    except NotFound:
        await websocket.close(CLOSE_UNKNOWN_MEASURE, "Diese Maßnahme gibt es nicht.")
        return
    except NotEditable as refused:
        await websocket.close(CLOSE_NOT_EDITABLE, str(refused))
        return
    except TooManyConnections as refused:
        await websocket.close(CLOSE_FLOOD, str(refused))
        return
    if connection.read_only:
        connection.push(protocol.permission_denied(connection.read_only))
    try:
        if manager.access_epoch != epoch:
            await manager.recheck_connection(room, connection, websocket.state.runtime.policy)
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
        except TooLarge as error:
            connection.close_soon(CLOSE_DOCUMENT_TOO_LARGE, str(error))
        except BaseException as error:  # a bug (or a panic of the CRDT library): this room starts afresh
            if not crdt_failure(error):
                raise
            log.exception("Nachricht im Live-Raum %s nicht verarbeitet", room.measure_id)
            manager.reset_room(room, f"interner Fehler ({error.__class__.__name__})")


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
