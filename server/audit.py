"""The auditor's endpoints: event histories, past states, decision texts and streamed exports."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

from anyio.to_thread import run_sync
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from domain.clock import DomainAggregate
from domain.document import document_id
from domain.errors import InvalidInput
from projections import history, queries
from server.auth.http import authorize, person
from server.auth.policy import history_action
from server.chain_verification import cached_verification, parse_expected_head, verify_chain
from server.collab import store as collab_store
from server.params import parse_uuid, query_int
from server.runtime import runtime


def _id(request: Request, name: str) -> Any:
    return parse_uuid(name, request.path_params[name])


async def _history_access(request: Request) -> Any:
    """The aggregate's id, once its kind's rule lets the caller read its history (``policy.HISTORY_ACTIONS``)."""
    aggregate_id = _id(request, "aggregate_id")
    who = await person(request)
    kind, first = await run_sync(history.first_event, runtime(request).application, aggregate_id)
    action = history_action(kind)
    if action == "audit":  # a live proposal document: in its measure's scope
        await authorize(request, action, {"measure_id": first.measure_id})
    elif action == "export_person" and who != aggregate_id:  # anyone may read their own record
        await authorize(request, action)
    return aggregate_id


async def events(request: Request) -> Response:
    app = runtime(request).application
    return JSONResponse(await run_sync(history.aggregate_history, app, await _history_access(request)))


async def state_at(request: Request) -> Response:
    """``?version=N`` or ``?at=2026-11-19T10:00:00+00:00``: the aggregate as it was then."""
    app = runtime(request).application
    aggregate_id = await _history_access(request)
    at = request.query_params.get("at")
    if at:
        try:
            moment = datetime.fromisoformat(at.replace("Z", "+00:00").replace(" ", "+"))
        except ValueError:
            raise InvalidInput("at", "„at“ ist kein gültiger Zeitpunkt (ISO 8601 mit Zeitzone).") from None
        aggregate = await run_sync(app.as_of_time, DomainAggregate, aggregate_id, moment)
    elif request.query_params.get("version"):
        version = query_int(request, "version", 1, 1, 10**9)
        aggregate = await run_sync(app.as_of_version, DomainAggregate, aggregate_id, version)
    else:
        raise InvalidInput("version", "Bitte „version“ oder „at“ angeben.")
    return JSONResponse(history.state(aggregate))


async def decision_texts(request: Request) -> Response:
    app = runtime(request).application
    return JSONResponse(await run_sync(history.decision_texts, app, _id(request, "measure_id")))


async def decision_diff(request: Request) -> Response:
    app = runtime(request).application
    first = query_int(request, "from", 0, 1, 10**9)
    second = query_int(request, "to", 0, 1, 10**9)
    if not first or not second:
        raise InvalidInput("from", "Bitte „from“ und „to“ (Versionen zweier Beschlüsse) angeben.")
    return JSONResponse(await run_sync(history.diff_decision_texts, app, _id(request, "measure_id"), first, second))


async def proposal_text_at(request: Request) -> Response:
    """The live proposal's text as it was at ``?at=`` (ISO 8601 with time zone)."""
    app = runtime(request).application
    at = request.query_params.get("at", "")
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        raise InvalidInput("at", "„at“ ist kein gültiger Zeitpunkt (ISO 8601 mit Zeitzone).") from None
    if moment.tzinfo is None:
        raise InvalidInput("at", "Der Zeitpunkt braucht eine Zeitzone.")
    return JSONResponse(await run_sync(collab_store.text_at, app, _id(request, "measure_id"), moment))


async def proposal_document_history(request: Request) -> Response:
    """Every event of the measure's live proposal document (each update with its sender); [] if none."""
    app = runtime(request).application
    measure_id = _id(request, "measure_id")

    def read() -> list[dict[str, Any]]:
        if not collab_store.exists(app, measure_id):
            return []
        return history.aggregate_history(app, document_id(measure_id))

    return JSONResponse(await run_sync(read))


