"""Live rooms across two server processes: edits, presence, races, freezing and missed messages.

Clients of one proposal are split over processes ``a`` and ``b`` (pycrdt clients and the real
``y-websocket`` client of ``tests/js``); every update is stored before any process sends it on.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import subprocess
import sys
import threading
from typing import Any

import httpx
import pytest
import websockets
from pycrdt import Text

from server.collab import store
from server.collab.room import CLOSE_FLOOD
from server.composition import build_application, close_application
from tests.auth import bearer
from tests.cluster.conftest import Pair, ServerProcess, start
from tests.collab.client import CollabClient, wait_until
from tests.collab.helpers import synced
from tests.collab.test_js_interop import NodeClient
from tests.conftest import POSTGRES_URL, REDIS_URL

pytestmark = pytest.mark.anyio


def _stored_text(measure: Any) -> dict[str, str]:
    app = build_application(POSTGRES_URL)
    try:
        return store.text_of(store.load(app, measure).doc)
    finally:
        close_application(app)


async def _stored(measure: Any) -> dict[str, str]:
    return await asyncio.to_thread(_stored_text, measure)


async def test_an_edit_on_one_process_reaches_clients_on_the_other_and_is_stored(pair: Pair) -> None:
    measure, (ada, bo, _) = pair.scenario.measure_ids[0], pair.scenario.people
    async with CollabClient(pair.a.ws, measure, ada) as a, CollabClient(pair.b.ws, measure, bo) as b:
        await synced(a, b)
        await a.edit("goal", 0, "Von A. ")
        await wait_until(lambda: "Von A. " in b.fields()["goal"])
        await b.edit("goal", 0, "Von B. ")
        await wait_until(lambda: "Von B. " in a.fields()["goal"])
        assert a.close_code is None and b.close_code is None
        assert await _stored(measure) == a.fields() == b.fields()


async def test_both_processes_typing_into_one_proposal_never_close_a_client(pair: Pair) -> None:
    """One process stores (the live writer), the other forwards its clients' updates to it: no race, no retry."""
    measure, (ada, bo, cem) = pair.scenario.measure_ids[1], pair.scenario.people

    def counted(name: str) -> float:
        return sum(_metric(pair, server, name) for server in (pair.a, pair.b))

    async with (
        CollabClient(pair.a.ws, measure, ada) as a,
        CollabClient(pair.b.ws, measure, bo) as b,
        CollabClient(pair.b.ws, measure, cem) as c,
    ):
        await synced(a, b, c)
        text_before = a.fields()["description"].split()
        forwarded_before = await asyncio.to_thread(counted, "sk_collab_updates_forwarded_total")
        retries_before = await asyncio.to_thread(counted, "sk_collab_write_retries_total")
        for i in range(200):  # both processes take updates into the same stream at once
            for client, word in ((a, "a"), (b, "b"), (c, "c")):
                client.text("description").insert(0, f"{word}{i} ")
            await asyncio.gather(a.flush(), b.flush(), c.flush())
        await wait_until(lambda: a.fields() == b.fields() == c.fields() and "a199 " in b.fields()["description"], 20)
        assert [x.close_code for x in (a, b, c)] == [None, None, None]
        assert await _stored(measure) == a.fields()
        words = a.fields()["description"].split()
        assert sorted(words) == sorted(text_before + [f"{w}{i}" for w in "abc" for i in range(200)])  # each once
    writers = [await asyncio.to_thread(_metric, pair, server, "sk_collab_live_writer") for server in (pair.a, pair.b)]
    assert sorted(writers) == [0.0, 1.0]  # exactly one process stores the live updates
    assert await asyncio.to_thread(counted, "sk_collab_updates_forwarded_total") >= forwarded_before + 200
    assert await asyncio.to_thread(counted, "sk_collab_write_retries_total") == retries_before  # and never raced


