"""Live rooms shared by several server processes: the store orders, the broker carries.

A process that stored a batch of updates publishes them on the measure's channel
(``room:<measure id>``) with the stream versions they took; every other process with
that room loaded applies them and sends them to its clients: stored before broadcast,
on every process. Versions tell a process when it missed something (a broker restart,
a slow subscriber): it then reads what is missing from the store, as it does after a
write that lost a race (two processes writing the same proposal), after the broker
reports a gap, and every few seconds while a room is loaded. Presence travels the same
channel. A decision's freeze is a ``Frozen`` marker in the document's stream: it takes
the next version, so an update another process tries to store after it conflicts, and
that process refuses it (the store arbitrates, not timing).

Without a broker (``bus`` is None) none of this runs: one process owns every room.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Protocol
from uuid import UUID

from anyio.to_thread import run_sync
from pycrdt import merge_updates

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.document import ProposalDocument, document_id
from domain.errors import ConcurrencyConflict
from domain.texts import PROPOSAL_FIELDS
from server.collab import protocol, store
from server.collab.room import Room
from server.collab.updates import advance, check_update, crdt_failure

log = logging.getLogger("sozialkonferenz.collab")

FREEZING_SECONDS = 10.0  # how long a room takes nothing after another process announced a freeze
STALE_FREEZE_SECONDS = 30.0  # a freeze marker without a decision this old was left by a failed freeze
READ_ONLY = (
    "Dieser Vorschlag ist eingefroren (beschlossen oder Konferenz geschlossen); Änderungen werden nicht übernommen."
)


class Bus(Protocol):
    """What the rooms need of the broker (``server.cluster.broker.Broker`` provides it)."""

    def publish(self, channel: str, kind: str, payload: Any) -> None: ...

    def subscribe(self, channel: str, handler: Any, on_gap: Any = None) -> Any: ...


def channel(measure_id: UUID) -> str:
    return f"room:{measure_id}"


def is_conflict(error: BaseException) -> bool:
    """A write that lost a race for a stream version (another process stored first)."""
    from eventsourcing.persistence import RecordConflictError
    from sqlalchemy.exc import IntegrityError

    return isinstance(error, RecordConflictError | IntegrityError | ConcurrencyConflict | StaleRoom)


class StaleRoom(Exception):
    """The room's stream moved on elsewhere (a freeze marker): read it again before writing."""


