"""The OParl endpoint: ``/oparl/v1/system`` and every object and list reachable from it.

Public and read-only: no sign-in, nothing the privacy rules keep from the public (a person is named only in
her public roles and only while she agrees to it: ``server.documents.oparl.people``).
Every answer carries ``Access-Control-Allow-Origin: *``. Outside the OpenAPI document, like the pages.
"""

from __future__ import annotations

import threading
from typing import Any

from anyio import CapacityLimiter
from anyio.to_thread import run_sync
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from domain.errors import InvalidInput
from server.documents.oparl import pages
from server.documents.oparl.corpus import PREFIX, Builder, Corpus
from server.documents.oparl.prints import Prints
from server.documents.oparl.reading import fingerprint, read
from server.documents.oparl.settings import OParlSettings
from server.documents.routes import LIMITER
from server.http.errors import problem
from server.runtime import Runtime, runtime

OPARL_PATH = PREFIX + "/{path:path}"  # one route: the corpus knows every object's and list's path
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS"}
CONTENT = "/inhalt"
# Threads waiting for the corpus (the first build typesets every PDF, seconds): a crawler's parallel requests
# wait here rather than take the worker threads every other request needs.
BUILDERS = CapacityLimiter(4)


class OParlJSON(JSONResponse):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        import json

        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Corpora:
    """The last corpus per base URL, rebuilt when the views it reads have changed (``reading.fingerprint``).

    A rebuild typesets only the PDFs whose state moved (``prints``); the first one after a start all of them.
    """

    def __init__(self, settings: OParlSettings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[tuple[int, ...], Corpus]] = {}
        self.prints: Prints | None = None

    def get(self, state: Runtime, root: str) -> Corpus:
        positions = fingerprint(state.runner.engine)
        with self._lock:
            cached = self._cache.get(root)
            if cached is not None and cached[0] == positions:
                return cached[1]
            if self.prints is None or self.prints.app is not state.application:
                self.prints = Prints(state.application)
            corpus = Builder(read(state.application), root, self.settings.city_name, self.prints).build()
            self._cache[root] = (positions, corpus)
            self.prints.keep_only(job for _, kept in self._cache.values() for job in kept.printed.values())
            return corpus


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
        corpus = await run_sync(corpora.get, state, root, limiter=BUILDERS)
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
            assert corpora.prints is not None  # made with the corpus
            job = corpus.printed[path.removesuffix(CONTENT)]
            pdf = await run_sync(corpora.prints.get, job, limiter=LIMITER)  # kept since the corpus was built
            disposition = "attachment" if request.query_params.get("download") else "inline"
            headers = {**CORS, "Content-Disposition": f'{disposition}; filename="{file["fileName"]}"'}
            return Response(pdf.data, media_type="application/pdf", headers=headers)
        if path.endswith(CONTENT) and path.removesuffix(CONTENT) in corpus.contents:
            content = corpus.contents[path.removesuffix(CONTENT)]
            disposition = "attachment" if request.query_params.get("download") else "inline"
            headers = {**CORS, "Content-Disposition": f'{disposition}; filename="{content.file_name}"'}
            return Response(content.data, media_type="text/plain; charset=utf-8", headers=headers)
        return problem(404, "not_found", "Unter dieser OParl-Adresse gibt es kein Objekt.", headers=CORS)

    endpoint.corpora = corpora  # type: ignore[attr-defined]  # what the tests look into
    return [Route(OPARL_PATH, endpoint, methods=["GET", "HEAD", "OPTIONS"])]
