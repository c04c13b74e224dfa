"""The OParl endpoint: ``/oparl/v1/system`` and every object and list reachable from it.

Public and read-only: no sign-in, nothing the privacy rules keep from the public (no person is named:
consent to being named publicly is not modelled, so the lists of persons and memberships are empty).
Every answer carries ``Access-Control-Allow-Origin: *``. Outside the OpenAPI document, like the pages.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from anyio.to_thread import run_sync
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from domain.application import Sozialkonferenz
from domain.errors import InvalidInput
from server.documents.content import Context
from server.documents.oparl import pages
from server.documents.oparl.corpus import Builder, Corpus
from server.documents.oparl.reading import fingerprint, read
from server.documents.oparl.settings import OParlSettings
from server.documents.papers import committee_paper
from server.documents.record import Record
from server.documents.routes import LIMITER
from server.documents.typesetting import render
from server.http.errors import problem
from server.runtime import Runtime, runtime

PREFIX = "/oparl/v1"
OPARL_PATH = PREFIX + "/{path:path}"  # one route: the corpus knows every object's and list's path
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS"}
CONTENT = "/inhalt"
PDFS_KEPT = 500  # prints kept per process: the same bytes until the paper changes or the process restarts


class OParlJSON(JSONResponse):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        import json

        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Corpora:
    """The last corpus per base URL, rebuilt when the views it reads have changed (``reading.fingerprint``)."""

    def __init__(self, settings: OParlSettings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[tuple[int, ...], Corpus]] = {}
        self.pdfs: dict[tuple[str, str], bytes] = {}  # (file id, modified) → the print served for it

    def keep_pdf(self, key: tuple[str, str], pdf: bytes) -> None:
        if len(self.pdfs) >= PDFS_KEPT:
            self.pdfs.pop(next(iter(self.pdfs)))
        self.pdfs[key] = pdf

    def get(self, state: Runtime, root: str) -> Corpus:
        positions = fingerprint(state.runner.engine)
        with self._lock:
            cached = self._cache.get(root)
            if cached is not None and cached[0] == positions:
                return cached[1]
            corpus = Builder(read(state.application), root, self.settings.city_name).build()
            self._cache[root] = (positions, corpus)
            return corpus


def printed(app: Sozialkonferenz, measure_id: str, at: datetime, root: str) -> bytes:
    """The Beschlussvorlage as the documents print it for the public (no names), as of ``at``."""
    context = Context(Record(app, at), None, root.removesuffix(PREFIX) + "/", datetime.now(UTC))
    return render("beschlussvorlage", committee_paper(context, UUID(measure_id)))


def oparl_routes(settings: OParlSettings) -> list[Route]:
    corpora = Corpora(settings)

    def root_of(request: Request) -> str:
        base = settings.public_url or str(request.base_url)
        return base.rstrip("/") + PREFIX

    async def endpoint(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={**CORS, "Access-Control-Max-Age": "86400"})
        path = request.path_params["path"].strip("/")
        root = root_of(request)
        state = runtime(request)
        corpus = await run_sync(corpora.get, state, root)
        try:
            if path in corpus.objects:
                return OParlJSON(pages.shown(corpus.objects[path], pages.omit_internal(request.query_params)),
                                 headers=CORS)  # fmt: skip
            if path in corpus.lists:
                objects = [corpus.objects[p] for p in corpus.lists[path]]
                return OParlJSON(pages.page(corpus.url(path), objects, request.query_params), headers=CORS)
        except InvalidInput as error:
            return problem(400, error.code, error.message, headers=CORS, field=error.field)
        if path.endswith(CONTENT) and path.removesuffix(CONTENT) in corpus.printed:
            file = corpus.objects[path.removesuffix(CONTENT)]
            at = datetime.fromisoformat(file["modified"])
            key = (file["id"], file["modified"])
            pdf = corpora.pdfs.get(key)
            if pdf is None:
                pdf = await run_sync(printed, state.application, corpus.printed[path.removesuffix(CONTENT)], at, root,
                                     limiter=LIMITER)  # fmt: skip
                corpora.keep_pdf(key, pdf)
            disposition = "attachment" if request.query_params.get("download") else "inline"
            headers = {**CORS, "Content-Disposition": f'{disposition}; filename="{file["fileName"]}"'}
            return Response(pdf, media_type="application/pdf", headers=headers)
        if path.endswith(CONTENT) and path.removesuffix(CONTENT) in corpus.contents:
            content = corpus.contents[path.removesuffix(CONTENT)]
            disposition = "attachment" if request.query_params.get("download") else "inline"
            headers = {**CORS, "Content-Disposition": f'{disposition}; filename="{content.file_name}"'}
            return Response(content.data, media_type="text/plain; charset=utf-8", headers=headers)
        return problem(404, "not_found", "Unter dieser OParl-Adresse gibt es kein Objekt.", headers=CORS)

    return [Route(OPARL_PATH, endpoint, methods=["GET", "HEAD", "OPTIONS"])]
