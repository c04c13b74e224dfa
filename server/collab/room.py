"""A room per measure proposal, and a connection in it (no web framework here)."""

from __future__ import annotations

import asyncio
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from pycrdt import Doc, Text, merge_updates

from domain.document import ProposalDocument
from domain.texts import PROPOSAL_FIELDS
from server.collab import protocol
from server.collab.protocol import AwarenessEntry
from server.collab.transport import CollabProtocol, binary_frame
from server.collab.updates import DocState

# Close codes (4xxx are ours; the reason text says what happened, in German).
CLOSE_UNSUPPORTED = 1003  # a text frame
CLOSE_TOO_BIG = 1009
CLOSE_SERVER_ERROR = 1011
CLOSE_ROOM_RESET = 1012  # the room failed or could not store; reconnect and resync (retryable)
CLOSE_TOO_SLOW = 1013
CLOSE_PROTOCOL = 4400
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_UNKNOWN_MEASURE = 4404
CLOSE_NOT_EDITABLE = 4409
CLOSE_DOCUMENT_TOO_LARGE = 4413  # a field or the whole proposal would grow beyond its limit
CLOSE_FLOOD = 4429

PRESENCE_ECHOES = 64  # presence updates a room remembers having sent (their echoes are dropped unread)


def close_reason(text: str) -> str:
    """A close frame's reason fits in 123 bytes of UTF-8 (RFC 6455, 5.5): longer ones are cut."""
    encoded = text.encode("utf-8")
    return text if len(encoded) <= 123 else encoded[:118].decode("utf-8", "ignore") + "…"


@dataclass(frozen=True)
class Limits:
    max_message_bytes: int = 1_048_576
    messages_per_second: float = 200.0
    burst: int = 400
    idle_seconds: float = 60.0
    checkpoint_every: int = 500
    catalogue_debounce: float = 2.0
    send_queue: int = 10_000  # messages waiting for a client (plain ASGI)
    send_buffer_bytes: int = 4_194_304  # bytes waiting for a client (direct sockets)
    max_connections_per_person: int = 20  # open live-editing connections of one person, all rooms
    max_read_connections_per_person: int = 100  # opened only to read along (?mode=read): the plenary projector
    presence_forget_seconds: float = 60.0  # a departed client's presence record is kept this long (against echoes)
    credential_check_seconds: float = 30.0  # how often open connections' sessions and tokens are checked again
    presence_flush_seconds: float = 0.01  # presence changes of a room within this window go out as one message
    max_field_bytes: int = 200_000  # one text field of a proposal, in UTF-8 bytes
    max_document_bytes: int = 8_388_608  # a proposal's stored state (last checkpoint and updates since)
    checkpoint_bytes: int = 1_048_576  # a checkpoint is written once this much was stored since the last one
    # Group commits start at least this many seconds apart (0: each as soon as the previous one ended); updates
    # arriving meanwhile share the next commit. Only while updates come faster than this is anything delayed.
    commit_interval: float = 0.02
    # Several processes (server/collab/sharing.py): a batch forwarded to the live writer and not shown stored
    # within ``forward_seconds`` is stored by its own process, which then writes that room's next batches itself
    # for ``write_here_seconds``; the writer ignores forwarded batches older than ``stale_forward_seconds``.
    forward_seconds: float = 1.0
    write_here_seconds: float = 5.0
    stale_forward_seconds: float = 10.0


