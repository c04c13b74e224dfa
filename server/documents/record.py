"""The event record a printed document is made from: aggregates now or as of a past moment.

Every aggregate is replayed from its own events (one query each), which also gives the time of each
version, so a decision's date is the time of the event that recorded it. With ``at``, only events at or
before that moment count: the document shows what the record said then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import project_aggregate

from domain.application import KIND_NAMES, Sozialkonferenz
from domain.errors import NotFound
from domain.reference import Committee, Organisation

SOURCE_NOTE = "Quelle: der Ereignisspeicher der Sozialkonferenz."


@dataclass
class Replayed:
    aggregate: Any
    times: dict[int, datetime]  # version → time of the event that made it

    def time_of(self, version: int) -> datetime:
        return self.times[version]


@dataclass
class Record:
    """Loads aggregates as they were at ``at`` (None: now), each at most once per document."""

    app: Sozialkonferenz
    at: datetime | None = None
    _seen: dict[UUID, Replayed | None] = field(default_factory=dict)

    def find(self, aggregate_id: UUID) -> Replayed | None:
        """The aggregate with its version times, or None if it did not exist (yet)."""
        if aggregate_id not in self._seen:
            events = list(self.app.events.get(aggregate_id))
            if self.at is not None:
                events = [e for e in events if e.timestamp <= self.at]
            found = None
            if events:
                times = {e.originator_version: e.timestamp for e in events}
                found = Replayed(project_aggregate(None, events), times)
            self._seen[aggregate_id] = found
        return self._seen[aggregate_id]

    def get(self, kind: type, aggregate_id: UUID) -> Replayed:
        """Like ``find``, but a missing aggregate (or one of another kind) is a 404 naming the moment."""
        found = self.find(aggregate_id)
        if found is None or not isinstance(found.aggregate, kind):
            label = KIND_NAMES.get(kind, kind.__name__)
            if self.at is not None and found is None:
                label += f" zum Zeitpunkt {self.at.isoformat()}"
            raise NotFound(label, aggregate_id)
        return found

    def committee_name(self, committee_id: UUID | None) -> str:
        found = self.find(committee_id) if committee_id else None
        return found.aggregate.name if found is not None and isinstance(found.aggregate, Committee) else ""

    def organisation_name(self, organisation_id: UUID | None) -> str:
        found = self.find(organisation_id) if organisation_id else None
        return found.aggregate.name if found is not None and isinstance(found.aggregate, Organisation) else ""
