"""Presence (y-protocols awareness): cursors and names reach the others, and leaving is announced."""

from __future__ import annotations

import asyncio
import json

import pytest
from pycrdt import Doc

from server.collab import protocol
from server.collab.room import Limits
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer
from tests.collab.helpers import synced

pytestmark = pytest.mark.anyio

ADA = json.dumps({"user": {"name": "Ada", "color": "#d33"}, "cursor": {"field": "title", "anchor": 3, "head": 5}})


async def test_presence_reaches_others_and_late_joiners_and_leaving_is_announced_as_null(
    collab_server: CollabServer,
) -> None:
    s = collab_server
    measure, (ada, bo, cem) = s.scenario.measure_ids[0], s.scenario.people
    async with CollabClient(s.ws, measure, bo) as b, CollabClient(s.ws, measure, ada) as a:
        await asyncio.gather(asyncio.wait_for(a.synced.wait(), 10), asyncio.wait_for(b.synced.wait(), 10))
        await a.set_presence(ADA)
        await wait_until(lambda: a.doc.client_id in b.awareness)
        assert json.loads(b.awareness[a.doc.client_id]) == json.loads(ADA)

        async with CollabClient(s.ws, measure, cem) as c:
            await wait_until(lambda: a.doc.client_id in c.awareness)
            assert json.loads(c.awareness[a.doc.client_id]) == json.loads(ADA)
            assert c.doc.client_id not in b.awareness  # C has not said anything about itself

            await a.close()
            await wait_until(lambda: b.awareness.get(a.doc.client_id) == "null")
            await wait_until(lambda: c.awareness.get(a.doc.client_id) == "null")

        # A joiner after A left does not see A as present.
        async with CollabClient(s.ws, measure, cem) as late:
            await asyncio.wait_for(late.synced.wait(), 10)
            await late.set_presence(json.dumps({"user": {"name": "Cem"}}))
            await wait_until(lambda: late.doc.client_id in b.awareness)
            assert a.doc.client_id not in late.awareness


async def test_presence_updates_replace_the_earlier_state_and_stay_within_the_room(
    collab_server: CollabServer,
) -> None:
    s = collab_server
    first, other = s.scenario.measure_ids[0], s.scenario.measure_ids[1]
    async with (
        CollabClient(s.ws, first, s.scenario.people[0]) as a,
        CollabClient(s.ws, first, s.scenario.people[1]) as b,
        CollabClient(s.ws, other, s.scenario.people[2]) as elsewhere,
    ):
        await asyncio.gather(*(asyncio.wait_for(c.synced.wait(), 10) for c in (a, b, elsewhere)))
        await a.set_presence(ADA, clock=1)
        moved = json.dumps({"user": {"name": "Ada"}, "cursor": {"field": "goal", "anchor": 0, "head": 0}})
        await a.set_presence(moved, clock=2)
        await wait_until(lambda: b.awareness.get(a.doc.client_id) == moved)
        # A late joiner gets only the newest state.
        async with CollabClient(s.ws, first, s.scenario.people[2]) as late:
            await wait_until(lambda: late.awareness.get(a.doc.client_id) == moved)
        assert elsewhere.awareness == {}


async def test_awareness_echoes_are_not_passed_on_but_renewals_reach_everyone(collab_server: CollabServer) -> None:
    s = collab_server
    measure = s.scenario.measure_ids[0]
    async with (
        CollabClient(s.ws, measure, s.scenario.people[0]) as a,
        CollabClient(s.ws, measure, s.scenario.people[1]) as b,
    ):
        await asyncio.gather(asyncio.wait_for(a.synced.wait(), 10), asyncio.wait_for(b.synced.wait(), 10))
        await a.set_presence('{"user":{"name":"Ada"}}', clock=1)
        # The sender gets its own state back too (y-websocket keeps a lone editor's connection alive that way).
        await wait_until(lambda: a.awareness.get(a.doc.client_id) == '{"user":{"name":"Ada"}}')
        await wait_until(lambda: b.awareness.get(a.doc.client_id) == '{"user":{"name":"Ada"}}')
        received_before = b.awareness_messages
        # B echoes A's state with the same clock, as y-websocket clients do: nobody gets it again.
        echo = protocol.AwarenessEntry(a.doc.client_id, 1, '{"user":{"name":"Ada"}}')
        await b.send_raw(protocol.awareness(protocol.encode_awareness([echo])))
        await a.set_presence('{"user":{"name":"Ada","cursor":3}}', clock=2)
        await wait_until(lambda: b.awareness.get(a.doc.client_id) == '{"user":{"name":"Ada","cursor":3}}')
        assert b.awareness_messages == received_before + 1


