"""Cycle comparison for planners: per standing working group and per district, cycle by cycle."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import case, func, literal, select
from sqlalchemy.engine import Connection

from projections import tables as t

CITY_WIDE = "gesamtstädtisch"  # the district row of measures for the whole city

COUNTED = (
    "mandated",
    "proposed",
    "adopted",
    "approved",
    "rejected",
    "implemented",
    "partly_implemented",
    "abandoned",
    "carried_over",
)


def _counts(m: Any) -> list[Any]:
    def count(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0))

    implemented = m.c.outcome == "implemented"
    return [
        func.count().label("measures"),
        count(m.c.ever_proposed).label("proposed"),
        count(m.c.ever_adopted).label("adopted"),
        count(m.c.ever_approved).label("approved"),
        count(m.c.committee_decision.in_(("approved", "amended", "noted"))).label("mandated"),
        count(m.c.ever_rejected).label("rejected"),
        count(implemented).label("implemented"),
        count(m.c.outcome == "partly_implemented").label("partly_implemented"),
        count(m.c.outcome == "abandoned").label("abandoned"),
        count(m.c.carried_over_to.is_not(None)).label("carried_over"),
    ]


def _with_rate(row: dict[str, Any]) -> dict[str, Any]:
    row = {k: (int(v) if k in COUNTED or k == "measures" else v) for k, v in row.items()}
    decided = row["mandated"]  # decided so that implementation could start
    row["implementation_rate"] = (
        round((row["implemented"] + 0.5 * row["partly_implemented"]) / decided, 3) if decided else None
    )
    return row


def _factors(connection: Connection, key: Any, series: str) -> dict[tuple[str, str], dict[str, dict[str, int]]]:
    f, m, c = t.evaluation_factors, t.measures, t.conferences
    query = (
        select(key.label("key"), m.c.cycle, f.c.factor, f.c.category, func.count())
        .join(m, m.c.id == f.c.measure_id)
        .join(c, c.c.id == m.c.conference_id)
        .where(c.c.series == series)
        .group_by(key, m.c.cycle, f.c.factor, f.c.category)
    )
    result: dict[tuple[str, str], dict[str, dict[str, int]]] = defaultdict(lambda: {"obstacle": {}, "enabler": {}})
    for key_value, cycle, factor, category, count in connection.execute(query):
        result[(key_value, cycle)][factor][category] = count
    return result


def cycle_comparison(connection: Connection, series: str) -> dict[str, Any]:
    m, c, g = t.measures, t.conferences, t.working_groups
    cycles = list(connection.execute(select(c.c.cycle).where(c.c.series == series).order_by(c.c.starts_on)).scalars())
    lineage_names = {
        lineage: name
        for lineage, name in connection.execute(
            select(g.c.lineage_id, g.c.name)
            .join(c, c.c.id == g.c.conference_id)
            .where(c.c.series == series)
            .order_by(c.c.starts_on)
        )
    }
    by_group_query = (
        select(m.c.lineage_id.label("key"), m.c.cycle, *_counts(m))
        .join(c, c.c.id == m.c.conference_id)
        .where(c.c.series == series)
        .group_by(m.c.lineage_id, m.c.cycle)
    )
    # A measure without a district and one marked "gesamtstädtisch" count in one row.
    district_key = case(
        (c.c.district != "", c.c.district), (m.c.district != "", m.c.district), else_=literal(CITY_WIDE)
    )
    by_district_query = (
        select(district_key.label("key"), m.c.cycle, *_counts(m))
        .join(c, c.c.id == m.c.conference_id)
        .where(c.c.series == series)
        .group_by(district_key, m.c.cycle)
    )
    group_factors = _factors(connection, m.c.lineage_id, series)
    district_factors = _factors(connection, district_key, series)

    def table(
        query: Any, factors: dict[tuple[str, str], dict[str, dict[str, int]]], label: Any
    ) -> list[dict[str, Any]]:
        rows = []
        for row in connection.execute(query).mappings():
            entry = _with_rate(dict(row))
            entry["label"] = label(entry["key"])
            entry.update(factors.get((entry["key"], entry["cycle"]), {"obstacle": {}, "enabler": {}}))
            entry["obstacles"], entry["enablers"] = entry.pop("obstacle"), entry.pop("enabler")
            rows.append(entry)
        return sorted(rows, key=lambda r: (r["label"], r["cycle"]))

    return {
        "series": series,
        "cycles": cycles,
        "working_groups": table(by_group_query, group_factors, lambda key: lineage_names.get(key, key)),
        "districts": table(by_district_query, district_factors, lambda key: key),
    }
