"""Reading a request body as a JSON object (size limit, nesting, text PostgreSQL cannot store) and refusing NUL
characters in query strings; what the parameters must be is in the models (``server.http.contract``)."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request

from domain.errors import InvalidInput

MAX_BODY_BYTES = 1_048_576


class BodyTooLarge(Exception):
    """The request body exceeds the configured limit."""


async def read_json_object(request: Request, limit: int | None = None) -> dict[str, Any]:
    """The request body as a JSON object; empty body means {}. The size limit is the server's setting."""
    if limit is None:
        limit = getattr(getattr(request.state, "runtime", None), "max_body_bytes", MAX_BODY_BYTES)
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except RecursionError:
        raise InvalidInput("body", "Der Inhalt ist zu tief verschachtelt.") from None
    except ValueError as error:  # not UTF-8, not JSON, or a number with too many digits
        raise InvalidInput("body", f"Der Inhalt ist kein gültiges JSON: {error}.") from None
    if not isinstance(body, dict):
        raise InvalidInput("body", "Der Inhalt muss ein JSON-Objekt sein.")
    _refuse_unstorable_text(body)
    return body


def _refuse_unstorable_text(body: dict[str, Any]) -> None:
    """NUL characters and lone surrogates: JSON allows them, PostgreSQL text and UTF-8 do not."""
    pending: list[tuple[str, Any]] = [("", body)]
    while pending:  # a loop, not recursion: nesting that json.loads accepted must not overflow the stack here
        path, value = pending.pop()
        if isinstance(value, str) and _unstorable(value):
            raise InvalidInput(path, f"„{path}“ enthält Zeichen, die nicht gespeichert werden können.")
        if isinstance(value, dict):
            for key, item in value.items():
                if _unstorable(key):
                    raise InvalidInput(path or "body", "Ein Name im Inhalt enthält ungültige Zeichen.")
                pending.append((f"{path}.{key}" if path else key, item))
        elif isinstance(value, list):
            pending.extend((f"{path}.{i}", item) for i, item in enumerate(value))


def _unstorable(text: str) -> bool:
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def refuse_nul_in_query(request: Request) -> None:
    """PostgreSQL cannot compare text containing NUL: refuse it in any query parameter."""
    for name, value in request.query_params.multi_items():
        if "\x00" in name or "\x00" in value:
            field = name.replace("\x00", "")
            raise InvalidInput(field, f"„{field}“ enthält ein NUL-Zeichen.")