@pytest.mark.parametrize("limits", [Limits(catalogue_debounce=0.2, presence_forget_seconds=2.0)])
async def test_a_departed_clients_presence_record_is_forgotten_while_the_room_stays_loaded(
    collab_server: CollabServer,
) -> None:
    """Memory stays bounded in a room open all day: removals are kept a while (against echoes), then dropped."""
    s = collab_server
    measure, (ada, bo, _) = s.scenario.measure_ids[0], s.scenario.people
    async with CollabClient(s.ws, measure, bo) as b:
        await asyncio.wait_for(b.synced.wait(), 10)
        await b.set_presence(json.dumps({"user": {"name": "Bo"}}))
        room = s.runtime.collab.rooms[measure]
        for round_ in range(3):  # people come and go
            async with CollabClient(s.ws, measure, ada) as a:
                await asyncio.wait_for(a.synced.wait(), 10)
                await a.set_presence(ADA)
                await wait_until(lambda a=a: a.doc.client_id in room.awareness)
            await wait_until(lambda a=a: b.awareness.get(a.doc.client_id) == "null")  # the others were told
            gone = a.doc.client_id
            assert protocol.state_is_null(room.awareness[gone]), round_  # kept for now, as a removal
        await wait_until(lambda: len(room.awareness) == 1, timeout=10)
        assert b.doc.client_id in room.awareness and not room.gone_since
        assert s.runtime.collab.rooms.get(measure) is room  # still loaded: b is there
        async with CollabClient(s.ws, measure, ada) as late:
            await asyncio.wait_for(late.synced.wait(), 10)
            await wait_until(lambda: b.doc.client_id in late.awareness)
            assert gone not in late.awareness


@pytest.mark.parametrize("limits", [Limits(catalogue_debounce=0.2, presence_flush_seconds=0.3)])
async def test_presence_changes_within_the_flush_window_reach_the_others_as_one_message(
    collab_server: CollabServer,
) -> None:
    """A room's presence changes go out together: every one is an echo from each receiving client."""
    s = collab_server
    measure, (ada, bo, cem) = s.scenario.measure_ids[0], s.scenario.people
    async with (
        CollabClient(s.ws, measure, ada) as a,
        CollabClient(s.ws, measure, bo) as b,
        CollabClient(s.ws, measure, cem) as watcher,
    ):
        await asyncio.gather(*(asyncio.wait_for(c.synced.wait(), 10) for c in (a, b, watcher)))
        before = watcher.awareness_messages
        moved = json.dumps({"user": {"name": "Ada"}, "cursor": {"field": "goal", "anchor": 1, "head": 1}})
        await a.set_presence(ADA, clock=1)
        await b.set_presence(json.dumps({"user": {"name": "Bo"}}), clock=1)
        await a.set_presence(moved, clock=2)
        await wait_until(
            lambda: watcher.awareness.get(a.doc.client_id) == moved and b.doc.client_id in watcher.awareness
        )
        assert watcher.awareness_messages == before + 1  # one message, with the newest state of each
        assert json.loads(watcher.awareness[b.doc.client_id]) == {"user": {"name": "Bo"}}
        assert a.awareness.get(a.doc.client_id) == moved  # the sender gets it back too (y-websocket's keep-alive)


