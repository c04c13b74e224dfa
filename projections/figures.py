"""The figures of the cycle comparison as conditions on a measure, shared by the comparison's counts and the
catalogue's filters: a figure and the list of measures it links to are one definition, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, case, exists, literal, select, true
from sqlalchemy.sql.elements import ColumnElement

from projections import tables as t
from projections.indicators import mean_attainment

CITY_WIDE = "gesamtstädtisch"  # the district of measures for the whole city, and of those without one

# figure -> the measures it counts (every measure of the cycle a working group drafted is "proposed")
STAGES: dict[str, Callable[[Table], ColumnElement[bool]]] = {
    "proposed": lambda m: true(),
    "agreed": lambda m: m.c.ever_proposed,  # the group agreed on the text (Measure.AgreedInGroup)
    "adopted": lambda m: m.c.ever_adopted,
    "approved": lambda m: m.c.ever_approved,  # approved or amended by a committee
    "mandated": lambda m: m.c.committee_decision.in_(("approved", "amended", "noted")),
    "rejected": lambda m: m.c.ever_rejected,
    "implemented": lambda m: m.c.outcome == "implemented",
    "partly_implemented": lambda m: m.c.outcome == "partly_implemented",
    "abandoned": lambda m: m.c.outcome == "abandoned",
    "evaluated": lambda m: m.c.evaluated_by_conference_id.is_not(None),
    "carried_over": lambda m: m.c.carried_over_to.is_not(None),
}
MEASURED = "measured"  # measures whose indicators give an attainment: computed per row, not in SQL
FIGURES = (*STAGES, MEASURED)
FACTORS = ("obstacle", "enabler")


def stage(name: str, m: Table = t.measures) -> ColumnElement[bool]:
    return STAGES[name](m)


def district_key(m: Table = t.measures, c: Table = t.conferences) -> Any:
    """A measure's district: its conference's (a district conference), else its own, else the whole city."""
    return case((c.c.district != "", c.c.district), (m.c.district != "", m.c.district), else_=literal(CITY_WIDE))


def listed_district(m: Table = t.measures) -> ColumnElement[bool]:
    """Measures that name at least one district of the city's list (Sozialräume)."""
    md = t.measure_districts
    return exists(select(md.c.measure_id).where(md.c.measure_id == m.c.id))


def measure_attainment(row: dict[str, Any]) -> float | None:
    """A measure's indicator attainment: the mean of its indicators' (each capped to 0…1), from the row's
    ``indicators`` as ``projections.districts_and_indicators.attach`` gives them; None without any."""
    return mean_attainment(indicator["attainment"] for indicator in row.get("indicators") or [])


def with_factor(factor: str, category: str, m: Table = t.measures) -> ColumnElement[bool]:
    """Measures whose evaluation names an obstacle (or enabler) of this category."""
    f = t.evaluation_factors
    return exists(select(f.c.id).where(f.c.measure_id == m.c.id, f.c.factor == factor, f.c.category == category))
