"""What an HTTP operation takes and answers, declared once: the same models check each request and make
the OpenAPI document (``server.http.openapi``).

A failed check becomes ``InvalidInput`` (400, problem+json, ``code`` ``invalid_input``) naming the
parameter as a dotted path (``fields.goal``, ``organisation_ids.0``) with a German message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails
from starlette.requests import Request
from starlette.responses import Response

from domain.errors import InvalidInput
from domain.texts import FIELD_LABELS
from server.http.params import read_json_object
from server.http.types import PATTERN_MESSAGES, Uuid

M = TypeVar("M", bound=BaseModel)
# The German labels the domain's own messages use (see domain/*_commands.py).
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
}  # fmt: skip
Endpoint = Callable[[Request], Awaitable[Response]]

# Path parameters are ids (UUIDs) unless named here (an invitation's token; a token's id is its hash, and one
# that names no token, whatever its form, is not found).
PATH_TYPES: dict[str, Any] = {"token": str, "token_id": str}
_PATH_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


@dataclass(frozen=True)
class Body:
    """A request body that is one of several shapes, told apart by ``discriminator`` (a tagged union)."""

    name: str
    adapter: TypeAdapter[Any]
    discriminator: str
    tags: frozenset[str]
    variants: tuple[type[BaseModel], ...]


@dataclass(frozen=True)
class Contract:
    summary: str
    query: type[BaseModel] | None = None
    body: type[BaseModel] | Body | None = None
    status: int = 200  # of the answer when all went well
    media_type: str = "application/json"  # of that answer
    public: bool = False  # answered without signing in
    problems: Mapping[int, str] = field(default_factory=dict)  # refusals worth naming beside the usual ones
    operation_id: str = ""


def operation(contract: Contract) -> Callable[[Endpoint], Endpoint]:
    """Attach the contract to an endpoint: ``server.http.openapi`` reads it from the routes."""

    def attach(endpoint: Endpoint) -> Endpoint:
        endpoint.contract = contract  # type: ignore[attr-defined]
        return endpoint

    return attach


def contract_of(endpoint: Any) -> Contract | None:
    return getattr(endpoint, "contract", None)


def path_type(name: str) -> Any:
    return PATH_TYPES.get(name, Uuid)


def path_value(request: Request, name: str) -> Any:
    """A path parameter, checked against its type (a UUID unless ``PATH_TYPES`` says otherwise)."""
    kind = path_type(name)
    if kind not in _PATH_ADAPTERS:
        _PATH_ADAPTERS[kind] = TypeAdapter(kind)
    try:
        return _PATH_ADAPTERS[kind].validate_python(request.path_params[name], strict=True)
    except ValidationError as error:
        raise _invalid(error.errors(include_url=False)[0], name) from None


def query(request: Request, model: type[M]) -> M:
    """The query string, checked by its model (unknown names are left alone, as HTTP caches and proxies add some)."""
    return validate(model, dict(request.query_params), strict=False)


async def body(request: Request, model: type[BaseModel] | Body) -> dict[str, Any]:
    """The JSON body, checked by its model, as keyword arguments: what was left out or sent as null is absent."""
    return validated_body(model, await read_json_object(request))


def validated_body(model: type[BaseModel] | Body, data: dict[str, Any]) -> dict[str, Any]:
    if isinstance(model, Body):
        try:
            value = model.adapter.validate_python(data, strict=True)
        except ValidationError as error:
            raise _first(error, tags=model.tags, discriminator=model.discriminator) from None
    else:
        value = validate(model, data)
    return dict(value.model_dump(exclude_unset=True, exclude_none=True))


def validate(model: type[M], data: Mapping[str, Any], *, strict: bool = True) -> M:
    try:
        return model.model_validate(data, strict=strict)
    except ValidationError as error:
        raise _first(error) from None


def _first(error: ValidationError, tags: frozenset[str] = frozenset(), discriminator: str = "") -> InvalidInput:
    """The first problem, an unknown parameter before all others (as a client most likely misspelt it)."""
    details = error.errors(include_url=False)
    unknown = [d for d in details if d["type"] == "extra_forbidden"]
    detail = (unknown or details)[0]
    loc = [str(part) for part in detail["loc"] if part != "[key]"]
    if loc and loc[0] in tags:
        loc = loc[1:]
    if not loc and detail["type"].startswith("union_tag"):
        loc = [discriminator]
    return _invalid(detail, ".".join(loc) or "body")


def _label(field: str) -> str:
    """The German name of a parameter, as a person filling in a form knows it."""
    parts = field.split(".")
    if parts[0] in ("fields", "amended_fields") and len(parts) == 2 and parts[1] in FIELD_LABELS:
        return FIELD_LABELS[parts[1]]
    words = [part for part in parts if not part.isdigit()]
    return LABELS.get(words[-1] if words else field, field)


def _invalid(detail: ErrorDetails, field: str) -> InvalidInput:
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
