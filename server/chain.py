"""The hash chain over the event store: one link per stored event, written in the event's own transaction.

A link is SHA-256 over this canonical encoding (all integers big-endian)::

    previous link's hash   32 bytes (32 zero bytes before the first event)
    notification id         8 bytes, signed
    originator id          16 bytes (the UUID's bytes)
    originator version      8 bytes, signed
    topic length            4 bytes, unsigned, then the topic in UTF-8
    state                   the stored bytes, to the end

so changing, removing or inserting any event breaks every link after it. The
table ``event_chain`` also keeps the previous link's notification id and a copy
of the originator id and version; they are checked too, but they are there so
that verification can name an event that was removed. The chain shows that recorded history was
changed; it cannot stop someone with write access from appending (they could
compute links too), which is why an auditor notes the head (position and hash)
and checks it later (``sozialkonferenz verify --expect``).
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from hashlib import sha256
from typing import Any, cast
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing_sqlalchemy.factory import SQLAlchemyFactory
from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
from sqlalchemy import BigInteger, Column, DateTime, Integer, LargeBinary, MetaData, Table, func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy_utils.types.uuid import UUIDType  # type: ignore[import-untyped]

GENESIS = bytes(32)
LAST_LINK = "event_chain.last_link"  # key in Session.info: (notification id, hash) read under the table lock
CATCH_UP_BATCH = 10_000

HEADER = struct.Struct(">32sq16sqI")  # previous hash, notification id, originator id, version, topic length
_Id = BigInteger().with_variant(Integer(), "sqlite")

log = logging.getLogger(__name__)
metadata = MetaData()

event_chain = Table(
    "event_chain",
    metadata,
    Column("notification_id", _Id, primary_key=True, autoincrement=False),
    Column("previous_id", _Id, nullable=True),
    Column("originator_id", UUIDType(), nullable=False),  # the events table's column type: same raw values
    Column("originator_version", _Id, nullable=False),
    Column("hash", LargeBinary(32), nullable=False),
)

# The start-up catch-up's record: one row (id 1), written in the transaction of the last link it
# added. ``through``: the position the catch-up reached (0 for a store that began with the chain).
event_chain_catch_up = Table(
    "event_chain_catch_up",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("through", _Id, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

# A stored event as the chain sees it: notification id, originator id, version, topic, state.
ChainedEvent = tuple[int, UUID | str | bytes, int, str, bytes]


def link(
    previous: bytes, notification_id: int, originator_id: bytes, version: int, topic: bytes, state: bytes
) -> bytes:
    """The hash of one event chained to the previous hash (encoding in the module docstring)."""
    header = HEADER.pack(previous, notification_id, originator_id, version, len(topic))
    return sha256(header + topic + state).digest()


def uuid_bytes(value: UUID | str | bytes) -> bytes:
    if isinstance(value, bytes):  # the 16 raw bytes already
        return value
    return value.bytes if isinstance(value, UUID) else UUID(str(value)).bytes


def append_links(session: Session, events: Sequence[ChainedEvent]) -> None:
    """Chain events just inserted in this transaction, which must hold the events table's write lock.

    On the live-editing hot path: two plain DB-API statements on the session's connection
    (the previous link, then all new links), no SQL compilation.
    """
    if not events:
        return
    cursor = session.connection().connection.cursor()
    try:
        write_links(cursor, events, session.get_bind().dialect.name == "sqlite", session.info.pop(LAST_LINK, None))
    finally:
        cursor.close()


def write_links(
    cursor: Any, events: Sequence[ChainedEvent], sqlite: bool, previous: tuple[Any, Any] | None = None
) -> tuple[int, bytes] | None:
    """:func:`append_links` on a DB-API cursor (in a transaction holding the write lock).

    ``previous`` is the last link as (notification id, hash) when the caller read it under the
    lock already (PostgreSQL's table lock) or knows it (the SQLite writer: the link it committed
    last, directly before these events); otherwise it is read here. Returns the last link
    written, as (notification id, hash).
    """
    if not events:
        return None
    events = sorted(events, key=lambda e: e[0])
    mark = "?" if sqlite else "%s"
    last: tuple[Any, Any]
    if previous is None or (previous[0] is not None and previous[0] >= events[0][0]):
        cursor.execute(
            "SELECT notification_id, hash FROM event_chain"
            f" WHERE notification_id < {mark} ORDER BY notification_id DESC LIMIT 1",
            (events[0][0],),
        )
        last = cursor.fetchone() or (None, None)
    else:
        last = previous
    previous_id, previous_hash = (last[0], bytes(cast(bytes, last[1]))) if last[0] is not None else (None, GENESIS)
    rows = []
    for notification_id, originator_id, version, topic, state in events:
        raw_id = uuid_bytes(originator_id)
        previous_hash = link(previous_hash, notification_id, raw_id, version, topic.encode(), state)
        # The column's raw value: 16 bytes on SQLite (as the events table), a uuid on PostgreSQL.
        rows.append((notification_id, previous_id, raw_id if sqlite else UUID(bytes=raw_id), version, previous_hash))
        previous_id = notification_id
    statement = (
        "INSERT INTO event_chain (notification_id, previous_id, originator_id, originator_version, hash)"
        f" VALUES ({mark}, {mark}, {mark}, {mark}, {mark})"
    )
    if len(rows) == 1:  # the usual group commit: psycopg's executemany would open a pipeline for one row
        cursor.execute(statement, rows[0])
    else:
        cursor.executemany(statement, rows)
    return rows[-1][0], previous_hash


def inserted_events(inserted: Iterable[Any], rows: Sequence[dict[str, Any]]) -> list[ChainedEvent]:
    """The chain's view of rows inserted with ``RETURNING id, originator_id, originator_version``."""
    by_key = {(r["originator_id"], r["originator_version"]): r for r in rows}
    events = []
    for notification_id, originator_id, version in inserted:
        row = by_key[originator_id, version]
        events.append((notification_id, originator_id, version, row["topic"], row["state"]))
    return events


