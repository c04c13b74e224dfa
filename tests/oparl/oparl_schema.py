"""Validation of OParl objects against the specification's schemas (vendored in ``schema/``).

The schemas name embedded objects with a non-standard ``"schema": "Paper.json"`` key and formats
(``url``, ``date-time``, ``date``) a plain JSON Schema validator does not check: both are done here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator

SCHEMAS = Path(__file__).parent / "schema"


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text())
    return loaded


def kind(obj: dict[str, Any]) -> str:
    return str(obj["type"]).rpartition("/")[2]


def problems(obj: dict[str, Any], name: str | None = None) -> list[str]:
    """Everything wrong with ``obj`` (and the objects embedded in it) by the schema of its type."""
    name = name or f"{kind(obj)}.json"
    found = [f"{obj.get('id')}: {e.message}" for e in Draft7Validator(schema(name)).iter_errors(obj)]
    for key, rule, value in _properties(obj, schema(name)):
        found += [f"{obj.get('id')}.{key}: {p}" for p in _format(rule, value)]
        embedded = rule.get("schema") or (rule.get("items") or {}).get("schema")
        if embedded:  # external lists name their objects' schema too: only objects given in full count
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    found += problems(item, embedded)
    return found


def embedded_objects(obj: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The objects given in full inside ``obj`` (their ids must resolve as well)."""
    for _, rule, value in _properties(obj, schema(f"{kind(obj)}.json")):
        if rule.get("schema") or (rule.get("items") or {}).get("schema"):
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    yield item
                    yield from embedded_objects(item)


def _properties(obj: dict[str, Any], rules: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], Any]]:
    for key, value in obj.items():
        rule = rules["properties"].get(key)
        if rule is not None:
            yield key, rule, value


def _format(rule: dict[str, Any], value: Any) -> list[str]:
    fmt = rule.get("format") or (rule.get("items") or {}).get("format")
    values = value if isinstance(value, list) else [value]
    wrong = []
    for v in values:
        if not isinstance(v, str):
            continue
        if fmt == "url" and not v.startswith(("http://", "https://")):
            wrong.append(f"{v!r} ist keine absolute URL")
        elif fmt == "date-time" and not _is_datetime(v):
            wrong.append(f"{v!r} ist kein Zeitpunkt mit Zeitzone")
        elif fmt == "date" and not _is_date(v):
            wrong.append(f"{v!r} ist kein Datum")
    return wrong


def _is_datetime(value: str) -> bool:
    try:
        return "T" in value and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
