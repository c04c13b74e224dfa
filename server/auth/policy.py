"""The permission matrix (role × action) and the one place that enforces it, for HTTP and WebSocket.

A person's roles depend on the *scope* of what they act on: global roles come
from the person's own events, conference roles from the conference, moderator
and member from the working group. A measure's scope is its working group and
that group's conference. ``docs/permissions.md`` is generated from ``MATRIX``
(and a test keeps the two equal).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

from domain.application import Sozialkonferenz
from domain.conference import Conference
from domain.coordination import CoordinationGroup, coordination_group_id
from domain.errors import DomainError, NotFound
from domain.measure import Measure
from domain.reference import Committee, Person
from domain.roles import (
    AUDITOR,
    COMMITTEE_MEMBER,
    COORDINATION,
    MEMBER,
    MODERATOR,
    OPERATOR,
    ORGANISER,
    PLANNER,
    PUBLIC,
    ROLE_LABELS,
    ROLES,
)
from domain.working_group import WorkingGroup
from server.auth.aggregates import PolicyAggregates

EVERYONE = frozenset(ROLES)
GROUP_WORK = frozenset({ORGANISER, MODERATOR, MEMBER})
LEADS = frozenset({ORGANISER, MODERATOR})
ORGANISERS = frozenset({ORGANISER})
PREPARERS = frozenset({ORGANISER, COORDINATION})  # who prepares a conference and writes its minutes


class Unauthenticated(DomainError):
    code = "unauthenticated"

    def __init__(self, message: str = "Bitte melden Sie sich an.") -> None:
        super().__init__(message)


class Forbidden(DomainError):
    code = "forbidden"


# action → roles that may do it, with a German label for the documentation.
MATRIX: dict[str, tuple[frozenset[str], str]] = {
    # reference data and accounts (global scope)
    "register_organisation": (ORGANISERS, "Organisation anlegen"),
    "register_committee": (ORGANISERS, "Ausschuss anlegen"),
    "register_person": (ORGANISERS, "Person anlegen"),
    "register_district": (ORGANISERS, "Sozialraum anlegen"),
    "rename_district": (ORGANISERS, "Sozialraum umbenennen"),
    "retire_district": (ORGANISERS, "Sozialraum auflösen"),
    "erase_person": (ORGANISERS, "Personenbezogene Daten löschen (Art. 17)"),
    "export_person": (ORGANISERS, "Auskunft über eine Person (Art. 15); jede Person auch über sich selbst"),
    "consent_to_public_naming": (
        ORGANISERS, "Einwilligung in die öffentliche Nennung erfassen (für die Person; jede Person auch selbst)"
    ),
    "withdraw_public_naming_consent": (
        ORGANISERS, "Einwilligung in die öffentliche Nennung widerrufen (für die Person; jede Person auch selbst)"
    ),
    "manage_accounts": (ORGANISERS, "Konten anlegen, Einladungslinks und API-Schlüssel ausstellen"),
    "appoint_committee_member": (ORGANISERS, "Mitglied eines Ausschusses berufen"),
    "remove_committee_member": (ORGANISERS, "Mitglied eines Ausschusses abberufen"),
    "grant_global_role": (ORGANISERS, "Stadtweite Rolle vergeben"),
    "revoke_global_role": (ORGANISERS, "Stadtweite Rolle entziehen"),
    # conferences
    "schedule_conference": (ORGANISERS, "Konferenz planen (Organisation der Vorgängerkonferenz oder stadtweit)"),
    "reschedule_conference": (ORGANISERS, "Termin und Ort ändern"),
    "set_focus_topic": (PREPARERS, "Schwerpunktthema festlegen"),
    "set_agenda": (PREPARERS, "Tagesordnung festlegen"),
    "invite_organisations": (ORGANISERS, "Organisationen einladen"),
    "mark_conference_prepared": (ORGANISERS, "Vorbereitung abschließen"),
    "open_session": (ORGANISERS, "Sitzung eröffnen"),
    "close_session": (ORGANISERS, "Sitzung schließen"),
    "preview_close_session": (ORGANISERS, "Vorab sehen, was das Schließen der Sitzung einfriert und verfallen lässt"),
    "publish_minutes": (PREPARERS, "Protokoll veröffentlichen"),
    "add_minutes_session": (PREPARERS, "Sitzung im Protokoll anlegen"),
    "add_minutes_item": (PREPARERS, "Protokollpunkt erfassen"),
    "edit_minutes_item": (PREPARERS, "Protokollpunkt ändern"),
    "grant_role": (ORGANISERS, "Rolle in der Konferenz vergeben"),
    "revoke_role": (ORGANISERS, "Rolle in der Konferenz entziehen"),
    "form_working_group": (ORGANISERS, "Arbeitsgruppe bilden"),
    "import_catalogue": (ORGANISERS, "Maßnahmenkatalog importieren (Probelauf und Import)"),
    "carry_over_working_group": (ORGANISERS, "Arbeitsgruppe übernehmen"),
    "carry_over_all_working_groups": (ORGANISERS, "Alle Arbeitsgruppen übernehmen"),
    # the series' coordination group
    "form_coordination_group": (ORGANISERS, "Koordinierungsgruppe der Konferenzreihe bilden"),
    "appoint_coordination_member": (ORGANISERS, "Mitglied der Koordinierungsgruppe berufen (stadtweit)"),
    "remove_coordination_member": (ORGANISERS, "Mitglied der Koordinierungsgruppe abberufen (stadtweit)"),
    "name_coordination_chair": (ORGANISERS, "Vorsitz der Koordinierungsgruppe bestimmen (stadtweit)"),
    "record_coordination_decision": (PREPARERS, "Beschluss der Koordinierungsgruppe erfassen"),
    # working groups
    "refocus_working_group": (LEADS, "Schwerpunkt der AG ändern"),
    "add_member": (LEADS, "Mitglied aufnehmen"),
    "remove_member": (LEADS, "Mitglied entfernen"),
    "assign_moderator": (ORGANISERS, "Moderation zuweisen"),
    "unassign_moderator": (ORGANISERS, "Moderation entziehen"),
    "draft_measure": (GROUP_WORK, "Maßnahmenvorschlag anlegen"),
    # measures
    "edit_proposal": (GROUP_WORK, "Vorschlagstext ändern"),
    "set_measure_details": (GROUP_WORK, "Federführung, Kosten, Indikatoren"),
    "set_measure_districts": (LEADS, "Sozialräume einer Maßnahme festlegen"),
    "agree_in_group": (LEADS, "In der AG beschließen"),
    "withdraw_measure": (LEADS, "Vorschlag zurückziehen"),
    "adopt_measure": (ORGANISERS, "Im Plenum verabschieden"),
    "return_measure": (ORGANISERS, "An die AG zurückverweisen"),
    "submit_measure": (ORGANISERS, "Dem Ausschuss vorlegen"),
    "record_committee_decision": (
        frozenset({COMMITTEE_MEMBER}),
        "Ausschussbeschluss erfassen (nur Mitglieder des Ausschusses, dem die Vorlage vorliegt)",
    ),
    "start_implementation": (ORGANISERS, "Umsetzung beginnen"),
    "report_progress": (ORGANISERS, "Fortschritt berichten"),
    "report_indicator_actual": (ORGANISERS, "Ist-Wert eines Indikators berichten"),
    "complete_implementation": (ORGANISERS, "Umsetzung abschließen"),
    "record_evaluation": (LEADS, "Evaluierung erfassen (AG der neuen Konferenz)"),
    "carry_over_measure": (LEADS, "Maßnahme in den neuen Zyklus übernehmen (Ziel-AG)"),
    # reading
    "read": (EVERYONE, "Ansichten, Katalog, Beschlüsse, Verlauf einer Maßnahme lesen"),
    "audit": (
        frozenset({ORGANISER, AUDITOR}),
        "Prüfansichten: Live-Text zu jedem Zeitpunkt, Autorschaft, Exporte, Hash-Kette",
    ),
    # running the server
    "read_metrics": (frozenset({OPERATOR}), "Betriebskennzahlen lesen (/metrics, Prometheus)"),
    # live editing of a proposal (WebSocket)
    "live_edit": (GROUP_WORK, "Vorschlag live bearbeiten"),
    "live_read": (
        frozenset({ORGANISER, MODERATOR, MEMBER, AUDITOR, PLANNER, COMMITTEE_MEMBER}),
        "Vorschlag live mitlesen (nur lesen; AG-Mitglieder auch anderer AGs der Konferenz)",
    ),
}

# The generic history routes (``/api/history/{id}``, ``…/state``) answer for any aggregate: its kind
# decides the action reading it needs. A live proposal document holds every keystroke with its author
# (audit-only, in the measure's scope, as ``…/document-history``); a person's record is personal data
# (as ``…/export``: city-wide organisers, and the person herself). Everything else is ``read``.
HISTORY_ACTIONS: dict[str, str] = {"ProposalDocument": "audit", "Person": "export_person"}


# Commands a person may always give about herself (``person_id`` is her own id); others need the matrix's role.
SELF_SERVICE: frozenset[str] = frozenset({"consent_to_public_naming", "withdraw_public_naming_consent"})


def history_action(kind: str) -> str:
    return HISTORY_ACTIONS.get(kind, "read")


# Which parameter decides the scope, where it is not the path's own measure / group / conference.
SCOPE_PARAMS: dict[str, str] = {
    "record_evaluation": "working_group_id",
    "carry_over_measure": "working_group_id",
    "schedule_conference": "previous_conference_id",
    "record_coordination_decision": "coordination_group_id",  # not the conference the decision is about
}


@dataclass(frozen=True)
class Scope:
    conference_id: UUID | None = None
    working_group_id: UUID | None = None
    committee_id: UUID | None = None  # the committee role counts only for members of this committee
    coordination_group_id: UUID | None = None  # a series' coordination group (no conference of its own)

    @property
    def label(self) -> str:
        if self.coordination_group_id:
            return "dieser Koordinierungsgruppe"
        if self.committee_id:
            return "diesem Ausschuss"
        if self.working_group_id:
            return "dieser Arbeitsgruppe"
        return "dieser Konferenz" if self.conference_id else "der Stadt"


GLOBAL = Scope()


def allowed_roles(action: str) -> frozenset[str]:
    return MATRIX[action][0]


class Policy:
    """Answers "may this person do that, there?" from the aggregates (always current)."""

    def __init__(self, app: Sozialkonferenz) -> None:
        self.app = app
        self.aggregates = PolicyAggregates(app)  # rebuilt only when their stored version changed

    # --- scope -----------------------------------------------------------------

    def scope(self, action: str, arguments: Mapping[str, Any]) -> Scope:
        """The conference, group and committee an action touches, from its arguments (ids already parsed)."""
        found = self._scope(action, arguments)
        committee_id = arguments.get("committee_id")
        return replace(found, committee_id=committee_id) if isinstance(committee_id, UUID) else found

    def _scope(self, action: str, arguments: Mapping[str, Any]) -> Scope:
        name = SCOPE_PARAMS.get(action)
        if name is not None:
            value = arguments.get(name)
            if value is None:
                return GLOBAL
            if name == "coordination_group_id":
                return Scope(coordination_group_id=value)
            return self.group_scope(value) if name == "working_group_id" else Scope(conference_id=value)
        if arguments.get("measure_id") is not None:
            return self.measure_scope(arguments["measure_id"])
        if arguments.get("working_group_id") is not None:
            return self.group_scope(arguments["working_group_id"])
        if arguments.get("conference_id") is not None:
            return Scope(conference_id=arguments["conference_id"])
        if arguments.get("coordination_group_id") is not None:
            return Scope(coordination_group_id=arguments["coordination_group_id"])
        return GLOBAL

    def measure_scope(self, measure_id: UUID) -> Scope:
        return self.group_scope(self.aggregates.load(Measure, measure_id, field="measure_id").working_group_id)

    def group_scope(self, working_group_id: UUID) -> Scope:
        group = self.aggregates.load(WorkingGroup, working_group_id, field="working_group_id")
        return Scope(group.conference_id, group.id)

    # --- roles -----------------------------------------------------------------

    def person(self, person_id: UUID) -> Person | None:
        """The person, unless unknown or erased (an erased person holds no role at all)."""
        try:
            person = self.aggregates.load(Person, person_id)
        except NotFound:
            return None
        return None if person.erased else person

    def global_roles(self, person_id: UUID) -> set[str]:
        person = self.person(person_id)
        return set(person.global_roles) if person else set()

    def roles(self, person_id: UUID | None, scope: Scope, group: WorkingGroup | None = None) -> set[str]:
        """Every role the person holds in the scope; every known person is at least public.

        ``group``: the scope's working group when the caller loaded it already.
        """
        person = self.person(person_id) if person_id is not None else None
        if person is None or person_id is None:
            return set()
        roles = {PUBLIC, *person.global_roles}
        if scope.conference_id is not None:
            with contextlib.suppress(NotFound):
                roles.update(self.aggregates.load(Conference, scope.conference_id).roles_of(person_id))
        if scope.working_group_id is not None:
            if group is None or group.id != scope.working_group_id:
                group = self.aggregates.load(WorkingGroup, scope.working_group_id)
            if group.is_moderator(person_id):
                roles.add(MODERATOR)
            elif group.is_member(person_id):
                roles.add(MEMBER)
        if scope.committee_id is not None:
            # Where a committee decides, "committee member" means a member of *that* committee.
            roles.discard(COMMITTEE_MEMBER)
            with contextlib.suppress(NotFound):
                if self.aggregates.load(Committee, scope.committee_id).is_member(person_id):
                    roles.add(COMMITTEE_MEMBER)
        return roles

    def coordinates(self, person_id: UUID, scope: Scope) -> bool:
        """Member of the coordination group in scope: the scope's own, or that of its conference's series.

        Asked only where an action allows the coordination group, so the other checks (a live-editing
        handshake among them) load no further aggregate.
        """
        group_id = scope.coordination_group_id
        if group_id is None and scope.conference_id is not None:
            try:
                group_id = coordination_group_id(self.aggregates.load(Conference, scope.conference_id).series)
            except NotFound:
                return False
        if group_id is None or self.person(person_id) is None:
            return False
        try:
            return self.aggregates.load(CoordinationGroup, group_id).is_member(person_id)
        except NotFound:
            return False

    def permits(self, person_id: UUID | None, action: str, scope: Scope) -> bool:
        allowed = allowed_roles(action)
        if self.roles(person_id, scope) & allowed:
            return True
        return COORDINATION in allowed and person_id is not None and self.coordinates(person_id, scope)

    def require(self, person_id: UUID | None, action: str, scope: Scope) -> None:
        """Raises Unauthenticated (nobody signed in) or Forbidden (not this person, not here)."""
        if person_id is None:
            raise Unauthenticated()
        if not self.permits(person_id, action, scope):
            raise Forbidden(
                f"Keine Berechtigung: „{MATRIX[action][1]}“ ist in {scope.label} nur erlaubt für: "
                + ", ".join(ROLE_LABELS[r] for r in ROLES if r in allowed_roles(action))
                + ".",
                action=action,
            )

    def live_access(self, person_id: UUID, measure_id: UUID) -> str | None:
        """``edit``, ``read`` or None (refused) for a proposal's live document (at every handshake)."""
        measure = self.aggregates.load(Measure, measure_id, field="measure_id")
        group = self.aggregates.load(WorkingGroup, measure.working_group_id, field="working_group_id")
        scope = Scope(group.conference_id, group.id)
        roles = self.roles(person_id, scope, group)  # the group loaded once, not twice
        if roles & allowed_roles("live_edit"):
            return "edit"
        if roles & allowed_roles("live_read") or self.member_of_another_group(person_id, scope):
            return "read"
        return None

    def member_of_another_group(self, person_id: UUID, scope: Scope) -> bool:
        """Members and moderators of *other* groups of the same conference may read along."""
        if scope.conference_id is None:
            return False
        conference = self.aggregates.load(Conference, scope.conference_id)
        return any(
            self.aggregates.load(WorkingGroup, group_id).is_member(person_id)
            for group_id in conference.working_group_ids
            if group_id != scope.working_group_id
        )


