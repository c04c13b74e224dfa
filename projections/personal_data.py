"""The personal-data table: names and e-mail addresses, outside the events.

Erasing a row (GDPR art. 17) touches no event; views then show a pseudonym. On SQLite the
erased bytes also leave the files: connections delete with ``secure_delete`` (set in
``server.composition``), and :func:`checkpoint_after_erasure` moves the log into the database
and truncates it, so no older copy of the page stays in the write-ahead log.
"""

from __future__ import annotations

import logging
from uuid import UUID

from sqlalchemy import Column, MetaData, String, Table, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine

from domain.people import PersonalData

log = logging.getLogger(__name__)
metadata = MetaData()

personal_data_table = Table(
    "personal_data",
    metadata,
    Column("person_id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("email", String(320), nullable=False),
)


class SqlPersonalData:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    def put(self, data: PersonalData) -> None:
        insert = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        statement = insert(personal_data_table).values(person_id=str(data.person_id), name=data.name, email=data.email)
        statement = statement.on_conflict_do_update(
            index_elements=["person_id"], set_={"name": data.name, "email": data.email}
        )
        with self.engine.begin() as connection:
            connection.execute(statement)

    def get(self, person_id: UUID) -> PersonalData | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(personal_data_table).where(personal_data_table.c.person_id == str(person_id))
            ).first()
        return PersonalData(UUID(row.person_id), row.name, row.email) if row else None

    def erase(self, person_id: UUID) -> bool:
        with self.engine.begin() as connection:
            result = connection.execute(
                delete(personal_data_table).where(personal_data_table.c.person_id == str(person_id))
            )
        checkpoint_after_erasure(self.engine)
        return result.rowcount > 0


def checkpoint_after_erasure(engine: Engine) -> None:
    """SQLite: copy the write-ahead log into the database and truncate it (waits for readers, up to the
    connection's busy timeout). PostgreSQL keeps deleted rows until VACUUM (see README)."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        busy, _, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        log.warning("Nach einer Löschung (Art. 17) blieb das SQLite-Protokoll (WAL) belegt; es wird später geleert.")
