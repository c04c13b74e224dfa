"""The broker module against a real Redis: typed messages, namespaces, gaps, shared counters."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from server.cluster.broker import Broker, BrokerUnavailable, Message
from server.cluster.registry import ConnectionCounter, ProcessRegistry
from tests.collab.client import wait_until
from tests.conftest import REDIS_PREFIX, REDIS_URL, require_redis

pytestmark = pytest.mark.anyio


@pytest.fixture
async def brokers() -> AsyncIterator[tuple[Broker, Broker]]:
    require_redis()
    prefix = f"{REDIS_PREFIX}:{secrets.token_hex(4)}"
    a, b = Broker(REDIS_URL, prefix), Broker(REDIS_URL, prefix)
    await a.start()
    await b.start()
    try:
        yield a, b
    finally:
        await a.stop()
        await b.stop()


async def test_a_message_reaches_the_other_process_and_not_the_sender(brokers: tuple[Broker, Broker]) -> None:
    a, b = brokers
    got_a: list[Message] = []
    got_b: list[Message] = []
    a.subscribe("measure:1", got_a.append)
    b.subscribe("measure:1", got_b.append)
    await asyncio.sleep(0)  # let the SUBSCRIBE commands go out
    await wait_until(lambda: _subscribed(b, "measure:1"))
    a.publish("measure:1", "update", b"\x00\x01binary")
    a.publish("measure:1", "hello", {"text": "Grüße"})
    await wait_until(lambda: len(got_b) == 2)
    assert [(m.kind, m.sender) for m in got_b] == [("update", a.process_id), ("hello", a.process_id)]
    assert got_b[0].payload == b"\x00\x01binary"
    assert got_b[1].json() == {"text": "Grüße"}
    assert got_a == []
    assert b.metrics.received.labels("update")._value.get() == 1
    assert b.metrics.lag._sum.get() >= 0 and a.metrics.published.labels("hello")._value.get() == 1


def _subscribed(broker: Broker, channel: str) -> bool:
    pubsub = broker._pubsub
    return pubsub is not None and broker.key(channel).encode() in pubsub.channels


async def test_a_message_published_once_subscribed_arrives_and_before_it_need_not(
    brokers: tuple[Broker, Broker],
) -> None:
    """``subscribed`` says when a message published elsewhere will reach the subscriber (a room's hello)."""
    a, b = brokers
    assert not await b.subscribed("measure:2", timeout=0.1)  # nobody here listens there
    got: list[Message] = []
    first = b.subscribe("measure:2", got.append)
    assert await b.subscribed("measure:2")
    a.publish("measure:2", "hello", b"")  # written to Redis at once: no waiting beyond the subscription
    await wait_until(lambda: len(got) == 1)
    assert got[0].kind == "hello"
    subscription = b.subscribe("measure:2", got.append)  # a second listener on the channel: ready at once
    assert await b.subscribed("measure:2", timeout=0.1)
    subscription.close()
    first.close()
    assert not await b.subscribed("measure:2", timeout=0.1)


async def test_messages_keep_their_order_when_some_wait_in_the_queue(brokers: tuple[Broker, Broker]) -> None:
    """Written at once or queued behind a batch being sent: the receiver gets them in publishing order."""
    a, b = brokers
    got: list[Message] = []
    b.subscribe("order", got.append)
    assert await b.subscribed("order")
    for number in range(3000):
        a.publish("order", "n", str(number).encode())
        if number % 7 == 0:
            await asyncio.sleep(0)  # sometimes the sender runs in between
    await wait_until(lambda: len(got) == 3000)
    assert [int(m.payload) for m in got] == list(range(3000))


async def test_another_prefix_hears_nothing(brokers: tuple[Broker, Broker]) -> None:
    a, _ = brokers
    stranger = Broker(REDIS_URL, f"{a.prefix}:fremd")
    await stranger.start()
    try:
        heard: list[Message] = []
        stranger.subscribe("views", heard.append)
        own = Broker(REDIS_URL, a.prefix)
        await own.start()
        mine: list[Message] = []
        own.subscribe("views", mine.append)
        await wait_until(lambda: _subscribed(own, "views") and _subscribed(stranger, "views"))
        a.publish("views", "changed", {})
        await wait_until(lambda: len(mine) == 1)
        await own.stop()
        assert heard == []
    finally:
        await stranger.stop()


async def test_a_lost_connection_is_reported_as_a_gap_and_messages_flow_again(brokers: tuple[Broker, Broker]) -> None:
    a, b = brokers
    gaps: list[int] = []
    got: list[Message] = []
    b.subscribe("access", got.append, on_gap=lambda: gaps.append(1))
    await wait_until(lambda: _subscribed(b, "access"))
    admin = Redis.from_url(REDIS_URL)
    try:
        clients = await admin.client_list()
        ids = [c["id"] for c in clients if c.get("name") == b.listener_name]
        assert ids, "the listener's connection is named"
        for client_id in ids:
            await admin.client_kill_filter(_id=client_id)
    finally:
        await admin.aclose()
    await wait_until(lambda: gaps == [1])
    await wait_until(lambda: _subscribed(b, "access") and b.connected.is_set())
    a.publish("access", "refresh", {})
    await wait_until(lambda: len(got) == 1)
    assert b.metrics.reconnects._value.get() == 1


async def test_unreachable_broker_is_refused_with_a_message() -> None:
    broker = Broker("redis://127.0.0.1:1/0", "sk:nirgends")
    with pytest.raises(BrokerUnavailable, match="nicht erreichbar"):
        await broker.start()
    await broker.stop()


async def test_connection_limit_counts_every_live_process_and_forgets_a_dead_one(
    brokers: tuple[Broker, Broker],
) -> None:
    a, b = brokers
    registry_a = ProcessRegistry(a, lambda: {}, heartbeat=0.2, ttl=1)
    registry_b = ProcessRegistry(b, lambda: {}, heartbeat=0.2, ttl=1)
    await registry_a.start()
    await registry_b.start()
    counter_a, counter_b = ConnectionCounter(a, registry_a), ConnectionCounter(b, registry_b)
    try:
        assert await counter_a.acquire("edit:anna", 2)
        assert await counter_b.acquire("edit:anna", 2)
        assert not await counter_a.acquire("edit:anna", 2)  # two in the cluster: the limit
        assert not await counter_b.acquire("edit:anna", 2)
        assert await counter_a.acquire("edit:bert", 2)  # another person counts apart
        await counter_b.release("edit:anna")
        assert await counter_a.acquire("edit:anna", 2)
        assert await counter_a.count("edit:anna") == 2
        # B holds one more and then dies without a word (its heartbeat stops, as with kill -9).
        assert not await counter_b.acquire("edit:anna", 2)
        await counter_a.release("edit:anna")
        assert await counter_b.acquire("edit:anna", 2)
        registry_b._task.cancel()  # type: ignore[union-attr]
        deadline = asyncio.get_running_loop().time() + 10
        while await counter_a.count("edit:anna") != 1:  # B's count vanishes once its key expired
            assert asyncio.get_running_loop().time() < deadline, "the dead process's connections still count"
            await asyncio.sleep(0.1)
        assert await counter_a.acquire("edit:anna", 2)
    finally:
        await registry_a.stop()
        await registry_b.stop()


async def test_registry_lists_live_processes(brokers: tuple[Broker, Broker]) -> None:
    a, b = brokers
    registry_a = ProcessRegistry(a, lambda: {"rooms": 1, "connections": 3})
    registry_b = ProcessRegistry(b, lambda: {"rooms": 0, "connections": 0})
    await registry_a.start()
    await registry_b.start()
    try:
        processes = await registry_a.processes()
        assert [p["id"] for p in processes] == [a.process_id, b.process_id]
        assert processes[0]["connections"] == 3
    finally:
        await registry_b.stop()
        assert [p["id"] for p in await registry_a.processes()] == [a.process_id]
        await registry_a.stop()
