"""The minutes (Protokoll) of a conference, read from its events: for the page, the PDF and OParl.

``minutes_of(app, conference_id, at=...)`` is a pure reader: sessions with their
items; each result resolves its linked decision (kind, text hash, when) from the
measure's own events, as of the same moment; next steps name who and by when.
A conference whose minutes were published as free text (before structured
minutes) reads as one session with one free-text item.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from domain.application import Sozialkonferenz
from domain.conference import Conference
from domain.errors import NotFound
from domain.measure import COMMITTEE_DECISIONS, MEASURE_STATUS_LABELS, Measure
from domain.reference import Organisation

DECISION_LABELS = {
    "agreed": "In der AG beschlossen",
    "adopted": "Im Plenum verabschiedet",
    "returned": "An die AG zurückverwiesen",
    "lapsed": "Nicht verabschiedet (Sitzung geschlossen)",
    "committee": "Ausschussbeschluss",
}
FREE_TEXT_SESSION = "free-text"


def minutes_of(app: Sozialkonferenz, conference_id: Any, *, at: datetime | None = None) -> dict[str, Any]:
    """The conference's minutes as a plain dict (now, or as they stood at ``at``)."""
    conference = _load(app, Conference, conference_id, at)
    sessions = [{**s, "items": []} for s in conference.minutes_sessions]
    by_id = {s["id"]: s for s in sessions}
    for number, item in enumerate(conference.minutes_items, start=1):
        by_id[item["session_id"]]["items"].append(_item(app, conference, item, number, at))
    if conference.minutes:  # published as free text, before structured minutes existed
        sessions.append(
            {
                "id": FREE_TEXT_SESSION,
                "number": len(sessions) + 1,
                "title": "Protokoll",
                "held_on": conference.starts_on,
                "items": [{"id": FREE_TEXT_SESSION, "kind": "free_text", "number": 1, "text": conference.minutes}],
            }
        )
    return {
        "conference_id": str(conference.id),
        "title": conference.title,
        "series": conference.series,
        "cycle": conference.cycle,
        "starts_on": conference.starts_on,
        "status": conference.status,
        "focus_topic": conference.focus_topic,
        "agenda": list(conference.agenda),
        "published": conference.status == "reported",
        "writable": conference.status in ("in_session", "closed"),
        "sessions": sessions,
    }


def _load(app: Sozialkonferenz, kind: Any, aggregate_id: Any, at: datetime | None) -> Any:
    return app.as_of_time(kind, aggregate_id, at) if at is not None else app.load(kind, aggregate_id)


def _item(
    app: Sozialkonferenz, conference: Conference, item: dict[str, Any], number: int, at: datetime | None
) -> dict[str, Any]:
    agenda_item = item.get("agenda_item")
    agenda_text = conference.agenda[agenda_item - 1] if agenda_item and agenda_item <= len(conference.agenda) else ""
    return {
        "id": item["id"],
        "kind": "structured",
        "number": number,
        "agenda_item": agenda_item,
        "agenda_text": agenda_text,
        "topic": item["topic"] or agenda_text,
        "discussion": item["discussion"],
        "results": [_result(app, r, at) for r in item["results"]],
        "next_steps": [_step(app, s) for s in item["next_steps"]],
        "actor": item.get("actor", ""),
    }


def _result(app: Sozialkonferenz, result: dict[str, Any], at: datetime | None) -> dict[str, Any]:
    """The linked decision, looked up in the measure's events (never a copy of its text)."""
    version = result["decision_version"]
    linked: dict[str, Any] = {"measure_id": result["measure_id"], "decision_version": version, "note": result["note"]}
    try:
        measure: Measure = _load(app, Measure, result["measure_id"], at)
    except NotFound:
        return {**linked, "found": False}
    decision = next((d for d in measure.decisions if d["version"] == version), None)
    event = next(iter(app.events.get(measure.id, gt=version - 1, lte=version)), None)
    frozen = (decision or {}).get("frozen") or {}
    kind = (decision or {}).get("kind", "")
    label = DECISION_LABELS.get(kind, "")
    committee_decision = (decision or {}).get("decision", "")
    if kind == "committee" and committee_decision in COMMITTEE_DECISIONS:
        label += ": " + MEASURE_STATUS_LABELS[COMMITTEE_DECISIONS[committee_decision].value]
    return {
        **linked,
        "found": decision is not None,
        "reference": measure.reference,
        "title": (frozen.get("fields") or measure.fields).get("title", ""),
        "decision_kind": kind,
        "decision_label": label,
        "decided_at": event.timestamp.isoformat() if event is not None and decision is not None else "",
        "sha256": frozen.get("sha256", ""),
        "status": measure.status,
        "status_label": MEASURE_STATUS_LABELS.get(measure.status, measure.status),
    }


def _step(app: Sozialkonferenz, step: dict[str, Any]) -> dict[str, Any]:
    organisation = ""
    if step["organisation_id"]:
        try:
            organisation = app.load(Organisation, step["organisation_id"]).name
        except NotFound:
            organisation = ""
    person = step["person_id"]
    return {
        "task": step["task"],
        "due_on": step["due_on"],
        "person_id": person,
        "person_name": app.person_name(UUID(person)) if person else "",
        "organisation_id": step["organisation_id"],
        "organisation_name": organisation,
    }
