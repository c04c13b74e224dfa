"""A person's desk: her working groups and what waits for her in each of her roles, from the view tables.

The caller (``server/http/desk.py``) says which roles the person holds where (from the permission
policy); this module only reads the views.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.engine import Connection

from projections import tables as t
from projections.queries import SUMMARY_COLUMNS, names

TO_AGREE = ("drafted", "returned")  # a group's proposals its moderators may agree on
OPEN_CONFERENCE = ("scheduled", "prepared", "in_session")
LATEST_DECISIONS = 10


@dataclass(frozen=True)
class DeskRoles:
    """Where the person holds which role: city-wide, and per conference (ids as text)."""

    person_id: str
    global_roles: frozenset[str] = frozenset()
    conference_roles: dict[str, frozenset[str]] = field(default_factory=dict)

    def conferences_with(self, role: str, all_conferences: list[str]) -> list[str]:
        if role in self.global_roles:
            return all_conferences
        return [c for c, roles in self.conference_roles.items() if role in roles]


def _rows(connection: Connection, query: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in connection.execute(query).mappings()]


def _summary() -> list[Any]:
    return [t.measures.c[c] for c in SUMMARY_COLUMNS]


def current_conference(conferences: list[dict[str, Any]], today: str) -> dict[str, Any] | None:
    """The conference in session, else the next one to come, else the latest."""
    if not conferences:
        return None
    in_session = [c for c in conferences if c["status"] == "in_session"]
    if in_session:
        return in_session[0]
    coming = sorted((c for c in conferences if c["starts_on"] >= today), key=lambda c: c["starts_on"])
    return coming[0] if coming else max(conferences, key=lambda c: c["starts_on"])


def _groups(connection: Connection, person_id: str, titles: dict[str, str]) -> list[dict[str, Any]]:
    g = t.working_groups
    mine = []
    for group in _rows(connection, select(g).order_by(g.c.conference_id, g.c.number)):
        if person_id in group["moderator_ids"]:
            role = "moderator"
        elif person_id in group["member_ids"]:
            role = "member"
        else:
            continue
        mine.append(
            {
                "id": group["id"],
                "name": group["name"],
                "number": group["number"],
                "conference_id": group["conference_id"],
                "conference_title": titles.get(group["conference_id"], ""),
                "lineage_id": group["lineage_id"],
                "role": role,
            }
        )
    m = t.measures
    ids = [group["id"] for group in mine]
    proposals = _rows(connection, select(*_summary()).where(m.c.working_group_id.in_(ids)).order_by(m.c.reference))
    for group in mine:
        group["proposals"] = [p for p in proposals if p["working_group_id"] == group["id"]]
    return mine


def _to_evaluate(connection: Connection, group: dict[str, Any], previous: str | None) -> list[dict[str, Any]]:
    """Last cycle's adopted measures of the group's lineage that this cycle has not evaluated yet."""
    if not previous:
        return []
    m = t.measures
    rows = _rows(
        connection,
        select(*_summary(), m.c.evaluated_by_conference_id)
        .where(and_(m.c.conference_id == previous, m.c.lineage_id == group["lineage_id"], m.c.ever_adopted))
        .order_by(m.c.reference),
    )
    result = []
    for row in rows:
        if row.pop("evaluated_by_conference_id") != group["conference_id"]:
            result.append({**row, "evaluating_group_id": group["id"], "evaluating_group": group["name"]})
    return result


def _to_decide(connection: Connection, conference_ids: list[str]) -> list[dict[str, Any]]:
    """Papers on the docket of the committee member's conferences without a decision."""
    if not conference_ids:
        return []
    k, m, c = t.docket, t.measures, t.committees
    query = (
        select(k.c.measure_id, k.c.committee_id, k.c.paper_number, k.c.submitted_at, m.c.reference, m.c.title,
               m.c.status, m.c.conference_id, c.c.name.label("committee"))
        .join(m, m.c.id == k.c.measure_id)
        .outerjoin(c, c.c.id == k.c.committee_id)
        .where(and_(m.c.conference_id.in_(conference_ids), k.c.decision == ""))
        .order_by(k.c.submitted_at)
    )  # fmt: skip
    return _rows(connection, query)


