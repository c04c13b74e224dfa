"""GDPR: the export of everything about one person (art. 15), and what erasure (art. 17) changes and keeps."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import httpx
import pytest
from sqlalchemy import column as c
from sqlalchemy import create_engine, select, table

from domain.people import PersonalData
from server.collab.room import Limits
from tests.api import scenario
from tests.api.scenario import Api, problem
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer, start_server

NAME, EMAIL = "Erika Mustermann", "erika@example.org"  # the person reference_data registers
LIVE_TEXT = "Erika ergänzt. "
NO_ACCOUNT: dict[str, Any] = {"login": None, "created_at": None, "api_tokens": [], "sessions": [], "invitations": []}
EVENTS = table("sozialkonferenz_events", c("id"), c("originator_id"), c("originator_version"), c("topic"), c("state"))
PERSONAL_DATA = table("personal_data", c("person_id"), c("name"), c("email"))


def export(api: Api, person: str) -> dict[str, Any]:
    response = api.client.get(f"/api/people/{person}/export", headers=api.headers())
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-disposition"] == f'attachment; filename="auskunft-{person}.json"'
    document: dict[str, Any] = json.loads(response.content)
    return document


def _acted_in(api: Api, aggregate_ids: list[str], person: str) -> set[tuple[str, int, str]]:
    """From the audit history, independently of the export: the events the person acted in."""
    return {
        (e["aggregate_id"], e["version"], e["type"])
        for aggregate_id in aggregate_ids
        for e in api.get(f"/history/{aggregate_id}")
        if e["actor_id"] == person
    }


def test_export_holds_personal_data_own_record_events_and_memberships(api: Api) -> None:
    reference = scenario.reference_data(api)
    erika = reference.person_id
    conference = scenario.conference_in_session(api, reference)
    group = conference.group_id
    api.post(f"/working-groups/{group}/members", {"person_id": erika})
    api.post(f"/working-groups/{group}/moderators", {"person_id": erika})
    api.post(f"/working-groups/{group}/members/{erika}/removal", {"reason": "Wechsel in die Moderation"})
    measure = scenario.adopted_measure(api, group)

    planner, named = export(api, api.actor), export(api, erika)

    assert planner["personal_data"] == {"name": "Sozialplanung Musterstadt", "email": "plan@example.org"}
    assert named["personal_data"] == {"name": NAME, "email": EMAIL}
    assert (planner["person_id"], planner["erased"], named["erased"]) == (api.actor, False, False)
    assert [e["type"] for e in named["person_history"]] == ["Person.Registered"]
    assert named["person_history"][0]["organisation_id"] == reference.organisation_id
    aggregates = [reference.organisation_id, reference.committee_id, reference.other_committee_id, erika,
                  conference.id, group, measure]  # fmt: skip
    acted = {(e["aggregate_id"], e["version"], e["type"]) for e in planner["events"] if e["role"] == "actor"}
    assert acted == _acted_in(api, aggregates, api.actor)
    assert ("Measure.Adopted" in {t for _, _, t in acted}) and len(acted) == len(planner["events"])
    assert [(e["type"], e["role"]) for e in named["events"]] == [
        ("WorkingGroup.MemberJoined", "named"),
        ("WorkingGroup.ModeratorAssigned", "named"),
        ("WorkingGroup.MemberLeft", "named"),
    ]
    positions = [e["position"] for e in planner["events"]]
    assert positions == sorted(positions) and positions[-1] <= planner["position"]
    memberships = {(m["role"], m["working_group"], m["until"] is None, m["reason"]) for m in named["memberships"]}
    assert memberships == {("member", "Wohnen", False, "Wechsel in die Moderation"), ("moderator", "Wohnen", True, "")}
    assert {m["conference_id"] for m in named["memberships"]} == {conference.id}
    assert planner["memberships"] == [] and planner["live_editing"] == named["live_editing"] == []
    assert planner["account"]["api_tokens"] and all(t["created_at"] for t in planner["account"]["api_tokens"])
    assert named["account"] == NO_ACCOUNT
    assert [secret for secret in ("hash", "csrf", "password", "skt_") if secret in json.dumps(planner)] == []


def test_export_of_an_unknown_or_malformed_person_is_refused(api: Api) -> None:
    reference = scenario.reference_data(api)

    for person, status, code in (
        ("00000000-0000-4000-8000-000000000001", 404, "not_found"),
        (reference.organisation_id, 404, "not_found"),
        ("erika", 400, "invalid_input"),
    ):
        problem(api.client.get(f"/api/people/{person}/export", headers=api.headers()), status, code)


# --- erasure, seen through every view ------------------------------------------------------


@pytest.fixture
def live(database_url: str) -> Iterator[CollabServer]:
    """A real server with people Ada (who acts), Bo and Cem, and proposals open for live editing."""
    running = start_server(database_url, Limits(catalogue_debounce=0.1))
    try:
        yield running
    finally:
        running.stop()


def _rows(database_url: str, query: Any) -> list[tuple[Any, ...]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(query)
            return [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in rows]
    finally:
        engine.dispose()


def _edit_live(s: CollabServer, measure: str, person: str) -> None:
    async def edit() -> None:
        async with CollabClient(s.ws, measure, person) as client:
            await asyncio.wait_for(client.synced.wait(), 10)
            await client.edit("description", 0, LIVE_TEXT)
            async with CollabClient(s.ws, measure, s.scenario.people[0]) as other:  # stored and relayed
                await asyncio.wait_for(other.synced.wait(), 10)
                await wait_until(lambda: other.fields()["description"].startswith(LIVE_TEXT))

    asyncio.run(edit())


def _wait_for_catalogue(api: Api, measure: str, timeout: float = 15) -> None:
    """The live text reaches the catalogue after a debounce (as an edit in the editor's name)."""
    deadline = time.monotonic() + timeout
    while not api.get(f"/measures/{measure}")["description"].startswith(LIVE_TEXT):
        assert time.monotonic() < deadline, "live text not in the catalogue"
        time.sleep(0.05)


def _views(api: Api, ids: dict[str, str]) -> dict[str, httpx.Response]:
    """Every view and audit answer that may speak of the person."""
    paths = [
        "/people",
        f"/working-groups/{ids['group']}",
        f"/decisions?actor_id={ids['person']}",
        f"/decisions?conference_id={ids['conference']}",
        f"/measures/{ids['measure']}/authors",
        f"/measures/{ids['measure']}/document-history",
        f"/measures/{ids['measure']}/live-steps",
        f"/measures/{ids['measure']}/live-updates?from=1&to=1000",
        f"/history/{ids['measure']}",
        f"/history/{ids['agreed']}",
        f"/history/{ids['group']}",
        f"/history/{ids['person']}",
        f"/history/{ids['group']}/state?version=3",
        f"/conferences/{ids['conference']}/history.jsonl",
        f"/conferences/{ids['conference']}/history.csv",
        f"/measures/{ids['measure']}",
        f"/measures?conference_id={ids['conference']}",
        f"/people/{ids['person']}/export",
    ]
    answers = {path: api.client.get("/api" + path, headers=api.headers()) for path in paths}
    assert {p: r.status_code for p, r in answers.items() if r.status_code != 200} == {}
    return answers


def _names_shown(answers: dict[str, httpx.Response], person: str, ids: dict[str, str]) -> set[str]:
    """Every name a view shows for the person."""
    [listed] = [p for p in answers["/people"].json() if p["id"] == person]
    board = answers[f"/working-groups/{ids['group']}"].json()
    decisions = answers[f"/decisions?actor_id={person}"].json()
    authors = answers[f"/measures/{ids['measure']}/authors"].json()
    runs = [r for field in authors["fields"].values() for r in field] + authors["people"]
    steps = answers[f"/measures/{ids['measure']}/live-steps"].json()
    updates = answers[f"/measures/{ids['measure']}/live-updates?from=1&to=1000"].json()["updates"]
    live = [p for step in steps for p in step["people"]] + updates
    shown = {
        listed["name"],
        *(m["name"] for m in board["members"] + board["moderators"] if m["id"] == person),
        *(d["actor_name"] for d in decisions),
        *(r["actor_name"] for r in runs if r["actor_id"] == person),
        *(entry["actor_name"] for entry in live if entry["actor_id"] == person),
    }
    assert len(decisions) == 1 and board["moderators"] and any(r["actor_id"] == person for r in runs)
    assert any(entry["actor_id"] == person for entry in live)
    return shown


def test_after_erasure_every_view_shows_the_same_pseudonym_and_no_event_changes(
    live: CollabServer, database_url: str
) -> None:
    ada, bo = (str(p) for p in live.scenario.people[:2])
    group, measure = str(live.scenario.group_ids[0]), str(live.scenario.measure_ids[0])
    live.runtime.application.personal_data.put(PersonalData(UUID(bo), NAME, EMAIL))  # a name to look out for
    with httpx.Client(base_url=live.http, timeout=15) as http:
        api, bodo = Api(http, ada), Api(http, bo)
        api.post(f"/working-groups/{group}/moderators", {"person_id": bo})
        agreed = scenario.draft(bodo, group)
        bodo.post(f"/measures/{agreed}/agreement")
        _edit_live(live, measure, bo)
        _wait_for_catalogue(api, measure)
        ids = {"person": bo, "group": group, "conference": str(live.scenario.conference_id),
               "measure": measure, "agreed": agreed}  # fmt: skip

        before = _views(api, ids)
        assert _names_shown(before, bo, ids) == {NAME}
        exported = before[f"/people/{bo}/export"].json()
        assert exported["account"]["api_tokens"]
        events_before = _rows(database_url, select(EVENTS).order_by(EVENTS.c.id))

        api.post(f"/people/{bo}/erasure", {"reason": "Antrag nach Art. 17 DSGVO"})

        after = _views(api, ids)
        pseudonym = f"gelöschte Person {bo[:8]}"
        assert _names_shown(after, bo, ids) == {pseudonym}
        leaks = {path: word for path, r in after.items() for word in (NAME, "Mustermann", EMAIL) if word in r.text}
        assert leaks == {}
        [listed] = [p for p in after["/people"].json() if p["id"] == bo]
        assert (listed["email"], listed["erased"]) == ("", True)

        erased = after[f"/people/{bo}/export"].json()
        assert (erased["personal_data"], erased["erased"], erased["account"]) == (None, True, NO_ACCOUNT)
        assert pseudonym in erased["note"]
        assert [e["type"] for e in erased["person_history"]][-1] == "Person.PersonalDataErased"
        assert erased["events"] == exported["events"] and erased["memberships"] == exported["memberships"]
        assert erased["live_editing"] == exported["live_editing"]
        [contribution] = erased["live_editing"]
        assert contribution["measure_id"] == measure and contribution["updates"] >= 1
        assert ("Measure.ProposalEdited", measure) in {(e["type"], e["aggregate_id"]) for e in erased["events"]}
        chain = api.get("/audit/chain", refresh="1")
        assert (chain["ok"], chain["problem"]) == (True, None)

    assert _rows(database_url, select(PERSONAL_DATA).where(PERSONAL_DATA.c.person_id == bo)) == []
    events_after = _rows(database_url, select(EVENTS).order_by(EVENTS.c.id))
    assert events_after[: len(events_before)] == events_before
    assert [row[3].rpartition(":")[2] for row in events_after[len(events_before) :]] == ["Person.PersonalDataErased"]
    stored = b"".join(row[4] for row in events_after)
    assert NAME.encode() not in stored and EMAIL.encode() not in stored
