"""Cycle comparison for planners: per standing working group and per district, cycle by cycle.

Every figure counts the measures of one condition in ``projections.figures``; the catalogue filters by the
same conditions, so each number can link to exactly the measures behind it. Districts are those of the city's
list a measure names (a measure naming two counts in both); a measure naming none counts under its free-text
district (the district conference's, else its remark, else "gesamtstädtisch"), marked ``unlisted``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection

from projections import districts_and_indicators as extras
from projections import tables as t
from projections.figures import CITY_WIDE, MEASURED, STAGES, district_key, listed_district, measure_attainment, stage

__all__ = ["CITY_WIDE", "COUNTED", "cycle_comparison"]

COUNTED = tuple(STAGES)

Key = tuple[str, str]  # (key, cycle)


def _counts() -> list[Any]:
    return [func.sum(case((stage(name), 1), else_=0)).label(name) for name in COUNTED]


def _with_rate(row: dict[str, Any]) -> dict[str, Any]:
    row = {k: (int(v) if k in COUNTED else v) for k, v in row.items()}
    decided = row["mandated"]  # decided so that implementation could start
    row["implementation_rate"] = (
        round((row["implemented"] + 0.5 * row["partly_implemented"]) / decided, 3) if decided else None
    )
    return row


class _Dimension:
    """One way to break the series down: a key per measure, the joins and the condition it needs."""

    def __init__(self, key: Any, listed: bool | None) -> None:
        self.key = key
        self.listed = listed  # True: districts of the list; False: free-text districts; None: not a district

    def select(self, *columns: Any, factors: bool = False) -> Any:
        m, c, md, f = t.measures, t.conferences, t.measure_districts, t.evaluation_factors
        source = m.join(c, c.c.id == m.c.conference_id)
        if self.listed:
            source = source.join(md, md.c.measure_id == m.c.id)
        if factors:
            source = source.join(f, f.c.measure_id == m.c.id)
        query = select(self.key.label("key"), m.c.cycle, *columns).select_from(source)
        return query.where(~listed_district(m)) if self.listed is False else query


def _rows(connection: Connection, series: str, dimension: _Dimension) -> list[dict[str, Any]]:
    m, c, f = t.measures, t.conferences, t.evaluation_factors
    query = dimension.select(*_counts()).where(c.c.series == series).group_by(dimension.key, m.c.cycle)
    rows = [_with_rate(dict(row)) for row in connection.execute(query).mappings()]
    factors: dict[Key, dict[str, dict[str, int]]] = defaultdict(lambda: {"obstacle": {}, "enabler": {}})
    query = (
        dimension.select(f.c.factor, f.c.category, func.count(func.distinct(m.c.id)), factors=True)
        .where(c.c.series == series)
        .group_by(dimension.key, m.c.cycle, f.c.factor, f.c.category)
    )
    for key, cycle, factor, category, count in connection.execute(query):
        factors[(key, cycle)][factor][category] = int(count)  # measures naming the category, not mentions
    for row in rows:
        found = factors[(row["key"], row["cycle"])]
        row["obstacles"], row["enablers"] = found["obstacle"], found["enabler"]
    return rows


def _attainments(connection: Connection, series: str) -> tuple[dict[Key, list[float]], dict[Key, list[float]]]:
    """Per (lineage, cycle) and per (district, cycle): the attainment of each measure that has one."""
    m, c = t.measures, t.conferences
    query = (
        select(m.c.id, m.c.lineage_id, m.c.cycle, m.c.indicator_list, district_key().label("free_district"))
        .join(c, c.c.id == m.c.conference_id)
        .where(c.c.series == series)
    )
    rows = extras.attach(connection, [dict(row) for row in connection.execute(query).mappings()])
    groups: dict[Key, list[float]] = defaultdict(list)
    districts: dict[Key, list[float]] = defaultdict(list)
    for row in rows:
        value = measure_attainment(row)
        if value is None:
            continue
        groups[(row["lineage_id"], row["cycle"])].append(value)
        for district in row["district_ids"] or [row["free_district"]]:
            districts[(district, row["cycle"])].append(value)
    return groups, districts


def _with_attainment(rows: list[dict[str, Any]], values: dict[Key, list[float]]) -> None:
    for row in rows:
        found = values.get((row["key"], row["cycle"]), [])
        row[MEASURED] = len(found)
        row["attainment"] = round(sum(found) / len(found), 3) if found else None


def cycle_comparison(connection: Connection, series: str) -> dict[str, Any]:
    m, c, g, d = t.measures, t.conferences, t.working_groups, t.districts
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
    district_names = dict(connection.execute(select(d.c.id, d.c.name)).all())
    group_attainment, district_attainment = _attainments(connection, series)

    groups = _rows(connection, series, _Dimension(m.c.lineage_id, None))
    for row in groups:
        row["label"] = lineage_names.get(row["key"], row["key"])
    listed = _rows(connection, series, _Dimension(t.measure_districts.c.district_id, True))
    for row in listed:
        row["label"], row["unlisted"] = district_names.get(row["key"], row["key"]), False
    names = {row["label"] for row in listed}
    free = _rows(connection, series, _Dimension(district_key(), False))
    for row in free:  # a free text that is also a listed district's name is told apart
        row["label"] = f"{row['key']} (Freitext)" if row["key"] in names else row["key"]
        row["unlisted"] = True
    _with_attainment(groups, group_attainment)
    districts = listed + free
    _with_attainment(districts, district_attainment)

    def ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda r: (r["label"], r["cycle"]))

    return {
        "series": series,
        "cycles": cycles,
        "conferences": [{"cycle": cycle, "id": id} for cycle, id in conferences],
        "working_groups": ordered(groups),
        "districts": ordered(districts),
    }
