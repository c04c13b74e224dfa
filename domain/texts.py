"""The text of a measure proposal and its frozen, hashed copy at a decision.

A proposal has a fixed set of text fields (the same names as the live
document's top-level ``Y.Text`` fields). A frozen copy holds every field, the
SHA-256 hash of their canonical JSON form and, once live editing exists, the
Yjs state vector the text came from.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from domain.errors import InvalidInput

PROPOSAL_FIELDS: tuple[str, ...] = (
    "title",
    "description",
    "goal",
    "target_group",
    "district",
    "lead",
    "partners",
    "timeframe",
    "cost",
    "funding",
    "indicators",
)

FIELD_LABELS: dict[str, str] = {
    "title": "Titel",
    "description": "Beschreibung (Ausgangslage und Vorhaben)",
    "goal": "Ziel",
    "target_group": "Zielgruppe",
    "district": "Stadtbezirk / Sozialraum",
    "lead": "Federführung",
    "partners": "Beteiligte Partner",
    "timeframe": "Zeitrahmen",
    "cost": "Kostenschätzung",
    "funding": "Finanzierung",
    "indicators": "Erfolgsindikatoren",
}

REQUIRED_FIELDS: tuple[str, ...] = ("title", "description", "goal", "target_group", "lead")
"""What a proposal must say before its working group may agree on it."""

MAX_FIELD_LENGTH = 100_000


def missing_required(fields: Mapping[str, str]) -> list[str]:
    """The required fields that are empty or only whitespace, in the order of the form."""
    return [name for name in REQUIRED_FIELDS if not fields.get(name, "").strip()]


def check_fields(fields: Mapping[str, Any], *, partial: bool) -> dict[str, str]:
    """Validate proposal fields; unknown names or non-text values are refused."""
    if not isinstance(fields, Mapping):
        raise InvalidInput("fields", "Die Felder des Vorschlags müssen als Objekt übergeben werden.")
    result: dict[str, str] = {}
    for name, value in fields.items():
        if name not in PROPOSAL_FIELDS:
            raise InvalidInput(f"fields.{name}", f"Unbekanntes Feld „{name}“.")
        if not isinstance(value, str):
            raise InvalidInput(f"fields.{name}", f"Das Feld „{FIELD_LABELS[name]}“ muss Text sein.")
        if "\x00" in value:
            raise InvalidInput(
                f"fields.{name}", f"Das Feld „{FIELD_LABELS[name]}“ enthält ein unzulässiges Steuerzeichen."
            )
        if len(value) > MAX_FIELD_LENGTH:
            raise InvalidInput(f"fields.{name}", f"Das Feld „{FIELD_LABELS[name]}“ ist zu lang.")
        result[name] = value
    if not partial:
        result = {name: result.get(name, "") for name in PROPOSAL_FIELDS}
    return result


def content_hash(fields: Mapping[str, str]) -> str:
    canonical = json.dumps(
        {name: fields.get(name, "") for name in PROPOSAL_FIELDS},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def freeze(fields: Mapping[str, str], state_vector: str | None = None) -> dict[str, Any]:
    """A frozen copy of the complete proposal text, as stored in decision events."""
    complete = check_fields(fields, partial=False)
    return {"fields": complete, "sha256": content_hash(complete), "state_vector": state_vector}


def verify_frozen(frozen: Mapping[str, Any]) -> bool:
    """True if a stored frozen copy still matches its hash."""
    return content_hash(frozen["fields"]) == frozen["sha256"]
