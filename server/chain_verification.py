"""Verifying the hash chain: walk events and links in notification order and name the first problem.

Rules: an event whose recomputed link differs from its stored link was altered
(or, when the following link still fits the recomputed hash, the stored link
was); a link without its event, or a link pointing back to a vanished one,
means an event was removed; an event without a link was inserted. Events and
links are read in batches (constant memory) up to the store's position when
the walk began, so events written meanwhile neither count nor disturb.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from hashlib import sha256
from pathlib import Path
from threading import Lock
from time import perf_counter
from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url

from domain.application import Sozialkonferenz
from server.chain import GENESIS, HEADER, link
from server.chain_report import ChainProblem, ChainReport

BATCH = 20_000
EVENTS_TABLE = f"{Sozialkonferenz.name}_events"  # the library names it after the application


def store_position(connection: Connection, events_table: str) -> tuple[int, int]:
    """The highest notification id of events and of links, read in one statement (one snapshot)."""
    row = connection.execute(
        text(f"SELECT (SELECT max(id) FROM {events_table}), (SELECT max(notification_id) FROM event_chain)")
    ).one()
    return row[0] or 0, row[1] or 0


def parse_expected_head(value: str) -> tuple[int, str]:
    """``POSITION:HASH`` as printed by an earlier verification."""
    position, _, digest = value.strip().partition(":")
    digest = digest.strip().lower()
    if not position.strip().isdigit() or len(digest) != 64 or any(ch not in "0123456789abcdef" for ch in digest):
        raise ValueError(f"Erwarteter Kopf muss POSITION:HASH sein (Hash: 64 Hexadezimalziffern), nicht {value!r}.")
    return int(position), digest


@contextmanager
def verify_database(url: str, events_table: str = EVENTS_TABLE) -> Iterator[Engine]:
    """An engine on an existing event store, without building the application (which would write)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        raise ValueError(f"Datenbank nicht gefunden: {parsed.database or url}")
    engine = create_engine(url)
    try:
        if not inspect(engine).has_table(events_table):
            raise ValueError(f"Die Datenbank {parsed.render_as_string()} enthält keinen Ereignisspeicher.")
        yield engine
    finally:
        engine.dispose()


def verify_chain(
    engine: Engine,
    events_table: str = EVENTS_TABLE,
    progress: Callable[[int, int], None] | None = None,
    expect: tuple[int, str] | None = None,
) -> ChainReport:
    """Walk the whole chain; ``expect`` (position, hex hash) is a head an auditor noted earlier."""
    began = perf_counter()
    with engine.connect() as connection:
        if not inspect(connection).has_table("event_chain"):
            return ChainReport(0, 0, "", ChainProblem("missing", 0))
        walk = _Walk(connection, events_table, expect)
        try:
            problem = walk.run(progress)
        finally:
            walk.cursor.close()
    head = walk.head.hex() if walk.head_id else ""
    return ChainReport(walk.checked, walk.head_id, head, problem, perf_counter() - began)


