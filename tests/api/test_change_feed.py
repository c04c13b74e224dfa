"""The live change feed on a real uvicorn server: Server-Sent Events naming the view rows that changed."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
from starlette.testclient import TestClient

from tests.api import scenario
from tests.api.conftest import LiveServer
from tests.api.scenario import Api

WAIT_SECONDS = 10.0


def server_sent_events(response: httpx.Response) -> Iterator[dict[str, str]]:
    """The events of an open ``text/event-stream`` response, each as its fields (comments left out)."""
    fields: dict[str, str] = {}
    for line in response.iter_lines():
        if not line:
            if fields:
                yield fields
            fields = {}
        elif not line.startswith(":"):
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")


def changes_until(events: Iterator[dict[str, str]], after: int, until: int) -> list[dict[str, Any]]:
    """The changes announced for store positions after ``after``, read until one reaches ``until``.

    Each read waits at most ``WAIT_SECONDS`` (the client's timeout), and so does the whole loop.
    """
    deadline = time.monotonic() + WAIT_SECONDS
    changes: list[dict[str, Any]] = []
    for event in events:
        if event.get("event") == "change":
            data = json.loads(event["data"])
            assert event["id"] == str(data["position"])
            if data["position"] > after:
                changes += data["changes"]
            if data["position"] >= until:
                return changes
        assert time.monotonic() < deadline, f"no change up to position {until} in time; got {changes}"
    raise AssertionError("the change feed ended")


def test_subscriber_of_one_conference_receives_its_changes_and_no_others(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url, timeout=WAIT_SECONDS) as http:
        api = Api(http, live_server.planner)
        watched = scenario.schedule(api, "2025")
        other = scenario.schedule(api, "2025", series="Bezirkskonferenz Nord")
        before = api.position()

        with (
            http.stream("GET", "/api/changes", params={"conference_id": watched}) as filtered,
            http.stream("GET", "/api/changes") as unfiltered,
        ):
            assert filtered.status_code == unfiltered.status_code == 200
            assert filtered.headers["content-type"].startswith("text/event-stream")
            mine, everything = server_sent_events(filtered), server_sent_events(unfiltered)
            # The first event (the reconnection delay) arrives once the subscription stands.
            assert next(mine) == next(everything) == {"retry": "2000"}

            api.put(f"/conferences/{other}/focus-topic", {"focus_topic": "Seniorenarbeit"})
            last = api.put(f"/conferences/{watched}/focus-topic", {"focus_topic": "Kinderarmut"})["position"]

            changes_of_mine = changes_until(mine, before, last)
            all_changes = changes_until(everything, before, last)

    assert changes_of_mine == [{"view": "conferences", "id": watched, "conference_id": watched}]
    assert all_changes == [
        {"view": "conferences", "id": other, "conference_id": other},
        {"view": "conferences", "id": watched, "conference_id": watched},
    ]


def test_change_feed_for_a_malformed_conference_id_is_refused(client: TestClient) -> None:
    response = client.get("/api/changes", params={"conference_id": "Sozialkonferenz-2025"})

    assert scenario.problem(response, 400, "invalid_input")["field"] == "conference_id"
