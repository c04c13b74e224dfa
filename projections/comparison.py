"""Cycle comparison for planners: per standing working group and per district, cycle by cycle.

Every figure counts the measures of one condition in ``projections.figures``; the catalogue filters by the
same conditions, so each number can link to exactly the measures behind it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection

from projections import tables as t
from projections.figures import CITY_WIDE, STAGES, district_key, stage

__all__ = ["CITY_WIDE", "COUNTED", "cycle_comparison"]

COUNTED = tuple(STAGES)

Factors = dict[tuple[str, str], dict[str, dict[str, int]]]


def _counts() -> list[Any]:
    return [func.sum(case((stage(name), 1), else_=0)).label(name) for name in COUNTED]


def _with_rate(row: dict[str, Any]) -> dict[str, Any]:
    row = {k: (int(v) if k in COUNTED else v) for k, v in row.items()}
    decided = row["mandated"]  # decided so that implementation could start
    row["implementation_rate"] = (
        round((row["implemented"] + 0.5 * row["partly_implemented"]) / decided, 3) if decided else None
    )
    return row


def _factors(connection: Connection, key: Any, series: str) -> Factors:
    """Per key and cycle: how many measures name an obstacle (an enabler) of each category."""
    f, m, c = t.evaluation_factors, t.measures, t.conferences
    query = (
        select(key.label("key"), m.c.cycle, f.c.factor, f.c.category, func.count(func.distinct(m.c.id)))
        .join(m, m.c.id == f.c.measure_id)
        .join(c, c.c.id == m.c.conference_id)
        .where(c.c.series == series)
        .group_by(key, m.c.cycle, f.c.factor, f.c.category)
    )
    result: Factors = defaultdict(lambda: {"obstacle": {}, "enabler": {}})
    for key_value, cycle, factor, category, count in connection.execute(query):
        result[(key_value, cycle)][factor][category] = int(count)
    return result


def cycle_comparison(connection: Connection, series: str) -> dict[str, Any]:
    m, c, g = t.measures, t.conferences, t.working_groups
    conferences = list(
        connection.execute(select(c.c.cycle, c.c.id).where(c.c.series == series).order_by(c.c.starts_on))
    )
    cycles = list(dict.fromkeys(cycle for cycle, _ in conferences))
    lineage_names = {
        lineage: name
        for lineage, name in connection.execute(
            select(g.c.lineage_id, g.c.name)
            .join(c, c.c.id == g.c.conference_id)
            .where(c.c.series == series)
            .order_by(c.c.starts_on)
        )
    }
    district = district_key()

    def table(key: Any, label: Any) -> list[dict[str, Any]]:
        query = (
            select(key.label("key"), m.c.cycle, *_counts())
            .join(c, c.c.id == m.c.conference_id)
            .where(c.c.series == series)
            .group_by(key, m.c.cycle)
        )
        factors = _factors(connection, key, series)
        rows = []
        for row in connection.execute(query).mappings():
            entry = _with_rate(dict(row))
            entry["label"] = label(entry["key"])
            found = factors.get((entry["key"], entry["cycle"]), {"obstacle": {}, "enabler": {}})
            entry["obstacles"], entry["enablers"] = found["obstacle"], found["enabler"]
            rows.append(entry)
        return sorted(rows, key=lambda r: (r["label"], r["cycle"]))

    return {
        "series": series,
        "cycles": cycles,
        "conferences": [{"cycle": cycle, "id": id} for cycle, id in conferences],
        "working_groups": table(m.c.lineage_id, lambda key: lineage_names.get(key, key)),
        "districts": table(district, lambda key: key),
    }
