"""Live co-editing with pycrdt clients: sync, convergence, storage, presence."""

from __future__ import annotations

import asyncio
import random

import pytest

from server.collab import store
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer

pytestmark = pytest.mark.anyio


async def test_a_joining_client_receives_the_proposal_text(collab_server: CollabServer) -> None:
    s = collab_server
    async with CollabClient(s.ws, s.scenario.measure_ids[0], s.scenario.people[0]) as client:
        await asyncio.wait_for(client.synced.wait(), 10)
        assert client.fields()["title"] == "Vorschlag 1"
        assert client.fields()["description"] == "Ausgangslage."


async def test_concurrent_random_edits_converge_and_equal_the_stored_text(collab_server: CollabServer) -> None:
    s = collab_server
    rng = random.Random(11)
    clients = [
        CollabClient(s.ws, measure, person) for measure in s.scenario.measure_ids for person in s.scenario.people
    ]
    for client in clients:
        await client.__aenter__()
    try:
        await asyncio.gather(*(asyncio.wait_for(c.synced.wait(), 10) for c in clients))
        for _ in range(20):
            for client in clients:
                field = rng.choice(["title", "description", "goal"])
                text = client.text(field)
                await client.edit(field, rng.randint(0, len(str(text))), rng.choice(["a", "bc", " Quartier "]))
        rooms = {m: [c for c in clients if str(m) in c.url] for m in s.scenario.measure_ids}
        for room_clients in rooms.values():
            await wait_until(lambda rc=room_clients: len({tuple(c.fields().items()) for c in rc}) == 1, 15)
        for measure, room_clients in rooms.items():
            stored = await asyncio.to_thread(store.load, s.runtime.application, measure)
            assert store.text_of(stored.doc) == room_clients[0].fields()
            assert len(room_clients[0].fields()["title"]) > len("Vorschlag 1")
    finally:
        for client in clients:
            await client.close()