def _metric(pair: Pair, server: ServerProcess, name: str) -> float:
    response = httpx.get(f"{server.http}/metrics", headers=bearer(pair.organiser), timeout=10)  # an operator
    assert response.status_code == 200, response.text
    text = response.text
    return sum(float(line.split()[-1]) for line in text.splitlines() if line.startswith(name + " "))


async def test_presence_crosses_processes_and_departures_are_announced(pair: Pair) -> None:
    measure, (ada, bo, _) = pair.scenario.measure_ids[0], pair.scenario.people
    async with CollabClient(pair.b.ws, measure, bo) as b:
        await synced(b)
        async with CollabClient(pair.a.ws, measure, ada) as a:
            await synced(a)
            await a.set_presence(json.dumps({"user": {"name": "Ada"}, "cursor": {"field": "goal"}}))
            await wait_until(lambda: '"goal"' in b.awareness.get(a.doc.client_id, ""))
            client_id = a.doc.client_id
        await wait_until(lambda: b.awareness.get(client_id) == "null")


async def test_a_joiner_on_the_other_process_sees_who_is_there(pair: Pair) -> None:
    measure, (ada, bo, _) = pair.scenario.measure_ids[2], pair.scenario.people
    async with CollabClient(pair.a.ws, measure, ada) as a:
        await synced(a)
        await a.set_presence(json.dumps({"user": {"name": "Ada"}, "cursor": {"field": "lead"}}))
        await asyncio.sleep(0.2)  # the presence is recorded on a before b's room exists
        async with CollabClient(pair.b.ws, measure, bo) as b:
            await synced(b)
            await wait_until(lambda: '"lead"' in b.awareness.get(a.doc.client_id, ""))


async def test_real_y_websocket_clients_split_over_processes_converge(pair: Pair) -> None:
    measure = str(pair.scenario.measure_ids[0])
    people = [str(p) for p in pair.scenario.people]
    js_a = await NodeClient.start(pair.a.ws, measure, people[0], "Ada (A)")
    js_b = await NodeClient.start(pair.b.ws, measure, people[1], "Bo (B)")
    try:
        for js in (js_a, js_b):
            await wait_until(lambda js=js: any(e.get("event") == "synced" for e in js.events), 15)
        await js_a.send(cmd="insert", field="indicators", index=0, text="Quote A. ")
        await js_b.send(cmd="insert", field="indicators", index=0, text="Quote B. ")
        for _ in range(200):
            dump_a, dump_b = await js_a.dump(), await js_b.dump()
            if dump_a["fields"] == dump_b["fields"] and "Quote A. " in dump_b["fields"]["indicators"]:
                break
            await asyncio.sleep(0.05)
        assert dump_a["fields"] == dump_b["fields"]
        assert {"Quote A. ", "Quote B. "} <= {dump_a["fields"]["indicators"][i : i + 9] for i in (0, 9)}
        assert await _stored(measure) == dump_a["fields"]
        assert any(s.get("user", {}).get("name") == "Ada" for s in dump_b["awareness"])  # stamped by the server
    finally:
        await js_a.quit()
        await js_b.quit()


async def test_missed_broker_messages_are_read_from_the_store(pair: Pair) -> None:
    measure, (ada, bo, _) = pair.scenario.measure_ids[2], pair.scenario.people
    async with CollabClient(pair.a.ws, measure, ada) as a, CollabClient(pair.b.ws, measure, bo) as b:
        await synced(a, b)
        # Every subscriber loses its Redis connection (as in a broker restart): messages meanwhile are gone.
        subprocess.run(["redis-cli", "-u", REDIS_URL, "CLIENT", "KILL", "TYPE", "pubsub"], check=True,
                       capture_output=True)  # fmt: skip
        for i in range(5):
            await a.edit("lead", 0, f"Lücke {i}. ")
        await wait_until(lambda: "Lücke 4. " in b.fields()["lead"], 15)
        assert a.fields() == b.fields()


