"""The public rows OParl is built from: one read of the views, a person named only with her consent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from domain.application import Sozialkonferenz
from projections import queries
from projections import tables as t
from projections.minutes import minutes_of
from projections.personal_data import personal_data_table as pd

Row = dict[str, Any]


@dataclass(frozen=True)
class Snapshot:
    """Everything OParl shows, read in one transaction: a person's id and name only where she agreed to be
    named publicly (``people``, ``roles``); ``group_people`` only dates the printed Dokumentation."""

    conferences: list[Row]
    groups: list[Row]
    measures: dict[str, Row]
    committees: list[Row]
    docket: list[Row]
    times: dict[str, Row]  # committee and group id → created_at, modified_at
    decisions: dict[tuple[str, str], list[Row]]  # (measure id, kind) → decisions in order
    minutes: dict[str, dict[str, Any]]  # conference id → its published minutes (projections.minutes)
    people: list[Row]  # people who once agreed to be named publicly, with ``name`` while they may be named
    roles: list[Row]  # their spans of public roles (projections.public_people)
    group_people: dict[str, set[str]]  # working group id → its members and moderators (for prints' moments)


MEASURE_COLUMNS = (
    "id", "reference", "conference_id", "working_group_id", "status", "title", "committee_id", "paper_number",
    "ever_proposed", "created_at", "updated_at",
)  # fmt: skip


def fingerprint(engine: Any) -> tuple[Any, ...]:
    """Changes whenever anything OParl shows may have changed (live text alone does not change it)."""

    def total(column: Any) -> Any:
        return select(func.coalesce(func.sum(column), 0)).scalar_subquery()

    query = select(
        total(t.conferences.c.version), total(t.working_groups.c.version), total(t.measures.c.version),
        total(t.object_times.c.events), select(func.coalesce(func.max(t.decisions.c.position), 0)).scalar_subquery(),
        select(func.count()).select_from(t.committees).scalar_subquery(),
        select(func.count()).select_from(t.public_roles).scalar_subquery(),
        select(func.max(t.public_roles.c.modified_at)).scalar_subquery(),
        select(func.max(t.public_people.c.modified_at)).scalar_subquery(),
    )  # fmt: skip
    with engine.connect() as connection:
        return tuple(connection.execute(query).one())


def _rows(connection: Connection, query: Any) -> list[Row]:
    return [dict(row) for row in connection.execute(query).mappings()]


def read(app: Sozialkonferenz) -> Snapshot:
    engine = app.recorder.datastore.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        conferences = _rows(connection, select(t.conferences).order_by(t.conferences.c.id))
        group_rows = _rows(connection, select(t.working_groups).order_by(t.working_groups.c.id))
        measures = _rows(connection, select(*(t.measures.c[n] for n in MEASURE_COLUMNS)))
        committees = _rows(connection, select(t.committees).order_by(t.committees.c.id))
        members = dict(connection.execute(select(t.committee_members.c.id, t.committee_members.c.member_ids)).all())
        docket = _rows(connection, select(t.docket).order_by(t.docket.c.id))
        times = {r["id"]: r for r in _rows(connection, select(t.object_times))}
        decision_rows = _rows(
            connection,
            select(
                t.decisions.c.aggregate_id, t.decisions.c.kind, t.decisions.c.at, t.decisions.c.committee_id,
                t.decisions.c.decision, t.decisions.c.position,
            ).where(t.decisions.c.aggregate_type.in_(("measure", "conference", "coordination_group")))
            .order_by(t.decisions.c.position),
        )  # fmt: skip
        people = _rows(connection, select(t.public_people).order_by(t.public_people.c.id))
        roles = _rows(connection, select(t.public_roles).order_by(t.public_roles.c.start_at, t.public_roles.c.id))
        consenting = [p["id"] for p in people if p["consented"]]
        names = queries.names(connection, consenting) if consenting else {}
        stored = set(
            connection.execute(select(pd.c.person_id).where(pd.c.person_id.in_(consenting))).scalars()
        ) if consenting else set()
    groups, group_people = [], {}
    for row in group_rows:
        group_people[row["id"]] = set(row.pop("member_ids")) | set(row.pop("moderator_ids"))
        groups.append({**row, "member_count": len(group_people[row["id"]])})
    for person in people:  # named only with consent and while her name is stored (erasure deletes it)
        person["name"] = names[person["id"]] if person["consented"] and person["id"] in stored else None
    shown = {p["id"] for p in people}
    for row in committees:
        row["member_count"] = len(members.get(row["id"]) or [])
    decisions: dict[tuple[str, str], list[Row]] = {}
    for row in decision_rows:
        decisions.setdefault((row["aggregate_id"], row["kind"]), []).append(row)
    published = [c["id"] for c in conferences if c["status"] == "reported"]
    return Snapshot(
        minutes={id: minutes_of(app, id) for id in published},
        conferences=conferences,
        groups=groups,
        measures={m["id"]: m for m in measures},
        committees=committees,
        docket=docket,
        times=times,
        decisions=decisions,
        people=people,
        roles=[r for r in roles if r["person_id"] in shown],
        group_people=group_people,
    )
