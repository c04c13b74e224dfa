"""What a broken chain's event belongs to, said for a person: the measure or conference (its title) and the time.

The verification (``server.chain_verification``) knows positions and ids only. For the auditor's page the
problem entry also gets the aggregate's kind, its title from the views (they are not what was altered) and
the event's time, read from the stored event itself or, if that no longer decodes, left out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from domain.application import Sozialkonferenz
from projections import tables as t

KIND_LABELS = {
    "Conference": "Konferenz",
    "Measure": "Maßnahme",
    "WorkingGroup": "Arbeitsgruppe",
    "ProposalDocument": "Vorschlagstext",
    "Organisation": "Organisation",
    "Committee": "Ausschuss",
    "Person": "Person",  # no name: a person's data is not repeated in an integrity report
}
EVENT_LABELS = {
    "altered": "verändert",
    "link_altered": "sein Kettenglied verändert",
    "inserted": "eingefügt",
    "removed": "entfernt",
}


def _title(connection: Connection, kind: str, aggregate_id: str) -> tuple[str | None, str | None]:
    """The title (or name) from the views, and a measure's reference."""
    def one(query: Any) -> Any:
        return connection.execute(query).first()

    if kind == "Measure":
        row = one(select(t.measures.c.reference, t.measures.c.title).where(t.measures.c.id == aggregate_id))
        return (row.title, row.reference) if row else (None, None)
    table, column = {
        "Conference": (t.conferences, "title"),
        "WorkingGroup": (t.working_groups, "name"),
        "Organisation": (t.organisations, "name"),
        "Committee": (t.committees, "name"),
    }.get(kind, (None, ""))
    if table is None:
        return None, None
    row = one(select(table.c[column]).where(table.c.id == aggregate_id))
    return (row[0], None) if row else (None, None)


def _event(app: Sozialkonferenz, aggregate_id: UUID, version: int) -> Any:
    """The stored event decoded, or None (removed, or altered beyond decoding)."""
    stored: list[StoredEvent] = app.recorder.select_events(aggregate_id, gt=version - 1, lte=version)
    try:
        return app.mapper.to_domain_event(stored[0]) if stored else None
    except Exception:  # noqa: BLE001 - altered bytes may fail to decode in any way; the time is then unknown
        return None


def describe(app: Sozialkonferenz, views: Engine, problem: dict[str, Any]) -> dict[str, Any]:
    """The problem entry with ``aggregate_kind``, ``…_label``, ``…_title``, ``…_reference`` and ``event_time``."""
    if not problem.get("originator_id") or not problem.get("topic"):
        return problem
    aggregate_id = UUID(problem["originator_id"])
    kind = str(problem["topic"]).partition(":")[2].partition(".")[0]
    event = _event(app, aggregate_id, int(problem["originator_version"]))
    if kind == "ProposalDocument":  # the live text of a measure: name the measure
        first = _event(app, aggregate_id, 1)
        if first is not None and getattr(first, "measure_id", None):
            kind, aggregate_id = "Measure", first.measure_id
    with views.connect() as connection:
        title, reference = _title(connection, kind, str(aggregate_id))
    when: datetime | None = getattr(event, "timestamp", None)
    label = KIND_LABELS.get(kind, "Datensatz")
    subject = " ".join(part for part in (label, reference, f"„{title}“" if title else None) if part)
    moment = f"Ereignis vom {when.strftime('%d.%m.%Y, %H:%M:%S')} UTC" if when else "Ereignis"
    what = EVENT_LABELS.get(problem["kind"], problem.get("label", ""))
    return {
        **problem,
        "aggregate_kind": kind,
        "aggregate_label": label,
        "aggregate_title": title,
        "aggregate_reference": reference,
        "event_time": when.isoformat() if when else None,
        "description": f"{subject}: {moment} (Position {problem['notification_id']}) {what}.",
    }
