"""Small checks of command arguments, raising ``InvalidInput`` with the field's name."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.errors import InvalidInput


def text(field: str, value: Any, *, label: str, max_length: int = 500, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(field, f"„{label}“ muss Text sein.")
    value = value.strip()
    if "\x00" in value:
        raise InvalidInput(field, f"„{label}“ enthält ein unzulässiges Steuerzeichen (NUL).")
    if required and not value:
        raise InvalidInput(field, f"„{label}“ darf nicht leer sein.")
    if len(value) > max_length:
        raise InvalidInput(field, f"„{label}“ darf höchstens {max_length} Zeichen haben.")
    return value


def reason(value: Any, *, required: bool = True) -> str:
    return text("reason", value, label="Begründung", max_length=5000, required=required)


def uuid(field: str, value: Any, *, label: str) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except (TypeError, ValueError):
        raise InvalidInput(field, f"„{label}“ ist keine gültige Kennung.") from None


def iso_date(field: str, value: Any, *, label: str) -> str:
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise InvalidInput(field, f"„{label}“ ist kein gültiges Datum (JJJJ-MM-TT).") from None


def choice(field: str, value: Any, options: tuple[str, ...], *, label: str) -> str:
    if value not in options:
        raise InvalidInput(field, f"„{label}“ muss einer dieser Werte sein: {', '.join(options)}.")
    return str(value)


def integer(field: str, value: Any, *, label: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(field, f"„{label}“ muss eine ganze Zahl von {low} bis {high} sein.")
    return value
