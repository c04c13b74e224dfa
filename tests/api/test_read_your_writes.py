"""Read-your-writes: a view read after a command already includes it, by cookie or by ``min_position``."""

from __future__ import annotations

import time

from starlette.testclient import TestClient

from server.runtime import READ_YOUR_WRITES_TIMEOUT
from tests.api import scenario
from tests.api.scenario import Api


def test_read_right_after_a_burst_of_commands_sees_every_one(api: Api, client: TestClient) -> None:
    positions = [
        api.command("POST", "/committees", {"name": f"Ausschuss {n}", "short_name": f"A{n}"}, status=201)["position"]
        for n in range(20)
    ]

    assert client.cookies["sk_position"] == str(positions[-1])
    assert len(api.get("/committees")) == 20


def test_min_position_lets_a_client_without_the_cookie_read_a_write(api: Api, client: TestClient) -> None:
    conference = scenario.schedule(api)
    answer = api.put(f"/conferences/{conference}/focus-topic", {"focus_topic": "Kinderarmut"})
    client.cookies.clear()

    view = api.get(f"/conferences/{conference}", min_position=answer["position"])

    assert view["focus_topic"] == "Kinderarmut"
    assert view["version"] == 2


def test_position_the_store_never_reached_is_not_waited_for(api: Api, client: TestClient) -> None:
    conference = scenario.schedule(api)
    client.cookies.set("sk_position", str(10**9))  # say, from another server on this host
    started = time.monotonic()

    listed = api.get("/conferences")
    from_query = api.get(f"/conferences/{conference}", min_position=10**9)

    assert time.monotonic() - started < READ_YOUR_WRITES_TIMEOUT / 2
    assert [c["id"] for c in listed] == [conference] and from_query["id"] == conference


def test_malformed_min_position_is_refused(api: Api, client: TestClient) -> None:
    in_query = client.get("/api/conferences", params={"min_position": "gestern"})
    client.cookies.set("sk_position", "12a")
    in_cookie = client.get("/api/conferences")

    for response in (in_query, in_cookie):
        assert scenario.problem(response, 400, "invalid_input")["field"] == "min_position"
