"""Rules between a measure, its conference, its committee and the next cycle."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.application import Sozialkonferenz
from domain.errors import InvalidInput, NotFound, RuleViolation, TransitionError
from domain.measure import Measure
from domain.texts import verify_frozen
from domain.working_group import WorkingGroup
from tests.domain.assertions import refused
from tests.domain.builders import (
    PROPOSAL,
    conference_in_status,
    evaluate,
    follow_up,
    measure_in_status,
)


def measure(app: Sozialkonferenz, measure_id: UUID) -> Measure:
    return app.load(Measure, measure_id)


# --- proposals and the conference ------------------------------------------------


@pytest.mark.parametrize("status", ["scheduled", "closed", "reported"])
def test_conference_that_is_not_open_refuses_new_proposals(app: Sozialkonferenz, actor: UUID, status: str) -> None:
    case = conference_in_status(app, actor, status)
    with refused(app, RuleViolation, "conference_not_open") as info:
        app.draft_measure(actor, case.group_id, PROPOSAL)
    assert info.value.details["status"] == status
    assert app.load(WorkingGroup, case.group_id).proposal_ids == []


@pytest.mark.parametrize("status", ["prepared", "in_session"])
def test_prepared_or_running_conference_accepts_proposals(app: Sozialkonferenz, actor: UUID, status: str) -> None:
    case = conference_in_status(app, actor, status)
    first = app.draft_measure(actor, case.group_id, PROPOSAL)
    second = app.draft_measure(actor, case.group_id)
    assert app.load(WorkingGroup, case.group_id).proposal_ids == [first, second]
    drafted = measure(app, second)
    assert (drafted.status, drafted.reference, drafted.cycle) == ("drafted", "M-2024-01.2", "2024")
    assert drafted.fields == dict.fromkeys(PROPOSAL, "")
    assert drafted.working_group_id == case.group_id and drafted.conference_id == case.conference_id


def test_unknown_proposal_fields_are_refused(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "drafted")
    with refused(app, InvalidInput, "invalid_input") as info:
        app.edit_proposal(actor, case.measure_id, {"budget": "viel"})
    assert info.value.field == "fields.budget"
    with refused(app, InvalidInput, "invalid_input") as info:
        app.edit_proposal(actor, case.measure_id, {"title": 42})  # type: ignore[dict-item]
    assert info.value.field == "fields.title"


def test_editing_with_unchanged_text_records_nothing(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "drafted")
    before = app.position()
    app.edit_proposal(actor, case.measure_id, {"title": PROPOSAL["title"]})
    assert app.position() == before


def test_group_agreement_needs_a_title(app: Sozialkonferenz, actor: UUID) -> None:
    fields = {**PROPOSAL, "title": "  "}
    case = measure_in_status(app, actor, "drafted", fields=fields)
    with refused(app, RuleViolation, "required_fields_missing") as info:
        app.agree_in_group(actor, case.measure_id)
    assert info.value.details["missing"] == ["title"]
    app.agree_in_group(actor, case.measure_id, {"title": "Familienlotsin"})
    assert measure(app, case.measure_id).status == "proposed"


def test_group_agreement_names_every_missing_required_field_in_german(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "drafted", fields={"title": "Familienlotsin", "goal": "Alle erreichen"})
    with refused(app, RuleViolation, "required_fields_missing") as info:
        app.agree_in_group(actor, case.measure_id)
    assert info.value.details["missing"] == ["description", "target_group", "lead"]
    labels = ["Beschreibung (Ausgangslage und Vorhaben)", "Zielgruppe", "Federführung"]
    assert info.value.details["missing_labels"] == labels
    assert "Zielgruppe" in info.value.message and "Federführung" in info.value.message
    assert measure(app, case.measure_id).status == "drafted"


def test_group_agreement_checks_the_text_it_freezes_not_the_stored_one(app: Sozialkonferenz, actor: UUID) -> None:
    """The live text replaces the stored one at the agreement: a field emptied live is missing."""
    case = measure_in_status(app, actor, "drafted")
    with refused(app, RuleViolation, "required_fields_missing") as info:
        app.agree_in_group(actor, case.measure_id, {"lead": "\n "})
    assert info.value.details["missing"] == ["lead"]
    app.agree_in_group(actor, case.measure_id, {"partners": ""})  # optional fields may stay empty
    assert measure(app, case.measure_id).status == "proposed"


def test_group_may_agree_while_the_conference_is_only_prepared_but_plenary_waits_for_the_session(
    app: Sozialkonferenz, actor: UUID
) -> None:
    case = conference_in_status(app, actor, "prepared")
    measure_id = app.draft_measure(actor, case.group_id, PROPOSAL)
    app.agree_in_group(actor, measure_id)
    with refused(app, TransitionError, "invalid_transition") as info:
        app.adopt_measure(actor, measure_id)
    assert info.value.details["kind"] == "Die Konferenz"
    with refused(app, TransitionError, "invalid_transition"):
        app.return_measure(actor, measure_id, "Noch nicht reif.")
    app.open_session(actor, case.conference_id)
    app.adopt_measure(actor, measure_id)
    assert measure(app, measure_id).status == "adopted"


def test_submission_waits_until_the_conference_closed(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "adopted")
    with refused(app, TransitionError, "invalid_transition") as info:
        app.submit_measure(actor, case.measure_id, case.committee_id, "V/2024/0815")
    assert info.value.details["kind"] == "Die Konferenz"
    app.close_session(actor, case.conference.conference_id)
    assert measure(app, case.measure_id).status == "adopted"  # adopted measures do not lapse
    app.submit_measure(actor, case.measure_id, case.committee_id, "V/2024/0815")
    submitted = measure(app, case.measure_id)
    assert (submitted.status, submitted.committee_id, submitted.paper_number) == (
        "submitted",
        case.committee_id,
        "V/2024/0815",
    )


def test_submission_after_the_minutes_are_published_is_allowed(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "adopted", close_conference=True)
    app.publish_minutes(actor, case.conference.conference_id, "Protokoll.")
    app.submit_measure(actor, case.measure_id, case.committee_id, "V/2024/0815")
    assert measure(app, case.measure_id).status == "submitted"


def test_submission_to_an_unknown_committee_is_not_found(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "adopted", close_conference=True)
    with refused(app, NotFound, "not_found"):
        app.submit_measure(actor, case.measure_id, case.conference.conference_id, "V/2024/0815")


def test_only_the_committee_a_measure_was_submitted_to_decides(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "submitted")
    other = case.conference.partners.other_committee_id
    with refused(app, RuleViolation, "wrong_committee") as info:
        app.record_committee_decision(actor, case.measure_id, other, "approved", "2024-06-12")
    assert info.value.details["committee_id"] == other
    app.record_committee_decision(actor, case.measure_id, case.committee_id, "approved", "2024-06-12")
    assert measure(app, case.measure_id).status == "approved"


def test_deferred_measure_can_be_submitted_again(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "deferred")
    other = case.conference.partners.other_committee_id
    app.submit_measure(actor, case.measure_id, other, "V/2024/0999")
    app.record_committee_decision(actor, case.measure_id, other, "noted", "2024-11-20")
    decided = measure(app, case.measure_id)
    assert decided.status == "noted"
    assert [d.get("decision") for d in decided.decisions] == [None, None, "deferred", "noted"]


@pytest.mark.parametrize("decision", ["approved", "noted", "deferred", "rejected", "amended"])
def test_committee_decision_kinds_lead_to_their_status(app: Sozialkonferenz, actor: UUID, decision: str) -> None:
    case = measure_in_status(app, actor, "submitted")
    amended = {"cost": "30.000 €"} if decision == "amended" else None
    app.record_committee_decision(
        actor, case.measure_id, case.committee_id, decision, "2024-06-12", "Begründung", amended_fields=amended
    )
    assert measure(app, case.measure_id).status == decision


def test_amended_text_is_only_for_amended_decisions(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "submitted")
    with refused(app, InvalidInput, "invalid_input") as info:
        app.record_committee_decision(actor, case.measure_id, case.committee_id, "amended", "2024-06-12", "Gekürzt.")
    assert info.value.field == "amended_fields"
    with refused(app, InvalidInput, "invalid_input") as info:
        app.record_committee_decision(
            actor, case.measure_id, case.committee_id, "approved", "2024-06-12", amended_fields={"cost": "1 €"}
        )
    assert info.value.field == "amended_fields"


# --- reasons ---------------------------------------------------------------------

REASONED = {
    "decision-amended": ("submitted", "amended"),
    "decision-deferred": ("submitted", "deferred"),
    "decision-rejected": ("submitted", "rejected"),
    "return": ("proposed", None),
    "withdraw": ("drafted", None),
    "partly_implemented": ("in_implementation", None),
    "abandoned": ("approved", None),
}


def _reasoned_command(
    app: Sozialkonferenz, actor: UUID, name: str, measure_id: UUID, committee_id: UUID, reason: str
) -> None:
    if name.startswith("decision-"):
        decision = name.removeprefix("decision-")
        amended = {"cost": "1 €"} if decision == "amended" else None
        app.record_committee_decision(
            actor, measure_id, committee_id, decision, "2024-06-12", reason, amended_fields=amended
        )
    elif name == "return":
        app.return_measure(actor, measure_id, reason)
    elif name == "withdraw":
        app.withdraw_measure(actor, measure_id, reason)
    else:
        app.complete_implementation(actor, measure_id, name, reason)


@pytest.mark.parametrize("name", list(REASONED))
def test_decisions_that_need_a_reason_refuse_an_empty_one(app: Sozialkonferenz, actor: UUID, name: str) -> None:
    status, _ = REASONED[name]
    case = measure_in_status(app, actor, status)
    for empty in ("", "   "):
        with refused(app, InvalidInput, "invalid_input") as info:
            _reasoned_command(app, actor, name, case.measure_id, case.committee_id, empty)
        assert info.value.field == "reason"
        assert measure(app, case.measure_id).status == status
    _reasoned_command(app, actor, name, case.measure_id, case.committee_id, "  Gute Gründe.  ")
    last = app.history(case.measure_id)[-1]
    assert last.reason == "Gute Gründe."  # type: ignore[attr-defined]
    assert measure(app, case.measure_id).status != status


def test_approval_and_completion_need_no_reason(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "submitted")
    app.record_committee_decision(actor, case.measure_id, case.committee_id, "approved", "2024-06-12")
    app.start_implementation(actor, case.measure_id)
    app.complete_implementation(actor, case.measure_id, "implemented")
    done = measure(app, case.measure_id)
    assert (done.status, done.outcome, done.progress) == ("implemented", "implemented", 100)


# --- closing the conference ------------------------------------------------------


def test_closing_lapses_open_proposals_with_their_frozen_text(app: Sozialkonferenz, actor: UUID) -> None:
    conference = conference_in_status(app, actor, "in_session")
    cases = {
        status: measure_in_status(app, actor, status, conference=conference)
        for status in ("drafted", "returned", "proposed", "adopted", "withdrawn")
    }
    app.edit_proposal(actor, cases["drafted"].measure_id, {"goal": "Letzter Stand vor Schluss"})
    position = app.position()
    app.close_session(actor, conference.conference_id)

    # one event for the conference, one for the group, one per open proposal
    assert app.position() == position + 2 + 3
    for status in ("drafted", "returned", "proposed"):
        lapsed = measure(app, cases[status].measure_id)
        assert lapsed.status == "lapsed"
        decision = lapsed.decisions[-1]
        assert decision["kind"] == "lapsed"
        assert decision["frozen"]["fields"] == lapsed.fields
        assert verify_frozen(decision["frozen"])
        assert decision["version"] == lapsed.version
    assert measure(app, cases["drafted"].measure_id).decisions[-1]["frozen"]["fields"]["goal"] == (
        "Letzter Stand vor Schluss"
    )
    assert measure(app, cases["adopted"].measure_id).status == "adopted"
    assert measure(app, cases["withdrawn"].measure_id).status == "withdrawn"
    assert app.load(WorkingGroup, conference.group_id).closed is True
    with refused(app, TransitionError, "invalid_transition"):
        app.edit_proposal(actor, cases["drafted"].measure_id, {"goal": "Zu spät"})


# --- evaluation and carry-over ----------------------------------------------------


def test_evaluation_records_progress_factors_and_verdict(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "evaluated")
    assert case.follow_up is not None
    evaluated = measure(app, case.measure_id)
    assert evaluated.status == "evaluated"
    assert evaluated.evaluation == {
        "conference_id": case.follow_up.conference_id,
        "working_group_id": case.follow_up.group_id,
        "progress": 80,
        "verdict": "continue",
        "rating": 4,
        "summary": "Die Familienlotsin erreicht die meisten Familien.",
        "obstacles": [{"category": "staff", "text": "Stelle erst nach sechs Monaten besetzt."}],
        "enablers": [{"category": "cooperation", "text": "Geburtskliniken melden die Familien."}],
        "indicator_actuals": {"Anteil besuchter Familien": "72 %"},
    }


def test_evaluation_is_only_for_a_measure_of_the_previous_cycle(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "implemented", with_follow_up=True)
    assert case.follow_up is not None
    app.close_session(actor, case.follow_up.conference_id)
    third = follow_up(app, actor, case.follow_up, "in_session")
    # two cycles later: the 2028 conference may not evaluate a 2024 measure
    with refused(app, RuleViolation, "not_previous_cycle"):
        evaluate(app, actor, case.measure_id, third.group_id)
    assert measure(app, case.measure_id).status == "implemented"


def test_a_group_of_the_same_conference_cannot_evaluate(app: Sozialkonferenz, actor: UUID) -> None:
    first = conference_in_status(app, actor, "in_session")
    case = measure_in_status(app, actor, "drafted", conference=first)
    with refused(app, RuleViolation, "not_previous_cycle"):
        evaluate(app, actor, case.measure_id, first.group_id)


def test_evaluation_is_only_by_a_group_of_the_same_lineage(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "implemented")
    later = app.schedule_conference(
        actor,
        "Sozialkonferenz 2026",
        "city",
        "Sozialkonferenz Musterstadt",
        "2026",
        "2026-03-12",
        previous_conference_id=case.conference.conference_id,
    )
    app.carry_over_working_group(actor, later, case.conference.group_id)
    housing = app.form_working_group(actor, later, "AG 2 Wohnen")
    with refused(app, RuleViolation, "other_working_group"):
        evaluate(app, actor, case.measure_id, housing)


def test_closed_group_cannot_evaluate(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "implemented", with_follow_up=True)
    assert case.follow_up is not None
    app.close_session(actor, case.follow_up.conference_id)
    with refused(app, TransitionError, "invalid_transition"):
        evaluate(app, actor, case.measure_id, case.follow_up.group_id)


def test_a_measure_evaluated_by_one_follow_up_cannot_be_evaluated_by_another(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "evaluated")
    rival = conference_in_status(app, actor, "in_session", previous=case.conference, cycle="2027")
    with refused(app, RuleViolation, "already_evaluated"):
        evaluate(app, actor, case.measure_id, rival.group_id)
    assert case.follow_up is not None
    evaluate(app, actor, case.measure_id, case.follow_up.group_id, verdict="adapt")
    assert measure(app, case.measure_id).evaluation["verdict"] == "adapt"  # type: ignore[index]


def test_carry_over_after_verdict_end_is_refused(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "evaluated", verdict="end")
    assert case.follow_up is not None
    proposals_before = app.load(WorkingGroup, case.follow_up.group_id).proposal_ids
    with refused(app, RuleViolation, "verdict_end"):
        app.carry_over_measure(actor, case.measure_id, case.follow_up.group_id)
    assert measure(app, case.measure_id).status == "evaluated"
    assert app.load(WorkingGroup, case.follow_up.group_id).proposal_ids == proposals_before


def test_only_the_evaluating_group_carries_a_measure_over(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "evaluated")
    with refused(app, RuleViolation, "not_evaluating_group"):
        app.carry_over_measure(actor, case.measure_id, case.conference.group_id)


def test_carry_over_links_both_measures_and_drafts_in_the_new_conference(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "evaluated")
    assert case.follow_up is not None
    new_id = app.carry_over_measure(
        actor, case.measure_id, case.follow_up.group_id, {"timeframe": "2026–2027", "title": "Frühe Hilfen II"}
    )
    old, new = measure(app, case.measure_id), measure(app, new_id)

    assert (old.status, old.carried_over_to) == ("carried_over", new_id)
    assert (new.status, new.continues_measure_id) == ("drafted", case.measure_id)
    assert new.conference_id == case.follow_up.conference_id
    assert new.working_group_id == case.follow_up.group_id
    assert new.lineage_id == old.lineage_id
    assert (new.cycle, new.reference) == ("2026", "M-2026-01.1")
    assert new.fields == {**PROPOSAL, "timeframe": "2026–2027", "title": "Frühe Hilfen II"}
    assert app.load(WorkingGroup, case.follow_up.group_id).proposal_ids == [new_id]
    with refused(app, TransitionError, "invalid_transition"):
        app.carry_over_measure(actor, case.measure_id, case.follow_up.group_id)


def test_loading_a_measure_by_the_id_of_something_else_is_not_found(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "proposed")
    with refused(app, NotFound, "not_found"):
        app.adopt_measure(actor, case.conference.conference_id)
    with refused(app, InvalidInput, "invalid_input") as info:
        app.adopt_measure(actor, "keine-kennung")
    assert info.value.field == "measure_id"
