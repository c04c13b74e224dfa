"""The personal-data table: names and e-mail addresses, outside the events.

Erasing a row (GDPR art. 17) touches no event; views then show a pseudonym.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import Column, MetaData, String, Table, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine

from domain.people import PersonalData

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
        return result.rowcount > 0
