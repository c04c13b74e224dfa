"""Views across processes: one process runs the projections, every process's change feed,
read-your-writes and rooms learn of the changes it makes."""

from __future__ import annotations

import json
import threading
from typing import Any

import httpx
import pytest
from redis import Redis

from server.collab.manager import READ_ONLY
from tests.auth import bearer
from tests.cluster.conftest import WAIT, Pair, ServerProcess, wait_until
from tests.collab.client import CollabClient
from tests.collab.client import wait_until as wait_async
from tests.conftest import REDIS_URL

pytestmark = pytest.mark.anyio


def leader_and_follower(pair: Pair) -> tuple[ServerProcess, ServerProcess]:
    """The process that runs the projections, and the other (once one of them holds the lease)."""

    def leading(server: ServerProcess) -> bool:
        return bool(server.health()["processes"][0]["projections"])

    wait_until(lambda: leading(pair.a) or leading(pair.b), message="a process running the projections")
    return (pair.a, pair.b) if leading(pair.a) else (pair.b, pair.a)


class Feed:
    """The change feed of one process, read in a thread: every change event's data."""

    def __init__(self, server: ServerProcess, actor: str) -> None:
        self.events: list[dict[str, Any]] = []
        self.resyncs = 0
        self.opened = threading.Event()
        self.client = httpx.Client(base_url=server.http, timeout=httpx.Timeout(5, read=60), headers=bearer(actor))
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()
        assert self.opened.wait(WAIT), "change feed did not open"

    def _read(self) -> None:
        try:
            with self.client.stream("GET", "/api/changes") as response:
                assert response.status_code == 200
                for line in response.iter_lines():
                    self.opened.set()
                    if line == "event: resync":
                        self.resyncs += 1
                    elif line.startswith("data:"):
                        self.events.append(json.loads(line.removeprefix("data:")))
        except httpx.HTTPError:  # closed by the test
            pass

    def changes_up_to(self, position: int) -> list[dict[str, Any]]:
        return [c for e in self.events if e.get("position", 0) <= position for c in e.get("changes", [])]

    def close(self) -> None:
        self.client.close()


def test_exactly_one_process_runs_the_projections(pair: Pair) -> None:
    leader, follower = leader_and_follower(pair)
    for server in (leader, follower):
        # Each process sees the other as of its last heartbeat (every 2 s).
        wait_until(
            lambda: [p["projections"] for p in server.health()["processes"]] in ([True, False], [False, True]),  # noqa: B023
            message=f"one of two processes running the projections, seen from {server.port}",
        )


def test_change_feed_on_every_process_reports_a_command_made_through_another(pair: Pair) -> None:
    leader, follower = leader_and_follower(pair)
    for source, watcher in ((leader, follower), (follower, leader), (follower, follower)):
        feed = Feed(watcher, pair.organiser)
        try:
            response = pair.post(source, "/organisations", {"name": f"Verein {source.port}", "kind": "initiative"})
            assert response.status_code == 201, response.text
            created, position = response.json()["id"], response.json()["position"]
            wait_until(
                lambda: any(c["id"] == created for c in feed.changes_up_to(position)),  # noqa: B023
                message=f"change on {watcher.port} of a command made on {source.port}",
            )
        finally:
            feed.close()


def test_query_on_one_process_reads_a_command_made_through_another(pair: Pair) -> None:
    leader, follower = leader_and_follower(pair)
    for source, reader in ((leader, follower), (follower, leader), (follower, follower)):
        response = pair.post(source, "/organisations", {"name": f"Träger {reader.port}", "kind": "welfare"})
        assert response.status_code == 201, response.text
        created, position = response.json()["id"], response.json()["position"]
        # The position cookie the command set goes to the other process with the next query.
        listed = httpx.get(
            f"{reader.http}/api/organisations", headers={"Cookie": f"sk_position={position}", **bearer(pair.organiser)}
        )
        assert listed.status_code == 200
        assert created in {row["id"] for row in listed.json()}
        # The reader's views count as having reached it (what read-your-writes waits for).
        assert min(p["position"] for p in reader.health()["projections"]) >= position


async def test_rooms_of_a_process_follow_a_measure_changed_through_another(pair: Pair) -> None:
    leader, follower = leader_and_follower(pair)
    measure = pair.scenario.measure_ids[2]
    async with CollabClient(follower.ws, measure, pair.scenario.people[1]) as client:
        await wait_async(client.synced.is_set)
        response = pair.post(leader, f"/measures/{measure}/withdrawal", {"reason": "Doppelt eingereicht"})
        assert response.status_code == 200, response.text
        await wait_async(lambda: any(READ_ONLY in d for d in client.denied), timeout=WAIT)


def test_metrics_show_the_broker_traffic_and_health_lists_both_processes(pair: Pair) -> None:
    leader, follower = leader_and_follower(pair)
    operator = bearer(pair.organiser)  # an operator too (fresh_world): /metrics
    assert pair.post(leader, "/organisations", {"name": "Messbar", "kind": "other"}).status_code == 201

    def received(server: ServerProcess) -> float:
        lines = httpx.get(f"{server.http}/metrics", headers=operator).text.splitlines()
        values = [line.split()[-1] for line in lines if line.startswith('sk_broker_received_total{kind="changed"}')]
        return float(values[0]) if values else 0.0

    wait_until(lambda: received(follower) > 0, message="a received message counted on the follower")
    metrics = httpx.get(f"{follower.http}/metrics", headers=operator).text
    assert "sk_broker_lag_seconds_count" in metrics and "sk_broker_connected 1.0" in metrics
    pids = {p["pid"] for p in follower.health()["processes"]}
    assert pids == {pair.a.process.pid, pair.b.process.pid}


def test_a_process_that_lost_the_broker_tells_its_feed_clients_to_reload(pair: Pair) -> None:
    _, follower = leader_and_follower(pair)
    feed = Feed(follower, pair.organiser)
    admin = Redis.from_url(REDIS_URL)
    try:
        name = f"sk-listen-{follower.health()['processes'][0]['id']}"
        listeners = [c["id"] for c in admin.client_list() if c.get("name") == name]
        assert listeners, "the follower's broker connection is named"
        for client_id in listeners:
            admin.client_kill_filter(_id=client_id)  # as if Redis had gone away for a moment
        wait_until(lambda: feed.resyncs >= 1, message="a resync notice after the gap")
        # And the broker works again: a command made on the other process reaches this feed.
        leader = pair.a if follower is pair.b else pair.b
        created = pair.post(leader, "/organisations", {"name": "Nach der Lücke", "kind": "other"}).json()["id"]
        wait_until(lambda: any(c["id"] == created for e in feed.events for c in e.get("changes", [])))
    finally:
        admin.close()
        feed.close()
