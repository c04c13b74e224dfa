"""Roles: who may do what, granted and revoked as events.

Global roles (organiser, auditor, planner, operator) are events of the :class:`Person`
(the planning office, the audit office, the people who run the server); conference roles (organiser, auditor,
planner, committee member) are events of the :class:`Conference`. Moderators
and members come from the working group's own events, members of a series'
coordination group from the group's. Everyone else is public.
The permission matrix that uses these roles is in ``server.auth.policy``.
"""

from __future__ import annotations

from typing import Any

from domain.errors import RuleViolation

ORGANISER = "organiser"
MODERATOR = "moderator"
MEMBER = "member"
AUDITOR = "auditor"
PLANNER = "planner"
COMMITTEE_MEMBER = "committee_member"
OPERATOR = "operator"  # runs the server: its metrics, nothing of the conferences' content
COORDINATION = "coordination"  # member of the series' coordination group (domain.coordination)
PUBLIC = "public"

ROLES: tuple[str, ...] = (
    ORGANISER, COORDINATION, MODERATOR, MEMBER, AUDITOR, PLANNER, COMMITTEE_MEMBER, OPERATOR, PUBLIC
)  # fmt: skip
GLOBAL_ROLES: tuple[str, ...] = (ORGANISER, AUDITOR, PLANNER, OPERATOR)
CONFERENCE_ROLES: tuple[str, ...] = (ORGANISER, AUDITOR, PLANNER, COMMITTEE_MEMBER)

ROLE_LABELS = {
    ORGANISER: "Organisationsteam",
    COORDINATION: "Koordinierungsgruppe",
    MODERATOR: "Moderation",
    MEMBER: "AG-Mitglied",
    AUDITOR: "Prüfung",
    PLANNER: "Sozialplanung",
    COMMITTEE_MEMBER: "Ausschussmitglied",
    OPERATOR: "Betrieb",
    PUBLIC: "Öffentlichkeit",
}


def granted_roles(aggregate: Any) -> dict[str, list[str]]:
    """Person id (text) → roles; aggregates stored before roles existed have none."""
    roles: dict[str, list[str]] = getattr(aggregate, "roles", None) or {}
    return roles


def require_not_granted(roles: list[str], role: str) -> None:
    if role in roles:
        raise RuleViolation(f"Die Person hat die Rolle „{ROLE_LABELS[role]}“ bereits.", code="role_exists")


def require_granted(roles: list[str], role: str) -> None:
    if role not in roles:
        raise RuleViolation(f"Die Person hat die Rolle „{ROLE_LABELS[role]}“ nicht.", code="role_missing")
