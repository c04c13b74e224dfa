"""``GET /api/measures/{id}/similar``: the proposals most like a measure, with the passages they share."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from anyio.to_thread import run_sync
from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from domain.errors import DomainError
from server.auth.http import person
from server.auth.policy import Scope
from server.http import public_view
from server.http import query_strings as qs
from server.http.contract import Contract, operation, path_value, query
from server.http.types import query_int
from server.runtime import Runtime, runtime, wait_for_own_writes
from server.similarity.service import LIMIT, SimilarProposals


class SimilarQuery(qs.View):
    limit: query_int(1, 20) = Field(LIMIT, description="höchstens so viele ähnliche Vorschläge")  # type: ignore[valid-type]


def service(state: Runtime) -> SimilarProposals:
    if state.similar is None:  # on the event loop: no two requests build it at once
        state.similar = SimilarProposals(state.application, state.runner.engine)
    return state.similar


def answer(state: Runtime, who: UUID, measure_id: UUID, limit: int) -> dict[str, Any]:
    """The service's answer for ``who``: live texts only where she may read along, only measures she may read."""
    live: dict[str, bool] = {}

    def live_allowed(candidate: str) -> bool:
        if candidate not in live:
            try:
                live[candidate] = state.policy.live_access(who, UUID(candidate)) is not None
            except DomainError:  # a measure the policy cannot place: its stored text only
                live[candidate] = False
        return live[candidate]

    found = service(state).similar(str(measure_id), live_allowed, limit)
    readable: dict[str, bool] = {}
    for item in found["similar"]:
        conference = item["conference_id"]
        if conference not in readable:
            readable[conference] = state.policy.permits(who, "read", Scope(conference_id=UUID(conference)))
    found["similar"] = [item for item in found["similar"] if readable[item["conference_id"]]]
    return found


@operation(
    Contract(
        "Ähnliche Vorschläge anderer Arbeitsgruppen desselben Zyklus und früherer Zyklen, mit den gemeinsamen Passagen",
        query=SimilarQuery,
        problems={404: "Keine Maßnahme mit dieser Kennung"},
    )
)
async def similar(request: Request) -> Response:
    """Most similar first: ``measure_id``, ``score`` (0–1), title, working group, conference and cycle, passages."""
    measure_id = path_value(request, "measure_id")
    asked = query(request, SimilarQuery)
    who = await person(request)
    await wait_for_own_writes(request)
    state = runtime(request)
    service(state)
    result = await run_sync(answer, state, who, measure_id, asked.limit)
    if await public_view.reader_is_public(request):
        result = public_view.redact(result)
    return JSONResponse(result, headers={"Cache-Control": "no-store"})


similar_routes = [Route("/measures/{measure_id}/similar", similar, methods=["GET"])]
