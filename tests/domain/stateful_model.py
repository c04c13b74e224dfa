"""A small model of the domain rules, and a driver that runs commands against model and application.

The driver predicts for every command whether the domain accepts it and how many
events it stores, runs it, and updates the model only when it was accepted.
``test_stateful`` draws the commands; this module knows the rules.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from domain.application import Sozialkonferenz
from domain.conference import Conference
from domain.errors import DomainError
from domain.measure import Measure
from domain.texts import verify_frozen
from domain.working_group import WorkingGroup
from tests.conftest import POSTGRES_URL, reset_postgres

BEFORE_SESSION = ("scheduled", "prepared")
OPEN_FOR_PROPOSALS = ("prepared", "in_session")
AFTER_SESSION = ("closed", "reported")
OPEN_PROPOSAL = ("drafted", "returned", "proposed")
EDITABLE = ("drafted", "returned")
DECIDED = ("approved", "amended", "noted")
FINISHED = ("implemented", "partly_implemented", "abandoned")
EVALUABLE = (*DECIDED, "in_implementation", *FINISHED, "evaluated")
NEEDS_REASON = ("amended", "deferred", "rejected")
ALL_FIELDS = (
    "title", "description", "goal", "target_group", "district", "lead",
    "partners", "timeframe", "cost", "funding", "indicators",
)  # fmt: skip
REQUIRED_BESIDES_TITLE = {  # a draft says them; edits may empty them again (then the group may not agree)
    "description": "Ausgangslage", "goal": "Ziel", "target_group": "Familien", "lead": "Jugendamt",
}  # fmt: skip


@dataclass
class ConferenceModel:
    id: UUID
    series: str
    year: int
    previous: UUID | None
    status: str = "scheduled"
    focus: bool = False
    agenda: bool = False
    invited: list[UUID] = field(default_factory=list)
    groups: list[UUID] = field(default_factory=list)


@dataclass
class GroupModel:
    id: UUID
    conference: UUID
    lineage: UUID
    predecessor: UUID | None
    members: list[UUID] = field(default_factory=list)
    moderators: list[UUID] = field(default_factory=list)
    proposals: list[UUID] = field(default_factory=list)
    closed: bool = False


@dataclass
class MeasureModel:
    id: UUID
    conference: UUID
    group: UUID
    lineage: UUID
    fields: dict[str, str]
    continues: UUID | None = None
    status: str = "drafted"
    committee: UUID | None = None
    evaluation_conference: UUID | None = None
    evaluating_group: UUID | None = None
    verdict: str | None = None
    carried_over_to: UUID | None = None
    decisions: int = 0


class Refused(Exception):
    """The domain refused a command, as the model predicted."""


def fresh_database(kind: str) -> tuple[str, Callable[[], None]]:
    """A new empty database of ``kind`` and a function that removes it again."""
    if kind == "sqlite":
        directory = tempfile.mkdtemp(prefix="sozialkonferenz-stateful-")
        return f"sqlite:///{directory}/events.db", lambda: shutil.rmtree(directory, ignore_errors=True)
    reset_postgres()
    return POSTGRES_URL, lambda: None


def close(app: Sozialkonferenz) -> None:
    app.close()
    app.recorder.datastore.engine.dispose()  # type: ignore[attr-defined]


class Driver:
    """Runs commands through the application and keeps the model in step."""

    def __init__(self, app: Sozialkonferenz, actor: UUID) -> None:
        self.app = app
        self.actor = actor
        self.conferences: dict[UUID, ConferenceModel] = {}
        self.groups: dict[UUID, GroupModel] = {}
        self.measures: dict[UUID, MeasureModel] = {}
        self.touched: set[UUID] = set()
        self.accepted = 0
        self.refused = 0
        self.reached: set[str] = set()  # every measure status seen at a step boundary
        self._counter = 0

    def text(self) -> str:
        self._counter += 1
        return f"Fassung {self._counter}"

    def attempt(self, accepted: bool, events: int, call: Callable[[], Any]) -> Any:
        """Run ``call``; the model said whether it is ``accepted`` and how many ``events`` it stores."""
        before = self.app.position()
        try:
            result = call()
        except DomainError as error:
            assert self.app.position() == before, f"a refused command stored events: {error.as_dict()}"
            assert not accepted, f"the model expected success, the domain refused: {error.as_dict()}"
            self.refused += 1
            raise Refused from error
        assert accepted, "the model expected a refusal, the domain accepted"
        stored = self.app.recorder.select_notifications(start=before + 1, limit=1000)
        assert len(stored) == events, (len(stored), events)
        for notification in stored:
            assert self.app.mapper.to_domain_event(notification).actor == self.actor  # type: ignore[attr-defined]
        self.accepted += 1
        return result

    def _try(self, accepted: bool, events: int, call: Callable[[], Any]) -> tuple[bool, Any]:
        try:
            return True, self.attempt(accepted, events, call)
        except Refused:
            return False, None

    # --- conferences ------------------------------------------------------------------

    def schedule(self, series: str, year: int, previous: ConferenceModel | None) -> ConferenceModel | None:
        accepted = previous is None or (previous.series == series and previous.year < year)
        ok, conference_id = self._try(
            accepted,
            1,
            lambda: self.app.schedule_conference(
                self.actor,
                f"{series} {year}",
                "city",
                series,
                str(year),
                f"{year}-03-01",
                previous_conference_id=previous.id if previous else None,
            ),  # fmt: skip
        )
        if not ok:
            return None
        model = ConferenceModel(conference_id, series, year, previous.id if previous else None)
        self.conferences[conference_id] = model
        self.touched.add(conference_id)
        return model

    def form_group(self, conference: ConferenceModel) -> None:
        ok, group_id = self._try(
            conference.status in BEFORE_SESSION,
            2,
            lambda: self.app.form_working_group(self.actor, conference.id, f"AG {len(self.groups) + 1}"),
        )
        if ok:
            self._add_group(GroupModel(group_id, conference.id, lineage=group_id, predecessor=None))

    def carry_over_group(self, conference: ConferenceModel, previous: GroupModel) -> None:
        accepted = (
            conference.status in BEFORE_SESSION
            and conference.previous == previous.conference
            and all(self.groups[g].lineage != previous.lineage for g in conference.groups)
        )
        events = 2 + len(previous.members) + len(previous.moderators)
        ok, group_id = self._try(
            accepted, events, lambda: self.app.carry_over_working_group(self.actor, conference.id, previous.id)
        )
        if ok:
            self._add_group(
                GroupModel(
                    group_id,
                    conference.id,
                    previous.lineage,
                    previous.id,
                    list(previous.members),
                    list(previous.moderators),
                )  # fmt: skip
            )

    def _add_group(self, group: GroupModel) -> None:
        self.groups[group.id] = group
        self.conferences[group.conference].groups.append(group.id)
        self.touched |= {group.id, group.conference}

    def prepare(self, conference: ConferenceModel, what: str, organisation: UUID) -> None:
        app, actor, cid = self.app, self.actor, conference.id
        if what == "invite":
            accepted = conference.status not in AFTER_SESSION and organisation not in conference.invited
            call: Callable[[], Any] = lambda: app.invite_organisations(actor, cid, [organisation])  # noqa: E731
        elif what == "focus":
            accepted = conference.status in BEFORE_SESSION
            call = lambda: app.set_focus_topic(actor, cid, "Armut im Quartier")  # noqa: E731
        else:
            accepted = conference.status in BEFORE_SESSION
            call = lambda: app.set_agenda(actor, cid, ["Begrüßung"])  # noqa: E731
        if not self._try(accepted, 1, call)[0]:
            return
        if what == "invite":
            conference.invited.append(organisation)
        else:
            setattr(conference, what, True)
        self.touched.add(conference.id)

    def advance(self, conference: ConferenceModel, step: str) -> None:
        """One lifecycle step of a conference: prepare, open, close or publish."""
        app, actor, cid = self.app, self.actor, conference.id
        lapsing: list[UUID] = []
        if step == "prepare":
            ready = bool(conference.focus and conference.agenda and conference.groups and conference.invited)
            source, target, events, call = "scheduled", "prepared", 1, lambda: app.mark_conference_prepared(actor, cid)
        elif step == "open":
            ready, source, target, events, call = (
                True,
                "prepared",
                "in_session",
                1,
                lambda: app.open_session(actor, cid),
            )
        elif step == "close":
            proposals = [m for g in conference.groups for m in self.groups[g].proposals]
            lapsing = [m for m in proposals if self.measures[m].status in OPEN_PROPOSAL]
            ready, source, target = True, "in_session", "closed"
            events, call = 1 + len(conference.groups) + len(lapsing), lambda: app.close_session(actor, cid)
        else:
            ready, source, target, events = True, "closed", "reported", 1
            call = lambda: app.publish_minutes(actor, cid, "Protokoll")  # noqa: E731
        if not self._try(conference.status == source and ready, events, call)[0]:
            return
        conference.status = target
        self.touched.add(conference.id)
        if step == "close":
            for group_id in conference.groups:
                self.groups[group_id].closed = True
                self.touched.add(group_id)
            for measure_id in lapsing:
                self.measures[measure_id].status = "lapsed"
                self.measures[measure_id].decisions += 1
                self.touched.add(measure_id)

    def get_going(self, conference: ConferenceModel, organisation: UUID, open_session: bool = True) -> None:
        """Everything a conference needs before its session, then (unless told not to) open it."""
        if not conference.groups and conference.status in BEFORE_SESSION:
            if conference.previous is not None:
                for group_id in list(self.conferences[conference.previous].groups):
                    self.carry_over_group(conference, self.groups[group_id])
            if not conference.groups:
                self.form_group(conference)
        for what in ("focus", "agenda", "invite"):
            if what != "invite" or not conference.invited:
                self.prepare(conference, what, organisation)
        if conference.status == "scheduled":
            self.advance(conference, "prepare")
        if open_session:
            self.advance(conference, "open")

    # --- working groups -----------------------------------------------------------------

    def change_membership(self, group: GroupModel, role: str, person: UUID, reason: str) -> None:
        app, actor, gid = self.app, self.actor, group.id
        if role == "member":
            accepted = not group.closed and person not in group.members
            call: Callable[[], Any] = lambda: app.add_member(actor, gid, person)  # noqa: E731
        elif role == "moderator":
            accepted = not group.closed and person not in group.moderators
            call = lambda: app.assign_moderator(actor, gid, person)  # noqa: E731
        else:
            accepted = not group.closed and person in group.members and bool(reason)
            call = lambda: app.remove_member(actor, gid, person, reason)  # noqa: E731
        if self._try(accepted, 1, call)[0]:
            {"member": group.members.append, "moderator": group.moderators.append, "leave": group.members.remove}[role](
                person
            )
            self.touched.add(group.id)

    # --- measures -------------------------------------------------------------------------

    def draft(self, group: GroupModel, title: str) -> None:
        accepted = self.conferences[group.conference].status in OPEN_FOR_PROPOSALS
        drafted = {**REQUIRED_BESIDES_TITLE, "title": title}
        ok, measure_id = self._try(accepted, 2, lambda: self.app.draft_measure(self.actor, group.id, drafted))
        if ok:
            fields = {**dict.fromkeys(ALL_FIELDS, ""), **drafted}
            self.measures[measure_id] = MeasureModel(measure_id, group.conference, group.id, group.lineage, fields)
            group.proposals.append(measure_id)
            self.touched |= {measure_id, group.id}

    def _step(
        self, measure: MeasureModel, accepted: bool, target: str, call: Callable[[], Any], decision: bool = False
    ) -> bool:
        """A command that moves one measure to ``target`` and stores one event."""
        if not self._try(accepted, 1, call)[0]:
            return False
        measure.status = target
        measure.decisions += int(decision)
        self.touched.add(measure.id)
        return True

    def edit(self, measure: MeasureModel, name: str, value: str) -> None:
        changes = value != measure.fields[name]
        call = lambda: self.app.edit_proposal(self.actor, measure.id, {name: value})  # noqa: E731
        if self._try(measure.status in EDITABLE, int(changes), call)[0]:
            measure.fields[name] = value
            self.touched.add(measure.id)

    def agree(self, measure: MeasureModel, title: str | None) -> None:
        text = {**measure.fields, "title": title} if title is not None else dict(measure.fields)
        accepted = (
            measure.status in EDITABLE
            and self.conferences[measure.conference].status in OPEN_FOR_PROPOSALS
            and all(text[name].strip() for name in ("title", *REQUIRED_BESIDES_TITLE))  # the required fields
        )
        fields = {"title": title} if title is not None else None
        call = lambda: self.app.agree_in_group(self.actor, measure.id, fields)  # noqa: E731
        if self._step(measure, accepted, "proposed", call, decision=True):
            measure.fields = text

    def plenary(self, measure: MeasureModel, action: str, reason: str) -> None:
        in_session = self.conferences[measure.conference].status == "in_session"
        proposed = measure.status == "proposed"
        if action == "adopt":
            call: Callable[[], Any] = lambda: self.app.adopt_measure(self.actor, measure.id)  # noqa: E731
            self._step(measure, in_session and proposed, "adopted", call, decision=True)
        elif action == "return":
            call = lambda: self.app.return_measure(self.actor, measure.id, reason)  # noqa: E731
            self._step(measure, in_session and proposed and bool(reason), "returned", call, decision=True)
        else:
            call = lambda: self.app.withdraw_measure(self.actor, measure.id, reason)  # noqa: E731
            self._step(measure, measure.status in OPEN_PROPOSAL and bool(reason), "withdrawn", call)

    def submit(self, measure: MeasureModel, committee: UUID) -> None:
        accepted = self.conferences[measure.conference].status in AFTER_SESSION and measure.status in (
            "adopted",
            "deferred",
        )
        call = lambda: self.app.submit_measure(self.actor, measure.id, committee, "V/1")  # noqa: E731
        if self._step(measure, accepted, "submitted", call):
            measure.committee = committee

    def decide(self, measure: MeasureModel, committee: UUID, decision: str, reason: str) -> None:
        accepted = (
            measure.status == "submitted"
            and measure.committee == committee
            and (bool(reason) or decision not in NEEDS_REASON)
        )
        amended = {"goal": self.text()} if decision == "amended" else None
        call = lambda: self.app.record_committee_decision(  # noqa: E731
            self.actor, measure.id, committee, decision, "2024-06-12", reason, amended_fields=amended
        )
        if self._step(measure, accepted, decision, call, decision=True) and amended:
            measure.fields.update(amended)

    def implement(self, measure: MeasureModel, step: str, reason: str) -> None:
        status, app, actor, mid = measure.status, self.app, self.actor, measure.id
        if step == "start":
            accepted, target = status in DECIDED, "in_implementation"
            call: Callable[[], Any] = lambda: app.start_implementation(actor, mid)  # noqa: E731
        elif step == "progress":
            accepted, target = status == "in_implementation", status
            call = lambda: app.report_progress(actor, mid, 50)  # noqa: E731
        else:
            allowed = ("in_implementation", *DECIDED) if step == "abandoned" else ("in_implementation",)
            accepted, target = status in allowed and (step == "implemented" or bool(reason)), step
            call = lambda: app.complete_implementation(actor, mid, step, reason)  # noqa: E731
        self._step(measure, accepted, target, call)

    def evaluate(self, measure: MeasureModel, group: GroupModel, verdict: str) -> None:
        conference = self.conferences[group.conference]
        accepted = (
            not group.closed
            and conference.previous == measure.conference
            and group.lineage == measure.lineage
            and measure.status in EVALUABLE
            and (measure.status != "evaluated" or measure.evaluation_conference == conference.id)
        )
        call = lambda: self.app.record_evaluation(self.actor, measure.id, group.id, 70, verdict, 4)  # noqa: E731
        if self._step(measure, accepted, "evaluated", call):
            measure.evaluation_conference, measure.evaluating_group, measure.verdict = conference.id, group.id, verdict

    def carry_over_measure(self, measure: MeasureModel, group: GroupModel) -> None:
        accepted = (
            measure.status == "evaluated"
            and measure.evaluating_group == group.id
            and self.conferences[group.conference].status in OPEN_FOR_PROPOSALS
            and measure.verdict != "end"
        )
        ok, new_id = self._try(accepted, 3, lambda: self.app.carry_over_measure(self.actor, measure.id, group.id))
        if not ok:
            return
        self.measures[new_id] = MeasureModel(
            new_id, group.conference, group.id, group.lineage, dict(measure.fields), continues=measure.id
        )
        group.proposals.append(new_id)
        measure.status, measure.carried_over_to = "carried_over", new_id
        self.touched |= {new_id, measure.id, group.id}

    # --- comparing the store with the model ------------------------------------------------

    def check(self, app: Sozialkonferenz, ids: set[UUID]) -> None:
        for aggregate_id in ids:
            if aggregate_id in self.conferences:
                self.check_conference(app, self.conferences[aggregate_id])
            elif aggregate_id in self.groups:
                self.check_group(app, self.groups[aggregate_id])
            else:
                self.check_measure(app, self.measures[aggregate_id])

    def check_conference(self, app: Sozialkonferenz, model: ConferenceModel) -> None:
        conference = app.load(Conference, model.id)
        assert conference.status == model.status
        assert conference.previous_conference_id == model.previous
        assert conference.working_group_ids == model.groups
        assert conference.invited_organisation_ids == model.invited

    def check_group(self, app: Sozialkonferenz, model: GroupModel) -> None:
        group = app.load(WorkingGroup, model.id)
        assert (group.conference_id, group.closed) == (model.conference, model.closed)
        assert (group.member_ids, group.moderator_ids) == (model.members, model.moderators)
        assert group.proposal_ids == model.proposals
        assert (group.lineage_id, group.predecessor_id) == (model.lineage, model.predecessor)
        if group.predecessor_id is not None:
            assert app.load(WorkingGroup, group.predecessor_id).lineage_id == group.lineage_id
        assert group.closed == (self.conferences[model.conference].status in AFTER_SESSION)
        for measure_id in group.proposal_ids:
            assert self.measures[measure_id].group == group.id

    def check_measure(self, app: Sozialkonferenz, model: MeasureModel) -> None:
        measure = app.load(Measure, model.id)
        group = app.load(WorkingGroup, measure.working_group_id)
        self.reached.add(measure.status)
        assert measure.status == model.status, (measure.status, model.status)
        assert (measure.conference_id, measure.working_group_id) == (model.conference, model.group)
        assert measure.id in group.proposal_ids
        assert measure.lineage_id == model.lineage == group.lineage_id
        assert measure.fields == model.fields
        assert (measure.continues_measure_id, measure.carried_over_to) == (model.continues, model.carried_over_to)
        if model.continues is not None:
            assert app.load(Measure, model.continues).carried_over_to == measure.id
        assert len(measure.decisions) == model.decisions
        assert all(verify_frozen(d["frozen"]) for d in measure.decisions if d["frozen"] is not None)
        if app.load(Conference, measure.conference_id).status in AFTER_SESSION:
            assert measure.status not in OPEN_PROPOSAL, "an open proposal in a closed conference"
        assert (measure.evaluation is not None) == (model.evaluating_group is not None)
