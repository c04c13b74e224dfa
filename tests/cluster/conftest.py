"""Several real server processes on one PostgreSQL database, joined by Redis.

Each process is ``python -m server.cli serve --database … --broker …`` on a free port, with a
key and channel prefix of the test's own on the shared Redis. The periodic credential check is
set to an hour, so what reaches the other process is what the broker carried, not the fallback.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from domain.application import SYSTEM_ACTOR
from server.composition import build_application, close_application
from tests.auth import accounts_of, bearer, issue_token_in
from tests.collab.conftest import Scenario, build_scenario
from tests.conftest import POSTGRES_URL, REDIS_PREFIX, REDIS_URL, require_postgres, require_redis, reset_postgres
from tests.ports import free_port

REPO = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 90.0  # a readiness wait, not a measurement: CI machines are shared
WAIT = 10.0  # generous bound for conditions that hold within about a second
STARTED: list[ServerProcess] = []


class ServerProcess:
    """One ``sozialkonferenz serve`` subprocess; its output goes to a log file in ``logs``.
    Whatever a test leaves running is killed after it (``STARTED``)."""

    def __init__(
        self,
        logs: Path,
        *,
        database: str = POSTGRES_URL,
        broker: str | None = REDIS_URL,
        prefix: str | None = None,
        extra: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
    ) -> None:
        self.port = free_port()
        self.http, self.ws = f"http://127.0.0.1:{self.port}", f"ws://127.0.0.1:{self.port}"
        self.log = logs / f"server-{self.port}.log"
        environment = {
            **os.environ,
            "SOZIALKONFERENZ_COLLAB_CREDENTIAL_CHECK_SECONDS": "3600",
            "SOZIALKONFERENZ_COLLAB_CATALOGUE_DEBOUNCE": "0.2",
            **(env or {}),
        }
        environment.pop("SOZIALKONFERENZ_BROKER_URL", None)
        if prefix is not None:
            environment["SOZIALKONFERENZ_BROKER_PREFIX"] = prefix
        command = [sys.executable, "-m", "server.cli", "serve", "--port", str(self.port), "--database", database]
        if broker is not None:
            command += ["--broker", broker]
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(
                [*command, *extra], cwd=REPO, env=environment, stdout=output, stderr=subprocess.STDOUT
            )
        STARTED.append(self)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            assert self.process.poll() is None, f"server exited with {self.process.returncode}:\n{self.output()}"
            try:
                if httpx.get(f"{self.http}/api/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"server did not start:\n{self.output()}"
            time.sleep(0.05)

    def exit_code(self, timeout: float = STARTUP_TIMEOUT) -> int:
        """For a process expected to refuse: its exit status (killed if it started after all)."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"the server started instead of refusing:\n{self.output()}") from None

    def health(self) -> dict[str, Any]:
        return httpx.get(f"{self.http}/api/health", timeout=5).json()  # type: ignore[no-any-return]

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        """SIGTERM; a change feed whose client left holds the shutdown until its next heartbeat (15 s),
        so after a few seconds the process is killed instead."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.kill()


def new_prefix() -> str:
    return f"{REDIS_PREFIX}:{secrets.token_hex(4)}"


def fresh_world() -> Scenario:
    """An empty PostgreSQL database with a conference in session; Ada organises (and may read /metrics, as
    an operator), everyone has a token."""
    require_postgres()
    require_redis()
    reset_postgres()
    app = build_application(POSTGRES_URL)
    try:
        scenario = build_scenario(app, measures=4)  # the fourth for a second decision in one module
        accounts = accounts_of(app)
        for i, person in enumerate(scenario.people):
            issue_token_in(app, accounts, person, organiser=i == 0)
        app.grant_global_role(SYSTEM_ACTOR, scenario.people[0], "operator")
        return scenario
    finally:
        close_application(app)


def start(*servers: ServerProcess) -> None:
    for server in servers:
        server.wait_ready()


def wait_until(condition: Any, timeout: float = WAIT, message: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{message} not reached in {timeout} s"
        time.sleep(0.05)


class Pair:
    """Two processes of one cluster on one database: ``a`` and ``b``."""

    def __init__(self, logs: Path, scenario: Scenario, env: dict[str, str] | None = None) -> None:
        self.scenario = scenario
        self.prefix = new_prefix()
        self.a = ServerProcess(logs, prefix=self.prefix, env=env)
        self.b = ServerProcess(logs, prefix=self.prefix, env=env)
        self.servers = [self.a, self.b]
        start(self.a, self.b)

    @property
    def organiser(self) -> str:
        return str(self.scenario.people[0])

    def post(self, server: ServerProcess, path: str, body: Any = None, *, actor: str | None = None) -> httpx.Response:
        return httpx.post(f"{server.http}/api{path}", json=body or {}, headers=bearer(actor or self.organiser))

    def get(self, server: ServerProcess, path: str, *, actor: str | None = None, **params: Any) -> httpx.Response:
        return httpx.get(f"{server.http}/api{path}", params=params, headers=bearer(actor or self.organiser))

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


@pytest.fixture(autouse=True, scope="module")
def no_process_left() -> Iterator[None]:
    yield
    while STARTED:
        STARTED.pop().kill()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    """Two processes on a fresh database with a conference in session (shared by a module's tests)."""
    scenario = fresh_world()
    cluster = Pair(tmp_path_factory.mktemp("cluster"), scenario)
    try:
        yield cluster
    finally:
        cluster.stop()
