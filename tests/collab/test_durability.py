"""Durability: a server killed with SIGKILL mid-typing has stored every update it ever sent to anyone.

The server runs as a real subprocess (``python -m server.cli serve``). Client A appends characters
continuously, client B only listens and records every update the server sends it. The server is
killed at a random moment and started again on the same database.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import IO
from uuid import UUID

import httpx
import pytest

from server.collab import store
from server.composition import build_application, close_application
from tests.auth import accounts_of, bearer, issue_token_in
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import Scenario, build_scenario
from tests.collab.helpers import doc_from, fields_of, state_vector, synced
from tests.ports import free_port

pytestmark = pytest.mark.anyio

REPO = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 30.0


class ServerProcess:
    def __init__(self, database_url: str, log: IO[bytes], synchronous: str = "FULL") -> None:
        self.port = free_port()
        self.http, self.ws = f"http://127.0.0.1:{self.port}", f"ws://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "SOZIALKONFERENZ_COLLAB_CATALOGUE_DEBOUNCE": "0.2",
            "SOZIALKONFERENZ_SQLITE_SYNCHRONOUS": synchronous,
        }
        command = [sys.executable, "-m", "server.cli", "serve", "--port", str(self.port), "--database", database_url]
        self.process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)

    async def ready(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STARTUP_TIMEOUT
        async with httpx.AsyncClient(base_url=self.http, timeout=2) as http:
            while True:
                assert self.process.poll() is None, f"server exited with {self.process.returncode}"
                try:
                    if (await http.get("/api/health")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                assert loop.time() < deadline, "server did not start"
                await asyncio.sleep(0.05)

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)


@pytest.fixture
def prepared(database_url: str) -> Scenario:
    app = build_application(database_url)
    try:
        scenario = build_scenario(app)
        accounts = accounts_of(app)
        for i, person in enumerate(scenario.people):
            issue_token_in(app, accounts, person, organiser=i == 0)
        return scenario
    finally:
        close_application(app)


@pytest.fixture(params=["FULL", "NORMAL"])
def synchronous(request: pytest.FixtureRequest) -> str:
    """SQLite's two settings (the log synced at every commit, or left to the system: both survive
    a killed process); on PostgreSQL the setting has no effect and the run repeats."""
    return str(request.param)


@pytest.fixture
def launch(database_url: str, synchronous: str, tmp_path: Path) -> Iterator[Callable[[], ServerProcess]]:
    """Starts server processes on the test's database (output in server.log); kills them afterwards."""
    started: list[ServerProcess] = []
    with open(tmp_path / "server.log", "wb") as log:

        def start() -> ServerProcess:
            started.append(ServerProcess(database_url, log, synchronous))
            return started[-1]

        try:
            yield start
        finally:
            for server in started:
                server.kill()


async def _eventually(condition: Callable[[], Awaitable[bool]], timeout: float = 10) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await condition():
        assert loop.time() < deadline, "Bedingung nicht rechtzeitig erfüllt"
        await asyncio.sleep(0.05)


def _stored_text(database_url: str, measure: UUID) -> tuple[dict[str, str], bytes]:
    app = build_application(database_url)
    try:
        doc = store.load(app, measure).doc
        return store.text_of(doc), doc.get_state()
    finally:
        close_application(app)


async def test_every_update_sent_to_a_client_survives_a_sigkill(
    database_url: str, prepared: Scenario, launch: Callable[[], ServerProcess]
) -> None:
    rng = random.Random()
    measure, (ada, bo, cem) = prepared.measure_ids[0], prepared.people
    first = launch()
    await first.ready()

    a, b = CollabClient(first.ws, measure, ada), CollabClient(first.ws, measure, bo)
    await a.__aenter__()
    await b.__aenter__()
    try:
        await synced(a, b)
        typed = 0

        async def type_continuously() -> None:
            nonlocal typed
            while True:
                a.text("description").insert(len(a.fields()["description"]), "abcdefghij"[typed % 10])
                typed += 1
                try:
                    await a.flush()
                except Exception:  # the server is gone
                    return
                await asyncio.sleep(0.004)  # about 150 keystrokes a second, under the rate limit

        typist = asyncio.create_task(type_continuously())
        await wait_until(lambda: typed >= 20 and len(b.received) >= 10)
        await asyncio.sleep(rng.uniform(0.0, 0.8))  # the random moment of the crash
        first.kill()
        await asyncio.wait_for(typist, 10)
        await wait_until(lambda: b.close_code is not None and a.close_code is not None)

        received = doc_from(b.received)
        seen = fields_of(received)["description"]
        assert len(seen) > len("Ausgangslage.") + 10

        second = launch()
        await second.ready()
        text, vector = await asyncio.to_thread(_stored_text, database_url, measure)
        # Everything B was sent is stored: the stored document dominates B's, and its text extends B's.
        stored_clocks, seen_clocks = state_vector(vector), state_vector(received.get_state())
        assert all(stored_clocks.get(client, 0) >= clock for client, clock in seen_clocks.items())
        assert text["description"].startswith(seen)
        assert a.fields()["description"].startswith(text["description"])

        # A reconnects with its document: what the crash lost is sent again, nothing twice.
        await a.reconnect(second.ws)
        async with CollabClient(second.ws, measure, cem) as fresh:
            await synced(a, fresh)
            await wait_until(lambda: fresh.fields() == a.fields())
        final = a.fields()["description"]
        assert final == "Ausgangslage." + "".join("abcdefghij"[i % 10] for i in range(typed))

        async def stored_is_final() -> bool:
            return (await asyncio.to_thread(_stored_text, database_url, measure))[0] == a.fields()

        await _eventually(stored_is_final)
        async with httpx.AsyncClient(base_url=second.http, timeout=10, headers=bearer(cem)) as http:

            async def catalogue_is_final() -> bool:  # the restarted server brings the catalogue up to date
                return bool((await http.get(f"/api/measures/{measure}")).json()["description"] == final)

            await _eventually(catalogue_is_final)
    finally:
        await a.close()
        await b.close()