async def test_malformed_broker_messages_stop_nothing_and_store_nothing(pair: Pair) -> None:
    """Whoever reaches the cluster's Redis sends garbage on the live channels: unreadable frames, wrong
    JSON, JSON nested 100,000 deep, forged stored batches with broken Yjs bytes, forwarded updates for an
    unknown proposal. Both processes log it and go on; edits still cross, and none of it is stored."""
    from pycrdt import Doc, Text
    from redis import Redis

    from server.cluster.broker import encode
    from server.collab.sharing import UPDATES, WRITES, channel

    measure, (ada, bo, _) = pair.scenario.measure_ids[0], pair.scenario.people
    async with CollabClient(pair.a.ws, measure, ada) as a, CollabClient(pair.b.ws, measure, bo) as b:
        await synced(a, b)
        await a.edit("goal", 0, "Vorher. ")
        await wait_until(lambda: "Vorher. " in b.fields()["goal"])
        stored_before = await _stored(measure)
        deep = ("[" * 100_000 + "]" * 100_000).encode()
        far = {"measure": str(measure), "first": 10**9, "last": 10**9}  # a batch beyond anything stored
        broken = store.b64(b"\x01\x01\xff\xff\xff\xff\x0f\x00\x84")  # a struct cut short
        unknown = "00000000-0000-4000-8000-000000000000"
        forger = Doc()  # a well-formed update, forwarded in the name of nobody
        forger.apply_update(a.doc.get_update())
        state = forger.get_state()
        forger.get("goal", type=Text).insert(0, "Gefälscht. ")
        forged = forger.get_update(state)
        garbage = [
            (WRITES, b"\x00"),  # not even a header
            (UPDATES, b"\xff" * 64),
            (WRITES, encode("write", "fremd", b"kein JSON")),
            (WRITES, encode("write", "fremd", deep)),
            (UPDATES, encode("updates", "fremd", deep)),
            (UPDATES, encode("updates", "fremd", {"rooms": [{"measure": "keine-uuid"}]})),
            (UPDATES, encode("updates", "fremd", {"rooms": [{**far, "updates": [broken]}]})),
            (WRITES, encode("write", "fremd", {"rooms": {str(measure): [[str(bo), broken]]}})),
            (WRITES, encode("write", "fremd", {"rooms": {unknown: [[str(bo), broken]]}})),
            (WRITES, encode("write", "fremd", {"rooms": {str(measure): [["keine-uuid", "@@@"]]}})),
            (WRITES, encode("write", "fremd", {"rooms": {str(measure): [["keine-uuid", store.b64(forged)]]}})),
            (channel(measure), encode("presence", "fremd", b"\x01\x02")),
            (channel(measure), encode("refused", "fremd", deep)),
        ]
        redis = Redis.from_url(REDIS_URL)
        try:
            for name, data in garbage:
                redis.publish(f"{pair.prefix}:{name}", data)
        finally:
            redis.close()
        await asyncio.sleep(1.5)  # past the forwarding timeout: whatever was taken would show now
        await b.edit("goal", 0, "Nachher. ")
        await a.edit("lead", 0, "Auch nachher. ")
        await wait_until(lambda: "Nachher. " in a.fields()["goal"] and "Auch nachher. " in b.fields()["lead"], 15)
        assert a.close_code is None and b.close_code is None
        stored = await _stored(measure)
        assert stored == a.fields() == b.fields()
        assert {k: v for k, v in stored.items() if k not in ("goal", "lead")} == {
            k: v for k, v in stored_before.items() if k not in ("goal", "lead")
        }
        assert stored["goal"] == "Nachher. " + stored_before["goal"]
    async with CollabClient(pair.a.ws, measure, ada) as late_a, CollabClient(pair.b.ws, measure, bo) as late_b:
        await synced(late_a, late_b)  # what each room's document holds, not only what it sent
        assert late_a.fields() == late_b.fields() == stored
    for server in pair.servers:
        assert server.process.poll() is None  # both still serve
        assert httpx.get(f"{server.http}/api/health", timeout=10).status_code == 200


