"""Indicators of success (Erfolgsindikatoren): checked numbers, and how old free-text indicators read.

A structured indicator is ``{"name", "unit", "baseline": {"value", "year"}, "target": {"value", "year"},
"remark"}``. Values are stored as *strings of a validated decimal* in canonical form (``"12.5"``,
``"-3"``, ``"80"``): exact in the event store (no float rounding), JSON-safe, and read back with
``Decimal`` wherever something is computed. ``None`` means "not known".

Older measures stored indicators as free text (``{"name", "unit", "baseline", "target"}``, all
strings) and actual values as ``{indicator name: text}`` in progress reports and evaluations.
:func:`structured_indicator` and :func:`legacy_actuals` read them into the new shape: a text that is
plainly a number (optionally followed by the unit or ``%``) becomes the value, any other text is kept
in ``remark``.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, InvalidOperation
from typing import Any

from domain.errors import InvalidInput

MAX_SIGNIFICANT_DIGITS = 15  # more digits are rounded away (a float's binary noise, say)
_ROUNDING = Context(prec=MAX_SIGNIFICANT_DIGITS)
MAX_MAGNITUDE = Decimal(10) ** 12
YEARS = (1900, 2100)
INDICATOR_FIELDS = ("name", "unit", "baseline", "target", "remark")

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
# A legacy text that is plainly a number: German thousands dots ("12.500") or one decimal
# separator, optionally followed by a unit.
_GERMAN_THOUSANDS = r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?"
_PLAIN_NUMBER = re.compile(rf"^({_GERMAN_THOUSANDS}|[+-]?\d+(?:[.,]\d+)?)\s*(.*)$")
_GERMAN_THOUSANDS_RE = re.compile(_GERMAN_THOUSANDS)


def canonical(number: Decimal) -> str:
    """The stored form of a decimal: no exponent, no trailing zeros after the point."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def decimal_value(field: str, value: Any, *, label: str, required: bool = False) -> str | None:
    """A number from the API (JSON number, or text with a decimal point or comma) as canonical text.

    Text may use a comma as the decimal separator (``"12,5"``); spaces are ignored. Thousands
    separators are not accepted, so ``"1.500"`` is one and a half.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(field, f"„{label}“ muss angegeben werden.")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise InvalidInput(field, f"„{label}“ muss eine Zahl sein.")
    text = _SPACES.sub("", value) if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        if text.count(",") + text.count(".") > 1 or not re.fullmatch(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)", text):
            raise InvalidInput(field, f"„{label}“ muss eine Zahl sein (zum Beispiel 12 oder 12,5), nicht „{value}“.")
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise InvalidInput(field, f"„{label}“ muss eine Zahl sein.") from None
    if not number.is_finite():
        raise InvalidInput(field, f"„{label}“ muss eine endliche Zahl sein.")
    number = _ROUNDING.create_decimal(number)
    if abs(number) >= MAX_MAGNITUDE:
        raise InvalidInput(field, f"„{label}“ ist zu groß (der Betrag muss unter 1 Billion liegen).")
    return canonical(number)


def year_value(field: str, value: Any, *, label: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    low, high = YEARS
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(field, f"„{label}“ muss eine Jahreszahl von {low} bis {high} sein.")
    return value


def plain_number(text: str, unit: str = "") -> str | None:
    """The number a legacy free text states plainly ("20", "20 %", "1.200 Familien" with unit
    "Familien"), else ``None`` ("ca. 20", "20 (2023)", "steigend")."""
    match = _PLAIN_NUMBER.match(text.strip())
    if match is None:
        return None
    number, rest = match.groups()
    if rest and rest.casefold() not in ("%", unit.strip().casefold()):
        return None
    if _GERMAN_THOUSANDS_RE.fullmatch(number):
        number = number.replace(".", "")
    return canonical(Decimal(number.replace(",", ".")))


def _legacy_point(text: Any, unit: str) -> tuple[dict[str, Any], str]:
    """A legacy baseline or target text as a point, and the text to keep as remark if it was not a number."""
    if isinstance(text, dict):  # already structured
        return {"value": text.get("value"), "year": text.get("year")}, ""
    text = str(text or "").strip()
    value = plain_number(text, unit) if text else None
    return {"value": value, "year": None}, ("" if value is not None or not text else text)


def structured_indicator(indicator: dict[str, Any]) -> dict[str, Any]:
    """Any stored indicator (structured, or the free-text shape of before) in the structured shape."""
    unit = str(indicator.get("unit") or "")
    baseline, baseline_text = _legacy_point(indicator.get("baseline"), unit)
    target, target_text = _legacy_point(indicator.get("target"), unit)
    remarks = [str(indicator.get("remark") or "")]
    if baseline_text:
        remarks.append(f"Ausgangswert: {baseline_text}")
    if target_text:
        remarks.append(f"Zielwert: {target_text}")
    return {
        "name": str(indicator.get("name") or ""),
        "unit": unit,
        "baseline": baseline,
        "target": target,
        "remark": "; ".join(r for r in remarks if r),
    }


def legacy_actuals(
    actuals: dict[str, str] | None, *, date: str, source: str, reported_by: Any, units: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Free-text actuals of a progress report or evaluation as reported actuals (value parsed where
    it is plainly a number, the text kept as remark otherwise)."""
    result = []
    for name, text in (actuals or {}).items():
        value = plain_number(str(text), (units or {}).get(name, ""))
        result.append(
            {
                "indicator": name,
                "value": value,
                "date": date,
                "source": source,
                "reported_by": reported_by,
                "remark": "" if value is not None else str(text),
            }
        )
    return result
