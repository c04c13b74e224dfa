"""Live rooms shared by several server processes: the store orders, the broker carries.

A process that stored a batch of updates publishes them, all rooms in one message
(``live-updates``), with the stream versions they took; every other process with a
room loaded applies its part and sends it to its clients: stored before broadcast,
on every process. Versions tell a process when it missed something (a broker restart,
a slow subscriber): it then reads what is missing from the store, as it does after a
write that lost a race (two processes writing the same proposal), after the broker
reports a gap, and every few seconds while a room is loaded. Presence travels on the
measure's channel (``room:<measure id>``). A decision's freeze is a ``Frozen`` marker in the document's stream: it takes
the next version, so an update another process tries to store after it conflicts, and
that process refuses it (the store arbitrates, not timing).

One process of the cluster stores the live updates (it holds the live writer's lease, a
PostgreSQL advisory lock): the others forward each batch of their clients' checked updates
to it over the broker (``live-writes``) and send them on to their own clients once the
writer's ``updates`` message (or the store) shows them stored. So the event table's write
lock is not passed back and forth between processes for every batch. Correctness does not
depend on the lease: a batch not shown stored within ``Limits.forward_seconds`` (a writer that
died or lost its lease, a lost message), a batch while the broker is away, and a reset
room's last updates are written by the process itself, in order after whatever the
others stored (:meth:`SharedRooms._write_in_order`); at worst an update is then stored
twice, which Yjs ignores.

Without a broker (``bus`` is None) none of this runs: one process owns every room.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol
from uuid import UUID

from anyio.to_thread import run_sync
from pycrdt import merge_updates

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.document import ProposalDocument, document_id
from domain.errors import ConcurrencyConflict
from domain.texts import PROPOSAL_FIELDS
from server.collab import protocol, store
from server.collab.room import Connection, Room
from server.collab.updates import InvalidUpdate, MissingDependencies, advance, check_update, crdt_failure

log = logging.getLogger("sozialkonferenz.collab")

FREEZING_SECONDS = 10.0  # how long a room takes nothing after another process announced a freeze
STALE_FREEZE_SECONDS = 30.0  # a freeze marker without a decision this old was left by a failed freeze
WRITES = "live-writes"  # the channel on which the others forward their updates to the live writer
UPDATES = "live-updates"  # the channel on which a process announces a stored batch (all its rooms at once)
READ_ONLY = (
    "Dieser Vorschlag ist eingefroren (beschlossen oder Konferenz geschlossen); Änderungen werden nicht übernommen."
)


class Bus(Protocol):
    """What the rooms need of the broker (``server.cluster.broker.Broker`` provides it)."""

    process_id: str
    connected: asyncio.Event

    def publish(self, channel: str, kind: str, payload: Any) -> None: ...

    def subscribe(self, channel: str, handler: Any, on_gap: Any = None) -> Any: ...

    async def subscribed(self, channel: str, timeout: float = 5.0) -> bool: ...


def channel(measure_id: UUID) -> str:
    return f"room:{measure_id}"


def is_conflict(error: BaseException) -> bool:
    """A write that lost a race for a stream version (another process stored first)."""
    from eventsourcing.persistence import RecordConflictError
    from sqlalchemy.exc import IntegrityError

    return isinstance(error, RecordConflictError | IntegrityError | ConcurrencyConflict | StaleRoom)


class StaleRoom(Exception):
    """The room's stream moved on elsewhere (a freeze marker): read it again before writing."""


class Forwarded(Connection):
    """Where an update forwarded by another process came from, as the writer's room sees it:
    the person (for attribution), and no socket of this process (every local client gets it)."""

    def push(self, message: bytes, update: bytes | None = None) -> None:
        pass

    def close_soon(self, code: int, reason: str) -> None:
        pass


