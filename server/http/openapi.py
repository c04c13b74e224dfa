"""The OpenAPI document, generated from the routes the server runs and the models that check their requests.

Every ``/api`` endpoint carries its ``Contract`` (``server.http.contract``): path parameters, query and
body models, the answer when all went well, and whether it needs a signed-in person. The same models
check each request, so a request valid by this document is one the server reads, and one invalid by it
is refused with 400.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter

from server.http.contract import Body, Contract, contract_of, path_type
from server.http.routing import endpoints

REF = "#/components/schemas/{model}"
PROBLEM = {
    "description": "Fehler (RFC 9457)",
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}
SAFE = frozenset({"get", "head", "options"})
USUAL_PROBLEMS = {
    400: "Ungültige Eingabe (code invalid_input, field nennt den Parameter)",
    401: "Nicht angemeldet",
    403: "Keine Berechtigung",
    404: "Unbekannte Kennung",
    413: "Inhalt zu groß",
}
# Outside /api: served by server.app.
OUTSIDE_API: dict[str, dict[str, Any]] = {
    "/metrics": {
        "get": {
            "summary": "Metriken im Prometheus-Textformat (Rolle operator)",
            "responses": {
                "200": {"description": "OK", "content": {"text/plain": {}}},
                "401": {**PROBLEM, "description": USUAL_PROBLEMS[401]},
                "403": {**PROBLEM, "description": USUAL_PROBLEMS[403]},
                "4XX": PROBLEM,
            },
        }
    },
    "/openapi.json": {
        "get": {
            "summary": "Dieses Dokument",
            "security": [],
            "responses": {"200": {"description": "OK", "content": {"application/json": {}}}, "4XX": PROBLEM},
        }
    },
}


class Schemas:
    """The components/schemas section, filled as body models are referenced."""

    def __init__(self) -> None:
        self.named: dict[str, Any] = {}

    def reference(self, body: type[BaseModel] | Body) -> dict[str, Any]:
        if isinstance(body, Body):
            name, schema = body.name, body.adapter.json_schema(ref_template=REF)
        else:
            name, schema = body.__name__, body.model_json_schema(ref_template=REF)
        self.named.update(schema.pop("$defs", {}))
        self.named[name] = schema
        return {"$ref": REF.format(model=name)}


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter left out is the null of a body: the schema of the value itself."""
    options = [s for s in schema.get("anyOf", []) if s != {"type": "null"}]
    if len(options) == 1:
        schema = {**{k: v for k, v in schema.items() if k != "anyOf"}, **options[0]}
    if schema.get("default", 0) is None:
        del schema["default"]
    schema.pop("title", None)
    return schema


def _parameters(path: str, contract: Contract) -> list[dict[str, Any]]:
    names = [part[1:-1] for part in path.split("/") if part.startswith("{")]
    parameters = [
        {"name": n, "in": "path", "required": True, "schema": TypeAdapter(path_type(n)).json_schema()} for n in names
    ]
    if contract.query is not None:
        schema = contract.query.model_json_schema(by_alias=True)
        for name, prop in schema["properties"].items():
            parameter = {"name": name, "in": "query", "required": name in schema.get("required", [])}
            if "description" in prop:
                parameter["description"] = prop.pop("description")
            parameters.append({**parameter, "schema": _without_null(prop)})
    return parameters


def _body_required(body: type[BaseModel] | Body) -> bool:
    if isinstance(body, Body):
        return True
    return any(field.is_required() for field in body.model_fields.values())


def _operation(path: str, method: str, contract: Contract, schemas: Schemas, name: str) -> dict[str, Any]:
    parameters = _parameters(path, contract)
    ok: dict[str, Any] = {"description": "OK"}
    if contract.status != 204:
        ok["content"] = {contract.media_type: {}}
    problems = dict(contract.problems)
    if parameters or contract.body is not None:
        problems[400] = USUAL_PROBLEMS[400]
    if not contract.public:
        problems.update({401: USUAL_PROBLEMS[401], 403: USUAL_PROBLEMS[403]})
    if any(p["in"] == "path" for p in parameters):
        problems[404] = USUAL_PROBLEMS[404]
    if contract.body is not None:
        problems[413] = USUAL_PROBLEMS[413]
    responses: dict[str, Any] = {str(contract.status): ok}
    for status in sorted(problems):
        responses[str(status)] = {**PROBLEM, "description": problems[status]}
    responses["4XX"] = PROBLEM
    operation: dict[str, Any] = {
        "summary": contract.summary,
        "operationId": contract.operation_id or name,
        "parameters": parameters,
        "responses": responses,
    }
    if contract.public:
        operation["security"] = []
    elif method not in SAFE:
        operation["security"] = [{"bearer": []}, {"session": [], "csrf": []}]
    if contract.body is not None:
        content = {"application/json": {"schema": schemas.reference(contract.body)}}
        operation["requestBody"] = {"required": _body_required(contract.body), "content": content}
    return operation


@cache
def _build() -> dict[str, Any]:
    from server.api import api_routes  # the routes import this module's neighbours, not the other way round

    schemas = Schemas()
    paths: dict[str, dict[str, Any]] = {}
    for route in api_routes:
        for method, endpoint in endpoints(route).items():  # type: ignore[arg-type]
            contract = contract_of(endpoint)
            if contract is None:
                raise RuntimeError(f"{method} /api{route.path} hat keinen Vertrag (server.http.contract.operation).")
            name = getattr(endpoint, "__name__", "")
            paths.setdefault("/api" + route.path, {})[method.lower()] = _operation(
                route.path, method.lower(), contract, schemas, name
            )  # type: ignore[attr-defined]
    paths.update(OUTSIDE_API)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Sozialkonferenz API", "version": "0.1.0", "description": "Befehle, Ansichten und Revision."},
        "paths": paths,
        "security": [{"bearer": []}, {"session": []}],
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "API-Schlüssel (token create)"},
                "session": {"type": "apiKey", "in": "cookie", "name": "sk_session"},
                "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token"},
            },
            "schemas": {
                **schemas.named,
                "Problem": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string"},
                        "title": {"type": "string"},
                        "status": {"type": "integer"},
                        "detail": {"type": "string"},
                        "code": {"type": "string"},
                        "field": {"type": "string"},
                    },
                    "required": ["type", "title", "status", "detail", "code"],
                },
            },
        },
    }


def build() -> dict[str, Any]:
    """The document (built once per process; a copy, so callers may change theirs)."""
    return copy.deepcopy(_build())
