"""The actual values of indicators, one row per reported value.

``Measure.IndicatorActualReported`` carries a number, a date and a source. Progress reports and
evaluations carried free-text actuals before (``{indicator name: text}``); they are read here with
``domain.indicators.legacy_actuals`` (value where the text is plainly a number, else kept as remark),
dated on the day they were recorded.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.engine import Connection

from domain.indicators import legacy_actuals
from projections import tables as t
from projections.framework import Change, Projection, StoredEvent, sid, upsert

LEGACY_SOURCES = {"Measure.ProgressReported": "Fortschrittsbericht", "Measure.Evaluated": "Evaluierung"}
KINDS = {"Measure.ProgressReported": "progress", "Measure.Evaluated": "evaluation"}


class IndicatorActuals(Projection):
    name = "indicator_actuals"
    label = "Ist-Werte der Indikatoren"
    tables = (t.indicator_actuals,)
    handles = frozenset({"Measure.IndicatorActualReported", *LEGACY_SOURCES})

    def apply(self, connection: Connection, events: list[StoredEvent]) -> list[Change]:
        rows: list[dict[str, Any]] = []
        changes: list[Change] = []
        for e in events:
            measure_id = str(e.originator_id)
            if e.name == "Measure.IndicatorActualReported":
                d = e.data
                actuals = [
                    {"indicator": d["indicator"], "value": d["value"], "date": d["measured_on"], "source": d["source"],
                     "remark": d["remark"], "reported_by": e.actor}
                ]  # fmt: skip
                kind = "report"
            else:
                if e.name == "Measure.Evaluated":  # an evaluation recorded again replaces the one before
                    self._drop_evaluation(connection, rows, measure_id)
                given = e.data["indicator_actuals"] if e.name == "Measure.ProgressReported" else (
                    e.data["evaluation"].get("indicator_actuals"))  # fmt: skip
                if not given:
                    continue
                actuals = legacy_actuals(given, date=e.at[:10], source=LEGACY_SOURCES[e.name], reported_by=e.actor)
                kind = KINDS[e.name]
            for i, actual in enumerate(actuals):
                rows.append(
                    {
                        "id": f"{e.position}.{i}",
                        "position": e.position,
                        "measure_id": measure_id,
                        "indicator": actual["indicator"][:200],
                        "value": actual["value"],
                        "date": actual["date"],
                        "source": actual["source"],
                        "remark": actual["remark"],
                        "reported_by": sid(actual["reported_by"]),
                        "kind": kind,
                    }
                )
            changes.append(Change("measures", measure_id, None))
        upsert(connection, t.indicator_actuals, rows)
        return changes

    @staticmethod
    def _drop_evaluation(connection: Connection, rows: list[dict[str, Any]], measure_id: str) -> None:
        table = t.indicator_actuals
        connection.execute(delete(table).where(table.c.measure_id == measure_id, table.c.kind == "evaluation"))
        rows[:] = [r for r in rows if not (r["measure_id"] == measure_id and r["kind"] == "evaluation")]
