"""Random command sequences through the application, checked against a model of the rules.

Every command is predicted by ``stateful_model.Driver``: a refused one must raise a
``DomainError`` and store nothing, an accepted one must store exactly the predicted
events, each naming the actor. After every step the aggregates the step touched are
compared with the model; at the end every aggregate is reloaded by a fresh
application object on the same database, compared with the model and, attribute by
attribute, with what the first application loads. Each example gets a fresh
database of the parametrised kind (SQLite file or PostgreSQL).

Besides one rule per command, a few shortcut rules walk the happy path (get a
conference going, schedule the follow-up, take a measure one step further), so that
30 steps reach committee decisions, evaluation and carry-over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar
from uuid import UUID

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from server.composition import build_application
from tests.domain.assertions import state
from tests.domain.stateful_model import (
    AFTER_SESSION,
    BEFORE_SESSION,
    DECIDED,
    EDITABLE,
    FINISHED,
    OPEN_FOR_PROPOSALS,
    OPEN_PROPOSAL,
    ConferenceModel,
    Driver,
    GroupModel,
    MeasureModel,
    close,
    fresh_database,
)

SETTINGS = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
MAX_CONFERENCES = 5
MAX_MEASURES = 6  # drafted by the draft rule; more would crowd out the other rules
ACTORS = (UUID("b0000000-0000-4000-8000-000000000001"), UUID("b0000000-0000-4000-8000-000000000002"))
YEARS = (2020, 2022, 2024, 2026, 2028)
SERIES = ("Sozialkonferenz Musterstadt", "Stadtbezirkskonferenz Nord")
REASONS = ("", "Begründung")
DECISIONS = ("approved", "amended", "deferred", "rejected", "noted")
VERDICTS = ("continue", "adapt", "end")
TERMINAL = ("withdrawn", "lapsed", "rejected", "carried_over")
ALL_STATUSES = (
    *OPEN_PROPOSAL, "adopted", "submitted", "deferred", *DECIDED, "rejected", "in_implementation", *FINISHED,
    "evaluated", "carried_over", "withdrawn", "lapsed",
)  # fmt: skip


class DomainMachine(RuleBasedStateMachine):
    database_kind: ClassVar[str] = "sqlite"
    statistics: ClassVar[Statistics]

    def __init__(self) -> None:
        super().__init__()
        self.url, self._remove_database = fresh_database(self.database_kind)
        self.app = build_application(self.url)
        actor = ACTORS[0]
        self.organisations = [self.app.register_organisation(actor, f"Träger {i}", "welfare") for i in range(2)]
        self.committees = [self.app.register_committee(actor, f"Ausschuss {i}", f"A{i}") for i in range(2)]
        self.people = [self.app.register_person(actor, f"Person {i}", "") for i in range(3)]
        self.driver = Driver(self.app, actor)

    # --- drawing arguments ---------------------------------------------------------------

    def pick(self, data: st.DataObject, ids: list[UUID], good: Callable[[UUID], bool]) -> UUID:
        """Mostly an id for which the command makes sense, sometimes any id; also draws the actor."""
        self.driver.actor = data.draw(st.sampled_from(ACTORS), label="actor")
        fitting = [i for i in ids if good(i)]
        if fitting and data.draw(st.integers(0, 4), label="fit") > 0:
            return data.draw(st.sampled_from(fitting), label="fitting id")
        return data.draw(st.sampled_from(ids), label="any id")

    def conference(self, data: st.DataObject, good: Callable[[ConferenceModel], bool]) -> ConferenceModel:
        conferences = self.driver.conferences
        return conferences[self.pick(data, list(conferences), lambda c: good(conferences[c]))]

    def group(self, data: st.DataObject, good: Callable[[GroupModel], bool]) -> GroupModel:
        groups = self.driver.groups
        return groups[self.pick(data, list(groups), lambda g: good(groups[g]))]

    def measure(self, data: st.DataObject, statuses: tuple[str, ...]) -> MeasureModel:
        measures = self.driver.measures
        return measures[self.pick(data, list(measures), lambda m: measures[m].status in statuses)]

    def has_conferences(self) -> bool:
        return bool(self.driver.conferences)

    def has_groups(self) -> bool:
        return bool(self.driver.groups)

    def has_measures(self) -> bool:
        return bool(self.driver.measures)

    def room_for_conferences(self) -> bool:
        return len(self.driver.conferences) < MAX_CONFERENCES

    # --- conferences ---------------------------------------------------------------------

    @initialize(
        year=st.sampled_from(YEARS[:3]),
        stage=st.sampled_from(["in_session", "prepared", "in_session", "prepared", "scheduled"]),
        proposals=st.lists(st.sampled_from(["returned", "proposed", "drafted", "adopted"]), max_size=4),
    )
    def first_conference(self, year: int, stage: str, proposals: list[str]) -> None:
        """Every example starts with one conference, mostly prepared or in session with a few proposals."""
        driver = self.driver
        conference = driver.schedule(SERIES[0], year, None)
        assert conference is not None
        driver.form_group(conference)
        if stage == "scheduled":
            return
        driver.get_going(conference, self.organisations[0], open_session=stage == "in_session")
        assert conference.status == stage
        group = driver.groups[conference.groups[0]]
        for target in proposals:
            driver.draft(group, driver.text())
            measure = driver.measures[group.proposals[-1]]
            if target != "drafted":
                driver.agree(measure, None)
            if target in ("returned", "adopted") and stage == "in_session":
                driver.plenary(measure, "return" if target == "returned" else "adopt", "Begründung")

    @precondition(room_for_conferences)
    @rule(series=st.sampled_from(SERIES), year=st.sampled_from(YEARS), data=st.data())
    def schedule_conference(self, series: str, year: int, data: st.DataObject) -> None:
        self.driver.actor = data.draw(st.sampled_from(ACTORS), label="actor")
        previous = None
        follow_up: bool = data.draw(st.booleans(), label="follow-up")
        if self.driver.conferences and follow_up:
            previous = self.conference(data, lambda c: c.series == series and c.year < year)
        self.driver.schedule(series, year, previous)

    @precondition(has_conferences)
    @rule(
        data=st.data(),
        command=st.sampled_from(
            ["form_group", "carry_over_group", "focus", "agenda", "invite", "prepare", "open", "close", "publish"]
        ),
    )
    def conference_command(self, data: st.DataObject, command: str) -> None:
        driver = self.driver
        if command == "form_group":
            driver.form_group(self.conference(data, lambda c: c.status in BEFORE_SESSION))
        elif command == "carry_over_group":
            conference = self.conference(data, lambda c: c.previous is not None and c.status in BEFORE_SESSION)
            driver.carry_over_group(conference, self.group(data, lambda g: g.conference == conference.previous))
        elif command in ("focus", "agenda", "invite"):
            conference = self.conference(data, lambda c: c.status in BEFORE_SESSION)
            driver.prepare(conference, command, data.draw(st.sampled_from(self.organisations), label="organisation"))
        else:
            driver.advance(self.conference(data, lambda c: c.status not in AFTER_SESSION), command)

    @precondition(has_conferences)
    @rule(data=st.data())
    def get_conference_going(self, data: st.DataObject) -> None:
        conference = self.conference(data, lambda c: c.status in BEFORE_SESSION)
        self.driver.get_going(conference, self.organisations[0])

    @precondition(lambda self: self.has_conferences() and self.room_for_conferences())
    @rule(data=st.data(), years=st.sampled_from([2, 4]))
    def schedule_follow_up(self, data: st.DataObject, years: int) -> None:
        previous = self.conference(data, lambda c: c.status in AFTER_SESSION)
        conference = self.driver.schedule(previous.series, previous.year + years, previous)
        if conference is not None:
            for group_id in list(previous.groups):
                self.driver.carry_over_group(conference, self.driver.groups[group_id])

    # --- working groups --------------------------------------------------------------------

    @precondition(has_groups)
    @rule(data=st.data(), role=st.sampled_from(["member", "moderator", "leave"]), reason=st.sampled_from(REASONS))
    def change_membership(self, data: st.DataObject, role: str, reason: str) -> None:
        group = self.group(data, lambda g: not g.closed)
        self.driver.change_membership(group, role, data.draw(st.sampled_from(self.people), label="person"), reason)

    # --- measures ------------------------------------------------------------------------

    @precondition(lambda self: self.has_groups() and len(self.driver.measures) < MAX_MEASURES)
    @rule(data=st.data(), titled=st.booleans())
    def draft_measure(self, data: st.DataObject, titled: bool) -> None:
        group = self.group(data, lambda g: self.driver.conferences[g.conference].status in OPEN_FOR_PROPOSALS)
        self.driver.draft(group, self.driver.text() if titled else "")

    @precondition(has_measures)
    @rule(
        data=st.data(),
        command=st.sampled_from(
            ["edit", "agree", "adopt", "return", "withdraw", "submit", "decide"]
            + ["start", "progress", "implemented", "partly_implemented", "abandoned", "evaluate", "carry_over"]
        ),
        reason=st.sampled_from(REASONS),
        committee=st.integers(0, 1),
    )
    def measure_command(self, data: st.DataObject, command: str, reason: str, committee: int) -> None:
        driver = self.driver
        if command == "edit":
            name = data.draw(st.sampled_from(["title", "goal", "description", "lead"]), label="field")
            empty = data.draw(st.booleans(), label="empty")
            driver.edit(self.measure(data, EDITABLE), name, "" if empty else driver.text())
        elif command == "agree":
            retitle = data.draw(st.booleans(), label="retitle")
            driver.agree(self.measure(data, EDITABLE), driver.text() if retitle else None)
        elif command in ("adopt", "return", "withdraw"):
            measure = self.measure(data, OPEN_PROPOSAL if command == "withdraw" else ("proposed",))
            driver.plenary(measure, command, reason)
        elif command == "submit":
            driver.submit(self.measure(data, ("adopted", "deferred")), self.committees[committee])
        elif command == "decide":
            decision = data.draw(st.sampled_from(DECISIONS), label="decision")
            driver.decide(self.measure(data, ("submitted",)), self.committees[committee], decision, reason)
        elif command == "evaluate":
            measure = self.measure(data, (*DECIDED, "in_implementation", *FINISHED, "evaluated"))
            group = self.group(data, lambda g: g.lineage == measure.lineage and g.conference != measure.conference)
            driver.evaluate(measure, group, data.draw(st.sampled_from(VERDICTS), label="verdict"))
        elif command == "carry_over":
            measure = self.measure(data, ("evaluated",))
            driver.carry_over_measure(measure, self.group(data, lambda g: g.id == measure.evaluating_group))
        else:
            driver.implement(self.measure(data, (*DECIDED, "in_implementation")), command, reason)

    @precondition(has_measures)
    @rule(data=st.data(), steps=st.integers(1, 15))
    def take_a_measure_further(self, data: st.DataObject, steps: int) -> None:
        """A shortcut: up to ``steps`` steps along the lifecycle for one measure, from wherever it is.

        Each step draws a turn (return instead of adopt, submit before the session closed,
        a wrong committee, ...), so the walk also meets the rules off the happy path.
        """
        measure = self.measure(data, tuple(s for s in ALL_STATUSES if s not in TERMINAL))
        for _ in range(steps):
            status = measure.status
            self.next_step(measure, lambda options, label: data.draw(st.sampled_from(options), label=label))
            if measure.status == status or not data.draw(st.integers(0, 3), label="go on"):
                return

    def next_step(self, measure: MeasureModel, choose: Callable[[Any, str], Any]) -> None:
        driver = self.driver
        conference = driver.conferences[measure.conference]
        status = measure.status
        if status in EDITABLE:
            if choose([False, False, True], "edit first"):
                driver.edit(measure, "goal", driver.text())
            driver.agree(measure, None if measure.fields["title"] else driver.text())
        elif status == "proposed":
            if conference.status == "prepared" and choose([True, True, False], "open first"):
                driver.advance(conference, "open")
            driver.plenary(measure, choose(["adopt", "adopt", "return", "withdraw"], "plenary"), "Begründung")
        elif status in ("adopted", "deferred"):
            if conference.status == "in_session" and choose([True, True, False], "close first"):
                driver.advance(conference, "close")
            driver.submit(measure, choose(self.committees, "committee"))
        elif status == "submitted":
            committee = choose([measure.committee, measure.committee, *self.committees], "committee")
            driver.decide(measure, committee, choose(DECISIONS, "decision"), choose(["Begründung", ""], "reason"))
        elif status in DECIDED:
            driver.implement(measure, choose(["start", "start", "abandoned"], "implementation"), "Begründung")
        elif status == "in_implementation":
            step = choose(["progress", "implemented", "partly_implemented", "abandoned"], "outcome")
            driver.implement(measure, step, "Begründung")
        elif status in FINISHED:
            group = self.evaluating_group_for(measure)
            if group is not None:
                driver.evaluate(measure, group, choose(VERDICTS, "verdict"))
        elif status == "evaluated" and measure.evaluating_group is not None:
            driver.carry_over_measure(measure, driver.groups[measure.evaluating_group])

    def evaluating_group_for(self, measure: MeasureModel) -> GroupModel | None:
        """An open group of the measure's lineage in a follow-up conference; scheduled if need be."""
        driver = self.driver
        follow_ups = [c for c in driver.conferences.values() if c.previous == measure.conference]
        if not follow_ups and self.room_for_conferences():
            previous = driver.conferences[measure.conference]
            scheduled = driver.schedule(previous.series, previous.year + 2, previous)
            follow_ups = [scheduled] if scheduled else []
        for conference in follow_ups:
            groups = [driver.groups[g] for g in conference.groups if driver.groups[g].lineage == measure.lineage]
            if not groups and conference.status in BEFORE_SESSION:
                driver.carry_over_group(conference, driver.groups[measure.group])
                groups = [driver.groups[conference.groups[-1]]] if conference.groups else []
            if conference.status in BEFORE_SESSION:
                driver.get_going(conference, self.organisations[0])
            for group in groups:
                if not group.closed and group.lineage == measure.lineage:
                    return group
        return None

    # --- invariants --------------------------------------------------------------------------

    @invariant()
    def touched_aggregates_match_the_model(self) -> None:
        self.driver.check(self.app, self.driver.touched)
        self.driver.touched = set()

    def teardown(self) -> None:
        try:
            fresh = build_application(self.url)
            try:
                driver = self.driver
                everything = set(driver.conferences) | set(driver.groups) | set(driver.measures)
                driver.check(fresh, everything)
                for aggregate_id in everything:
                    assert state(fresh.repository.get(aggregate_id)) == state(self.app.repository.get(aggregate_id))
                self.statistics.record(driver)
            finally:
                close(fresh)
        finally:
            close(self.app)
            self._remove_database()


class Statistics:
    """What the examples did; printed with ``pytest -s`` to show how deep the walks go."""

    def __init__(self) -> None:
        self.reached: set[str] = set()
        self.accepted = 0
        self.refused = 0

    def record(self, driver: Driver) -> None:
        self.reached |= driver.reached
        self.accepted += driver.accepted
        self.refused += driver.refused


def test_random_command_sequences_keep_the_invariants(database_url: str) -> None:
    kind = "postgresql" if database_url.startswith("postgresql") else "sqlite"
    statistics = Statistics()
    machine = type(f"DomainMachine_{kind}", (DomainMachine,), {"database_kind": kind, "statistics": statistics})
    run_state_machine_as_test(machine, settings=SETTINGS)
    print(  # shown with -s
        f"\n{kind}: {statistics.accepted} accepted, {statistics.refused} refused commands;"
        f" measure statuses reached: {sorted(statistics.reached)}"
    )
    assert statistics.accepted > 0 and statistics.refused > 0
