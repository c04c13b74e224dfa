"""A fuzzing campaign against a live server: batches of attacks from a group member, each followed by
the checks of :mod:`tests.fuzz.live`, for a given number of seconds.

Used by tests/fuzz/test_collab_structured.py (bounded, in CI) and ``python -m bench.fuzz_collab`` (as
long as asked). A failure names the seed, the batch and its frames; the frames are also written as
JSON (hex) to ``tests/output/fuzz/`` so they can be sent again.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

import websockets

from server.collab import protocol as P
from server.collab import store
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import Scenario
from tests.fuzz import generators, mutations, presence
from tests.fuzz.attacks import Attack, Stats, differences, protocol_frame
from tests.fuzz.js_client import JsClient
from tests.fuzz.live import ServerProcess, StoreReader, allowed_close, audit_views_answer, prepare, reader_failure

OUTPUT = Path(__file__).resolve().parents[1] / "output" / "fuzz"
VIEWS_EVERY = 3.0  # seconds between checks of the auditor's views in a random run
WORDS = (" Straße", " für", " Kinder", " ÄÖÜ", " 😀", " Ausgangslage.")


class Campaign:
    def __init__(
        self, database_url: str, seconds: float, seed: int, log_path: Path, node: bool = True, open_defects: bool = True
    ) -> None:
        self.database_url, self.seconds, self.seed, self.log_path = database_url, seconds, seed, log_path
        self.rng = random.Random(seed)
        self.node = node
        self.open_defects = open_defects  # False: without the inputs of generators.OPEN_DEFECTS
        self.restart = True  # at the end, start the server again and check what every room loads
        self.stats = Stats()
        self.scenario: Scenario
        self.server: ServerProcess
        self.reader: StoreReader
        self.attacker: CollabClient | None = None
        self.rooms: dict[UUID, tuple[CollabClient, CollabClient]] = {}
        self.js: JsClient | None = None
        self._js_pool: list[bytes] = []
        self._foreign: list[bytes] = []
        self._sent: list[bytes] = []
        self._since_views: list[Attack] = []  # attacks since the auditor's views were last checked
        self._views_checked = 0.0

    @property
    def attacked(self) -> UUID:
        return self.scenario.measure_ids[0]

    async def __aenter__(self) -> Campaign:
        """The server with the scenario, the honest clients, the generators' pools; checked once."""
        self.scenario = await asyncio.to_thread(prepare, self.database_url)
        self.server = ServerProcess(self.database_url, self.log_path)
        self.reader = await asyncio.to_thread(StoreReader, self.database_url)
        try:
            await self.server.ready()
            await self._open_honest()
            await self.check()
        except BaseException:
            await self.__aexit__(None, None, None)
            raise
        return self

    async def __aexit__(self, kind: object, *rest: object) -> None:
        """Without an error: stop, restart and check every room loads what was seen. Then clean up."""
        try:
            if kind is None and self.restart:
                await self._after_restart()
        finally:
            await self._close_clients()
            self.server.stop()
            self.reader.close()

    async def run(self) -> Stats:
        """Random batches until the time is up."""
        async with self:
            await self._fuzz()
        return self.stats

    # --- the clients ---------------------------------------------------------------------------

    async def _open_honest(self) -> None:
        ada, bo, cem = self.scenario.people
        for measure in (self.attacked, self.scenario.measure_ids[1]):  # the attacked room and a quiet one
            editor = await CollabClient(self.server.ws, measure, bo).__aenter__()
            await asyncio.wait_for(editor.synced.wait(), 15)
            await editor.set_presence(json.dumps({"user": {"name": "Bo", "color": "#30bced"}}))
            watcher = await CollabClient(self.server.ws, measure, cem).__aenter__()
            self.rooms[measure] = (editor, watcher)
        if self.node:
            self.js = await JsClient.start(self.server.ws, str(self.attacked), str(cem), "Cem im Browser")

    async def _close_clients(self) -> None:
        clients = [c for pair in self.rooms.values() for c in pair] + ([self.attacker] if self.attacker else [])
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()
        if self.js is not None:
            await self.js.quit()

    async def _attacker(self) -> CollabClient:
        if self.attacker is None or self.attacker.close_code is not None or reader_failure(self.attacker):
            if self.attacker is not None:
                await self.attacker.close()
            attacker = await CollabClient(self.server.ws, self.attacked, self.scenario.people[0]).__aenter__()
            self.attacker = attacker
            await wait_until(
                lambda: attacker.synced.is_set() or attacker.close_code is not None or bool(reader_failure(attacker)),
                15,
            )
            assert not reader_failure(attacker), f"der Server schickte beim Beitreten: {reader_failure(attacker)}"
            assert attacker.close_code is None, ("Angreifer nicht zugelassen", attacker.close_code)
        return self.attacker

    # --- attacking -----------------------------------------------------------------------------

    def _context(self, attacker: CollabClient) -> generators.Context:
        editor = self.rooms[self.attacked][0]
        known = generators.seed_ids({"title": "Vorschlag 1", "description": "Ausgangslage."})
        known += [(editor.doc.client_id, clock) for clock in range(0, 60, 7)]
        others = [store.seed_update({"title": f"Vorschlag {i}", "description": "Ausgangslage."}) for i in (2, 3)]
        return generators.Context(
            attacker.doc,
            known,
            others + self._foreign,
            self._sent,
            self._js_pool,
            self.open_defects,
        )

    def _batch(self, ctx: generators.Context, honest: list[int]) -> list[Attack]:
        attacks = []
        for _ in range(self.rng.randint(1, 8)):
            roll = self.rng.random()
            if roll < 0.6:
                update = mutations.update_frame(self.rng, ctx)
                ctx.sent.append(update)
                del ctx.sent[:-50]
                step2 = self.rng.random() < 0.3
                attacks.append(
                    Attack("sync step 2" if step2 else "update", (P.sync_step2 if step2 else P.sync_update)(update))
                )
            elif roll < 0.85:
                own = ctx.doc.client_id
                attacks.append(Attack("presence", P.awareness(presence.awareness_update(self.rng, own, honest))))
            else:
                attacks.append(Attack(*protocol_frame(self.rng)))
        return attacks

    async def _send(self, attack: Attack) -> None:
        attacker = await self._attacker()
        attacker.synced.clear()
        with contextlib.suppress(websockets.ConnectionClosed):
            await attacker.send_raw(attack.frame)
            await attacker.send_raw(P.sync_step1(attacker.doc.get_state()))  # its answer: the frame was handled
        try:
            await wait_until(
                lambda: attacker.synced.is_set() or attacker.close_code is not None or bool(reader_failure(attacker)),
                15,
            )
        except AssertionError:
            self.server.check_alive_and_quiet()  # the cause, if the server says it
            raise AssertionError("der Server beantwortet den Angreifer nicht mehr (15 s)") from None
        attack.close_code, attack.close_reason = attacker.close_code, attacker.close_reason
        self.server.check_alive_and_quiet()  # a 1006 is mostly a server that died: say so
        assert not reader_failure(attacker), (
            f"der Server schickte, was pycrdt nicht anwenden kann: {reader_failure(attacker)}"
        )
        assert allowed_close(attack.close_code), f"Verbindung des Angreifers mit {attack.close_code} geschlossen"
        if attack.close_code is not None:
            self.stats.closed(attack.close_code)

    async def _fuzz(self) -> None:
        base = store.seed_update({"title": "Vorschlag 1", "description": "Ausgangslage."})
        self._js_pool = await asyncio.to_thread(generators.js_updates, self.seed, 200, base) if self.node else []
        other = store.seed_update({"title": "Vorschlag 2", "description": "Ausgangslage."})
        self._foreign = await asyncio.to_thread(generators.js_updates, self.seed + 1, 20, other) if self.node else []
        deadline = time.monotonic() + self.seconds
        while time.monotonic() < deadline:
            honest = [self.rooms[self.attacked][0].doc.client_id]
            views = time.monotonic() - self._views_checked > VIEWS_EVERY
            await self.attack(self._batch(self._context(await self._attacker()), honest), views)
        await self.attack([])  # the views, after the last batch

    async def attack(self, batch: list[Attack], views: bool = True) -> None:
        """Send the batch, then check (the auditor's views too if ``views``: they replay the whole history,
        which takes long once fields are large); a failure names the seed and the frames since the views
        were last checked."""
        self.stats.batches += 1
        self._since_views += batch
        try:
            for attack in batch:
                await self._send(attack)
                self.stats.frames += 1
            await self.check(views)
        except (AssertionError, TimeoutError, OSError, websockets.WebSocketException) as error:
            raise AssertionError(self._report(self._since_views, error)) from error
        if views:
            self._since_views, self._views_checked = [], time.monotonic()

    def _report(self, batch: list[Attack], error: BaseException) -> str:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        path = OUTPUT / f"collab-{self.seed}-{self.stats.batches}.json"
        frames = [{"what": a.what, "hex": (a.frame.encode() if isinstance(a.frame, str) else a.frame).hex(),
                   "text": isinstance(a.frame, str), "closed": a.close_code} for a in batch]  # fmt: skip
        path.write_text(json.dumps(frames, indent=1))
        lines = [f"Fuzzing (Seed {self.seed}, Stapel {self.stats.batches}): {error}", f"Rahmen: {path}"]
        if self.database_url.startswith("sqlite:///"):  # the store as it was, for a closer look
            kept = OUTPUT / f"collab-{self.seed}-{self.stats.batches}.db"
            with contextlib.suppress(OSError), sqlite3.connect(self.database_url.removeprefix("sqlite:///")) as source:
                with sqlite3.connect(kept) as target:
                    source.backup(target)
                lines.append(f"Datenbank: {kept}")
        lines += [f"  {a.describe()}" for a in batch]
        return "\n".join(lines)

    # --- checking ------------------------------------------------------------------------------

    async def check(self, views: bool = True) -> None:
        self.server.check_alive_and_quiet()
        for measure, (editor, watcher) in self.rooms.items():
            for who, client in (("Bearbeiter", editor), ("Mitleser", watcher)):
                assert client.close_code is None, f"ehrlicher {who} in {measure} geschlossen: {client.close_code}"
                assert not reader_failure(client), f"ehrlicher {who} in {measure}: {reader_failure(client)}"
            word = self.rng.choice(WORDS)
            await editor.edit("description", len(editor.text("description")), word)
            try:
                await wait_until(lambda e=editor, w=watcher: w.fields() == e.fields(), 10)
            except AssertionError:
                self.server.check_alive_and_quiet()  # the cause, if the server says it
                states = f"Bearbeiter {editor.close_code} {editor.close_reason!r}, Mitleser {watcher.close_code}"
                raise AssertionError(
                    f"Raum {measure} leitet nicht mehr weiter: {word!r} kam nicht an ({states})"
                ) from None
            presence_of_bo = watcher.awareness.get(editor.doc.client_id, "")
            assert '"Bo"' in presence_of_bo, f"Anwesenheit des Bearbeiters verfälscht: {presence_of_bo[:200]!r}"
            await self._stored_as_seen(measure, editor.fields)
            if views:
                await audit_views_answer(self.server.http, self.scenario, measure)
        await self._newcomer_joins(self.rooms[self.attacked][0])
        if self.js is not None:
            await self._js_sees(self.rooms[self.attacked][0].fields())
        self.server.check_alive_and_quiet()

    async def _newcomer_joins(self, editor: CollabClient) -> None:
        """Someone joining the attacked room now syncs, reads everyone's presence, and sees the editor's text."""
        async with CollabClient(self.server.ws, self.attacked, self.scenario.people[2]) as newcomer:
            await wait_until(lambda: newcomer.synced.is_set() or newcomer.close_code is not None, 15)
            assert newcomer.close_code is None, f"Neuling abgewiesen: {newcomer.close_code} {newcomer.close_reason!r}"
            await wait_until(lambda: bool(reader_failure(newcomer)) or newcomer.awareness_messages > 0, 10)
            assert not reader_failure(newcomer), f"Neuling im angegriffenen Raum: {reader_failure(newcomer)}"
            assert newcomer.fields() == editor.fields(), differences(newcomer.fields(), editor.fields())

    async def _stored_as_seen(self, measure: UUID, seen: Callable[[], dict[str, str]]) -> None:
        """What is stored is what ``seen()`` gives (soon: a late update may be on its way to both)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        while (stored := await asyncio.to_thread(self.reader.replay, measure)) != seen():
            assert loop.time() < deadline, f"gespeicherter Text weicht ab: {differences(stored, seen())}"
            await asyncio.sleep(0.05)

    async def _js_sees(self, fields: dict[str, str]) -> None:
        assert self.js is not None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        while (seen := await self.js.fields()) != fields:
            assert loop.time() < deadline, f"JS-Client (yjs) sieht anderen Text: {differences(seen, fields)}"
            await asyncio.sleep(0.05)

    async def _after_restart(self) -> None:
        """Stop the server as a deployment does, start it again: every room loads what was seen."""
        expected = {m: editor.fields() for m, (editor, _) in self.rooms.items()}
        await self._close_clients()
        self.rooms, self.attacker, self.js = {}, None, None
        self.server.check_stopped_cleanly()
        self.server = ServerProcess(self.database_url, self.log_path)
        await self.server.ready()
        for measure, fields in expected.items():
            async with CollabClient(self.server.ws, measure, self.scenario.people[2]) as fresh:
                await asyncio.wait_for(fresh.synced.wait(), 15)
                assert fresh.fields() == fields, f"nach dem Neustart: {differences(fresh.fields(), fields)}"
            await self._stored_as_seen(measure, lambda f=fields: f)
        self.server.check_alive_and_quiet()
