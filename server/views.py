"""Read endpoints: every view of the projections, as JSON.

Each query waits (bounded) for the views to include the client's own last
command, then reads in a worker thread.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from anyio.to_thread import run_sync
from sqlalchemy.engine import Connection
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from domain.errors import InvalidInput, NotFound
from projections import comparison, queries
from server.auth.http import principal
from server.http import public_view
from server.params import Param, parse_uuid, query_int, query_uuid, refuse_nul_in_query
from server.runtime import runtime, wait_for_own_writes

P = Param
Reader = Callable[[Connection, Request], Any]


@dataclass(frozen=True)
class Query:
    path: str
    summary: str
    read: Reader
    params: tuple[Param, ...] = ()
    not_found: str = ""  # kind named in the 404 when the reader returns None
    emails: bool = False  # rows carry e-mail addresses: only city-wide organisers (and each person) see them


def _path_id(request: Request, name: str) -> str:
    return str(parse_uuid(name, request.path_params[name]))


def _catalogue(connection: Connection, request: Request) -> Any:
    q = request.query_params
    filters = {name: q.get(name, "") for name in queries.CATALOGUE_FILTERS}
    for name in ("conference_id", "working_group_id", "lineage_id", "lead_organisation_id", "committee_id"):
        filters[name] = query_uuid(request, name) or ""
    return queries.catalogue(
        connection,
        filters,
        series=q.get("series"),
        district=q.get("district"),
        text=q.get("q"),
        limit=query_int(request, "limit", 200, 1, 1000),
        offset=query_int(request, "offset", 0, 0, 10**9),
    )


def _decisions(connection: Connection, request: Request) -> Any:
    q = request.query_params
    return queries.decision_log(
        connection,
        conference_id=query_uuid(request, "conference_id"),
        aggregate_id=query_uuid(request, "aggregate_id"),
        kind=q.get("kind"),
        actor_id=query_uuid(request, "actor_id"),
        since=q.get("since"),
        until=q.get("until"),
        limit=query_int(request, "limit", 500, 1, 5000),
        offset=query_int(request, "offset", 0, 0, 10**9),
    )


def _comparison(connection: Connection, request: Request) -> Any:
    series = request.query_params.get("series")
    if not series:
        raise InvalidInput("series", "Bitte die Konferenzreihe („series“) angeben.")
    return comparison.cycle_comparison(connection, series)


CATALOGUE_PARAMS = (
    P("conference_id", "uuid"),
    P("cycle", "text"),
    P("working_group_id", "uuid"),
    P("lineage_id", "uuid", description="ständige Arbeitsgruppe über Zyklen hinweg"),
    P("status", "text"),
    P("district", "text"),
    P("lead_organisation_id", "uuid"),
    P("committee_id", "uuid"),
    P("series", "text"),
    P("q", "text", description="Volltextsuche in Titel und Text"),
    P("limit", "int"),
    P("offset", "int"),
)

QUERIES: tuple[Query, ...] = (
    Query("/conferences", "Konferenzübersicht", lambda c, r: queries.conferences(c, r.query_params.get("series")),
          (P("series", "text"),)),
    Query("/conferences/{conference_id}", "Eine Konferenz mit ihren Arbeitsgruppen",
          lambda c, r: queries.conference(c, _path_id(r, "conference_id")), not_found="Konferenz"),
    Query("/working-groups/{working_group_id}", "Arbeitsgruppen-Board",
          lambda c, r: queries.working_group_board(c, _path_id(r, "working_group_id")), not_found="Arbeitsgruppe"),
    Query("/measures", "Maßnahmenkatalog", _catalogue, CATALOGUE_PARAMS),
    Query("/measures/{measure_id}", "Eine Maßnahme",
          lambda c, r: queries.measure(c, _path_id(r, "measure_id")), not_found="Maßnahme"),
    Query("/decisions", "Beschlussprotokoll", _decisions,
          (P("conference_id", "uuid"), P("aggregate_id", "uuid"), P("kind", "text"), P("actor_id", "uuid"),
           P("since", "text"), P("until", "text"), P("limit", "int"), P("offset", "int"))),
    Query("/cycle-comparison", "Zyklenvergleich", _comparison, (P("series", "text", True),)),
    Query("/committees", "Ausschüsse", lambda c, r: queries.committees(c)),
    Query("/committees/{committee_id}", "Ein Ausschuss: Mitglieder und Vorlagen",
          lambda c, r: queries.committee_desk(c, _path_id(r, "committee_id")), not_found="Ausschuss"),
    Query("/committees/{committee_id}/docket", "Vorlagen eines Ausschusses",
          lambda c, r: queries.docket(c, _path_id(r, "committee_id"))),
    Query("/organisations", "Organisationen", lambda c, r: queries.organisations(c)),
    Query("/people", "Personen", lambda c, r: queries.people(c), emails=True),
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
        await wait_for_own_writes(request)
        engine = runtime(request).runner.engine

        def read() -> Any:
            with engine.connect() as connection:
                return query.read(connection, request)

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
    return endpoint


view_routes = [Route(q.path, handler(q), methods=["GET"]) for q in QUERIES]
