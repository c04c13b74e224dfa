"""Misbehaving clients: only the offending connection is closed (with the documented code),
the others in the room keep editing and converging, and nothing malformed is stored."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Awaitable, Callable
from uuid import UUID

import pytest

from server.collab import protocol
from server.collab.room import (
    CLOSE_FLOOD,
    CLOSE_PROTOCOL,
    CLOSE_TOO_BIG,
    CLOSE_UNAUTHENTICATED,
    CLOSE_UNKNOWN_MEASURE,
    CLOSE_UNSUPPORTED,
    Limits,
)
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer
from tests.collab.helpers import appended_updates, synced, wait_stored

pytestmark = pytest.mark.anyio

MAX_MESSAGE = 4096
RATE, BURST = 20.0, 20


@pytest.fixture
def limits() -> Limits:
    return Limits(max_message_bytes=MAX_MESSAGE, messages_per_second=RATE, burst=BURST, catalogue_debounce=0.2)


def _unterminated_varint() -> bytes:
    rng = random.Random(4400)
    return bytes(0x80 | rng.randrange(128) for _ in range(24))  # every byte says "more follows"


MALFORMED: dict[str, bytes | str] = {
    "random bytes (a number that never ends)": _unterminated_varint(),
    "truncated varint": b"\x80",
    "empty frame": b"",
    "unknown message type 7": protocol.var_uint(7),
    "unknown sync subtype": protocol.var_uint(protocol.SYNC) + protocol.var_uint(5) + protocol.var_bytes(b"\x00\x00"),
    "length beyond the frame": protocol.var_uint(protocol.SYNC) + protocol.var_uint(protocol.UPDATE) + b"\x64abc",
    "sync update that is not a Yjs update": protocol.sync_update(b"\x01\x02\x03"),
    "sync step 2 that is not a Yjs update": protocol.sync_step2(b"garbage!"),
    "sync step 1 whose state vector is not one": protocol.sync_step1(b"\x05\x01"),
    "awareness state that is not JSON": protocol.awareness(
        protocol.encode_awareness([protocol.AwarenessEntry(7, 1, "{not json")])
    ),
    "truncated awareness": protocol.awareness(b"\x02\x07\x01"),
}


async def _editor_keeps_working(
    s: CollabServer, offend: Callable[[UUID], Awaitable[list[int | None]]], expected_code: int
) -> tuple[list[dict[str, object]], CollabClient]:
    """B edits before and after the offences (each on its own connection, each closed with
    ``expected_code``); returns the updates stored since the offences began."""
    app = s.runtime.application
    measure, (_, bo, cem) = s.scenario.measure_ids[0], s.scenario.people
    async with CollabClient(s.ws, measure, bo) as b:
        await synced(b)
        await b.edit("description", len(b.fields()["description"]), " Vorher.")
        before = await wait_stored(app, measure, b.fields())
        assert appended_updates(before), "B's first edit is stored"

        codes = await offend(measure)
        assert codes and set(codes) == {expected_code}, codes

        for word in (" Danach", " geht", " es", " weiter."):
            await b.edit("description", len(b.fields()["description"]), word)
        async with CollabClient(s.ws, measure, cem) as c:
            await synced(c)
            await wait_until(lambda: c.fields() == b.fields())
        assert b.fields()["description"].endswith("Vorher. Danach geht es weiter.")
        after = await wait_stored(app, measure, b.fields())
        assert after[: len(before)] == before
        await wait_until(lambda: s.runtime.collab.status()["connections"] == 1)
        return appended_updates(after[len(before) :]), b


async def test_malformed_frames_close_only_their_connection_with_4400(collab_server: CollabServer) -> None:
    s = collab_server

    async def offend(measure: UUID) -> list[int | None]:
        codes = []
        for name, frame in MALFORMED.items():
            async with CollabClient(s.ws, measure, s.scenario.people[0]) as x:
                await synced(x)
                await x.send_raw(frame)
                codes.append(await x.wait_closed())
                assert x.close_reason.startswith("Fehlerhafte Nachricht"), (name, x.close_reason)
        return codes

    new, b = await _editor_keeps_working(s, offend, CLOSE_PROTOCOL)
    assert {u["actor"] for u in new} == {s.scenario.people[1]}


async def test_a_text_frame_is_refused_with_1003(collab_server: CollabServer) -> None:
    s = collab_server

    async def offend(measure: UUID) -> list[int | None]:
        async with CollabClient(s.ws, measure, s.scenario.people[0]) as x:
            await synced(x)
            await x.send_raw('{"type": "update"}')
            return [await x.wait_closed()]

    new, _ = await _editor_keeps_working(s, offend, CLOSE_UNSUPPORTED)
    assert {u["actor"] for u in new} == {s.scenario.people[1]}


async def test_a_message_above_the_size_limit_is_refused_with_1009_and_not_stored(
    collab_server: CollabServer,
) -> None:
    s = collab_server

    async def offend(measure: UUID) -> list[int | None]:
        async with CollabClient(s.ws, measure, s.scenario.people[0]) as x:
            await synced(x)
            await x.edit("goal", 0, "Sehr viel Text. " * (MAX_MESSAGE // 16 + 1))
            return [await x.wait_closed()]

    new, b = await _editor_keeps_working(s, offend, CLOSE_TOO_BIG)
    assert {u["actor"] for u in new} == {s.scenario.people[1]}
    assert "Sehr viel Text" not in b.fields()["goal"]


async def test_an_update_flood_is_cut_off_with_4429(collab_server: CollabServer) -> None:
    s = collab_server
    flood = 200
    elapsed: list[float] = []

    async def offend(measure: UUID) -> list[int | None]:
        async with CollabClient(s.ws, measure, s.scenario.people[0]) as x:
            await synced(x)
            started = time.monotonic()
            for _ in range(flood):
                x.text("title").insert(len(x.fields()["title"]), "!")
                try:
                    await x.flush()
                except Exception:  # the server closed the socket mid-flood
                    break
            code = await x.wait_closed()
            elapsed.append(time.monotonic() - started)
            return [code]

    new, b = await _editor_keeps_working(s, offend, CLOSE_FLOOD)
    flooded = [u for u in new if u["actor"] == s.scenario.people[0]]
    # The step-2 reply to the server's sync counts against the bucket as well.
    assert 0 < len(flooded) <= BURST + RATE * elapsed[0]
    assert b.fields()["title"] == "Vorschlag 1" + "!" * len(flooded)


async def _refused(client: CollabClient) -> int | None:
    async with client as x:
        code = await x.wait_closed()
        assert not x.synced.is_set()
        assert x.close_reason
        return code


async def test_unknown_or_malformed_measure_ids_are_refused_with_4404(collab_server: CollabServer) -> None:
    s = collab_server
    targets = [str(uuid.uuid4()), "not-a-measure", str(s.scenario.people[0]), str(s.scenario.group_ids[0])]

    async def offend(measure: UUID) -> list[int | None]:
        return [await _refused(CollabClient(s.ws, target, s.scenario.people[0])) for target in targets]

    new, _ = await _editor_keeps_working(s, offend, CLOSE_UNKNOWN_MEASURE)
    assert {u["actor"] for u in new} == {s.scenario.people[1]}
    assert set(s.runtime.collab.rooms) == {s.scenario.measure_ids[0]}


async def test_a_missing_or_unknown_actor_is_refused_with_4401(collab_server: CollabServer) -> None:
    s = collab_server
    actors = [None, "", str(uuid.uuid4()), "ada", str(s.scenario.measure_ids[1])]

    async def offend(measure: UUID) -> list[int | None]:
        return [await _refused(CollabClient(s.ws, measure, actor)) for actor in actors]

    new, _ = await _editor_keeps_working(s, offend, CLOSE_UNAUTHENTICATED)
    assert {u["actor"] for u in new} == {s.scenario.people[1]}
