"""The conference: one meeting of a planning cycle, citywide or for one district.

Lifecycle: scheduled → prepared → in session → closed → reported. A conference
points to the previous conference of its series; that link makes the cycles.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.clock import DomainAggregate
from domain.errors import NotFound, RuleViolation, TransitionError
from domain.roles import granted_roles, require_granted, require_not_granted


class ConferenceStatus(StrEnum):
    SCHEDULED = "scheduled"
    PREPARED = "prepared"
    IN_SESSION = "in_session"
    CLOSED = "closed"
    REPORTED = "reported"


CONFERENCE_STATUS_LABELS = {
    "scheduled": "geplant",
    "prepared": "vorbereitet",
    "in_session": "tagt",
    "closed": "geschlossen",
    "reported": "Bericht veröffentlicht",
}

CONFERENCE_KINDS: tuple[str, ...] = ("city", "district", "youth")
S = ConferenceStatus
BEFORE_SESSION = (S.SCHEDULED, S.PREPARED)
NOT_CLOSED = (S.SCHEDULED, S.PREPARED, S.IN_SESSION)
MINUTES_OPEN = (S.IN_SESSION, S.CLOSED)  # minutes are written during and after the session, until published


class Conference(DomainAggregate):
    @event("Scheduled")
    def __init__(
        self,
        actor: UUID,
        title: str,
        kind: str,
        series: str,
        cycle: str,
        starts_on: str,
        venue: str,
        district: str,
        previous_conference_id: UUID | None,
    ) -> None:
        self.title = title
        self.kind = kind
        self.series = series
        self.cycle = cycle
        self.starts_on = starts_on
        self.venue = venue
        self.district = district
        self.previous_conference_id = previous_conference_id
        self.status = S.SCHEDULED.value
        self.focus_topic = ""
        self.agenda: list[str] = []
        self.working_group_ids: list[UUID] = []
        self.invited_organisation_ids: list[UUID] = []
        self.minutes = ""
        self.roles: dict[str, list[str]] = {}  # person id → conference roles (see domain.roles)

    # --- rules -----------------------------------------------------------------

    def require(self, action: str, *allowed: ConferenceStatus) -> None:
        if self.status not in allowed:
            raise TransitionError(
                "Die Konferenz",
                self.id,
                CONFERENCE_STATUS_LABELS[self.status],
                action,
                ", ".join(CONFERENCE_STATUS_LABELS[s] for s in allowed),
            )

    @property
    def is_open_for_proposals(self) -> bool:
        return self.status in (S.PREPARED, S.IN_SESSION)

    # --- commands --------------------------------------------------------------

    def reschedule(self, actor: UUID, starts_on: str, venue: str) -> None:
        self.require("verschieben", *BEFORE_SESSION)
        self._rescheduled(actor=actor, starts_on=starts_on, venue=venue)

    def set_focus_topic(self, actor: UUID, focus_topic: str) -> None:
        self.require("Schwerpunktthema festlegen", *BEFORE_SESSION)
        self._focus_topic_set(actor=actor, focus_topic=focus_topic)

    def set_agenda(self, actor: UUID, items: list[str]) -> None:
        self.require("Tagesordnung festlegen", *BEFORE_SESSION)
        self._agenda_set(actor=actor, items=items)

    def constitute_working_group(self, actor: UUID, working_group_id: UUID) -> None:
        self.require("Arbeitsgruppe bilden", *BEFORE_SESSION)
        if working_group_id in self.working_group_ids:
            raise RuleViolation("Diese Arbeitsgruppe ist bereits gebildet.", code="group_exists")
        self._working_group_constituted(actor=actor, working_group_id=working_group_id)

    def invite(self, actor: UUID, organisation_ids: list[UUID]) -> None:
        self.require("einladen", *NOT_CLOSED)
        new = [o for o in organisation_ids if o not in self.invited_organisation_ids]
        if not new:
            raise RuleViolation("Alle genannten Organisationen sind bereits eingeladen.", code="already_invited")
        self._invited(actor=actor, organisation_ids=new)

    def mark_prepared(self, actor: UUID) -> None:
        self.require("als vorbereitet markieren", S.SCHEDULED)
        missing = []
        if not self.focus_topic:
            missing.append("Schwerpunktthema")
        if not self.agenda:
            missing.append("Tagesordnung")
        if not self.working_group_ids:
            missing.append("Arbeitsgruppen")
        if not self.invited_organisation_ids:
            missing.append("Einladungen")
        if missing:
            raise RuleViolation(
                "Die Konferenz ist noch nicht vorbereitet. Es fehlt: " + ", ".join(missing) + ".",
                code="preparation_incomplete",
                missing=missing,
            )
        self._prepared(actor=actor)

    def open_session(self, actor: UUID) -> None:
        self.require("Sitzung eröffnen", S.PREPARED)
        self._session_opened(actor=actor)

    def close_session(self, actor: UUID) -> None:
        self.require("Sitzung schließen", S.IN_SESSION)
        self._session_closed(actor=actor)

    def publish_minutes(self, actor: UUID, minutes: str = "") -> None:
        """Publish the structured minutes (``minutes``: an older free-text record, kept for old clients)."""
        self.require("Protokoll veröffentlichen", S.CLOSED)
        items = [item["id"] for item in self.minutes_items]
        if not items and not minutes:
            raise RuleViolation(
                "Das Protokoll ist leer: Bitte zuerst mindestens einen Protokollpunkt erfassen.", code="minutes_empty"
            )
        self._minutes_published(actor=actor, minutes=minutes, item_ids=items)

    # --- structured minutes (Protokoll) ------------------------------------------

    @property
    def minutes_sessions(self) -> list[dict[str, Any]]:
        """Sessions of the minutes; conferences recorded before structured minutes have none."""
        return list(getattr(self, "sessions", None) or [])

    @property
    def minutes_items(self) -> list[dict[str, Any]]:
        return list(getattr(self, "items", None) or [])

    def minutes_item(self, item_id: str) -> dict[str, Any]:
        for item in self.minutes_items:
            if item["id"] == item_id:
                return item
        raise NotFound("Protokollpunkt dieser Konferenz", item_id)

    def add_minutes_session(self, actor: UUID, session_id: str, title: str, held_on: str) -> None:
        self.require("Protokoll schreiben", *MINUTES_OPEN)
        self._minutes_session_added(actor=actor, session_id=session_id, title=title, held_on=held_on)

    def add_minutes_item(self, actor: UUID, item: dict[str, Any]) -> None:
        self.require("Protokoll schreiben", *MINUTES_OPEN)
        self._check_minutes_item(item)
        self._minutes_item_added(actor=actor, item=item)

    def edit_minutes_item(self, actor: UUID, item: dict[str, Any]) -> None:
        self.require("Protokoll ändern", *MINUTES_OPEN)
        self.minutes_item(item["id"])
        self._check_minutes_item(item)
        self._minutes_item_edited(actor=actor, item=item)

    def _check_minutes_item(self, item: dict[str, Any]) -> None:
        if item["session_id"] not in {s["id"] for s in self.minutes_sessions}:
            raise NotFound("Sitzung im Protokoll dieser Konferenz", item["session_id"])
        number = item.get("agenda_item")
        if number is not None and not 1 <= number <= len(self.agenda):
            raise RuleViolation(
                f"Die Tagesordnung hat keinen Punkt {number} (sie hat {len(self.agenda)} Punkte).",
                code="agenda_item_missing",
            )
        if number is None and not item["topic"]:
            raise RuleViolation(
                "Ein Protokollpunkt braucht einen Tagesordnungspunkt oder ein Thema.", code="minutes_item_topic"
            )

    def roles_of(self, person_id: UUID) -> list[str]:
        return list(granted_roles(self).get(str(person_id), []))

    def grant_role(self, actor: UUID, person_id: UUID, role: str) -> None:
        require_not_granted(self.roles_of(person_id), role)
        self._role_granted(actor=actor, person_id=person_id, role=role)

    def revoke_role(self, actor: UUID, person_id: UUID, role: str, reason: str) -> None:
        require_granted(self.roles_of(person_id), role)
        self._role_revoked(actor=actor, person_id=person_id, role=role, reason=reason)

    # --- events ----------------------------------------------------------------

    @event("Rescheduled")
    def _rescheduled(self, actor: UUID, starts_on: str, venue: str) -> None:
        self.starts_on = starts_on
        self.venue = venue

    @event("FocusTopicSet")
    def _focus_topic_set(self, actor: UUID, focus_topic: str) -> None:
        self.focus_topic = focus_topic

    @event("AgendaSet")
    def _agenda_set(self, actor: UUID, items: list[str]) -> None:
        self.agenda = list(items)

    @event("WorkingGroupConstituted")
    def _working_group_constituted(self, actor: UUID, working_group_id: UUID) -> None:
        self.working_group_ids.append(working_group_id)

    @event("Invited")
    def _invited(self, actor: UUID, organisation_ids: list[UUID]) -> None:
        self.invited_organisation_ids.extend(organisation_ids)

    @event("Prepared")
    def _prepared(self, actor: UUID) -> None:
        self.status = S.PREPARED.value

    @event("SessionOpened")
    def _session_opened(self, actor: UUID) -> None:
        self.status = S.IN_SESSION.value

    @event("SessionClosed")
    def _session_closed(self, actor: UUID) -> None:
        self.status = S.CLOSED.value

    @event("RoleGranted")
    def _role_granted(self, actor: UUID, person_id: UUID, role: str) -> None:
        self.roles = {**granted_roles(self), str(person_id): [*self.roles_of(person_id), role]}

    @event("RoleRevoked")
    def _role_revoked(self, actor: UUID, person_id: UUID, role: str, reason: str) -> None:
        self.roles = {**granted_roles(self), str(person_id): [r for r in self.roles_of(person_id) if r != role]}

    @event("MinutesSessionAdded")
    def _minutes_session_added(self, actor: UUID, session_id: str, title: str, held_on: str) -> None:
        number = len(self.minutes_sessions) + 1
        self.sessions = [*self.minutes_sessions, {"id": session_id, "number": number, "title": title,
                                                   "held_on": held_on}]  # fmt: skip

    @event("MinutesItemAdded")
    def _minutes_item_added(self, actor: UUID, item: dict[str, Any]) -> None:
        self.items = [*self.minutes_items, {**item, "actor": str(actor)}]

    @event("MinutesItemEdited")
    def _minutes_item_edited(self, actor: UUID, item: dict[str, Any]) -> None:
        self.items = [{**item, "actor": str(actor)} if i["id"] == item["id"] else i for i in self.minutes_items]

    class MinutesPublished(DomainAggregate.Event):
        """Version 2 names the structured items published; version 1 held free text only (no items)."""

        actor: UUID
        minutes: str
        item_ids: list[str]

        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["item_ids"] = []

    @event(MinutesPublished)
    def _minutes_published(self, actor: UUID, minutes: str, item_ids: list[str]) -> None:
        self.minutes = minutes
        self.published_item_ids = list(item_ids)
        self.status = S.REPORTED.value
