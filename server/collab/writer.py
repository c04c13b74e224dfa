"""The live-editing group commit on SQLite: plain ``sqlite3`` calls on a connection of its own.

A batch of live edits is a few rows: the document streams' events, their hash-chain
links and now and then a snapshot, in one transaction, the ``fsync`` included. Through
SQLAlchemy's session and unit of work this cost about a millisecond of the event
loop's time per batch, more than the commit itself; here it is a handful of prepared
statements (about 0.1 ms, plus the sync).

The batch is written on the event loop when the store's in-process write lock is
free, which is nearly always: handing it to a thread costs two GIL hand-overs, which
took longer under load than the write (measured: p99 2 ms to start the thread and
1.4 ms to get back). When a command or a projection holds the lock, the batch waits
for it on the writer's thread instead, and the rooms go on relaying meanwhile.

It writes what :func:`server.collab.store.append_events` writes, under the same write
lock as the library's recorder (commands, projections and live edits never write at
once), with ``BEGIN IMMEDIATE`` against other processes.
"""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from eventsourcing.persistence import StoredEvent

from server import chain

BUSY_TIMEOUT_MS = 15_000


class SqliteWriter:
    """A connection of its own: appends stored events (and snapshots) in one transaction.

    On the caller's (the event loop's) thread when the write lock is free, otherwise on the
    writer's own thread. Another *process* writing the file (a CLI ``rebuild``) is waited for by
    SQLite's busy handler, up to ``BUSY_TIMEOUT_MS``, on whichever thread the batch is.
    """

    def __init__(self, path: str, synchronous: int, write_lock: Any, events_table: str, snapshots_table: str) -> None:
        self._path = path
        self._synchronous = synchronous
        self._lock = write_lock
        self._insert_event = (
            f"INSERT INTO {events_table} (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)"
        )
        self._insert_snapshot = (
            f"INSERT INTO {snapshots_table} (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)"
        )
        self._connection: sqlite3.Connection | None = None
        # The chain's last link as this writer committed it: (notification id, hash).
        self._last_link: tuple[int, bytes] | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="collab-writer")

    @classmethod
    def for_application(cls, app: Any) -> SqliteWriter | None:
        """A writer for the application's SQLite file; None for PostgreSQL or an in-memory database."""
        datastore = app.recorder.datastore
        engine = datastore.engine
        if engine is None or engine.dialect.name != "sqlite" or datastore.write_lock is None:
            return None
        path = engine.url.database
        if not path or path == ":memory:":
            return None
        with engine.connect() as connection:  # the level the application's own connections use
            synchronous = int(connection.exec_driver_sql("PRAGMA synchronous").scalar())
        snapshots_table = app.snapshots.recorder.events_record_cls.__table__.name if app.snapshots else ""
        return cls(
            path,
            synchronous,
            datastore.write_lock,
            app.recorder.events_record_cls.__table__.name,
            snapshots_table,
        )

    async def append(self, events: list[StoredEvent], snapshots: list[StoredEvent]) -> None:
        """Store both in one transaction; returns once it is committed (raises if it is not)."""
        if self._lock.acquire(blocking=False):
            try:
                self._append(events, snapshots)
            finally:
                self._lock.release()
        else:
            await asyncio.wrap_future(self._executor.submit(self._append_when_free, events, snapshots))

    def close(self) -> None:
        self._executor.submit(self._close)
        self._executor.shutdown(wait=True)

    # --- on the loop, or on the writer's thread (one batch at a time) ------------------

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            connection = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
            connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            connection.execute(f"PRAGMA synchronous={self._synchronous}")
            self._connection = connection
        return self._connection

    def _append_when_free(self, events: list[StoredEvent], snapshots: list[StoredEvent]) -> None:
        with self._lock:
            self._append(events, snapshots)

    def _append(self, events: list[StoredEvent], snapshots: list[StoredEvent]) -> None:
        """One transaction; the caller holds the write lock. Nothing stays of a failed one."""
        connection = self._connect()
        cursor = connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")
            chained: list[chain.ChainedEvent] = []
            for event in events:
                originator_id = chain.uuid_bytes(event.originator_id)
                cursor.execute(self._insert_event, (originator_id, event.originator_version, event.topic, event.state))
                assert cursor.lastrowid is not None
                chained.append((cursor.lastrowid, originator_id, event.originator_version, event.topic, event.state))
            written = chain.write_links(cursor, chained, sqlite=True, previous=self._previous_link(chained))
            if snapshots:
                rows = [(chain.uuid_bytes(s.originator_id), s.originator_version, s.topic, s.state) for s in snapshots]
                cursor.executemany(self._insert_snapshot, rows)
            cursor.execute("COMMIT")
        except BaseException:
            self._last_link = None
            if connection.in_transaction:
                connection.rollback()
            raise
        finally:
            cursor.close()
        self._last_link = written

    def _previous_link(self, chained: list[chain.ChainedEvent]) -> tuple[int, bytes] | None:
        """The link before this batch's events, when it is the one this writer committed last.

        That is so when the batch's first event directly follows the last one this writer
        chained (no row between them: nobody else stored an event since, under the same write
        lock); otherwise None, and :func:`chain.write_links` reads it from the table. Saves a
        query per group commit.
        """
        last = self._last_link
        if last is None or not chained or min(event[0] for event in chained) != last[0] + 1:
            return None
        return last

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
