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

    def schema(self) -> dict[str, Any]:
        schema = dict(KINDS[self.kind][1])
        if self.description:
            schema["description"] = self.description
        return schema

    def parse(self, value: Any) -> Any:
        """Check the JSON type; the domain checks content. Returns the value for the command."""
        types = KINDS[self.kind][0]
        if value is None:
            if self.required:
                raise InvalidInput(self.name, f"Die Angabe „{self.name}“ fehlt.")
            return None
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


async def read_json_object(request: Request, limit: int = MAX_BODY_BYTES) -> dict[str, Any]:
    """The request body as a JSON object; empty body means {}."""
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
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidInput("body", f"Der Inhalt ist kein gültiges JSON: {error}.") from None
    if not isinstance(body, dict):
        raise InvalidInput("body", "Der Inhalt muss ein JSON-Objekt sein.")
    return body


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
