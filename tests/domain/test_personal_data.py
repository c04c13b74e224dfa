"""GDPR erasure: personal data goes, the history stays exactly as it was."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.application import Sozialkonferenz
from domain.errors import InvalidInput
from domain.people import pseudonym
from domain.reference import Person
from domain.working_group import WorkingGroup
from tests.domain.builders import PROPOSAL, measure_in_status

NAME = "Erika Mustermann"
EMAIL = "erika.mustermann@example.org"


def stored_records(app: Sozialkonferenz) -> list[tuple[int, object, int, str, bytes]]:
    return [
        (n.id, n.originator_id, n.originator_version, n.topic, bytes(n.state))
        for n in app.recorder.select_notifications(start=1, limit=10_000)
    ]


def test_erasing_a_person_removes_only_the_personal_data(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "adopted")
    person = app.register_person(actor, NAME, EMAIL, case.conference.partners.organisation_id)
    app.add_member(actor, case.conference.group_id, person)
    app.assign_moderator(actor, case.conference.group_id, person)
    proposal = app.draft_measure(person, case.conference.group_id, {**PROPOSAL, "title": "Seniorentreff"})
    app.agree_in_group(person, proposal)
    assert app.person_name(person) == NAME
    before = stored_records(app)
    # personal data never entered the events in the first place
    assert not any(NAME.encode() in record[4] or EMAIL.encode() in record[4] for record in before)

    app.erase_person(actor, person, "Antrag nach Art. 17 DSGVO vom 2. Mai")

    after = stored_records(app)
    assert after[: len(before)] == before  # nothing rewritten
    assert len(after) == len(before) + 1
    erased_event = app.history(person)[-1]
    assert type(erased_event).__name__ == "PersonalDataErased"
    assert erased_event.reason == "Antrag nach Art. 17 DSGVO vom 2. Mai"  # type: ignore[attr-defined]
    assert app.personal_data.get(person) is None
    assert app.person_name(person) == pseudonym(person) == f"gelöschte Person {str(person)[:8]}"
    assert app.load(Person, person).erased is True
    # every aggregate that refers to the person still loads, with the id in place
    group = app.load(WorkingGroup, case.conference.group_id)
    assert person in group.member_ids and person in group.moderator_ids
    for record in after:
        assert app.history(record[1])  # every stream is still readable
    assert [e.actor for e in app.history(group.proposal_ids[-1])] == [person, person]  # type: ignore[attr-defined]


def test_erasing_twice_is_harmless(app: Sozialkonferenz, actor: UUID) -> None:
    person = app.register_person(actor, NAME, EMAIL)
    other = app.register_person(actor, "Max Meier", "max@example.org")
    app.erase_person(actor, person, "Antrag")
    position = app.position()
    app.erase_person(actor, person, "Antrag wiederholt")
    assert app.position() == position
    assert app.person_name(person) == pseudonym(person)
    assert [type(e).__name__ for e in app.history(person)] == ["Registered", "PersonalDataErased"]
    assert app.person_name(other) == "Max Meier"


def test_erasure_needs_a_reason(app: Sozialkonferenz, actor: UUID) -> None:
    person = app.register_person(actor, NAME, EMAIL)
    position = app.position()
    with pytest.raises(InvalidInput) as info:
        app.erase_person(actor, person, " ")
    assert info.value.field == "reason"
    assert app.position() == position
    assert app.person_name(person) == NAME


def test_pseudonym_is_stable_and_distinct() -> None:
    first, second = UUID(int=1), UUID("7f3c2a10-0000-4000-8000-000000000000")
    assert pseudonym(first) == pseudonym(first)
    assert pseudonym(first) != pseudonym(second)
    assert pseudonym(second) == "gelöschte Person 7f3c2a10"
