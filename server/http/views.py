"""Read endpoints: every view of the projections, as JSON.

Each query waits (bounded) for the views to include the client's own last
command, then reads in a worker thread.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from anyio.to_thread import run_sync
from sqlalchemy.engine import Connection
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from domain.errors import NotFound
from projections import comparison, districts_and_indicators, queries
from server.auth.http import principal
from server.http import public_view
from server.http import query_strings as qs
from server.http.contract import Contract, operation, path_value
from server.http.contract import query as query_params
from server.http.params import refuse_nul_in_query
from server.runtime import runtime, wait_for_own_writes

Reader = Callable[[Connection, Any, dict[str, str]], Any]  # connection, checked query, path ids


@dataclass(frozen=True)
class Query:
    path: str
    summary: str
    read: Reader
    params: type[qs.View] = qs.View
    not_found: str = ""  # kind named in the 404 when the reader returns None
    emails: bool = False  # rows carry e-mail addresses: only city-wide organisers (and each person) see them


def _text(value: UUID | str | None) -> str:
    return "" if value is None else str(value)


def _catalogue(connection: Connection, q: qs.Catalogue, ids: dict[str, str]) -> Any:
    filters = {name: _text(getattr(q, name, None)) for name in queries.CATALOGUE_FILTERS}
    return queries.catalogue(
        connection, filters, series=q.series, district=q.district, text=q.q, limit=q.limit, offset=q.offset
    )


def _decisions(connection: Connection, q: qs.Decisions, ids: dict[str, str]) -> Any:
    return queries.decision_log(
        connection,
        conference_id=_text(q.conference_id) or None,
        aggregate_id=_text(q.aggregate_id) or None,
        kind=q.kind,
        actor_id=_text(q.actor_id) or None,
        since=q.since,
        until=q.until,
        limit=q.limit,
        offset=q.offset,
    )


QUERIES: tuple[Query, ...] = (
    Query("/conferences", "Konferenzübersicht", lambda c, q, ids: queries.conferences(c, q.series), qs.Conferences),
    Query("/conferences/{conference_id}", "Eine Konferenz mit ihren Arbeitsgruppen",
          lambda c, q, ids: queries.conference(c, ids["conference_id"]), not_found="Konferenz"),
    Query("/working-groups/{working_group_id}", "Arbeitsgruppen-Board",
          lambda c, q, ids: queries.working_group_board(c, ids["working_group_id"]), not_found="Arbeitsgruppe"),
    Query("/measures", "Maßnahmenkatalog", _catalogue, qs.Catalogue),
    Query("/measures/{measure_id}", "Eine Maßnahme",
          lambda c, q, ids: queries.measure(c, ids["measure_id"]), not_found="Maßnahme"),
    Query("/decisions", "Beschlussprotokoll", _decisions, qs.Decisions),
    Query("/cycle-comparison", "Zyklenvergleich", lambda c, q, ids: comparison.cycle_comparison(c, q.series),
          qs.Comparison),
    Query("/committees", "Ausschüsse", lambda c, q, ids: queries.committees(c)),
    Query("/committees/{committee_id}", "Ein Ausschuss: Mitglieder und Vorlagen",
          lambda c, q, ids: queries.committee_desk(c, ids["committee_id"]), not_found="Ausschuss"),
    Query("/committees/{committee_id}/docket", "Vorlagen eines Ausschusses",
          lambda c, q, ids: queries.docket(c, ids["committee_id"])),
    Query("/organisations", "Organisationen", lambda c, q, ids: queries.organisations(c)),
    Query("/districts", "Sozialräume (mit „gesamtstädtisch“)", lambda c, q, ids: districts_and_indicators.districts(c)),
    Query("/people", "Personen", lambda c, q, ids: queries.people(c), emails=True),
)  # fmt: skip


async def _hide_emails(request: Request, rows: list[dict[str, Any]]) -> None:
    """E-mail addresses are personal data: shown to city-wide organisers, and to each person their own."""
    found = await principal(request)
    state = runtime(request)
    if found is not None and "organiser" in await run_sync(state.policy.global_roles, found.person_id):
        return
    for row in rows:
        if found is None or row.get("id") != str(found.person_id):
            row["email"] = ""


def handler(query: Query) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        refuse_nul_in_query(request)
        ids = {name: str(path_value(request, name)) for name in request.path_params}
        checked = query_params(request, query.params)
        await wait_for_own_writes(request)
        engine = runtime(request).runner.engine

        def read() -> Any:
            with engine.connect() as connection:
                return query.read(connection, checked, ids)

        result = await run_sync(read)
        if query.emails:
            await _hide_emails(request, result)
        if result is None:
            raise NotFound(query.not_found, next(iter(request.path_params.values()), ""))
        if await public_view.reader_is_public(request):  # no names for the public (server/http/public_view.py)
            result = await public_view.own_rows(request, result) if query.emails else public_view.redact(result)
        return JSONResponse(result)

    endpoint.__name__ = "get_" + query.path.strip("/").replace("/", "_").replace("{", "").replace("}", "")
    endpoint.__doc__ = query.summary
    return operation(Contract(query.summary, query=query.params))(endpoint)


view_routes = [Route(q.path, handler(q), methods=["GET"]) for q in QUERIES]
