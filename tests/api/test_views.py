"""Filters of the list views: the measure catalogue and the decision log."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.api import scenario
from tests.api.scenario import Api


def test_catalogue_filters_by_status_text_group_series_and_pages(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.schedule(api, "2025")
    housing = api.create(f"/conferences/{conference}/working-groups", {"name": "Wohnen"})
    health = api.create(f"/conferences/{conference}/working-groups", {"name": "Gesundheit"})
    scenario.prepare(api, conference, reference)
    api.post(f"/conferences/{conference}/session/open")
    adopted = scenario.adopted_measure(api, housing, title="Familienlotsin")
    debts = scenario.draft(api, housing, title="Schuldnerberatung im Stadtteilbüro")
    clinic = scenario.draft(api, health, title="Gesundheitskiosk", district="Südstadt")
    other_series = scenario.prepared_conference(api, reference, "2025", series="Bezirkskonferenz Nord")
    elsewhere = scenario.draft(api, other_series.group_id, title="Seniorentreff")

    def ids(**filters: object) -> list[str]:
        return [m["id"] for m in api.get("/measures", **filters)]

    assert ids(series=scenario.SERIES) == [adopted, debts, clinic]
    assert ids(status="adopted") == [adopted]
    assert ids(q="SCHULDNER stadtteil") == [debts]
    assert ids(working_group_id=health) == [clinic]
    assert ids(lineage_id=housing, series=scenario.SERIES) == [adopted, debts]
    assert ids(district="Südstadt") == [clinic]
    assert ids(conference_id=other_series.id) == [elsewhere]
    assert ids(series=scenario.SERIES, limit=1, offset=1) == [debts]
    assert ids(q="100%_") == []


def test_decision_log_filters_by_kind_record_and_conference(api: Api, planner: str) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    measure = scenario.adopted_measure(api, conference.group_id)
    returned = scenario.draft(api, conference.group_id, title="Zweiter Vorschlag")
    api.post(f"/measures/{returned}/agreement")
    api.post(f"/measures/{returned}/return", {"reason": "Zu teuer"})

    log = api.get("/decisions", conference_id=conference.id)

    assert [(d["kind"], d["aggregate_id"]) for d in log] == [
        ("conference_prepared", conference.id),
        ("session_opened", conference.id),
        ("agreed_in_group", measure),
        ("adopted", measure),
        ("agreed_in_group", returned),
        ("returned", returned),
    ]
    assert {(d["actor_id"], d["actor_name"]) for d in log} == {(planner, "Sozialplanung Musterstadt")}
    assert [d["aggregate_id"] for d in api.get("/decisions", kind="agreed_in_group")] == [measure, returned]
    assert [d["reason"] for d in api.get("/decisions", aggregate_id=returned, kind="returned")] == ["Zu teuer"]
    assert api.get("/decisions", actor_id=reference.person_id) == []
    assert len(api.get("/decisions", conference_id=conference.id, limit=2, offset=4)) == 2


def test_malformed_view_filters_are_refused_naming_the_filter(client: TestClient) -> None:
    for path, field in (
        ("/measures?limit=viele", "limit"),
        ("/measures?limit=0", "limit"),
        ("/measures?offset=-1", "offset"),
        ("/measures?conference_id=2025", "conference_id"),
        ("/decisions?actor_id=Erika", "actor_id"),
        ("/decisions?limit=5001", "limit"),
    ):
        assert scenario.problem(client.get("/api" + path), 400, "invalid_input")["field"] == field, path
