"""A working group (Arbeitsgruppe) of one conference.

A group carried over from the previous conference keeps its ``lineage_id`` (the
standing group's identity), so planners can compare the same group across
cycles. A group closes with its conference.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from domain.clock import DomainAggregate
from domain.errors import RuleViolation, TransitionError


class WorkingGroup(DomainAggregate):
    @event("Formed")
    def __init__(
        self,
        actor: UUID,
        conference_id: UUID,
        number: int,
        name: str,
        topic: str,
        lineage_id: UUID | None,
        predecessor_id: UUID | None,
    ) -> None:
        self.conference_id = conference_id
        self.number = number
        self.name = name
        self.topic = topic
        self.lineage_id = lineage_id or self.id
        self.predecessor_id = predecessor_id
        self.member_ids: list[UUID] = []
        self.moderator_ids: list[UUID] = []
        self.proposal_ids: list[UUID] = []
        self.closed = False

    def require_open(self, action: str) -> None:
        if self.closed:
            raise TransitionError("Die Arbeitsgruppe", self.id, "geschlossen", action)

    def is_moderator(self, person_id: UUID) -> bool:
        return person_id in self.moderator_ids

    def is_member(self, person_id: UUID) -> bool:
        return person_id in self.member_ids or person_id in self.moderator_ids

    # --- commands --------------------------------------------------------------

    def refocus(self, actor: UUID, topic: str, reason: str) -> None:
        self.require_open("Schwerpunkt ändern")
        self._refocused(actor=actor, topic=topic, reason=reason)

    def add_member(self, actor: UUID, person_id: UUID) -> None:
        self.require_open("Mitglied aufnehmen")
        if person_id in self.member_ids:
            raise RuleViolation("Die Person ist bereits Mitglied der Arbeitsgruppe.", code="already_member")
        self._member_joined(actor=actor, person_id=person_id)

    def remove_member(self, actor: UUID, person_id: UUID, reason: str) -> None:
        self.require_open("Mitglied entfernen")
        if person_id not in self.member_ids:
            raise RuleViolation("Die Person ist kein Mitglied der Arbeitsgruppe.", code="not_member")
        self._member_left(actor=actor, person_id=person_id, reason=reason)

    def assign_moderator(self, actor: UUID, person_id: UUID) -> None:
        self.require_open("Moderation zuweisen")
        if person_id in self.moderator_ids:
            raise RuleViolation("Die Person moderiert die Arbeitsgruppe bereits.", code="already_moderator")
        self._moderator_assigned(actor=actor, person_id=person_id)

    def unassign_moderator(self, actor: UUID, person_id: UUID, reason: str) -> None:
        self.require_open("Moderation entziehen")
        if person_id not in self.moderator_ids:
            raise RuleViolation("Die Person moderiert die Arbeitsgruppe nicht.", code="not_moderator")
        self._moderator_unassigned(actor=actor, person_id=person_id, reason=reason)

    def start_proposal(self, actor: UUID, measure_id: UUID) -> None:
        self.require_open("Maßnahmenvorschlag anlegen")
        self._proposal_started(actor=actor, measure_id=measure_id)

    def close(self, actor: UUID) -> None:
        self.require_open("schließen")
        self._closed(actor=actor)

    # --- events ----------------------------------------------------------------

    @event("Refocused")
    def _refocused(self, actor: UUID, topic: str, reason: str) -> None:
        self.topic = topic

    @event("MemberJoined")
    def _member_joined(self, actor: UUID, person_id: UUID) -> None:
        self.member_ids.append(person_id)

    @event("MemberLeft")
    def _member_left(self, actor: UUID, person_id: UUID, reason: str) -> None:
        self.member_ids.remove(person_id)

    @event("ModeratorAssigned")
    def _moderator_assigned(self, actor: UUID, person_id: UUID) -> None:
        self.moderator_ids.append(person_id)

    @event("ModeratorUnassigned")
    def _moderator_unassigned(self, actor: UUID, person_id: UUID, reason: str) -> None:
        self.moderator_ids.remove(person_id)

    @event("ProposalStarted")
    def _proposal_started(self, actor: UUID, measure_id: UUID) -> None:
        self.proposal_ids.append(measure_id)

    @event("Closed")
    def _closed(self, actor: UUID) -> None:
        self.closed = True
