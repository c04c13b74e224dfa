"""A store written before the chain existed gets its links when the server starts, from the last link on.

The catch-up runs once: its end is recorded (``event_chain_catch_up``) in the transaction of its
last link, and afterwards a start-up links nothing, so a row put directly at the end of the events
table stays unlinked and is named by every later verification.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select, text
from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR
from server.app import create_app
from server.chain import event_chain, event_chain_catch_up
from server.chain_report import ChainProblem
from server.chain_verification import verify_chain
from server.composition import build_application, close_application
from server.config import Settings
from tests.auth import bearer, issue_token
from tests.chain.conftest import EVENTS, Store, fill


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
            connection.execute(text("DROP TABLE event_chain_catch_up"))
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
        store.sql("DELETE FROM event_chain_catch_up")  # as if an earlier catch-up had stopped after a batch
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


def forge_at_the_end(store: Store) -> int:
    """A copy of the last command event under a new version, inserted straight into the events table."""
    original = store.event(store.organisation, 1)
    store.sql(
        f"INSERT INTO {EVENTS} (originator_id, originator_version, topic, state)"
        f" SELECT originator_id, 2, topic, state FROM {EVENTS} WHERE id = :id",
        id=original.id,
    )
    return store.event(store.organisation, 2).id


def test_the_catch_up_is_recorded_once_with_the_position_it_reached(database_url: str) -> None:
    app = build_application(database_url)
    try:
        store = fill(app)
        with store.engine.connect() as connection:
            rows = connection.execute(select(event_chain_catch_up.c.id, event_chain_catch_up.c.through)).all()
        assert [tuple(r) for r in rows] == [(1, 0)]  # a new store: nothing to catch up, recorded at the start
    finally:
        close_application(app)


def test_a_row_inserted_at_the_end_stays_unlinked_after_a_restart(database_url: str) -> None:
    app = build_application(database_url)
    try:
        store = fill(app)
        forged = forge_at_the_end(store)
        expected = links(store)
        assert verify_chain(store.engine).problem == ChainProblem(
            "inserted", forged, store.organisation, 2, store.event(store.organisation, 2).topic
        )
    finally:
        close_application(app)

    app = build_application(database_url)  # the start-up's catch-up must not legitimise it
    try:
        restarted = Store(app, store.organisation, store.person, store.document)
        assert links(restarted) == expected
        app.register_committee(SYSTEM_ACTOR, "Jugendhilfeausschuss", "JHA")  # chains past the forged row
        problem = verify_chain(restarted.engine).problem
        assert problem is not None and (problem.kind, problem.notification_id) == ("inserted", forged)
    finally:
        close_application(app)

    with TestClient(create_app(Settings(database_url=database_url))) as client:  # the server, restarted again
        runtime = client.app_state["runtime"]
        organiser = runtime.application.register_person(SYSTEM_ACTOR, "Prüferin", "pruefung@example.org")
        issue_token(runtime, organiser, organiser=True)
        report = client.get("/api/audit/chain", params={"refresh": 1}, headers=bearer(organiser)).json()
    assert report["ok"] is False
    assert report["problem"]["kind"] == "inserted" and report["problem"]["notification_id"] == forged
    assert UUID(report["problem"]["originator_id"]) == store.organisation
