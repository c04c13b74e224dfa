"""How a request that its model refuses is told: ``InvalidInput`` naming the parameter (``field``) and, in
the German message, its label as a person filling in a form knows it (the labels the domain's own messages
use, see ``domain/*_commands.py``).
"""

from __future__ import annotations

from pydantic_core import ErrorDetails

from domain.errors import InvalidInput
from domain.texts import FIELD_LABELS
from server.http.types import PATTERN_MESSAGES

LABELS = {
    "name": "Name", "kind": "Art", "district": "Stadtbezirk", "short_name": "Kurzname", "email": "E-Mail-Adresse",
    "reason": "Begründung", "role": "Rolle", "title": "Titel", "series": "Konferenzreihe", "cycle": "Planungszyklus",
    "starts_on": "Datum", "venue": "Ort", "focus_topic": "Schwerpunktthema", "items": "Tagesordnungspunkt",
    "organisation_ids": "Organisationen", "minutes": "Protokoll", "topic": "Schwerpunkt",
    "paper_number": "Vorlagennummer", "decision": "Beschlussart", "decided_on": "Sitzungsdatum", "note": "Bemerkung",
    "progress": "Fortschritt (%)", "outcome": "Ergebnis", "verdict": "Empfehlung", "rating": "Bewertung",
    "summary": "Zusammenfassung", "indicator_actuals": "Ist-Werte", "cost_estimate_eur": "Kostenschätzung (Euro)",
    "funding_secured": "Finanzierung gesichert", "indicators": "Indikatoren", "unit": "Einheit",
    "baseline": "Ausgangswert", "target": "Zielwert", "obstacles": "Hemmnisse", "enablers": "Erfolgsfaktoren",
    "category": "Kategorie", "text": "Beschreibung", "login": "Anmeldename", "password": "Passwort",
    "label": "Bezeichnung", "fields": "Felder des Vorschlags", "amended_fields": "Geänderter Text",
    "value": "Wert", "year": "Jahr", "remark": "Bemerkung", "indicator": "Indikator", "measured_on": "Stichtag",
    "source": "Quelle", "district_ids": "Sozialräume",
}  # fmt: skip


def _label(field: str) -> str:
    """The German name of a parameter, as a person filling in a form knows it."""
    parts = field.split(".")
    if parts[0] in ("fields", "amended_fields") and len(parts) == 2 and parts[1] in FIELD_LABELS:
        return FIELD_LABELS[parts[1]]
    for part in reversed(parts):  # the innermost part with a label: obstacles.0.text is a „Beschreibung“
        if part in LABELS:
            return LABELS[part]
    return field


def refusal(detail: ErrorDetails, field: str) -> InvalidInput:
    """The German message for one problem; ``field`` names the parameter, the message its label."""
    name = _label(field)
    kind, ctx = detail["type"], detail.get("ctx") or {}
    expected = {
        "string_type": "Text",
        "int_type": "ganze Zahl",
        "bool_type": "ja oder nein (true/false)",
        "list_type": "Liste",
        "uuid_type": "Text (UUID)",
        "datetime_type": "Text (Zeitpunkt)",
        "dict_type": "Objekt",
        "model_type": "Objekt",
        "model_attributes_type": "Objekt",
    }
    if kind in ("missing", "union_tag_not_found") or (kind in expected and detail.get("input", "") is None):
        message = f"Die Angabe „{name}“ fehlt."
    elif kind == "extra_forbidden":
        message = f"Unbekannte Angabe „{name}“."
    elif kind in expected:
        message = f"„{name}“ hat den falschen Typ; erwartet: {expected[kind]}."
    elif kind == "string_pattern_mismatch":
        message = PATTERN_MESSAGES.get(ctx.get("pattern", ""), "„{name}“ hat nicht die erwartete Form.")
        message = message.format(name=name)
    elif kind == "string_too_short":
        message = f"„{name}“ muss mindestens {ctx.get('min_length')} Zeichen lang sein."
    elif kind == "string_too_long":
        message = f"„{name}“ darf höchstens {ctx.get('max_length')} Zeichen haben."
    elif kind in ("too_short", "too_long"):
        bound = "mindestens" if kind == "too_short" else "höchstens"
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        message = f"„{name}“ braucht {bound} {limit} Einträge."
    elif kind in ("literal_error", "union_tag_invalid"):
        message = f"„{name}“ muss einer dieser Werte sein: {ctx.get('expected') or ctx.get('expected_tags', '')}."
    elif kind in ("greater_than_equal", "less_than_equal"):
        bound = f"mindestens {ctx.get('ge')}" if kind == "greater_than_equal" else f"höchstens {ctx.get('le')}"
        message = f"„{name}“ muss {bound} sein."
    elif kind == "value_error":
        message = f"„{name}“ {ctx.get('error', 'ist ungültig')}."
    else:
        message = f"„{name}“ ist ungültig."
    return InvalidInput(field, message)
