"""``GET /api/audit/chain``: the verification with its head, cached per store position, ``?refresh=1`` to walk again."""

from __future__ import annotations

from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR
from server.chain_verification import verify_chain
from tests.api.scenario import Api
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
        "description": (
            f"Ereignis an Position {target.id} (Datensatz {store.organisation}, Version 1, {target.topic}): verändert."
        ),
    }
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
