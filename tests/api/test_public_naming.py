"""Consent to being named publicly: given and withdrawn by the person herself or recorded by an organiser."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.api import scenario
from tests.api.scenario import Api
from tests.auth import issue_token


def me(api: Api, person: str) -> dict[str, object]:
    response = api.client.get("/api/session", headers=api.headers(person))
    assert response.status_code == 200, response.text
    answer: dict[str, object] = response.json()
    return answer


def person_events(api: Api, person: str) -> list[tuple[str, str]]:
    return [(e["type"], e["actor_id"]) for e in api.get(f"/history/{person}")]


def test_a_person_gives_and_withdraws_her_own_consent(api: Api, client: TestClient) -> None:
    erika = scenario.reference_data(api).person_id
    issue_token(client.app_state["runtime"], erika)
    assert me(api, erika)["named_publicly"] is False
    answer = api.send("POST", f"/people/{erika}/public-naming", actor=erika)
    assert answer.status_code == 200, answer.text
    assert me(api, erika)["named_publicly"] is True
    again = api.refused("POST", f"/people/{erika}/public-naming", actor=erika, status=422, code="consent_exists")
    assert "bereits eingewilligt" in again["detail"]
    assert api.send("POST", f"/people/{erika}/public-naming/withdrawal", actor=erika).status_code == 200
    assert me(api, erika)["named_publicly"] is False
    api.refused("POST", f"/people/{erika}/public-naming/withdrawal", actor=erika, status=422, code="consent_missing")
    events = person_events(api, erika)
    assert events[-2:] == [("Person.PublicNamingConsented", erika), ("Person.PublicNamingWithdrawn", erika)]


def test_an_organiser_records_consent_on_someones_behalf_and_nobody_else_may(api: Api, client: TestClient) -> None:
    reference = scenario.reference_data(api)
    erika = reference.person_id
    other = api.create("/people", {"name": "Max Meier", "email": "max@example.org"})
    issue_token(client.app_state["runtime"], other)
    for path in (f"/people/{erika}/public-naming", f"/people/{erika}/public-naming/withdrawal"):
        refused = api.refused("POST", path, actor=other, status=403, code="forbidden")
        assert "Organisationsteam" in refused["detail"]
    api.post(f"/people/{erika}/public-naming")  # the planning office, a city-wide organiser, for her
    assert person_events(api, erika)[-1] == ("Person.PublicNamingConsented", api.actor)
    api.post(f"/people/{erika}/public-naming/withdrawal")
    assert person_events(api, erika)[-1] == ("Person.PublicNamingWithdrawn", api.actor)


def test_an_erased_person_cannot_be_named_and_erasure_ends_her_consent(api: Api) -> None:
    erika = scenario.reference_data(api).person_id
    api.post(f"/people/{erika}/public-naming")
    api.post(f"/people/{erika}/erasure", {"reason": "Antrag nach Art. 17 DSGVO"})
    refused = api.refused("POST", f"/people/{erika}/public-naming", status=422, code="person_erased")
    assert "gelöscht" in refused["detail"]
    api.refused("POST", f"/people/{erika}/public-naming/withdrawal", status=422, code="consent_missing")
    unknown = "00000000-0000-4000-8000-000000000001"
    api.refused("POST", f"/people/{unknown}/public-naming", status=404, code="not_found")
