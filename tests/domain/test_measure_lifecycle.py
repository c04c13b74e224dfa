"""The measure lifecycle as a table: every reachable status × every command.

The table ``ALLOWED`` is written from the lifecycle in domain.md, not copied from
the code: a command outside its statuses must raise ``TransitionError`` and store
nothing; inside them it must succeed and lead to the status in ``RESULT``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import pytest

from domain.application import Sozialkonferenz
from domain.errors import RuleViolation, TransitionError
from domain.measure import MEASURE_STATUS_LABELS, Measure
from domain.texts import check_fields, freeze
from tests.domain.assertions import refused
from tests.domain.builders import MEASURE_ROUTES, MEASURE_STATUSES, PROPOSAL, MeasureCase, measure_in_status

ACTOR = UUID("33333333-3333-4333-8333-333333333333")
COMMITTEE = uuid4()
NEXT_CONFERENCE = uuid4()
NEXT_GROUP = uuid4()

DECIDED = {"approved", "amended", "noted"}
ALLOWED: dict[str, set[str]] = {
    "edit": {"drafted", "returned"},
    "set_details": {"drafted", "returned"},
    "agree": {"drafted", "returned"},
    "withdraw": {"drafted", "returned", "proposed"},
    "lapse": {"drafted", "returned", "proposed"},
    "adopt": {"proposed"},
    "return": {"proposed"},
    "submit": {"adopted", "deferred"},
    "decide": {"submitted"},
    "start_implementation": DECIDED,
    "report_progress": {"in_implementation"},
    "complete_implemented": {"in_implementation"},
    "complete_partly": {"in_implementation"},
    "abandon": {"in_implementation", *DECIDED},
    "evaluate": {"in_implementation", "implemented", "partly_implemented", "abandoned", "evaluated", *DECIDED},
    "carry_over": {"evaluated"},
}
RESULT: dict[str, str | None] = {  # None: the status stays as it was
    "edit": None,
    "set_details": None,
    "agree": "proposed",
    "withdraw": "withdrawn",
    "lapse": "lapsed",
    "adopt": "adopted",
    "return": "returned",
    "submit": "submitted",
    "decide": "approved",
    "start_implementation": "in_implementation",
    "report_progress": "in_implementation",
    "complete_implemented": "implemented",
    "complete_partly": "partly_implemented",
    "abandon": "abandoned",
    "evaluate": "evaluated",
    "carry_over": "carried_over",
}


def test_every_status_is_reachable_and_every_command_listed() -> None:
    assert set(MEASURE_STATUSES) == set(MEASURE_STATUS_LABELS)
    assert set(ALLOWED) == set(RESULT)


# --- pure aggregate --------------------------------------------------------------


def evaluation(verdict: str = "continue") -> dict[str, Any]:
    return {"conference_id": NEXT_CONFERENCE, "working_group_id": NEXT_GROUP, "verdict": verdict, "progress": 80}


AGGREGATE_COMMANDS: dict[str, Callable[[Measure], Any]] = {
    "edit": lambda m: m.edit(ACTOR, {"goal": "Ein neues Ziel"}),
    "set_details": lambda m: m.set_details(ACTOR, {"cost_estimate_eur": 45000}),
    "agree": lambda m: m.agree_in_group(ACTOR, freeze(m.fields)),
    "withdraw": lambda m: m.withdraw(ACTOR, "Erledigt sich anders."),
    "lapse": lambda m: m.lapse(ACTOR, freeze(m.fields)),
    "adopt": lambda m: m.adopt(ACTOR, freeze(m.fields)),
    "return": lambda m: m.return_to_group(ACTOR, "Bitte konkretisieren."),
    "submit": lambda m: m.submit(ACTOR, COMMITTEE, "V/2024/0815"),
    "decide": lambda m: m.decide(ACTOR, COMMITTEE, "approved", "", "2024-06-12", freeze(m.fields)),
    "start_implementation": lambda m: m.start_implementation(ACTOR, ""),
    "report_progress": lambda m: m.report_progress(ACTOR, 50, "Halbzeit", {}),
    "complete_implemented": lambda m: m.complete_implementation(ACTOR, "implemented", ""),
    "complete_partly": lambda m: m.complete_implementation(ACTOR, "partly_implemented", "Nur halbe Stelle."),
    "abandon": lambda m: m.complete_implementation(ACTOR, "abandoned", "Förderung entfallen."),
    "evaluate": lambda m: m.evaluate(ACTOR, evaluation()),
    "carry_over": lambda m: m.carry_over(ACTOR, uuid4()),
}
ROUTE_STEPS: dict[str, Callable[[Measure], Any]] = {
    "agree": AGGREGATE_COMMANDS["agree"],
    "return": AGGREGATE_COMMANDS["return"],
    "withdraw": AGGREGATE_COMMANDS["withdraw"],
    "adopt": AGGREGATE_COMMANDS["adopt"],
    "close": lambda m: m.lapse(ACTOR, freeze(m.fields)) if m.status in ("drafted", "returned", "proposed") else None,
    "submit": AGGREGATE_COMMANDS["submit"],
    "defer": lambda m: m.decide(ACTOR, COMMITTEE, "deferred", "Vertagt.", "2024-06-12", freeze(m.fields)),
    "approve": AGGREGATE_COMMANDS["decide"],
    "amend": lambda m: m.decide(
        ACTOR, COMMITTEE, "amended", "Gekürzt.", "2024-06-12", freeze({**m.fields, "cost": "1 €"})
    ),
    "note": lambda m: m.decide(ACTOR, COMMITTEE, "noted", "", "2024-06-12", freeze(m.fields)),
    "reject": lambda m: m.decide(ACTOR, COMMITTEE, "rejected", "Kein Geld.", "2024-06-12", freeze(m.fields)),
    "start": AGGREGATE_COMMANDS["start_implementation"],
    "implement": AGGREGATE_COMMANDS["complete_implemented"],
    "partly": AGGREGATE_COMMANDS["complete_partly"],
    "abandon": AGGREGATE_COMMANDS["abandon"],
    "evaluate": AGGREGATE_COMMANDS["evaluate"],
    "carry_over": AGGREGATE_COMMANDS["carry_over"],
}


def measure_aggregate_in(status: str) -> Measure:
    measure = Measure(
        actor=ACTOR,
        conference_id=uuid4(),
        working_group_id=uuid4(),
        lineage_id=uuid4(),
        cycle="2024",
        reference="M-2024-01.1",
        fields=check_fields(PROPOSAL, partial=False),
        continues_measure_id=None,
    )
    for step in MEASURE_ROUTES[status]:
        ROUTE_STEPS[step](measure)
    assert measure.status == status
    return measure


@pytest.mark.parametrize("command", list(AGGREGATE_COMMANDS))
@pytest.mark.parametrize("status", MEASURE_STATUSES)
def test_measure_aggregate_allows_a_command_only_in_its_statuses(status: str, command: str) -> None:
    measure = measure_aggregate_in(status)
    version = measure.version
    if status in ALLOWED[command]:
        AGGREGATE_COMMANDS[command](measure)
        assert measure.version == version + 1
        assert measure.status == (RESULT[command] or status)
    else:
        with pytest.raises(TransitionError) as info:
            AGGREGATE_COMMANDS[command](measure)
        assert info.value.code == "invalid_transition"
        assert info.value.details["kind"] == "Die Maßnahme"
        assert info.value.details["status"] == MEASURE_STATUS_LABELS[status]
        assert measure.version == version
        assert measure.status == status


def test_carry_over_after_verdict_end_is_refused_by_the_aggregate() -> None:
    measure = measure_aggregate_in("implemented")
    measure.evaluate(ACTOR, evaluation("end"))
    with pytest.raises(RuleViolation) as info:
        measure.carry_over(ACTOR, uuid4())
    assert info.value.code == "verdict_end"
    assert measure.status == "evaluated"


# --- through the application, on both databases ----------------------------------

AppCommand = Callable[[Sozialkonferenz, UUID, MeasureCase], Any]


def _follow_up_group(case: MeasureCase) -> UUID:
    assert case.follow_up is not None
    return case.follow_up.group_id


APP_COMMANDS: dict[str, AppCommand] = {
    "edit": lambda app, a, c: app.edit_proposal(a, c.measure_id, {"goal": "Ein neues Ziel"}),
    "set_details": lambda app, a, c: app.set_measure_details(a, c.measure_id, cost_estimate_eur=45000),
    "agree": lambda app, a, c: app.agree_in_group(a, c.measure_id),
    "withdraw": lambda app, a, c: app.withdraw_measure(a, c.measure_id, "Erledigt sich anders."),
    "adopt": lambda app, a, c: app.adopt_measure(a, c.measure_id),
    "return": lambda app, a, c: app.return_measure(a, c.measure_id, "Bitte konkretisieren."),
    "submit": lambda app, a, c: app.submit_measure(a, c.measure_id, c.committee_id, "V/2024/0816"),
    "decide": lambda app, a, c: app.record_committee_decision(
        a, c.measure_id, c.committee_id, "approved", "2024-09-01"
    ),
    "start_implementation": lambda app, a, c: app.start_implementation(a, c.measure_id),
    "report_progress": lambda app, a, c: app.report_progress(a, c.measure_id, 50, "Halbzeit"),
    "complete_implemented": lambda app, a, c: app.complete_implementation(a, c.measure_id, "implemented"),
    "complete_partly": lambda app, a, c: app.complete_implementation(
        a, c.measure_id, "partly_implemented", "Nur halbe Stelle."
    ),
    "abandon": lambda app, a, c: app.complete_implementation(a, c.measure_id, "abandoned", "Förderung entfallen."),
    "evaluate": lambda app, a, c: app.record_evaluation(a, c.measure_id, _follow_up_group(c), 60, "adapt", 3),
    "carry_over": lambda app, a, c: app.carry_over_measure(a, c.measure_id, _follow_up_group(c)),
}


def _case(app: Sozialkonferenz, actor: UUID, status: str) -> MeasureCase:
    # An adopted measure goes to a committee only after the conference closed: close it,
    # so that "submit" is judged by the measure's status alone.
    return measure_in_status(app, actor, status, close_conference=status == "adopted", with_follow_up=True)


@pytest.mark.parametrize("status", MEASURE_STATUSES)
def test_measure_commands_follow_the_lifecycle(app: Sozialkonferenz, actor: UUID, status: str) -> None:
    case = _case(app, actor, status)
    refused_commands = [c for c in APP_COMMANDS if status not in ALLOWED[c]]
    allowed_commands = [c for c in APP_COMMANDS if status in ALLOWED[c]]

    for command in refused_commands:
        with refused(app, TransitionError, "invalid_transition"):
            APP_COMMANDS[command](app, actor, case)
        assert app.load(Measure, case.measure_id).status == status, command

    for i, command in enumerate(allowed_commands):
        fresh = case if i == 0 else _case(app, actor, status)
        before = app.load(Measure, fresh.measure_id).version
        APP_COMMANDS[command](app, actor, fresh)
        after = app.load(Measure, fresh.measure_id)
        assert after.version == before + 1, command
        assert after.status == (RESULT[command] or status), command
