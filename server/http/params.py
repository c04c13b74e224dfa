"""Parameters of the HTTP API: one description serves parsing, checking and the OpenAPI document."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from starlette.requests import Request

from domain.errors import InvalidInput

MAX_BODY_BYTES = 1_048_576

# parameter kind → (JSON type check, OpenAPI schema)
KINDS: dict[str, tuple[tuple[type, ...], dict[str, Any]]] = {
    "uuid": ((str,), {"type": "string", "format": "uuid"}),
    "text": ((str,), {"type": "string"}),
    "date": ((str,), {"type": "string", "format": "date"}),
    "int": ((int,), {"type": "integer"}),
    "bool": ((bool,), {"type": "boolean"}),
    "texts": ((list,), {"type": "array", "items": {"type": "string"}}),
    "uuids": ((list,), {"type": "array", "items": {"type": "string", "format": "uuid"}}),
    "fields": ((dict,), {"type": "object", "additionalProperties": {"type": "string"}}),
    "objects": ((list,), {"type": "array", "items": {"type": "object"}}),
}


class BodyTooLarge(Exception):
    """The request body exceeds the configured limit."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    required: bool = False
    description: str = ""
    default: Any = None  # passed on when the client leaves an optional parameter out

    def schema(self) -> dict[str, Any]:
        schema = dict(KINDS[self.kind][1])
        if self.description:
            schema["description"] = self.description
        if self.default is not None:
            schema["default"] = self.default
        return schema

    def parse(self, value: Any) -> Any:
        """Check the JSON type; the domain checks content. Returns the value for the command."""
        types = KINDS[self.kind][0]
        if value is None:
            if self.required:
                raise InvalidInput(self.name, f"Die Angabe „{self.name}“ fehlt.")
            return self.default
        if not isinstance(value, types) or (self.kind == "int" and isinstance(value, bool)):
            raise InvalidInput(
                self.name, f"„{self.name}“ hat den falschen Typ; erwartet: {KINDS[self.kind][1]['type']}."
            )
        if self.kind == "uuid":
            return parse_uuid(self.name, value)
        if self.kind == "uuids":
            return [parse_uuid(f"{self.name}.{i}", v) for i, v in enumerate(value)]
        return value


def parse_uuid(name: str, value: Any) -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        raise InvalidInput(name, f"„{name}“ ist keine gültige Kennung (UUID).") from None


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


def query_int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(name, f"„{name}“ muss eine ganze Zahl sein.") from None
    if not low <= value <= high:
        raise InvalidInput(name, f"„{name}“ muss zwischen {low} und {high} liegen.")
    return value


def query_uuid(request: Request, name: str) -> str | None:
    raw = request.query_params.get(name)
    return None if not raw else str(parse_uuid(name, raw))
