"""Starting processes: one alone without a broker, any number with one; settings that cannot work
are refused at once with a German message and a non-zero exit status."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from server.cluster.locks import SHARED_BLOCKED, SOLO_TAKEN, SQLITE_TAKEN
from tests.cluster.conftest import ServerProcess, fresh_world, new_prefix, start, wait_until
from tests.conftest import POSTGRES_URL, require_redis


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    return tmp_path


def refused(server: ServerProcess) -> str:
    """The output of a process that must refuse to start (and exit non-zero)."""
    assert server.exit_code() != 0, server.output()
    return server.output()


def test_second_process_without_broker_is_refused_until_the_first_is_killed(logs: Path) -> None:
    fresh_world()
    first = ServerProcess(logs, broker=None)
    try:
        start(first)
        second = ServerProcess(logs, broker=None)
        assert SOLO_TAKEN in refused(second)
        with_broker = ServerProcess(logs, prefix=new_prefix())
        assert SHARED_BLOCKED in refused(with_broker)
        first.kill()  # kill -9: its advisory lock ends with its session
        third = ServerProcess(logs, broker=None)
        try:
            start(third)
        finally:
            third.stop()
    finally:
        first.kill()


def test_process_without_broker_is_refused_beside_a_cluster(logs: Path) -> None:
    fresh_world()
    member = ServerProcess(logs, prefix=new_prefix())
    try:
        start(member)
        loner = ServerProcess(logs, broker=None)
        output = refused(loner)
        assert SOLO_TAKEN in output and "--broker" in output
    finally:
        member.stop()


def test_one_sqlite_file_is_served_by_one_process(logs: Path) -> None:
    database = f"sqlite:///{logs / 'events.db'}"
    first = ServerProcess(logs, database=database, broker=None)
    try:
        start(first)
        assert SQLITE_TAKEN in refused(ServerProcess(logs, database=database, broker=None))
    finally:
        first.stop()


def test_unreachable_broker_stops_the_start_with_a_message(logs: Path) -> None:
    fresh_world()
    server = ServerProcess(logs, broker="redis://127.0.0.1:1/0", prefix=new_prefix())
    output = refused(server)
    assert "Der Broker redis://127.0.0.1:1/0 ist nicht erreichbar" in output
    assert "Traceback" not in output


def test_broker_needs_postgresql(logs: Path) -> None:
    require_redis()
    server = ServerProcess(logs, database=f"sqlite:///{logs / 'events.db'}", prefix=new_prefix())
    assert "Ein Broker verbindet mehrere Serverprozesse auf einer PostgreSQL-Datenbank" in refused(server)


def test_workers_need_postgresql_and_a_broker(logs: Path) -> None:
    fresh_world()
    sqlite = ServerProcess(logs, database=f"sqlite:///{logs / 'events.db'}", broker=None, extra=("--workers", "2"))
    assert "--workers 2 startet 2 Prozesse" in refused(sqlite)
    alone = ServerProcess(logs, database=POSTGRES_URL, broker=None, extra=("--workers", "2"))
    assert "braucht PostgreSQL" in refused(alone)


def test_workers_share_one_port_as_one_cluster(logs: Path) -> None:
    fresh_world()
    server = ServerProcess(logs, prefix=new_prefix(), extra=("--workers", "2"))
    try:
        start(server)

        def pids() -> set[int]:
            return {p["pid"] for p in httpx.get(f"{server.http}/api/health", timeout=5).json()["processes"]}

        wait_until(lambda: len(pids()) == 2, timeout=30, message="two worker processes in the registry")
        assert server.process.pid not in pids()  # the workers serve, the parent supervises
    finally:
        server.stop()
