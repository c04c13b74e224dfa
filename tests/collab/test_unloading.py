"""Rooms nobody is in are unloaded after a while, with a checkpoint; reopening them loads the same text."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Awaitable, Coroutine
from typing import Any, TypeVar
from uuid import UUID, uuid4

import pytest

from domain.application import SYSTEM_ACTOR
from domain.document import ProposalDocument
from domain.errors import NotFound
from server.collab import store
from server.collab.room import Limits, Room
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer
from tests.collab.helpers import document_events, fields_of, stored, synced, wait_stored

pytestmark = pytest.mark.anyio

T = TypeVar("T")

IDLE = 0.3


@pytest.fixture
def limits() -> Limits:
    return Limits(idle_seconds=IDLE, catalogue_debounce=0.2)


async def test_an_empty_room_is_unloaded_with_a_checkpoint_and_reloads_the_same_text(
    collab_server: CollabServer,
) -> None:
    s = collab_server
    app, manager, measure = s.runtime.application, s.runtime.collab, s.scenario.measure_ids[0]
    async with CollabClient(s.ws, measure, s.scenario.people[0]) as a:
        await synced(a)
        await a.edit("title", len(a.fields()["title"]), " für das Quartier")
        await a.edit("goal", 0, "Teilhabe")
        text = a.fields()
        before = await wait_stored(app, measure, text)
        # Occupied rooms stay, however long nobody types.
        await asyncio.sleep(IDLE + 0.7)  # time is the subject: the idle time and a housekeeping round
        assert measure in manager.rooms
    await wait_until(lambda: measure not in manager.rooms, timeout=5)
    assert manager.status() == {"rooms": 0, "connections": 0}

    _, events = await stored(app, measure)
    assert events[: len(before)] == before
    checkpoint = events[-1]
    assert isinstance(checkpoint, ProposalDocument.Checkpointed)
    assert checkpoint.actor == SYSTEM_ACTOR
    assert fields_of(_doc_of(store.unb64(checkpoint.state))) == text

    async with CollabClient(s.ws, measure, s.scenario.people[1]) as b:
        await synced(b)
        assert b.fields() == text
        assert b.fields()["title"].count("Vorschlag 1") == 1
        await b.edit("description", 0, "Nach dem Entladen: ")
        await wait_stored(app, measure, b.fields())
    # Unloading again, with nothing new, writes no second checkpoint.
    await wait_until(lambda: measure not in manager.rooms, timeout=5)
    async with CollabClient(s.ws, measure, s.scenario.people[1]) as c:
        await synced(c)
        assert c.fields()["description"] == "Nach dem Entladen: Ausgangslage."
    await wait_until(lambda: measure not in manager.rooms, timeout=5)
    kinds = [type(e).__name__ for e in await asyncio.to_thread(document_events, app, measure)]
    assert kinds.count("Checkpointed") == 2
    assert kinds[-1] == "Checkpointed"


def _doc_of(state: bytes) -> object:
    doc = store.new_doc()
    doc.apply_update(state)
    return doc


async def test_thirty_rooms_opened_and_left_are_all_unloaded(collab_server: CollabServer) -> None:
    s = collab_server
    app, manager = s.runtime.application, s.runtime.collab

    def draft_more() -> list[UUID]:
        return [
            app.draft_measure(SYSTEM_ACTOR, s.scenario.group_ids[i % 3], {"title": f"Weiterer Vorschlag {i}"})
            for i in range(27)
        ]

    measures = s.scenario.measure_ids + await asyncio.to_thread(draft_more)
    assert len(measures) == 30

    loaded: list[weakref.ref[Room]] = []

    async def visit(index: int, measure: UUID) -> dict[str, str]:
        async with CollabClient(s.ws, measure, s.scenario.people[index % 3]) as client:
            await synced(client)
            loaded.append(weakref.ref(manager.rooms[measure]))
            await client.edit("goal", 0, f"Ziel {index}")
            await wait_stored(app, measure, client.fields())
            return client.fields()

    texts = []
    for start in range(0, 30, 10):
        texts += await asyncio.gather(*(visit(i, m) for i, m in enumerate(measures) if start <= i < start + 10))
    await wait_until(lambda: not manager.rooms, timeout=10)
    assert manager.status() == {"rooms": 0, "connections": 0}
    assert not manager._loading  # no per-measure lock outlives its room
    assert manager.metrics.rooms._value.get() == 0
    assert manager.metrics.connections._value.get() == 0

    for measure, text in zip(measures[::7], texts[::7], strict=True):
        events = await asyncio.to_thread(document_events, app, measure)
        assert isinstance(events[-1], ProposalDocument.Checkpointed)
        async with CollabClient(s.ws, measure, s.scenario.people[0]) as again:
            await synced(again)
            assert again.fields() == text
            await again.edit("cost", 0, "keine")  # the server's loops move on to this room
            await wait_stored(app, measure, again.fields())
    # Unloaded rooms are gone from memory, with their documents and connections.
    await wait_until(lambda: gc.collect() >= 0 and all(ref() is None for ref in loaded), timeout=5)


async def test_no_lock_is_kept_for_an_unknown_measure_or_a_frozen_one_nobody_opened(
    collab_server: CollabServer,
) -> None:
    s = collab_server
    manager = s.runtime.collab
    assert manager.loop is not None
    measure = s.scenario.measure_ids[1]  # no one has it open

    def on_server(coroutine: Coroutine[Any, Any, T]) -> Awaitable[T]:  # the manager lives on the server's loop
        return asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, manager.loop))  # type: ignore[arg-type]

    async def freeze() -> bool:
        async with manager.freezing([measure]):
            return measure in manager._loading  # held while the decision is taken

    for _ in range(3):
        with pytest.raises(NotFound):
            await on_server(manager.room(uuid4()))
    assert await on_server(freeze())
    assert not manager.rooms
    assert not manager._loading
