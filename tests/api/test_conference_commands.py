"""Conferences and working groups over HTTP: each command's answer and its effect on the views."""

from __future__ import annotations

from domain.coordination import coordination_group_id
from tests.api import scenario
from tests.api.scenario import Api


def test_scheduled_conference_is_listed_and_readable_by_id(api: Api) -> None:
    first = scenario.schedule(api, "2025")
    other_series = scenario.schedule(api, "2025", series="Bezirkskonferenz Nord")
    second = scenario.schedule(api, "2026", previous_conference_id=first)

    assert [c["id"] for c in api.get("/conferences")] == [other_series, first, second]
    assert [c["id"] for c in api.get("/conferences", series=scenario.SERIES)] == [first, second]
    conference = api.get(f"/conferences/{second}")
    assert conference | {"created_at": None, "updated_at": None} == {
        "id": second,
        "title": "Sozialkonferenz 2026",
        "kind": "city",
        "series": scenario.SERIES,
        "cycle": "2026",
        "district": "",
        "starts_on": "2026-03-12",
        "venue": "Rathaus",
        "status": "scheduled",
        "focus_topic": "",
        "agenda": [],
        "previous_conference_id": first,
        "working_group_count": 0,
        "invited_organisation_ids": [],
        "minutes": "",
        "version": 1,
        "measures_by_status": {},
        "working_groups": [],
        "coordination_group_id": str(coordination_group_id(scenario.SERIES)),  # formed or not
        "created_at": None,
        "updated_at": None,
    }


def test_preparation_steps_show_in_the_conference_view(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.schedule(api)

    api.post(f"/conferences/{conference}/reschedule", {"starts_on": "2025-04-02", "venue": "Bürgerhaus Nord"})
    api.put(f"/conferences/{conference}/focus-topic", {"focus_topic": "Kinderarmut"})
    api.put(f"/conferences/{conference}/agenda", {"items": ["Begrüßung", "Arbeitsgruppen"]})
    api.post(f"/conferences/{conference}/invitations", {"organisation_ids": [reference.organisation_id]})
    group = api.create(f"/conferences/{conference}/working-groups", {"name": "Wohnen", "topic": "Wohnungsnot"})
    api.post(f"/conferences/{conference}/preparation")

    view = api.get(f"/conferences/{conference}")
    assert (view["starts_on"], view["venue"]) == ("2025-04-02", "Bürgerhaus Nord")
    assert view["focus_topic"] == "Kinderarmut"
    assert view["agenda"] == ["Begrüßung", "Arbeitsgruppen"]
    assert view["invited_organisation_ids"] == [reference.organisation_id]
    assert [(g["id"], g["number"], g["name"], g["topic"]) for g in view["working_groups"]] == [
        (group, 1, "Wohnen", "Wohnungsnot")
    ]
    assert view["status"] == "prepared"
    assert view["version"] == 7


def test_closing_the_session_lapses_open_proposals_and_minutes_report_the_conference(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    assert api.get(f"/conferences/{conference.id}")["status"] == "in_session"
    adopted = scenario.adopted_measure(api, conference.group_id)
    still_open = scenario.draft(api, conference.group_id, title="Schuldnerberatung im Stadtteilbüro")

    scenario.close_session(api, conference)

    view = api.get(f"/conferences/{conference.id}")
    assert view["status"] == "closed"
    assert view["measures_by_status"] == {"adopted": 1, "lapsed": 1}
    assert [g["closed"] for g in view["working_groups"]] == [True]
    assert api.get(f"/measures/{still_open}")["status"] == "lapsed"
    assert api.get(f"/measures/{adopted}")["status"] == "adopted"

    api.post(f"/conferences/{conference.id}/minutes", {"minutes": "Protokoll der Sozialkonferenz 2025"})

    view = api.get(f"/conferences/{conference.id}")
    assert (view["status"], view["minutes"]) == ("reported", "Protokoll der Sozialkonferenz 2025")


def test_working_group_topic_members_and_moderators_show_on_the_board(api: Api, planner: str) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.schedule(api)
    group = api.create(f"/conferences/{conference}/working-groups", {"name": "Wohnen"})
    member = reference.person_id

    api.put(f"/working-groups/{group}/topic", {"topic": "Wohnungslosigkeit vermeiden", "reason": "Auftrag der Politik"})
    api.post(f"/working-groups/{group}/members", {"person_id": member})
    api.post(f"/working-groups/{group}/members", {"person_id": planner})
    api.post(f"/working-groups/{group}/moderators", {"person_id": member})
    api.post(f"/working-groups/{group}/moderators", {"person_id": planner})

    board = api.get(f"/working-groups/{group}")
    assert board["topic"] == "Wohnungslosigkeit vermeiden"
    assert board["members"] == [
        {"id": member, "name": "Erika Mustermann"},
        {"id": planner, "name": "Sozialplanung Musterstadt"},
    ]
    assert [m["id"] for m in board["moderators"]] == [member, planner]

    api.post(f"/working-groups/{group}/members/{planner}/removal", {"reason": "Wechsel in die AG Gesundheit"})
    api.post(f"/working-groups/{group}/moderators/{member}/removal", {"reason": "Elternzeit"})

    board = api.get(f"/working-groups/{group}")
    assert board["member_ids"] == [member]
    assert board["moderator_ids"] == [planner]


def test_next_conference_carries_over_groups_with_their_lineage_and_people(api: Api) -> None:
    reference = scenario.reference_data(api)
    first = scenario.schedule(api, "2025")
    housing = api.create(f"/conferences/{first}/working-groups", {"name": "Wohnen", "topic": "Wohnungsnot"})
    health = api.create(f"/conferences/{first}/working-groups", {"name": "Gesundheit"})
    api.post(f"/working-groups/{housing}/members", {"person_id": reference.person_id})
    api.post(f"/working-groups/{housing}/moderators", {"person_id": reference.person_id})
    second = scenario.schedule(api, "2026", previous_conference_id=first)

    carried = api.create(f"/conferences/{second}/working-groups/carry-over", {"previous_group_id": housing})
    answer = api.post(f"/conferences/{second}/working-groups/carry-over-all")

    assert set(answer) == {"position", "ids"}
    [rest] = answer["ids"]
    groups = api.get(f"/conferences/{second}")["working_groups"]
    assert [(g["id"], g["name"], g["lineage_id"], g["predecessor_id"]) for g in groups] == [
        (carried, "Wohnen", housing, housing),
        (rest, "Gesundheit", health, health),
    ]
    board = api.get(f"/working-groups/{carried}")
    assert (board["topic"], board["member_ids"], board["moderator_ids"]) == (
        "Wohnungsnot",
        [reference.person_id],
        [reference.person_id],
    )
