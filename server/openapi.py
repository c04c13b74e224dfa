"""The OpenAPI document, generated from the same route descriptions the server runs."""

from __future__ import annotations

import copy
from typing import Any

from server.auth import password_change
from server.commands import COMMANDS
from server.http import desk
from server.views import QUERIES

PROBLEM = {
    "description": "Fehler (RFC 9457)",
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}  # noqa: E501
JSON_OK = {"description": "OK", "content": {"application/json": {}}}


def _body(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    schema = {"type": "object", "additionalProperties": True, "properties": properties, "required": required}
    return {"content": {"application/json": {"schema": schema}}}


TEXT = {"type": "string"}
UUID_SCHEMA = {"type": "string", "format": "uuid"}
CREATED = {"description": "Angelegt", "content": {"application/json": {}}}

# Sign-in, invitations, accounts and tokens (server.auth.http).
AUTH: dict[str, dict[str, Any]] = {
    "/api/session": {
        "post": {
            "summary": "Anmelden (setzt Sitzungs- und CSRF-Cookie)",
            "security": [],
            "requestBody": _body({"login": TEXT, "password": TEXT}, ["login", "password"]),
            "responses": {"200": JSON_OK},
        },
        "get": {"summary": "Angemeldete Person", "responses": {"200": JSON_OK}},
        "delete": {"summary": "Abmelden", "responses": {"204": {"description": "Abgemeldet"}}},
    },
    "/api/session/permissions": {
        "get": {
            "summary": "Rollen und erlaubte Aktionen der angemeldeten Person (für eine Maßnahme, AG oder Konferenz)",
            "parameters": [
                {"name": name, "in": "query", "schema": UUID_SCHEMA}
                for name in ("measure_id", "working_group_id", "conference_id")
            ],
            "responses": {"200": JSON_OK},
        }
    },
    "/api/conferences/{conference_id}/roles": {
        "get": {"summary": "Vergebene Rollen einer Konferenz", "responses": {"200": JSON_OK}}
    },
    "/api/accounts": {
        "post": {
            "summary": "Konto für eine Person anlegen (Organisationsteam)",
            "requestBody": _body(
                {"person_id": UUID_SCHEMA, "login": TEXT, "password": TEXT}, ["person_id", "login", "password"]
            ),
            "responses": {"201": CREATED},
        }
    },
    "/api/people/{person_id}/invitation": {
        "post": {"summary": "Einladungslink erstellen (signiert, befristet, einmalig)", "responses": {"201": CREATED}}
    },
    "/api/invitations/{token}": {
        "get": {"summary": "Einladung ansehen", "security": [], "responses": {"200": JSON_OK}}
    },
    "/api/invitations/{token}/acceptance": {
        "post": {
            "summary": "Einladung annehmen: Passwort setzen und anmelden",
            "security": [],
            "requestBody": _body({"login": TEXT, "password": TEXT}, ["password"]),
            "responses": {"201": CREATED},
        }
    },
    "/api/tokens": {
        "post": {
            "summary": "API-Schlüssel für die angemeldete Person erzeugen",
            "requestBody": _body({"label": TEXT}, []),
            "responses": {"201": CREATED},
        },
        "get": {
            "summary": "API-Schlüssel einer Person auflisten (nur Kennung, Bezeichnung, Datum, widerrufen)",
            "parameters": [{"name": "person_id", "in": "query", "schema": {"type": "string", "format": "uuid"}}],
            "responses": {"200": JSON_OK},
        },
    },
    "/api/tokens/{token_id}": {
        "delete": {
            "summary": "API-Schlüssel widerrufen; seine offenen Live-Verbindungen werden geschlossen",
            "responses": {"204": {"description": "Widerrufen"}},
        }
    },
}

# Endpoints that are not described by the command or query tables.
OTHER: dict[str, dict[str, Any]] = {
    **AUTH, **password_change.OPENAPI, **desk.OPENAPI,
    "/api/health": {"get": {"summary": "Zustand des Servers und der Projektionen", "responses": {"200": JSON_OK}}},
    "/api/changes": {
        "get": {
            "summary": "Live-Änderungen der Ansichten (Server-Sent Events)",
            "parameters": [{"name": "conference_id", "in": "query", "schema": {"type": "string", "format": "uuid"}}],
            "responses": {"200": {"description": "Ereignisstrom", "content": {"text/event-stream": {}}}},
        }
    },
    "/api/history/{aggregate_id}": {
        "get": {"summary": "Alle Ereignisse eines Datensatzes", "responses": {"200": JSON_OK}}
    },
    "/api/history/{aggregate_id}/state": {
        "get": {
            "summary": "Zustand zu einer Version oder einem Zeitpunkt",
            "parameters": [
                {"name": "version", "in": "query", "schema": {"type": "integer"}},
                {"name": "at", "in": "query", "schema": {"type": "string", "format": "date-time"}},
            ],
            "responses": {"200": JSON_OK},
        }
    },
    "/api/measures/{measure_id}/decision-texts": {
        "get": {"summary": "Beschlusstexte mit SHA-256", "responses": {"200": JSON_OK}}
    },
    "/api/measures/{measure_id}/decision-texts/diff": {
        "get": {
            "summary": "Unterschied zweier Beschlusstexte",
            "parameters": [
                {"name": "from", "in": "query", "required": True, "schema": {"type": "integer"}},
                {"name": "to", "in": "query", "required": True, "schema": {"type": "integer"}},
            ],
            "responses": {"200": JSON_OK},
        }
    },
    "/api/measures/{measure_id}/text": {
        "get": {
            "summary": "Text des Live-Vorschlags zu einem Zeitpunkt",
            "parameters": [
                {"name": "at", "in": "query", "required": True, "schema": {"type": "string", "format": "date-time"}}
            ],
            "responses": {"200": JSON_OK},
        }
    },
    "/api/measures/{measure_id}/authors": {
        "get": {"summary": "Wer hat welchen Teil des Vorschlags geschrieben", "responses": {"200": JSON_OK}}
    },
    "/api/measures/{measure_id}/document-history": {
        "get": {"summary": "Ereignisse des Live-Vorschlagsdokuments (leer, wenn keines)", "responses": {"200": JSON_OK}}
    },
    "/api/audit/chain": {
        "get": {
            "summary": "Prüfung der Hash-Kette über alle Ereignisse: Ergebnis, erstes fehlerhaftes Ereignis, Kopf-Hash",
            "parameters": [
                {"name": "refresh", "in": "query", "schema": {"type": "integer", "enum": [0, 1]}},
                {"name": "expect", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]+:[0-9a-f]{64}$"}},
            ],
            "responses": {"200": JSON_OK},
        }
    },
    "/metrics": {
        "get": {
            "summary": "Metriken im Prometheus-Textformat",
            "responses": {"200": {"description": "OK", "content": {"text/plain": {}}}},
        }
    },  # noqa: E501
    "/api/conferences/{conference_id}/history.jsonl": {
        "get": {
            "summary": "Historie als JSON Lines",
            "responses": {"200": {"description": "OK", "content": {"application/x-ndjson": {}}}},
        }  # noqa: E501
    },
    "/api/people/{person_id}/export": {
        "get": {
            "summary": "Auskunft über alle gespeicherten Daten einer Person (DSGVO Art. 15) als JSON-Datei",
            "responses": {"200": {"description": "OK", "content": {"application/json": {}}}},
        }
    },
    "/api/conferences/{conference_id}/history.csv": {
        "get": {"summary": "Historie als CSV", "responses": {"200": {"description": "OK", "content": {"text/csv": {}}}}}
    },
}


def _path_parameters(path: str) -> list[dict[str, Any]]:
    names = [part[1:-1] for part in path.split("/") if part.startswith("{")]
    return [{"name": n, "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}} for n in names]


def build() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for command in COMMANDS:
        body = {
            "type": "object",
            "additionalProperties": False,
            "properties": {p.name: p.schema() for p in command.params},
            "required": [p.name for p in command.params if p.required],
        }
        paths.setdefault("/api" + command.path, {})[command.method.lower()] = {
            "summary": command.summary,
            "operationId": command.operation,
            "parameters": _path_parameters(command.path),
            "security": [{"bearer": []}, {"session": [], "csrf": []}],
            "requestBody": {"content": {"application/json": {"schema": body}}},
            "responses": {"201" if command.created else "200": JSON_OK, "4XX": PROBLEM},
        }
    for query in QUERIES:
        parameters = _path_parameters(query.path) + [
            {"name": p.name, "in": "query", "required": p.required, "schema": p.schema()} for p in query.params
        ]
        parameters.append({"name": "min_position", "in": "query", "schema": {"type": "integer"}})
        paths.setdefault("/api" + query.path, {})["get"] = {
            "summary": query.summary,
            "parameters": parameters,
            "responses": {"200": JSON_OK, "4XX": PROBLEM},
        }
    for path, described in OTHER.items():
        operations = copy.deepcopy(described)  # OTHER stays as written: every call builds the same document
        for operation in operations.values():
            operation["parameters"] = _path_parameters(path) + operation.get("parameters", [])
            operation["responses"].setdefault("4XX", PROBLEM)
        paths.setdefault(path, {}).update(operations)
    paths["/openapi.json"] = {"get": {"summary": "Dieses Dokument", "responses": {"200": JSON_OK}}}
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
                }
            },
        },
    }
