"""The coordination group and the structured minutes over HTTP, on SQLite and PostgreSQL (issues 18, 19)."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from tests.api import scenario
from tests.api.scenario import Api
from tests.auth import bearer, issue_token


def person_with_token(client: TestClient, api: Api, name: str) -> str:
    person = api.create("/people", {"name": name})
    issue_token(client.app_state["runtime"], person)
    return person


def as_(api: Api, who: str, method: str, path: str, body: Any = None) -> Any:
    return api.send(method, path, body, actor=who)


def test_the_coordination_group_sets_the_focus_topic_and_its_decisions_are_history(
    client: TestClient, api: Api
) -> None:
    conference = scenario.schedule(api, "2026")
    coordinator = person_with_token(client, api, "Petra Vogel")
    stranger = person_with_token(client, api, "Paul Fremd")
    group = api.create(f"/conferences/{conference}/coordination-group")
    assert api.get(f"/conferences/{conference}")["coordination_group_id"] == group
    api.post(f"/coordination-groups/{group}/members", {"person_id": coordinator})
    api.put(f"/coordination-groups/{group}/chair", {"person_id": coordinator})

    before = api.position()
    refused = as_(api, stranger, "PUT", f"/conferences/{conference}/focus-topic", {"focus_topic": "Wohnen"})
    assert refused.status_code == 403 and "Koordinierungsgruppe" in refused.json()["detail"]
    decision = {"title": "Schwerpunkt", "text": "Wohnen.", "decided_on": "2026-05-04", "conference_id": conference}
    assert as_(api, stranger, "POST", f"/coordination-groups/{group}/decisions", decision).status_code == 403
    assert (
        as_(api, stranger, "POST", f"/coordination-groups/{group}/members", {"person_id": stranger}).status_code == 403
    )
    assert api.position() == before  # nothing stored

    set_topic = as_(api, coordinator, "PUT", f"/conferences/{conference}/focus-topic", {"focus_topic": "Wohnen"})
    assert set_topic.status_code == 200, set_topic.text
    agenda = {"items": ["Begrüßung", "Arbeitsgruppen", "Plenum"]}
    assert as_(api, coordinator, "PUT", f"/conferences/{conference}/agenda", agenda).status_code == 200
    recorded = as_(api, coordinator, "POST", f"/coordination-groups/{group}/decisions", decision)
    assert recorded.status_code == 201, recorded.text
    decision_id = recorded.json()["id"]
    # a coordinator appoints nobody: that is the city-wide organisers' call
    assert (
        as_(api, coordinator, "POST", f"/coordination-groups/{group}/members", {"person_id": stranger}).status_code
        == 403
    )

    read = api.get(f"/coordination-groups/{group}")
    assert read["series"] == scenario.SERIES
    assert read["members"] == [{"person_id": coordinator, "name": "Petra Vogel", "chair": True}]
    assert [(d["id"], d["title"], d["text"], d["actor_name"]) for d in read["decisions"]] == [
        (decision_id, "Schwerpunkt", "Wohnen.", "Petra Vogel")
    ]
    upcoming = read["upcoming_conference"]
    assert (upcoming["id"], upcoming["focus_topic"], upcoming["agenda"]) == (conference, "Wohnen", agenda["items"])
    conference_events = api.get(f"/history/{conference}")
    assert [e["actor_id"] for e in conference_events if e["type"] == "Conference.FocusTopicSet"] == [coordinator]
    group_events = api.get(f"/history/{group}")
    assert [e["type"] for e in group_events] == [
        "CoordinationGroup.Formed", "CoordinationGroup.MemberAppointed", "CoordinationGroup.ChairNamed",
        "CoordinationGroup.DecisionRecorded",
    ]  # fmt: skip
    assert group_events[-1]["data"]["text"] == "Wohnen." and group_events[-1]["actor_id"] == coordinator
    log = api.get("/decisions", conference_id=conference)
    [logged] = [row for row in log if row["kind"] == "coordination_decision"]
    assert (logged["aggregate_id"], logged["actor_id"], logged["detail"]["title"]) == (
        group,
        coordinator,
        "Schwerpunkt",
    )
    assert api.get("/audit/chain")["ok"] is True  # the group's events are links of the hash chain

    desk = client.get("/api/me/desk", headers=bearer(coordinator)).json()
    [mine] = desk["coordination"]
    assert (mine["id"], mine["chair"], mine["upcoming_conference"]["id"]) == (group, True, conference)
    assert client.get("/api/me/desk", headers=bearer(stranger)).json()["coordination"] == []

    api.post(f"/coordination-groups/{group}/members/removal", {"person_id": coordinator, "reason": "Wechsel"})
    again = as_(api, coordinator, "PUT", f"/conferences/{conference}/focus-topic", {"focus_topic": "Armut"})
    assert again.status_code == 403
    assert api.get(f"/coordination-groups/{group}")["chair_id"] is None


def test_structured_minutes_are_written_read_and_published(client: TestClient, api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference, "2026")
    measure = scenario.adopted_measure(api, conference.group_id)
    coordinator = person_with_token(client, api, "Petra Vogel")
    stranger = person_with_token(client, api, "Paul Fremd")
    group = api.create(f"/conferences/{conference.id}/coordination-group")
    api.post(f"/coordination-groups/{group}/members", {"person_id": coordinator})

    item = {
        "agenda_item": 3,
        "discussion": "Das Plenum berät die Vorschläge.",
        "results": [{"measure_id": measure, "note": "einstimmig"}],
        "next_steps": [{"task": "Vorlage schreiben", "person_id": reference.person_id, "due_on": "2026-04-30"}],
    }
    minutes = f"/conferences/{conference.id}/minutes"
    assert as_(api, stranger, "POST", f"{minutes}/items", item).status_code == 403
    written = as_(api, coordinator, "POST", f"{minutes}/items", item)
    assert written.status_code == 201, written.text
    item_id = written.json()["id"]
    api.refused("POST", f"{minutes}/items", {**item, "agenda_item": 7}, status=422, code="agenda_item_missing")
    nobody = {"topic": "Ausblick", "next_steps": [{"task": "Etwas", "due_on": "2026-05-01"}]}
    assert api.send("POST", f"{minutes}/items", nobody).status_code in (400, 422)

    read = api.get(minutes)
    [session] = read["sessions"]
    [written_item] = session["items"]
    assert (written_item["id"], written_item["topic"], written_item["kind"]) == (item_id, "Plenum", "structured")
    [result] = written_item["results"]
    texts = api.get(f"/measures/{measure}/decision-texts")
    adopted = [t for t in texts if t["kind"] == "adopted"][-1]
    assert (result["measure_id"], result["decision_kind"], result["sha256"]) == (
        measure,
        "adopted",
        adopted["frozen"]["sha256"],
    )
    assert written_item["next_steps"][0]["person_name"] == "Erika Mustermann"
    # the public reads the minutes, but no one's name
    public = person_with_token(client, api, "Olga Öffentlich")
    seen = client.get(f"/api{minutes}", headers=bearer(public))
    assert seen.status_code == 200 and "Erika Mustermann" not in seen.text and "Vorlage schreiben" in seen.text

    edited = as_(api, coordinator, "PUT", f"{minutes}/items/{item_id}", {"agenda_item": 2, "discussion": "Kurz."})
    assert edited.status_code == 200, edited.text
    assert api.get(minutes)["sessions"][0]["items"][0]["topic"] == "Arbeitsgruppen"

    scenario.close_session(api, conference)
    published = as_(api, coordinator, "POST", minutes, {})
    assert published.status_code == 200, published.text
    assert api.get(minutes)["published"] is True
    assert api.get(f"/conferences/{conference.id}")["status"] == "reported"
    api.refused("PUT", f"{minutes}/items/{item_id}", {"topic": "Zu spät"}, status=409, code="invalid_transition")


def test_free_text_minutes_are_still_accepted_and_read_as_one_item(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference, "2025")
    scenario.close_session(api, conference)
    minutes = f"/conferences/{conference.id}/minutes"
    api.refused("POST", minutes, {}, status=422, code="minutes_empty")
    api.post(minutes, {"minutes": "Protokoll der Sozialkonferenz 2025"})
    [session] = api.get(minutes)["sessions"]
    assert session["items"] == [
        {"id": "free-text", "kind": "free_text", "number": 1, "text": "Protokoll der Sozialkonferenz 2025"}
    ]
