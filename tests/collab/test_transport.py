"""The direct socket path: frame encoding, the plain-ASGI fallback, slow readers, the store write."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from uuid import uuid4

import pytest
import websockets
from websockets.frames import Frame, Opcode
from websockets.streams import StreamReader

from domain.application import SYSTEM_ACTOR
from domain.document import ProposalDocument
from server.collab import store
from server.collab.room import CLOSE_TOO_SLOW, CLOSE_UNSUPPORTED, Limits
from server.collab.transport import binary_frame
from server.composition import build_application, close_application
from tests.auth import token_of
from tests.collab import conftest
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer, start_server
from tests.collab.helpers import synced

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("size", [0, 1, 125, 126, 65535, 65536, 200_000])
def test_binary_frames_parse_as_one_unmasked_final_binary_frame(size: int) -> None:
    payload = bytes(i % 251 for i in range(size))
    reader = StreamReader()
    reader.feed_data(binary_frame(payload))
    reader.feed_eof()
    parser = Frame.parse(reader.read_exact, mask=False)
    try:
        next(parser)
        raise AssertionError("frame incomplete")
    except StopIteration as done:
        frame = done.value
    assert (frame.opcode, frame.fin, bytes(frame.data)) == (Opcode.BINARY, True, payload)


@pytest.fixture
def plain_server(database_url: str, limits: Limits, monkeypatch: pytest.MonkeyPatch) -> Iterator[CollabServer]:
    """The same app under uvicorn's stock WebSocket protocol: no direct line, the ASGI path."""
    monkeypatch.setattr(conftest, "uvicorn_options", lambda: {"ws": "websockets-sansio"})
    running = start_server(database_url, limits)
    try:
        yield running
    finally:
        running.stop()


async def test_without_the_direct_line_clients_still_edit_and_converge(plain_server: CollabServer) -> None:
    measure, (ada, bo, _) = plain_server.scenario.measure_ids[0], plain_server.scenario.people
    async with CollabClient(plain_server.ws, measure, ada) as a, CollabClient(plain_server.ws, measure, bo) as b:
        await synced(a, b)
        for i in range(30):
            (a if i % 2 else b).text("goal").insert(0, str(i % 10))
            await (a if i % 2 else b).flush()
        await wait_until(lambda: a.fields() == b.fields() and len(a.fields()["goal"]) == 30 + len("Ziel."))


async def test_without_the_direct_line_a_text_frame_is_refused_with_1003(plain_server: CollabServer) -> None:
    measure, ada = plain_server.scenario.measure_ids[0], plain_server.scenario.people[0]
    async with websockets.connect(f"{plain_server.ws}/collab/{measure}?token={token_of(ada)}") as socket:
        await socket.send("hallo")
        with pytest.raises(websockets.ConnectionClosed):
            while True:
                await asyncio.wait_for(socket.recv(), 5)
        assert socket.close_code == CLOSE_UNSUPPORTED


@pytest.fixture
def limits() -> Limits:
    # The stalled-reader test writes 5.6 MB into one field: well beyond the default size limits.
    return Limits(
        catalogue_debounce=0.2, send_buffer_bytes=64 * 1024, max_field_bytes=10_000_000, max_document_bytes=10**8
    )


async def test_a_reader_that_stops_reading_is_disconnected_and_the_room_carries_on(
    collab_server: CollabServer,
) -> None:
    measure, (ada, bo, cem) = collab_server.scenario.measure_ids[0], collab_server.scenario.people
    # A raw socket that stops reading (with a small kernel buffer): what the server sends piles up.
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.connect(("127.0.0.1", int(collab_server.ws.rsplit(":", 1)[1])))
    raw.setblocking(False)
    url = f"{collab_server.ws}/collab/{measure}?token={token_of(cem)}"
    stalled = await websockets.connect(url, sock=raw, max_queue=1)
    stalled.transport.pause_reading()
    async with CollabClient(collab_server.ws, measure, ada) as a, CollabClient(collab_server.ws, measure, bo) as b:
        await synced(a, b)
        chunk = "x" * 16000

        def caught_up() -> bool:
            return len(b.fields()["description"]) == len(a.fields()["description"])

        for sent in range(1, 351):  # 5.6 MB: more than the kernel buffers (4 MB) plus the 64 KiB allowed to wait
            a.text("description").insert(0, chunk)
            await a.flush()
            if sent % 4 == 0:  # a reading client is kept within its allowance (on a busy machine it reads slowly)
                await wait_until(lambda: caught_up() or b.close_code is not None, timeout=20)
                assert b.close_code is None, f"the reading client was closed too: {b.close_code} {b.close_reason}"
        await wait_until(caught_up, timeout=20)
    stalled.transport.resume_reading()
    with pytest.raises(websockets.ConnectionClosed):
        while True:
            await asyncio.wait_for(stalled.recv(), 10)
    assert stalled.close_code == CLOSE_TOO_SLOW


