"""The indicator actuals view: an evaluation recorded again replaces the actuals of the one before."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select

from domain.application import Sozialkonferenz
from projections import tables as t
from projections.runner import ProjectionRunner
from tests.domain.builders import measure_in_status


def test_an_evaluation_recorded_again_replaces_its_actuals(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "evaluated")  # evaluated with "Anteil besuchter Familien": "72 %"
    assert case.follow_up is not None
    runner = ProjectionRunner(app)
    runner.catch_up()
    app.record_evaluation(
        actor, case.measure_id, case.follow_up.group_id, progress=90, verdict="continue", rating=5,
        indicator_actuals={"Anteil besuchter Familien": "75 %"},
    )  # fmt: skip
    runner.catch_up()
    a = t.indicator_actuals
    with runner.engine.connect() as connection:
        query = select(a.c.indicator, a.c.value, a.c.kind).where(a.c.measure_id == str(case.measure_id))
        assert connection.execute(query).all() == [("Anteil besuchter Familien", "75", "evaluation")]
