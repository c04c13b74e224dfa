"""Random and well-formed-but-wrong y-websocket messages into a live room.

Each offending frame either closes its own connection with a documented code or is ignored; the server
never closes with 1011; an editor in the same room keeps editing, a fresh connection sees exactly the
editor's text, the store holds it, and the auditor's views of the text still answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import httpx
import websockets
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pycrdt import Array, Doc, Map, Text

from domain.texts import PROPOSAL_FIELDS
from server.collab import protocol
from server.collab.room import CLOSE_FLOOD, CLOSE_PROTOCOL, CLOSE_TOO_BIG, CLOSE_UNSUPPORTED
from tests.api.scenario import Api
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer
from tests.collab.helpers import synced, wait_stored
from tests.fuzz.conftest import MAX_MESSAGE
from tests.fuzz.strategies import json_values

DOCUMENTED = {CLOSE_PROTOCOL, CLOSE_UNSUPPORTED, CLOSE_TOO_BIG, CLOSE_FLOOD}
WORDS = (" Straße", " Übergänge", " für", " Kinder", " 😀", "ß", " Ausgangslage.")
FUZZ = settings(
    max_examples=20,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

small_texts = st.text(max_size=12)  # no lone surrogates: pycrdt cannot hold them
prims = st.none() | st.booleans() | st.integers(-1000, 1000) | small_texts


@st.composite
def valid_updates(draw: st.DrawFn) -> bytes:
    """Well-formed Yjs updates, many of the wrong shape: maps, arrays, embeds, formatting, unknown roots."""
    doc: Doc[Any] = Doc(client_id=draw(st.integers(1, 2**53 - 1)))  # drawn: hypothesis replays examples exactly
    name = draw(st.sampled_from([*PROPOSAL_FIELDS, "farbe", ""]))
    shape = draw(st.sampled_from(["text", "map", "array", "embed", "format"]))
    if shape == "map":
        doc.get(name, type=Map)[draw(small_texts)] = draw(prims)
    elif shape == "array":
        doc.get(name, type=Array).extend(draw(st.lists(prims, min_size=1, max_size=3)))
    else:
        text = doc.get(name, type=Text)
        text.insert(0, draw(small_texts))
        if shape == "embed":
            text.insert_embed(0, {draw(small_texts): draw(prims)})
        elif shape == "format" and len(text):
            text.format(0, len(text), {draw(small_texts): draw(prims)})
    return doc.get_update()


@st.composite
def damaged(draw: st.DrawFn, updates: st.SearchStrategy[bytes]) -> bytes:
    """A valid update, truncated or with bytes overwritten."""
    data = bytearray(draw(updates))
    if draw(st.booleans()):
        return bytes(data[: draw(st.integers(0, len(data) - 1))])
    for _ in range(draw(st.integers(1, 3))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def awareness_entries() -> st.SearchStrategy[bytes]:
    states = st.text(max_size=20) | json_values.map(lambda v: json.dumps(v)) | st.just("null")
    entry = st.builds(protocol.AwarenessEntry, st.integers(0, 2**53), st.integers(0, 2**32), states)
    return st.lists(entry, max_size=3).map(protocol.encode_awareness)


P = protocol


def framed(kind: int, payload: bytes) -> bytes:
    return P.var_uint(kind) + P.var_bytes(payload)


def sync(subtype: int, payload: bytes) -> bytes:
    return P.var_uint(P.SYNC) + framed(subtype, payload)


def claiming(prefix: bytes) -> st.SearchStrategy[bytes]:
    """A message that announces a huge payload and carries a few bytes."""
    return st.builds(
        lambda size, rest: prefix + P.var_uint(size) + rest, st.integers(2**20, 2**63 - 1), st.binary(max_size=8)
    )


wrong_but_valid = valid_updates()
frames: st.SearchStrategy[bytes | str] = st.one_of(
    st.binary(max_size=64),  # random bytes
    st.text(max_size=20),  # a text frame
    st.binary(min_size=MAX_MESSAGE + 1, max_size=MAX_MESSAGE + 64),  # above the size limit
    st.builds(framed, st.integers(0, 2**40), st.binary(max_size=32)),  # any message type
    st.builds(sync, st.integers(0, 9), st.binary(max_size=32)),  # any sync subtype
    st.binary(max_size=32).map(P.sync_step1),  # a state vector that may be none
    st.binary(max_size=32).map(P.sync_step2),  # sync step 2 with a garbage update
    st.binary(max_size=32).map(P.sync_update),
    damaged(wrong_but_valid).map(P.sync_update),  # truncated or damaged updates
    damaged(wrong_but_valid).map(P.sync_step2),
    wrong_but_valid.map(P.sync_update),  # well-formed updates of the wrong shape
    wrong_but_valid.map(P.sync_step2),
    awareness_entries().map(P.awareness),  # awareness with bad JSON, odd ids and clocks
    damaged(awareness_entries().filter(bool)).map(P.awareness),
    claiming(P.var_uint(P.SYNC) + P.var_uint(P.UPDATE)),  # huge length prefixes
    claiming(P.var_uint(P.AWARENESS)),
    st.builds(lambda sub, text: P.var_uint(P.AUTH) + framed(sub, text), st.integers(0, 9), st.binary(max_size=16)),
    st.just(P.var_uint(P.QUERY_AWARENESS)),
)


async def _offend(offender: CollabClient, frame: bytes | str) -> int | None:
    """Send the frame, then a sync step 1 whose answer shows the frame was handled; the close code, if closed."""
    offender.synced.clear()
    with contextlib.suppress(websockets.ConnectionClosed):
        await offender.send_raw(frame)
        await offender.send_raw(P.sync_step1(offender.doc.get_state()))
    await wait_until(lambda: offender.synced.is_set() or offender.close_code is not None)
    return offender.close_code


async def _round(s: CollabServer, offences: list[bytes | str], words: list[str]) -> None:
    measure, (ada, bo, cem) = s.scenario.measure_ids[0], s.scenario.people
    async with CollabClient(s.ws, measure, bo) as editor:
        await synced(editor)
        offender: CollabClient | None = None
        try:
            for frame, word in zip(offences, words * len(offences), strict=False):
                if offender is None or offender.close_code is not None:
                    if offender is not None:
                        await offender.close()
                    offender = await CollabClient(s.ws, measure, ada).__aenter__()
                    await synced(offender)
                code = await _offend(offender, frame)
                assert code is None or code in DOCUMENTED, (code, offender.close_reason, frame)
                # pycrdt counts text offsets in UTF-8 bytes, as len() of a Text does (not len() of a str)
                await editor.edit("description", len(editor.text("description")), word)
        finally:
            if offender is not None:
                await offender.close()
        async with CollabClient(s.ws, measure, cem) as fresh:
            await synced(fresh)
            await wait_until(lambda: fresh.fields() == editor.fields())
        assert editor.close_code is None
        await wait_stored(s.runtime.application, measure, editor.fields())


def _audit_views_answer(s: CollabServer) -> None:
    measure = s.scenario.measure_ids[0]
    with httpx.Client(base_url=s.http, timeout=15) as http:
        api = Api(http, str(s.scenario.people[0]))
        paths: list[tuple[str, dict[str, Any]]] = [
            (f"/measures/{measure}/authors", {}),
            (f"/measures/{measure}/text", {"at": "2999-01-01T00:00:00+00:00"}),
            (f"/measures/{measure}/document-history", {}),
        ]
        for path, params in paths:
            response = http.get("/api" + path, params=params, headers=api.headers())
            assert response.status_code == 200, (path, response.status_code, response.text[:500])


def test_fuzzed_messages_never_crash_a_room_nor_corrupt_its_text(collab_server: CollabServer) -> None:
    @FUZZ
    @given(offences=st.lists(frames, min_size=1, max_size=6), words=st.lists(st.sampled_from(WORDS), min_size=1))
    def fuzz(offences: list[bytes | str], words: list[str]) -> None:
        asyncio.run(_round(collab_server, offences, words))

    fuzz()
    _audit_views_answer(collab_server)