class ChainedRecorder(SQLAlchemyApplicationRecorder):
    """The library's application recorder, writing each event's link in the same transaction."""

    def _lock_table(self, session: Session) -> None:
        """PostgreSQL: the table lock and the last link in one round trip (no link is added while it is held).

        Both write paths lock first, so the live-editing group commit pays one extra statement
        for the chain (the INSERT of its links), not two.
        """
        assert self.datastore.engine is not None
        if self.datastore.engine.dialect.name != "postgresql":
            return super()._lock_table(session)
        table = f"{self.schema_name}.{self.events_table_name}" if self.schema_name else self.events_table_name
        cursor = session.connection().connection.cursor()
        try:  # two statements without parameters: one simple-protocol round trip
            cursor.execute(
                f"LOCK TABLE {table} IN EXCLUSIVE MODE;"
                " SELECT notification_id, hash FROM event_chain ORDER BY notification_id DESC LIMIT 1"
            )
            cursor.nextset()
            session.info[LAST_LINK] = cursor.fetchone() or (None, None)
        finally:
            cursor.close()

    def create_table(self) -> None:
        super().create_table()
        assert self.datastore.engine is not None
        metadata.create_all(self.datastore.engine)

    def _insert_stored_events(
        self, session: Session, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int]:
        ids = super()._insert_stored_events(session, stored_events, **kwargs)  # holds the table lock now
        append_links(
            session,
            [
                (i, e.originator_id, e.originator_version, e.topic, e.state)
                for i, e in zip(ids, stored_events, strict=True)
            ],
        )
        return ids


class ChainedFactory(SQLAlchemyFactory):
    """``PERSISTENCE_MODULE=server.chain:ChainedFactory``: eventsourcing_sqlalchemy with the chained recorder."""

    application_recorder_class = ChainedRecorder


def lock_for_writing(recorder: SQLAlchemyApplicationRecorder, session: Session) -> None:
    """Take the events table's write lock before reading anything (PostgreSQL: table lock; SQLite: database)."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("BEGIN IMMEDIATE")
    else:
        recorder._lock_table(session)


def catch_up(
    recorder: SQLAlchemyApplicationRecorder,
    batch: int = CATCH_UP_BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Chain a store from before the chain, once; returns how many links it added.

    Batches continue from the last link (an interrupted catch-up resumes); the batch that finds
    the end records it in ``event_chain_catch_up``, in its own transaction under the write lock.
    Once recorded, nothing is linked here again: a row put directly into the events table later
    stays unlinked, and verification names it as inserted.
    """
    events = recorder.events_record_cls.__table__
    chained = total = 0
    while True:
        with recorder.transaction(commit=True) as session:
            lock_for_writing(recorder, session)
            if session.execute(select(event_chain_catch_up.c.through)).first() is not None:
                _warn_unlinked(session, events)
                break
            last = session.execute(select(func.max(event_chain.c.notification_id))).scalar() or 0
            rows = session.execute(
                select(events.c.id, events.c.originator_id, events.c.originator_version, events.c.topic, events.c.state)
                .where(events.c.id > last)
                .order_by(events.c.id)
                .limit(batch)
            ).all()
            if rows and chained == 0:
                total = session.execute(select(func.count()).select_from(events).where(events.c.id > last)).scalar_one()
                if last:
                    log.warning(
                        "Hash-Kette: %d Ereignisse ohne Kettenglied ab Position %d werden nachgetragen.", total, last
                    )
            append_links(session, [(r[0], r[1], r[2], r[3], bytes(r[4])) for r in rows])
            finished = len(rows) < batch
            if finished:
                reached = rows[-1][0] if rows else last
                record = {"id": 1, "through": reached, "recorded_at": datetime.now(UTC)}
                session.execute(insert(event_chain_catch_up).values(**record))
        chained += len(rows)
        if progress is not None and rows:
            progress(chained, total)
        if finished:
            break
    return chained


def _warn_unlinked(session: Session, events: Table) -> None:
    """After the catch-up: events beyond the last link were put in behind the application's back."""
    last_event = session.execute(select(func.max(events.c.id))).scalar() or 0
    last_link = session.execute(select(func.max(event_chain.c.notification_id))).scalar() or 0
    if last_event > last_link:
        log.warning(
            "Hash-Kette: Ereignisse nach Position %d haben kein Kettenglied (direkt eingefügt?); "
            "sie werden nicht nachgetragen. „sozialkonferenz verify“ nennt sie.",
            last_link,
        )