async def test_a_presence_update_sent_back_byte_for_byte_is_dropped_without_being_read(
    collab_server: CollabServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every client sends each presence message it receives back; the room knows what it sent lately."""
    s = collab_server
    measure = s.scenario.measure_ids[0]
    async with (
        CollabClient(s.ws, measure, s.scenario.people[0]) as a,
        CollabClient(s.ws, measure, s.scenario.people[1]) as b,
    ):
        await asyncio.gather(asyncio.wait_for(a.synced.wait(), 10), asyncio.wait_for(b.synced.wait(), 10))
        await a.set_presence(ADA, clock=1)
        await wait_until(lambda: a.doc.client_id in b.awareness)
        room = s.runtime.collab.rooms[measure]
        sent = next(reversed(room.presence_sent))  # what went out to both
        read: list[bytes] = []
        parse = protocol.parse_awareness
        monkeypatch.setattr(protocol, "parse_awareness", lambda u, **kw: read.append(u) or parse(u, **kw))
        before = a.awareness_messages
        await b.send_raw(protocol.awareness(sent))
        await b.set_presence('{"user":{"name":"Bo"}}', clock=1)
        await wait_until(lambda: a.awareness.get(b.doc.client_id) == '{"user":{"name":"Bo"}}')
        assert sent not in read  # (the test clients read what they receive with it too: Bo's state)
        assert a.awareness_messages == before + 1


async def test_an_echo_is_dropped_unread_but_a_new_state_that_is_not_json_closes_the_connection(
    collab_server: CollabServer,
) -> None:
    s = collab_server
    measure = s.scenario.measure_ids[0]
    async with (
        CollabClient(s.ws, measure, s.scenario.people[0]) as a,
        CollabClient(s.ws, measure, s.scenario.people[1]) as b,
    ):
        await asyncio.gather(asyncio.wait_for(a.synced.wait(), 10), asyncio.wait_for(b.synced.wait(), 10))
        await a.set_presence(ADA, clock=3)
        await wait_until(lambda: a.doc.client_id in b.awareness)
        # Clock 3 is known: an echo, passed on to nobody, so its state is not even read.
        stale = protocol.AwarenessEntry(a.doc.client_id, 3, "{kaputt")
        await b.send_raw(protocol.awareness(protocol.encode_awareness([stale])))
        await b.set_presence('{"user":{"name":"Bo"}}')
        await wait_until(lambda: a.awareness.get(b.doc.client_id) == '{"user":{"name":"Bo"}}')
        assert b.close_code is None and json.loads(a.awareness[a.doc.client_id]) == json.loads(ADA)
        # A newer clock would be passed on: its state must be JSON.
        fresh = protocol.AwarenessEntry(b.doc.client_id, 4, "{kaputt")
        await b.send_raw(protocol.awareness(protocol.encode_awareness([fresh])))
        assert await b.wait_closed() == 4400
        assert "JSON" in (b.close_reason or "")
        assert a.close_code is None and json.loads(s.runtime.collab.rooms[measure].awareness[a.doc.client_id].state)


async def test_presence_for_another_persons_client_id_is_dropped_and_a_reconnect_takes_its_own_over(
    collab_server: CollabServer,
) -> None:
    s = collab_server
    measure, (ada, bo, cem) = s.scenario.measure_ids[0], s.scenario.people
    manager = s.runtime.collab
    async with (
        CollabClient(s.ws, measure, ada) as a,
        CollabClient(s.ws, measure, bo) as b,
        CollabClient(s.ws, measure, cem) as watcher,
    ):
        await asyncio.gather(*(asyncio.wait_for(c.synced.wait(), 10) for c in (a, b, watcher)))
        await a.set_presence(ADA, clock=1)
        await wait_until(lambda: a.doc.client_id in watcher.awareness)

        # Bo forges Ada's name and cursor, then declares her gone: neither is passed on or kept.
        forged = protocol.AwarenessEntry(a.doc.client_id, 5, json.dumps({"user": {"name": "Falsch"}}))
        removal = protocol.AwarenessEntry(a.doc.client_id, 6, "null")
        for entry in (forged, removal):
            await b.send_raw(protocol.awareness(protocol.encode_awareness([entry])))
        await b.set_presence('{"user":{"name":"Bo"}}')  # after the forged ones, on the same socket
        await wait_until(lambda: watcher.awareness.get(b.doc.client_id) == '{"user":{"name":"Bo"}}')
        assert json.loads(watcher.awareness[a.doc.client_id]) == json.loads(ADA)
        assert manager.rooms[measure].awareness[a.doc.client_id].clock == 1
        assert b.close_code is None  # a y-websocket client may do this honestly (a peer it thinks timed out)

        # Ada reconnects with the same Yjs client id while her old connection lingers: the new one
        # speaks for her, and the old one's departure does not announce her as gone.
        moved = json.dumps({"user": {"name": "Ada"}, "cursor": {"field": "goal", "anchor": 1, "head": 1}})
        async with CollabClient(s.ws, measure, ada, doc=Doc(client_id=a.doc.client_id)) as again:
            await asyncio.wait_for(again.synced.wait(), 10)
            await again.set_presence(moved, clock=2)
            await wait_until(lambda: watcher.awareness.get(a.doc.client_id) == moved)
            await a.close()
            await wait_until(lambda: manager.status()["connections"] == 3)
            await b.set_presence('{"user":{"name":"Bo","color":"#0a0"}}', clock=2)  # behind anything sent before
            await wait_until(lambda: watcher.awareness.get(b.doc.client_id) == '{"user":{"name":"Bo","color":"#0a0"}}')
            assert watcher.awareness[a.doc.client_id] == moved
            assert manager.rooms[measure].awareness[a.doc.client_id].state == moved
        # Her last connection leaving does announce it.
        await wait_until(lambda: watcher.awareness.get(a.doc.client_id) == "null")


async def test_the_name_others_see_is_the_signed_in_persons_not_the_clients(collab_server: CollabServer) -> None:
    s = collab_server
    measure, (ada, bo, _) = s.scenario.measure_ids[0], s.scenario.people
    async with CollabClient(s.ws, measure, ada) as a, CollabClient(s.ws, measure, bo) as b:
        await synced(a, b)
        await b.set_presence(json.dumps({"user": {"name": "Bürgermeisterin", "color": "#0a0"}, "cursor": None}))
        await wait_until(lambda: b.doc.client_id in a.awareness)
        assert json.loads(a.awareness[b.doc.client_id]) == {"user": {"name": "Bo", "color": "#0a0"}, "cursor": None}
        await b.set_presence(json.dumps({"cursor": {"field": "goal"}}), clock=2)  # no name at all: one is given
        await wait_until(lambda: '"goal"' in a.awareness[b.doc.client_id])
        assert json.loads(a.awareness[b.doc.client_id])["user"] == {"name": "Bo"}
