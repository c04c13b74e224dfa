"""The HTTP API's read endpoints. Handlers call the synchronous application in a worker thread."""

from __future__ import annotations

from anyio.to_thread import run_sync
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from domain.application import Sozialkonferenz
from projections.conference_list import list_conferences


def application(request: Request) -> Sozialkonferenz:
    app: Sozialkonferenz = request.state.application
    return app


async def health(request: Request) -> Response:
    app = application(request)
    position = await run_sync(app.position)
    return JSONResponse({"status": "ok", "database": request.state.database_kind, "position": position})


async def conferences(request: Request) -> Response:
    return JSONResponse(await run_sync(list_conferences, application(request)))


api_routes = [
    Route("/health", health, methods=["GET"]),
    Route("/conferences", conferences, methods=["GET"]),
]