class Connection(ABC):
    """One client's socket as the room sees it: a rate limit, its awareness clients, and a way out.

    Messages go out with :meth:`push` (one message) or :meth:`deliver` (a broadcast: the
    message together with its WebSocket frame, encoded once for all recipients).
    """

    def __init__(self, person_id: UUID, limits: Limits) -> None:
        self.person_id = person_id
        self.limits = limits
        self.awareness_clients: set[int] = set()
        self.closing = False
        self.read_only: str | None = None  # the reason, when this person may only read along
        self.credential = ""  # the session's or API token's key it was opened with: closed when that ends
        self.reading_by_request = False  # opened with ?mode=read: stays read-only whatever the person may do
        self.display_name = ""  # the signed-in person's name: stamped into the presence others see
        self.cluster_key = ""  # counted under this key in the cluster's connection count (released on leaving)
        self._tokens = float(limits.burst)
        self._refilled = time.monotonic()

    @abstractmethod
    def push(self, message: bytes, update: bytes | None = None) -> None: ...

    def deliver(self, frame: bytes, message: bytes, update: bytes | None = None) -> None:
        self.push(message, update)

    def deliver_all(self, messages: list[tuple[bytes, bytes, bytes | None]]) -> None:
        """Several broadcasts at once, each as (frame, message, update)."""
        for frame, message, update in messages:
            self.deliver(frame, message, update)

    @abstractmethod
    def close_soon(self, code: int, reason: str) -> None: ...

    def allow(self) -> bool:
        now = time.monotonic()
        rate, burst = self.limits.messages_per_second, self.limits.burst
        self._tokens = min(burst, self._tokens + (now - self._refilled) * rate)
        self._refilled = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True


class DirectConnection(Connection):
    """A socket served by :class:`~server.collab.transport.CollabProtocol`: frames go straight out.

    The transport's send buffer is the backlog; a client that lets it grow beyond the limit
    is disconnected (it resyncs when it reconnects).
    """

    def __init__(self, person_id: UUID, socket: CollabProtocol, limits: Limits) -> None:
        super().__init__(person_id, limits)
        self.socket = socket
        self._send_buffer_bytes = limits.send_buffer_bytes

    def push(self, message: bytes, update: bytes | None = None) -> None:
        self.write(binary_frame(message))

    def deliver(self, frame: bytes, message: bytes, update: bytes | None = None) -> None:
        # The broadcast's hot path (once per recipient): write() inlined.
        if not self.closing and self.socket.write_frames(frame) > self._send_buffer_bytes:
            self.close_soon(CLOSE_TOO_SLOW, "Verbindung zu langsam; bitte neu verbinden.")

    def deliver_all(self, messages: list[tuple[bytes, bytes, bytes | None]]) -> None:
        if len(messages) == 1:
            self.write(messages[0][0])
        else:
            self.write(b"".join([frame for frame, _, _ in messages]))  # one system call for all

    def write(self, frames: bytes) -> None:
        if not self.closing and self.socket.write_frames(frames) > self._send_buffer_bytes:
            self.close_soon(CLOSE_TOO_SLOW, "Verbindung zu langsam; bitte neu verbinden.")

    def close_soon(self, code: int, reason: str) -> None:
        if not self.closing:
            self.closing = True
            self.socket.fail(code, close_reason(reason))


class QueuedConnection(Connection):
    """A socket served through plain ASGI: an outgoing queue and a task that writes it."""

    def __init__(
        self,
        person_id: UUID,
        send: Callable[[bytes], Awaitable[None]],
        close: Callable[[int, str], Awaitable[None]],
        limits: Limits,
    ) -> None:
        super().__init__(person_id, limits)
        self._send = send
        self._close = close
        # Outgoing frames; for document updates also the bare update, so a backlog can be merged.
        self.queue: asyncio.Queue[tuple[bytes, bytes | None]] = asyncio.Queue(limits.send_queue)
        self.close_task: asyncio.Task[None] | None = None

    def push(self, message: bytes, update: bytes | None = None) -> None:
        """Queue a message without waiting; a client that cannot keep up is disconnected."""
        if self.closing:
            return
        try:
            self.queue.put_nowait((message, update))
        except asyncio.QueueFull:
            self.close_soon(CLOSE_TOO_SLOW, "Verbindung zu langsam; bitte neu verbinden.")

    async def write_forever(self) -> None:
        """Send queued frames; document updates that piled up go out merged, as one frame."""
        try:
            while True:
                frame, update = await self.queue.get()
                if update is None or self.queue.empty():
                    await self._send(frame)
                    continue
                updates, others = [update], []
                while not self.queue.empty():
                    queued_frame, queued_update = self.queue.get_nowait()
                    if queued_update is None:
                        others.append(queued_frame)
                    else:
                        updates.append(queued_update)
                await self._send(protocol.sync_update(merge_updates(*updates)) if len(updates) > 1 else frame)
                for other in others:
                    await self._send(other)
        except Exception:  # the socket is gone; the reader side cleans up
            self.closing = True

    def close_soon(self, code: int, reason: str) -> None:
        if not self.closing:
            self.closing = True
            self.close_task = asyncio.get_running_loop().create_task(self._close(code, close_reason(reason)))


