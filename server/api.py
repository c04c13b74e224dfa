"""The HTTP API: health, the change feed, commands, views and the auditor's endpoints."""

from __future__ import annotations

from anyio.to_thread import run_sync
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from server.audit import audit_routes
from server.commands import command_routes
from server.params import query_uuid
from server.runtime import runtime
from server.views import view_routes


async def health(request: Request) -> Response:
    state = runtime(request)
    position = await run_sync(state.application.position)
    projections = await run_sync(state.runner.status)
    healthy = state.runner.last_error is None
    return JSONResponse(
        {
            "status": "ok" if healthy else "degraded",
            "database": state.database_kind,
            "position": position,
            "projections": projections,
            "projection_error": state.runner.last_error,
        },
        status_code=200 if healthy else 503,
    )


async def changes(request: Request) -> Response:
    """Server-Sent Events naming the view rows that changed (optionally of one conference)."""
    return runtime(request).hub.response(request, query_uuid(request, "conference_id"))


api_routes = [
    Route("/health", health, methods=["GET"]),
    Route("/changes", changes, methods=["GET"]),
    *command_routes,
    *view_routes,
    *audit_routes,
]
