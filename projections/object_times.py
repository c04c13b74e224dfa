"""When each committee and working group was created and last changed (for OParl's ``created``/``modified``).

Conferences and measures keep their times in their own views; these two kinds had none.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from domain.reference import Committee
from domain.working_group import WorkingGroup
from projections import tables as t
from projections.framework import Change, Projection, Rows, StoredEvent


def event_names(*kinds: type[Any]) -> frozenset[str]:
    """Every event name (``Kind.Event``) the aggregate classes define."""
    names = set()
    for kind in kinds:
        for attribute, value in vars(kind).items():
            if isinstance(value, type) and issubclass(value, kind.Event):
                names.add(f"{kind.__name__}.{attribute}")
    return frozenset(names)


class ObjectTimes(Projection):
    name = "object_times"
    label = "Zeitstempel"
    tables = (t.object_times,)
    handles = event_names(Committee, WorkingGroup)

    def apply(self, connection: Connection, events: list[StoredEvent]) -> list[Change]:
        rows = Rows(connection, t.object_times)
        rows.preload(str(e.originator_id) for e in events)
        for e in events:
            id = str(e.originator_id)
            found = rows.get(id)
            created, count = (found["created_at"], found["events"]) if found else (e.at, 0)
            rows.put(
                {"id": id, "kind": e.name.partition(".")[0], "created_at": created, "modified_at": e.at,
                 "events": count + 1}
            )  # fmt: skip
        rows.flush()
        return []  # no view of the change feed shows these
