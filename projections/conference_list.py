"""The list of conferences, read straight from the event store.

An interim read model: it finds conferences by scanning the notification log
for their ``Scheduled`` events and loads each aggregate. A projection with its
own table replaces it once there are more than a handful of conferences.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.application import Sozialkonferenz
from domain.conference import Conference

SCHEDULED_TOPIC = get_topic(Conference.Scheduled)  # type: ignore[attr-defined]  # made by @event
BATCH = 500


def conference_ids(app: Sozialkonferenz) -> list[UUID]:
    """Ids of every conference, in the order they were scheduled."""
    ids: list[UUID] = []
    start = 1
    while True:
        notifications = app.recorder.select_notifications(start=start, limit=BATCH, topics=[SCHEDULED_TOPIC])
        ids.extend(UUID(str(n.originator_id)) for n in notifications)
        if len(notifications) < BATCH:
            return ids
        start = notifications[-1].id + 1


def conference_summary(conference: Conference) -> dict[str, Any]:
    previous = conference.previous_conference_id
    return {
        "id": str(conference.id),
        "title": conference.title,
        "kind": conference.kind,
        "series": conference.series,
        "cycle": conference.cycle,
        "status": conference.status,
        "starts_on": conference.starts_on,
        "venue": conference.venue,
        "district": conference.district,
        "focus_topic": conference.focus_topic,
        "previous_conference_id": str(previous) if previous is not None else None,
        "working_group_count": len(conference.working_group_ids),
    }


def list_conferences(app: Sozialkonferenz) -> list[dict[str, Any]]:
    """Every conference as a summary, sorted by series, then date."""
    conferences = [app.load(Conference, conference_id) for conference_id in conference_ids(app)]
    conferences.sort(key=lambda c: (c.series, c.starts_on))
    return [conference_summary(c) for c in conferences]
