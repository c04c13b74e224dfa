"""The committee's desk: its members, and only they, record its decisions on the exact submitted text.

A decision names the committee the paper was submitted to; "committee member" counts only for
members of that committee (appointed and removed as events of the committee). Every role is tried.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from starlette.testclient import TestClient

from domain.texts import content_hash
from tests.access.test_http_permissions import headers_of, world_client  # noqa: F401 - the fixture
from tests.access.world import COMPLETE, NAMES, PRINCIPALS, World


def submitted(client: TestClient, w: World) -> tuple[UUID, UUID]:
    """A second committee with its own member (OM), and the adopted 2024 measure submitted to ours."""
    app = client.app_state["runtime"].application
    other = app.register_committee(w.people["O"], "Jugendhilfeausschuss", "JHA")
    app.appoint_committee_member(w.people["O"], other, w.people["OM"])
    app.submit_measure(w.people["O"], w.previous_measure, w.committee, "V/2026/007")
    client.app_state["runtime"].runner.wait_for(app.position(), 10)
    return other, w.previous_measure


def decide(client: TestClient, w: World, who: str, measure: UUID, **body: Any) -> Any:
    body = {"committee_id": str(w.committee), "decided_on": "2026-12-01", **body}
    return client.post(f"/api/measures/{measure}/committee-decision", json=body, headers=headers_of(w, who))


def test_only_members_of_that_committee_record_its_decision(world_client: tuple[TestClient, World]) -> None:  # noqa: F811
    client, w = world_client
    app = client.app_state["runtime"].application
    _, measure = submitted(client, w)
    before = app.position()
    others = [who for who in PRINCIPALS if who != "C"]
    refused = {who: decide(client, w, who, measure, decision="approved").status_code for who in others}
    # OM is a member of another committee; the organisers no longer enter decisions for the committee.
    assert refused == {who: 401 if who == "AN" else 403 for who in refused}
    assert app.position() == before  # nothing stored
    adopted = client.get(f"/api/measures/{measure}/decision-texts", headers=headers_of(w, "C")).json()[-1]["frozen"]
    answer = decide(client, w, "C", measure, decision="approved")
    assert answer.status_code == 200, answer.text
    assert answer.json()["sha256"] == adopted["sha256"] == content_hash(adopted["fields"])


def test_a_removed_member_is_refused_and_the_removal_is_recorded(world_client: tuple[TestClient, World]) -> None:  # noqa: F811
    client, w = world_client
    _, measure = submitted(client, w)
    removal = client.post(
        f"/api/committees/{w.committee}/members/removal",
        json={"person_id": str(w.people["C"]), "reason": "Ausgeschieden"},
        headers=headers_of(w, "O"),
    )
    assert removal.status_code == 200, removal.text
    assert decide(client, w, "C", measure, decision="approved").status_code == 403
    history = client.get(f"/api/history/{w.committee}", headers=headers_of(w, "O")).json()
    assert [e["type"] for e in history][-2:] == ["Committee.MemberAppointed", "Committee.MemberRemoved"]


def test_the_desk_shows_the_docket_members_and_an_amended_decision(world_client: tuple[TestClient, World]) -> None:  # noqa: F811
    client, w = world_client
    _, measure = submitted(client, w)
    answer = decide(client, w, "C", measure, decision="amended", reason="Kürzer",
                    amended_fields={"description": "Besuche in zwei Stadtteilen."})  # fmt: skip
    assert answer.status_code == 200, answer.text
    desk = client.get(f"/api/committees/{w.committee}", headers=headers_of(w, "P")).json()
    assert desk["short_name"] == "SozA"
    assert [m["name"] for m in desk["members"]] == [NAMES["C"]]
    [entry] = desk["docket"]
    assert entry["paper_number"] == "V/2026/007" and entry["decision"] == "amended"
    assert entry["decided_text"]["fields"]["description"] == "Besuche in zwei Stadtteilen."
    assert entry["decided_text"]["sha256"] == answer.json()["sha256"] == content_hash(entry["decided_text"]["fields"])
    assert entry["recommendation"]["fields"]["description"] == COMPLETE["description"]  # as the group agreed it
    permissions = client.get(f"/api/session/permissions?committee_id={w.committee}", headers=headers_of(w, "C")).json()
    assert "record_committee_decision" in permissions["actions"]
    others = client.get(f"/api/session/permissions?committee_id={w.committee}", headers=headers_of(w, "O")).json()
    assert "record_committee_decision" not in others["actions"]