# What a person without any role (and the operator) reads: everything ``read`` allows, but no one's name.
# Answers are stripped on the server (``server.http.public_view``): lists of people become counts, keys
# naming a person are left out, the list of people holds only herself.
PUBLIC_COUNTED: dict[str, str] = {"member_ids": "member_count", "moderator_ids": "moderator_count"}
PUBLIC_OMITTED: frozenset[str] = frozenset(
    {"members", "moderators", "actor", "actor_id", "actor_name", "person_id", "person_ids", "author", "authors",
     "people", "email", "person_name", "chair_id", "chair_name", "reported_by"}
)  # fmt: skip
PUBLIC_SEES = (
    "Texte, Beschlüsse mit Wortlaut und SHA-256, Status, Kosten, Namen und Zahlen der Arbeitsgruppen und "
    "Ausschüsse, den Verlauf jeder Maßnahme (was wann geschah)"
)
PUBLIC_HIDDEN = (
    "Namen und Kennungen von Personen: wer Mitglied einer AG oder eines Ausschusses ist, wer eine Rolle hat "
    "und wer welchen Schritt getan hat (in allen Ansichten, im Verlauf und in den Beschlusstexten)"
)


def public_markdown() -> str:
    """The data-protection rule for readers without a role, as Markdown (part of docs/permissions.md)."""
    counted = ", ".join(f"`{k}` → `{v}`" for k, v in PUBLIC_COUNTED.items())
    omitted = ", ".join(f"`{k}`" for k in sorted(PUBLIC_OMITTED))
    return (
        "## Was die Öffentlichkeit sieht\n\n"
        f"Wer keine Rolle hat (auch *Betrieb*), sieht: {PUBLIC_SEES}. Nicht: {PUBLIC_HIDDEN}. "
        "Der Server entfernt das aus jeder Antwort (`server/http/public_view.py`), nicht erst die Oberfläche. "
        f"Listen von Personen werden zu Anzahlen ({counted}); weggelassen werden {omitted} und im Zustand "
        "einer Konferenz die nach Personen geordneten `roles`; die Rollen einer Konferenz nennen keine Namen, "
        "`/api/people` enthält nur die Person selbst. Wer irgendwo eine Rolle hat (stadtweit, in einer "
        "Konferenz, AG oder einem Ausschuss), sieht die Namen weiter. Ausnahme für die Öffentlichkeit: wer "
        "eingewilligt hat, öffentlich genannt zu werden (`consent_to_public_naming`), erscheint mit seinen "
        "öffentlichen Rollen in der OParl-Schnittstelle und mit Namen in der öffentlichen Dokumentation; die "
        "Ansichten der API bleiben ohne Namen.\n"
    )


def matrix_markdown(actions: Iterable[str] | None = None) -> str:
    """The permission matrix as a Markdown table (docs/permissions.md is this)."""
    header = "| Aktion | " + " | ".join(ROLE_LABELS[r] for r in ROLES) + " |"
    lines = [header, "| --- |" + " :-: |" * len(ROLES)]
    for action in actions or MATRIX:
        roles, label = MATRIX[action]
        cells = " | ".join("✔" if r in roles else "–" for r in ROLES)
        lines.append(f"| {label} (`{action}`) | {cells} |")
    table = "\n".join(lines) + "\n"
    return table if actions is not None else table + "\n" + public_markdown()
