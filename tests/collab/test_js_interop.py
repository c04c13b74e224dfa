"""A real JavaScript Yjs client (yjs + y-websocket under node) and a pycrdt client edit one proposal."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.auth import token_of
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer

pytestmark = pytest.mark.anyio

JS_CLIENT = Path(__file__).parents[1] / "js" / "collab_client.mjs"
NODE_MODULES = JS_CLIENT.parent / "node_modules"


class NodeClient:
    """``tests/js/collab_client.mjs`` as a subprocess, spoken to in JSON lines."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.events: list[dict[str, Any]] = []
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, ws_url: str, room: str, actor: str, name: str) -> NodeClient:
        node = shutil.which("node")
        if node is None or not NODE_MODULES.is_dir():
            pytest.fail("node und tests/js/node_modules werden gebraucht (make test führt npm ci aus)")
        process = await asyncio.create_subprocess_exec(
            node, str(JS_CLIENT), "--url", f"{ws_url}/collab", "--room", room, "--actor", actor,
            "--token", token_of(actor), "--name", name,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        return cls(process)

    async def _read(self) -> None:
        assert self.process.stdout is not None
        while line := await self.process.stdout.readline():
            self.events.append(json.loads(line))

    async def send(self, **command: Any) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write((json.dumps(command) + "\n").encode())
        await self.process.stdin.drain()

    async def dump(self) -> dict[str, Any]:
        count = len([e for e in self.events if e.get("event") == "dump"])
        await self.send(cmd="dump")
        await wait_until(lambda: len([e for e in self.events if e.get("event") == "dump"]) > count, 10)
        return [e for e in self.events if e.get("event") == "dump"][-1]

    async def quit(self) -> None:
        if self.process.returncode is None:
            await self.send(cmd="quit")
            try:
                await asyncio.wait_for(self.process.wait(), 10)
            except TimeoutError:
                self.process.kill()
        self._reader.cancel()


async def test_js_and_pycrdt_clients_converge_and_see_each_others_presence(collab_server: CollabServer) -> None:
    s = collab_server
    measure = str(s.scenario.measure_ids[0])
    js = await NodeClient.start(s.ws, measure, str(s.scenario.people[0]), "Ada aus dem Browser")
    try:
        await wait_until(lambda: any(e.get("event") == "synced" for e in js.events), 15)
        async with CollabClient(s.ws, measure, s.scenario.people[1]) as py:
            await asyncio.wait_for(py.synced.wait(), 10)
            await py.set_presence(json.dumps({"user": {"name": "Bo aus Python"}, "cursor": {"field": "goal"}}))
            await js.send(cmd="insert", field="description", index=0, text="Aus JS: ")
            await py.edit("goal", 0, "Aus Python.")
            await js.send(cmd="insert", field="goal", index=0, text="JS-Ziel. ")

            async def converged() -> bool:
                dump = await js.dump()
                return dump["fields"] == py.fields()

            for _ in range(100):
                if await converged():
                    break
                await asyncio.sleep(0.05)
            dump = await js.dump()
            assert dump["fields"] == py.fields()
            assert dump["fields"]["description"].startswith("Aus JS: ")
            assert "Aus Python." in dump["fields"]["goal"] and "JS-Ziel. " in dump["fields"]["goal"]
            # Presence both ways, under the names the server stamps from the sign-in (not the clients' own).
            assert any(state.get("user", {}).get("name") == "Bo" for state in dump["awareness"])
            await wait_until(lambda: any('"name":"Ada"' in state for state in py.awareness.values()), 10)
    finally:
        await js.quit()
