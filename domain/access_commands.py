"""Granting and revoking roles (mixed into the application); the roles themselves are in ``domain.roles``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import validation as check
from domain.conference import Conference
from domain.reference import Committee, Person
from domain.roles import CONFERENCE_ROLES, GLOBAL_ROLES

if TYPE_CHECKING:
    from domain.application import Sozialkonferenz as _App
else:
    _App = object


class AccessCommands(_App):
    def grant_role(self, actor: UUID, conference_id: Any, person_id: Any, role: str) -> None:
        """A role in one conference: organiser, auditor, planner or committee member."""
        conference = self.load(Conference, conference_id, field="conference_id")
        person = self.load(Person, person_id, field="person_id")
        conference.grant_role(actor, person.id, check.choice("role", role, CONFERENCE_ROLES, label="Rolle"))
        self.save(conference)

    def revoke_role(self, actor: UUID, conference_id: Any, person_id: Any, role: str, reason: str) -> None:
        conference = self.load(Conference, conference_id, field="conference_id")
        person_id = check.uuid("person_id", person_id, label="Person")
        role = check.choice("role", role, CONFERENCE_ROLES, label="Rolle")
        conference.revoke_role(actor, person_id, role, check.reason(reason))
        self.save(conference)

    def appoint_committee_member(self, actor: UUID, committee_id: Any, person_id: Any) -> None:
        """Membership of one committee: only its members record its decisions."""
        committee = self.load(Committee, committee_id, field="committee_id")
        person = self.load(Person, person_id, field="person_id")
        committee.appoint_member(actor, person.id)
        self.save(committee)

    def remove_committee_member(self, actor: UUID, committee_id: Any, person_id: Any, reason: str) -> None:
        committee = self.load(Committee, committee_id, field="committee_id")
        committee.remove_member(actor, check.uuid("person_id", person_id, label="Person"), check.reason(reason))
        self.save(committee)

    def grant_global_role(self, actor: UUID, person_id: Any, role: str) -> None:
        """A role for the whole city: organiser (planning office), auditor or planner."""
        person = self.load(Person, person_id, field="person_id")
        person.grant_role(actor, check.choice("role", role, GLOBAL_ROLES, label="Rolle"))
        self.save(person)

    def revoke_global_role(self, actor: UUID, person_id: Any, role: str, reason: str) -> None:
        person = self.load(Person, person_id, field="person_id")
        role = check.choice("role", role, GLOBAL_ROLES, label="Rolle")
        person.revoke_role(actor, role, check.reason(reason))
        self.save(person)

    def consent_to_public_naming(self, actor: UUID, person_id: Any) -> None:
        """The person agrees to be named publicly in her public roles (OParl, the public Dokumentation)."""
        person = self.load(Person, person_id, field="person_id")
        person.consent_to_public_naming(actor)
        self.save(person)

    def withdraw_public_naming_consent(self, actor: UUID, person_id: Any) -> None:
        person = self.load(Person, person_id, field="person_id")
        person.withdraw_public_naming_consent(actor)
        self.save(person)
