"""The Maßnahmenkatalog as a document, filtered with the catalogue's own query parameters.

The view table narrows the measures by what never changes (conference, cycle, working group, standing
group, series); status, committee, lead organisation, district and words are then checked against each
measure as the record shows it at the asked moment, so a past catalogue filters by the past state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.measure import Measure
from domain.texts import PROPOSAL_FIELDS
from projections import tables as t
from server.documents import content as c

STABLE = ("conference_id", "cycle", "working_group_id", "lineage_id")


def candidates(engine: Engine, asked: Any) -> list[str]:
    m = t.measures
    query = select(m.c.id)
    for name in STABLE:
        value = getattr(asked, name, None)
        if value:
            query = query.where(m.c[name] == str(value))
    if asked.series:
        in_series = select(t.conferences.c.id).where(t.conferences.c.series == asked.series)
        query = query.where(m.c.conference_id.in_(in_series))
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(query)]


def _matches(asked: Any, conference_district: Callable[[UUID], str]) -> Callable[[Measure], bool]:
    words = (asked.q or "").lower().split()

    def matches(measure: Measure) -> bool:
        if asked.status and measure.status != asked.status:
            return False
        if asked.committee_id and measure.committee_id != asked.committee_id:
            return False
        if asked.lead_organisation_id and measure.details.get("lead_organisation_id") != asked.lead_organisation_id:
            return False
        if asked.district and asked.district not in (
            measure.fields.get("district", ""), conference_district(measure.conference_id)
        ):
            return False
        text = " ".join([measure.reference, *(measure.fields.get(f, "") for f in PROPOSAL_FIELDS)]).lower()
        return all(word in text for word in words)

    return matches


def catalogue(ctx: c.Context, engine: Engine, asked: Any) -> dict[str, Any]:
    def conference_district(conference_id: UUID) -> str:
        found = ctx.record.find(conference_id)
        return str(found.aggregate.district) if found is not None else ""

    matches = _matches(asked, conference_district)
    found = []
    for measure_id in candidates(engine, asked):
        replayed = ctx.record.find(UUID(measure_id))
        if replayed is not None and isinstance(replayed.aggregate, Measure) and matches(replayed.aggregate):
            found.append(replayed)
    found.sort(key=lambda r: r.aggregate.reference)
    found.sort(key=lambda r: r.aggregate.cycle, reverse=True)
    chosen = found[asked.offset : asked.offset + asked.limit]
    rows = [c.measure_summary(ctx, r.aggregate, r.times) for r in chosen]
    filters = [
        f"{label}: {value}"
        for label, value in (
            ("Zyklus", asked.cycle), ("Reihe", asked.series), ("Status", asked.status), ("Stadtbezirk", asked.district),
            ("Suche", asked.q),
        )
        if value
    ]  # fmt: skip
    conference = ctx.record.find(asked.conference_id) if asked.conference_id else None
    if conference is not None:
        filters.insert(0, f"Konferenz: {conference.aggregate.title}")
    if asked.committee_id:
        filters.append(f"Ausschuss: {ctx.record.committee_name(asked.committee_id)}")
    if asked.working_group_id:
        group = ctx.record.find(asked.working_group_id)
        filters.append(f"Arbeitsgruppe: {group.aggregate.name if group else asked.working_group_id}")
    if asked.lead_organisation_id:
        filters.append(f"Federführung: {ctx.record.organisation_name(asked.lead_organisation_id)}")
    cycles = sorted({r["cycle"] for r in rows})
    title = "Maßnahmenkatalog" + (f" {', '.join(cycles)}" if len(cycles) in (1, 2) else "")
    return {
        **ctx.frame(title, "Maßnahmenkatalog"),
        "filters": filters,
        "total": len(found),
        "shown_from": asked.offset + 1 if rows else 0,
        "measures": rows,
    }
