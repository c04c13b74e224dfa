"""The real yjs client (``tests/js/collab_client.mjs``: y-websocket under node) as an honest watcher in
the fuzzed room: it must keep seeing what the pycrdt clients see, and must not crash on what the
server relays (a browser runs the same code).

Unlike tests/collab/test_js_interop.py's client it reads lines of any length (a field may hold
hundreds of kilobytes) and keeps node's error output for the failure message.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import Any

from tests.auth import token_of

JS_CLIENT = Path(__file__).parents[1] / "js" / "collab_client.mjs"
LINE_LIMIT = 64 * 1024 * 1024


class JsClient:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.events: list[dict[str, Any]] = []
        self.errors = bytearray()
        self._dumps = 0
        self._reader = asyncio.create_task(self._read())
        self._error_reader = asyncio.create_task(self._read_errors())

    @classmethod
    async def start(cls, ws_url: str, room: str, actor: str, name: str) -> JsClient:
        node = shutil.which("node")
        if node is None or not (JS_CLIENT.parent / "node_modules").is_dir():
            raise RuntimeError("node und tests/js/node_modules werden gebraucht (make test führt npm ci aus)")
        process = await asyncio.create_subprocess_exec(
            node, str(JS_CLIENT), "--url", f"{ws_url}/collab", "--room", room, "--actor", actor,
            "--token", token_of(actor), "--name", name,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            limit=LINE_LIMIT,
        )  # fmt: skip
        return cls(process)

    async def _read(self) -> None:
        assert self.process.stdout is not None
        while line := await self.process.stdout.readline():
            self.events.append(json.loads(line))

    async def _read_errors(self) -> None:
        assert self.process.stderr is not None
        while chunk := await self.process.stderr.read(65536):
            self.errors += chunk[: max(0, 20_000 - len(self.errors))]

    def failure(self) -> str:
        """Why the client is unusable (it ended, or its output could not be read), else ""."""
        if self.process.returncode is not None:
            return f"JS-Client (yjs) beendet mit {self.process.returncode}: {self.errors.decode('utf-8', 'replace')}"
        if self._reader.done():
            return f"Ausgabe des JS-Clients unlesbar: {self._reader.exception()!r}"
        return ""

    async def fields(self, timeout: float = 10) -> dict[str, str]:
        """The client's text, as it answers a dump."""
        self._dumps += 1
        assert not self.failure(), self.failure()
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(b'{"cmd": "dump"}\n')
            await self.process.stdin.drain()
        except ConnectionError:  # node is gone: wait for its end and say why
            await asyncio.wait_for(self.process.wait(), 10)
            await asyncio.wait_for(self._error_reader, 10)
            raise AssertionError(self.failure()) from None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len([e for e in self.events if e.get("event") == "dump"]) < self._dumps:
            assert not self.failure(), self.failure()
            assert loop.time() < deadline, f"JS-Client antwortet nicht: {self.errors.decode('utf-8', 'replace')}"
            await asyncio.sleep(0.01)
        dumps = [e for e in self.events if e.get("event") == "dump"]
        fields: dict[str, str] = dumps[-1]["fields"]
        return fields

    async def quit(self) -> None:
        if self.process.returncode is None and self.process.stdin is not None:
            try:
                self.process.stdin.write(b'{"cmd": "quit"}\n')
                await self.process.stdin.drain()
                await asyncio.wait_for(self.process.wait(), 10)
            except (TimeoutError, ConnectionError):
                self.process.kill()
                await self.process.wait()
        self._reader.cancel()
        self._error_reader.cancel()
