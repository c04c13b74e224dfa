"""The catalogue's changes between two conferences (``GET /api/catalogue-diff``): measures new in the later
catalogue, those continued from the earlier one (with a word-level diff of each text field to their predecessor),
those dropped (with their last status and verdict), and changed districts and lead organisations, per standing
working group."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from domain.errors import NotFound, RuleViolation
from domain.texts import FIELD_LABELS, PROPOSAL_FIELDS
from projections import tables as t
from projections.framework import chunks
from projections.history import word_diff

SUMMARY = ("id", "reference", "title", "status", "lineage_id", "district", "lead", "lead_organisation_id")


def _conference(connection: Connection, conference_id: str, field: str) -> dict[str, Any]:
    c = t.conferences
    row = (
        connection.execute(
            select(c.c.id, c.c.title, c.c.series, c.c.cycle, c.c.starts_on).where(c.c.id == conference_id)
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Konferenz ({field})", conference_id)
    return dict(row)


def _measures(connection: Connection, conference_id: str) -> list[dict[str, Any]]:
    m = t.measures
    columns = [m.c[name] for name in dict.fromkeys((*SUMMARY, *PROPOSAL_FIELDS, "verdict", "continues_measure_id"))]
    query = select(*columns).where(m.c.conference_id == conference_id).order_by(m.c.reference)
    return [dict(row) for row in connection.execute(query).mappings()]


def _ancestors(connection: Connection, start: list[str], stop: set[str]) -> dict[str, str]:
    """For each measure, its predecessor in ``stop`` along the carry-over links (through cycles in between)."""
    m = t.measures
    found: dict[str, str] = {}
    current = {id: id for id in start}  # measure reached -> the measure it started from
    for _ in range(50):  # a chain of carry-overs is one link per cycle
        if not current:
            break
        rows = connection.execute(select(m.c.id, m.c.continues_measure_id).where(m.c.id.in_(list(current))))
        following: dict[str, str] = {}
        for id, predecessor in rows:
            if predecessor is None:
                continue
            if predecessor in stop:
                found[current[id]] = predecessor
            else:
                following[predecessor] = current[id]
        current = following
    return found


def _listed_districts(connection: Connection, ids: list[str]) -> dict[str, list[str]]:
    """Each measure's districts of the city's list, by name, in the order the measure names them."""
    md, d = t.measure_districts, t.districts
    found: dict[str, list[str]] = {id: [] for id in ids}
    for chunk in chunks(ids, 500):
        query = (
            select(md.c.measure_id, d.c.name)
            .join(d, d.c.id == md.c.district_id)
            .where(md.c.measure_id.in_(chunk))
            .order_by(md.c.measure_id, md.c.position)
        )
        for measure_id, name in connection.execute(query):
            found[measure_id].append(name)
    return found


def _summary(row: dict[str, Any], names: dict[str, str], districts: dict[str, list[str]]) -> dict[str, Any]:
    summary = {name: row[name] for name in SUMMARY}
    summary["lead_organisation"] = names.get(row["lead_organisation_id"] or "", "")
    summary["districts"] = districts.get(row["id"], [])
    return summary


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"field": field, "label": FIELD_LABELS[field], "words": word_diff(before[field], after[field])}
        for field in PROPOSAL_FIELDS
        if before[field] != after[field]
    ]


def catalogue_diff(connection: Connection, from_id: str, to_id: str) -> dict[str, Any]:
    earlier, later = _conference(connection, from_id, "from"), _conference(connection, to_id, "to")
    if from_id == to_id:  # well-formed, but no change to show: a rule between the two parameters (422)
        raise RuleViolation(
            "Bitte zwei verschiedene Konferenzen wählen: „from“ und „to“ sind gleich.",
            code="same_conference",
            field="to",
        )
    old, new = _measures(connection, from_id), _measures(connection, to_id)
    old_by_id = {row["id"]: row for row in old}
    predecessor = _ancestors(connection, [row["id"] for row in new], set(old_by_id))
    organisations = dict(connection.execute(select(t.organisations.c.id, t.organisations.c.name)).all())
    listed = _listed_districts(connection, [row["id"] for row in (*old, *new)])
    g = t.working_groups
    lineage_names: dict[str, str] = {}
    for lineage, name in connection.execute(
        select(g.c.lineage_id, g.c.name).where(g.c.conference_id.in_([from_id, to_id])).order_by(g.c.conference_id)
    ):
        lineage_names.setdefault(lineage, name)
    for lineage, name in connection.execute(select(g.c.lineage_id, g.c.name).where(g.c.conference_id == to_id)):
        lineage_names[lineage] = name  # the later name of a standing group

    groups: dict[str, dict[str, Any]] = {}

    def group(lineage: str) -> dict[str, Any]:
        if lineage not in groups:
            groups[lineage] = {
                "lineage_id": lineage,
                "name": lineage_names.get(lineage, ""),
                "new": [],
                "continued": [],
                "dropped": [],
            }
        return groups[lineage]

    continued_from: set[str] = set()
    for row in new:
        before_id = predecessor.get(row["id"])
        if before_id is None:
            group(row["lineage_id"])["new"].append(_summary(row, organisations, listed))
            continue
        continued_from.add(before_id)
        before = old_by_id[before_id]
        district_changed = (before["district"], listed[before_id]) != (row["district"], listed[row["id"]])
        lead_changed = (before["lead"], before["lead_organisation_id"]) != (row["lead"], row["lead_organisation_id"])
        group(row["lineage_id"])["continued"].append(
            {
                **_summary(row, organisations, listed),
                "predecessor": _summary(before, organisations, listed),
                "changes": _changes(before, row),
                "district_changed": district_changed,
                "lead_changed": lead_changed,
            }
        )
    for row in old:
        if row["id"] not in continued_from:
            group(row["lineage_id"])["dropped"].append(
                {**_summary(row, organisations, listed), "verdict": row["verdict"]}
            )

    result = []
    for entry in sorted(groups.values(), key=lambda e: (e["name"], e["lineage_id"])):
        entry["counts"] = _counts(entry)
        result.append(entry)
    return {
        "from": earlier,
        "to": later,
        "counts": {key: sum(e["counts"][key] for e in result) for key in _counts(None)},
        "working_groups": result,
    }


def _counts(entry: dict[str, Any] | None) -> dict[str, int]:
    if entry is None:
        return dict.fromkeys(("new", "continued", "dropped", "changed_text", "changed_district", "changed_lead"), 0)
    continued = entry["continued"]
    return {
        "new": len(entry["new"]),
        "continued": len(continued),
        "dropped": len(entry["dropped"]),
        "changed_text": sum(1 for c in continued if c["changes"]),
        "changed_district": sum(1 for c in continued if c["district_changed"]),
        "changed_lead": sum(1 for c in continued if c["lead_changed"]),
    }
