"""Measures read from a town's catalogue file (Maßnahmenkatalog), recorded through the ordinary drafting rules.

Each imported row leaves two marks: ``Measure.Imported`` in the measure's own history ("importiert aus
FILE, Zeile N") and an ``ImportedRow`` aggregate whose id follows from the conference and the row's key.
The event store refuses a second aggregate with the same id, so importing the same row twice cannot
create a second measure, even when two imports race; a re-run after a crash skips what was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain import validation as check
from domain.clock import DomainAggregate
from domain.conference import Conference
from domain.districts import DistrictRegister
from domain.errors import InvalidInput, NotFound
from domain.measure import Measure
from domain.measure_commands import _indicators
from domain.texts import check_fields, freeze
from domain.working_group import WorkingGroup

if TYPE_CHECKING:
    from domain.application import Sozialkonferenz as _App
else:
    _App = object

_NAMESPACE = UUID("6f1d3c2e-7b0a-4f43-9a55-2c1e8d4b9a10")


def imported_row_id(conference_id: UUID, key: str) -> UUID:
    """The id of the record that a row with ``key`` was imported into this conference."""
    return uuid5(_NAMESPACE, f"{conference_id}:{key}")


class ImportedRow(DomainAggregate):
    """The fact that one row of a catalogue file became a measure (its id is ``imported_row_id``)."""

    @event("Recorded")
    def __init__(self, id: UUID, actor: UUID, conference_id: UUID, measure_id: UUID, source: dict[str, Any]) -> None:
        self.conference_id = conference_id
        self.measure_id = measure_id
        self.source = dict(source)


@dataclass(frozen=True)
class RowToImport:
    """One readable row: where it goes, its text, and where it came from (``file``, ``row``, ``key``)."""

    working_group_id: UUID
    fields: dict[str, str]
    source: dict[str, Any]
    indicators: list[dict[str, str]] = field(default_factory=list)  # as ``set_measure_details`` takes them
    district_ids: list[UUID] = field(default_factory=list)  # from the district register
    agree: bool = False  # the file says the group already proposed it ("von der AG vorgeschlagen")


class ImportCommands(_App):
    def is_row_imported(self, conference_id: UUID, key: str) -> bool:
        return imported_row_id(conference_id, key) in self.repository

    def import_measures(self, actor: UUID, conference_id: Any, rows: list[RowToImport]) -> list[UUID]:
        """Draft one measure per row in one save (one transaction); returns the ids of the measures created.

        Rows are not looked up one by one (the caller checks a whole file at once): should one of them have
        been imported meanwhile, its record's id is taken and the save fails with ``ConcurrencyConflict``,
        writing nothing of this call.
        """
        conference = self.load(Conference, conference_id, field="conference_id")
        groups: dict[UUID, WorkingGroup] = {}
        register: DistrictRegister | None = None
        created: list[Any] = []
        seen: set[UUID] = set()
        for row in rows:
            key = check.text("key", row.source.get("key"), label="Schlüssel der Zeile", max_length=200)
            record_id = imported_row_id(conference.id, key)
            if record_id in seen:
                continue
            seen.add(record_id)
            group = groups.get(row.working_group_id)
            if group is None:
                group = self.load(WorkingGroup, row.working_group_id, field="working_group_id")
                groups[group.id] = group
            if group.conference_id != conference.id:
                raise InvalidInput("working_group_id", "Die Arbeitsgruppe gehört zu einer anderen Konferenz.")
            measure = self._draft_in(actor, group, conference, check_fields(row.fields, partial=False), None)
            measure.record_import(actor, dict(row.source))
            indicators = _indicators(row.indicators)
            if row.district_ids:
                if register is None:
                    register = self.district_register()
                    if register is None:
                        raise NotFound("Sozialraum", row.district_ids[0])
                for district_id in row.district_ids:
                    register.require_active(district_id)
                measure.set_districts(actor, list(row.district_ids))
            if indicators:
                measure.set_details(
                    actor,
                    {
                        "lead_organisation_id": None,
                        "partner_organisation_ids": [],
                        "cost_estimate_eur": None,
                        "funding_secured": False,
                        "indicators": indicators,
                    },
                )
            if row.agree:
                measure.agree_in_group(actor, freeze(dict(measure.fields)))
            record = ImportedRow(
                id=record_id, actor=actor, conference_id=conference.id, measure_id=measure.id, source=row.source
            )
            created += [measure, record]
        if created:
            self.save(*groups.values(), *created)
        return [m.id for m in created if isinstance(m, Measure)]
