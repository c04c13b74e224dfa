"""The rooms of one server process: loading, the update path with group commit, unloading.

An update is checked against the proposal's shape and the room's document
(:mod:`server.collab.updates`), applied to the document, queued, and written to
the event store together with everything else that queued up while the previous
write ran or since it started, within ``Limits.commit_interval`` (group commit with
pacing: after a quiet spell at once). One that does not fit or cannot be applied
is refused and never stored. Only after the commit is it sent to the other
clients: nothing is broadcast that is not durably stored, and a joining
client's sync answer waits until the room holds only stored state.

Failures stay in their room: a room whose handling fails is reset (its
connections are closed with 1012 and reconnect to a freshly loaded room), and
the persistence loop is supervised: it logs and goes on, and reports when it
is not running (``/api/health``, ``sk_collab_persistence_running``).
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager, suppress
from typing import Any, Protocol
from uuid import UUID

from anyio.to_thread import run_sync

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.errors import DomainError, NotFound
from domain.measure import Measure
from domain.texts import PROPOSAL_FIELDS
from server.collab import protocol, store
from server.collab.metrics import CollabMetrics
from server.collab.room import (
    CLOSE_FORBIDDEN,
    CLOSE_ROOM_RESET,
    CLOSE_UNAUTHENTICATED,
    Connection,
    Limits,
    Room,
)
from server.collab.sharing import SharedRooms, StaleRoom, is_conflict
from server.collab.updates import (
    DocState,
    InvalidUpdate,
    MissingDependencies,
    advance,
    check_update,
    crdt_failure,
    decode_state_vector,
)
from server.collab.writer import SqliteWriter

log = logging.getLogger("sozialkonferenz.collab")

READ_ONLY = (
    "Dieser Vorschlag ist eingefroren (beschlossen oder Konferenz geschlossen); Änderungen werden nicht übernommen."
)
SWITCH_INTERVAL = 0.0005
MAX_PRESENCE_CLIENTS = 8  # client ids one connection may announce presence for (a y-websocket provider has one)
WRITE_ATTEMPTS = 200  # lost races for a stream version in a row before a room's write gives up
VERSION_CHECK_SECONDS = 2.0  # with other processes: how often loaded rooms compare their version with the store
WRITER_CHECK_SECONDS = 0.5  # with other processes: how often the writer's lease and late forwarded batches are checked
SNAPSHOT_EVERY = 100  # events of a document stream between snapshots of its counters
FREEZING = "Der Vorschlag wird gerade beschlossen; Änderungen werden nicht übernommen."


READ_ONLY_ACCESS = "Nur Lesezugriff: Diesen Vorschlag bearbeiten nur die Mitglieder seiner Arbeitsgruppe."
READ_ALONG = "Nur Lesen: Diese Verbindung wurde zum Mitlesen geöffnet; Änderungen werden nicht übernommen."
FORBIDDEN = "Keine Berechtigung mehr, diesen Vorschlag zu öffnen."
CREDENTIAL_ENDED = "Anmeldung abgelaufen, beendet oder API-Schlüssel widerrufen; bitte neu anmelden."


def stamped(entry: protocol.AwarenessEntry, name: str) -> protocol.AwarenessEntry:
    """The presence as others see it: the name is the signed-in person's, whatever the client said."""
    if not name or protocol.state_is_null(entry):
        return entry
    state = json.loads(entry.state)
    if not isinstance(state, dict):
        return entry
    user = state.get("user")
    if isinstance(user, dict) and user.get("name") == name:
        return entry  # as sent, byte for byte
    state["user"] = {**(user if isinstance(user, dict) else {}), "name": name}
    text = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    return protocol.AwarenessEntry(entry.client_id, entry.clock, text)


class NotEditable(Exception):
    """The measure's proposal can no longer be edited."""


class TooManyConnections(Exception):
    """The person has the configured number of live connections open already."""


class TooLarge(Exception):
    """An update would make a field or the proposal larger than its limit; the message says which (German)."""


class AccessPolicy(Protocol):
    def live_access(self, person_id: UUID, measure_id: UUID) -> str | None: ...


def _live_access(policy: AccessPolicy, person_id: UUID, measure_id: UUID) -> str | None:
    try:
        return policy.live_access(person_id, measure_id)
    except DomainError:
        return None


