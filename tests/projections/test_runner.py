"""The projection runner: exactly once, resumable, and a rebuild equals the incremental views."""

from __future__ import annotations

import threading
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import func, select

from domain.application import Sozialkonferenz
from projections import tables as t
from projections.runner import ProjectionRunner, rebuild_all
from tests.domain.builders import MEASURE_STATUSES, conference_in_status, measure_in_status

VIEW_TABLES = [table for table in t.metadata.sorted_tables if table is not t.positions]


def snapshot(runner: ProjectionRunner) -> dict[str, list[tuple[Any, ...]]]:
    """Every view row, without surrogate keys, sorted: comparable across rebuilds."""
    result = {}
    with runner.engine.connect() as connection:
        for table in VIEW_TABLES:
            columns = [c for c in table.c if not (table is t.evaluation_factors and c.name == "id")]
            rows = connection.execute(select(*columns)).all()
            result[table.name] = sorted(tuple(map(repr, row)) for row in rows)
    return result


def build_history(app: Sozialkonferenz, actor: UUID, runner: ProjectionRunner | None = None) -> None:
    """Measures in every status; the runner (if given) catches up between steps."""
    for status in MEASURE_STATUSES:
        measure_in_status(app, actor, status)
        if runner is not None:
            runner.catch_up()


def test_incremental_views_equal_a_rebuild(app: Sozialkonferenz, actor: UUID) -> None:
    runner = ProjectionRunner(app, batch_size=7)
    build_history(app, actor, runner)
    runner.catch_up()
    incremental = snapshot(runner)
    assert len(incremental["view_measures"]) >= len(MEASURE_STATUSES)
    assert incremental["view_evaluation_factors"], "evaluations must have left obstacles and enablers"

    rebuild_all(runner)

    assert snapshot(runner) == incremental
    assert all(p["lag"] == 0 for p in runner.status())


def test_views_hold_what_the_aggregates_say(app: Sozialkonferenz, actor: UUID) -> None:
    build_history(app, actor)
    runner = ProjectionRunner(app)
    runner.catch_up()
    with runner.engine.connect() as connection:
        statuses = dict(connection.execute(select(t.measures.c.id, t.measures.c.status)).all())
        groups = dict(connection.execute(select(t.working_groups.c.id, t.working_groups.c.proposal_count)).all())
    from domain.measure import Measure
    from domain.working_group import WorkingGroup

    for measure_id, status in statuses.items():
        assert app.load(Measure, measure_id).status == status
    for group_id, count in groups.items():
        assert len(app.load(WorkingGroup, group_id).proposal_ids) == count


class Crash(Exception):
    pass


def test_a_crash_between_rows_and_position_rolls_back_and_resumes_without_double_counting(
    app: Sozialkonferenz, actor: UUID, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = conference_in_status(app, actor, "in_session")
    runner = ProjectionRunner(app)
    runner.catch_up()
    before = snapshot(runner)
    for _ in range(3):
        app.draft_measure(actor, case.group_id, {"title": "Sprachcafé"})

    original = runner.record_position

    def crash_after_rows(connection: Any, name: str, position: int | None) -> None:
        if name == "working_groups" and position is not None:
            raise Crash("Stromausfall zwischen Zeilen und Position")
        original(connection, name, position)

    monkeypatch.setattr(runner, "record_position", crash_after_rows)
    with pytest.raises(Crash):
        runner.catch_up()
    # The failed view kept neither its rows nor its position.
    after_crash = snapshot(runner)
    assert after_crash["view_working_groups"] == before["view_working_groups"]
    positions = {p["name"]: p["position"] for p in runner.status()}
    assert positions["working_groups"] < app.position()

    # A new runner (a restarted server) resumes from the stored positions.
    monkeypatch.undo()
    restarted = ProjectionRunner(app)
    restarted.catch_up()
    with restarted.engine.connect() as connection:
        count = connection.execute(
            select(t.working_groups.c.proposal_count).where(t.working_groups.c.id == str(case.group_id))
        ).scalar_one()
        measures = connection.execute(select(func.count()).select_from(t.measures)).scalar_one()
    assert count == 3
    assert measures == 3
    assert all(p["lag"] == 0 for p in restarted.status())


def test_two_runners_on_one_database_apply_each_event_once(
    database_url: str, app: Sozialkonferenz, actor: UUID
) -> None:
    from server.composition import build_application, close_application

    case = conference_in_status(app, actor, "in_session")
    for i in range(40):
        app.draft_measure(actor, case.group_id, {"title": f"Vorschlag {i}"})
    other_app = build_application(database_url)
    try:
        runners = [ProjectionRunner(app, batch_size=5), ProjectionRunner(other_app, batch_size=5)]
        errors: list[BaseException] = []

        def run(runner: ProjectionRunner) -> None:
            while True:
                try:
                    runner.catch_up()
                    if min(runner.positions.values()) >= app.position():
                        return
                except Exception as error:  # a busy database is retried, anything else is recorded
                    if "locked" not in str(error) and "busy" not in str(error).lower():
                        errors.append(error)
                        return

        threads = [threading.Thread(target=run, args=(r,)) for r in runners]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not errors
        with app.recorder.datastore.engine.connect() as connection:  # type: ignore[attr-defined]
            count = connection.execute(
                select(t.working_groups.c.proposal_count).where(t.working_groups.c.id == str(case.group_id))
            ).scalar_one()
        assert count == 40
    finally:
        close_application(other_app)


def test_wait_for_returns_once_views_reach_a_position(app: Sozialkonferenz, actor: UUID) -> None:
    runner = ProjectionRunner(app, poll_interval=0.05)
    runner.start()
    try:
        conference_in_status(app, actor, "prepared")
        assert runner.wait_for(app.position(), timeout=10)
        assert not runner.wait_for(app.position() + 1000, timeout=0.2)
    finally:
        runner.stop()


def test_changes_name_the_rows_and_their_conference(app: Sozialkonferenz, actor: UUID) -> None:
    runner = ProjectionRunner(app)
    runner.catch_up()
    received: list[Any] = []
    runner.listeners.append(lambda changes, position: received.extend(changes))
    case = conference_in_status(app, actor, "in_session")
    runner.catch_up()
    conference_changes = [c for c in received if c.view == "conferences"]
    assert {c.id for c in conference_changes} == {str(case.conference_id)}
    assert {c.conference_id for c in received if c.view == "working_groups"} == {str(case.conference_id)}
