"""Indicators with actual values and districts over HTTP: commands, the measure view, the catalogue filter,
and measures whose indicators were written as free text before (old events) read into the new shape."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR
from tests.api import scenario
from tests.api.scenario import Api

FAMILIES = {
    "name": "Begleitete Familien",
    "unit": "Familien",
    "baseline": {"value": 0, "year": 2024},
    "target": {"value": "120", "year": 2026},
}
QUOTA = {"name": "Anteil erreichter Kitas", "unit": "%", "baseline": "20", "target": "80"}  # the text shape of before


def approved_measure(api: Api, indicators: list[dict[str, Any]]) -> str:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    measure = scenario.draft(api, conference.group_id)
    api.put(f"/measures/{measure}/details", {"indicators": indicators})
    api.post(f"/measures/{measure}/agreement")
    api.post(f"/measures/{measure}/adoption")
    scenario.close_session(api, conference)
    scenario.submit(api, measure, reference.committee_id)
    scenario.decide(api, measure, reference.committee_id)
    return measure


def test_actuals_are_reported_and_the_measure_shows_series_latest_and_attainment(api: Api) -> None:
    measure = approved_measure(api, [FAMILIES, QUOTA])
    actuals = f"/measures/{measure}/indicators/actuals"
    api.post(actuals, {"indicator": "Begleitete Familien", "value": 64, "measured_on": "2025-06-30",
                       "source": "Halbjahresbericht AWO"})  # fmt: skip
    api.post(actuals, {"indicator": "Begleitete Familien", "value": "9,5", "measured_on": "2024-12-31"})
    api.post(f"/measures/{measure}/implementation/start", {})
    api.post(f"/measures/{measure}/progress",
             {"progress": 50, "indicator_actuals": {"Anteil erreichter Kitas": "35 %"}})  # fmt: skip

    view = api.get(f"/measures/{measure}")
    families, quota = view["indicators"]
    assert (families["baseline"], families["target"]) == ({"value": "0", "year": 2024}, {"value": "120", "year": 2026})
    assert [(a["date"], a["value"], a["source"]) for a in families["actuals"]] == [
        ("2024-12-31", "9.5", ""),
        ("2025-06-30", "64", "Halbjahresbericht AWO"),
    ]
    assert families["actuals"][0]["reported_by"] == api.actor
    assert (families["latest"]["value"], families["attainment"]) == ("64", 0.5333)
    # The free-text shape of before: "20" and "80" are plainly numbers; the progress report's "35 %" too.
    assert (quota["baseline"]["value"], quota["target"]["value"], quota["remark"]) == ("20", "80", "")
    [progress_actual] = quota["actuals"]
    assert (progress_actual["value"], progress_actual["source"], progress_actual["kind"]) == (
        "35",
        "Fortschrittsbericht",
        "progress",
    )
    assert quota["attainment"] == 0.25
    [row] = api.get("/measures", q="Familien")
    assert [i["attainment"] for i in row["indicators"]] == [0.5333, 0.25]

    # Bad reports: a clear German answer, nothing stored.
    before = api.position()
    refused = [
        ({"indicator": "Begleitete Familien", "value": "viele", "measured_on": "2025-07-01"}, 400, "invalid_input"),
        ({"indicator": "Begleitete Familien", "value": 1, "measured_on": "31.07.2025"}, 400, "invalid_input"),
        ({"indicator": "Begleitete Familien", "value": 1e12, "measured_on": "2025-07-01"}, 400, "invalid_input"),
        ({"indicator": "Unbekannt", "value": 1, "measured_on": "2025-07-01"}, 422, "unknown_indicator"),
        ({"indicator": "Begleitete Familien", "value": 1, "measured_on": "2999-01-01"}, 422,
         "measured_on_out_of_range"),
    ]  # fmt: skip
    for body, status, code in refused:
        document = api.refused("POST", actuals, body, status=status, code=code)
        assert any(word in document["detail"] for word in ("Zahl", "Datum", "Indikator", "Stichtag")), document
    assert api.position() == before


def test_districts_are_managed_named_by_measures_and_filter_the_catalogue(api: Api) -> None:
    north = api.create("/districts", {"name": "Nordstadt"})
    south = api.create("/districts", {"name": "Südfeld"})
    listed = api.get("/districts")
    assert [(d["name"], d["citywide"], d["retired"]) for d in listed] == [
        ("gesamtstädtisch", True, False),
        ("Nordstadt", False, False),
        ("Südfeld", False, False),
    ]
    citywide = listed[0]["id"]
    api.refused("POST", "/districts", {"name": "nordstadt"}, status=422, code="district_exists")
    api.refused("POST", f"/districts/{citywide}/retirement", {"reason": "x"}, status=422, code="citywide_district")

    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    first = scenario.draft(api, conference.group_id, district="Nordstadt (Lindenplatz-Viertel)")
    second = scenario.draft(api, conference.group_id, title="Zweite Maßnahme")
    api.put(f"/measures/{first}/districts", {"district_ids": [north, citywide]})
    api.put(f"/measures/{second}/districts", {"district_ids": [south]})
    api.put(f"/districts/{north}/name", {"name": "Nordstadt/Lindenplatz"})

    view = api.get(f"/measures/{first}")
    assert view["district_ids"] == [north, citywide]
    assert [d["name"] for d in view["districts"]] == ["Nordstadt/Lindenplatz", "gesamtstädtisch"]
    assert view["district"] == "Nordstadt (Lindenplatz-Viertel)"  # the free text stays, as a remark
    assert [m["id"] for m in api.get("/measures", district=north)] == [first]
    assert [m["id"] for m in api.get("/measures", district=south)] == [second]
    assert [m["id"] for m in api.get("/measures", district=citywide)] == [first]
    assert [m["id"] for m in api.get("/measures", district="Nordstadt (Lindenplatz-Viertel)")] == [first]

    api.post(f"/districts/{south}/retirement", {"reason": "Mit Weststadt zusammengelegt."})
    assert [d["retired"] for d in api.get("/districts")] == [False, False, True]
    before = api.position()
    api.refused("PUT", f"/measures/{first}/districts", {"district_ids": [south]}, status=422, code="district_retired")
    api.refused("PUT", f"/measures/{first}/districts", {"district_ids": [str(UUID(int=7))]}, status=404,
                code="not_found")  # fmt: skip
    api.refused("PUT", f"/measures/{first}/districts", {"district_ids": ["Nordstadt"]}, status=400,
                code="invalid_input")  # fmt: skip
    api.refused("PUT", f"/districts/{north}/name", {"name": " "}, status=400, code="invalid_input")
    assert api.position() == before


def insert_event(client: TestClient, measure_id: str, topic: str, state: dict[str, Any]) -> None:
    runtime = client.app_state["runtime"]
    app = runtime.application
    version = app.recorder.select_events(UUID(measure_id), desc=True, limit=1)[0].originator_version
    app.recorder.insert_events(
        [StoredEvent(UUID(measure_id), version + 1, topic, app.mapper.transcoder.encode(state))]
    )
    assert runtime.runner.wait_for(app.position(), 10)


def test_free_text_indicators_of_old_events_are_read_into_the_new_shape(client: TestClient, api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    measure = scenario.draft(api, conference.group_id)
    old_details = {
        "lead_organisation_id": None,
        "partner_organisation_ids": [],
        "cost_estimate_eur": None,
        "funding_secured": False,
        "indicators": [
            {"name": "Besuchte Familien", "unit": "%", "baseline": "20 %", "target": "80"},
            {"name": "Zufriedenheit", "unit": "", "baseline": "mittel", "target": "hoch"},
        ],
    }
    at = datetime(2025, 3, 12, 11, 0, tzinfo=UTC)
    insert_event(client, measure, "domain.measure:Measure.DetailsSet",
                 {"timestamp": at, "actor": SYSTEM_ACTOR, "details": old_details})  # fmt: skip
    # The measure goes on through the API as ever; its progress report carries free-text actuals.
    api.post(f"/measures/{measure}/agreement")
    api.post(f"/measures/{measure}/adoption")
    scenario.close_session(api, conference)
    scenario.submit(api, measure, reference.committee_id)
    scenario.decide(api, measure, reference.committee_id)
    api.post(f"/measures/{measure}/implementation/start", {})
    free_text = {"Besuchte Familien": "50", "Zufriedenheit": "eher gut"}
    api.post(f"/measures/{measure}/progress", {"progress": 40, "indicator_actuals": free_text})

    families, satisfaction = api.get(f"/measures/{measure}")["indicators"]
    assert (families["baseline"], families["target"]) == ({"value": "20", "year": None}, {"value": "80", "year": None})
    assert (families["latest"]["value"], families["attainment"]) == ("50", 0.5)
    assert satisfaction["remark"] == "Ausgangswert: mittel; Zielwert: hoch"
    assert [(a["value"], a["remark"]) for a in satisfaction["actuals"]] == [(None, "eher gut")]
    assert satisfaction["attainment"] is None
    # The history still replays: the old event, shown in the new shape.
    history = api.get(f"/history/{measure}")
    assert any("DetailsSet" in str(entry) for entry in history), history
    # And a rebuilt view reads the old event the same way.
    runtime = client.app_state["runtime"]
    runtime.runner.rebuild("measures")
    assert api.get(f"/measures/{measure}")["indicators"][0]["baseline"] == {"value": "20", "year": None}
