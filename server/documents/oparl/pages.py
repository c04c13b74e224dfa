"""Object lists as OParl pages: filters by creation and change time, ``omit_internal``, stable order, links."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from domain.errors import InvalidInput

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
# Lists inside objects a client may ask to leave out (specification, "Filter").
INTERNAL = {
    "AgendaItem": ("auxiliaryFile",),
    "Meeting": ("auxiliaryFile", "agendaItem"),
    "Paper": ("auxiliaryFile", "location"),
    "Person": ("membership",),
    "Body": ("legislativeTerm",),
}
KNOWN = frozenset({*FILTERS, "omit_internal", "limit", "page"})


def moment(name: str, raw: str) -> datetime:
    raw = raw.replace(" ", "+")  # an offset's unencoded "+" arrives as a space
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None or "T" not in raw:
        raise InvalidInput(
            name, f"„{name}“ muss ein vollständiger Zeitpunkt mit Zeitzone sein (z. B. 2026-01-01T00:00:00+01:00)."
        )
    return value


def whole(name: str, raw: str | None, default: int) -> int:
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise InvalidInput(name, f"„{name}“ muss eine ganze Zahl ab 1 sein.")
    return int(raw)


def omit_internal(params: Mapping[str, str]) -> bool:
    raw = params.get("omit_internal")
    if raw not in (None, "true", "false"):
        raise InvalidInput("omit_internal", "„omit_internal“ muss true oder false sein.")
    return raw == "true"


def shown(obj: dict[str, Any], omit: bool) -> dict[str, Any]:
    if not omit:
        return obj
    leave_out = INTERNAL.get(obj["type"].rpartition("/")[2], ())
    return {k: v for k, v in obj.items() if k not in leave_out}


def page(list_url: str, objects: list[dict[str, Any]], params: Mapping[str, str]) -> dict[str, Any]:
    """One page of a list (objects in stable order, deleted ones among them)."""
    bounds = {name: moment(name, params[name]) for name in FILTERS if params.get(name)}
    limit = min(whole("limit", params.get("limit"), PAGE_SIZE), MAX_PAGE_SIZE)
    number = whole("page", params.get("page"), 1)
    omit = omit_internal(params)
    selected = [o for o in objects if _passes(o, bounds)]
    total_pages = max(1, -(-len(selected) // limit))
    kept = {k: v for k, v in params.items() if k in KNOWN and k != "page"}

    def link(n: int) -> str:
        query = urlencode({**kept, **({"page": str(n)} if n > 1 else {})})
        return f"{list_url}?{query}" if query else list_url

    links = {"first": link(1), "self": link(number), "last": link(total_pages)}
    if number > 1:
        links["prev"] = link(min(number - 1, total_pages))
    if number < total_pages:
        links["next"] = link(number + 1)
    chunk = selected[(number - 1) * limit : number * limit]
    return {
        "data": [shown(o, omit) for o in chunk],
        "pagination": {
            "totalElements": len(selected),
            "elementsPerPage": limit,
            "currentPage": number,
            "totalPages": total_pages,
        },
        "links": links,
    }


def _passes(obj: dict[str, Any], bounds: dict[str, datetime]) -> bool:
    """Deleted objects only when ``modified_since`` is asked (the update mechanism), never otherwise."""
    if obj.get("deleted") and "modified_since" not in bounds:
        return False
    for name, bound in bounds.items():
        value = datetime.fromisoformat(obj["created" if name.startswith("created") else "modified"])
        if (name.endswith("since") and value < bound) or (name.endswith("until") and value > bound):
            return False
    return True