class SharedRooms:
    """The cross-process part of :class:`~server.collab.manager.RoomManager` (a mixin)."""

    app: Sozialkonferenz
    rooms: dict[UUID, Room]
    bus: Bus | None
    metrics: Any
    limits: Any
    _store_lock: asyncio.Lock
    _pending: list[tuple[Room, Connection, bytes]]
    _received: list[float]
    _wakeup: asyncio.Event
    is_writer: bool = False  # this process holds the live writer's lease
    _writer_lease: Callable[[], bool] | None = None
    _writes: Any = None  # the subscription to WRITES
    _stored_elsewhere: Any = None  # the subscription to UPDATES
    _outgoing: list[dict[str, Any]]  # stored updates of the batch being committed, per room, for the others
    _inbox: dict[UUID, list[tuple[list[Any], str]]]  # forwarded batches for rooms being loaded

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
        asyncio.get_running_loop().create_task(self._hello(room, room.subscription))

    async def _hello(self, room: Room, subscription: Any) -> None:
        """Once subscribed, ask the others for their presence (they answer on the room's channel)."""
        assert self.bus is not None
        if await self.bus.subscribed(channel(room.measure_id)) and room.subscription is subscription:
            self.bus.publish(channel(room.measure_id), "hello", b"")

    def _unshare(self, room: Room) -> None:
        subscription, room.subscription = room.subscription, None
        if subscription is not None:
            subscription.close()

    def _publish_updates(self, room: Room, first: int, last: int, updates: list[bytes]) -> None:
        """Queue a room's stored updates for the others (:meth:`_flush_updates` sends a batch's together)."""
        if self.bus is not None and updates:
            encoded = [store.b64(u) for u in updates]
            self._outgoing.append({"measure": str(room.measure_id), "first": first, "last": last, "updates": encoded})

    def _flush_updates(self) -> None:
        """One message for all rooms of a stored batch (``UPDATES``), not one per room."""
        outgoing, self._outgoing = self._outgoing, []
        if self.bus is not None and outgoing:
            self.bus.publish(UPDATES, "updates", {"rooms": outgoing})

    async def _on_stored_elsewhere(self, message: Any) -> None:
        """Another process stored a batch: each room loaded here takes its part."""
        for data in message.json()["rooms"]:
            room = self.rooms.get(UUID(data["measure"]))
            if room is None or room.failed:
                continue
            try:
                self._remote_updates(room, data)
            except Exception:
                log.exception("Gespeichertes eines anderen Prozesses für Raum %s nicht verarbeitet", room.measure_id)
                self._catch_up_soon(room.measure_id)

    def _publish_presence(self, room: Room, message: bytes | None) -> None:
        """``message`` is an awareness message (as sent to clients); the others pass it on to theirs."""
        if self.bus is not None and message is not None:
            self.bus.publish(channel(room.measure_id), "presence", message)

    def _publish(self, room: Room, kind: str) -> None:
        if self.bus is not None:
            self.bus.publish(channel(room.measure_id), kind, b"")

    # --- one writer: forwarding to it, and what it takes -------------------------

    async def share_writes(self, lease: Callable[[], bool]) -> None:
        """Take part in the live writer's lease (server.cluster), and take forwarded batches while holding it."""
        assert self.bus is not None
        self._writer_lease = lease
        self._writes = self.bus.subscribe(WRITES, self._on_forwarded)
        self._stored_elsewhere = self.bus.subscribe(UPDATES, self._on_stored_elsewhere)
        await self._check_writer()

    def unshare_writes(self) -> None:
        subscriptions = (self._writes, self._stored_elsewhere)
        self._writes, self._stored_elsewhere, self._writer_lease = None, None, None
        self.is_writer = False
        for subscription in subscriptions:
            if subscription is not None:
                subscription.close()

    async def _check_writer(self) -> None:
        lease = self._writer_lease
        if lease is None:
            return
        held = await run_sync(lease)
        if held != self.is_writer:
            log.info("Live-Schreibrecht %s", "übernommen" if held else "abgegeben")
        self.is_writer = held
        self.metrics.live_writer.set(1 if held else 0)

    def _forwarding(self) -> bool:
        """Whether this process hands its batches to the live writer (another process, reachable)."""
        bus = self.bus
        return bus is not None and self._writer_lease is not None and not self.is_writer and bus.connected.is_set()

    def _forward(self, by_room: dict[Room, list[tuple[Connection, bytes]]]) -> None:
        """Hand a batch to the live writer; each room sends its updates on once they show up stored."""
        assert self.bus is not None
        now = time.monotonic()
        rooms = {}
        for room, items in by_room.items():
            if not room.forwarded:
                room.forwarded_at = now
            room.forwarded.extend(items)
            rooms[str(room.measure_id)] = [[str(c.person_id), store.b64(u)] for c, u in items]
        self.bus.publish(WRITES, "write", {"rooms": rooms})
        self.metrics.updates_forwarded.inc(sum(len(items) for items in by_room.values()))

    def _writes_here(self, room: Room, now: float) -> bool:
        """A room this process writes itself although another holds the lease (see ``Limits.forward_seconds``)."""
        return room.failed or room.write_here_until > now

    async def _on_forwarded(self, message: Any) -> None:
        """The live writer takes another process's batch: into its rooms, stored with its own."""
        if not self.is_writer or time.time() - message.sent_at > self.limits.stale_forward_seconds:
            return  # not ours to write, or so late that its sender stored it itself long ago
        for key, items in message.json()["rooms"].items():
            measure_id = UUID(key)
            room = self.rooms.get(measure_id)
            if room is not None and measure_id not in self._inbox:
                self._take_forwarded(room, items, message.sender)
                continue
            waiting = self._inbox.setdefault(measure_id, [])
            waiting.append((items, message.sender))
            if len(waiting) == 1:  # the room is loaded once; what arrives meanwhile waits in order
                asyncio.get_running_loop().create_task(self._load_for_forwarded(measure_id))

    async def _load_for_forwarded(self, measure_id: UUID, read_up: Room | None = None) -> None:
        """Load the room (or read ``read_up`` up from the store), then take what waited for it, in order."""
        room = read_up
        try:
            if read_up is not None:
                await self._catch_up(read_up)
            else:
                room = await self.room(measure_id)  # type: ignore[attr-defined]  # RoomManager's
        except Exception as error:
            log.warning("Raum %s für weitergeleitete Aktualisierungen nicht geladen: %s", measure_id, error)
            room = None
        may_read_up = read_up is None  # once read up, what still lacks something is refused
        while self._inbox.get(measure_id):
            items, sender = self._inbox[measure_id].pop(0)
            if room is None or room.failed:
                self._refuse_forwarded(measure_id, sender)
            elif not self._take_forwarded(room, items, sender, may_read_up) and may_read_up:
                return  # sent to the store first: what still waits is taken afterwards
        self._inbox.pop(measure_id, None)

    def _refuse_forwarded(self, measure_id: UUID, sender: str) -> None:
        """The sender's room holds updates that will not be stored: it starts afresh."""
        if self.bus is not None:
            self.bus.publish(channel(measure_id), "refused", {"process": sender})

    def _take_forwarded(self, room: Room, items: list[Any], sender: str, may_read_up: bool = True) -> bool:
        """Apply another process's checked updates to the room and queue them for storing.

        Refused while the room is read-only, failed or about to be frozen (the sender's room
        starts afresh; its clients resync and find the proposal as decided). An update that
        builds on what this document lacks (the sender stored some of its updates itself,
        and their message is still on its way) sends the room to the store first: the rest
        waits, with what arrives meanwhile (returns False); after that, it is refused.
        """
        frozen_elsewhere = room.freezing_elsewhere > time.monotonic()
        if room.failed or room.read_only or room.freezing or room.marker_frozen or frozen_elsewhere:
            self._refuse_forwarded(room.measure_id, sender)
            return True
        now = time.monotonic()
        room.empty_since = now  # a room only others type in stays loaded here while they do
        room.measured_longest = None
        taken = True
        for index, item in enumerate(items):
            try:  # read whole before anything is applied: a malformed item must not leave the room half-changed
                person, encoded = item
                author, update = Forwarded(UUID(person), self.limits), store.unb64(encoded)
            except (TypeError, ValueError) as error:
                log.warning("Weitergeleitete Aktualisierung für %s unlesbar: %s", room.measure_id, error)
                self._refuse_forwarded(room.measure_id, sender)
                break
            try:
                summary = check_update(update, room.state, PROPOSAL_FIELDS)
            except MissingDependencies:
                if may_read_up:
                    self._inbox.setdefault(room.measure_id, []).insert(0, (items[index:], sender))
                    asyncio.get_running_loop().create_task(self._load_for_forwarded(room.measure_id, room))
                else:
                    log.warning("Weitergeleitete Aktualisierung für %s baut auf Fehlendem auf", room.measure_id)
                    self._refuse_forwarded(room.measure_id, sender)
                taken = False
                break
            except InvalidUpdate as error:  # checked by the sender: not for this document
                log.warning("Weitergeleitete Aktualisierung für %s ungültig: %s", room.measure_id, error)
                self._refuse_forwarded(room.measure_id, sender)
                break
            try:
                room.doc.apply_update(update)
            except BaseException as error:  # the document may hold part of it now
                if not crdt_failure(error):
                    raise
                self._refuse_forwarded(room.measure_id, sender)
                self.reset_room(room, f"weitergeleitete Aktualisierung nicht anwendbar ({error})")
                break
            advance(room.state, summary)
            room.unstored.append(update)
            room.document_bytes += len(update)
            room.bytes_since_checkpoint += len(update)
            room.in_flight += 1
            room.drained.clear()
            self._pending.append((room, author, update))
            self._received.append(time.perf_counter())
        self._wakeup.set()
        return taken

    def _own_forwarded(self, room: Room, updates: list[bytes]) -> tuple[list[bytes], list[tuple[Connection, bytes]]]:
        """Split stored updates into the others' and this process's forwarded ones (now shown stored)."""
        if not room.forwarded:
            return updates, []
        others, own = [], []
        for update in updates:
            for index, item in enumerate(room.forwarded):
                if item[1] == update:
                    own.append(item)
                    del room.forwarded[index]
                    break
            else:
                others.append(update)
        if own:
            room.forwarded_at = time.monotonic()
        return others, own

    def _forward_stored(self, room: Room, own: list[tuple[Connection, bytes]]) -> None:
        if own:
            self._committed(room, len(own))
            self._send_on(room, own)

    async def _forward_overdue(self) -> None:
        """Batches not shown stored in time: read the store, then write what is still missing here."""
        now, limit = time.monotonic(), self.limits.forward_seconds
        for room in [r for r in self.rooms.values() if r.forwarded and now - r.forwarded_at > limit]:
            await self._catch_up(room)
            if room.forwarded and not room.failed:
                self.metrics.forward_timeouts.inc()
                log.warning("Weitergeleitetes für %s nicht bestätigt: hier gespeichert", room.measure_id)
                room.write_here_until = time.monotonic() + self.limits.write_here_seconds
                self._write_forwarded_here(room)

    def _write_forwarded_here(self, room: Room) -> None:
        """The room's forwarded updates not shown stored: queued first, so they are stored before what followed."""
        items, room.forwarded = list(room.forwarded), type(room.forwarded)()
        if items:
            self._pending[:0] = [(room, connection, update) for connection, update in items]
            self._received[:0] = [time.perf_counter()] * len(items)
            self._wakeup.set()

    def _committed(self, room: Room, count: int) -> None: ...  # RoomManager's

    def _send_on(self, room: Room, items: list[tuple[Connection, bytes]]) -> None: ...  # RoomManager's

    # --- what the others send --------------------------------------------------

    async def _on_remote(self, measure_id: UUID, message: Any) -> None:
        room = self.rooms.get(measure_id)
        if room is None or room.failed:
            return
        try:
            if message.kind == "presence":
                self._remote_presence(room, message.payload)
            elif message.kind == "hello":
                self._publish_presence(room, room.local_presence())
            elif message.kind == "freezing":  # a decision is taken elsewhere: take nothing meanwhile
                room.freezing_elsewhere = time.monotonic() + FREEZING_SECONDS
            elif message.kind in ("frozen", "reopened"):  # a marker is stored: read it
                await self._catch_up(room)
            elif message.kind == "refused" and self._refused_here(message):  # our forwarded ones are not stored
                self.reset_room(room, "weitergeleitete Aktualisierungen nicht gespeichert", stored=False)
        except Exception:
            log.exception("Nachricht eines anderen Prozesses für Raum %s nicht verarbeitet", measure_id)
            self._catch_up_soon(measure_id)

    def _refused_here(self, message: Any) -> bool:
        return self.bus is not None and message.json().get("process") == self.bus.process_id

    def _remote_updates(self, room: Room, data: dict[str, Any]) -> None:
        first, last = int(data["first"]), int(data["last"])
        if not data["updates"] or not first <= last <= first + 1:
            # Not a batch of ours (it always brings updates, in one event, after a checkpoint at most): counting
            # its versions as read would make the room ignore the real batches stored under them. The store says.
            log.warning("Unstimmige Ankündigung gespeicherter Versionen %s-%s für %s", first, last, room.measure_id)
            self._catch_up_soon(room.measure_id)
            return
        if last <= room.known_version:
            return  # read from the store already
        if first != room.known_version + 1:
            self._catch_up_soon(room.measure_id)  # something was missed: the store has it
            return
        updates, own = self._own_forwarded(room, [store.unb64(u) for u in data["updates"]])
        if self._apply_stored(room, updates):
            room.known_version = last
        else:  # our document lacks something these build on: read from the store instead
            self._catch_up_soon(room.measure_id)
        self._forward_stored(room, own)

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
        updates, own = self._own_forwarded(room, updates)
        if not self._apply_stored(room, updates):  # the store has what this room cannot take: never diverge silently
            self.reset_room(room, "gespeicherte Aktualisierungen hier nicht anwendbar")
            return
        self._forward_stored(room, own)
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
        updates, own = self._own_forwarded(room, updates)
        if updates and not self._apply_stored(room, updates):
            self.reset_room(room, "Aktualisierungen anderer Prozesse nicht anwendbar")
            return
        self._forward_stored(room, own)

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
