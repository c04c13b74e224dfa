"""The import page's API: upload a catalogue file for a dry run, then import it and follow the progress.

``POST /conferences/{id}/catalogue-import`` with ``mode`` ``dry_run`` answers the report and writes
nothing. With ``import`` (every row must be readable) or ``import_readable`` (the readable rows, chosen
explicitly) it checks the file again, starts the import and answers its id; ``GET …/{import_id}`` tells
how many rows are done. A refused import answers 422 with the report, and nothing is written.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, Literal

from anyio.to_thread import run_sync
from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from domain.errors import InvalidInput
from server.auth.http import authorize, person
from server.http.contract import Contract, operation, path_value, validated_body
from server.http.errors import problem
from server.http.params import BodyTooLarge, read_json_object
from server.http.types import Model, text
from server.imports.catalogue import plan_import
from server.imports.reading import MAX_FILE_BYTES
from server.runtime import runtime

MAX_BODY = MAX_FILE_BYTES * 4 // 3 + 65_536  # the file in base64, and the rest of the JSON
BASE64 = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"


class CatalogueUpload(Model):
    """A catalogue file (CSV or XLSX) and what to do with it."""

    filename: text(255) = Field(description="Dateiname, z. B. massnahmen.xlsx")  # type: ignore[valid-type]
    content_base64: str = Field(
        max_length=MAX_BODY, pattern=BASE64, description="Der Inhalt der Datei in Base64 (RFC 4648, mit Auffüllung)"
    )
    mode: Literal["dry_run", "import", "import_readable"] = Field(
        "dry_run",
        description="dry_run: nur prüfen; import: alles importieren (nur ohne Fehler); "
        "import_readable: nur die lesbaren Zeilen importieren",
    )


def decode_upload(data: dict[str, Any]) -> tuple[str, bytes, str]:
    content_base64 = data["content_base64"]
    if len(content_base64) > MAX_FILE_BYTES * 4 // 3 + 4:
        raise _TooLarge()
    try:
        content = base64.b64decode(content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput("content_base64", "Der Dateiinhalt ist kein gültiges Base64.") from None
    return data["filename"], content, data.get("mode", "dry_run")


class _TooLarge(Exception):
    pass


def _too_large() -> Response:
    return problem(
        413,
        "file_too_large",
        f"Die Datei ist zu groß: erlaubt sind höchstens {MAX_FILE_BYTES // 1048576} MB. Bitte den Katalog aufteilen.",
        limit=MAX_FILE_BYTES,
    )


@operation(
    Contract(
        "Maßnahmenkatalog importieren: prüfen (Probelauf) oder importieren",
        body=CatalogueUpload,
        problems={
            413: "Die Datei ist zu groß",
            422: "Die Datei enthält Fehler (Bericht in „report“); nichts wurde importiert",
        },
    )
)
async def catalogue_import(request: Request) -> Response:
    await person(request)  # nobody signed in: 401 before anything else
    conference_id = path_value(request, "conference_id")
    try:
        data = validated_body(CatalogueUpload, await read_json_object(request, limit=MAX_BODY))
        filename, content, mode = decode_upload(data)
    except (BodyTooLarge, _TooLarge):
        return _too_large()
    actor = await authorize(request, "import_catalogue", {"conference_id": conference_id})
    state = runtime(request)
    app = state.application
    plan = await run_sync(plan_import, app, conference_id, filename, content)
    if mode == "dry_run":
        return JSONResponse({"state": "checked", "report": plan.report()}, headers={"Cache-Control": "no-store"})
    readable_only = mode == "import_readable"
    if not plan.importable or (plan.problems and not readable_only):
        detail = (
            "Der Katalog wurde nicht importiert: " + plan.file_errors[0]
            if plan.file_errors
            else f"Der Katalog wurde nicht importiert: {plan.problem_rows} Zeile(n) sind nicht lesbar. Bitte "
            "korrigieren oder ausdrücklich nur die lesbaren Zeilen importieren."
        )
        return problem(422, "import_refused", detail, report=plan.report())
    job = state.imports.start(app, actor, conference_id, plan, readable_only)
    return JSONResponse(job.describe(), headers={"Cache-Control": "no-store"})


@operation(Contract("Stand eines laufenden oder beendeten Katalogimports"))
async def catalogue_import_status(request: Request) -> Response:
    conference_id = path_value(request, "conference_id")
    import_id = path_value(request, "import_id")
    job = runtime(request).imports.get(conference_id, import_id)
    return JSONResponse(job.describe(), headers={"Cache-Control": "no-store"})


import_routes = [
    Route("/conferences/{conference_id}/catalogue-import", catalogue_import, methods=["POST"]),
    Route("/conferences/{conference_id}/catalogue-import/{import_id}", catalogue_import_status, methods=["GET"]),
]
