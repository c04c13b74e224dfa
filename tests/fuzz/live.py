"""The live server the collab fuzzer attacks, and what it checks after every batch of attacks.

The server runs as a real subprocess (``python -m server.cli serve``, production limits), so a crash
(a segmentation fault in the Yjs library, say) ends only the server, and its whole output is read for
tracebacks. Checks: honest editors' edits are still relayed (in the attacked room and in another),
nobody honest was disconnected, every stored update of a touched proposal applies in a fresh pycrdt
document, touching only the eleven field texts, and gives what the honest clients see; the auditor's
views answer 200; the server's output holds no traceback.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
from pycrdt import Doc

from domain.application import Sozialkonferenz
from domain.document import ProposalDocument, document_id
from domain.texts import PROPOSAL_FIELDS
from server.collab import store
from server.composition import build_application, close_application
from tests.auth import accounts_of, bearer, issue_token_in
from tests.collab.client import CollabClient
from tests.collab.conftest import Scenario, build_scenario
from tests.ports import free_port

REPO = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 30.0
TRACE_MARKERS = ("Traceback (most recent call last)", "Task exception was never retrieved", "panicked at")
# Closing codes an attacker's own connection may get: ours (4xxx), text frame, too big, too slow.
ALLOWED_CLOSE = {1003, 1009, 1013}


def allowed_close(code: int | None) -> bool:
    return code is None or code in ALLOWED_CLOSE or 4000 <= code <= 4999


def prepare(database_url: str) -> Scenario:
    """The conference, three proposals in three groups, and a token for each person (Ada organises)."""
    app = build_application(database_url)
    try:
        scenario = build_scenario(app)
        accounts = accounts_of(app)
        for i, person in enumerate(scenario.people):
            issue_token_in(app, accounts, person, organiser=i == 0)
        return scenario
    finally:
        close_application(app)


class ServerProcess:
    """``sozialkonferenz serve`` on a free port; its output goes to ``log_path``."""

    def __init__(self, database_url: str, log_path: Path, env: dict[str, str] | None = None) -> None:
        self.database_url, self.log_path = database_url, log_path
        self.port = free_port()
        self.http, self.ws = f"http://127.0.0.1:{self.port}", f"ws://127.0.0.1:{self.port}"
        environment = {**os.environ, "SOZIALKONFERENZ_COLLAB_CATALOGUE_DEBOUNCE": "0.2", **(env or {})}
        command = [sys.executable, "-m", "server.cli", "serve", "--port", str(self.port), "--database", database_url]
        self.offset = log_path.stat().st_size if log_path.exists() else 0  # where this process's output begins
        with log_path.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=REPO, env=environment, stdout=log, stderr=subprocess.STDOUT)

    async def ready(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STARTUP_TIMEOUT
        async with httpx.AsyncClient(base_url=self.http, timeout=2) as http:
            while True:
                assert self.process.poll() is None, f"Server beendet mit {self.process.returncode}: {self.tail()}"
                try:
                    if (await http.get("/api/health")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                assert loop.time() < deadline, "Server startet nicht"
                await asyncio.sleep(0.05)

    def output(self) -> str:
        return self.log_path.read_text("utf-8", "replace")

    def tail(self, chars: int = 4000) -> str:
        return self.output()[-chars:]

    def check_alive_and_quiet(self) -> None:
        code = self.process.poll()
        assert code is None, f"Serverprozess beendet (Code {code}, Signal bei < 0): {self.tail()}"
        self.check_quiet()

    def check_quiet(self) -> None:
        text = self.output()
        for marker in TRACE_MARKERS:
            at = text.find(marker)
            assert at < 0, f"Serverausgabe enthält {marker!r}: {text[max(0, at - 500) : at + 3000]}"

    def stop(self) -> int:
        """SIGTERM, as a deployment stops it; the exit code (killed after 20 s)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        return self.process.returncode

    def check_stopped_cleanly(self) -> None:
        """Stopped by SIGTERM after a complete shutdown (uvicorn raises the signal again once it is done)."""
        code = self.stop()
        own = self.output().encode("utf-8")[self.offset :].decode("utf-8", "replace")
        assert code in (0, -signal.SIGTERM), f"Server endete mit {code}: {own[-4000:]}"
        assert "Application shutdown complete" in own, f"Server nicht sauber beendet: {own[-4000:]}"
        self.check_quiet()


