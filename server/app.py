"""The ASGI application: routes as data, error translation, and the application's lifetime.

The lifespan builds the event-sourced application once per process (and loads
the demo data when asked); handlers reach it through the request state.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from anyio.to_thread import run_sync
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from domain.application import Sozialkonferenz
from projections.runner import ProjectionRunner
from server.api import api_routes
from server.auth.http import authorize
from server.auth.policy import Policy
from server.auth.store import AccountStore
from server.changes import ChangeHub
from server.cluster.locks import ServerGuard, StartupLock
from server.cluster.relays import ClusterRoomManager
from server.cluster.wiring import Cluster
from server.collab.endpoint import collab_endpoint
from server.composition import build_application, close_application, database_kind
from server.config import Settings
from server.documents.oparl.routes import oparl_routes
from server.http import openapi
from server.http.errors import exception_handlers
from server.http.log_redaction import redact_secrets_in_logs
from server.http.security_headers import SecurityHeaders
from server.runtime import Runtime


def load_demo_data(app: Sozialkonferenz) -> None:
    from server.demo import load_demo  # type: ignore[import-not-found,unused-ignore]  # optional, imported on demand

    if load_demo(app):
        print("Demodaten wurden geladen.", flush=True)
    else:
        print("Demodaten sind bereits vorhanden; nichts geladen.", flush=True)


def load_demo_accounts(app: Sozialkonferenz, accounts: AccountStore) -> None:
    from server.demo import ensure_demo_accounts  # type: ignore[import-not-found,unused-ignore]

    if ensure_demo_accounts(app, accounts):
        print("Demokonten wurden angelegt (siehe README, Abschnitt „Demokonten“).", flush=True)


NOT_BUILT = (
    "<!doctype html><html lang=de><meta charset=utf-8><title>Sozialkonferenz</title>"
    "<h1>Die Browseranwendung ist nicht gebaut</h1>"
    "<p>Bitte <code>make run</code> verwenden: es baut sie (client/) und startet den Server. "
    "Die Programmierschnittstelle liegt unter <a href=/api/conferences>/api</a>.</p></html>"
)


def client_page(dist: Path) -> Callable[[Request], Awaitable[Response]]:
    """Every application path answers with the built index.html; the browser routes from there."""

    async def page(request: Request) -> Response:
        index = dist / "index.html"
        if not index.is_file():
            return HTMLResponse(NOT_BUILT, status_code=503)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    return page


async def metrics(request: Request) -> Response:
    """Prometheus text format: rooms, connections, updates, persistence, projection lag (operators only)."""
    await authorize(request, "read_metrics")
    state: Runtime = request.state.runtime
    for projection in await run_sync(state.runner.status):
        state.collab.metrics.projection_lag.labels(projection["name"]).set(projection["lag"])
    return Response(generate_latest(state.collab.metrics.registry), media_type=CONTENT_TYPE_LATEST)


async def openapi_document(request: Request) -> Response:
    return JSONResponse(openapi.build())


class ImmutableFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


# The browser application's paths (client/src/router.ts); anything else is a 404 problem.
CLIENT_PATHS = (
    "/",
    "/konferenzen/{conference_id}",
    "/konferenzen/{conference_id}/plenum",
    "/konferenzen/{conference_id}/protokoll",
    "/konferenzen/{conference_id}/koordinierung",
    "/konferenzen/{conference_id}/import",
    "/arbeitsgruppen/{group_id}",
    "/arbeitsgruppen/{group_id}/vorschlaege/{measure_id}",
    "/massnahmen/{measure_id}",
    "/massnahmenkatalog",
    "/massnahmenkatalog/veraenderungen",
    "/ausschuesse/{committee_id}",
    "/pruefung",
    "/vergleich",
    "/sozialraeume",
    "/konto",
    "/anmelden",
    "/einladung/{token}",
)


def create_app(settings: Settings) -> Starlette:
    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[dict[str, Any]]:
        startup = StartupLock(settings.database_url)  # processes starting together make their tables in turn
        await run_sync(startup.acquire)
        try:
            application = await run_sync(build_application, settings.database_url, settings.sqlite_synchronous)
        except BaseException:
            startup.release()
            raise
        engine = application.recorder.datastore.engine  # type: ignore[attr-defined]
        # Alone without a broker, beside the others with one (server/cluster/locks.py).
        guard = ServerGuard(engine, shared=settings.broker_url is not None)
        runner: ProjectionRunner | None = None
        cluster: Cluster | None = None
        collab = ClusterRoomManager(application, settings.collab_limits)
        try:
            await run_sync(guard.acquire)
            if settings.demo:
                await run_sync(load_demo_data, application)
            runner = ProjectionRunner(application)
            hub = ChangeHub(asyncio.get_running_loop())
            runner.listeners.append(hub.publish_from_thread)
            runner.listeners.append(
                lambda changes, _: collab.measures_changed([c.id for c in changes if c.view == "measures"])
            )
            policy = Policy(application)
            if settings.broker_url is not None:
                cluster = Cluster(
                    settings.broker_url, settings.broker_prefix, runner, hub, collab, policy, settings.auth,
                    collab.metrics.registry,
                )  # fmt: skip
                await cluster.start()
            await run_sync(runner.step)  # catch up, or (in a cluster) follow the process that does
            await collab.start()
            runner.start()
            accounts = await run_sync(AccountStore, engine, settings.auth.secret_key or None)
            collab.credentials_valid = accounts.still_valid
            if settings.demo:
                await run_sync(load_demo_accounts, application, accounts)
            startup.release()
            runtime = Runtime(
                application, runner, hub, database_kind(application), collab, accounts, policy,
                auth_settings=settings.auth, max_body_bytes=settings.max_body_bytes, cluster=cluster,
            )  # fmt: skip
            yield {"runtime": runtime}
        finally:
            await collab.stop()
            if runner is not None:
                await run_sync(runner.stop)
            if cluster is not None:
                await cluster.stop()
            startup.release()
            guard.release()
            await run_sync(close_application, application)

    client_dist = settings.client_dist
    page = client_page(client_dist)
    routes = [
        Route("/openapi.json", openapi_document, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        WebSocketRoute("/collab/{measure_id}", collab_endpoint),
        Mount("/api", routes=api_routes),
        *oparl_routes(settings.oparl),  # public, read-only, outside the OpenAPI document (README "OParl-Schnittstelle")
        # Built files have content hashes in their names: cacheable for ever.
        Mount("/assets", app=ImmutableFiles(directory=client_dist / "assets", check_dir=False)),
        *[Route(path, page, methods=["GET"]) for path in CLIENT_PATHS],
    ]
    redact_secrets_in_logs()  # API tokens in query strings, invitation links
    return Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],  # CSP, nosniff, no framing, referrer policy
        exception_handlers=exception_handlers,
        lifespan=lifespan,
    )
