"""A server restart: clients reconnect with the documents they kept, and nothing is lost or doubled."""

from __future__ import annotations

import pytest

from domain.document import ProposalDocument
from server.collab.room import Limits
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer, start_server
from tests.collab.helpers import stored, synced, wait_stored

pytestmark = pytest.mark.anyio


def _assert_each_once(fields: dict[str, str], tokens: list[str]) -> None:
    text = "\n".join(fields.values())
    assert text.count("Vorschlag 1") == 1 and text.count("Ausgangslage.") == 1
    assert {token: text.count(token) for token in tokens} == {token: 1 for token in tokens}


@pytest.mark.parametrize(
    "limits",
    [Limits(catalogue_debounce=0.2), Limits(catalogue_debounce=0.2, checkpoint_every=3)],
    ids=["updates only", "with checkpoints"],
)
async def test_clients_reconnecting_after_a_restart_converge_without_duplicates(
    collab_server: CollabServer, database_url: str, limits: Limits
) -> None:
    s = collab_server
    measure, (ada, bo, cem) = s.scenario.measure_ids[0], s.scenario.people
    tokens: list[str] = []

    async def type_into(client: CollabClient, name: str, count: int, offset: int = 0) -> None:
        for i in range(offset, offset + count):
            token = f"[{name}{i}]"
            tokens.append(token)
            field = ("title", "description", "goal")[i % 3]
            position = len(client.fields()[field]) if i % 2 else 0
            client.text(field).insert(position, token)
            if client.socket is not None and client.close_code is None:
                await client.flush()

    a, b = CollabClient(s.ws, measure, ada), CollabClient(s.ws, measure, bo)
    restarted: CollabServer | None = None
    try:
        await a.__aenter__()
        await b.__aenter__()
        await synced(a, b)
        await type_into(a, "a", 6)
        await type_into(b, "b", 6)
        await wait_until(lambda: a.fields() == b.fields())
        await wait_stored(s.runtime.application, measure, a.fields())
        await type_into(a, "a", 3, offset=6)  # sent, but perhaps not stored before the server stops
        s.stop()
        await wait_until(lambda: a.close_code is not None and b.close_code is not None)

        await type_into(a, "a", 3, offset=9)  # typed while the server is away
        await type_into(b, "b", 3, offset=6)
        restarted = start_server(database_url, limits, s.scenario)
        await a.reconnect(restarted.ws)
        await b.reconnect(restarted.ws)
        await synced(a, b)
        await wait_until(lambda: a.fields() == b.fields())
        await wait_stored(restarted.runtime.application, measure, a.fields())
        async with CollabClient(restarted.ws, measure, cem) as fresh:
            await synced(fresh)
            assert fresh.fields() == a.fields()
        _assert_each_once(a.fields(), tokens)
        assert len(tokens) == 21

        text, events = await stored(restarted.runtime.application, measure)
        assert text == a.fields()
        checkpoints = [e for e in events if isinstance(e, ProposalDocument.Checkpointed)]
        assert bool(checkpoints) == (limits.checkpoint_every == 3)
    finally:
        await a.close()
        await b.close()
        if restarted is not None:
            restarted.stop()


@pytest.mark.parametrize("limits", [Limits(catalogue_debounce=0.2, checkpoint_every=2)])
async def test_a_client_that_slept_through_checkpoints_catches_up_without_duplicates(
    collab_server: CollabServer, limits: Limits
) -> None:
    s = collab_server
    measure = s.scenario.measure_ids[1]
    async with CollabClient(s.ws, measure, s.scenario.people[0]) as sleeper:
        await synced(sleeper)
        await sleeper.edit("goal", 0, "[schlaf]")
        slept_at = len(await wait_stored(s.runtime.application, measure, sleeper.fields()))
    tokens = ["[schlaf]"]
    async with CollabClient(s.ws, measure, s.scenario.people[1]) as busy:
        await synced(busy)
        for i in range(9):
            tokens.append(f"[busy{i}]")
            await busy.edit("description", 0, tokens[-1])
        await wait_stored(s.runtime.application, measure, busy.fields())
    sleeper.text("goal").insert(0, "[offline]")
    tokens.append("[offline]")
    await sleeper.reconnect()
    try:
        await synced(sleeper)
        await wait_until(lambda: all(t in sleeper.fields()["description"] for t in tokens[1:-1]))
        events = await wait_stored(s.runtime.application, measure, sleeper.fields())
        assert any(isinstance(e, ProposalDocument.Checkpointed) for e in events[slept_at:])
        fields = sleeper.fields()
        assert fields["goal"].count("[schlaf]") == 1 and fields["goal"].count("[offline]") == 1
        assert all(fields["description"].count(t) == 1 for t in tokens[1:-1])
    finally:
        await sleeper.close()
