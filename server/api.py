"""The HTTP API: health, the change feed, commands, views and the auditor's endpoints."""

from __future__ import annotations

import os
import socket
from collections.abc import Awaitable, Callable
from typing import Any

from anyio.to_thread import run_sync
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from server.audit import audit_routes
from server.auth.http import auth_routes, authorize, person
from server.auth.password_change import change_password
from server.documents.routes import document_routes
from server.http import query_strings as qs
from server.http.close_preview import close_preview_routes
from server.http.commands import COMMANDS, command_routes
from server.http.contract import Contract, contract_of, operation, path_value, query
from server.http.coordination import coordination_routes
from server.http.desk import my_desk
from server.http.minutes import minutes_routes
from server.http.routing import one_route_per_path
from server.http.views import view_routes
from server.imports.http import import_routes
from server.privacy import privacy_routes
from server.runtime import runtime
from server.similarity.http import similar_routes


@operation(Contract("Zustand des Servers und der Projektionen", public=True,
                    problems={503: "Eine Projektion oder das Speichern der Live-Texte steht (Zustand degraded)"}))
async def health(request: Request) -> Response:
    state = runtime(request)
    position = await run_sync(state.application.position)
    projections = await run_sync(state.runner.status)
    persisting = state.collab.persistence_running()
    healthy = state.runner.last_error is None and persisting
    return JSONResponse(
        {
            "status": "ok" if healthy else "degraded",
            "database": state.database_kind,
            "position": position,
            "projections": projections,
            "projection_error": state.runner.last_error,
            "live_editing": {**state.collab.status(), "persistence": "läuft" if persisting else "gestoppt"},
            "processes": await _processes(state),
        },
        status_code=200 if healthy else 503,
    )


async def _processes(state: Any) -> list[dict[str, Any]]:
    """The live processes: with a broker every process of the cluster, otherwise this one."""
    if state.cluster is not None:
        return await state.cluster.processes.processes()  # type: ignore[no-any-return]
    return [{"id": "local", "host": socket.gethostname(), "pid": os.getpid(), **state.collab.status()}]


@operation(Contract("Live-Änderungen der Ansichten (Server-Sent Events)", query=qs.Changes,
                    media_type="text/event-stream"))
async def changes(request: Request) -> Response:
    """Server-Sent Events naming the view rows that changed (optionally of one conference)."""
    conference_id = query(request, qs.Changes).conference_id
    return runtime(request).hub.response(request, str(conference_id) if conference_id else None)


# Every /api route names what it needs; a route missing here fails at start-up (see ``protect``).
# Commands check their own action (the operation) once their arguments are parsed.
OPEN = "open"  # no sign-in needed
ACCESS: dict[str, str] = {
    "/health": OPEN,
    "/session": OPEN,  # sign in, who am I, sign out
    "/invitations/{token}": OPEN,
    "/invitations/{token}/acceptance": OPEN,
    "/changes": "read",
    "/me/desk": "read",  # any signed-in person: her own desk
    **{route.path: "read" for route in view_routes},
    "/history/{aggregate_id}": "read",  # and the rule of the aggregate's kind (server.audit._history_access)
    "/history/{aggregate_id}/state": "read",  # likewise
    "/measures/{measure_id}/decision-texts": "read",
    "/measures/{measure_id}/decision-texts/diff": "read",
    "/measures/{measure_id}/similar": "read",  # live texts only where one may read along (server.similarity)
    "/measures/{measure_id}/text": "audit",
    "/measures/{measure_id}/authors": "audit",
    "/measures/{measure_id}/document-history": "audit",
    "/measures/{measure_id}/live-steps": "audit",
    "/measures/{measure_id}/live-updates": "audit",
    "/conferences/{conference_id}/history.jsonl": "audit",
    "/conferences/{conference_id}/history.csv": "audit",
    "/audit/chain": "audit",
    "/people/{person_id}/export": "export_person",
    "/conferences/{conference_id}/session/close-preview": "preview_close_session",
    "/conferences/{conference_id}/minutes": "read",  # GET; publishing there is a command
    "/coordination-groups/{coordination_group_id}": "read",
    **{route.path: "read" for route in document_routes},  # the pages' rule; names as on the pages
    "/conferences/{conference_id}/catalogue-import/{import_id}": "import_catalogue",
}
SELF_HANDLED = {(c.path, c.method) for c in COMMANDS} | {
    ("/conferences/{conference_id}/roles", "GET"),
    ("/session/permissions", "GET"), ("/accounts", "POST"), ("/people/{person_id}/invitation", "POST"),
    ("/tokens", "POST"), ("/tokens", "GET"), ("/tokens/{token_id}", "DELETE"), ("/session/password", "PUT"),
    ("/conferences/{conference_id}/catalogue-import", "POST"),
}  # fmt: skip
SCOPE_NAMES = ("measure_id", "working_group_id", "conference_id")


def guarded(endpoint: Callable[[Request], Awaitable[Response]], action: str) -> Callable[..., Any]:
    async def guard(request: Request) -> Response:
        if action == "read":
            await person(request)  # every signed-in person may read; no scope to look up
        elif action == "export_person":
            who = await person(request)
            if str(who) != request.path_params["person_id"]:  # anyone may ask about themselves
                await authorize(request, action)
        elif action != OPEN:
            arguments = {n: path_value(request, n) for n in request.path_params if n in SCOPE_NAMES}
            await authorize(request, action, arguments)
        return await endpoint(request)

    guard.__name__ = getattr(endpoint, "__name__", "endpoint")
    guard.__doc__ = endpoint.__doc__
    guard.contract = contract_of(endpoint)  # type: ignore[attr-defined]
    return guard


def protect(routes: list[BaseRoute]) -> list[BaseRoute]:
    """Wrap each route in the check its entry in ACCESS names."""
    result: list[BaseRoute] = []
    for route in routes:
        assert isinstance(route, Route)
        if all((route.path, method) in SELF_HANDLED for method in route.methods or () if method != "HEAD"):
            result.append(route)
            continue
        if route.path not in ACCESS:
            raise RuntimeError(f"Route {route.path} hat keinen Eintrag in server.api.ACCESS (wer darf sie nutzen?).")
        result.append(Route(route.path, guarded(route.endpoint, ACCESS[route.path]), methods=route.methods))
    return result


api_routes = one_route_per_path(protect(
    [
        Route("/health", health, methods=["GET"]),
        Route("/changes", changes, methods=["GET"]),
        *auth_routes,
        Route("/session/password", change_password, methods=["PUT"]),
        Route("/me/desk", my_desk, methods=["GET"]),
        *command_routes,
        *view_routes,
        *audit_routes,
        *privacy_routes,
        *close_preview_routes,
        *minutes_routes,
        *coordination_routes,
        *document_routes,
        *similar_routes,
        *import_routes,
    ]
))