async def test_the_writer_reads_up_the_store_for_a_forwarded_update_that_builds_on_what_it_lacks(pair: Pair) -> None:
    """A forwarding process stored an update itself (its batch was not shown stored in time) and forwards the
    next one, built on it, before the writer heard of the first: the writer's room lacks what the forwarded
    update builds on. It reads the store first and then takes the update, instead of refusing it (which would
    throw that process's room and its clients' edit away)."""
    from redis import Redis

    from domain.document import document_id
    from server.cluster.broker import encode
    from server.collab.sharing import WRITES

    measure, (ada, bo, _) = pair.scenario.measure_ids[2], pair.scenario.people
    writer, other = await asyncio.to_thread(_writer_first, pair)
    async with CollabClient(writer.ws, measure, ada) as w, CollabClient(other.ws, measure, bo) as o:
        await synced(w, o)
        before = w.fields()["partners"]
        elsewhere = store.new_doc()  # the forwarding process's document, as its client's edits made it
        elsewhere.apply_update(w.doc.get_update())
        partners = elsewhere.get("partners", type=Text)
        state = elsewhere.get_state()
        partners.insert(0, "Selbst gespeichert. ")
        first = elsewhere.get_update(state)
        state = elsewhere.get_state()
        partners.insert(len("Selbst gespeichert. "), "Dann weitergeleitet. ")
        second = elsewhere.get_update(state)

        def store_first() -> None:  # as that process stores it: the room's stream, no message to anyone
            app = build_application(POSTGRES_URL)
            try:
                document = app.repository.get(document_id(measure))
                document.append([{"actor": bo, "update": store.b64(first)}])
                store.append_events(app, document.collect_events())
            finally:
                close_application(app)

        await asyncio.to_thread(store_first)
        redis = Redis.from_url(REDIS_URL)
        try:
            redis.publish(
                f"{pair.prefix}:{WRITES}",
                encode("write", "anderer-prozess", {"rooms": {str(measure): [[str(bo), store.b64(second)]]}}),
            )
        finally:
            redis.close()
        expected = "Selbst gespeichert. Dann weitergeleitet. " + before
        await wait_until(lambda: w.fields()["partners"] == o.fields()["partners"] == expected, 15)
        assert (await _stored(measure))["partners"] == expected  # the forwarded update is stored too
        assert w.close_code is None and o.close_code is None


async def test_a_forged_stored_batch_without_updates_does_not_make_a_room_skip_what_follows(pair: Pair) -> None:
    """Whoever reaches the cluster's Redis announces an empty stored batch that takes the next 50 versions of a
    proposal's stream. Taken at its word, every room would count those versions as read and ignore the real
    batches stored after it: edits from the other process would no longer arrive. A batch of ours always
    brings updates and at most two versions (a checkpoint and the updates), so a room reads the store instead."""
    from redis import Redis

    from domain.document import document_id
    from server.cluster.broker import encode
    from server.collab.sharing import UPDATES

    measure, (ada, bo, _) = pair.scenario.measure_ids[2], pair.scenario.people
    async with CollabClient(pair.a.ws, measure, ada) as a, CollabClient(pair.b.ws, measure, bo) as b:
        await synced(a, b)
        await a.edit("timeframe", 0, "Vorher. ")
        await wait_until(lambda: "Vorher. " in b.fields()["timeframe"], 15)

        def version() -> int:
            app = build_application(POSTGRES_URL)
            try:
                return int(app.repository.get(document_id(measure)).version)
            finally:
                close_application(app)

        known = await asyncio.to_thread(version)
        forged = {"measure": str(measure), "first": known + 1, "last": known + 50, "updates": []}
        redis = Redis.from_url(REDIS_URL)
        try:
            redis.publish(f"{pair.prefix}:{UPDATES}", encode("updates", "faelscher", {"rooms": [forged]}))
        finally:
            redis.close()
        await asyncio.sleep(0.5)
        for i in range(3):
            await a.edit("timeframe", 0, f"Danach {i}. ")
            await b.edit("cost", 0, f"Auch danach {i}. ")
        await wait_until(lambda: a.fields() == b.fields() and "Danach 2. " in b.fields()["timeframe"], 15)
        assert "Auch danach 2. " in a.fields()["cost"]
        assert await _stored(measure) == a.fields()


