"""Queries on the districts and indicator views: the district list, and each measure row's districts and
structured indicators (with their actuals, latest value and attainment)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from projections import tables as t
from projections.framework import chunks
from projections.indicators import indicator_views

ACTUAL_COLUMNS = ("indicator", "value", "date", "source", "remark", "reported_by", "kind")


def districts(connection: Connection, include_retired: bool = True) -> list[dict[str, Any]]:
    d = t.districts
    query = select(d.c.id, d.c.name, d.c.citywide, d.c.retired).order_by(d.c.position)
    if not include_retired:
        query = query.where(d.c.retired.is_(False))
    return [dict(row) for row in connection.execute(query).mappings()]


def is_district_id(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return True


def in_district(measure_id: ColumnElement[Any], district_id: str) -> ColumnElement[bool]:
    """Measures that name the district (by id)."""
    md = t.measure_districts
    return measure_id.in_(select(md.c.measure_id).where(md.c.district_id == district_id))


def attach(connection: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each measure row ``district_ids``, ``districts`` ([{id, name, citywide, retired}]) and
    ``indicators`` (structured, with actuals and attainment)."""
    ids = [row["id"] for row in rows]
    named: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    actuals: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    md, d, a = t.measure_districts, t.districts, t.indicator_actuals
    for chunk in chunks(ids, 500):
        query = (
            select(md.c.measure_id, d.c.id, d.c.name, d.c.citywide, d.c.retired)
            .join(d, d.c.id == md.c.district_id)
            .where(md.c.measure_id.in_(chunk))
            .order_by(md.c.measure_id, md.c.position)
        )
        for row in connection.execute(query).mappings():
            named[row["measure_id"]].append({k: row[k] for k in ("id", "name", "citywide", "retired")})
        query = select(a.c.measure_id, *(a.c[c] for c in ACTUAL_COLUMNS)).where(a.c.measure_id.in_(chunk))
        for row in connection.execute(query.order_by(a.c.position, a.c.id)).mappings():
            actuals[row["measure_id"]].append({c: row[c] for c in ACTUAL_COLUMNS})
    for row in rows:
        row["districts"] = named[row["id"]]
        row["district_ids"] = [district["id"] for district in named[row["id"]]]
        row["indicators"] = indicator_views(row.get("indicator_list") or [], actuals[row["id"]])
    return rows