class RoomManager(SharedRooms):
    def __init__(
        self, app: Sozialkonferenz, limits: Limits | None = None, metrics: CollabMetrics | None = None
    ) -> None:
        self.app = app
        self.limits = limits or Limits()
        self.metrics = metrics or CollabMetrics()
        self.rooms: dict[UUID, Room] = {}
        # Per measure: held while its room loads, while its catalogue text is synced, and while a
        # decision freezes it (so none of these overlap).
        self._loading: dict[UUID, asyncio.Lock] = {}
        self._pending: list[tuple[Room, Connection, bytes]] = []
        self._draining: dict[UUID, Room] = {}  # reset rooms whose accepted updates are still being stored
        self._received: list[float] = []  # when each pending update arrived (for the relay metric)
        self._wakeup = asyncio.Event()
        self._commit_started = 0.0  # monotonic time when the last group commit started (commit pacing)
        self._tasks: list[asyncio.Task[None]] = []
        self.per_person: dict[tuple[UUID, bool], int] = {}  # (person, opened to read along): open connections
        self.loop: asyncio.AbstractEventLoop | None = None
        self.access_epoch = 0  # counts refresh_access calls (see recheck_connection)
        # Which of the given credential keys are still valid (AccountStore.still_valid); set by the app.
        self.credentials_valid: Callable[[set[str]], set[str]] | None = None
        self._credentials_checked = time.monotonic()
        self._versions_checked = time.monotonic()
        # SQLite file: plain sqlite3 calls on a connection of its own commit the batches.
        self._writer = SqliteWriter.for_application(app)
        self.bus = None  # the broker, when processes share the rooms (set by server.cluster)
        self.connection_counter: Any = None  # the cluster's count of each person's connections (server.cluster)
        self._store_lock = asyncio.Lock()  # writes and catch-ups of the document streams, one at a time
        self._inbox: dict[UUID, list[tuple[list[Any], str]]] = {}  # forwarded batches for rooms being loaded
        self._outgoing: list[dict[str, Any]] = []  # the batch's stored updates, for the other processes
        self._writer_checked = time.monotonic()

    async def start(self) -> None:
        # The store is written from a worker thread while the event loop is busy relaying: a short
        # GIL switch interval (default 5 ms) keeps the commit from waiting on the loop.
        sys.setswitchinterval(SWITCH_INTERVAL)
        # What exists after start-up lives as long as the process: keep it out of the collector's
        # full passes, which otherwise pause every room for tens of milliseconds.
        gc.collect()
        gc.freeze()
        self.loop = asyncio.get_running_loop()
        self._tasks = [asyncio.create_task(self._persist_forever()), asyncio.create_task(self._housekeeping())]
        self.metrics.persistence_running.set_function(lambda: 1.0 if self.persistence_running() else 0.0)

    def persistence_running(self) -> bool:
        """Whether the loop that stores live updates is alive (the server is unhealthy without it)."""
        return bool(self._tasks) and not self._tasks[0].done()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with suppress(asyncio.CancelledError):
                await task
        if self._writer is not None:
            await run_sync(self._writer.close)
        for room in list(self.rooms.values()):  # live text the debounce still held back from the catalogue
            if room.catalogue_due is not None:
                try:
                    await self._sync_catalogue(room)
                except Exception:
                    log.exception("Katalogtext für %s beim Beenden nicht übernommen", room.measure_id)

    # --- joining and leaving ---------------------------------------------------

    async def room(self, measure_id: UUID) -> Room:
        room = self.rooms.get(measure_id)
        if room is not None:
            return room
        try:
            async with self._lock(measure_id):
                room = self.rooms.get(measure_id)
                if room is None:
                    draining = self._draining.get(measure_id)
                    if draining is not None:  # a reset room's last accepted updates are stored first
                        await draining.drained.wait()
                    loaded = await run_sync(store.load, self.app, measure_id)
                    room = Room(measure_id, loaded.doc, loaded.aggregate)
                    room.state = DocState(decode_state_vector(loaded.doc.get_state()))
                    room.state.fields = loaded.fields
                    room.document_bytes = len(loaded.doc.get_update())
                    room.known_version = loaded.aggregate.version
                    room.marker_frozen = loaded.aggregate.frozen
                    editable = loaded.measure.is_editable and not loaded.aggregate.frozen
                    room.read_only = None if editable else READ_ONLY
                    # The catalogue may lack the last live edits (a server that stopped before syncing them).
                    room.synced_fields = {field: loaded.measure.fields.get(field, "") for field in PROPOSAL_FIELDS}
                    if room.synced_fields != store.text_of(loaded.doc):
                        room.catalogue_due = time.monotonic() + self.limits.catalogue_debounce
                    self.rooms[measure_id] = room
                    self.metrics.rooms.set(len(self.rooms))
                    self._share(room)
        finally:
            self._forget_lock(measure_id)  # an unknown measure's or a failed load's; a loaded room keeps it
        return room

    def _lock(self, measure_id: UUID) -> asyncio.Lock:
        return self._loading.setdefault(measure_id, asyncio.Lock())

    def _forget_lock(self, measure_id: UUID) -> None:
        """Drop a measure's lock once its room is not loaded and nobody holds or awaits it.

        Without this, every measure ever opened or frozen would keep a lock for the life of the
        process. A lock released a moment ago may still have a waiter about to take it (it is then
        not locked, but its waiter list is not empty): that one is kept, or two coroutines would
        hold different locks for one measure.
        """
        lock = self._loading.get(measure_id)
        if lock is None or measure_id in self.rooms or lock.locked() or getattr(lock, "_waiters", None):
            return
        del self._loading[measure_id]

    async def join(self, measure_id: UUID, connection: Connection) -> Room:
        """Raises NotFound for an unknown measure, NotEditable for a frozen proposal."""
        room = await self.room(measure_id)
        if room.read_only:
            await self.recheck([measure_id])  # returned to the group in the meantime?
        if room.read_only:
            raise NotEditable(room.read_only)
        key = (connection.person_id, connection.reading_by_request)
        limit = (
            self.limits.max_read_connections_per_person
            if connection.reading_by_request
            else self.limits.max_connections_per_person
        )
        kind = "Mitlese-Verbindungen" if connection.reading_by_request else "Verbindungen"
        too_many = TooManyConnections(f"Zu viele gleichzeitige {kind} (höchstens {limit} je Person).")
        if self.per_person.get(key, 0) >= limit:
            raise too_many
        if self.connection_counter is not None:  # all processes together
            if not await self._count_in_cluster(connection, limit):
                raise too_many
            if room.failed:  # reset while we waited
                room = await self.room(measure_id)
        self.per_person[key] = self.per_person.get(key, 0) + 1
        room.connections.add(connection)
        self.metrics.connections.inc()
        connection.push(protocol.sync_step1(room.doc.get_state()))
        presence = room.awareness_message()
        if presence is not None:
            connection.push(presence)
        return room

    async def _count_in_cluster(self, connection: Connection, limit: int) -> bool:
        """Take one of the person's connections in the cluster's count; False when the limit is reached.

        Without the broker for a moment, the count of this process alone decides (logged).
        """
        assert self.connection_counter is not None
        key = f"{connection.person_id}:{'read' if connection.reading_by_request else 'edit'}"
        try:
            taken = bool(await self.connection_counter.acquire(key, limit))
        except Exception as error:
            log.warning("Verbindungszählung im Verbund nicht erreichbar (%s); gezählt wird hier", error)
            return True
        if taken:
            connection.cluster_key = key
        return taken

    def leave(self, room: Room, connection: Connection) -> None:
        if connection.cluster_key and self.connection_counter is not None and self.loop is not None:
            counter, key, connection.cluster_key = self.connection_counter, connection.cluster_key, ""
            self.loop.create_task(self._release_count(counter, key))
        if connection not in room.connections:
            return
        room.connections.discard(connection)
        self.metrics.connections.dec()
        key = (connection.person_id, connection.reading_by_request)
        left = self.per_person.get(key, 1) - 1
        if left > 0:
            self.per_person[key] = left
        else:
            self.per_person.pop(key, None)
        room.waiting_sync = [(c, v) for c, v in room.waiting_sync if c is not connection]
        gone = room.forget_awareness(connection)
        if gone is not None:
            room.broadcast(gone, connection)
            self._publish_presence(room, gone)
        if not room.connections:
            room.empty_since = time.monotonic()

    # --- messages --------------------------------------------------------------

    def handle(self, room: Room, connection: Connection, frame: bytes) -> None:
        """Dispatch one frame; raises ProtocolError for anything malformed."""
        message = protocol.parse(frame)
        if message.kind == protocol.SYNC:
            if message.subtype == protocol.STEP1:
                try:
                    decode_state_vector(message.payload)
                    answer = room.doc.get_update(message.payload) if not room.unstored else None
                except (ValueError, InvalidUpdate):  # not a state vector
                    raise protocol.ProtocolError("fehlerhafter Yjs-Zustandsvektor") from None
                if answer is None:  # the document holds updates not yet stored: answer once they are
                    room.waiting_sync.append((connection, message.payload))
                else:
                    connection.push(protocol.sync_step2(answer))
            else:
                self._receive_update(room, connection, message.payload)
        elif message.kind == protocol.AWARENESS:
            if room.is_echo(message.payload):  # what the room sent, coming back: nothing newer in it
                return
            # Clients re-send every awareness change they receive; pass on only what is new (a higher
            # clock, or a removal), to everyone including the sender: its own renewal every 15 s is
            # what keeps a lone editor's connection alive in y-websocket. Echoes are dropped unread.
            # Presence for a client id another person's connection speaks for is dropped as well.
            fresh = [
                e
                for e in protocol.parse_awareness(message.payload, validate=False)
                if room.is_newer(e) and room.may_speak_for(connection, e.client_id)
            ]
            if fresh:
                protocol.check_states(fresh)
                claimed = connection.awareness_clients | {e.client_id for e in fresh}
                if len(claimed) > MAX_PRESENCE_CLIENTS:
                    raise protocol.ProtocolError(
                        f"Anwesenheit für zu viele Clients (höchstens {MAX_PRESENCE_CLIENTS} je Verbindung)"
                    )
                fresh = [stamped(entry, connection.display_name) for entry in fresh]
                for entry in fresh:
                    room.record_awareness(entry)
                    room.claims[entry.client_id] = connection
                    connection.awareness_clients.add(entry.client_id)
                    room.presence_due.add(entry.client_id)
                self._schedule_presence(room)
                if self.bus is not None:
                    self._publish_presence(room, protocol.awareness(protocol.encode_awareness(fresh)))
        elif message.kind == protocol.QUERY_AWARENESS:
            presence = room.awareness_message()
            if presence is not None:
                connection.push(presence)
        # AUTH messages from a client carry nothing for the server.

    def _check_size(self, room: Room, update: bytes, by_field: dict[str, int], unattributed: int) -> None:
        """Refuse an update that would make a field or the whole proposal larger than allowed.

        Text inserted next to existing characters cannot be placed in its field without
        applying it, so it counts against the largest field (errs on the side of refusing
        near the limit only).

        The fields' lengths are asked of the document (a transaction in the CRDT library
        each, eleven per update: a fifth of the relay's CPU) only when an upper bound of the
        longest would let the update pass the limit: the longest field as last measured plus
        everything inserted since (:attr:`Room.measured_longest`, :attr:`Room.inserted_since`).
        """
        limits = self.limits
        if room.document_bytes + len(update) > limits.max_document_bytes:
            self.metrics.updates_invalid.inc()
            raise TooLarge(f"Vorschlag zu groß (höchstens {limits.max_document_bytes} Bytes gespeicherter Zustand).")
        if not by_field and not unattributed:
            return
        limit = limits.max_field_bytes
        inserted = unattributed + sum(by_field.values()) if by_field else unattributed
        longest = room.measured_longest
        if longest is not None and longest + room.inserted_since + inserted <= limit:
            return
        lengths = [room.field_bytes(name) for name in PROPOSAL_FIELDS]
        room.measured_longest, room.inserted_since = max(lengths), 0
        for name, length in zip(PROPOSAL_FIELDS, lengths, strict=True):
            if length + by_field.get(name, 0) + unattributed > limit:
                self.metrics.updates_invalid.inc()
                raise TooLarge(f"Textfeld zu lang (höchstens {limits.max_field_bytes} Bytes je Feld).")

    def _schedule_presence(self, room: Room) -> None:
        """Send a room's presence changes together, at most ``presence_flush_seconds`` later.

        Every presence message a client receives comes back from it as an echo; when a room's
        clients renew their presence together (every 15 s) or move their cursors, one message
        for all changes instead of one each saves the server and every client most of the work.
        """
        if room.presence_flush is None:
            loop = self.loop or asyncio.get_running_loop()
            room.presence_flush = loop.call_later(self.limits.presence_flush_seconds, self._flush_presence, room)

    def _flush_presence(self, room: Room) -> None:
        message = room.take_presence_due()
        if message is not None:
            room.broadcast(message, None)

    def _receive_update(self, room: Room, connection: Connection, update: bytes) -> None:
        """Check, apply and queue one update; raises ProtocolError or TooLarge for the sender alone."""
        if update == b"\x00\x00":  # an empty update (nothing new in a sync step 2)
            return
        if room.failed:
            return
        frozen_elsewhere = room.freezing_elsewhere > 0 and room.freezing_elsewhere > time.monotonic()
        refusal = room.read_only or connection.read_only or (FREEZING if room.freezing or frozen_elsewhere else None)
        try:
            summary = check_update(update, room.state, PROPOSAL_FIELDS, live=True)
        except MissingDependencies:
            # Builds on the sender's own refused edits or on what it has not sent yet (a client
            # that was read-only a moment ago): not stored; a sync request brings the rest.
            self.metrics.updates_refused.inc()
            if refusal:
                connection.push(protocol.permission_denied(refusal))
            else:
                connection.push(protocol.sync_step1(room.doc.get_state()))
            return
        except InvalidUpdate as error:
            self.metrics.updates_invalid.inc()
            raise protocol.ProtocolError(f"ungültige Yjs-Aktualisierung: {error}") from None
        if refusal:
            connection.push(protocol.permission_denied(refusal))
            self.metrics.updates_refused.inc()
            return
        self._check_size(room, update, summary.by_field, summary.unattributed_bytes)
        try:
            room.doc.apply_update(update)
        except BaseException as error:  # passed the check but not yrs: the document may hold part of it now
            if not crdt_failure(error):
                raise
            self.metrics.updates_invalid.inc()
            self.reset_room(room, f"Aktualisierung nicht anwendbar ({error})")
            raise protocol.ProtocolError("Yjs-Aktualisierung nicht anwendbar") from None
        advance(room.state, summary)
        room.inserted_since += summary.inserted_bytes
        room.unstored.append(update)
        room.document_bytes += len(update)
        room.bytes_since_checkpoint += len(update)
        self.metrics.updates_received.inc()
        room.in_flight += 1
        room.drained.clear()
        self._pending.append((room, connection, update))
        self._received.append(time.perf_counter())
        self._wakeup.set()

    # --- group commit ----------------------------------------------------------

    async def _persist_forever(self) -> None:
        """Store what queues up, batch by batch; supervised: a failure is logged and the loop goes on."""
        while True:
            try:
                await self._persist_pending()
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug outside any one batch: say so at once, then carry on
                log.exception("Speicherschleife der Live-Räume unterbrochen; sie läuft weiter")
                self.metrics.persistence_restarts.inc()
                await asyncio.sleep(0.05)

    async def _persist_pending(self) -> None:
        interval = self.limits.commit_interval
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            while self._pending:
                # Commit pacing (like PostgreSQL's commit_delay): a commit starts at the earliest
                # ``commit_interval`` after the previous one started. An update after a quiet spell is
                # committed at once; while updates come faster, those of the interval share one commit,
                # one sync to disk and one write to each client (each commit cost about 0.2 ms of CPU,
                # half of it the sync, and the sends as much again).
                pause = self._commit_started + interval - time.monotonic()
                if pause > 0 and not self._forwarding():  # handing batches to the live writer costs no commit
                    await asyncio.sleep(pause)
                self._commit_started = time.monotonic()
                batch, self._pending = self._pending, []
                received, self._received = self._received, []
                try:
                    await self._persist(batch)
                except asyncio.CancelledError:
                    raise
                except Exception:  # outside the write itself: the rooms of this batch start afresh
                    log.exception("Aktualisierungen von %d Räumen nicht verarbeitet", len({r for r, _, _ in batch}))
                    for room in {r for r, _, _ in batch}:
                        self.reset_room(room, "interner Fehler beim Speichern", stored=False)
                relayed = time.perf_counter()
                for arrival in received:  # stored and sent on (or discarded): the server's share of the latency
                    self.metrics.relay_seconds.observe(relayed - arrival)

    async def _persist(self, batch: list[tuple[Room, Connection, bytes]]) -> None:
        by_room: dict[Room, list[tuple[Connection, bytes]]] = {}
        for room, connection, update in batch:
            by_room.setdefault(room, []).append((connection, update))
        forwarding, now = self._forwarding(), time.monotonic()
        for room, items in by_room.items():  # written here: what was forwarded and not shown stored comes first
            if room.forwarded and (not forwarding or self._writes_here(room, now)):
                taken, room.forwarded = list(room.forwarded), type(room.forwarded)()
                by_room[room] = taken + items
        if forwarding:  # another process stores: hand it what this one need not write itself
            forwarded = {room: items for room, items in by_room.items() if not self._writes_here(room, now)}
            if forwarded:
                self._forward(forwarded)
                by_room = {room: items for room, items in by_room.items() if room not in forwarded}
                if not by_room:
                    return
        # A checkpoint holds the document as it is: only where nothing beyond this batch was applied to it.
        checkpoints = {
            room: (store.b64(room.doc.get_update()), store.b64(room.doc.get_state()))
            for room, items in by_room.items()
            if len(room.unstored) == len(items)
            and not room.failed
            and (
                room.aggregate.updates_since_checkpoint >= self.limits.checkpoint_every
                or room.bytes_since_checkpoint >= self.limits.checkpoint_bytes
            )
        }
        started = time.perf_counter()
        async with self._store_lock:
            try:
                if self._writer is not None:
                    await self._writer.append(*self._stored(by_room, checkpoints))
                else:  # PostgreSQL commits cross the network: from a worker thread
                    by_room = await self._write_shared(by_room, checkpoints)
            except Exception as error:  # nothing was stored: the clients resync after reconnecting
                log.exception("Speichern von %d Aktualisierungen fehlgeschlagen", len(batch))
                for room in by_room:
                    self.reset_room(room, f"Speichern fehlgeschlagen ({error.__class__.__name__})", stored=False)
                return
            self.metrics.batch_seconds.observe(time.perf_counter() - started)
            self.metrics.batch_size.observe(len(batch))
            # The other processes first (one message, written at once): they send to their clients
            # while this one writes to its own.
            for room, items in by_room.items():
                self._publish_updates(room, room.first_new_version, room.aggregate.version, [u for _, u in items])
            self._flush_updates()
            for room, items in by_room.items():
                try:
                    self._commit(room, items, checkpoints.get(room))
                except Exception:  # one room's trouble stays in that room
                    log.exception("Raum %s nach dem Speichern fehlerhaft", room.measure_id)
                    self._committed(room, len(items))
                    self.reset_room(room, "interner Fehler nach dem Speichern")

    async def _write_shared(
        self, by_room: dict[Room, list[tuple[Connection, bytes]]], checkpoints: dict[Room, tuple[str, str]]
    ) -> dict[Room, list[tuple[Connection, bytes]]]:
        """Write a batch through the recorder; returns the rooms whose updates are stored.

        One transaction for the whole batch. With other processes writing into the same
        streams, the versions are taken under the table's write lock, after whatever the
        others stored meanwhile (:meth:`_write_in_order`): Yjs updates commute, so there is
        no race to lose. Those updates of the others are read in the same step and applied
        here. Only a room whose stream holds a freeze marker this process has not seen is
        written on its own, after reading it up (:meth:`_write_room`).
        """
        if self.bus is None:
            await run_sync(self._write, by_room, checkpoints)
            return by_room
        if self.is_writer and all(room.aggregate.version == room.known_version for room in by_room):
            # The live writer has seen every stored update of these rooms, and the others forward theirs:
            # a plain append (no reads under the table lock) nearly always fits; if not, a version was taken
            # meanwhile (a late forwarder stored itself) and the batch goes the ordered way below.
            try:
                snapshots = await run_sync(self._append, by_room, checkpoints)
            except Exception as error:
                if not is_conflict(error):
                    raise
                self.metrics.write_retries.inc()
                await run_sync(self._rewind, by_room)
            else:
                if snapshots and self.app.snapshots is not None:
                    await run_sync(self.app.snapshots.put, snapshots)
                return by_room
        fresh, stale = await run_sync(self._write_in_order, by_room, checkpoints)
        if fresh:
            self.metrics.writes_after_others.inc(len(fresh))
        for room, events in fresh.items():
            self._apply_fresh(room, events)
        written = {room: items for room, items in by_room.items() if room not in stale}
        for room in stale:
            items = by_room[room]
            try:
                if await self._write_room(room, items, checkpoints):
                    written[room] = items
            except Exception as error:  # this room's updates are not stored: its clients resync
                log.exception("Speichern von %d Aktualisierungen für %s fehlgeschlagen", len(items), room.measure_id)
                self.reset_room(room, f"Speichern fehlgeschlagen ({error.__class__.__name__})", stored=False)
        return written

    async def _write_room(
        self, room: Room, items: list[tuple[Connection, bytes]], checkpoints: dict[Room, tuple[str, str]]
    ) -> bool:
        """Store one room's updates; a lost race for a stream version is read up and retried.

        Yjs updates commute, so after reading what another process stored first the same
        updates are written again at the next versions. A room frozen meanwhile (its stream's
        marker) refuses its updates: they are never stored (False), and the room starts afresh.
        """
        for _ in range(WRITE_ATTEMPTS):
            try:
                await run_sync(self._write, {room: items}, {room: checkpoints[room]} if room in checkpoints else {})
                return True
            except Exception as error:
                if not is_conflict(error):
                    raise
            self.metrics.write_retries.inc()
            checkpoints.pop(room, None)  # the document holds more now: the next one will do
            await self._catch_up_locked(room)
            if room.marker_frozen or room.read_only:
                for connection, _ in items:
                    connection.push(protocol.permission_denied(room.read_only or READ_ONLY))
                self.reset_room(room, "inzwischen eingefroren", stored=False)
                return False
        raise RuntimeError(f"{WRITE_ATTEMPTS} Schreibwettläufe in Folge verloren")

    def _events(
        self, by_room: dict[Room, list[tuple[Connection, bytes]]], checkpoints: dict[Room, tuple[str, str]]
    ) -> tuple[list[Any], list[Any]]:
        """The batch's new events, and the snapshots due with them.

        The documents' streams feed no view, so the application's save hooks (which wake
        the projections) are skipped; snapshots of the streams' counters are taken here,
        from the aggregates in memory (the library's take_snapshot replays the stream).
        On a failed write the caller discards these rooms, and with them the aggregates.
        """
        events: list[Any] = []
        for room, items in by_room.items():
            room.first_new_version = room.aggregate.version + 1
            if room in checkpoints:
                room.aggregate.checkpoint(SYSTEM_ACTOR, *checkpoints[room])
            room.aggregate.append([{"actor": c.person_id, "update": store.b64(u)} for c, u in items])
            events += room.aggregate.collect_events()
        snapshots = [
            self._snapshot(room.aggregate)
            for room in by_room
            if room.aggregate.version % SNAPSHOT_EVERY < (2 if room in checkpoints else 1)
        ]
        return events, snapshots if self.app.snapshots is not None else []

    def _stored(
        self, by_room: dict[Room, list[tuple[Connection, bytes]]], checkpoints: dict[Room, tuple[str, str]]
    ) -> tuple[list[Any], list[Any]]:
        """:meth:`_events` mapped to stored events (on the loop), as the SQLite writer takes them."""
        events, snapshots = self._events(by_room, checkpoints)
        to_stored = self.app.mapper.to_stored_event
        return [to_stored(e) for e in events], [to_stored(s) for s in snapshots]

    def _write(
        self, by_room: dict[Room, list[tuple[Connection, bytes]]], checkpoints: dict[Room, tuple[str, str]]
    ) -> None:
        """One transaction for the whole batch, straight into the event store; then the snapshots."""
        for room in by_room:
            if room.aggregate.version != room.known_version:  # others stored meanwhile (applied from the broker)
                room.aggregate = self.app.repository.get(room.aggregate.id)
                if room.aggregate.version > room.known_version:  # ... and more than this room has applied
                    raise StaleRoom(room.measure_id)
            if room.aggregate.frozen:
                raise StaleRoom(room.measure_id)
        events, snapshots = self._events(by_room, checkpoints)
        store.append_events(self.app, events)
        if snapshots and self.app.snapshots is not None:
            self.app.snapshots.put(snapshots)

    def _append(
        self, by_room: dict[Room, list[tuple[Connection, bytes]]], checkpoints: dict[Room, tuple[str, str]]
    ) -> list[Any]:
        """The batch's events in one transaction (a version taken meanwhile fails it); returns the snapshots due."""
        events, snapshots = self._events(by_room, checkpoints)
        store.append_events(self.app, events)
        return snapshots

    def _rewind(self, by_room: dict[Room, list[tuple[Connection, bytes]]]) -> None:
        """After a failed append: each room's aggregate as stored at the version its document reflects."""
        for room in by_room:
            room.aggregate = self.app.repository.get(room.aggregate.id, version=room.known_version)

    def _snapshot(self, aggregate: Any) -> Any:
        snapshot_class: Any = getattr(type(aggregate), "Snapshot", type(self.app).snapshot_class)
        return snapshot_class.take(aggregate)

    def _commit(self, room: Room, items: list[tuple[Connection, bytes]], checkpoint: tuple[str, str] | None) -> None:
        """The batch's updates of this room are stored: send them on, answer the syncs that waited."""
        self._committed(room, len(items))
        room.known_version = room.aggregate.version
        if checkpoint is not None:
            room.document_bytes = len(store.unb64(checkpoint[0]))
            room.bytes_since_checkpoint = 0
        if room.failed:
            return
        self._send_on(room, items)
        room.catalogue_due = time.monotonic() + self.limits.catalogue_debounce

    def _send_on(self, room: Room, items: list[tuple[Connection, bytes]]) -> None:
        """Stored updates to every client but their sender; then the sync answers that waited for them."""
        if room.failed:
            return
        sent = room.broadcast_updates([(c, protocol.sync_update(u), u) for c, u in items])
        self.metrics.updates_broadcast.inc(sent)
        room.last_actor = items[-1][0].person_id
        if room.waiting_sync and not room.unstored:
            waiting, room.waiting_sync = room.waiting_sync, []
            for connection, vector in waiting:
                connection.push(protocol.sync_step2(room.doc.get_update(vector)))

    def _committed(self, room: Room, count: int) -> None:
        for _ in range(min(count, len(room.unstored))):
            room.unstored.popleft()
        room.in_flight -= count
        if room.in_flight <= 0:
            room.in_flight = 0
            room.drained.set()
            self._draining.pop(room.measure_id, None)

    def reset_room(self, room: Room, reason: str, stored: bool = True) -> None:
        """Take a failed room out of service; its clients reconnect (1012) to a freshly loaded room.

        ``stored=False``: its queued updates are dropped too (they may build on what failed to be
        stored); otherwise those accepted before the failure are still stored. A room loaded again
        for the measure waits until they are.
        """
        self.metrics.room_failures.inc()
        log.error("Live-Raum %s zurückgesetzt: %s", room.measure_id, reason)
        room.failed = True
        room.waiting_sync.clear()
        self._unshare(room)
        if self.rooms.get(room.measure_id) is room:
            del self.rooms[room.measure_id]
            self.metrics.rooms.set(len(self.rooms))
        if stored:  # handed to the writer but not shown stored: written here (maybe twice, which Yjs ignores)
            self._write_forwarded_here(room)
        room.forwarded.clear()
        if not stored:
            dropped = sum(1 for r, _, _ in self._pending if r is room)
            if dropped:
                kept = [(i, item) for i, item in enumerate(self._pending) if item[0] is not room]
                self._received = [self._received[i] for i, _ in kept if i < len(self._received)]
                self._pending = [item for _, item in kept]
            room.unstored.clear()
            room.in_flight = 0
            room.drained.set()
        elif room.in_flight:
            self._draining[room.measure_id] = room
        for connection in list(room.connections):
            connection.close_soon(CLOSE_ROOM_RESET, f"Raum neu geladen ({reason}); bitte neu verbinden.")

    # --- after decisions -------------------------------------------------------

    @asynccontextmanager
    async def freezing(self, measure_ids: list[UUID]) -> AsyncIterator[dict[UUID, tuple[dict[str, str], str]]]:
        """Hold the rooms still, flush them, and yield each live text with its state vector.

        Until the decision is stored and the rooms are read-only, no room of these measures is
        loaded (a join waits, then finds the proposal frozen) and no catalogue sync writes to them
        (it would conflict with the decision's save).
        """
        async with AsyncExitStack() as locks:
            locks.callback(self._forget_locks, measure_ids)  # runs last, once every lock is released
            for measure_id in sorted(set(measure_ids)):  # one order for all: no deadlock between freezes
                await locks.enter_async_context(self._lock(measure_id))
            rooms = [self.rooms[m] for m in measure_ids if m in self.rooms]
            for room in rooms:
                room.freezing = True
            marked: list[UUID] = []
            try:
                for room in rooms:
                    await room.drained.wait()
                if self.bus is not None:  # other processes: the store decides which updates come before the freeze
                    for measure_id in measure_ids:
                        room_here = self.rooms.get(measure_id)
                        if room_here is None:
                            await run_sync(store.load, self.app, measure_id)  # a stream to put the marker in
                        await self._mark(measure_id, room_here, freeze=True)
                        marked.append(measure_id)
                texts = {r.measure_id: (store.text_of(r.doc), store.b64(r.doc.get_state())) for r in rooms}
                for measure_id in measure_ids:
                    if measure_id not in texts and await run_sync(store.exists, self.app, measure_id):
                        loaded = await run_sync(store.load, self.app, measure_id)
                        texts[measure_id] = (store.text_of(loaded.doc), store.b64(loaded.doc.get_state()))
                yield texts
            finally:
                try:  # read-only before updates are let through again: the decision may have frozen the text
                    await self._lift_markers(marked)
                    await self.recheck(measure_ids)
                finally:
                    for room in rooms:
                        room.freezing = False

    async def _lift_markers(self, measure_ids: list[UUID]) -> None:
        """After a freeze: a proposal that is still editable (the decision failed) gets its marker lifted."""
        for measure_id in measure_ids:
            try:
                measure = await run_sync(self.app.load, Measure, measure_id)
            except NotFound:
                continue
            if measure.is_editable:
                await self._mark(measure_id, self.rooms.get(measure_id), freeze=False)

    async def recheck(self, measure_ids: list[UUID]) -> None:
        """Bring rooms in line with their proposals: read-only once frozen, open again once returned.

        A reopened room asks its clients to sync: edits they made while it was frozen come back
        and are accepted like any other.
        """
        for measure_id in measure_ids:
            room = self.rooms.get(measure_id)
            if room is None:
                continue
            try:
                measure = await run_sync(self.app.load, Measure, measure_id)
            except NotFound:
                continue
            if measure.is_editable and room.marker_frozen and self.bus is not None:
                await self._reopen_if_stale(measure_id, True)  # a freeze whose decision never came
            editable = measure.is_editable and not room.marker_frozen
            if not editable and not room.read_only:
                room.read_only = READ_ONLY
                room.broadcast(protocol.permission_denied(READ_ONLY), None)
            elif editable and room.read_only:
                room.read_only = None
                room.broadcast(protocol.sync_step1(room.doc.get_state()), None)

    async def refresh_access(self, policy: AccessPolicy) -> None:
        """Check every open connection's access again (after a role or membership changed).

        A person who may no longer open the proposal is disconnected; one who may only read
        from now on has every further update refused; one who may edit again can.
        """
        self.access_epoch += 1  # a connection checked before this and joined after is checked again on joining
        pairs = [(room, c) for room in list(self.rooms.values()) for c in list(room.connections) if not c.closing]
        wanted = {(c.person_id, room.measure_id) for room, c in pairs}

        def decide() -> dict[tuple[UUID, UUID], str | None]:
            return {(p, m): _live_access(policy, p, m) for p, m in wanted}

        access = await run_sync(decide)
        for room, connection in pairs:
            self._apply_access(connection, access.get((connection.person_id, room.measure_id)))

    async def recheck_connection(self, room: Room, connection: Connection, policy: AccessPolicy) -> None:
        """Check one connection's access again (it joined while access was being refreshed)."""
        self._apply_access(connection, await run_sync(_live_access, policy, connection.person_id, room.measure_id))

    def _apply_access(self, connection: Connection, access: str | None) -> None:
        if access is None:
            connection.close_soon(CLOSE_FORBIDDEN, FORBIDDEN)
        elif access == "read" and connection.read_only is None:
            connection.read_only = READ_ONLY_ACCESS
            connection.push(protocol.permission_denied(READ_ONLY_ACCESS))
        elif access == "edit" and not connection.reading_by_request:
            connection.read_only = None

    def close_credential(self, credential: str, reason: str) -> None:
        """Close the connections opened with one sign-in session or API token (signed out, revoked)."""
        for room in list(self.rooms.values()):
            for connection in list(room.connections):
                if connection.credential and connection.credential == credential:
                    connection.close_soon(CLOSE_UNAUTHENTICATED, reason)

    async def _check_credentials(self) -> None:
        """Close connections whose session ended or expired or whose token was revoked meanwhile,
        also by another process (the command line) that could not close them itself."""
        if self.credentials_valid is None:
            return
        keys = {c.credential for room in self.rooms.values() for c in room.connections if c.credential}
        if not keys:
            return
        valid = await run_sync(self.credentials_valid, keys)
        for credential in keys - valid:
            self.close_credential(credential, CREDENTIAL_ENDED)

    def measures_changed(self, measure_ids: list[str]) -> None:
        """Called from the projection runner's thread with changed catalogue rows."""
        loaded = [UUID(m) for m in measure_ids if UUID(m) in self.rooms]
        if loaded and self.loop is not None:
            self.loop.call_soon_threadsafe(lambda: self.loop.create_task(self.recheck(loaded)))  # type: ignore[union-attr]

    # --- housekeeping: catalogue text, checkpoints, unloading ------------------

    async def _housekeeping(self) -> None:
        while True:
            await asyncio.sleep(0.5)
            now = time.monotonic()
            if now - self._credentials_checked >= self.limits.credential_check_seconds:
                self._credentials_checked = now
                try:
                    await self._check_credentials()
                except Exception:
                    log.exception("Prüfung der Anmeldungen offener Verbindungen fehlgeschlagen")
            if self.bus is not None and now - self._writer_checked >= WRITER_CHECK_SECONDS:
                self._writer_checked = now
                try:
                    await self._check_writer()
                    await self._forward_overdue()
                except Exception:
                    log.exception("Prüfung des speichernden Prozesses fehlgeschlagen")
            if self.bus is not None and now - self._versions_checked >= VERSION_CHECK_SECONDS:
                self._versions_checked = now
                try:
                    await self._check_versions()
                except Exception:
                    log.exception("Abgleich der Live-Räume mit dem Speicher fehlgeschlagen")
            for room in list(self.rooms.values()):
                try:
                    room.prune_awareness(self.limits.presence_forget_seconds)
                    if room.catalogue_due is not None and now >= room.catalogue_due and room.in_flight == 0:
                        await self._sync_catalogue(room)
                    if (
                        not room.connections
                        and room.in_flight == 0
                        and now - room.empty_since > self.limits.idle_seconds
                    ):
                        await self._unload(room)
                except Exception:  # one room's trouble must not stop the others' housekeeping
                    log.exception("Raumpflege für %s fehlgeschlagen", room.measure_id)

    async def _sync_catalogue(self, room: Room) -> None:
        lock = self._lock(room.measure_id)
        if lock.locked():  # a decision is freezing the text: it is still due afterwards
            return
        async with lock:
            room.catalogue_due = None
            if room.read_only:
                return
            text = store.text_of(room.doc)
            changed = {k: v for k, v in text.items() if room.synced_fields.get(k) != v}
            if not changed:
                return
            try:
                await run_sync(self.app.edit_proposal, room.last_actor or SYSTEM_ACTOR, room.measure_id, changed)
            except DomainError:
                await self.recheck([room.measure_id])
                return
            room.synced_fields = text

    async def _unload(self, room: Room) -> None:
        if self._lock(room.measure_id).locked():  # being frozen: unload later
            return
        await self._sync_catalogue(room)
        writes = self.bus is None or self.is_writer  # a checkpoint is the live writer's to store
        if writes and room.aggregate.updates_since_checkpoint > 0 and not room.read_only:
            state, vector = store.b64(room.doc.get_update()), store.b64(room.doc.get_state())
            room.aggregate.checkpoint(SYSTEM_ACTOR, state, vector)
            with suppress(DomainError):  # the checkpoint is only a shortcut; the updates are stored
                await run_sync(self.app.save, room.aggregate)
        if not room.connections and room.in_flight == 0:
            self.rooms.pop(room.measure_id, None)
            self.metrics.rooms.set(len(self.rooms))
            self._forget_lock(room.measure_id)
            self._unshare(room)

    @staticmethod
    async def _release_count(counter: Any, key: str) -> None:
        try:
            await counter.release(key)
        except Exception as error:  # the count of a process that is gone expires with it
            log.warning("Verbindung nicht aus der Zählung im Verbund genommen: %s", error)

    def _forget_locks(self, measure_ids: list[UUID]) -> None:
        for measure_id in set(measure_ids):
            self._forget_lock(measure_id)

    def status(self) -> dict[str, Any]:
        return {"rooms": len(self.rooms), "connections": sum(len(r.connections) for r in self.rooms.values())}