@pytest.mark.parametrize("deciding", ["writer", "forwarder"])
async def test_an_agreement_through_one_process_freezes_the_room_on_the_other(pair: Pair, deciding: str) -> None:
    """Typing goes on through the other process while the agreement is made: through the live writer (the
    typist's updates are forwarded to the process that freezes, and refused there), or through the
    forwarding process (the writer stores the typist's updates until the freeze marker stops it)."""
    measure = pair.scenario.measure_ids[1 if deciding == "writer" else 3]  # a decided proposal stays frozen
    ada, bo, _ = pair.scenario.people
    writer, other = await asyncio.to_thread(_writer_first, pair)
    through, typing_on = (writer, other) if deciding == "writer" else (other, writer)
    async with CollabClient(through.ws, measure, ada) as a, CollabClient(typing_on.ws, measure, bo) as b:
        await synced(a, b)
        stop = asyncio.Event()

        async def type_on_b() -> None:
            i = 0
            while not stop.is_set() and b.close_code is None:
                b.text("title").insert(0, f"t{i} ")
                with contextlib.suppress(websockets.ConnectionClosed):  # its room may be reset once frozen
                    await b.flush()
                i += 1
                await asyncio.sleep(0.003)

        typing = asyncio.create_task(type_on_b())
        await asyncio.sleep(0.5)
        async with httpx.AsyncClient(base_url=through.http, timeout=30, headers=bearer(str(ada))) as http:
            response = await http.post(f"/api/measures/{measure}/agreement", json={})
        stop.set()
        await typing
        assert response.status_code == 200, response.text
        await asyncio.sleep(1.0)  # anything b still had on its way
        decided = (await asyncio.to_thread(pair.get, through, f"/measures/{measure}/decision-texts")).json()[-1]
        stored = await _stored(measure)
        assert decided["frozen"]["fields"] == stored  # every stored update is in the decided text, none after
        assert decided["frozen"]["sha256"] == response.json()["sha256"]
        assert b.denied or b.close_code is not None  # b was told


def _writer_first(pair: Pair) -> tuple[ServerProcess, ServerProcess]:
    """(the process holding the live writer's lease, the other one)."""
    for _ in range(100):
        writes = [_metric(pair, server, "sk_collab_live_writer") for server in (pair.a, pair.b)]
        if sorted(writes) == [0.0, 1.0]:
            return (pair.a, pair.b) if writes[0] == 1.0 else (pair.b, pair.a)
        threading.Event().wait(0.1)
    raise AssertionError(f"not exactly one live writer: {writes}")


