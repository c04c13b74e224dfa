"""Where personal data lives: outside the events, erasable (GDPR art. 17).

The application talks to a ``PersonalDataStore``; the SQL implementation is in
``projections.personal_data``, the in-memory one here serves tests and tools.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

ERASED_NAME = "gelöschte Person"


@dataclass(frozen=True)
class PersonalData:
    person_id: UUID
    name: str
    email: str


def pseudonym(person_id: UUID) -> str:
    """A stable stand-in shown instead of an erased person's name."""
    return f"{ERASED_NAME} {str(person_id)[:8]}"


class PersonalDataStore(Protocol):
    def put(self, data: PersonalData) -> None: ...

    def get(self, person_id: UUID) -> PersonalData | None: ...

    def erase(self, person_id: UUID) -> bool: ...


class InMemoryPersonalData:
    def __init__(self) -> None:
        self._rows: dict[UUID, PersonalData] = {}

    def put(self, data: PersonalData) -> None:
        self._rows[data.person_id] = data

    def get(self, person_id: UUID) -> PersonalData | None:
        return self._rows.get(person_id)

    def erase(self, person_id: UUID) -> bool:
        return self._rows.pop(person_id, None) is not None
