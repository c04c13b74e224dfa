"""/metrics: rooms, connections, updates and projection lag, with plausible values after editing.

Only for the city-wide operator role (``operator``, Betrieb): 401 without credentials, 403 for anyone else.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.auth import bearer
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer
from tests.collab.helpers import synced, wait_stored

pytestmark = pytest.mark.anyio

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def _metrics(s: CollabServer, operator: dict[str, str]) -> Samples:
    async with httpx.AsyncClient(base_url=s.http, timeout=10, headers=operator) as http:
        response = await http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def _value(samples: Samples, name: str, **labels: str) -> float:
    return samples[(name, tuple(sorted(labels.items())))]


async def test_metrics_count_rooms_connections_updates_and_projection_lag(
    collab_server: CollabServer, operator: dict[str, str]
) -> None:
    s = collab_server
    first, second = s.scenario.measure_ids[:2]
    app = s.runtime.application
    async with (
        CollabClient(s.ws, first, s.scenario.people[0]) as a,
        CollabClient(s.ws, first, s.scenario.people[1]) as b,
        CollabClient(s.ws, second, s.scenario.people[2]) as c,
    ):
        await synced(a, b, c)
        for i in range(5):
            await a.edit("title", 0, f"a{i} ")
            await b.edit("goal", 0, f"b{i} ")
            await c.edit("description", 0, f"c{i} ")
        await wait_until(lambda: a.fields() == b.fields())
        await wait_stored(app, first, a.fields())
        await wait_stored(app, second, c.fields())

        samples = await _metrics(s, operator)
        assert _value(samples, "sk_collab_rooms") == 2
        assert _value(samples, "sk_collab_connections") == 3
        assert _value(samples, "sk_collab_updates_received_total") == 15
        assert _value(samples, "sk_collab_updates_refused_total") == 0
        assert _value(samples, "sk_collab_updates_broadcast_total") == 10  # a's and b's, to each other
        assert 1 <= _value(samples, "sk_collab_persist_batch_size_count") <= 15
        assert _value(samples, "sk_collab_persist_batch_size_sum") == 15
        assert _value(samples, "sk_collab_persist_seconds_count") == _value(
            samples, "sk_collab_persist_batch_size_count"
        )
        assert _value(samples, "sk_collab_relay_seconds_count") == 15  # every accepted update, once
        assert 0 < _value(samples, "sk_collab_relay_seconds_sum") < 15 * 5  # seconds, each well under 5
        lags = {labels: v for (name, labels), v in samples.items() if name == "sk_projection_lag_events"}
        assert {dict(labels)["projection"] for labels in lags} >= {"measures"}
        assert all(0 <= lag < 1000 for lag in lags.values())

    async def settled() -> bool:
        samples = await _metrics(s, operator)
        lags = [v for (name, _), v in samples.items() if name == "sk_projection_lag_events"]
        return _value(samples, "sk_collab_connections") == 0 and all(lag == 0 for lag in lags)

    # The editors have left; the catalogue sync has run; the views have caught up with everything.
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while not await settled():
        assert loop.time() < deadline, await _metrics(s, operator)
        await asyncio.sleep(0.05)


async def test_metrics_need_the_operator_role(collab_server: CollabServer, operator: dict[str, str]) -> None:
    s = collab_server
    async with httpx.AsyncClient(base_url=s.http, timeout=10) as http:
        anonymous = await http.get("/metrics")
        organiser = await http.get("/metrics", headers=bearer(s.scenario.people[0]))  # the city's organiser
        member = await http.get("/metrics", headers=bearer(s.scenario.people[1]))
        allowed = await http.get("/metrics", headers=operator)
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "unauthenticated")
    assert (organiser.status_code, organiser.json()["code"]) == (403, "forbidden")
    assert member.status_code == 403
    assert allowed.status_code == 200 and "sk_collab_rooms" in allowed.text
