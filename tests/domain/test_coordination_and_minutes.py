"""The coordination group of a series and the structured minutes of a conference (issues 18, 19)."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import StoredEvent

from domain.application import Sozialkonferenz
from domain.conference import Conference
from domain.coordination import CoordinationGroup, coordination_group_id
from domain.errors import InvalidInput, NotFound, RuleViolation, TransitionError
from domain.measure import Measure
from projections.coordination import coordination_of
from projections.minutes import minutes_of
from tests.domain.builders import SERIES, conference_in_status, measure_in_status


def test_the_coordination_group_of_a_series_appoints_members_names_a_chair_and_records_decisions(
    app: Sozialkonferenz, actor: UUID
) -> None:
    case = conference_in_status(app, actor, "scheduled")
    group_id = app.form_coordination_group(actor, case.conference_id)
    assert group_id == coordination_group_id(SERIES)
    anna = app.register_person(actor, "Anna Koordinatorin")
    ben = app.register_person(actor, "Ben Berater")
    app.appoint_coordination_member(actor, group_id, anna)
    app.appoint_coordination_member(actor, group_id, ben)
    app.name_coordination_chair(actor, group_id, anna)
    decision = app.record_coordination_decision(
        anna,
        group_id,
        "Schwerpunktthema 2024",
        "Die Koordinierungsgruppe wählt „Armut im Quartier“.",
        "2024-01-10",
        case.conference_id,
    )
    app.remove_coordination_member(actor, group_id, anna, "Wechsel in den Ruhestand")

    group = app.load(CoordinationGroup, group_id)
    assert (group.member_ids, group.chair_id) == ([ben], None)  # the chair left with her membership
    read = coordination_of(app, SERIES)
    assert read is not None and read["members"] == [{"person_id": str(ben), "name": "Ben Berater", "chair": False}]
    [recorded] = read["decisions"]
    assert (recorded["id"], recorded["title"], recorded["decided_on"], recorded["actor"]) == (
        decision,
        "Schwerpunktthema 2024",
        "2024-01-10",
        str(anna),
    )
    assert recorded["actor_name"] == "Anna Koordinatorin"
    kinds = [type(e).__qualname__.partition(".")[2] for e in app.history(group_id)]
    assert kinds == ["Formed", "MemberAppointed", "MemberAppointed", "ChairNamed", "DecisionRecorded", "MemberRemoved"]


def test_coordination_group_rules(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "scheduled")
    assert coordination_of(app, SERIES) is None
    group_id = app.form_coordination_group(actor, case.conference_id)
    with pytest.raises(RuleViolation) as exists:
        app.form_coordination_group(actor, case.conference_id)
    assert exists.value.code == "coordination_group_exists"
    person = app.register_person(actor, "Anna Koordinatorin")
    with pytest.raises(RuleViolation) as not_member:
        app.name_coordination_chair(actor, group_id, person)
    assert not_member.value.code == "chair_not_member"
    app.appoint_coordination_member(actor, group_id, person)
    with pytest.raises(RuleViolation):
        app.appoint_coordination_member(actor, group_id, person)
    with pytest.raises(NotFound):
        app.appoint_coordination_member(actor, group_id, uuid4())
    other = conference_in_status(app, actor, "scheduled", series="Stadtbezirkskonferenz Nord", cycle="2025")
    with pytest.raises(RuleViolation) as mismatch:
        app.record_coordination_decision(actor, group_id, "Betreff", "Text", "2024-01-10", other.conference_id)
    assert mismatch.value.code == "series_mismatch"
    with pytest.raises(InvalidInput):
        app.record_coordination_decision(actor, group_id, "Betreff", " ", "2024-01-10")
    assert app.load(CoordinationGroup, group_id).decisions == []


def test_structured_minutes_link_decisions_and_name_next_steps(app: Sozialkonferenz, actor: UUID) -> None:
    measure = measure_in_status(app, actor, "adopted")
    conference_id = measure.conference.conference_id
    partners = measure.conference.partners
    item_id = app.add_minutes_item(
        actor,
        conference_id,
        agenda_item=3,
        discussion="Das Plenum berät die Vorschläge der Arbeitsgruppen.",
        results=[{"measure_id": str(measure.measure_id), "note": "einstimmig"}],
        next_steps=[{"task": "Vorlage für den Sozialausschuss schreiben", "person_id": str(partners.person_id),
                     "due_on": "2024-04-30"}],
    )  # fmt: skip
    second_session = app.add_minutes_session(actor, conference_id, "Zweiter Sitzungstag", "2024-03-15")
    app.add_minutes_item(actor, conference_id, session_id=second_session, topic="Ausblick",
                         next_steps=[{"task": "Evaluierung planen", "organisation_id": str(partners.organisation_id),
                                      "due_on": "2025-01-31"}])  # fmt: skip

    minutes = minutes_of(app, conference_id)
    first, second = minutes["sessions"]
    assert (first["number"], first["title"], first["held_on"]) == (1, "Sitzung 1", "2024-03-14")
    assert (second["number"], second["title"], second["held_on"]) == (2, "Zweiter Sitzungstag", "2024-03-15")
    [item] = first["items"]
    assert (item["id"], item["agenda_item"], item["topic"], item["kind"]) == (item_id, 3, "Plenum", "structured")
    [result] = item["results"]
    adopted = [d for d in app.load(Measure, measure.measure_id).decisions if d["kind"] == "adopted"][-1]
    assert (result["decision_kind"], result["decision_version"], result["sha256"]) == (
        "adopted",
        adopted["version"],
        adopted["frozen"]["sha256"],
    )
    assert (result["decision_label"], result["note"], result["found"]) == (
        "Im Plenum verabschiedet",
        "einstimmig",
        True,
    )
    assert result["title"] == "Frühe Hilfen im Quartier" and result["decided_at"].startswith("20")
    [step] = item["next_steps"]
    assert (step["person_name"], step["due_on"], step["task"]) == (
        "Erika Mustermann",
        "2024-04-30",
        "Vorlage für den Sozialausschuss schreiben",
    )
    assert second["items"][0]["next_steps"][0]["organisation_name"] == "AWO Kreisverband Musterstadt"
    before_edit = datetime.now(UTC)

    app.edit_minutes_item(actor, conference_id, item_id, agenda_item=2, discussion="Korrigiert.")
    edited = minutes_of(app, conference_id)["sessions"][0]["items"][0]
    assert (edited["topic"], edited["discussion"], edited["results"]) == ("Arbeitsgruppen", "Korrigiert.", [])
    as_before = minutes_of(app, conference_id, at=before_edit)["sessions"][0]["items"][0]
    assert as_before["discussion"] == "Das Plenum berät die Vorschläge der Arbeitsgruppen."
    kinds = [type(e).__qualname__ for e in app.history(conference_id)]
    assert kinds[-5:] == ["Conference.MinutesSessionAdded", "Conference.MinutesItemAdded",
                          "Conference.MinutesSessionAdded", "Conference.MinutesItemAdded",
                          "Conference.MinutesItemEdited"]  # fmt: skip


def test_minutes_rules(app: Sozialkonferenz, actor: UUID) -> None:
    measure = measure_in_status(app, actor, "drafted")
    conference_id = measure.conference.conference_id
    with pytest.raises(RuleViolation) as no_agenda_item:
        app.add_minutes_item(actor, conference_id, agenda_item=9)
    assert no_agenda_item.value.code == "agenda_item_missing"
    with pytest.raises(RuleViolation) as no_topic:
        app.add_minutes_item(actor, conference_id, discussion="Worüber?")
    assert no_topic.value.code == "minutes_item_topic"
    with pytest.raises(RuleViolation) as undecided:
        app.add_minutes_item(actor, conference_id, topic="T", results=[{"measure_id": str(measure.measure_id)}])
    assert undecided.value.code == "decision_missing"
    with pytest.raises(InvalidInput) as nobody:
        app.add_minutes_item(actor, conference_id, topic="T", next_steps=[{"task": "Etwas", "due_on": "2024-05-01"}])
    assert nobody.value.field == "next_steps.0.person_id"
    late = {"task": "Etwas", "due_on": "bald", "person_id": str(measure.conference.partners.person_id)}
    with pytest.raises(InvalidInput) as no_date:
        app.add_minutes_item(actor, conference_id, topic="T", next_steps=[late])
    assert no_date.value.field == "next_steps.0.due_on"
    with pytest.raises(NotFound):
        app.add_minutes_item(actor, conference_id, session_id=str(uuid4()), topic="T")
    with pytest.raises(NotFound):
        app.edit_minutes_item(actor, conference_id, uuid4(), topic="T")
    # nothing of the refused commands was written, not even the implicit first session
    assert app.load(Conference, conference_id).minutes_sessions == []
    scheduled = conference_in_status(app, actor, "scheduled", series="Andere Reihe")
    with pytest.raises(TransitionError):
        app.add_minutes_item(actor, scheduled.conference_id, topic="Zu früh")


def test_publishing_needs_items_and_closes_the_minutes(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "closed")
    with pytest.raises(RuleViolation) as empty:
        app.publish_minutes(actor, case.conference_id)
    assert empty.value.code == "minutes_empty"
    item_id = app.add_minutes_item(actor, case.conference_id, agenda_item=1, discussion="Begrüßung durch die OB.")
    app.publish_minutes(actor, case.conference_id)
    conference = app.load(Conference, case.conference_id)
    assert (conference.status, conference.published_item_ids) == ("reported", [item_id])
    minutes = minutes_of(app, case.conference_id)
    assert minutes["published"] and not minutes["writable"]
    with pytest.raises(TransitionError):
        app.edit_minutes_item(actor, case.conference_id, item_id, topic="Nachträglich")


def test_old_free_text_minutes_still_load_as_one_free_text_item(app: Sozialkonferenz, actor: UUID) -> None:
    case = conference_in_status(app, actor, "closed")
    conference = app.load(Conference, case.conference_id)
    state = {  # what version 1 of MinutesPublished wrote: free text, no items, no class_version
        "timestamp": datetime(2024, 4, 2, 8, 0, tzinfo=UTC),
        "originator_topic": "domain.conference:Conference",
        "actor": actor,
        "minutes": "Protokoll der Sozialkonferenz 2024: Begrüßung, Arbeitsgruppen, Plenum.",
    }
    app.recorder.insert_events([StoredEvent(
        originator_id=conference.id, originator_version=conference.version + 1,
        topic="domain.conference:Conference.MinutesPublished", state=app.mapper.transcoder.encode(state),
    )])  # fmt: skip
    loaded = app.load(Conference, case.conference_id)
    assert (loaded.status, loaded.minutes, loaded.published_item_ids) == ("reported", state["minutes"], [])
    [session] = minutes_of(app, case.conference_id)["sessions"]
    assert session["items"] == [{"id": "free-text", "kind": "free_text", "number": 1, "text": state["minutes"]}]