def _organiser_today(connection: Connection, conferences: list[dict[str, Any]], today: str) -> dict[str, Any]:
    """For organisers: today's conferences, proposals awaiting the plenary and adopted texts awaiting the committee."""
    open_ids = [c["id"] for c in conferences if c["status"] in OPEN_CONFERENCE]
    all_ids = [c["id"] for c in conferences]
    m = t.measures
    return {
        "today": [c for c in conferences if c["starts_on"] == today],
        "to_adopt": _rows(
            connection,
            select(*_summary()).where(and_(m.c.conference_id.in_(open_ids), m.c.status == "proposed"))
            .order_by(m.c.reference),
        ),
        "to_submit": _rows(
            connection,
            select(*_summary()).where(and_(m.c.conference_id.in_(all_ids), m.c.status == "adopted"))
            .order_by(m.c.reference),
        ),
    }  # fmt: skip


def desk(connection: Connection, roles: DeskRoles, today: str) -> dict[str, Any]:
    """Everything the start page shows a signed-in person, in the lists her roles give her."""
    columns = ("id", "title", "series", "cycle", "starts_on", "venue", "status", "previous_conference_id")
    conferences = _rows(connection, select(*(t.conferences.c[c] for c in columns)).order_by(t.conferences.c.starts_on))
    by_id = {c["id"]: c for c in conferences}
    titles = {c["id"]: c["title"] for c in conferences}
    all_ids = [c["id"] for c in conferences]
    groups = _groups(connection, roles.person_id, titles)
    groups.sort(key=lambda g: ((by_id.get(g["conference_id"]) or {}).get("starts_on", ""), -g["number"]), reverse=True)
    moderated = [g for g in groups if g["role"] == "moderator"]
    to_agree = [
        {**p, "working_group": g["name"]} for g in moderated for p in g["proposals"] if p["status"] in TO_AGREE
    ]
    to_evaluate = [
        row
        for g in moderated
        for row in _to_evaluate(connection, g, (by_id.get(g["conference_id"]) or {}).get("previous_conference_id"))
    ]
    auditing = roles.conferences_with("auditor", all_ids)
    organising = roles.conferences_with("organiser", all_ids)
    return {
        "person_id": roles.person_id,
        "global_roles": sorted(roles.global_roles),
        "conference_roles": {c: sorted(r) for c, r in roles.conference_roles.items() if r},
        "current_conference": current_conference(conferences, today),
        "groups": groups,
        "to_agree": to_agree,
        "to_evaluate": to_evaluate,
        "to_decide": _to_decide(connection, roles.conferences_with("committee_member", [])),
        "to_audit": _to_audit(connection, auditing, "auditor" in roles.global_roles),
        "organiser": _organiser_today(connection, [by_id[c] for c in organising], today) if organising else None,
    }


def _to_audit(connection: Connection, conference_ids: list[str], city_wide: bool) -> dict[str, Any] | None:
    """For auditors: the latest decisions (of their conferences, or city-wide all) and the chain check."""
    if not conference_ids:
        return None
    d = t.decisions
    query = select(d).order_by(d.c.position.desc()).limit(LATEST_DECISIONS)
    if not city_wide:
        query = query.where(d.c.conference_id.in_(conference_ids))
    rows = _rows(connection, query)
    actors = names(connection, sorted({r["actor_id"] for r in rows}))
    m = t.measures
    measure_ids = [r["aggregate_id"] for r in rows]
    titles = dict(connection.execute(select(m.c.id, m.c.title).where(m.c.id.in_(measure_ids))).all())
    for row in rows:
        row["actor_name"] = actors[row["actor_id"]]
        row["title"] = titles.get(row["aggregate_id"], "")
    return {"latest_decisions": rows, "chain_check": "/api/audit/chain"}
