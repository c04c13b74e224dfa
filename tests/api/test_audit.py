"""The auditor's API: event histories, past states, decision texts with their hashes, diffs and exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from tests.api import scenario
from tests.api.scenario import PROPOSAL, Api, sha256_of


def test_history_lists_every_event_of_a_conference_in_order(api: Api, planner: str) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.prepared_conference(api, reference)

    history = api.get(f"/history/{conference.id}")

    assert [(e["type"], e["version"]) for e in history] == [
        ("Conference.Scheduled", 1),
        ("Conference.WorkingGroupConstituted", 2),
        ("Conference.FocusTopicSet", 3),
        ("Conference.AgendaSet", 4),
        ("Conference.Invited", 5),
        ("Conference.Prepared", 6),
    ]
    positions = [e["position"] for e in history]
    assert positions == sorted(positions) and len(set(positions)) == 6
    timestamps = [datetime.fromisoformat(e["timestamp"]) for e in history]
    assert timestamps == sorted(timestamps) and all(t.utcoffset() is not None for t in timestamps)
    assert {(e["aggregate_id"], e["aggregate_type"], e["actor_id"]) for e in history} == {
        (conference.id, "Conference", planner)
    }
    assert history[1]["data"] == {"actor": planner, "working_group_id": conference.group_id}
    assert history[2]["data"] == {"actor": planner, "focus_topic": "Armut im Quartier"}
    assert history[0]["data"]["title"] == "Sozialkonferenz 2025"


def test_state_at_a_remembered_time_or_version_shows_the_old_value(api: Api) -> None:
    conference = scenario.schedule(api)
    api.put(f"/conferences/{conference}/focus-topic", {"focus_topic": "Kinderarmut"})
    remembered = datetime.now(UTC).isoformat()
    api.put(f"/conferences/{conference}/focus-topic", {"focus_topic": "Altersarmut"})

    then = api.get(f"/history/{conference}/state", at=remembered)
    first = api.get(f"/history/{conference}/state", version=1)
    now = api.get(f"/history/{conference}/state", version=3)

    assert (then["type"], then["version"], then["focus_topic"]) == ("Conference", 2, "Kinderarmut")
    assert (first["version"], first["focus_topic"], first["status"]) == (1, "", "scheduled")
    assert (now["version"], now["focus_topic"]) == (3, "Altersarmut")
    assert then["id"] == conference and then["title"] == "Sozialkonferenz 2025"


def test_state_needs_a_valid_version_or_a_time_with_zone_and_is_the_current_one_without(api: Api) -> None:
    conference = scenario.schedule(api)

    current = api.get(f"/history/{conference}/state")
    assert (current["id"], current["status"]) == (conference, "scheduled")
    for query, field in (
        ("?at=2025-03-12T10:00:00", "at"),
        ("?at=gestern", "at"),
        ("?version=0", "version"),
    ):
        response = api.client.get(f"/api/history/{conference}/state{query}")
        assert scenario.problem(response, 400, "invalid_input")["field"] == field, query
    before_it_existed = api.client.get(f"/api/history/{conference}/state", params={"at": "2000-01-01T00:00:00+00:00"})
    scenario.problem(before_it_existed, 404, "not_found")


def amended_measure(api: Api) -> str:
    """Agreed in the group, adopted, then decided by the committee with a changed cost and time frame."""
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    measure = scenario.adopted_measure(api, conference.group_id)
    scenario.close_session(api, conference)
    scenario.submit(api, measure, reference.committee_id)
    amended = {"timeframe": "2026", "cost": "30.000 € jährlich für eine halbe Stelle"}
    scenario.decide(api, measure, reference.committee_id, "amended", reason="Haushaltslage", amended_fields=amended)
    return measure


def test_decision_texts_keep_the_frozen_text_with_a_verified_hash(api: Api, planner: str) -> None:
    measure = amended_measure(api)

    decisions = api.get(f"/measures/{measure}/decision-texts")

    assert [(d["kind"], d["version"]) for d in decisions] == [("agreed", 2), ("adopted", 3), ("committee", 5)]
    amended = {**PROPOSAL, "timeframe": "2026", "cost": "30.000 € jährlich für eine halbe Stelle"}
    assert [d["frozen"]["fields"] for d in decisions] == [PROPOSAL, PROPOSAL, amended]
    assert [d["frozen"]["sha256"] for d in decisions] == [sha256_of(PROPOSAL)] * 2 + [sha256_of(amended)]
    assert all(d["verified"] is True and d["actor"] == planner for d in decisions)
    assert (decisions[2]["decision"], decisions[2]["reason"]) == ("amended", "Haushaltslage")


def test_diff_names_the_fields_the_committee_changed(api: Api) -> None:
    measure = amended_measure(api)

    diff = api.get(f"/measures/{measure}/decision-texts/diff", **{"from": 2, "to": 5})

    assert (diff["from"]["kind"], diff["to"]["kind"]) == ("agreed", "committee")
    changed = {f["field"]: f for f in diff["fields"] if f["changed"]}
    assert list(changed) == ["timeframe", "cost"]
    assert len(diff["fields"]) == len(PROPOSAL)
    assert changed["timeframe"]["diff"][-2:] == ["-2025–2026", "+2026"]
    assert changed["cost"]["words"] == [
        {"op": "delete", "text": "45.000"},
        {"op": "insert", "text": "30.000"},
        {"op": "equal", "text": "€ jährlich"},
        {"op": "insert", "text": "für eine halbe Stelle"},
    ]
    no_decision = api.client.get(f"/api/measures/{measure}/decision-texts/diff", params={"from": 4, "to": 5})
    assert scenario.problem(no_decision, 404, "not_found")["id"] == measure  # a version, valid as such, names nothing


def test_exports_stream_every_event_of_the_conference_its_groups_and_measures(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    second_group = api.create(f"/conferences/{scenario.schedule(api, '2026')}/working-groups", {"name": "Andere"})
    measures = [scenario.adopted_measure(api, conference.group_id), scenario.draft(api, conference.group_id)]
    scenario.close_session(api, conference)
    expected = sorted(
        e["position"] for id in (conference.id, conference.group_id, *measures) for e in api.get(f"/history/{id}")
    )
    assert api.get(f"/history/{second_group}")  # another conference's group: not part of the export

    jsonl = api.client.get(f"/api/conferences/{conference.id}/history.jsonl")
    table = api.client.get(f"/api/conferences/{conference.id}/history.csv")

    assert (jsonl.status_code, jsonl.headers["content-type"]) == (200, "application/x-ndjson")
    assert jsonl.headers["content-disposition"] == f'attachment; filename="konferenz-{conference.id}-historie.jsonl"'
    events = [json.loads(line) for line in jsonl.text.splitlines()]
    assert [e["position"] for e in events] == expected
    assert {e["aggregate_id"] for e in events} == {conference.id, conference.group_id, *measures}
    assert (table.status_code, table.headers["content-type"]) == (200, "text/csv; charset=utf-8")
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert list(rows[0]) == [
        "position",
        "timestamp",
        "aggregate_type",
        "aggregate_id",
        "version",
        "type",
        "actor_id",
        "data",
    ]
    assert [int(r["position"]) for r in rows] == expected
    assert [json.loads(r["data"]) for r in rows] == [e["data"] for e in events]
    assert [r["type"] for r in rows] == [e["type"] for e in events]
