"""The policy keeps the aggregates it reads while their stored version is unchanged, and no longer."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.conference import Conference
from domain.errors import InvalidInput, NotFound
from domain.measure import Measure
from domain.working_group import WorkingGroup
from server.auth.aggregates import PolicyAggregates
from server.auth.policy import Policy
from server.composition import build_application, close_application


def _in_session(app: Sozialkonferenz) -> tuple[UUID, UUID, UUID, UUID]:
    """(conference, group, measure, person): a draft in a conference in session; the person has no role."""
    s = SYSTEM_ACTOR
    person = app.register_person(s, "Lena Franke", "franke@lindenau.example")
    organisation = app.register_organisation(s, "Caritas Lindenau", "welfare")
    conference = app.schedule_conference(s, "Sozialkonferenz 2026", "city", "Lindenau", "2026", "2026-03-01")
    group = app.form_working_group(s, conference, "AG Wohnen")
    app.set_focus_topic(s, conference, "Wohnen")
    app.set_agenda(s, conference, ["AGs"])
    app.invite_organisations(s, conference, [organisation])
    app.mark_conference_prepared(s, conference)
    app.open_session(s, conference)
    measure = app.draft_measure(s, group, {"title": "Wohnungslotsen"})
    return conference, group, measure, person


def test_a_membership_change_is_seen_at_the_next_check_and_unchanged_aggregates_are_not_rebuilt(
    app: Sozialkonferenz,
) -> None:
    conference, group, measure, person = _in_session(app)
    policy = Policy(app)
    assert policy.live_access(person, measure) is None
    kept = policy.aggregates.load(WorkingGroup, group)
    assert policy.aggregates.load(WorkingGroup, group) is kept  # unchanged: the same object, not rebuilt

    app.add_member(SYSTEM_ACTOR, group, person)
    assert policy.live_access(person, measure) == "edit"
    assert policy.aggregates.load(WorkingGroup, group) is not kept

    app.remove_member(SYSTEM_ACTOR, group, person, "Wechsel in eine andere AG")
    assert policy.live_access(person, measure) is None

    app.grant_role(SYSTEM_ACTOR, conference, person, "auditor")
    assert policy.live_access(person, measure) == "read"
    app.revoke_role(SYSTEM_ACTOR, conference, person, "auditor", "Prüfung beendet")
    assert policy.live_access(person, measure) is None
    app.grant_global_role(SYSTEM_ACTOR, person, "organiser")
    assert policy.live_access(person, measure) == "edit"


def test_a_change_written_by_another_process_is_seen_at_once(app: Sozialkonferenz, database_url: str) -> None:
    _, group, measure, person = _in_session(app)
    policy = Policy(app)
    assert policy.live_access(person, measure) is None
    other = build_application(database_url)  # the command line, or a second server on the same database
    try:
        other.add_member(SYSTEM_ACTOR, group, person)
        assert policy.live_access(person, measure) == "edit"
        other.remove_member(SYSTEM_ACTOR, group, person, "Versehen")
        assert policy.live_access(person, measure) is None
    finally:
        close_application(other)


def test_unknown_ids_wrong_kinds_and_bad_ids_fail_as_without_the_cache(app: Sozialkonferenz) -> None:
    conference, group, measure, _ = _in_session(app)
    aggregates = PolicyAggregates(app)
    assert isinstance(aggregates.load(Conference, conference), Conference)
    with pytest.raises(NotFound):
        aggregates.load(Measure, uuid4(), field="measure_id")
    with pytest.raises(NotFound):  # a conference's id is no measure, cached or not
        aggregates.load(Measure, conference, field="measure_id")
    with pytest.raises(InvalidInput) as error:
        aggregates.load(Measure, "keine-kennung", field="measure_id")
    assert error.value.field == "measure_id"
    assert aggregates.load(Measure, str(measure), field="measure_id").id == measure  # a string id still works


def test_at_most_maxsize_aggregates_are_kept(app: Sozialkonferenz) -> None:
    s = SYSTEM_ACTOR
    people = [app.register_person(s, f"Person {n}", f"person{n}@lindenau.example") for n in range(6)]
    conference, group, _, _ = _in_session(app)
    aggregates = PolicyAggregates(app, maxsize=3)
    for person in people:
        aggregates.load(type(app.repository.get(person)), person)
    assert len(aggregates) == 3
    first = aggregates.load(WorkingGroup, group)
    aggregates.load(Conference, conference)
    assert aggregates.load(WorkingGroup, group) is first  # recently used: still kept
