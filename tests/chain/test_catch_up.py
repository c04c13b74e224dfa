"""A store written before the chain existed gets its links when the server starts, from the last link on."""

from __future__ import annotations

from sqlalchemy import select, text

from domain.application import SYSTEM_ACTOR
from server.chain import event_chain
from server.chain_report import ChainProblem
from server.chain_verification import verify_chain
from server.composition import build_application, close_application
from tests.chain.conftest import Store, fill


def links(store: Store) -> list[tuple[int, bytes]]:
    with store.engine.connect() as connection:
        rows = connection.execute(select(event_chain.c.notification_id, event_chain.c.hash).order_by("notification_id"))
        return [(row[0], bytes(row[1])) for row in rows]


def test_a_store_without_chain_table_gets_the_whole_chain_on_start_up(database_url: str) -> None:
    app = build_application(database_url)
    try:
        store = fill(app)
        expected = links(store)
        with store.engine.begin() as connection:
            connection.execute(text("DROP TABLE event_chain"))  # as written by a version before the chain
        assert verify_chain(store.engine).problem == ChainProblem("missing", 0)
    finally:
        close_application(app)

    app = build_application(database_url)
    try:
        store = Store(app, store.organisation, store.person, store.document)
        assert links(store) == expected  # the same links as if they had been written with the events
        app.register_organisation(SYSTEM_ACTOR, "Caritas", "welfare")
        report = verify_chain(store.engine)
        assert report.ok and report.checked == len(store.notifications()) == len(expected) + 1
    finally:
        close_application(app)


def test_catch_up_continues_from_the_last_link_and_keeps_the_earlier_ones(database_url: str) -> None:
    app = build_application(database_url)
    try:
        store = fill(app)
        expected = links(store)
        last_kept = expected[2][0]
        store.sql("DELETE FROM event_chain WHERE notification_id > :id", id=last_kept)
        store.sql("UPDATE event_chain SET hash = :hash WHERE notification_id = :id", hash=bytes(32), id=expected[0][0])
        tail = verify_chain(store.engine)
        assert tail.problem is not None and tail.problem.notification_id == expected[0][0]
        store.sql(
            "UPDATE event_chain SET hash = :hash WHERE notification_id = :id", hash=expected[0][1], id=expected[0][0]
        )
        unchained = verify_chain(store.engine).problem
        assert unchained is not None and (unchained.kind, unchained.notification_id) == ("inserted", expected[3][0])
    finally:
        close_application(app)

    app = build_application(database_url)
    try:
        restarted = Store(app, store.organisation, store.person, store.document)
        assert links(restarted) == expected
        assert verify_chain(restarted.engine).ok
    finally:
        close_application(app)