async def test_a_stalled_writer_leaves_the_other_process_storing_itself_and_both_converge(pair: Pair) -> None:
    """The writer stops (SIGSTOP) while clients type on both: the other process's batches are not shown
    stored in time, so it stores them itself; its clients go on seeing each other's edits. Once the writer
    resumes, it stores its own clients' edits after those, and every room converges without a reset."""
    import os
    import signal

    measure, (ada, bo, cem) = pair.scenario.measure_ids[2], pair.scenario.people
    writer, other = await asyncio.to_thread(_writer_first, pair)
    timeouts_before = await asyncio.to_thread(_metric, pair, other, "sk_collab_forward_timeouts_total")
    failures_before = [
        await asyncio.to_thread(_metric, pair, s, "sk_collab_room_failures_total") for s in (writer, other)
    ]
    async with (
        CollabClient(writer.ws, measure, ada) as w,
        CollabClient(other.ws, measure, bo) as o1,
        CollabClient(other.ws, measure, cem) as o2,
    ):
        await synced(w, o1, o2)
        for i in range(100):  # an earlier test's late batch may have this room written here for a while: till over
            forwarded = await asyncio.to_thread(_metric, pair, other, "sk_collab_updates_forwarded_total")
            await o1.edit("target_group", 0, f"v{i} ")
            await wait_until(lambda i=i: f"v{i} " in w.fields()["target_group"], 15)
            if await asyncio.to_thread(_metric, pair, other, "sk_collab_updates_forwarded_total") > forwarded:
                break
            await asyncio.sleep(0.2)
        timeouts_before = await asyncio.to_thread(_metric, pair, other, "sk_collab_forward_timeouts_total")
        os.kill(writer.process.pid, signal.SIGSTOP)
        try:
            await w.edit("target_group", 0, "Vom Angehaltenen. ")  # waits in the stopped process's socket
            await o1.edit("target_group", 0, "Trotzdem gespeichert. ")
            await wait_until(lambda: "Trotzdem gespeichert. " in o2.fields()["target_group"], 15)
            assert "Trotzdem gespeichert. " in (await _stored(measure))["target_group"]  # stored before o2 saw it
            await o2.edit("target_group", 0, "Und noch eins. ")
            await wait_until(lambda: "Und noch eins. " in o1.fields()["target_group"], 15)
        finally:
            os.kill(writer.process.pid, signal.SIGCONT)
        await wait_until(
            lambda: w.fields() == o1.fields() == o2.fields() and "Vom Angehaltenen. " in o1.fields()["target_group"]
            and "Und noch eins. " in w.fields()["target_group"],
            20,
        )  # fmt: skip
        assert [x.close_code for x in (w, o1, o2)] == [None, None, None]
        assert await _stored(measure) == w.fields()
    assert await asyncio.to_thread(_metric, pair, other, "sk_collab_forward_timeouts_total") > timeouts_before
    failures = [await asyncio.to_thread(_metric, pair, s, "sk_collab_room_failures_total") for s in (writer, other)]
    assert failures == failures_before  # no room was reset on either process


