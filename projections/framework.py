"""The parts every projection shares: decoded events, batched row access, upserts.

A projection handles a batch of events inside one transaction: it reads the
rows it needs once (``Rows.preload``), changes them in memory, and writes
them back with one multi-row upsert. That keeps a catch-up of a million
events fast on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Table, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One event of the store, decoded once and shared by all projections."""

    position: int
    originator_id: UUID
    version: int
    name: str  # "Measure.Adopted": class qualname without the module
    data: dict[str, Any]

    @property
    def at(self) -> str:
        return iso(self.data["timestamp"])

    @property
    def actor(self) -> str:
        return sid(self.data.get("actor"))  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Change:
    """A view row that changed, for the live change feed."""

    view: str
    id: str
    conference_id: str | None


def iso(moment: datetime) -> str:
    return moment.astimezone().isoformat() if moment.tzinfo is None else moment.isoformat()


def sid(value: Any) -> str | None:
    """An id as stored in view tables: the UUID's canonical string, or None."""
    return None if value is None else str(value)


def jsonable(value: Any) -> Any:
    """Event data made JSON-safe for JSON columns (UUIDs and datetimes to strings)."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return iso(value)
    return value


def upsert(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert or replace rows by primary key, in one statement per chunk."""
    if not rows:
        return
    key = [c.name for c in table.primary_key.columns]
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    columns = list(rows[0])
    statement = insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=key,
        set_={name: statement.excluded[name] for name in columns if name not in key},
    )
    for chunk in chunks(rows, 500):
        connection.execute(statement, chunk)


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Rows:
    """Rows of one table keyed by ``id``, loaded once per batch and written back once."""

    connection: Connection
    table: Table
    rows: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    dirty: set[str] = field(default_factory=set)

    def preload(self, ids: Iterable[str]) -> None:
        missing = [i for i in set(ids) if i not in self.rows]
        id_column = self.table.c.id
        for chunk in chunks(missing, 500):
            for row in self.connection.execute(select(self.table).where(id_column.in_(chunk))).mappings():
                self.rows[row["id"]] = dict(row)
        for i in missing:
            self.rows.setdefault(i, None)

    def get(self, id: str) -> dict[str, Any] | None:
        if id not in self.rows:
            self.preload([id])
        return self.rows[id]

    def put(self, row: dict[str, Any]) -> None:
        self.rows[row["id"]] = row
        self.dirty.add(row["id"])

    def flush(self) -> None:
        changed = [self.rows[i] for i in self.dirty]
        upsert(self.connection, self.table, [r for r in changed if r is not None])
        self.dirty.clear()


class Projection(ABC):
    """A view filled from events. Subclasses set ``name``, ``label``, ``tables``, ``handles``."""

    name: str = ""
    label: str = ""
    tables: tuple[Table, ...] = ()
    handles: frozenset[str] = frozenset()

    @abstractmethod
    def apply(self, connection: Connection, events: list[StoredEvent]) -> list[Change]:
        """Write the effect of ``events`` (only those named in ``handles``) and name the changed rows."""
