"""``GET /api/me/desk``: the signed-in person's start page (her groups, what waits for her in her roles)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from anyio.to_thread import run_sync
from sqlalchemy import select
from sqlalchemy.engine import Connection
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from domain.conference import Conference
from domain.coordination import CoordinationGroup, coordination_group_id
from domain.errors import NotFound
from projections import coordination
from projections import tables as t
from projections.desk import DeskRoles, desk
from server.auth.http import person
from server.http.contract import Contract, operation
from server.runtime import runtime, wait_for_own_writes


def _roles(state: Any, person_id: UUID, conference_ids: list[str]) -> DeskRoles:
    """Her roles from the permission policy: city-wide, and those each conference granted her."""
    policy = state.policy
    per_conference: dict[str, frozenset[str]] = {}
    if policy.person(person_id) is not None:  # an erased person holds no role
        for conference_id in conference_ids:
            conference = policy.aggregates.load(Conference, UUID(conference_id))
            per_conference[conference_id] = frozenset(conference.roles_of(person_id))
    return DeskRoles(str(person_id), frozenset(policy.global_roles(person_id)), per_conference)


def _coordination(state: Any, connection: Connection, person_id: UUID, today: str) -> list[dict[str, Any]]:
    """The coordination groups she belongs to, each with its series' upcoming conference and open tasks."""
    if state.policy.person(person_id) is None:
        return []
    result = []
    for series in connection.execute(select(t.conferences.c.series).distinct()).scalars().all():
        try:
            group = state.policy.aggregates.load(CoordinationGroup, coordination_group_id(series))
        except NotFound:
            continue
        if not group.is_member(person_id):
            continue
        result.append(
            {
                "id": str(group.id),
                "series": series,
                "chair": group.chair_id == person_id,
                "upcoming_conference": coordination.upcoming_conference(connection, series, today),
                "tasks": coordination.tasks(connection, series),
            }
        )
    return result


@operation(Contract("Meine Übersicht: meine Arbeitsgruppen mit Vorschlägen, was in meinen Rollen wartet "
                    "(abstimmen, evaluieren, entscheiden, prüfen, organisieren, koordinieren), die aktuelle Konferenz"))
async def my_desk(request: Request) -> Response:
    """Meine Übersicht: Arbeitsgruppen, Vorschläge und was in meinen Rollen auf mich wartet."""
    who = await person(request)
    await wait_for_own_writes(request)
    state = runtime(request)
    engine = state.runner.engine

    def read() -> dict[str, Any]:
        with engine.connect() as connection:
            ids = [row[0] for row in connection.execute(t.conferences.select().with_only_columns(t.conferences.c.id))]
            today = date.today().isoformat()
            found = desk(connection, _roles(state, who, ids), today)
            found["coordination"] = _coordination(state, connection, who, today)
            return found

    return JSONResponse(await run_sync(read))

