"""``GET /api/me/desk``: the signed-in person's start page (her groups, what waits for her in her roles)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from anyio.to_thread import run_sync
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from domain.conference import Conference
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


@operation(Contract("Meine Übersicht: meine Arbeitsgruppen mit Vorschlägen, was in meinen Rollen wartet "
                    "(abstimmen, evaluieren, entscheiden, prüfen, organisieren), die aktuelle Konferenz"))
async def my_desk(request: Request) -> Response:
    """Meine Übersicht: Arbeitsgruppen, Vorschläge und was in meinen Rollen auf mich wartet."""
    who = await person(request)
    await wait_for_own_writes(request)
    state = runtime(request)
    engine = state.runner.engine

    def read() -> dict[str, Any]:
        with engine.connect() as connection:
            ids = [row[0] for row in connection.execute(t.conferences.select().with_only_columns(t.conferences.c.id))]
            return desk(connection, _roles(state, who, ids), date.today().isoformat())

    return JSONResponse(await run_sync(read))

