"""Every class of error a client can cause, each as an RFC 9457 problem document with status and code."""

from __future__ import annotations

from uuid import uuid4

from starlette.testclient import TestClient

from tests.api import scenario
from tests.api.scenario import Api
from tests.auth import bearer, issue_token

ORGANISATION = {"name": "AWO Kreisverband", "kind": "welfare"}


def test_malformed_json_body_is_refused_naming_the_body(api: Api) -> None:
    problem = api.refused("POST", "/organisations", b'{"name": "AWO",', status=400, code="invalid_input")

    assert problem["field"] == "body"
    assert "kein gültiges JSON" in problem["detail"]


def test_body_that_is_not_a_json_object_is_refused(api: Api) -> None:
    for body in (b'[{"name": "AWO", "kind": "welfare"}]', b'"AWO"', b"null"):
        problem = api.refused("POST", "/organisations", body, status=400, code="invalid_input")
        assert (problem["field"], problem["detail"]) == ("body", "Der Inhalt muss ein JSON-Objekt sein.")


def test_parameter_of_the_wrong_json_type_is_refused_naming_it(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.prepared_conference(api, reference)
    measure = scenario.draft(api, conference.group_id)
    invitations = f"/conferences/{conference.id}/invitations"
    wrong = [
        ("POST", "/organisations", {"name": 42, "kind": "welfare"}, "name"),
        ("POST", invitations, {"organisation_ids": reference.organisation_id}, "organisation_ids"),
        ("POST", invitations, {"organisation_ids": ["AWO"]}, "organisation_ids.0"),
        ("POST", f"/measures/{measure}/evaluation", {"working_group_id": measure, "progress": "50"}, "progress"),
        ("POST", f"/measures/{measure}/progress", {"progress": True}, "progress"),
        ("POST", f"/working-groups/{conference.group_id}/measures", {"fields": ["Titel"]}, "fields"),
        ("PUT", f"/measures/{measure}/details", {"funding_secured": "ja"}, "funding_secured"),
    ]

    for method, path, body, field in wrong:
        assert api.refused(method, path, body, status=400, code="invalid_input")["field"] == field, path


def test_unknown_or_missing_parameter_is_refused_naming_it(api: Api) -> None:
    unknown = api.refused("POST", "/organisations", {**ORGANISATION, "colour": "rot"}, status=400, code="invalid_input")
    missing = api.refused("POST", "/organisations", {"name": "AWO Kreisverband"}, status=400, code="invalid_input")

    assert unknown["field"] == "colour"
    assert missing["field"] == "kind"
    assert api.get("/organisations") == []


def test_command_without_sign_in_is_refused_with_401(anonymous: TestClient, planner: str) -> None:
    without = anonymous.post("/api/organisations", json=ORGANISATION)
    unknown_token = anonymous.post("/api/organisations", json=ORGANISATION, headers={"Authorization": "Bearer skt_x"})
    old_header = anonymous.post("/api/organisations", json=ORGANISATION, headers={"X-Actor-Id": planner})

    assert scenario.problem(without, 401, "unauthenticated")["detail"] == "Bitte melden Sie sich an."
    assert "API-Schlüssel" in scenario.problem(unknown_token, 401, "unauthenticated")["detail"]
    scenario.problem(old_header, 401, "unauthenticated")  # naming a person is not signing in
    assert anonymous.get("/api/organisations", headers=bearer(planner)).json() == []


def test_an_erased_persons_token_stops_working(api: Api) -> None:
    someone = api.create("/people", {"name": "Erika Muster", "email": "erika@example.org"})
    issue_token(api.client.app_state["runtime"], someone, organiser=True)
    assert api.send("POST", "/organisations", ORGANISATION | {"name": "Als Erika"}, actor=someone).status_code == 201

    api.post(f"/people/{someone}/erasure", {"reason": "Antrag nach Art. 17 DSGVO"})

    api.refused("POST", "/organisations", ORGANISATION, status=401, code="unauthenticated", actor=someone)


def test_malformed_uuid_in_the_path_is_refused_naming_the_parameter(api: Api, client: TestClient) -> None:
    command = api.refused("POST", "/conferences/Sozialkonferenz-2025/preparation", status=400, code="invalid_input")
    nested = api.refused(
        "POST", f"/working-groups/{uuid4()}/members/erika/removal", {"reason": "x"}, status=400, code="invalid_input"
    )

    assert command["field"] == "conference_id"
    assert nested["field"] == "person_id"
    for path, field in (
        ("/measures/M-2025-01.1", "measure_id"),
        ("/working-groups/1", "working_group_id"),
        ("/committees/ASG/docket", "committee_id"),
        ("/history/12/state?version=1", "aggregate_id"),
    ):
        assert scenario.problem(client.get("/api" + path), 400, "invalid_input")["field"] == field


def test_unknown_id_is_not_found(api: Api, client: TestClient) -> None:
    unknown = str(uuid4())

    problem = api.refused("POST", f"/conferences/{unknown}/preparation", status=404, code="not_found")

    assert (problem["kind"], problem["id"]) == ("Konferenz", unknown)
    for path, kind in (
        (f"/conferences/{unknown}", "Konferenz"),
        (f"/working-groups/{unknown}", "Arbeitsgruppe"),
        (f"/measures/{unknown}", "Maßnahme"),
        (f"/measures/{unknown}/decision-texts", "Maßnahme"),
        (f"/history/{unknown}", "Datensatz"),
        (f"/conferences/{unknown}/history.jsonl", "Konferenz"),
    ):
        assert scenario.problem(client.get("/api" + path), 404, "not_found")["kind"] == kind, path


def test_forbidden_transition_is_a_conflict(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.prepared_conference(api, reference)
    measure = scenario.draft(api, conference.group_id)

    reopening = api.refused("POST", f"/conferences/{conference.id}/preparation", status=409, code="invalid_transition")
    adopting = api.refused("POST", f"/measures/{measure}/adoption", status=409, code="invalid_transition")

    assert (reopening["current_status"], reopening["id"]) == ("vorbereitet", conference.id)
    assert reopening["action"] == "als vorbereitet markieren"
    assert adopting["action"] == "Maßnahme im Plenum verabschieden"
    assert api.get(f"/conferences/{conference.id}")["status"] == "prepared"


def test_broken_rule_is_unprocessable_with_its_code(api: Api) -> None:
    reference = scenario.reference_data(api)
    unprepared = scenario.schedule(api, "2025")
    api.put(f"/conferences/{unprepared}/focus-topic", {"focus_topic": "Kinderarmut"})
    conference = scenario.conference_in_session(api, reference, "2026")
    measure = scenario.adopted_measure(api, conference.group_id)
    scenario.close_session(api, conference)
    scenario.submit(api, measure, reference.committee_id)

    incomplete = api.refused(
        "POST", f"/conferences/{unprepared}/preparation", status=422, code="preparation_incomplete"
    )
    decision = {"committee_id": reference.other_committee_id, "decision": "approved", "decided_on": "2026-05-20"}
    wrong_committee = api.refused(
        "POST", f"/measures/{measure}/committee-decision", decision, status=422, code="wrong_committee"
    )

    assert incomplete["missing"] == ["Tagesordnung", "Arbeitsgruppen", "Einladungen"]
    assert wrong_committee["committee_id"] == reference.other_committee_id
    assert api.get(f"/measures/{measure}")["status"] == "submitted"


def test_body_over_one_mebibyte_is_too_large(api: Api) -> None:
    body = b'{"name": "' + b"A" * 1_048_576 + b'", "kind": "welfare"}'

    problem = api.refused("POST", "/organisations", body, status=413, code="payload_too_large")

    assert problem["limit"] == 1_048_576
    assert api.get("/organisations") == []


def test_text_that_cannot_be_stored_is_refused_before_it_reaches_the_store(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.prepared_conference(api, reference)
    before = api.position()
    unstorable = [
        ("/organisations", {"name": "AWO\u0000", "kind": "welfare"}, "name"),
        ("/people", {"name": "Erika \ud800 Mustermann"}, "name"),
        (f"/working-groups/{conference.group_id}/measures", {"fields": {"goal": "a\u0000b"}}, "fields.goal"),
    ]

    for path, body, field in unstorable:
        assert api.refused("POST", path, body, status=400, code="invalid_input")["field"] == field

    assert api.position() == before
    assert api.get("/health")["projection_error"] is None


def test_query_parameter_with_a_nul_character_is_refused(client: TestClient) -> None:
    for path, field in (
        ("/conferences?series=%00", "series"),
        ("/measures?q=Hilfe%00", "q"),
        ("/decisions?kind=%00", "kind"),
    ):
        assert scenario.problem(client.get("/api" + path), 400, "invalid_input")["field"] == field


def test_inviting_an_erased_person_is_refused_by_a_rule_not_as_bad_input(api: Api) -> None:
    someone = api.create("/people", {"name": "Erika Muster", "email": "erika@example.org"})
    api.post(f"/people/{someone}/erasure", {"reason": "Antrag nach Art. 17 DSGVO"})

    problem = api.refused("POST", f"/people/{someone}/invitation", status=422, code="person_erased")

    assert "gelöscht" in problem["detail"]
