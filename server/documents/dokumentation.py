"""The Dokumentation of a conference: the conference, each working group's work, the plenary's decisions."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.conference import CONFERENCE_STATUS_LABELS, Conference
from domain.coordination import CoordinationGroup, coordination_group_id
from domain.measure import Measure
from domain.working_group import WorkingGroup
from projections.minutes import minutes_of
from server.documents import content as c

KIND_LABELS = {"city": "Stadtweite Sozialkonferenz", "district": "Stadtbezirkskonferenz", "youth": "Kinder- und "
               "Jugendhilfekonferenz"}  # fmt: skip
PLENARY = ("adopted", "returned")


def _measures(ctx: c.Context, group: WorkingGroup) -> list[tuple[Measure, dict[int, Any]]]:
    found = [ctx.record.find(i) for i in group.proposal_ids]
    return [(f.aggregate, f.times) for f in found if f is not None and isinstance(f.aggregate, Measure)]


def _members(ctx: c.Context, group: WorkingGroup) -> dict[str, Any]:
    """Names for readers who see names (README "Was die Öffentlichkeit sieht"); for the public the names of
    those who agreed to be named publicly, and how many others there are."""
    everyone = [*group.moderator_ids, *(p for p in group.member_ids if p not in group.moderator_ids)]
    known = ctx.visible_names([str(p) for p in everyone])
    return {
        "count": len(everyone),
        "moderators": [known[str(p)] for p in group.moderator_ids if str(p) in known],
        "members": sorted(known[str(p)] for p in group.member_ids if p not in group.moderator_ids and str(p) in known),
        "unnamed": len([p for p in everyone if str(p) not in known]),
    }


def _evaluations(ctx: c.Context, conference: Conference, group: WorkingGroup) -> list[dict[str, Any]]:
    """Last cycle's measures of this standing group that this conference evaluated."""
    if conference.previous_conference_id is None:
        return []
    previous = ctx.record.find(conference.previous_conference_id)
    if previous is None:
        return []
    result = []
    for group_id in previous.aggregate.working_group_ids:
        found = ctx.record.find(group_id)
        if found is None or found.aggregate.lineage_id != group.lineage_id:
            continue
        for measure, _ in _measures(ctx, found.aggregate):
            evaluated = c.evaluation(measure)
            if evaluated is not None and measure.evaluation["conference_id"] == conference.id:  # type: ignore[index]
                result.append({"reference": measure.reference, "title": measure.fields.get("title", ""), **evaluated})
    return sorted(result, key=lambda e: e["reference"])


def _adopted(ctx: c.Context, measures: list[tuple[Measure, dict[int, Any]]]) -> list[dict[str, Any]]:
    result = []
    for measure, times in measures:
        adoption = next((d for d in measure.decisions if d["kind"] == "adopted"), None)
        text = measure.last_adopted_text
        if adoption is None or text is None:
            continue
        result.append(
            {
                "reference": measure.reference,
                "title": text["fields"].get("title", ""),
                "adopted_on": c.day(times[adoption["version"]]),
                "status": c.MEASURE_STATUS_LABELS.get(measure.status, measure.status),
                "sha256": text["sha256"],
                "fields": [f for f in c.fields(text["fields"]) if f["name"] != "title"],
            }
        )
    return sorted(result, key=lambda m: m["reference"])


def _minutes(ctx: c.Context, conference: Conference) -> list[dict[str, Any]]:
    """The structured minutes (projections/minutes.py, as of the same moment); who takes a next step is named
    only for readers who see names."""
    sessions = minutes_of(ctx.record.app, conference.id, at=ctx.record.at)["sessions"]
    for session in sessions:
        session["held_on"] = c.day(session.get("held_on") or "")
        for item in session["items"]:
            for step in item.get("next_steps", []):
                step["due_on"] = c.day(step.get("due_on") or "")
                if ctx.names is None:
                    step["person_name"] = ""
            for result in item.get("results", []):
                result["decided_at"] = c.day(result["decided_at"]) if result.get("decided_at") else ""
    return sessions


def _coordination(ctx: c.Context, conference: Conference) -> dict[str, Any] | None:
    """The series' coordination group as it stood: members (names or count) and its decisions on this conference."""
    found = ctx.record.find(coordination_group_id(conference.series))
    if found is None or not isinstance(found.aggregate, CoordinationGroup):
        return None
    group: CoordinationGroup = found.aggregate
    names = ctx.visible_names([str(p) for p in group.member_ids])
    notes = [
        {"title": d["title"], "text": d["text"], "decided_on": c.day(d["decided_on"])}
        for d in group.decisions
        if d["conference_id"] == str(conference.id)
    ]
    return {
        "count": len(group.member_ids),
        "members": [names[str(p)] + (" (Vorsitz)" if p == group.chair_id else "") for p in group.member_ids
                    if str(p) in names],
        "unnamed": len([p for p in group.member_ids if str(p) not in names]),
        "notes": notes,
    }


def dokumentation(ctx: c.Context, conference_id: UUID) -> dict[str, Any]:
    found = ctx.record.get(Conference, conference_id)
    conference: Conference = found.aggregate
    groups, plenary = [], []
    for group_id in conference.working_group_ids:
        replayed = ctx.record.find(group_id)
        if replayed is None:
            continue
        group: WorkingGroup = replayed.aggregate
        measures = _measures(ctx, group)
        groups.append(
            {
                "number": group.number,
                "name": group.name,
                "topic": group.topic,
                **_members(ctx, group),
                "proposals": len(measures),
                "evaluations": _evaluations(ctx, conference, group),
                "adopted": _adopted(ctx, measures),
            }
        )
        for measure, times in measures:
            for d in c.decisions(ctx, measure, times):
                if d["kind"] in PLENARY:
                    plenary.append({"reference": measure.reference, "title": measure.fields.get("title", ""), **d})
    groups.sort(key=lambda g: g["number"])
    plenary.sort(key=lambda d: (d["recorded"], d["reference"]))
    return {
        **ctx.frame(f"Dokumentation: {conference.title}", "Dokumentation"),
        "conference": {
            "title": conference.title,
            "kind": KIND_LABELS.get(conference.kind, conference.kind),
            "series": conference.series,
            "cycle": conference.cycle,
            "starts_on": c.day(conference.starts_on),
            "venue": conference.venue,
            "district": conference.district,
            "status": CONFERENCE_STATUS_LABELS.get(conference.status, conference.status),
            "focus_topic": conference.focus_topic,
            "agenda": list(conference.agenda),
        },
        "groups": groups,
        "plenary": [{k: v for k, v in d.items() if k != "fields"} for d in plenary],
        "minutes": _minutes(ctx, conference),
        "coordination": _coordination(ctx, conference),
        "names_shown": ctx.names is not None,
    }
