"""The domain's clock: events take their timestamp from here.

Normally the current UTC time. ``recorded_at`` lets the demo loader and tests
record events at a chosen moment (for example a 2024 committee decision), which
keeps time-travel views of the demo realistic.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from eventsourcing.domain import Aggregate

_override: ContextVar[datetime | None] = ContextVar("domain_clock_override", default=None)


def now() -> datetime:
    return _override.get() or datetime.now(UTC)


@contextmanager
def recorded_at(moment: datetime) -> Iterator[None]:
    """Record every event created inside the block with the timestamp ``moment``."""
    if moment.tzinfo is None:
        raise ValueError("recorded_at needs a timezone-aware datetime")
    token = _override.set(moment)
    try:
        yield
    finally:
        _override.reset(token)


class DomainAggregate(Aggregate):
    """Base for the project's aggregates: events are stamped by the domain clock."""

    class Event(Aggregate.Event):
        @staticmethod
        def create_timestamp() -> datetime:
            return now()

    class Created(Event, Aggregate.Created):
        pass
