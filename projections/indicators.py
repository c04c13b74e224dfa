"""Indicators as planners read them: each with its series of actuals, the latest one and its attainment.

Pure functions, no database: the measure view, the comparison and exports share them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.indicators import structured_indicator

Number = str | int | float | Decimal | None


def _decimal(value: Number) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def attainment(baseline: Number, target: Number, actual: Number) -> float | None:
    """The share of the way from baseline to target that ``actual`` has come: 0 at the baseline,
    1 at the target, above 1 beyond it, below 0 if it moved away. Works for falling targets too
    (baseline 30, target 10, actual 20 → 0.5). ``None`` when a value is missing or not a number,
    or when baseline and target are equal (there is no way to go)."""
    start, goal, now = _decimal(baseline), _decimal(target), _decimal(actual)
    if start is None or goal is None or now is None or goal == start:
        return None
    return round(float((now - start) / (goal - start)), 4)


def _order(actual: Mapping[str, Any]) -> str:
    return str(actual.get("date") or "")


def indicator_view(indicator: Mapping[str, Any], actuals: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """One structured indicator with its ``actuals`` (oldest first, by date, then as reported),
    its ``latest`` actual with a number and its ``attainment``."""
    structured = structured_indicator(dict(indicator))
    series = sorted((dict(a) for a in actuals if a.get("indicator") == structured["name"]), key=_order)
    numeric = [a for a in series if a.get("value") is not None]
    latest = numeric[-1] if numeric else None
    return {
        **structured,
        "actuals": series,
        "latest": latest,
        "attainment": attainment(
            structured["baseline"]["value"], structured["target"]["value"], latest["value"] if latest else None
        ),
    }


def indicator_views(indicators: Iterable[Mapping[str, Any]], actuals: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [indicator_view(indicator, actuals) for indicator in indicators]


def mean_attainment(values: Iterable[float | None]) -> float | None:
    """The mean of the computable attainments (each capped to 0…1 so one outlier cannot hide the rest)."""
    known = [min(max(v, 0.0), 1.0) for v in values if v is not None]
    return round(sum(known) / len(known), 4) if known else None
