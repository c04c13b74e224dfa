"""The history itself: who did what, why, the state at any moment, and snapshots."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from uuid import UUID, uuid4

import pytest

from domain.application import Sozialkonferenz
from domain.clock import recorded_at
from domain.conference import Conference
from domain.errors import InvalidInput, NotFound
from domain.measure import Measure
from domain.working_group import WorkingGroup
from tests.domain.assertions import state
from tests.domain.builders import PROPOSAL, SERIES, conference_in_status, measure_in_status

ORGANISER = UUID("a0000000-0000-4000-8000-000000000001")
MODERATOR = UUID("a0000000-0000-4000-8000-000000000002")
MEMBER = UUID("a0000000-0000-4000-8000-000000000003")
CLERK = UUID("a0000000-0000-4000-8000-000000000004")
LEAD = UUID("a0000000-0000-4000-8000-000000000005")


def fold(events: Iterable[Any]) -> Any:
    """Rebuild an aggregate from its events alone, without snapshots."""
    aggregate = None
    for domain_event in events:
        aggregate = domain_event.mutate(aggregate)
    return aggregate


def _prepare_and_open(app: Sozialkonferenz, conference_id: UUID, organisation_id: UUID) -> None:
    app.set_focus_topic(ORGANISER, conference_id, "Armut im Quartier")
    app.set_agenda(ORGANISER, conference_id, ["Begrüßung", "Arbeitsgruppen"])
    app.invite_organisations(ORGANISER, conference_id, [organisation_id])
    app.mark_conference_prepared(ORGANISER, conference_id)
    app.open_session(ORGANISER, conference_id)


def test_every_event_records_the_acting_person_and_its_reason(app: Sozialkonferenz) -> None:
    organisation = app.register_organisation(ORGANISER, "AWO Kreisverband", "welfare")
    committee = app.register_committee(ORGANISER, "Sozialausschuss", "SozA")
    person = app.register_person(ORGANISER, "Erika Mustermann", "erika@example.org", organisation)
    first = app.schedule_conference(ORGANISER, "Sozialkonferenz 2024", "city", SERIES, "2024", "2024-03-14")
    group = app.form_working_group(ORGANISER, first, "AG 1 Kinderarmut")
    app.assign_moderator(ORGANISER, group, person)
    app.add_member(MODERATOR, group, person)
    _prepare_and_open(app, first, organisation)

    measure = app.draft_measure(MEMBER, group, PROPOSAL)
    app.edit_proposal(MEMBER, measure, {"goal": "Erste Fassung"})
    app.agree_in_group(MODERATOR, measure)
    app.return_measure(ORGANISER, measure, "Ziel nicht messbar.")
    app.edit_proposal(MEMBER, measure, {"goal": "80 % der Familien besucht"})
    app.agree_in_group(MODERATOR, measure)
    app.adopt_measure(ORGANISER, measure)
    app.close_session(ORGANISER, first)
    app.submit_measure(ORGANISER, measure, committee, "V/2024/0815")
    app.record_committee_decision(CLERK, measure, committee, "deferred", "2024-06-12", "Haushalt abwarten.")
    app.submit_measure(ORGANISER, measure, committee, "V/2024/0901")
    app.record_committee_decision(CLERK, measure, committee, "approved", "2024-09-18")
    app.start_implementation(LEAD, measure, "Stelle besetzt.")
    app.report_progress(LEAD, measure, 40, "Halbzeit", {"Besuchte Familien": "35 %"})
    app.complete_implementation(LEAD, measure, "partly_implemented", "Nur eine halbe Stelle finanziert.")
    app.publish_minutes(ORGANISER, first, "Protokoll 2024.")

    second = app.schedule_conference(
        ORGANISER, "Sozialkonferenz 2026", "city", SERIES, "2026", "2026-03-12", previous_conference_id=first
    )
    [second_group] = app.carry_over_all_working_groups(ORGANISER, second)
    _prepare_and_open(app, second, organisation)
    app.record_evaluation(MODERATOR, measure, second_group, 50, "adapt", 3, "Halb erreicht.")
    successor = app.carry_over_measure(MODERATOR, measure, second_group)
    app.close_session(ORGANISER, second)
    app.erase_person(ORGANISER, person, "Antrag nach Art. 17 DSGVO")

    assert [(type(e).__name__, e.actor) for e in app.history(measure)] == [  # type: ignore[attr-defined]
        ("Drafted", MEMBER),
        ("ProposalEdited", MEMBER),
        ("AgreedInGroup", MODERATOR),
        ("Returned", ORGANISER),
        ("ProposalEdited", MEMBER),
        ("AgreedInGroup", MODERATOR),
        ("Adopted", ORGANISER),
        ("Submitted", ORGANISER),
        ("CommitteeDecided", CLERK),
        ("Submitted", ORGANISER),
        ("CommitteeDecided", CLERK),
        ("ImplementationStarted", LEAD),
        ("ProgressReported", LEAD),
        ("ImplementationCompleted", LEAD),
        ("Evaluated", MODERATOR),
        ("CarriedOver", MODERATOR),
    ]
    assert [(type(e).__name__, e.actor) for e in app.history(group)] == [  # type: ignore[attr-defined]
        ("Formed", ORGANISER),
        ("ModeratorAssigned", ORGANISER),
        ("MemberJoined", MODERATOR),
        ("ProposalStarted", MEMBER),
        ("Closed", ORGANISER),
    ]
    assert [(type(e).__name__, e.actor) for e in app.history(successor)] == [  # type: ignore[attr-defined]
        ("Drafted", MODERATOR),
        ("Lapsed", ORGANISER),
    ]
    everything = [first, second, group, second_group, measure, successor, organisation, committee, person]
    for aggregate_id in everything:
        for domain_event in app.history(aggregate_id):
            assert isinstance(getattr(domain_event, "actor", None), UUID), (aggregate_id, type(domain_event).__name__)
            assert getattr(domain_event, "timestamp").tzinfo is not None  # noqa: B009
    assert {e.actor for e in app.history(first)} == {ORGANISER}  # type: ignore[attr-defined]

    reasons = {
        type(e).__name__ + (f":{e.decision}" if hasattr(e, "decision") else ""): e.reason
        for aggregate_id in (measure, person)
        for e in app.history(aggregate_id)
        if hasattr(e, "reason")
    }
    assert reasons == {
        "Returned": "Ziel nicht messbar.",
        "CommitteeDecided:deferred": "Haushalt abwarten.",
        "CommitteeDecided:approved": "",
        "ImplementationCompleted": "Nur eine halbe Stelle finanziert.",
        "PersonalDataErased": "Antrag nach Art. 17 DSGVO",
    }
    decided = app.load(Measure, measure)
    assert [(d["kind"], d["actor"]) for d in decided.decisions] == [
        ("agreed", MODERATOR),
        ("returned", ORGANISER),
        ("agreed", MODERATOR),
        ("adopted", ORGANISER),
        ("committee", CLERK),
        ("committee", CLERK),
    ]
    versions = [e.originator_version for e in app.history(measure)]
    assert versions == list(range(1, len(versions) + 1))


# --- time travel -------------------------------------------------------------------

T0 = datetime(2024, 3, 14, 9, 0, tzinfo=UTC)


def test_as_of_time_gives_the_state_at_that_moment(app: Sozialkonferenz, actor: UUID) -> None:
    with recorded_at(T0):
        case = conference_in_status(app, actor, "in_session")
        measure_id = app.draft_measure(actor, case.group_id, PROPOSAL)
    with recorded_at(T0 + timedelta(hours=1)):
        app.edit_proposal(actor, measure_id, {"goal": "Zweite Fassung"})
    with recorded_at(T0 + timedelta(hours=2)):
        app.agree_in_group(actor, measure_id)
    with recorded_at(T0 + timedelta(hours=3)):
        app.adopt_measure(actor, measure_id)
    with recorded_at(T0 + timedelta(hours=8)):
        app.close_session(actor, case.conference_id)

    def at(minutes: int) -> Measure:
        return app.as_of_time(Measure, measure_id, T0 + timedelta(minutes=minutes))

    assert (at(0).status, at(0).fields["goal"], at(0).version) == ("drafted", PROPOSAL["goal"], 1)
    assert (at(59).status, at(59).fields["goal"]) == ("drafted", PROPOSAL["goal"])
    assert (at(60).status, at(60).fields["goal"], at(60).version) == ("drafted", "Zweite Fassung", 2)
    assert (at(150).status, at(150).decisions[0]["frozen"]["fields"]["goal"]) == ("proposed", "Zweite Fassung")
    assert at(200).status == "adopted"
    assert app.load(Measure, measure_id).status == "adopted"
    conference_then = app.as_of_time(Conference, case.conference_id, T0 + timedelta(hours=4))
    assert conference_then.status == "in_session"
    assert app.as_of_time(Conference, case.conference_id, T0 + timedelta(hours=8)).status == "closed"
    assert app.as_of_time(WorkingGroup, case.group_id, T0 + timedelta(hours=4)).closed is False
    # the same moment in another time zone is the same moment
    berlin = timezone(timedelta(hours=1))
    assert app.as_of_time(Measure, measure_id, (T0 + timedelta(minutes=60)).astimezone(berlin)).version == 2


def test_as_of_time_before_creation_is_not_found(app: Sozialkonferenz, actor: UUID) -> None:
    with recorded_at(T0):
        case = measure_in_status(app, actor, "drafted")
    with pytest.raises(NotFound) as info:
        app.as_of_time(Measure, case.measure_id, T0 - timedelta(seconds=1))
    assert info.value.code == "not_found"
    with pytest.raises(NotFound):
        app.as_of_time(Measure, uuid4(), T0)


def test_as_of_time_needs_a_time_zone(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "drafted")
    with pytest.raises(InvalidInput) as info:
        app.as_of_time(Measure, case.measure_id, datetime(2024, 3, 14, 9, 0))
    assert (info.value.code, info.value.field) == ("invalid_input", "at")


def test_as_of_version_gives_each_version(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "proposed")
    app.return_measure(actor, case.measure_id, "Bitte konkretisieren.")
    statuses = [app.as_of_version(Measure, case.measure_id, v).status for v in (1, 2, 3)]
    assert statuses == ["drafted", "proposed", "returned"]
    assert app.as_of_version(Conference, case.conference.conference_id, 1).status == "scheduled"
    for bad in (0, -1, True, "2"):
        with pytest.raises(InvalidInput) as info:
            app.as_of_version(Measure, case.measure_id, bad)  # type: ignore[arg-type]
        assert info.value.field == "version"
    with pytest.raises(NotFound) as not_found:
        app.as_of_version(Conference, case.measure_id, 1)
    assert not_found.value.details["kind"] == "Konferenz"


# --- snapshots ---------------------------------------------------------------------


def test_long_lived_measure_is_snapshotted_and_loads_the_same_with_or_without(
    app: Sozialkonferenz, actor: UUID
) -> None:
    case = measure_in_status(app, actor, "drafted")
    for i in range(120):
        app.edit_proposal(actor, case.measure_id, {"description": f"Fassung {i}: {PROPOSAL['description']}"})
    app.agree_in_group(actor, case.measure_id)

    assert app.snapshots is not None
    snapshots: list[Any] = list(app.snapshots.get(case.measure_id))
    assert [s.originator_version for s in snapshots] == [50, 100]
    events: list[Any] = list(app.events.get(case.measure_id))
    assert len(events) == 122
    # each snapshot holds exactly the state its version had
    for snapshot in snapshots:
        assert state(snapshot.mutate(None)) == state(fold(events[: snapshot.originator_version]))

    with_snapshots = app.load(Measure, case.measure_id)
    without_snapshots = fold(events)
    assert state(with_snapshots) == state(without_snapshots)
    assert with_snapshots.version == 122 and with_snapshots.status == "proposed"
    assert with_snapshots.fields["description"].startswith("Fassung 119:")

    between = app.as_of_version(Measure, case.measure_id, 75)
    assert state(between) == state(fold(events[:75]))
    assert between.fields["description"].startswith("Fassung 73:")
