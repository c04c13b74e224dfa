"""``GET /api/conferences/{id}/minutes``: the structured minutes (Protokoll), now or as of ``?at=``.

Read from the conference's events by ``projections.minutes.minutes_of`` (the same reader the printed
Dokumentation and OParl use); the public reads them without anyone's name.
"""

from __future__ import annotations

from anyio.to_thread import run_sync
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from projections.minutes import minutes_of
from server.http import public_view
from server.http import query_strings as qs
from server.http.contract import Contract, operation, path_value, query
from server.runtime import runtime


@operation(Contract("Protokoll einer Konferenz: Sitzungen, Punkte, verknüpfte Beschlüsse, nächste Schritte",
                    query=qs.AsOf))  # fmt: skip
async def minutes(request: Request) -> Response:
    """Das Protokoll: je Sitzung die beratenen Punkte, die Ergebnisse (verknüpfte Beschlüsse) und nächste Schritte."""
    conference_id = path_value(request, "conference_id")
    at = query(request, qs.AsOf).at
    app = runtime(request).application
    found = await run_sync(lambda: minutes_of(app, conference_id, at=at))
    return JSONResponse(await public_view.for_reader(request, found))


minutes_routes = [Route("/conferences/{conference_id}/minutes", minutes, methods=["GET"])]
