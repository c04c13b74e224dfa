"""What closing a session would do, asked before closing it: the groups that close, the proposals that lapse.

The organiser's confirmation dialog shows this; the answer comes from the same aggregates the close reads.
"""

from __future__ import annotations

from anyio.to_thread import run_sync
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from server.http.contract import Contract, operation, path_value
from server.runtime import runtime


@operation(Contract("Vorschau: welche Arbeitsgruppen das Schließen der Sitzung einfriert, welche Entwürfe verfallen"))
async def close_preview(request: Request) -> Response:
    """The working groups the close would freeze and the open proposals that would lapse („Verfallen“)."""
    conference_id = path_value(request, "conference_id")
    preview = await run_sync(runtime(request).application.close_preview, conference_id)
    return JSONResponse(preview, headers={"Cache-Control": "no-store"})


close_preview_routes = [
    Route("/conferences/{conference_id}/session/close-preview", close_preview, methods=["GET"]),
]