async def proposal_authors(request: Request) -> Response:
    """Who wrote which part of the live proposal, per field, with names (or pseudonyms)."""
    state = runtime(request)
    runs = await run_sync(collab_store.attribution, state.application, _id(request, "measure_id"))
    ids = sorted({str(r["actor_id"]) for field in runs.values() for r in field if r["actor_id"]})

    def names() -> dict[str, str]:
        with state.runner.engine.connect() as connection:
            return queries.names(connection, ids)

    known = await run_sync(names)
    totals: dict[str, int] = {}
    for field_runs in runs.values():
        for run in field_runs:
            key = str(run["actor_id"]) if run["actor_id"] else ""
            run["actor_id"] = key or None
            run["actor_name"] = known.get(key, "Ausgangstext")
            totals[key] = totals.get(key, 0) + len(run["text"])
    people = [
        {"actor_id": k or None, "actor_name": known.get(k, "Ausgangstext"), "characters": n} for k, n in totals.items()
    ]
    return JSONResponse({"fields": runs, "people": sorted(people, key=lambda p: -p["characters"])})


async def chain(request: Request) -> Response:
    """The hash chain's verification: cached per store position; ``?refresh=1`` verifies again."""
    recorder: Any = runtime(request).application.recorder
    engine, table = recorder.datastore.engine, recorder.events_table_name
    expect = request.query_params.get("expect")
    if expect:  # an auditor's noted head: always a fresh walk
        try:
            head = parse_expected_head(expect)
        except ValueError as error:
            raise InvalidInput("expect", str(error)) from None
        report = await run_sync(lambda: verify_chain(engine, table, expect=head))
    else:
        refresh = request.query_params.get("refresh", "") in ("1", "true")
        report = await run_sync(cached_verification(engine, table).report, refresh)
    return JSONResponse(report.as_json())


def _export(render: Callable[[list[dict[str, Any]], bool], str], media_type: str, suffix: str) -> Any:
    async def endpoint(request: Request) -> Response:
        app = runtime(request).application
        conference_id = _id(request, "conference_id")
        ids = await run_sync(history.conference_aggregate_ids, app, conference_id)

        async def body() -> AsyncIterator[str]:
            pages = history.export_pages(app, ids)
            first = True
            while True:
                page = await run_sync(next, pages, None)
                if page is None:
                    return
                yield render(page, first)
                first = False

        filename = f"konferenz-{conference_id}-historie.{suffix}"
        headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
        return StreamingResponse(body(), media_type=media_type, headers=headers)

    endpoint.__name__ = f"export_{suffix}"
    endpoint.__doc__ = f"Vollständige Historie einer Konferenz als {suffix.upper()} (gestreamt)"
    return endpoint


audit_routes = [
    Route("/audit/chain", chain, methods=["GET"]),
    Route("/history/{aggregate_id}", events, methods=["GET"]),
    Route("/history/{aggregate_id}/state", state_at, methods=["GET"]),
    Route("/measures/{measure_id}/decision-texts", decision_texts, methods=["GET"]),
    Route("/measures/{measure_id}/decision-texts/diff", decision_diff, methods=["GET"]),
    Route("/measures/{measure_id}/text", proposal_text_at, methods=["GET"]),
    Route("/measures/{measure_id}/authors", proposal_authors, methods=["GET"]),
    Route("/measures/{measure_id}/document-history", proposal_document_history, methods=["GET"]),
    Route(
        "/conferences/{conference_id}/history.jsonl",
        _export(lambda page, first: history.as_jsonl(page), "application/x-ndjson", "jsonl"),
        methods=["GET"],
    ),
    Route(
        "/conferences/{conference_id}/history.csv",
        _export(history.as_csv, "text/csv; charset=utf-8", "csv"),
        methods=["GET"],
    ),
]
