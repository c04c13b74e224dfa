"""Fills the views from the event store: exactly once, resumable, in batches.

Each projection records how far it got in ``projection_positions`` in the same
transaction as its rows. A crash mid-batch rolls both back; the next catch-up
starts after the last committed position, so nothing is counted twice. On
PostgreSQL the position row is locked for the transaction, so several server
processes never apply the same batch twice.

In a cluster of server processes one of them runs the projections (``lease``
says whether this one does); the others ``follow``: they take the positions and
changes it announces (``announcers``, carried by the broker) and otherwise read
the stored positions.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from typing import Any

from eventsourcing.persistence import StoredEvent as PersistedEvent
from eventsourcing.utils import resolve_topic
from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Engine

from domain.application import Sozialkonferenz
from projections import tables as t
from projections.conferences import ConferenceOverview
from projections.decisions import DecisionLog
from projections.districts import DistrictList
from projections.docket import CommitteeDocket
from projections.framework import Change, Projection, StoredEvent
from projections.indicator_actuals import IndicatorActuals
from projections.measures import MeasureCatalogue
from projections.object_times import ObjectTimes
from projections.public_people import PublicPeople
from projections.reference import ReferenceData
from projections.working_groups import WorkingGroupBoard

SKIPPED_TOPICS = "domain.document:%"
ChangeListener = Callable[[list[Change], int], None]
Progress = Callable[[int, int], None]


def all_projections() -> list[Projection]:
    return [
        ReferenceData(),
        ConferenceOverview(),
        WorkingGroupBoard(),
        MeasureCatalogue(),
        DecisionLog(),
        CommitteeDocket(),
        DistrictList(),
        IndicatorActuals(),
        ObjectTimes(),
        PublicPeople(),
    ]


def _now() -> str:
    return datetime.now(UTC).isoformat()


class ProjectionRunner:
    def __init__(
        self,
        app: Sozialkonferenz,
        projections: Iterable[Projection] | None = None,
        batch_size: int = 10_000,
        poll_interval: float = 0.2,
    ) -> None:
        self.app = app
        self.engine: Engine = app.recorder.datastore.engine  # type: ignore[attr-defined]
        self._write_lock = app.recorder.datastore.write_lock  # type: ignore[attr-defined]
        self.projections = {p.name: p for p in (projections or all_projections())}
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self.listeners: list[ChangeListener] = []  # told of changes made here or by the cluster's runner
        self.announcers: list[ChangeListener] = []  # told only of changes made here (to tell the others)
        self.lease: Callable[[], bool] | None = None  # None: one process alone, it runs the projections
        self._handled = frozenset().union(*(p.handles for p in self.projections.values()))
        self._condition = threading.Condition()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._catch_up_lock = threading.Lock()
        self.last_error: str | None = None
        self._transcoder = app.mapper.transcoder
        self._upcasting: dict[str, bool] = {}
        self._events_table = app.recorder.events_record_cls.__table__  # type: ignore[attr-defined]
        self.create_tables()
        self.positions = self._read_positions()
        app.save_listeners.append(lambda _position: self._wake.set())

    # --- tables and positions --------------------------------------------------

    def create_tables(self) -> None:
        tables = [t.positions, *(table for p in self.projections.values() for table in p.tables)]
        t.metadata.create_all(self.engine, tables=tables)
        with self._writing() as connection:
            existing = set(connection.execute(select(t.positions.c.name)).scalars())
            missing = [{"name": n, "position": 0, "updated_at": _now()} for n in self.projections if n not in existing]
            if missing:
                connection.execute(t.positions.insert(), missing)

    def _read_positions(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(t.positions.c.name, t.positions.c.position)).all()
        return {name: position for name, position in rows if name in self.projections}

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction; on SQLite also the store's in-process write lock."""
        with self._write_lock if self._write_lock is not None else nullcontext(), self.engine.begin() as connection:
            yield connection

    # --- reading the store -----------------------------------------------------

    def read(self, start: int, limit: int, target: int) -> tuple[list[StoredEvent], int]:
        """Decoded events of positions ``start`` … ``start + limit - 1`` (at most ``target``),
        and the last position covered (0 if none)."""
        last = min(start + limit - 1, target)
        if last < start:
            return [], 0
        rows = self._select_rows(start, last)
        events = []
        for id, originator_id, version, topic, state in rows:
            name = topic.partition(":")[2]
            if name not in self._handled:
                continue
            events.append(
                StoredEvent(id, originator_id, version, name, self._decode(topic, originator_id, version, state))
            )
        return events, last

    def _select_rows(self, start: int, last: int) -> list[Any]:
        """Rows in a range of positions; the live documents' streams (no view reads them) stay out."""
        table = self._events_table
        with self.engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                # psycopg's binary transfer skips the hex encoding of bytea: about three times faster.
                name = f"{table.schema}.{table.name}" if table.schema else table.name
                with connection.connection.driver_connection.cursor(binary=True) as cursor:  # type: ignore[union-attr]
                    cursor.execute(
                        f"SELECT id, originator_id, originator_version, topic, state FROM {name} "  # noqa: S608
                        "WHERE id BETWEEN %s AND %s AND topic NOT LIKE %s ORDER BY id",
                        (start, last, SKIPPED_TOPICS),
                    )
                    return cursor.fetchall()
            query = (
                select(table.c.id, table.c.originator_id, table.c.originator_version, table.c.topic, table.c.state)
                .where(table.c.id.between(start, last), table.c.topic.not_like(SKIPPED_TOPICS))
                .order_by(table.c.id)
            )
            return list(connection.execute(query).all())

    def _decode(self, topic: str, originator_id: Any, version: int, state: bytes) -> dict[str, Any]:
        """An event's data: plain JSON decoding, unless the class upcasts or the store is encrypted/compressed."""
        upcasts = self._upcasting.get(topic)
        if upcasts is None:
            plain = self.app.mapper.cipher is None and self.app.mapper.compressor is None
            upcasts = self._upcasting[topic] = not plain or getattr(resolve_topic(topic), "class_version", 1) > 1
        if upcasts:
            stored = PersistedEvent(originator_id, version, topic, bytes(state))
            return vars(self.app.mapper.to_domain_event(stored))
        return self._transcoder.decode(bytes(state))

    # --- processing ------------------------------------------------------------

    def catch_up(self, progress: Progress | None = None) -> int:
        """Apply every stored event not yet in the views; returns how many positions advanced.

        The next batch is read and decoded in a helper thread while the views write the
        current one, so database round trips and decoding overlap.
        """
        with self._catch_up_lock, ThreadPoolExecutor(1, thread_name_prefix="projection-reader") as reader:
            target = self.app.position()
            start = min(self.positions.values()) + 1
            advanced = 0
            pending = reader.submit(self.read, start, self.batch_size, target) if start <= target else None
            while pending is not None:
                events, last = pending.result()
                if last == 0:
                    break
                pending = reader.submit(self.read, last + 1, self.batch_size, target) if last < target else None
                changes: list[Change] = []
                for projection in self.projections.values():
                    position = self.positions[projection.name]
                    if position >= last:
                        continue
                    if any(e.position > position and e.name in projection.handles for e in events):
                        changes += self.process(projection, events, last)
                    else:
                        # Nothing for this view: advance in memory only. The stored position follows
                        # with the view's next write; after a restart these events are read and skipped.
                        self.positions[projection.name] = last
                advanced += last - start + 1
                start = last + 1
                if progress is not None:
                    progress(last, target)
                self._published(changes, last)
            return advanced

    def process(self, projection: Projection, events: list[StoredEvent], upto: int) -> list[Change]:
        with self._writing() as connection:
            # Touch the position row first: this takes the row lock on PostgreSQL and the write
            # lock on SQLite before reading, so two runners never apply the same batch.
            self.record_position(connection, projection.name, None)
            query = select(t.positions.c.position).where(t.positions.c.name == projection.name)
            stored = connection.execute(query).scalar_one()
            changes: list[Change] = []
            if stored < upto:
                mine = [e for e in events if e.position > stored and e.name in projection.handles]
                changes = projection.apply(connection, mine) if mine else []
                self.record_position(connection, projection.name, upto)
        self.positions[projection.name] = max(stored, upto)
        return changes

    def record_position(self, connection: Connection, name: str, position: int | None) -> None:
        """Store how far a view got (``None``: only touch the row, to lock it)."""
        values: dict[str, Any] = {"updated_at": _now()}
        if position is not None:
            values["position"] = position
        connection.execute(update(t.positions).where(t.positions.c.name == name).values(**values))

    def _published(self, changes: list[Change], position: int, announce: bool = True) -> None:
        with self._condition:
            self._condition.notify_all()
        for listener in list(self.listeners):
            listener(changes, position)
        for announcer in list(self.announcers) if announce else ():
            announcer(changes, position)

    # --- following another process's runner ------------------------------------

    def leading(self) -> bool:
        """Whether this process runs the projections (takes the lease when it is free)."""
        return self.lease is None or self.lease()

    def step(self) -> None:
        """Catch up when leading; otherwise learn how far the leading process got."""
        if self.leading():
            self.catch_up()
        else:
            self.refresh_positions()

    def wake(self) -> None:
        """Look for new events now (another process stored some)."""
        self._wake.set()

    def follow(self, positions: dict[str, int], changes: list[Change], position: int) -> None:
        """The cluster's runner got this far and changed these rows: tell this process's listeners."""
        self._advance(positions)
        self._published(changes, position, announce=False)

    def refresh_positions(self) -> None:
        """The stored positions (a lower bound: views with nothing to do advance in memory only)."""
        self._advance(self._read_positions())
        with self._condition:
            self._condition.notify_all()

    def _advance(self, positions: dict[str, int]) -> None:
        for name, value in positions.items():
            if name in self.positions and value > self.positions[name]:
                self.positions[name] = value

    # --- waiting, rebuilding, status -------------------------------------------

    def wait_for(self, position: int, timeout: float) -> bool:
        """Block until every view has reached ``position`` (read-your-writes), at most ``timeout`` s."""
        self._wake.set()
        with self._condition:
            return self._condition.wait_for(lambda: min(self.positions.values()) >= position, timeout)

    def rebuild(self, name: str, progress: Progress | None = None) -> None:
        """Drop a view's tables and replay every event into fresh ones."""
        projection = self.projections[name]
        with self._catch_up_lock:
            with self._writing() as connection:
                for table in reversed(projection.tables):
                    table.drop(connection, checkfirst=True)
                for table in projection.tables:
                    table.create(connection)
                self.record_position(connection, name, 0)
            self.positions[name] = 0
        target = self.app.position()
        while self.positions[name] < target:
            events, last = self.read(self.positions[name] + 1, self.batch_size, target)
            if last == 0:
                break
            self.process(projection, events, last)
            if progress is not None:
                progress(last, target)

    def status(self) -> list[dict[str, Any]]:
        head = self.app.position()
        return [
            {"name": p.name, "label": p.label, "position": self.positions[p.name], "lag": head - self.positions[p.name]}
            for p in self.projections.values()
        ]

    # --- the background thread -------------------------------------------------

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="projection-runner", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.step()
                self.last_error = None
            except Exception as error:  # keep the views alive; the error shows on /api/health
                self.last_error = f"{error.__class__.__name__}: {error}"
            self._wake.wait(self.poll_interval)


def rebuild_all(runner: ProjectionRunner, progress: Progress | None = None) -> None:
    for name in runner.projections:
        runner.rebuild(name, progress)


__all__ = ["ProjectionRunner", "all_projections", "rebuild_all"]
