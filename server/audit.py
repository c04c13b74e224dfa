"""The auditor's endpoints: event histories, past states, decision texts and streamed exports."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
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
from server.http import public_view
from server.http import query_strings as qs
from server.http.contract import Contract, operation, path_value, query
from server.integrity import live_text
from server.integrity.chain_subject import describe
from server.runtime import runtime


def _id(request: Request, name: str) -> Any:
    return path_value(request, name)


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


@operation(Contract("Alle Ereignisse eines Datensatzes"))
async def events(request: Request) -> Response:
    app = runtime(request).application
    found = await run_sync(history.aggregate_history, app, await _history_access(request))
    return JSONResponse(await public_view.for_reader(request, found))


@operation(Contract("Zustand zu einer Version oder einem Zeitpunkt (ohne beides: der heutige)", query=qs.State))
async def state_at(request: Request) -> Response:
    """``?version=N`` or ``?at=2026-11-19T10:00:00+00:00``: the aggregate as it was then; without either, now."""
    app = runtime(request).application
    aggregate_id = await _history_access(request)
    asked = query(request, qs.State)
    if asked.at is not None:
        aggregate = await run_sync(app.as_of_time, DomainAggregate, aggregate_id, asked.at)
    elif asked.version is not None:
        aggregate = await run_sync(app.as_of_version, DomainAggregate, aggregate_id, asked.version)
    else:
        aggregate = await run_sync(app.load, DomainAggregate, aggregate_id)
    return JSONResponse(await public_view.for_reader(request, history.state(aggregate)))


@operation(Contract("Beschlusstexte mit SHA-256"))
async def decision_texts(request: Request) -> Response:
    app = runtime(request).application
    found = await run_sync(history.decision_texts, app, _id(request, "measure_id"))
    return JSONResponse(await public_view.for_reader(request, found))


@operation(Contract("Unterschied zweier Beschlusstexte", query=qs.DecisionDiff))
async def decision_diff(request: Request) -> Response:
    app = runtime(request).application
    asked = query(request, qs.DecisionDiff)
    first, second = asked.from_, asked.to
    return JSONResponse(await run_sync(history.diff_decision_texts, app, _id(request, "measure_id"), first, second))


@operation(Contract("Text des Live-Vorschlags zu einem Zeitpunkt oder nach einer Version des Dokuments", qs.TextAt))
async def proposal_text_at(request: Request) -> Response:
    """The live proposal's text as it was at ``?at=`` (ISO 8601 with time zone) or after ``?version=N``; else now."""
    app = runtime(request).application
    asked, measure_id = query(request, qs.TextAt), _id(request, "measure_id")
    if asked.at is None or asked.version is not None:  # after a version of the document's stream (default: now)
        return JSONResponse(await run_sync(live_text.text_after, app, measure_id, asked.version))
    return JSONResponse(await run_sync(collab_store.text_at, app, measure_id, asked.at))


@operation(Contract("Ereignisse des Live-Vorschlagsdokuments (leer, wenn keines)"))
async def proposal_document_history(request: Request) -> Response:
    """Every event of the measure's live proposal document (each update with its sender); [] if none."""
    app = runtime(request).application
    measure_id = _id(request, "measure_id")

    def read() -> list[dict[str, Any]]:
        if not collab_store.exists(app, measure_id):
            return []
        return history.aggregate_history(app, document_id(measure_id))

    return JSONResponse(await run_sync(read))


async def _names(request: Request, ids: set[str | None]) -> dict[str, str]:
    """Display names of people (pseudonyms for the erased), from the personal-data table."""
    engine = runtime(request).runner.engine
    wanted = sorted(i for i in ids if i)

    def read() -> dict[str, str]:
        with engine.connect() as connection:
            return queries.names(connection, wanted)

    return await run_sync(read)


@operation(Contract("Live-Bearbeitung in Schritten: von/bis, Personen, Felder, erste/letzte Dokumentversion"))
async def proposal_live_steps(request: Request) -> Response:
    """The live editing as steps: from/to, people (with names), fields, first/last stream version."""
    app = runtime(request).application
    found = await run_sync(live_text.steps, app, _id(request, "measure_id"))
    known = await _names(request, {a for step in found for a in step["actor_ids"]})
    for step in found:
        step["people"] = [{"actor_id": a, "actor_name": known.get(a or "", "Ausgangstext")} for a in step["actor_ids"]]
    return JSONResponse(found)


@operation(Contract("Einzelne Änderungen des Live-Dokuments zwischen zwei Versionen, mit Text danach", qs.LiveUpdates))
async def proposal_live_updates(request: Request) -> Response:
    """``?from=V&to=W``: each update stored in those versions, with time, person, fields and text after it."""
    app = runtime(request).application
    asked = query(request, qs.LiveUpdates)
    found = await run_sync(live_text.updates, app, _id(request, "measure_id"), asked.from_, asked.to)
    known = await _names(request, {u["actor_id"] for u in found["updates"]})
    for update in found["updates"]:
        update["actor_name"] = known.get(update["actor_id"] or "", "Ausgangstext")
    return JSONResponse(found)


@operation(Contract("Wer hat welchen Teil des Vorschlags geschrieben"))
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


@operation(Contract("Prüfung der Hash-Kette über alle Ereignisse: Ergebnis, erstes fehlerhaftes Ereignis, Kopf-Hash",
                    query=qs.Chain))
async def chain(request: Request) -> Response:
    """The hash chain's verification: cached per store position; ``?refresh=1`` verifies again."""
    recorder: Any = runtime(request).application.recorder
    engine, table = recorder.datastore.engine, recorder.events_table_name
    asked = query(request, qs.Chain)
    expect = asked.expect
    if expect:  # an auditor's noted head: always a fresh walk
        try:
            head = parse_expected_head(expect)
        except ValueError as error:
            raise InvalidInput("expect", str(error)) from None
        report = await run_sync(lambda: verify_chain(engine, table, expect=head))
    else:
        refresh = asked.refresh == 1
        report = await run_sync(cached_verification(engine, table).report, refresh)
    answer = report.as_json()
    if answer["problem"]:  # named for a person: the measure or conference and the event's time
        views = runtime(request).runner.engine
        answer["problem"] = await run_sync(describe, runtime(request).application, views, answer["problem"])
    return JSONResponse(answer)


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
    return operation(Contract(endpoint.__doc__, media_type=media_type.partition(";")[0]))(endpoint)


audit_routes = [
    Route("/audit/chain", chain, methods=["GET"]),
    Route("/history/{aggregate_id}", events, methods=["GET"]),
    Route("/history/{aggregate_id}/state", state_at, methods=["GET"]),
    Route("/measures/{measure_id}/decision-texts", decision_texts, methods=["GET"]),
    Route("/measures/{measure_id}/decision-texts/diff", decision_diff, methods=["GET"]),
    Route("/measures/{measure_id}/text", proposal_text_at, methods=["GET"]),
    Route("/measures/{measure_id}/authors", proposal_authors, methods=["GET"]),
    Route("/measures/{measure_id}/document-history", proposal_document_history, methods=["GET"]),
    Route("/measures/{measure_id}/live-steps", proposal_live_steps, methods=["GET"]),
    Route("/measures/{measure_id}/live-updates", proposal_live_updates, methods=["GET"]),
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