@dataclass(eq=False)
class Room:
    measure_id: UUID
    doc: Doc
    aggregate: ProposalDocument
    read_only: str | None = None  # the reason, when updates are refused
    freezing: bool = False
    connections: set[Connection] = field(default_factory=set)
    awareness: dict[int, AwarenessEntry] = field(default_factory=dict)
    gone_since: dict[int, float] = field(default_factory=dict)  # client ids whose presence ended, and when
    claims: dict[int, Connection] = field(default_factory=dict)  # client id → the connection that speaks for it
    presence_due: set[int] = field(default_factory=set)  # client ids whose new presence is still to be sent
    presence_flush: asyncio.TimerHandle | None = None
    in_flight: int = 0
    drained: asyncio.Event = field(default_factory=asyncio.Event)
    empty_since: float = field(default_factory=time.monotonic)
    synced_fields: dict[str, str] = field(default_factory=dict)
    catalogue_due: float | None = None
    last_actor: UUID | None = None
    # Updates are applied to ``doc`` when they arrive, and stored after: these are applied, not yet stored.
    unstored: deque[bytes] = field(default_factory=deque)
    state: DocState = field(default_factory=DocState)  # the document's state vector (client → next clock) and fields
    document_bytes: int = 0  # the stored state: last checkpoint (or load) plus the updates since
    bytes_since_checkpoint: int = 0
    waiting_sync: list[tuple[Connection, bytes]] = field(default_factory=list)  # answers held until all is stored
    failed: bool = False  # reset after a failure: takes nothing more, its connections are closing
    # Shared with other processes (server.collab.sharing): the stream version this document reflects, ...
    known_version: int = 0
    first_new_version: int = 0  # of the batch being written
    subscription: Any = None
    catching_up: bool = False
    freezing_elsewhere: float = 0.0  # until then (monotonic) nothing is taken: another process is freezing
    marker_frozen: bool = False  # the stream's last marker is a freeze
    # Handed to the live writer (another process), not yet shown stored: sent on to this process's clients then.
    forwarded: deque[tuple[Connection, bytes]] = field(default_factory=deque)
    forwarded_at: float = 0.0  # (monotonic) when the oldest of them was forwarded, or the last of them shown stored
    write_here_until: float = 0.0  # (monotonic) till then this process writes the room itself (the writer was late)
    # The longest field's length in bytes when last measured, and the bytes inserted since (RoomManager._check_size).
    # None whenever the document changes another way (another process's updates): measured afresh.
    measured_longest: int | None = None
    inserted_since: int = 0
    # Presence updates this room sent out lately (see sent_presence): clients send each one back unchanged.
    presence_sent: dict[bytes, None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.drained.set()
        self.texts = {name: self.doc.get(name, type=Text) for name in PROPOSAL_FIELDS}

    def field_bytes(self, name: str) -> int:
        return len(self.texts[name])

    def local_presence(self) -> bytes | None:
        """The presence of this process's own clients in the room (for another process that asks)."""
        local = {client for connection in self.connections for client in connection.awareness_clients}
        entries = [e for c, e in self.awareness.items() if c in local and not protocol.state_is_null(e)]
        return protocol.awareness(protocol.encode_awareness(entries)) if entries else None

    def broadcast(self, message: bytes, sender: Connection | None, update: bytes | None = None) -> int:
        frame = binary_frame(message)
        sent = 0
        for connection in self.connections:
            if connection is not sender:
                connection.deliver(frame, message, update)
                sent += 1
        return sent

    def broadcast_updates(self, updates: list[tuple[Connection, bytes, bytes]]) -> int:
        """Several (sender, message, update) at once: each connection gets the others' in one go."""
        if len(updates) == 1:  # the usual case: one update of this room in the batch, one frame for all
            sender, message, update = updates[0]
            return self.broadcast(message, sender, update)
        encoded = [(origin, binary_frame(message), message, update) for origin, message, update in updates]
        sent = 0
        for connection in self.connections:
            theirs = [(frame, msg, update) for origin, frame, msg, update in encoded if origin is not connection]
            if theirs:
                connection.deliver_all(theirs)
                sent += len(theirs)
        return sent

    def awareness_message(self) -> bytes | None:
        present = [e for e in self.awareness.values() if not protocol.state_is_null(e)]
        return self.sent_presence(protocol.encode_awareness(present)) if present else None

    def sent_presence(self, update: bytes) -> bytes:
        """The message for a presence update the room sends; the update is remembered for a while.

        A y-websocket client sends every presence change it receives back to the server, byte for
        byte as it got it (it encodes the same entries in the same order): such an echo brings
        nothing newer than what the room has (clocks only grow) and is dropped unread.
        """
        sent = self.presence_sent
        sent[update] = None
        if len(sent) > PRESENCE_ECHOES:
            del sent[next(iter(sent))]
        return protocol.awareness(update)

    def is_echo(self, update: bytes) -> bool:
        return update in self.presence_sent

    def is_newer(self, entry: AwarenessEntry) -> bool:
        known = self.awareness.get(entry.client_id)
        if known is None or entry.clock > known.clock:
            return True
        return entry.clock == known.clock and protocol.state_is_null(entry) and not protocol.state_is_null(known)

    def may_speak_for(self, connection: Connection, client_id: int) -> bool:
        """Whether presence for ``client_id`` from this connection counts.

        The first connection to announce a client id speaks for it while it is in the room; so
        may a later connection of the same person (a reconnecting provider keeps its Yjs client
        id). Another person's entry for it (a forged cursor or name, or a y-websocket client
        declaring a silent peer gone) is dropped: the server announces a departure itself.
        """
        owner = self.claims.get(client_id)
        return owner is None or owner is connection or owner.person_id == connection.person_id

    def record_awareness(self, entry: AwarenessEntry) -> None:
        self.awareness[entry.client_id] = entry
        if protocol.state_is_null(entry):
            self.gone_since[entry.client_id] = time.monotonic()
        else:
            self.gone_since.pop(entry.client_id, None)

    def take_presence_due(self) -> bytes | None:
        """One message with the latest presence of every client changed since the last call."""
        self.presence_flush = None
        entries = [self.awareness[c] for c in self.presence_due if c in self.awareness]
        self.presence_due.clear()
        return self.sent_presence(protocol.encode_awareness(entries)) if entries else None

    def prune_awareness(self, older_than: float) -> int:
        """Drop the records of clients gone longer than ``older_than`` seconds; returns how many.

        A removal is kept a while so late echoes of the old state are not passed on (y-websocket
        clients forget a silent peer after 30 s); after that it only takes memory, in a room that
        may stay loaded all day.
        """
        limit = time.monotonic() - older_than
        expired = [client_id for client_id, since in self.gone_since.items() if since <= limit]
        for client_id in expired:
            del self.gone_since[client_id]
            entry = self.awareness.get(client_id)
            if entry is not None and protocol.state_is_null(entry):
                del self.awareness[client_id]
        return len(expired)

    def forget_awareness(self, connection: Connection) -> bytes | None:
        """Mark a leaving connection's clients as gone; the message tells the others.

        The removal stays recorded (state null), so echoes of the old state are not passed on.
        """
        gone = []
        for client_id in connection.awareness_clients:
            if self.claims.get(client_id) is not connection:  # taken over by the same person's newer connection
                continue
            del self.claims[client_id]
            entry = self.awareness.get(client_id)
            if entry is not None and not protocol.state_is_null(entry):
                removal = AwarenessEntry(client_id, entry.clock + 1, "null")
                self.record_awareness(removal)
                self.presence_due.discard(client_id)  # the removal goes out now, in its place
                gone.append(removal)
        return self.sent_presence(protocol.encode_awareness(gone)) if gone else None
