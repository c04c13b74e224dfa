"""The parameters of a command's body, as the tests that send wrong ones need them: name, kind, required.

Read from the same models the server checks with (``server.http.bodies``); a body of several shapes
(a tagged union) gives the parameters of all its shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server.http.commands import Command
from server.http.contract import Body


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # uuid, text, date, int, bool, texts, uuids, fields, objects
    required: bool


def _kind(schema: dict[str, Any]) -> str:
    options = [s for s in schema.get("anyOf", [schema]) if s != {"type": "null"}]
    schema = options[0]
    if "$ref" in schema or schema.get("type") == "object":
        return "fields"
    if schema.get("type") == "array":
        items = schema["items"]
        if "$ref" in items:
            return "objects"
        return "uuids" if items.get("format") == "uuid" else "texts"
    if schema.get("type") == "integer":
        return "int"
    if schema.get("type") == "boolean":
        return "bool"
    return {"uuid": "uuid", "date": "date"}.get(schema.get("format", ""), "text")


def parameters(command: Command) -> list[Param]:
    body = command.body
    found: dict[str, Param] = {}
    for model in body.variants if isinstance(body, Body) else (body,):
        schema = model.model_json_schema()
        for name, prop in schema["properties"].items():
            required = name in schema.get("required", []) or (name in found and found[name].required)
            found[name] = Param(name, _kind(prop), required)
    return list(found.values())
