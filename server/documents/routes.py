"""The printed documents over HTTP: ``/api/documents/…`` answers a PDF, now or as of ``?at=``.

Each document is read and typeset in a worker thread of its own small pool (``LIMITER``): a long
catalogue keeps neither the event loop nor the threads the other requests use busy. The read rules are
the pages': every signed-in person; people's names only for readers who see them on the pages
(``server/http/public_view.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from anyio import CapacityLimiter
from anyio.to_thread import run_sync
from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from projections import queries
from server.documents import catalogue, dokumentation, papers
from server.documents.content import Context
from server.documents.record import Record
from server.documents.typesetting import render
from server.http import public_view
from server.http import query_strings as qs
from server.http.contract import Contract, operation, path_value, query
from server.http.types import Moment
from server.runtime import runtime, wait_for_own_writes

LIMITER = CapacityLimiter(2)  # documents typeset at once per process; the rest wait their turn
AT = "Zeitpunkt (ISO 8601 mit Zeitzone): das Dokument, wie es der Ereignisspeicher damals ergab; ohne: jetzt"


class DocumentAt(qs.View):
    at: Moment | None = Field(None, description=AT)


class CatalogueDocument(qs.Catalogue):
    at: Moment | None = Field(None, description=AT)
    limit: qs.Limit = 1000  # type: ignore[assignment]  # a printed catalogue lists the whole selection


Builder = Callable[[Context, Request, Any], dict[str, Any]]


def document(name: str, summary: str, build: Builder, params: type[qs.View] = DocumentAt) -> Any:
    async def endpoint(request: Request) -> Response:
        ids = {n: path_value(request, n) for n in request.path_params}
        asked = query(request, params)
        await wait_for_own_writes(request)
        state = runtime(request)
        public = await public_view.reader_is_public(request)
        engine = state.runner.engine

        def names(person_ids: list[str]) -> dict[str, str]:
            with engine.connect() as connection:
                return queries.names(connection, person_ids)

        def make() -> bytes:
            record = Record(state.application, asked.at)  # type: ignore[attr-defined]
            context = Context(record, None if public else names, str(request.base_url), datetime.now(UTC))
            return render(name, build(context, request, (ids, asked)))

        pdf = await run_sync(make, limiter=LIMITER)
        headers = {"Content-Disposition": f'inline; filename="{name}.pdf"'}
        return Response(pdf, media_type="application/pdf", headers=headers)

    endpoint.__name__ = f"get_{name}_pdf"
    endpoint.__doc__ = summary
    return operation(Contract(summary, query=params, media_type="application/pdf"))(endpoint)


document_routes = [
    Route(
        "/documents/conferences/{conference_id}/dokumentation.pdf",
        document("dokumentation", "Dokumentation der Sozialkonferenz (PDF)",
                 lambda c, r, a: dokumentation.dokumentation(c, a[0]["conference_id"])),
        methods=["GET"],
    ),
    Route(
        "/documents/massnahmenkatalog.pdf",
        document("massnahmenkatalog", "Maßnahmenkatalog (PDF), gefiltert wie der Katalog",
                 lambda c, r, a: catalogue.catalogue(c, runtime(r).runner.engine, a[1]), CatalogueDocument),
        methods=["GET"],
    ),
    Route(
        "/documents/measures/{measure_id}/beschlussvorlage.pdf",
        document("beschlussvorlage", "Beschlussvorlage einer Maßnahme (PDF)",
                 lambda c, r, a: papers.committee_paper(c, a[0]["measure_id"])),
        methods=["GET"],
    ),
    Route(
        "/documents/measures/{measure_id}/beschlussnachweis.pdf",
        document("beschlussnachweis", "Beschlussnachweis einer Maßnahme mit SHA-256 und QR-Codes (PDF)",
                 lambda c, r, a: papers.decision_record(c, a[0]["measure_id"])),
        methods=["GET"],
    ),
]  # fmt: skip
