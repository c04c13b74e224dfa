"""A real server (uvicorn in a thread) with a conference in session and editable proposals."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from uuid import UUID

import pytest
import uvicorn

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from server.app import create_app
from server.collab.room import Limits
from server.collab.transport import uvicorn_options
from server.config import Settings
from server.runtime import Runtime
from tests.auth import bearer, issue_token

STARTUP_TIMEOUT = 15.0


class ThreadedServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.ready.set()


@dataclass
class Scenario:
    conference_id: UUID
    group_ids: list[UUID]
    measure_ids: list[UUID]
    people: list[UUID]


COMPLETE = {"description": "Ausgangslage.", "goal": "Ziel.", "target_group": "Familien", "lead": "Jugendamt"}


def build_scenario(app: Sozialkonferenz, measures: int = 3) -> Scenario:
    actor = SYSTEM_ACTOR
    organisation = app.register_organisation(actor, "Diakonisches Werk", "welfare")
    people = [app.register_person(actor, name, f"p{i}@example.org") for i, name in enumerate(["Ada", "Bo", "Cem"])]
    conference = app.schedule_conference(actor, "Sozialkonferenz 2026", "city", "Teststadt", "2026", "2026-11-19")
    groups = [app.form_working_group(actor, conference, f"AG {i + 1}") for i in range(measures)]
    app.set_focus_topic(actor, conference, "Armut")
    app.set_agenda(actor, conference, ["Arbeitsgruppen"])
    app.invite_organisations(actor, conference, [organisation])
    app.mark_conference_prepared(actor, conference)
    app.open_session(actor, conference)
    for group in groups:  # everyone writes in every group; Ada is also the city's organiser
        for person in people:
            app.add_member(actor, group, person)
    measure_ids = [
        app.draft_measure(actor, group, {"title": f"Vorschlag {i + 1}", **COMPLETE}) for i, group in enumerate(groups)
    ]
    return Scenario(conference, groups, measure_ids, people)


def issue_tokens(runtime: Runtime, scenario: Scenario) -> None:
    for i, person in enumerate(scenario.people):
        issue_token(runtime, person, organiser=i == 0)


@dataclass
class CollabServer:
    http: str
    ws: str
    runtime: Runtime
    scenario: Scenario
    server: ThreadedServer = field(repr=False)
    thread: threading.Thread | None = field(default=None, repr=False)
    listener: socket.socket | None = field(default=None, repr=False)

    def stop(self) -> None:
        """Shut the server down (as uvicorn does on SIGTERM); stopping twice is harmless."""
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(STARTUP_TIMEOUT)
            assert not self.thread.is_alive(), "uvicorn did not stop"
        if self.listener is not None:
            self.listener.close()


def serve(database_url: str, limits: Limits) -> tuple[ThreadedServer, threading.Thread, socket.socket, int]:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(
        create_app(Settings(database_url=database_url, collab_limits=limits)),
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
    assert server.ready.wait(STARTUP_TIMEOUT), "uvicorn did not start"
    return server, thread, listener, port


@pytest.fixture
def limits() -> Limits:
    return Limits(idle_seconds=60.0, catalogue_debounce=0.2)


def start_server(database_url: str, limits: Limits, scenario: Scenario | None = None) -> CollabServer:
    """A server on ``database_url``; without ``scenario`` a new one is built in its application."""
    server, thread, listener, port = serve(database_url, limits)
    runtime: Runtime = server.lifespan.state["runtime"]
    try:
        scenario = scenario or build_scenario(runtime.application)
        issue_tokens(runtime, scenario)
    except BaseException:
        server.should_exit = True
        thread.join(STARTUP_TIMEOUT)
        listener.close()
        raise
    return CollabServer(
        f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}", runtime, scenario, server, thread, listener
    )


@pytest.fixture
def collab_server(database_url: str, limits: Limits) -> Iterator[CollabServer]:
    running = start_server(database_url, limits)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def operator(collab_server: CollabServer) -> dict[str, str]:
    """Credentials of a person with the city-wide operator role (``/metrics``)."""
    app = collab_server.runtime.application
    person = app.register_person(SYSTEM_ACTOR, "Olaf Betrieb", "betrieb@example.org")
    app.grant_global_role(SYSTEM_ACTOR, person, "operator")
    issue_token(collab_server.runtime, person)
    return bearer(person)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