def test_appending_a_version_that_is_taken_stores_nothing_of_the_batch(database_url: str) -> None:
    app = build_application(database_url)
    try:
        document = ProposalDocument(uuid4(), SYSTEM_ACTOR, "AA==")
        app.save(document)
        twin = app.repository.get(document.id)
        document.append([{"actor": SYSTEM_ACTOR, "update": "AQ=="}])
        store.append_events(app, document.collect_events())
        twin.append([{"actor": SYSTEM_ACTOR, "update": "Ag=="}])
        twin.append([{"actor": SYSTEM_ACTOR, "update": "Aw=="}])
        with pytest.raises(Exception):  # noqa: B017 - the library's integrity error, whichever it is
            store.append_events(app, twin.collect_events())
        stored = app.repository.get(document.id)
        assert (stored.version, stored.update_count) == (2, 1)
    finally:
        close_application(app)


def _client_frame(payload: bytes, opcode: int = 0x2, fin: bool = True) -> bytes:
    """A masked client-to-server frame (RFC 6455, 5.2), as browsers send them."""
    from websockets.frames import apply_mask

    mask = bytes([0x37, 0xFA, 0x21, 0x3D])
    size = len(payload)
    head = bytes([(0x80 if fin else 0) | opcode])
    if size < 126:
        head += bytes([0x80 | size])
    elif size < 65536:
        head += bytes([0x80 | 126]) + size.to_bytes(2, "big")
    else:
        head += bytes([0x80 | 127]) + size.to_bytes(8, "big")
    return head + mask + apply_mask(payload, mask)


async def _answers(connection: websockets.ClientConnection, count: int) -> int:
    """Sync step 2 answers among what arrives within a few seconds, until ``count`` came."""
    from server.collab import protocol

    got = 0
    while got < count:
        message = await asyncio.wait_for(connection.recv(), 10)
        assert isinstance(message, bytes)
        if message[:2] == bytes([protocol.SYNC, protocol.STEP2]):
            got += 1
    return got


async def test_frames_cut_on_the_direct_line_arrive_whole_however_the_bytes_come(
    collab_server: CollabServer,
) -> None:
    """The direct line cuts the byte stream into frames itself: frames split at every byte, several
    in one piece, a ping between them, 16- and 64-bit lengths, and a fragmented message (which
    websockets then reads, with everything after it) are all answered, in order."""
    from server.collab import protocol

    measure, ada = collab_server.scenario.measure_ids[0], collab_server.scenario.people[0]
    step1 = protocol.sync_step1(protocol.var_uint(0))
    wide = protocol.sync_step1(
        protocol.var_uint(40) + b"".join(protocol.var_uint(10**9 + n) + b"\x01" for n in range(40))
    )
    huge_state = protocol.var_uint(12_000) + b"".join(protocol.var_uint(10**9 + n) + b"\x01" for n in range(12_000))
    huge = protocol.sync_step1(huge_state)  # over 65,535 bytes: a 64-bit length
    assert 125 < len(wide) < 65536 < len(huge)
    async with websockets.connect(f"{collab_server.ws}/collab/{measure}?token={token_of(ada)}", max_size=None) as ws:
        await _answers(ws, 0)
        raw = ws.transport
        assert raw is not None
        together = _client_frame(step1) + _client_frame(b"ping!", opcode=0x9) + _client_frame(wide)
        raw.write(together)
        assert await _answers(ws, 2) == 2
        for byte in _client_frame(step1) + _client_frame(huge) + _client_frame(step1):  # one byte at a time
            raw.write(bytes([byte]))
            await asyncio.sleep(0)
        assert await _answers(ws, 3) == 3
        raw.write(_client_frame(step1[:2], fin=False) + _client_frame(step1[2:], opcode=0x0) + _client_frame(wide))
        assert await _answers(ws, 2) == 2
        await ws.send(step1)  # and a well-behaved client goes on as before
        assert await _answers(ws, 1) == 1


async def test_a_frame_announcing_more_than_the_size_limit_closes_at_its_header(
    collab_server: CollabServer,
) -> None:
    measure, ada = collab_server.scenario.measure_ids[0], collab_server.scenario.people[0]
    async with websockets.connect(f"{collab_server.ws}/collab/{measure}?token={token_of(ada)}") as ws:
        raw = ws.transport
        assert raw is not None
        raw.write(bytes([0x82, 0x80 | 127]) + (2**40).to_bytes(8, "big") + b"mask" + b"x" * 100)
        with pytest.raises(websockets.ConnectionClosed):
            while True:
                await asyncio.wait_for(ws.recv(), 10)
        assert ws.close_code == 1009
