"""``GET /api/audit/chain``: the verification with its head, cached per store position, ``?refresh=1`` to walk again."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR
from server.chain_verification import verify_chain
from tests.api.scenario import Api, conference_in_session, draft, reference_data
from tests.chain.conftest import EVENTS, Store, fill


def served_store(client: TestClient) -> Store:
    return fill(client.app_state["runtime"].application)


def test_the_auditor_sees_the_chain_intact_with_its_head(client: TestClient, api: Api) -> None:
    store = served_store(client)
    expected = verify_chain(store.engine)

    report = api.get("/audit/chain")

    assert report["ok"] is True and report["problem"] is None
    assert (report["checked"], report["head_position"], report["head_hash"]) == (
        len(store.notifications()),
        expected.head_position,
        expected.head_hash,
    )
    assert report["verified_at"]


def test_the_result_is_cached_until_the_store_moves_or_a_refresh_is_asked_for(client: TestClient, api: Api) -> None:
    store = served_store(client)
    first = api.get("/audit/chain")
    target = store.event(store.organisation, 1)
    store.sql(f"UPDATE {EVENTS} SET state = :state WHERE id = :id", state=target.state + b" ", id=target.id)

    assert api.get("/audit/chain") == first  # same position: the cached walk

    refreshed = api.get("/audit/chain", refresh=1)
    assert refreshed["ok"] is False and refreshed["verified_at"] != first["verified_at"]
    assert refreshed["problem"] == {
        "kind": "altered",
        "label": "verändert",
        "notification_id": target.id,
        "originator_id": str(store.organisation),
        "originator_version": 1,
        "topic": target.topic,
        "aggregate_kind": "Organisation",
        "aggregate_label": "Organisation",
        "aggregate_title": "Diakonisches Werk",
        "aggregate_reference": None,
        "event_time": refreshed["problem"]["event_time"],
        "description": refreshed["problem"]["description"],
    }
    assert refreshed["problem"]["event_time"]
    assert refreshed["problem"]["description"].startswith("Organisation „Diakonisches Werk“: Ereignis vom ")
    before = [n.id for n in store.notifications() if n.id < target.id]
    assert (refreshed["checked"], refreshed["head_position"]) == (len(before), before[-1])

    store.sql(f"UPDATE {EVENTS} SET state = :state WHERE id = :id", state=target.state, id=target.id)
    assert api.get("/audit/chain") == refreshed  # still cached: the position has not moved
    store.app.register_organisation(SYSTEM_ACTOR, "Caritas", "welfare")
    moved = api.get("/audit/chain")
    assert moved["ok"] is True and moved["checked"] == len(store.notifications())


def test_a_noted_head_can_be_checked(client: TestClient, api: Api) -> None:
    served_store(client)
    head = api.get("/audit/chain")

    same = api.get("/audit/chain", expect=f"{head['head_position']}:{head['head_hash']}")
    other = api.get("/audit/chain", expect=f"{head['head_position'] - 1}:{head['head_hash']}")
    malformed = client.get("/api/audit/chain", params={"expect": "nicht-so"})

    assert same["ok"] is True
    assert other["ok"] is False and other["problem"]["kind"] == "mismatch"
    assert malformed.status_code == 400
    assert malformed.headers["content-type"] == "application/problem+json"
    assert malformed.json()["field"] == "expect"


def tamper(store: Store, originator_id: UUID, version: int) -> Callable[[], None]:
    """Alters one stored event (a space more); returns how to put it back."""
    target = store.event(originator_id, version)
    statement = f"UPDATE {EVENTS} SET state = :state WHERE id = :id"
    store.sql(statement, state=target.state + b" ", id=target.id)
    return lambda: store.sql(statement, state=target.state, id=target.id)


def test_an_altered_event_is_named_by_its_measure_or_conference_and_its_time(client: TestClient, api: Api) -> None:
    store = served_store(client)
    conference = conference_in_session(api, reference_data(api))
    measure = draft(api, conference.group_id, title="Quartierstreff Nord")
    reference = api.get(f"/measures/{measure}")["reference"]
    measure_time = api.get(f"/history/{measure}")[0]["timestamp"]
    conference_time = api.get(f"/history/{conference.id}")[1]["timestamp"]

    restore = tamper(store, UUID(measure), 1)
    problem = api.get("/audit/chain", refresh=1)["problem"]
    assert (problem["aggregate_kind"], problem["aggregate_label"]) == ("Measure", "Maßnahme")
    assert (problem["aggregate_title"], problem["aggregate_reference"]) == ("Quartierstreff Nord", reference)
    assert problem["event_time"] == measure_time
    # Said in German for a person, without the raw id or a command-line hint.
    assert problem["description"].startswith(f"Maßnahme {reference} „Quartierstreff Nord“: Ereignis vom ")
    assert problem["description"].endswith("verändert.")
    assert measure not in problem["description"] and "sozialkonferenz" not in problem["description"]

    restore()
    tamper(store, UUID(conference.id), 2)
    problem = api.get("/audit/chain", refresh=1)["problem"]
    assert (problem["aggregate_kind"], problem["aggregate_label"]) == ("Conference", "Konferenz")
    assert problem["aggregate_title"] == "Sozialkonferenz 2025"
    assert problem["event_time"] == conference_time
