"""``GET /api/me/desk``: each person sees her own groups and what waits for her in her roles, nobody else's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR
from server.app import create_app
from server.config import Settings
from tests.access.world import COMPLETE, World, build_world
from tests.auth import bearer


@pytest.fixture
def desk_world(database_url: str) -> Iterator[tuple[TestClient, World, dict[str, Any]]]:
    """The world with every role, plus: a carried-over group the moderator leads (last cycle's measure to
    evaluate), a proposal awaiting the plenary, and last cycle's measure on the committee's docket."""
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        runtime = client.app_state["runtime"]
        app, s = runtime.application, SYSTEM_ACTOR
        w = build_world(runtime)
        sequel = app.schedule_conference(
            s, "Sozialkonferenz 2026 Nord", "city", "Lindenau", "2026", "2026-12-03", previous_conference_id=w.previous
        )
        carried = app.carry_over_working_group(s, sequel, w.previous_group)
        app.assign_moderator(s, carried, w.people["MO"])
        fields = {**COMPLETE, "title": "Mietberatung", "description": "Sprechstunde."}
        proposed = app.draft_measure(s, w.other_group, fields)
        app.agree_in_group(s, proposed)
        app.grant_role(s, w.previous, w.people["C"], "committee_member")
        app.submit_measure(s, w.previous_measure, w.committee, "V/2025/0815")
        runtime.runner.wait_for(app.position(), 10)
        yield client, w, {"carried": str(carried), "proposed": str(proposed)}


def desk_of(client: TestClient, w: World, who: str) -> dict[str, Any]:
    response = client.get("/api/me/desk", headers=bearer(w.people[who]))
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def ids(rows: list[dict[str, Any]], key: str = "id") -> set[str]:
    return {row[key] for row in rows}


def test_nobody_signed_in_gets_no_desk(desk_world: tuple[TestClient, World, dict[str, Any]]) -> None:
    client, _, _ = desk_world
    response = client.get("/api/me/desk")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_member_sees_her_group_and_its_proposals_and_nothing_to_do(desk_world: Any) -> None:
    client, w, _ = desk_world
    desk = desk_of(client, w, "ME")
    assert [(g["id"], g["role"]) for g in desk["groups"]] == [(str(w.group), "member")]
    assert [(p["id"], p["status"]) for p in desk["groups"][0]["proposals"]] == [(str(w.measure), "drafted")]
    assert desk["to_agree"] == desk["to_evaluate"] == desk["to_decide"] == []
    assert desk["to_audit"] is None and desk["organiser"] is None
    assert desk["current_conference"]["id"] == str(w.conference)  # in session


def test_moderator_sees_drafts_to_agree_and_last_cycles_measures_to_evaluate(desk_world: Any) -> None:
    client, w, extra = desk_world
    desk = desk_of(client, w, "MO")
    mine = {(g["id"], g["role"]) for g in desk["groups"]}
    assert mine == {(str(w.group), "moderator"), (extra["carried"], "moderator")}
    assert ids(desk["to_agree"]) == {str(w.measure)}
    assert ids(desk["to_evaluate"]) == {str(w.previous_measure)}
    assert desk["to_evaluate"][0]["evaluating_group_id"] == extra["carried"]
    assert desk["to_decide"] == [] and desk["organiser"] is None


def test_member_of_another_group_sees_only_hers(desk_world: Any) -> None:
    client, w, extra = desk_world
    desk = desk_of(client, w, "OM")
    assert [g["id"] for g in desk["groups"]] == [str(w.other_group)]
    assert ids(desk["groups"][0]["proposals"]) == {extra["proposed"]}
    assert desk["to_agree"] == []  # a member does not agree; and the drafts of group 1 are not hers


def test_committee_member_sees_undecided_papers_of_her_conferences(desk_world: Any) -> None:
    client, w, _ = desk_world
    desk = desk_of(client, w, "C")
    assert [(p["measure_id"], p["paper_number"]) for p in desk["to_decide"]] == [
        (str(w.previous_measure), "V/2025/0815")
    ]
    assert desk["conference_roles"][str(w.conference)] == ["committee_member"]
    other = desk_of(client, w, "P")  # the planner is no committee member
    assert other["to_decide"] == []


def test_a_decided_paper_leaves_the_committee_members_desk(desk_world: Any) -> None:
    client, w, _ = desk_world
    runtime = client.app_state["runtime"]
    runtime.application.record_committee_decision(
        SYSTEM_ACTOR, w.previous_measure, w.committee, "approved", "2026-01-20"
    )
    runtime.runner.wait_for(runtime.application.position(), 10)
    assert desk_of(client, w, "C")["to_decide"] == []


def test_auditor_sees_the_latest_decisions_of_her_conference(desk_world: Any) -> None:
    client, w, extra = desk_world
    desk = desk_of(client, w, "A")
    audit = desk["to_audit"]
    assert audit["chain_check"] == "/api/audit/chain"
    assert audit["latest_decisions"], "the agreement in group 2 is a decision of her conference"
    assert {d["conference_id"] for d in audit["latest_decisions"]} == {str(w.conference)}
    positions = [d["position"] for d in audit["latest_decisions"]]
    assert positions == sorted(positions, reverse=True)  # newest first
    assert desk_of(client, w, "ME")["to_audit"] is None


def test_organisers_see_proposals_awaiting_the_plenary(desk_world: Any) -> None:
    client, w, extra = desk_world
    for who in ("O", "CO"):
        organiser = desk_of(client, w, who)["organiser"]
        assert organiser is not None, who
        assert ids(organiser["to_adopt"]) == {extra["proposed"]}, who


def test_public_and_operator_get_an_empty_desk_with_the_current_conference(desk_world: Any) -> None:
    client, w, _ = desk_world
    for who in ("PU", "OP"):
        desk = desk_of(client, w, who)
        assert desk["groups"] == desk["to_agree"] == desk["to_evaluate"] == desk["to_decide"] == [], who
        assert desk["to_audit"] is None and desk["organiser"] is None, who
        assert desk["current_conference"]["id"] == str(w.conference), who
