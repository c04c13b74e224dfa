"""``GET /api/coordination-groups/{id}``: a series' coordination group with what it prepares.

Members and chair, its decisions (newest first), the series' upcoming conference with focus topic
and agenda, and the group's open tasks. The public reads it without anyone's name.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from anyio.to_thread import run_sync
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from projections import coordination
from server.http import public_view
from server.http.contract import Contract, operation, path_value
from server.runtime import runtime, wait_for_own_writes


@operation(Contract("Koordinierungsgruppe einer Konferenzreihe: Mitglieder, Vorsitz, Beschlüsse, anstehende Konferenz"))
async def coordination_group(request: Request) -> Response:
    """Die Koordinierungsgruppe: Mitglieder, Vorsitz, Beschlüsse und die anstehende Konferenz der Reihe."""
    group_id = path_value(request, "coordination_group_id")
    await wait_for_own_writes(request)
    state = runtime(request)

    def read() -> dict[str, Any]:
        group = coordination.coordination_group(state.application, group_id)
        with state.runner.engine.connect() as connection:
            group["upcoming_conference"] = coordination.upcoming_conference(
                connection, group["series"], date.today().isoformat()
            )
            group["conferences"] = coordination.series_conferences(connection, group["series"])
            group["tasks"] = coordination.tasks(connection, group["series"])
        return group

    return JSONResponse(await public_view.for_reader(request, await run_sync(read)))


coordination_routes = [
    Route("/coordination-groups/{coordination_group_id}", coordination_group, methods=["GET"]),
]