async def test_a_process_killed_while_both_type_loses_no_edit_anyone_saw(tmp_path: Any) -> None:
    """The process that stores the live updates is the one killed: the survivor takes over its lease."""
    from tests.cluster.conftest import fresh_world

    scenario = fresh_world()
    pair = Pair(tmp_path, scenario)
    measure, (ada, bo, _) = scenario.measure_ids[0], scenario.people
    try:
        writer, survivor = await asyncio.to_thread(_writer_first, pair)
        async with CollabClient(survivor.ws, measure, ada) as a, CollabClient(writer.ws, measure, bo) as b:
            await synced(a, b)
            for i in range(20):
                await a.edit("partners", 0, f"a{i} ")
                await b.edit("partners", 0, f"b{i} ")
            await wait_until(lambda: a.fields() == b.fields() and "a19" in b.fields()["partners"] and
                             "b19" in a.fields()["partners"])  # fmt: skip
            seen = a.fields()["partners"]
            writer.kill()
            await b.wait_closed()
            await b.reconnect(survivor.ws)  # to the survivor
            await synced(b)
            await wait_until(lambda: a.fields() == b.fields())
            for word in seen.split():
                assert word in a.fields()["partners"]
            await a.edit("partners", 0, "Danach. ")  # stored by the survivor, now the writer
            await wait_until(lambda: "Danach. " in b.fields()["partners"], 15)
            await wait_until(lambda: _metric(pair, survivor, "sk_collab_live_writer") == 1.0, 15)
        stored = await _stored(measure)
        assert all(word in stored["partners"] for word in [*seen.split(), "Danach."])
        result = subprocess.run(
            [sys.executable, "-m", "server.cli", "verify", "--database", POSTGRES_URL], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
    finally:
        pair.stop()


async def test_the_connection_limit_counts_every_process(tmp_path: Any) -> None:
    from tests.cluster.conftest import fresh_world

    scenario = fresh_world()
    pair = Pair(tmp_path, scenario, env={"SOZIALKONFERENZ_COLLAB_MAX_CONNECTIONS_PER_PERSON": "2"})
    measure, bo = scenario.measure_ids[0], scenario.people[1]
    try:
        async with CollabClient(pair.a.ws, measure, bo) as first, CollabClient(pair.b.ws, measure, bo) as second:
            await synced(first, second)
            async with CollabClient(pair.a.ws, measure, bo) as third:
                assert await third.wait_closed() == CLOSE_FLOOD
                assert "höchstens 2" in third.close_reason
        async with CollabClient(pair.b.ws, measure, bo) as again:  # both were given back on leaving
            await synced(again)
    finally:
        pair.stop()


class Proxy:
    """A TCP relay to Redis that a test can cut: the broker of one process becomes unreachable."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = threading.Event()
        self.open.set()
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            client, _ = self.listener.accept()
            if not self.open.is_set():
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        with contextlib.suppress(OSError):
            target.close()

    def cut(self) -> None:
        self.open.clear()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.sockets.clear()

    def restore(self) -> None:
        self.open.set()


async def test_with_its_broker_unreachable_a_process_keeps_editing_and_catches_up_from_the_store(
    tmp_path: Any,
) -> None:
    """Edits go on on both sides while one process has no broker; each reads the other's from the store."""
    scenario, proxy, a, b = _pair_with_b_behind_a_proxy(tmp_path)
    measure, (ada, bo, _) = scenario.measure_ids[1], scenario.people
    try:
        async with CollabClient(a.ws, measure, ada) as on_a, CollabClient(b.ws, measure, bo) as on_b:
            await synced(on_a, on_b)
            proxy.cut()
            for i in range(3):
                await on_a.edit("cost", 0, f"A{i} ")
                await on_b.edit("funding", 0, f"B{i} ")
            await wait_until(lambda: "A2 " in on_b.fields()["cost"] and "B2 " in on_a.fields()["funding"], 15)
            proxy.restore()
            await on_a.edit("cost", 0, "Danach. ")
            await wait_until(lambda: "Danach. " in on_b.fields()["cost"], 15)
            assert on_a.fields() == on_b.fields()
            assert (on_a.close_code, on_b.close_code) == (None, None)
        assert await _stored(measure) == on_a.fields()
    finally:
        a.stop()
        b.stop()
        proxy.cut()


class PrivateRedis:
    """A Redis server of the test's own (``redis-server`` on a free port, nothing on disk): it can be restarted."""

    def __init__(self, directory: Any) -> None:
        from tests.ports import free_port

        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, cwd=self.directory, stdout=subprocess.DEVNULL)
        for _ in range(200):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                return
            threading.Event().wait(0.05)
        raise AssertionError("redis-server did not start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


async def test_a_broker_restart_mid_editing_loses_nothing_and_rooms_do_not_diverge(tmp_path: Any) -> None:
    """Redis itself is killed and started again while clients on both processes type: edits go on, and
    what crossed no broker meanwhile is read from the store; nothing is lost, nobody is closed."""
    import shutil

    from tests.cluster.conftest import fresh_world, new_prefix
    from tests.conftest import REQUIRE_SERVICES

    if shutil.which("redis-server") is None:  # CI runs Redis on its machine, so the server program is there
        missing = "redis-server fehlt (Debian-Paket redis-server): Neustart des Brokers nicht prüfbar"
        pytest.fail(missing) if REQUIRE_SERVICES else pytest.skip(missing)
    scenario = fresh_world()
    redis = PrivateRedis(tmp_path)
    redis.start()
    prefix = new_prefix()
    a = ServerProcess(tmp_path, prefix=prefix, broker=redis.url)
    b = ServerProcess(tmp_path, prefix=prefix, broker=redis.url)
    try:
        start(a, b)
        measure, (ada, bo, _) = scenario.measure_ids[2], scenario.people
        async with CollabClient(a.ws, measure, ada) as on_a, CollabClient(b.ws, measure, bo) as on_b:
            await synced(on_a, on_b)
            await on_a.edit("cost", 0, "Vorher. ")
            await wait_until(lambda: "Vorher. " in on_b.fields()["cost"], 15)
            redis.kill()
            for i in range(5):
                await on_a.edit("cost", 0, f"A{i} ")
                await on_b.edit("funding", 0, f"B{i} ")
                await asyncio.sleep(0.1)
            redis.start()
            for i in range(5):
                await on_a.edit("cost", 0, f"Danach-A{i} ")
                await on_b.edit("funding", 0, f"Danach-B{i} ")
            await wait_until(
                lambda: on_a.fields() == on_b.fields() and "Danach-B4 " in on_a.fields()["funding"]
                and "Danach-A4 " in on_b.fields()["cost"] and "B0 " in on_a.fields()["funding"],
                30,
            )  # fmt: skip
            assert (on_a.close_code, on_b.close_code) == (None, None)
        assert await _stored(measure) == on_a.fields()
        for server in (a, b):
            assert "Traceback" not in server.output()
    finally:
        a.stop()
        b.stop()
        redis.kill()


async def test_a_process_that_missed_the_freeze_finds_the_marker_in_the_store_and_stores_nothing_after_it(
    tmp_path: Any,
) -> None:
    """No broker message reaches ``b`` (its broker is cut): the agreement through ``a`` freezes the proposal,
    and ``b``'s next write finds the marker under the write lock. The store decides, not timing."""
    scenario, proxy, a, b = _pair_with_b_behind_a_proxy(tmp_path)
    measure, (ada, bo, _) = scenario.measure_ids[0], scenario.people
    try:
        async with CollabClient(a.ws, measure, ada) as on_a, CollabClient(b.ws, measure, bo) as on_b:
            await synced(on_a, on_b)
            proxy.cut()
            async with httpx.AsyncClient(base_url=a.http, timeout=30, headers=bearer(str(ada))) as http:
                response = await http.post(f"/api/measures/{measure}/agreement", json={})
            assert response.status_code == 200, response.text
            with contextlib.suppress(websockets.ConnectionClosed):
                await on_b.edit("title", 0, "Nach dem Beschluss. ")
            await wait_until(lambda: bool(on_b.denied) or on_b.close_code is not None, 15)
            await asyncio.sleep(1.0)
            decided = (await asyncio.to_thread(_get, a, str(ada), f"/measures/{measure}/decision-texts")).json()[-1]
            stored = await _stored(measure)
            assert "Nach dem Beschluss. " not in stored["title"]
            assert decided["frozen"]["fields"] == stored
        assert "Traceback" not in b.output()
    finally:
        proxy.restore()
        a.stop()
        b.stop()
        proxy.cut()


def _get(server: ServerProcess, person: str, path: str) -> httpx.Response:
    return httpx.get(f"{server.http}/api{path}", headers=bearer(person), timeout=10)


def _pair_with_b_behind_a_proxy(tmp_path: Any) -> tuple[Any, Proxy, ServerProcess, ServerProcess]:
    """A fresh world and two processes of one cluster, ``b`` reaching Redis through a proxy the test can cut."""
    from tests.cluster.conftest import fresh_world, new_prefix

    scenario = fresh_world()
    host, port = REDIS_URL.split("//", 1)[1].split("/", 1)[0].split(":")
    proxy = Proxy((host, int(port)))
    prefix = new_prefix()
    a = ServerProcess(tmp_path, prefix=prefix)
    database = REDIS_URL.rsplit("/", 1)[1]
    b = ServerProcess(tmp_path, prefix=prefix, broker=f"redis://127.0.0.1:{proxy.port}/{database}")
    start(a, b)
    return scenario, proxy, a, b
