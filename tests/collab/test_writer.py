"""The SQLite group-commit writer: what it stores, what a failed batch leaves, waiting for the write lock."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import text

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.document import ProposalDocument
from server.chain_verification import verify_chain
from server.collab.writer import SqliteWriter
from server.composition import build_application, close_application


@pytest.fixture
def sqlite_app(tmp_path: Path) -> Iterator[Sozialkonferenz]:
    app = build_application(f"sqlite:///{tmp_path / 'writer.db'}")
    yield app
    close_application(app)


def _writer(app: Sozialkonferenz) -> SqliteWriter:
    writer = SqliteWriter.for_application(app)
    assert writer is not None, "a SQLite file gets the writer"
    return writer


def _count(app: Sozialkonferenz, table: str) -> int:
    engine: Any = app.recorder.datastore.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar())


def _document(app: Sozialkonferenz) -> ProposalDocument:
    document = ProposalDocument(uuid4(), SYSTEM_ACTOR, "AA==")
    app.save(document)
    return document


def test_the_writer_stores_events_chained_and_readable_through_the_library(sqlite_app: Sozialkonferenz) -> None:
    app, writer = sqlite_app, _writer(sqlite_app)
    document = _document(app)
    document.append([{"actor": SYSTEM_ACTOR, "update": "AQ=="}])
    document.append([{"actor": SYSTEM_ACTOR, "update": "Ag=="}, {"actor": SYSTEM_ACTOR, "update": "Aw=="}])
    snapshot = ProposalDocument.Snapshot.take(document)
    stored = [app.mapper.to_stored_event(e) for e in document.collect_events()]
    try:
        asyncio.run(writer.append(stored, [app.mapper.to_stored_event(snapshot)]))
    finally:
        writer.close()

    loaded = app.repository.get(document.id)
    assert loaded.version == 3
    assert [u["update"] for e in list(app.events.get(document.id))[1:] for u in e.updates] == ["AQ==", "Ag==", "Aw=="]
    assert _count(app, "sozialkonferenz_snapshots") == 1
    report = verify_chain(app.recorder.datastore.engine)  # type: ignore[attr-defined]
    assert report.ok, report.summary()
    assert report.checked == _count(app, "sozialkonferenz_events") == 3


def test_a_failed_batch_leaves_nothing_and_the_next_one_is_stored(sqlite_app: Sozialkonferenz) -> None:
    app, writer = sqlite_app, _writer(sqlite_app)
    document = _document(app)
    document.append([{"actor": SYSTEM_ACTOR, "update": "AQ=="}])
    first = [app.mapper.to_stored_event(e) for e in document.collect_events()]
    asyncio.run(writer.append(first, []))
    other = _document(app)
    other.append([{"actor": SYSTEM_ACTOR, "update": "Ag=="}])
    events_before, links_before = _count(app, "sozialkonferenz_events"), _count(app, "event_chain")

    # A new event for the other document, then one whose version is taken already: the whole batch fails.
    conflicting = [*[app.mapper.to_stored_event(e) for e in other.collect_events()], first[0]]
    with pytest.raises(Exception, match="UNIQUE"):
        asyncio.run(writer.append(conflicting, []))
    assert (_count(app, "sozialkonferenz_events"), _count(app, "event_chain")) == (events_before, links_before)

    other.append([{"actor": SYSTEM_ACTOR, "update": "Aw=="}])
    retry = [replace(app.mapper.to_stored_event(e), originator_version=2) for e in other.collect_events()]
    asyncio.run(writer.append(retry, []))
    writer.close()
    assert _count(app, "sozialkonferenz_events") == events_before + 1
    report = verify_chain(app.recorder.datastore.engine)  # type: ignore[attr-defined]
    assert report.ok, report.summary()


def test_a_held_write_lock_is_waited_for_off_the_event_loop(sqlite_app: Sozialkonferenz) -> None:
    """While a command holds the store's write lock, the batch waits on the writer's thread, not on the loop."""
    app, writer = sqlite_app, _writer(sqlite_app)
    document = _document(app)
    document.append([{"actor": SYSTEM_ACTOR, "update": "AQ=="}])
    stored = [app.mapper.to_stored_event(e) for e in document.collect_events()]
    lock = app.recorder.datastore.write_lock  # type: ignore[attr-defined]
    lock.acquire()
    threading.Timer(0.5, lock.release).start()

    async def scenario() -> tuple[int, float]:
        ticks = 0
        started = time.monotonic()
        write = asyncio.create_task(writer.append(stored, []))
        while not write.done():
            await asyncio.sleep(0.01)
            ticks += 1
        await write
        return ticks, time.monotonic() - started

    try:
        ticks, waited = asyncio.run(scenario())
    finally:
        writer.close()
    assert waited >= 0.45, "the write waited for the lock"
    assert ticks >= 10, "the loop ran other work while the batch waited"
    assert app.repository.get(document.id).version == 2


def test_the_writer_reads_the_last_link_only_when_another_writer_stored_since(sqlite_app: Sozialkonferenz) -> None:
    """Batch after batch, the writer knows the chain's last link (its own); after an event stored by the
    application's recorder in between, it reads the link from the table, and the chain holds."""
    app, writer = sqlite_app, _writer(sqlite_app)
    document = _document(app)
    statements: list[str] = []

    def batch(update: str) -> None:
        document.append([{"actor": SYSTEM_ACTOR, "update": update}])
        asyncio.run(writer.append([app.mapper.to_stored_event(e) for e in document.collect_events()], []))

    try:
        batch("AQ==")  # the first: the writer has not chained anything yet
        writer._connect().set_trace_callback(statements.append)
        batch("Ag==")
        batch("Aw==")
        reads_in_a_row = [s for s in statements if "FROM event_chain" in s]
        statements.clear()
        other = _document(app)  # stored through the library's recorder, with its link
        batch("BA==")
        reads_after_another = [s for s in statements if "FROM event_chain" in s]
    finally:
        writer.close()
    assert reads_in_a_row == []
    assert len(reads_after_another) == 1
    report = verify_chain(app.recorder.datastore.engine)  # type: ignore[attr-defined]
    assert report.ok, report.summary()
    assert report.checked == _count(app, "sozialkonferenz_events") == 6
    assert app.repository.get(document.id).version == 5 and app.repository.get(other.id).version == 1
