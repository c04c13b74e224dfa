"""Reference data the conferences need: organisations, committees and people.

People are aggregates that hold no personal data: names and e-mail addresses
live in a separate, erasable store (see ``domain.people``).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.clock import DomainAggregate
from domain.errors import RuleViolation
from domain.roles import require_granted, require_not_granted

ORGANISATION_KINDS: tuple[str, ...] = (
    "department",  # Fachbereich / Dezernat der Verwaltung
    "welfare",  # freier Träger / Wohlfahrtsverband
    "school",
    "initiative",
    "politics",  # Ratsfraktion
    "other",
)


class Organisation(DomainAggregate):
    """A department, welfare organisation, school or initiative taking part."""

    class Registered(DomainAggregate.Created):
        """Version 2 added ``district``; version 1 events load with an empty district."""

        actor: UUID
        name: str
        kind: str
        district: str

        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["district"] = ""

    @event(Registered)
    def __init__(self, actor: UUID, name: str, kind: str, district: str) -> None:
        self.name = name
        self.kind = kind
        self.district = district

    @event("Renamed")
    def rename(self, actor: UUID, name: str) -> None:
        self.name = name


class Committee(DomainAggregate):
    """A political committee (Ausschuss) that decides on submitted measures."""

    @event("Registered")
    def __init__(self, actor: UUID, name: str, short_name: str) -> None:
        self.name = name
        self.short_name = short_name

    @property
    def member_ids(self) -> list[UUID]:
        """Its members: appointed and removed as events (committees registered before had none)."""
        return list(getattr(self, "members", None) or [])

    def is_member(self, person_id: UUID) -> bool:
        return person_id in self.member_ids

    def appoint_member(self, actor: UUID, person_id: UUID) -> None:
        if self.is_member(person_id):
            raise RuleViolation("Die Person ist bereits Mitglied dieses Ausschusses.", code="committee_member_exists")
        self._member_appointed(actor=actor, person_id=person_id)

    def remove_member(self, actor: UUID, person_id: UUID, reason: str) -> None:
        if not self.is_member(person_id):
            raise RuleViolation("Die Person ist nicht Mitglied dieses Ausschusses.", code="committee_member_missing")
        self._member_removed(actor=actor, person_id=person_id, reason=reason)

    @event("MemberAppointed")
    def _member_appointed(self, actor: UUID, person_id: UUID) -> None:
        self.members = [*self.member_ids, person_id]

    @event("MemberRemoved")
    def _member_removed(self, actor: UUID, person_id: UUID, reason: str) -> None:
        self.members = [p for p in self.member_ids if p != person_id]


class Person(DomainAggregate):
    """A participant, known to events only by id."""

    @event("Registered")
    def __init__(self, actor: UUID, organisation_id: UUID | None) -> None:
        self.organisation_id = organisation_id
        self.erased = False

    @event("PersonalDataErased")
    def erase_personal_data(self, actor: UUID, reason: str) -> None:
        self.erased = True
        self.named_publicly = False  # an erased person is named nowhere, whatever she agreed to before

    # --- consent to being named publicly (OParl's Person and Membership, the public Dokumentation) ---

    @property
    def consents_to_public_naming(self) -> bool:
        """Whether the person agreed to be named to the public in her public roles (people had not, before)."""
        return bool(getattr(self, "named_publicly", False)) and not self.erased

    def consent_to_public_naming(self, actor: UUID) -> None:
        """Given by the person herself, or recorded by an organiser on her behalf (``actor`` says which)."""
        if self.erased:
            raise RuleViolation(
                "Die Daten dieser Person sind gelöscht: sie kann nicht öffentlich genannt werden.", code="person_erased"
            )
        if self.consents_to_public_naming:
            raise RuleViolation(
                "Die Person hat bereits eingewilligt, öffentlich genannt zu werden.", code="consent_exists"
            )
        self._public_naming_consented(actor=actor)

    def withdraw_public_naming_consent(self, actor: UUID) -> None:
        """As easy as giving it (Art. 7 Abs. 3 DSGVO): no reason asked."""
        if not self.consents_to_public_naming:
            raise RuleViolation(
                "Die Person hat nicht eingewilligt, öffentlich genannt zu werden.", code="consent_missing"
            )
        self._public_naming_withdrawn(actor=actor)

    @event("PublicNamingConsented")
    def _public_naming_consented(self, actor: UUID) -> None:
        self.named_publicly = True

    @event("PublicNamingWithdrawn")
    def _public_naming_withdrawn(self, actor: UUID) -> None:
        self.named_publicly = False

    @property
    def global_roles(self) -> list[str]:
        return list(getattr(self, "roles", None) or [])

    def grant_role(self, actor: UUID, role: str) -> None:
        require_not_granted(self.global_roles, role)
        self._role_granted(actor=actor, role=role)

    def revoke_role(self, actor: UUID, role: str, reason: str) -> None:
        require_granted(self.global_roles, role)
        self._role_revoked(actor=actor, role=role, reason=reason)

    @event("RoleGranted")
    def _role_granted(self, actor: UUID, role: str) -> None:
        self.roles = [*self.global_roles, role]

    @event("RoleRevoked")
    def _role_revoked(self, actor: UUID, role: str, reason: str) -> None:
        self.roles = [r for r in self.global_roles if r != role]
