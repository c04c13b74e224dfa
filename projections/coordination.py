"""The coordination group of a series, read from its events: members, chair, decisions, and its tasks.

``coordination_of(app, series)`` (or ``coordination_group(app, group_id)``) is a pure reader for the
page, the desk and the printed Dokumentation; ``upcoming_conference`` and ``tasks`` read the
conference view for what the group still has to prepare.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Connection

from domain.application import Sozialkonferenz
from domain.coordination import CoordinationGroup
from projections import tables as t
from projections.desk import current_conference

PREPARING = ("scheduled", "prepared")
MINUTES_DUE = ("in_session", "closed")


def coordination_group(app: Sozialkonferenz, group_id: Any, *, at: datetime | None = None) -> dict[str, Any]:
    """The group as a plain dict (now, or as it stood at ``at``); raises NotFound if never formed."""
    if at is not None:
        group = app.as_of_time(CoordinationGroup, group_id, at)
    else:
        group = app.load(CoordinationGroup, group_id, field="coordination_group_id")
    return _as_dict(app, group)


def coordination_of(app: Sozialkonferenz, series: str) -> dict[str, Any] | None:
    """The series' coordination group, or None where none was formed."""
    group = app.coordination_group_of(series)
    return _as_dict(app, group) if group is not None else None


def _as_dict(app: Sozialkonferenz, group: CoordinationGroup) -> dict[str, Any]:
    return {
        "id": str(group.id),
        "series": group.series,
        "member_ids": [str(p) for p in group.member_ids],
        "members": [
            {"person_id": str(p), "name": app.person_name(p), "chair": p == group.chair_id} for p in group.member_ids
        ],
        "chair_id": str(group.chair_id) if group.chair_id else None,
        "chair_name": app.person_name(group.chair_id) if group.chair_id else "",
        "decisions": [
            {**d, "actor_name": app.person_name(UUID(d["actor"]))} for d in reversed(group.decisions)
        ],  # newest first
    }


def series_conferences(connection: Connection, series: str) -> list[dict[str, Any]]:
    c = t.conferences
    columns = (c.c.id, c.c.title, c.c.cycle, c.c.starts_on, c.c.status, c.c.focus_topic, c.c.agenda)
    query = select(*columns).where(c.c.series == series).order_by(c.c.starts_on)
    return [dict(row) for row in connection.execute(query).mappings()]


def upcoming_conference(connection: Connection, series: str, today: str) -> dict[str, Any] | None:
    """The series' conference in session, else the next to come, else the latest."""
    return current_conference(series_conferences(connection, series), today)


def tasks(connection: Connection, series: str) -> list[dict[str, Any]]:
    """What the group still has to do for its series: focus topic and agenda to set, minutes to write."""
    result = []
    for conference in series_conferences(connection, series):
        base = {"conference_id": conference["id"], "conference_title": conference["title"], "series": series}
        if conference["status"] in PREPARING:
            if not conference["focus_topic"]:
                result.append({**base, "task": "focus_topic", "label": "Schwerpunktthema festlegen"})
            if not conference["agenda"]:
                result.append({**base, "task": "agenda", "label": "Tagesordnung festlegen"})
        elif conference["status"] in MINUTES_DUE:
            result.append({**base, "task": "minutes", "label": "Protokoll schreiben"})
    return result
