"""Working groups: members and moderators, closing with the conference, carry-over across cycles."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID, uuid4

import pytest

from domain.application import Sozialkonferenz
from domain.conference import Conference
from domain.errors import InvalidInput, NotFound, RuleViolation, TransitionError
from domain.working_group import WorkingGroup
from tests.domain.assertions import refused
from tests.domain.builders import conference_in_status, follow_up


def group(app: Sozialkonferenz, group_id: UUID) -> WorkingGroup:
    return app.load(WorkingGroup, group_id)


def test_members_join_and_leave_with_a_reason(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "in_session")
    other = app.register_person(actor, "Max Meier", "max@example.org")
    app.add_member(actor, case.group_id, case.partners.person_id)
    app.add_member(actor, case.group_id, other)
    app.remove_member(actor, case.group_id, other, "Wechsel in die AG Wohnen.")

    assert group(app, case.group_id).member_ids == [case.partners.person_id]
    left = app.history(case.group_id)[-1]
    assert type(left).__name__ == "MemberLeft"
    assert left.reason == "Wechsel in die AG Wohnen."  # type: ignore[attr-defined]


def test_member_rules_are_enforced(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "prepared")
    person = case.partners.person_id
    app.add_member(actor, case.group_id, person)
    with refused(app, RuleViolation, "already_member"):
        app.add_member(actor, case.group_id, person)
    stranger = app.register_person(actor, "Max Meier", "")
    with refused(app, RuleViolation, "not_member"):
        app.remove_member(actor, case.group_id, stranger, "Versehen")
    with refused(app, InvalidInput, "invalid_input") as info:
        app.remove_member(actor, case.group_id, person, "   ")
    assert info.value.field == "reason"
    with refused(app, NotFound, "not_found"):
        app.add_member(actor, case.group_id, uuid4())
    assert group(app, case.group_id).member_ids == [person]


def test_moderator_rules_are_enforced(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "prepared")
    person = case.partners.person_id
    app.assign_moderator(actor, case.group_id, person)
    with refused(app, RuleViolation, "already_moderator"):
        app.assign_moderator(actor, case.group_id, person)
    stranger = app.register_person(actor, "Max Meier", "")
    with refused(app, RuleViolation, "not_moderator"):
        app.unassign_moderator(actor, case.group_id, stranger, "Versehen")
    with refused(app, InvalidInput, "invalid_input") as info:
        app.unassign_moderator(actor, case.group_id, person, "")
    assert info.value.field == "reason"

    loaded = group(app, case.group_id)
    assert loaded.moderator_ids == [person]
    assert loaded.is_member(person) and loaded.is_moderator(person)
    app.unassign_moderator(actor, case.group_id, person, "Elternzeit")
    assert group(app, case.group_id).moderator_ids == []


def test_refocus_needs_a_reason_and_changes_the_topic(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "in_session")
    with refused(app, InvalidInput, "invalid_input") as info:
        app.refocus_working_group(actor, case.group_id, "Wohnungslosigkeit", "")
    assert info.value.field == "reason"
    app.refocus_working_group(actor, case.group_id, "Wohnungslosigkeit", "Neue Zahlen des Sozialberichts.")
    assert group(app, case.group_id).topic == "Wohnungslosigkeit"


def test_closing_the_conference_closes_its_groups(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "in_session")
    second = app.register_person(actor, "Max Meier", "")
    app.add_member(actor, case.group_id, case.partners.person_id)
    app.assign_moderator(actor, case.group_id, case.partners.person_id)
    app.close_session(actor, case.conference_id)
    assert group(app, case.group_id).closed is True

    changes: dict[str, Callable[[], None]] = {
        "add_member": lambda: app.add_member(actor, case.group_id, second),
        "remove_member": lambda: app.remove_member(actor, case.group_id, case.partners.person_id, "Ende"),
        "assign_moderator": lambda: app.assign_moderator(actor, case.group_id, second),
        "unassign_moderator": lambda: app.unassign_moderator(actor, case.group_id, case.partners.person_id, "Ende"),
        "refocus": lambda: app.refocus_working_group(actor, case.group_id, "Neues Thema", "Neue Lage"),
    }
    for name, change in changes.items():
        with refused(app, TransitionError, "invalid_transition"):
            change()
        assert group(app, case.group_id).member_ids == [case.partners.person_id], name


def test_carried_over_group_keeps_lineage_members_and_moderators(app: Sozialkonferenz, actor: UUID) -> None:
    first = conference_in_status(app, actor, "in_session")
    moderator = app.register_person(actor, "Max Meier", "")
    app.add_member(actor, first.group_id, first.partners.person_id)
    app.assign_moderator(actor, first.group_id, moderator)
    app.close_session(actor, first.conference_id)

    second = follow_up(app, actor, first, "scheduled")
    old, new = group(app, first.group_id), group(app, second.group_id)
    assert new.id != old.id
    assert new.conference_id == second.conference_id
    assert new.lineage_id == old.lineage_id == old.id
    assert new.predecessor_id == old.id
    assert (new.name, new.topic, new.number) == (old.name, old.topic, 1)
    assert new.member_ids == [first.partners.person_id]
    assert new.moderator_ids == [moderator]
    assert new.closed is False and new.proposal_ids == []
    assert app.load(Conference, second.conference_id).working_group_ids == [new.id]


def test_carrying_over_a_group_twice_is_refused(app: Sozialkonferenz, actor: UUID) -> None:
    first = conference_in_status(app, actor, "closed")
    second = follow_up(app, actor, first, "scheduled")
    with refused(app, RuleViolation, "group_exists"):
        app.carry_over_working_group(actor, second.conference_id, first.group_id)


@pytest.mark.parametrize("source", ["same-conference", "two-cycles-back", "other-series"])
def test_only_groups_of_the_previous_conference_can_be_carried_over(
    app: Sozialkonferenz, actor: UUID, source: str
) -> None:
    first = conference_in_status(app, actor, "closed")
    second = follow_up(app, actor, first, "closed")
    third = follow_up(app, actor, second, "scheduled")
    other_series = conference_in_status(app, actor, "closed", series="Stadtbezirkskonferenz Nord")
    group_id = {
        "same-conference": third.group_id,
        "two-cycles-back": first.group_id,
        "other-series": other_series.group_id,
    }[source]
    with refused(app, RuleViolation, "not_previous_cycle"):
        app.carry_over_working_group(actor, third.conference_id, group_id)


def test_carry_over_of_all_groups_takes_the_missing_ones(app: Sozialkonferenz, actor: UUID) -> None:
    start = app.schedule_conference(actor, "Sozialkonferenz 2022", "city", "Reihe B", "2022", "2022-03-10")
    housing = app.form_working_group(actor, start, "AG Wohnen")
    youth = app.form_working_group(actor, start, "AG Jugend")
    later = app.schedule_conference(
        actor, "Sozialkonferenz 2024", "city", "Reihe B", "2024", "2024-03-14", previous_conference_id=start
    )
    taken = app.carry_over_working_group(actor, later, housing)
    added = app.carry_over_all_working_groups(actor, later)

    assert len(added) == 1
    assert group(app, added[0]).lineage_id == youth
    assert group(app, added[0]).number == 2
    assert app.load(Conference, later).working_group_ids == [taken, added[0]]
    assert app.carry_over_all_working_groups(actor, later) == []
    with refused(app, RuleViolation, "no_previous_conference"):
        app.carry_over_all_working_groups(actor, start)


def test_groups_are_formed_and_carried_over_only_before_the_session(app: Sozialkonferenz, actor: UUID) -> None:
    first = conference_in_status(app, actor, "closed")
    second = app.schedule_conference(
        actor,
        "Sozialkonferenz 2026",
        "city",
        "Sozialkonferenz Musterstadt",
        "2026",
        "2026-03-12",
        previous_conference_id=first.conference_id,
    )
    app.form_working_group(actor, second, "AG 2 Wohnen")
    app.set_focus_topic(actor, second, "Wohnen")
    app.set_agenda(actor, second, ["Begrüßung"])
    app.invite_organisations(actor, second, [first.partners.organisation_id])
    app.mark_conference_prepared(actor, second)
    app.open_session(actor, second)

    with refused(app, TransitionError, "invalid_transition"):
        app.form_working_group(actor, second, "AG 3 Gesundheit")
    with refused(app, TransitionError, "invalid_transition"):
        app.carry_over_working_group(actor, second, first.group_id)
    assert len(app.load(Conference, second).working_group_ids) == 1
