"""Commands on a series' coordination group (Koordinierungsgruppe), mixed into the application."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain import validation as check
from domain.conference import Conference
from domain.coordination import CoordinationGroup, coordination_group_id
from domain.errors import RuleViolation
from domain.reference import Person

if TYPE_CHECKING:
    from domain.application import Sozialkonferenz as _App
else:
    _App = object


class CoordinationCommands(_App):
    def form_coordination_group(self, actor: UUID, conference_id: Any) -> UUID:
        """Form the coordination group of the conference's series (one per series)."""
        conference = self.load(Conference, conference_id, field="conference_id")
        if self.coordination_group_of(conference.series) is not None:
            raise RuleViolation(
                f"Die Konferenzreihe „{conference.series}“ hat bereits eine Koordinierungsgruppe.",
                code="coordination_group_exists",
            )
        group = CoordinationGroup(actor=actor, series=conference.series)
        self.save(group)
        return group.id

    def coordination_group_of(self, series: str) -> CoordinationGroup | None:
        """The series' coordination group, or None where none was formed."""
        try:
            group = self.repository.get(coordination_group_id(series))
        except AggregateNotFoundError:
            return None
        return group if isinstance(group, CoordinationGroup) else None

    def appoint_coordination_member(self, actor: UUID, coordination_group_id: Any, person_id: Any) -> None:
        group = self.load(CoordinationGroup, coordination_group_id, field="coordination_group_id")
        group.appoint_member(actor, self.load(Person, person_id, field="person_id").id)
        self.save(group)

    def remove_coordination_member(self, actor: UUID, coordination_group_id: Any, person_id: Any, reason: str) -> None:
        group = self.load(CoordinationGroup, coordination_group_id, field="coordination_group_id")
        group.remove_member(actor, check.uuid("person_id", person_id, label="Person"), check.reason(reason))
        self.save(group)

    def name_coordination_chair(self, actor: UUID, coordination_group_id: Any, person_id: Any) -> None:
        group = self.load(CoordinationGroup, coordination_group_id, field="coordination_group_id")
        group.name_chair(actor, check.uuid("person_id", person_id, label="Person"))
        self.save(group)

    def record_coordination_decision(
        self,
        actor: UUID,
        coordination_group_id: Any,
        title: str,
        text: str,
        decided_on: str,
        conference_id: Any = None,
    ) -> str:
        """A decision of the group (Beschluss der Koordinierungsgruppe), optionally about one conference."""
        group = self.load(CoordinationGroup, coordination_group_id, field="coordination_group_id")
        conference = None
        if conference_id is not None:
            conference = self.load(Conference, conference_id, field="conference_id")
            if conference.series != group.series:
                raise RuleViolation(
                    "Die Konferenz gehört zu einer anderen Konferenzreihe als die Koordinierungsgruppe.",
                    code="series_mismatch",
                )
        decision_id = group.record_decision(
            actor,
            check.text("title", title, label="Betreff"),
            check.text("text", text, label="Beschlusstext", max_length=20_000),
            check.iso_date("decided_on", decided_on, label="Datum des Beschlusses"),
            conference.id if conference else None,
        )
        self.save(group)
        return decision_id
