"""Read queries the server answers from the view tables.

Every function takes a SQLAlchemy connection and returns JSON-ready dicts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Connection

from domain.application import SYSTEM_ACTOR
from domain.people import pseudonym
from projections import districts_and_indicators as extras
from projections import tables as t
from projections.personal_data import personal_data_table as pd

CATALOGUE_FILTERS = (
    "conference_id",
    "cycle",
    "working_group_id",
    "lineage_id",
    "status",
    "lead_organisation_id",
    "committee_id",
)
SUMMARY_COLUMNS = ("id", "reference", "title", "status", "conference_id", "working_group_id", "cycle", "district")


def _rows(connection: Connection, query: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in connection.execute(query).mappings()]


def measures_by_status(connection: Connection, conference_ids: list[str]) -> dict[str, dict[str, int]]:
    query = (
        select(t.measures.c.conference_id, t.measures.c.status, func.count())
        .where(t.measures.c.conference_id.in_(conference_ids))
        .group_by(t.measures.c.conference_id, t.measures.c.status)
    )
    result: dict[str, dict[str, int]] = {i: {} for i in conference_ids}
    for conference_id, status, count in connection.execute(query):
        result[conference_id][status] = count
    return result


def conferences(connection: Connection, series: str | None = None) -> list[dict[str, Any]]:
    query = select(t.conferences).order_by(t.conferences.c.series, t.conferences.c.starts_on)
    if series:
        query = query.where(t.conferences.c.series == series)
    rows = _rows(connection, query)
    counts = measures_by_status(connection, [r["id"] for r in rows])
    for row in rows:
        row.pop("minutes")
        row["measures_by_status"] = counts[row["id"]]
        row["measure_count"] = sum(counts[row["id"]].values())
    return rows


def conference(connection: Connection, conference_id: str) -> dict[str, Any] | None:
    rows = _rows(connection, select(t.conferences).where(t.conferences.c.id == conference_id))
    if not rows:
        return None
    row = rows[0]
    row["measures_by_status"] = measures_by_status(connection, [conference_id])[conference_id]
    row["working_groups"] = _rows(
        connection,
        select(t.working_groups)
        .where(t.working_groups.c.conference_id == conference_id)
        .order_by(t.working_groups.c.number),
    )
    return row


def names(connection: Connection, person_ids: list[str]) -> dict[str, str]:
    """Display names; erased or unknown people appear under their stable pseudonym."""
    found = dict(connection.execute(select(pd.c.person_id, pd.c.name).where(pd.c.person_id.in_(person_ids))).all())
    found[str(SYSTEM_ACTOR)] = "System"
    return {p: found.get(p) or pseudonym(p) for p in person_ids}  # type: ignore[arg-type]


def people(connection: Connection) -> list[dict[str, Any]]:
    query = select(t.people, pd.c.name, pd.c.email).outerjoin(pd, pd.c.person_id == t.people.c.id)
    rows = _rows(connection, query.order_by(pd.c.name))
    for row in rows:
        if row["name"] is None:
            row["name"], row["email"] = pseudonym(row["id"]), ""  # type: ignore[arg-type]
    return rows


def organisations(connection: Connection) -> list[dict[str, Any]]:
    return _rows(connection, select(t.organisations).order_by(t.organisations.c.name))


def committees(connection: Connection) -> list[dict[str, Any]]:
    return _rows(connection, select(t.committees).order_by(t.committees.c.name))


def working_group_board(connection: Connection, working_group_id: str) -> dict[str, Any] | None:
    rows = _rows(connection, select(t.working_groups).where(t.working_groups.c.id == working_group_id))
    if not rows:
        return None
    group = rows[0]
    people_names = names(connection, [*group["member_ids"], *group["moderator_ids"]])
    group["members"] = [{"id": p, "name": people_names[p]} for p in group["member_ids"]]
    group["moderators"] = [{"id": p, "name": people_names[p]} for p in group["moderator_ids"]]
    m = t.measures
    summary = [m.c[c] for c in SUMMARY_COLUMNS]
    group["proposals"] = _rows(
        connection, select(*summary).where(m.c.working_group_id == working_group_id).order_by(m.c.reference)
    )
    previous = connection.execute(
        select(t.conferences.c.previous_conference_id).where(t.conferences.c.id == group["conference_id"])
    ).scalar()
    group["to_evaluate"] = []
    if previous:
        evaluable = _rows(
            connection,
            select(*summary, m.c.evaluated_by_conference_id, m.c.verdict, m.c.progress)
            .where(and_(m.c.conference_id == previous, m.c.lineage_id == group["lineage_id"], m.c.ever_adopted))
            .order_by(m.c.reference),
        )
        for row in evaluable:
            row["evaluated"] = row.pop("evaluated_by_conference_id") == group["conference_id"]
        group["to_evaluate"] = evaluable
    return group


def catalogue(
    connection: Connection,
    filters: dict[str, str],
    series: str | None = None,
    district: str | None = None,
    text: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[dict[str, Any]]:
    m = t.measures
    query = select(*(c for c in m.c if c.name != "search_text"))
    for name, value in filters.items():
        if name in CATALOGUE_FILTERS and value:
            query = query.where(m.c[name] == value)
    if series:
        query = query.where(m.c.conference_id.in_(select(t.conferences.c.id).where(t.conferences.c.series == series)))
    if district and extras.is_district_id(district):  # a district of the list, by id
        query = query.where(extras.in_district(m.c.id, district))
    elif district:  # the free text of before (the measure's remark or its conference's district)
        district_conferences = select(t.conferences.c.id).where(t.conferences.c.district == district)
        query = query.where((m.c.district == district) | m.c.conference_id.in_(district_conferences))
    for word in (text or "").lower().split():
        query = query.where(m.c.search_text.contains(word, autoescape=True))
    rows = _rows(connection, query.order_by(m.c.cycle.desc(), m.c.reference).limit(limit).offset(offset))
    return extras.attach(connection, rows)


def measure(connection: Connection, measure_id: str) -> dict[str, Any] | None:
    rows = _rows(
        connection, select(*(c for c in t.measures.c if c.name != "search_text")).where(t.measures.c.id == measure_id)
    )
    if not rows:
        return None
    row = rows[0]
    row["factors"] = _rows(
        connection,
        select(t.evaluation_factors.c.factor, t.evaluation_factors.c.category, t.evaluation_factors.c.text)
        .where(t.evaluation_factors.c.measure_id == measure_id)
        .order_by(t.evaluation_factors.c.id),
    )
    return extras.attach(connection, [row])[0]


def decision_log(
    connection: Connection,
    conference_id: str | None = None,
    aggregate_id: str | None = None,
    kind: str | None = None,
    actor_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[dict[str, Any]]:
    d = t.decisions
    query = select(d)
    for column, value in (
        (d.c.conference_id, conference_id),
        (d.c.aggregate_id, aggregate_id),
        (d.c.kind, kind),
        (d.c.actor_id, actor_id),
    ):
        if value:
            query = query.where(column == value)
    if since:
        query = query.where(d.c.at >= since)
    if until:
        query = query.where(d.c.at <= until)
    rows = _rows(connection, query.order_by(d.c.position).limit(limit).offset(offset))
    actor_names = names(connection, sorted({r["actor_id"] for r in rows}))
    for row in rows:
        row["actor_name"] = actor_names[row["actor_id"]]
    return rows


def docket(connection: Connection, committee_id: str) -> list[dict[str, Any]]:
    k, m = t.docket, t.measures
    query = (
        select(
            k, m.c.reference, m.c.title, m.c.cost, m.c.cost_estimate_eur, m.c.funding, m.c.funding_secured, m.c.status
        )
        .join(m, m.c.id == k.c.measure_id)
        .where(k.c.committee_id == committee_id)
        .order_by(k.c.submitted_at)
    )
    return _rows(connection, query)


def committee_desk(connection: Connection, committee_id: str) -> dict[str, Any] | None:
    """One committee: its members (with names) and its docket, newest submission last."""
    rows = _rows(connection, select(t.committees).where(t.committees.c.id == committee_id))
    if not rows:
        return None
    found = connection.execute(
        select(t.committee_members.c.member_ids).where(t.committee_members.c.id == committee_id)
    ).scalar()
    member_ids = list(found or [])
    member_names = names(connection, member_ids)
    members = sorted(({"id": p, "name": member_names[p]} for p in member_ids), key=lambda m: m["name"])
    return {**rows[0], "member_ids": member_ids, "members": members, "docket": docket(connection, committee_id)}
