"""The coordination group (Koordinierungsgruppe) of a conference series.

It prepares the series' conferences: picks the focus topic, sets the agenda
(together with the organisers) and takes decisions of its own, recorded with
text, date and who decided. Members and the chair are appointed and removed as
events, like a committee's members. A series is known by its name, so the
group's id is derived from that name: every conference of the series finds it.
"""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid4, uuid5

from eventsourcing.domain import event

from domain.clock import DomainAggregate
from domain.errors import RuleViolation

_NAMESPACE = uuid5(NAMESPACE_URL, "urn:sozialkonferenz:coordination-group")


def coordination_group_id(series: str) -> UUID:
    """The id of the coordination group of the series named ``series`` (stable, derived from the name)."""
    return uuid5(_NAMESPACE, series)


class CoordinationGroup(DomainAggregate):
    """Members, chair and decisions of one series' coordination group."""

    @staticmethod
    def create_id(actor: UUID, series: str) -> UUID:
        return coordination_group_id(series)

    @event("Formed")
    def __init__(self, actor: UUID, series: str) -> None:
        self.series = series
        self.member_ids: list[UUID] = []
        self.chair_id: UUID | None = None
        self.decisions: list[dict[str, Any]] = []

    def is_member(self, person_id: UUID) -> bool:
        return person_id in self.member_ids

    # --- commands --------------------------------------------------------------

    def appoint_member(self, actor: UUID, person_id: UUID) -> None:
        if self.is_member(person_id):
            raise RuleViolation(
                "Die Person ist bereits Mitglied der Koordinierungsgruppe.", code="coordination_member_exists"
            )
        self._member_appointed(actor=actor, person_id=person_id)

    def remove_member(self, actor: UUID, person_id: UUID, reason: str) -> None:
        if not self.is_member(person_id):
            raise RuleViolation(
                "Die Person ist nicht Mitglied der Koordinierungsgruppe.", code="coordination_member_missing"
            )
        self._member_removed(actor=actor, person_id=person_id, reason=reason)

    def name_chair(self, actor: UUID, person_id: UUID) -> None:
        if not self.is_member(person_id):
            raise RuleViolation(
                "Den Vorsitz kann nur ein Mitglied der Koordinierungsgruppe übernehmen.", code="chair_not_member"
            )
        if self.chair_id == person_id:
            raise RuleViolation("Die Person hat den Vorsitz bereits.", code="chair_exists")
        self._chair_named(actor=actor, person_id=person_id)

    def record_decision(self, actor: UUID, title: str, text: str, decided_on: str, conference_id: UUID | None) -> str:
        """A decision of the group (Beschluss der Koordinierungsgruppe); returns its id."""
        decision_id = str(uuid4())
        self._decision_recorded(
            actor=actor,
            decision_id=decision_id,
            title=title,
            text=text,
            decided_on=decided_on,
            conference_id=conference_id,
        )
        return decision_id

    # --- events ----------------------------------------------------------------

    @event("MemberAppointed")
    def _member_appointed(self, actor: UUID, person_id: UUID) -> None:
        self.member_ids = [*self.member_ids, person_id]

    @event("MemberRemoved")
    def _member_removed(self, actor: UUID, person_id: UUID, reason: str) -> None:
        self.member_ids = [p for p in self.member_ids if p != person_id]
        if self.chair_id == person_id:
            self.chair_id = None  # the chair leaves with the membership

    @event("ChairNamed")
    def _chair_named(self, actor: UUID, person_id: UUID) -> None:
        self.chair_id = person_id

    @event("DecisionRecorded")
    def _decision_recorded(
        self, actor: UUID, decision_id: str, title: str, text: str, decided_on: str, conference_id: UUID | None
    ) -> None:
        self.decisions = [
            *self.decisions,
            {
                "id": decision_id,
                "title": title,
                "text": text,
                "decided_on": decided_on,
                "actor": str(actor),
                "conference_id": str(conference_id) if conference_id else "",
                "version": self.version + 1,
            },
        ]
