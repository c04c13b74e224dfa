"""Commands on conferences and their working groups (mixed into the application)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import validation as check
from domain.conference import CONFERENCE_KINDS, Conference
from domain.errors import InvalidInput, RuleViolation
from domain.measure import MEASURE_STATUS_LABELS, OPEN_PROPOSAL, Measure
from domain.reference import Organisation, Person
from domain.texts import freeze
from domain.working_group import WorkingGroup

if TYPE_CHECKING:
    from domain.application import Sozialkonferenz as _App
else:
    _App = object


class ConferenceCommands(_App):
    # --- conferences -----------------------------------------------------------

    def schedule_conference(
        self,
        actor: UUID,
        title: str,
        kind: str,
        series: str,
        cycle: str,
        starts_on: str,
        venue: str = "",
        district: str = "",
        previous_conference_id: Any = None,
    ) -> UUID:
        previous = None
        if previous_conference_id is not None:
            previous = self.load(Conference, previous_conference_id, field="previous_conference_id")
        conference = Conference(
            actor=actor,
            title=check.text("title", title, label="Titel"),
            kind=check.choice("kind", kind, CONFERENCE_KINDS, label="Art der Konferenz"),
            series=check.text("series", series, label="Konferenzreihe"),
            cycle=check.text("cycle", cycle, label="Planungszyklus", max_length=20),
            starts_on=check.iso_date("starts_on", starts_on, label="Datum"),
            venue=check.text("venue", venue, label="Ort", required=False),
            district=check.text("district", district, label="Stadtbezirk", required=False),
            previous_conference_id=previous.id if previous else None,
        )
        if previous is not None:
            if previous.series != conference.series:
                raise RuleViolation(
                    "Die Vorgängerkonferenz gehört zu einer anderen Konferenzreihe.", code="series_mismatch"
                )
            if previous.starts_on >= conference.starts_on or previous.cycle == conference.cycle:
                raise RuleViolation(
                    "Die Vorgängerkonferenz muss zu einem früheren Planungszyklus gehören.", code="cycle_order"
                )
        self.save(conference)
        return conference.id

    def reschedule_conference(self, actor: UUID, conference_id: Any, starts_on: str, venue: str) -> None:
        conference = self.load(Conference, conference_id, field="conference_id")
        conference.reschedule(
            actor,
            check.iso_date("starts_on", starts_on, label="Datum"),
            check.text("venue", venue, label="Ort", required=False),
        )
        self.save(conference)

    def set_focus_topic(self, actor: UUID, conference_id: Any, focus_topic: str) -> None:
        conference = self.load(Conference, conference_id, field="conference_id")
        conference.set_focus_topic(actor, check.text("focus_topic", focus_topic, label="Schwerpunktthema"))
        self.save(conference)

    def set_agenda(self, actor: UUID, conference_id: Any, items: list[str]) -> None:
        conference = self.load(Conference, conference_id, field="conference_id")
        if not isinstance(items, list) or not items:
            raise InvalidInput("items", "Die Tagesordnung braucht mindestens einen Punkt.")
        cleaned = [check.text(f"items.{i}", item, label="Tagesordnungspunkt") for i, item in enumerate(items)]
        conference.set_agenda(actor, cleaned)
        self.save(conference)

    def invite_organisations(self, actor: UUID, conference_id: Any, organisation_ids: list[Any]) -> None:
        conference = self.load(Conference, conference_id, field="conference_id")
        if not isinstance(organisation_ids, list) or not organisation_ids:
            raise InvalidInput("organisation_ids", "Bitte mindestens eine Organisation angeben.")
        ids = [self.load(Organisation, o, field="organisation_ids").id for o in organisation_ids]
        conference.invite(actor, ids)
        self.save(conference)

    def mark_conference_prepared(self, actor: UUID, conference_id: Any) -> None:
        conference = self.load(Conference, conference_id, field="conference_id")
        conference.mark_prepared(actor)
        self.save(conference)

    def open_session(self, actor: UUID, conference_id: Any) -> None:
        conference = self.load(Conference, conference_id, field="conference_id")
        conference.open_session(actor)
        self.save(conference)

    def close_session(
        self, actor: UUID, conference_id: Any, live_texts: dict[UUID, tuple[dict[str, str], str]] | None = None
    ) -> None:
        """Close the session: groups close, every open proposal's text is frozen (lapsed).

        ``live_texts`` maps a measure id to the live document's text and state vector.
        """
        conference = self.load(Conference, conference_id, field="conference_id")
        conference.close_session(actor)
        groups = [self.load(WorkingGroup, g) for g in conference.working_group_ids]
        changed: list[Any] = [conference]
        for group in groups:
            group.close(actor)
            changed.append(group)
            for measure_id in group.proposal_ids:
                measure = self.load(Measure, measure_id)
                if measure.status in OPEN_PROPOSAL:
                    live = (live_texts or {}).get(measure.id)
                    text = {**measure.fields, **live[0]} if live else measure.fields
                    measure.lapse(actor, freeze(text, live[1] if live else None))
                    changed.append(measure)
        self.save(*changed)

    def open_proposal_ids(self, conference_id: Any) -> list[UUID]:
        """Measures of the conference whose text is still open (drafted, returned, proposed)."""
        conference = self.load(Conference, conference_id, field="conference_id")
        ids = []
        for group_id in conference.working_group_ids:
            for measure_id in self.load(WorkingGroup, group_id).proposal_ids:
                if self.load(Measure, measure_id).status in OPEN_PROPOSAL:
                    ids.append(measure_id)
        return ids

    def close_preview(self, conference_id: Any) -> dict[str, Any]:
        """What ``close_session`` would do now: which groups close and which open proposals lapse.

        Reads only; the same loop as the close itself, so the preview cannot tell a different story.
        """
        conference = self.load(Conference, conference_id, field="conference_id")
        groups = []
        for group_id in conference.working_group_ids:
            group = self.load(WorkingGroup, group_id)
            lapsing = []
            for measure_id in group.proposal_ids:
                measure = self.load(Measure, measure_id)
                if measure.status in OPEN_PROPOSAL:
                    lapsing.append(
                        {
                            "measure_id": str(measure.id),
                            "reference": measure.reference,
                            "title": measure.fields.get("title", ""),
                            "status": measure.status,
                            "status_label": MEASURE_STATUS_LABELS[measure.status],
                        }
                    )
            if not group.closed:
                groups.append({"working_group_id": str(group.id), "number": group.number, "name": group.name,
                               "lapsing": lapsing})  # fmt: skip
        return {
            "conference_id": str(conference.id),
            "status": conference.status,
            "can_close": conference.status == "in_session",
            "working_group_count": len(groups),
            "lapsing_count": sum(len(g["lapsing"]) for g in groups),
            "working_groups": groups,
        }

    def publish_minutes(self, actor: UUID, conference_id: Any, minutes: str | None = None) -> None:
        """Publish the structured minutes; ``minutes`` (free text) is the older form, still accepted."""
        conference = self.load(Conference, conference_id, field="conference_id")
        text = check.text("minutes", minutes, label="Protokoll", max_length=200_000, required=False)
        conference.publish_minutes(actor, text)
        self.save(conference)

    # --- working groups --------------------------------------------------------

    def form_working_group(self, actor: UUID, conference_id: Any, name: str, topic: str = "") -> UUID:
        conference = self.load(Conference, conference_id, field="conference_id")
        group = WorkingGroup(
            actor=actor,
            conference_id=conference.id,
            number=len(conference.working_group_ids) + 1,
            name=check.text("name", name, label="Name der Arbeitsgruppe"),
            topic=check.text("topic", topic, label="Schwerpunkt", required=False),
            lineage_id=None,
            predecessor_id=None,
        )
        conference.constitute_working_group(actor, group.id)
        self.save(conference, group)
        return group.id

    def carry_over_working_group(self, actor: UUID, conference_id: Any, previous_group_id: Any) -> UUID:
        """Form the group again for this conference, keeping its identity, members and moderators."""
        conference = self.load(Conference, conference_id, field="conference_id")
        previous = self.load(WorkingGroup, previous_group_id, field="previous_group_id")
        if conference.previous_conference_id != previous.conference_id:
            raise RuleViolation(
                "Nur Arbeitsgruppen der Vorgängerkonferenz können übernommen werden.", code="not_previous_cycle"
            )
        for group_id in conference.working_group_ids:
            if self.load(WorkingGroup, group_id).lineage_id == previous.lineage_id:
                raise RuleViolation("Diese Arbeitsgruppe wurde bereits übernommen.", code="group_exists")
        group = WorkingGroup(
            actor=actor,
            conference_id=conference.id,
            number=len(conference.working_group_ids) + 1,
            name=previous.name,
            topic=previous.topic,
            lineage_id=previous.lineage_id,
            predecessor_id=previous.id,
        )
        for person_id in previous.member_ids:
            group.add_member(actor, person_id)
        for person_id in previous.moderator_ids:
            group.assign_moderator(actor, person_id)
        conference.constitute_working_group(actor, group.id)
        self.save(conference, group)
        return group.id

    def carry_over_all_working_groups(self, actor: UUID, conference_id: Any) -> list[UUID]:
        conference = self.load(Conference, conference_id, field="conference_id")
        if conference.previous_conference_id is None:
            raise RuleViolation("Diese Konferenz hat keine Vorgängerkonferenz.", code="no_previous_conference")
        previous = self.load(Conference, conference.previous_conference_id)
        taken = {self.load(WorkingGroup, g).lineage_id for g in conference.working_group_ids}
        return [
            self.carry_over_working_group(actor, conference.id, group_id)
            for group_id in previous.working_group_ids
            if self.load(WorkingGroup, group_id).lineage_id not in taken
        ]

    def refocus_working_group(self, actor: UUID, working_group_id: Any, topic: str, reason: str) -> None:
        group = self.load(WorkingGroup, working_group_id, field="working_group_id")
        group.refocus(actor, check.text("topic", topic, label="Schwerpunkt"), check.reason(reason))
        self.save(group)

    def add_member(self, actor: UUID, working_group_id: Any, person_id: Any) -> None:
        group = self.load(WorkingGroup, working_group_id, field="working_group_id")
        group.add_member(actor, self.load(Person, person_id, field="person_id").id)
        self.save(group)

    def remove_member(self, actor: UUID, working_group_id: Any, person_id: Any, reason: str) -> None:
        group = self.load(WorkingGroup, working_group_id, field="working_group_id")
        group.remove_member(actor, check.uuid("person_id", person_id, label="Person"), check.reason(reason))
        self.save(group)

    def assign_moderator(self, actor: UUID, working_group_id: Any, person_id: Any) -> None:
        group = self.load(WorkingGroup, working_group_id, field="working_group_id")
        group.assign_moderator(actor, self.load(Person, person_id, field="person_id").id)
        self.save(group)

    def unassign_moderator(self, actor: UUID, working_group_id: Any, person_id: Any, reason: str) -> None:
        group = self.load(WorkingGroup, working_group_id, field="working_group_id")
        group.unassign_moderator(actor, check.uuid("person_id", person_id, label="Person"), check.reason(reason))
        self.save(group)