class _Walk:
    """One verification: batches of events and of links over the same range of notification ids."""

    def __init__(self, connection: Connection, events_table: str, expect: tuple[int, str] | None) -> None:
        self.connection = connection
        self.events_table = events_table
        self.expect = expect
        self.expect_met = False
        self.topics: dict[str, bytes] = {}
        self.checked = 0
        self.head_id = 0
        self.head = GENESIS
        self.previous_id: int | None = None
        self.stop = 0
        self.cursor = _cursor(connection)
        # The UUID's raw 16 bytes from either database.
        postgres = connection.dialect.name == "postgresql"
        mark, uuid = ("%s", "uuid_send(originator_id)") if postgres else ("?", "originator_id")
        self.events_query = (
            f"SELECT id, {uuid}, originator_version, topic, state FROM {events_table}"
            f" WHERE id > {mark} AND id <= {mark} ORDER BY id LIMIT {mark}"
        )
        self.links_query = (
            f"SELECT notification_id, previous_id, {uuid}, originator_version, hash FROM event_chain"
            f" WHERE notification_id > {mark} AND notification_id <= {mark} ORDER BY notification_id LIMIT {mark}"
        )
        self.count_query = f"SELECT count(*) FROM {events_table} WHERE id <= {mark}"

    def _fetch(self, query: str, *params: int) -> list[Any]:
        self.cursor.execute(query, params)
        rows: list[Any] = self.cursor.fetchall()
        return rows

    def _read(self, after: int) -> tuple[list[Any], list[Any], int]:
        """The events after ``after`` and the links over the same ids."""
        events = self._fetch(self.events_query, after, self.stop, BATCH)
        upper = events[-1][0] if len(events) == BATCH else self.stop
        # One link more than events: a link without its event in this range shows up.
        links = self._fetch(self.links_query, after, upper, BATCH + 1)
        return events, links, upper

    def run(self, progress: Callable[[int, int], None] | None) -> ChainProblem | None:
        self.stop = max(store_position(self.connection, self.events_table))
        total = self._fetch(self.count_query, self.stop)[0][0] if progress is not None else 0
        after = 0
        while True:
            events, links, after = self._read(after)
            problem = self._batch(events, links)
            if problem is not None:
                return problem
            if progress is not None:
                progress(self.checked, total)
            if len(events) < BATCH:
                break
        if self.expect is not None and not self.expect_met:  # the noted position is no longer (or not yet) there
            return ChainProblem("mismatch", self.expect[0])
        return None

    def _batch(self, events: list[Any], links: list[Any]) -> ChainProblem | None:
        """The tight loop: pairs of event and link with the same id, each link fitting its event."""
        pack, hash_of, topics = HEADER.pack, sha256, self.topics
        expected_at, expected = self.expect if self.expect is not None else (-1, "")
        head, previous_id, checked = self.head, self.previous_id, self.checked
        try:
            for event, chain_link in zip(events, links):  # noqa: B905 - the lengths differ when a row is missing
                notification_id, originator_id, version, topic, state = event
                if notification_id != chain_link[0]:
                    if notification_id < chain_link[0]:
                        return self._problem("inserted", event)
                    return self._removed(chain_link)
                if chain_link[1] != previous_id:
                    return self._broken_back_link(chain_link, event, previous_id)
                encoded = topics.get(topic) or topics.setdefault(topic, topic.encode())
                header = pack(head, notification_id, originator_id, version, len(encoded))
                digest = hash_of(header + encoded + state).digest()
                if digest != chain_link[4] or originator_id != chain_link[2] or version != chain_link[3]:
                    return self._diagnose(event, chain_link, digest)
                if notification_id == expected_at:
                    if digest.hex() != expected:
                        return ChainProblem("mismatch", notification_id)
                    self.expect_met = True
                head, previous_id, checked = digest, notification_id, checked + 1
        finally:
            self.head, self.previous_id, self.checked = head, previous_id, checked
            self.head_id = previous_id or 0
        if len(events) > len(links):
            return self._problem("inserted", events[len(links)])
        if len(links) > len(events):
            return self._removed(links[len(events)])
        return None

    def _problem(self, kind: str, event: Any) -> ChainProblem:
        notification_id, originator_id, version, topic = event[0], event[1], event[2], event[3]
        return ChainProblem(kind, notification_id, UUID(bytes=bytes(originator_id)), version, topic)

    def _removed(self, chain_link: Any) -> ChainProblem:
        return ChainProblem("removed", chain_link[0], UUID(bytes=bytes(chain_link[2])), chain_link[3])

    def _broken_back_link(self, chain_link: Any, event: Any, previous_id: int | None) -> ChainProblem:
        """The link points elsewhere than the last verified one: events vanished with their links, or it was edited."""
        if chain_link[1] is not None and chain_link[1] > (previous_id or 0):
            return ChainProblem("removed", chain_link[1])
        return self._problem("link_altered", event)

    def _diagnose(self, event: Any, chain_link: Any, digest: bytes) -> ChainProblem:
        """Event or link? The next link was computed from the original hash: see which of the two it fits."""
        stored = bytes(chain_link[4])
        if digest == stored:  # the event is intact (its id and version are hashed): the link's copy was changed
            return self._problem("link_altered", event)
        following = self._fetch(self.events_query, event[0], self.stop, 1)
        following_link = self._fetch(self.links_query, chain_link[0], self.stop, 1)
        if not following or not following_link or following[0][0] != following_link[0][0]:
            return self._problem("altered", event)
        next_event, next_hash = following[0], bytes(following_link[0][4])
        stored_fits = len(stored) == len(GENESIS) and _link_of(stored, next_event) == next_hash
        if not stored_fits and _link_of(digest, next_event) == next_hash:
            return self._problem("link_altered", event)
        return self._problem("altered", event)


def _cursor(connection: Connection) -> Any:
    """A plain DB-API cursor (PostgreSQL: binary transfer, so the state arrives as it is stored)."""
    driver = connection.connection.driver_connection
    assert driver is not None
    return driver.cursor(binary=True) if connection.dialect.name == "postgresql" else driver.cursor()


def _link_of(previous: bytes, event: Any) -> bytes:
    return link(previous, event[0], bytes(event[1]), event[2], event[3].encode(), bytes(event[4]))


class CachedVerification:
    """The last report, kept while the store's position stays the same; one verification at a time."""

    def __init__(self, engine: Engine, events_table: str) -> None:
        self.engine = engine
        self.events_table = events_table
        self._lock = Lock()
        self._last: tuple[tuple[int, int], ChainReport] | None = None

    def report(self, refresh: bool = False) -> ChainReport:
        with self._lock:
            with self.engine.connect() as connection:
                position = store_position(connection, self.events_table)
            if not refresh and self._last is not None and self._last[0] == position:
                return self._last[1]
            report = verify_chain(self.engine, self.events_table)
            self._last = (position, report)
            return report


_cached: WeakKeyDictionary[Engine, CachedVerification] = WeakKeyDictionary()
_cached_lock = Lock()


def cached_verification(engine: Engine, events_table: str = EVENTS_TABLE) -> CachedVerification:
    """The cache for one database (the server's engine)."""
    with _cached_lock:
        if engine not in _cached:
            _cached[engine] = CachedVerification(engine, events_table)
        return _cached[engine]
