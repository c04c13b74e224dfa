"""The aggregates the permission policy reads, kept while their stored version is unchanged.

Every decision still asks the event store: one indexed query for the newest version of
the aggregate. Only when that version is the one already in memory is the aggregate not
rebuilt from its snapshot and events (two ORM queries and a replay each; a live-editing
handshake reads four to fifteen aggregates). A change made anywhere (another request,
another process, the command line) raises the version and is read at once, so a revoked
role or a removed member is refused as promptly as without this.

The cached aggregates are the policy's own: it only reads them, and nothing else gets them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import bindparam, select

from domain.application import Sozialkonferenz

A = TypeVar("A")

MAXSIZE = 4096  # aggregates kept (least recently used go first)


class PolicyAggregates:
    def __init__(self, app: Sozialkonferenz, maxsize: int = MAXSIZE) -> None:
        self.app = app
        self.maxsize = maxsize
        self._cache: OrderedDict[UUID, Any] = OrderedDict()
        self._lock = threading.Lock()
        recorder: Any = app.recorder
        datastore = getattr(recorder, "datastore", None)
        self._engine = getattr(datastore, "engine", None)  # None: an in-memory store, nothing to ask
        if self._engine is not None:
            table = recorder.events_record_cls.__table__
            self._newest = (
                select(table.c.originator_version)
                .where(table.c.originator_id == bindparam("originator_id"))
                .order_by(table.c.originator_version.desc())
                .limit(1)
            )

    def load(self, kind: type[A], id: Any, *, field: str = "id") -> A:
        """What ``app.load`` returns (the same errors for bad or unknown ids), rebuilt only when changed."""
        if self._engine is None or not isinstance(id, UUID):
            return self.app.load(kind, id, field=field)  # validates the id and says which field was wrong
        version = self._stored_version(id)
        with self._lock:
            cached = self._cache.get(id)
            if cached is not None and version is not None and cached.version == version:
                self._cache.move_to_end(id)
                if not isinstance(cached, kind):
                    return self.app.load(kind, id, field=field)  # raises NotFound with the usual wording
                return cached  # type: ignore[no-any-return]
        aggregate = self.app.load(kind, id, field=field)
        with self._lock:
            self._cache[id] = aggregate
            self._cache.move_to_end(id)
            while len(self._cache) > self.maxsize:
                self._cache.popitem(last=False)
        return aggregate

    def _stored_version(self, aggregate_id: UUID) -> int | None:
        assert self._engine is not None
        with self._engine.connect() as connection:
            version = connection.execute(self._newest, {"originator_id": aggregate_id}).scalar()
        return None if version is None else int(version)

    def __len__(self) -> int:
        return len(self._cache)