# --- what is stored --------------------------------------------------------------------------------


class StoreReader:
    """The event store read from the test's process (the server writes, this only reads)."""

    def __init__(self, database_url: str) -> None:
        self.app: Sozialkonferenz = build_application(database_url)

    def close(self) -> None:
        close_application(self.app)

    def replay(self, measure_id: UUID) -> dict[str, str]:
        """Every stored update, one by one, into a fresh document; the room's own load must agree
        (compared when nothing was stored in between: a client's late sync answer may arrive any time)."""
        for _ in range(20):
            events = list(self.app.events.get(document_id(measure_id)))
            texts = self._replayed(events)
            loaded = store.text_of(store.load(self.app, measure_id).doc)
            if len(list(self.app.events.get(document_id(measure_id)))) == len(events):
                assert loaded == texts, "Laden (Checkpoint und Folgeupdates) ergibt anderen Text als alle Updates"
                return texts
        raise AssertionError("der Server speichert ständig weiter: kein ruhiger Moment zum Vergleichen")

    def _replayed(self, events: list[Any]) -> dict[str, str]:
        # With the eleven texts declared, as every room and client has them: yrs was seen to order concurrent
        # inserts differently in a document whose roots are not declared.
        doc: Doc = store.new_doc()
        for event in events:
            if isinstance(event, ProposalDocument.Checkpointed):  # checked by the room's load
                continue
            updates = [(None, event.seed)] if isinstance(event, ProposalDocument.Started) else []
            updates += [(u["actor"], u["update"]) for u in getattr(event, "updates", [])]
            for actor, encoded in updates:
                update = store.unb64(encoded)
                try:
                    doc.apply_update(update)
                except BaseException as error:  # pycrdt's panics are BaseExceptions
                    raise AssertionError(
                        f"gespeicherte Aktualisierung (Version {event.originator_version}, von {actor}) lässt sich "
                        f"nicht anwenden: {error!r}; Bytes {update.hex()[:400]}"
                    ) from None
        roots = set(doc.keys()) - set(PROPOSAL_FIELDS)
        assert not roots, f"gespeicherte Wurzeltypen außer den Feldern: {sorted(r[:40] for r in roots)}"
        return store.text_of(doc)

    def stored_bytes(self, measure_id: UUID) -> int:
        events = list(self.app.events.get(document_id(measure_id)))
        return sum(len(u["update"]) for e in events for u in getattr(e, "updates", []))


async def audit_views_answer(http_base: str, scenario: Scenario, measure_id: UUID) -> None:
    paths: list[tuple[str, dict[str, Any]]] = [
        (f"/api/measures/{measure_id}/text", {"at": "2999-01-01T00:00:00+00:00"}),
        (f"/api/measures/{measure_id}/authors", {}),
        (f"/api/measures/{measure_id}/document-history", {}),
    ]
    async with httpx.AsyncClient(base_url=http_base, timeout=30, headers=bearer(scenario.people[0])) as http:
        for path, params in paths:
            response = await http.get(path, params=params)
            assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:500]}"


def reader_failure(client: CollabClient) -> str:
    """Why a test client's reader stopped, if it did (an update from the server it could not apply)."""
    task = client._reader  # noqa: SLF001 - the client keeps its reader task private
    if task is None or not task.done() or task.cancelled():
        return ""
    error = task.exception()
    return "" if error is None else f"{error!r}"