class SharedRooms:
    """The cross-process part of :class:`~server.collab.manager.RoomManager` (a mixin)."""

    app: Sozialkonferenz
    rooms: dict[UUID, Room]
    bus: Bus | None
    _store_lock: asyncio.Lock

    # --- subscriptions ---------------------------------------------------------

    def _share(self, room: Room) -> None:
        if self.bus is None:
            return
        measure_id = room.measure_id

        def on_message(message: Any) -> Any:
            return self._on_remote(measure_id, message)

        def on_gap() -> Any:
            return self._catch_up_soon(measure_id)

        room.subscription = self.bus.subscribe(channel(measure_id), on_message, on_gap=on_gap)
        self.bus.publish(channel(measure_id), "hello", b"")  # the others answer with their presence

    def _unshare(self, room: Room) -> None:
        subscription, room.subscription = room.subscription, None
        if subscription is not None:
            subscription.close()

    def _publish_updates(self, room: Room, first: int, last: int, updates: list[bytes]) -> None:
        if self.bus is not None and updates:
            payload = {"first": first, "last": last, "updates": [store.b64(u) for u in updates]}
            self.bus.publish(channel(room.measure_id), "updates", payload)

    def _publish_presence(self, room: Room, message: bytes | None) -> None:
        """``message`` is an awareness message (as sent to clients); the others pass it on to theirs."""
        if self.bus is not None and message is not None:
            self.bus.publish(channel(room.measure_id), "presence", message)

    def _publish(self, room: Room, kind: str) -> None:
        if self.bus is not None:
            self.bus.publish(channel(room.measure_id), kind, b"")

    # --- what the others send --------------------------------------------------

    async def _on_remote(self, measure_id: UUID, message: Any) -> None:
        room = self.rooms.get(measure_id)
        if room is None or room.failed:
            return
        try:
            if message.kind == "updates":
                self._remote_updates(room, message.json())
            elif message.kind == "presence":
                self._remote_presence(room, message.payload)
            elif message.kind == "hello":
                self._publish_presence(room, room.local_presence())
            elif message.kind == "freezing":  # a decision is taken elsewhere: take nothing meanwhile
                room.freezing_elsewhere = time.monotonic() + FREEZING_SECONDS
            elif message.kind in ("frozen", "reopened"):  # a marker is stored: read it
                await self._catch_up(room)
        except Exception:
            log.exception("Nachricht eines anderen Prozesses für Raum %s nicht verarbeitet", measure_id)
            self._catch_up_soon(measure_id)

    def _remote_updates(self, room: Room, data: dict[str, Any]) -> None:
        first, last = int(data["first"]), int(data["last"])
        if last <= room.known_version:
            return  # read from the store already
        if first != room.known_version + 1:
            self._catch_up_soon(room.measure_id)  # something was missed: the store has it
            return
        updates = [store.unb64(u) for u in data["updates"]]
        if self._apply_stored(room, updates):
            room.known_version = last
        else:  # our document lacks something these build on: read from the store instead
            self._catch_up_soon(room.measure_id)

    def _remote_presence(self, room: Room, message: bytes) -> None:
        parsed = protocol.parse(message)
        local = {client for connection in room.connections for client in connection.awareness_clients}
        entries = [e for e in protocol.parse_awareness(parsed.payload) if e.client_id not in local and room.is_newer(e)]
        for entry in entries:
            room.record_awareness(entry)
            room.presence_due.add(entry.client_id)
        if entries:
            self._schedule_presence(room)

    def _schedule_presence(self, room: Room) -> None: ...  # RoomManager's

    async def recheck(self, measure_ids: list[UUID]) -> None: ...  # RoomManager's

    def _apply_stored(self, room: Room, updates: list[bytes]) -> bool:
        """Updates another process stored: into the document, and on to this process's clients.

        Returns whether every one of them could be applied.
        """
        fresh = []
        complete = True
        room.measured_longest = None  # the fields' lengths are measured afresh when next needed
        for update in updates:
            try:
                summary = check_update(update, room.state, PROPOSAL_FIELDS)
                room.doc.apply_update(update)
            except BaseException as error:  # stored elsewhere, so it passed there: our document lacks something
                if not crdt_failure(error):
                    raise
                log.warning("Gespeicherte Aktualisierung für %s hier nicht anwendbar: %s", room.measure_id, error)
                complete = False
                continue
            advance(room.state, summary)
            room.document_bytes += len(update)
            fresh.append(update)
        if fresh:
            merged = fresh[0] if len(fresh) == 1 else merge_updates(*fresh)
            room.broadcast(protocol.sync_update(merged), None, merged)
            room.catalogue_due = None  # the process that stored them keeps the catalogue
        return complete

    # --- reading the store -----------------------------------------------------

    def _catch_up_soon(self, measure_id: UUID) -> None:
        room = self.rooms.get(measure_id)
        if room is not None and not room.catching_up:
            room.catching_up = True
            asyncio.get_running_loop().create_task(self._catch_up(room))

    async def _catch_up(self, room: Room) -> None:
        """Read what the store has beyond this room's version; apply it, and mind markers."""
        try:
            async with self._store_lock:
                await self._catch_up_locked(room)
        except Exception:
            log.exception("Raum %s konnte nicht aus dem Speicher nachgeladen werden", room.measure_id)
        finally:
            room.catching_up = False

    async def _catch_up_locked(self, room: Room) -> None:
        if room.failed:
            return
        known = room.known_version

        def read() -> tuple[list[Any], ProposalDocument]:
            aggregate = self.app.repository.get(document_id(room.measure_id))  # first: the events up to it
            return list(self.app.events.get(aggregate.id, gt=known, lte=aggregate.version)), aggregate

        events, aggregate = await run_sync(read)
        updates = [u for e in events if not isinstance(e, ProposalDocument.Started) for _, u in store.attributed(e)]
        if not self._apply_stored(room, updates):  # the store has what this room cannot take: never diverge silently
            self.reset_room(room, "gespeicherte Aktualisierungen hier nicht anwendbar")
            return
        room.aggregate = aggregate
        room.known_version = aggregate.version
        if aggregate.frozen or room.marker_frozen:  # a marker decided it: no more waiting for one
            room.freezing_elsewhere = 0.0
        if aggregate.frozen and not room.marker_frozen:
            room.marker_frozen = True
            if not room.read_only:
                room.read_only = READ_ONLY
                room.broadcast(protocol.permission_denied(READ_ONLY), None)
        elif not aggregate.frozen and room.marker_frozen:
            room.marker_frozen = False
            asyncio.get_running_loop().create_task(self.recheck([room.measure_id]))  # open again, if editable

    async def _check_versions(self) -> None:
        """Housekeeping with a broker: a room whose stream moved on without word is read again."""
        loaded = [r for r in self.rooms.values() if not r.failed and not r.catching_up]
        if self.bus is None or not loaded:
            return

        def versions() -> dict[UUID, int]:
            found = {}
            for room in loaded:
                recorded = self.app.recorder.select_events(document_id(room.measure_id), desc=True, limit=1)
                found[room.measure_id] = recorded[0].originator_version if recorded else 0
            return found

        for measure_id, version in (await run_sync(versions)).items():
            room = self.rooms.get(measure_id)
            if room is not None and version > room.known_version:
                self._catch_up_soon(measure_id)

    # --- writing after the others -----------------------------------------------

    def _events(self, by_room: Any, checkpoints: Any) -> tuple[list[Any], list[Any]]: ...  # RoomManager's

    def _write_in_order(
        self, by_room: dict[Room, list[Any]], checkpoints: dict[Room, tuple[str, str]]
    ) -> tuple[dict[Room, list[Any]], set[Room]]:
        """Store a batch, each room's events numbered after what its stream holds (worker thread).

        The events are made and encoded first, at the versions this process expects. Under
        the table's write lock only each stream's newest version is read: a room whose
        stream moved on through other processes' updates only (not yet all seen here) has
        its rows renumbered after them, and those updates are returned to be applied
        (``fresh``). The lock is held for reads, the insert and the commit, nothing else.
        A room whose stream moved on with a freeze marker, whose document is frozen, or
        whose batch carries a checkpoint (it would lack the others' updates) is not written
        (``stale``): the caller reads it up first, and refuses if it is frozen.
        """
        fresh: dict[Room, list[Any]] = {}
        stale: set[Room] = set()
        shifted: dict[Room, int] = {}
        events, due = self._events(by_room, checkpoints)
        rows = store.stored_rows(self.app, events)
        rooms_by_id = {room.aggregate.id: room for room in by_room}

        def prepare(session: Any) -> list[dict[str, Any]]:
            versions = store.stream_versions(self.app, session, list(rooms_by_id))
            for room in by_room:
                expected, stored = room.first_new_version - 1, versions.get(room.aggregate.id, 0)
                if room.aggregate.frozen or stored < expected:
                    stale.add(room)
                elif stored > expected:
                    later = store.stream_events_after(self.app, session, room.aggregate.id, expected)
                    if room in checkpoints or any(event.topic in store.MARKER_TOPICS for event in later):
                        stale.add(room)
                        continue
                    fresh[room] = later
                    shifted[room] = stored - expected
            kept = []
            for row in rows:
                room = rooms_by_id[row["originator_id"]]
                if room not in stale:
                    kept.append({**row, "originator_version": row["originator_version"] + shifted.get(room, 0)})
            return kept

        store.append_in_order(self.app, prepare)
        for room, offset in shifted.items():
            room.aggregate.version += offset
            room.first_new_version += offset
        for room in stale:  # its events were made but not stored: its aggregate is read again
            room.aggregate.version = -1
        written = [s for s in due if all(s.originator_id != r.aggregate.id for r in (*shifted, *stale))]
        if written and self.app.snapshots is not None:
            self.app.snapshots.put(written)
        to_domain = self.app.mapper.to_domain_event
        decoded = {
            room: [to_domain(e) for e in events if e.topic != store.CHECKPOINT_TOPIC] for room, events in fresh.items()
        }
        return decoded, stale

    def _apply_fresh(self, room: Room, events: list[Any]) -> None:
        """Others' updates read while writing after them: those this room has not applied yet (event loop)."""
        updates = [u for e in events if e.originator_version > room.known_version for _, u in store.attributed(e)]
        if updates and not self._apply_stored(room, updates):
            self.reset_room(room, "Aktualisierungen anderer Prozesse nicht anwendbar")

    def reset_room(self, room: Room, reason: str, stored: bool = True) -> None: ...  # RoomManager's

    # --- freeze markers --------------------------------------------------------

    async def _mark(self, measure_id: UUID, room: Room | None, freeze: bool) -> None:
        """Store a ``Frozen`` (or ``Reopened``) marker as the stream's next version, whoever wrote last.

        Whatever was stored before the marker is read in the same step and applied to the room, so
        its document is then exactly the stored text the decision takes. The other processes are
        asked to hold still first (``freezing``), so the marker rarely loses a race.
        """
        if room is not None and freeze:
            self._publish(room, "freezing")
        for _ in range(100):
            async with self._store_lock:
                known = room.known_version if room is not None else 0

                def save(known: int = known) -> tuple[ProposalDocument | None, list[Any], int]:
                    aggregate = self.app.repository.get(document_id(measure_id))
                    read = aggregate.version
                    events = list(self.app.events.get(aggregate.id, gt=known, lte=read)) if room is not None else []
                    if aggregate.frozen == freeze:
                        return aggregate, events, read
                    aggregate.freeze(SYSTEM_ACTOR) if freeze else aggregate.reopen(SYSTEM_ACTOR)
                    try:
                        self.app.save(aggregate)
                    except ConcurrencyConflict:
                        return None, events, read
                    return aggregate, events, read

                saved, events, read = await run_sync(save)
                if room is not None:
                    updates = [u for e in events if not isinstance(e, ProposalDocument.Started) for _, u in
                               store.attributed(e)]  # fmt: skip
                    self._apply_stored(room, updates)
                    room.known_version = read
                    if saved is not None:
                        room.aggregate, room.known_version = saved, saved.version
                        room.marker_frozen = freeze
                        self._publish(room, "frozen" if freeze else "reopened")
                if saved is not None:
                    return
            await asyncio.sleep(0.005)
        raise ConcurrencyConflict([document_id(measure_id)])

    async def _reopen_if_stale(self, measure_id: UUID, editable: bool) -> bool:
        """A freeze marker left behind by a freeze whose decision never came: lift it. Returns whether lifted."""
        if not editable or not await run_sync(store.exists, self.app, measure_id):
            return False
        aggregate = await run_sync(self.app.repository.get, document_id(measure_id))
        if not aggregate.frozen or time.time() - aggregate.modified_on.timestamp() < STALE_FREEZE_SECONDS:
            return False
        await self._mark(measure_id, self.rooms.get(measure_id), freeze=False)
        return True
