"""One route per path, whatever the number of methods on it.

Starlette tries routes in order and answers 405 from the first one whose path matches, with an
``Allow`` header naming only that route's methods. Joining the endpoints of a path into one route makes
405 answers (to OPTIONS, TRACE, …) name every method the path has, as the OpenAPI document does.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

Endpoint = Callable[[Request], Awaitable[Response]]


class PathRoute(Route):
    """A path with an endpoint per method (HEAD goes where GET goes)."""

    def __init__(self, path: str, handlers: dict[str, Endpoint]) -> None:
        self.handlers = handlers

        async def dispatch(request: Request) -> Response:
            method = "GET" if request.method == "HEAD" else request.method
            return await self.handlers[method](request)

        super().__init__(path, dispatch, methods=list(handlers))


def endpoints(route: Route) -> dict[str, Endpoint]:
    """Method → endpoint of a route (HEAD left out: it is implied by GET)."""
    if isinstance(route, PathRoute):
        return dict(route.handlers)
    return {method: route.endpoint for method in route.methods or () if method != "HEAD"}


def one_route_per_path(routes: Sequence[BaseRoute]) -> list[BaseRoute]:
    by_path: dict[str, dict[str, Endpoint]] = {}
    for route in routes:
        assert isinstance(route, Route), route
        handlers = by_path.setdefault(route.path, {})
        for method, endpoint in endpoints(route).items():
            if method in handlers:
                raise RuntimeError(f"{method} {route.path} ist zweimal vergeben.")
            handlers[method] = endpoint
    return [PathRoute(path, handlers) for path, handlers in by_path.items()]
