"""Fixtures for the HTTP API: the real application behind a test client, or behind a real uvicorn server.

Every command needs an acting person, so the first one (the planning office)
is registered by the system through the running server's application object;
everything after that goes through HTTP in that person's name.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import uvicorn
from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR
from server.app import create_app
from server.collab.transport import uvicorn_options
from server.config import Settings
from server.runtime import Runtime
from tests.api.scenario import Api
from tests.auth import bearer, issue_token

STARTUP_TIMEOUT = 10.0


def register_planner(runtime: Runtime) -> str:
    """The planning office: a city-wide organiser with an API token."""
    person = runtime.application.register_person(SYSTEM_ACTOR, "Sozialplanung Musterstadt", "plan@example.org")
    issue_token(runtime, person, organiser=True)
    return str(person)


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    """The app on the test database; requests act as the planning office unless they say otherwise."""
    with TestClient(create_app(Settings(database_url=database_url))) as test_client:
        person = register_planner(test_client.app_state["runtime"])
        test_client.headers.update(bearer(person))
        test_client.planner = person  # type: ignore[attr-defined]
        yield test_client


@pytest.fixture
def anonymous(client: TestClient) -> TestClient:
    """The same app, nobody signed in."""
    del client.headers["authorization"]
    return client


@pytest.fixture
def planner(client: TestClient) -> str:
    """The person every request acts as: a city-wide organiser with an API token."""
    return str(client.planner)  # type: ignore[attr-defined]


@pytest.fixture
def api(client: TestClient, planner: str) -> Api:
    return Api(client, planner)


class ThreadedServer(uvicorn.Server):
    """A uvicorn server in a background thread that says when it is ready."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.ready.set()


@dataclass(frozen=True)
class LiveServer:
    url: str
    planner: str


@pytest.fixture
def live_server(database_url: str) -> Iterator[LiveServer]:
    """The app served by uvicorn on a free local port."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(
        create_app(Settings(database_url=database_url)),
        host="127.0.0.1",
        port=port,
        lifespan="on",
        **uvicorn_options(),
        log_level="warning",
        timeout_graceful_shutdown=5,
    )
    server = ThreadedServer(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, name="uvicorn", daemon=True)
    thread.start()
    try:
        assert server.ready.wait(STARTUP_TIMEOUT), "uvicorn did not start"
        yield LiveServer(f"http://127.0.0.1:{port}", register_planner(server.lifespan.state["runtime"]))
    finally:
        server.should_exit = True
        thread.join(STARTUP_TIMEOUT)
        listener.close()
    assert not thread.is_alive(), "uvicorn did not stop"
