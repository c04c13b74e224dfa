"""The ASGI application: routes as data, error translation, and the application's lifetime.

The lifespan builds the event-sourced application once per process (and loads
the demo data when asked); handlers reach it through the request state.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from anyio.to_thread import run_sync
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute

from domain.application import Sozialkonferenz
from projections.runner import ProjectionRunner
from server import openapi
from server.api import api_routes
from server.changes import ChangeHub
from server.collab.endpoint import collab_endpoint
from server.collab.manager import RoomManager
from server.composition import build_application, close_application, database_kind
from server.config import Settings
from server.errors import exception_handlers
from server.runtime import Runtime


def load_demo_data(app: Sozialkonferenz) -> None:
    from server.demo import load_demo  # type: ignore[import-not-found,unused-ignore]  # optional, imported on demand

    if load_demo(app):
        print("Demodaten wurden geladen.", flush=True)
    else:
        print("Demodaten sind bereits vorhanden; nichts geladen.", flush=True)


async def home(request: Request) -> Response:
    """No start page yet: send visitors to the conference list."""
    return RedirectResponse("/api/conferences", status_code=307)


async def metrics(request: Request) -> Response:
    """Prometheus text format: rooms, connections, updates, persistence, projection lag."""
    state: Runtime = request.state.runtime
    for projection in await run_sync(state.runner.status):
        state.collab.metrics.projection_lag.labels(projection["name"]).set(projection["lag"])
    return Response(generate_latest(state.collab.metrics.registry), media_type=CONTENT_TYPE_LATEST)


async def openapi_document(request: Request) -> Response:
    return JSONResponse(openapi.build())


def create_app(settings: Settings) -> Starlette:
    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[dict[str, Any]]:
        application = await run_sync(build_application, settings.database_url, settings.sqlite_synchronous)
        runner: ProjectionRunner | None = None
        collab = RoomManager(application, settings.collab_limits)
        try:
            if settings.demo:
                await run_sync(load_demo_data, application)
            runner = ProjectionRunner(application)
            await run_sync(runner.catch_up)
            hub = ChangeHub(asyncio.get_running_loop())
            runner.listeners.append(hub.publish_from_thread)
            runner.listeners.append(
                lambda changes, _: collab.measures_changed([c.id for c in changes if c.view == "measures"])
            )
            await collab.start()
            runner.start()
            yield {"runtime": Runtime(application, runner, hub, database_kind(application), collab)}
        finally:
            await collab.stop()
            if runner is not None:
                await run_sync(runner.stop)
            await run_sync(close_application, application)

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/openapi.json", openapi_document, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        WebSocketRoute("/collab/{measure_id}", collab_endpoint),
        Mount("/api", routes=api_routes),
    ]
    return Starlette(routes=routes, exception_handlers=exception_handlers, lifespan=lifespan)
