"""Fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL is expected at 127.0.0.1:5432 (user postgres, trust auth, database
test; override with SOZIALKONFERENZ_TEST_POSTGRES_URL). Each test run works in a
database of its own, created from that server on first use and dropped at the
end (``sk_test_<pid>_<random>``), so two runs on one machine cannot collide.
Without PostgreSQL the PostgreSQL variants are skipped with a clear message on a
developer's machine, and fail when SOZIALKONFERENZ_REQUIRE_SERVICES=1 (set by .ci/run).

Redis (the broker of several server processes, tests/cluster/) is expected at
redis://127.0.0.1:6379/0 (override with SOZIALKONFERENZ_TEST_REDIS_URL), under the
same rule; each test run uses key and channel prefixes of its own (``REDIS_PREFIX``).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import create_engine, make_url, text

from domain.application import Sozialkonferenz
from server.composition import build_application

SERVER_POSTGRES_URL = os.environ.get(
    "SOZIALKONFERENZ_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# This run's own database on that server (created by require_postgres, dropped at the end of the run).
RUN_DATABASE = f"sk_test_{os.getpid()}_{secrets.token_hex(4)}"
POSTGRES_URL = make_url(SERVER_POSTGRES_URL).set(database=RUN_DATABASE).render_as_string(hide_password=False)
REQUIRE_SERVICES = os.environ.get("SOZIALKONFERENZ_REQUIRE_SERVICES") == "1"
REDIS_URL = os.environ.get("SOZIALKONFERENZ_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
REDIS_PREFIX = f"sk_test:{RUN_DATABASE}"  # this run's keys and channels; tests add their own part


def _postgres_problem() -> str | None:
    """Connect to the configured server and create this run's database there; None when that worked."""
    try:
        engine = create_engine(SERVER_POSTGRES_URL, connect_args={"connect_timeout": 3}, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{RUN_DATABASE}"'))
        engine.dispose()
    except Exception as error:  # any failure to connect means: no usable PostgreSQL
        return f"PostgreSQL unter {SERVER_POSTGRES_URL} nicht erreichbar: {error.__class__.__name__}: {error}"
    return None


def drop_run_database() -> None:
    """Drop this run's database (its connections are ended first: servers a test left running)."""
    engine = create_engine(SERVER_POSTGRES_URL, connect_args={"connect_timeout": 3}, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{RUN_DATABASE}" WITH (FORCE)'))
    finally:
        engine.dispose()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _postgres_checked and _postgres_checked[0] is None:
        drop_run_database()


_postgres_checked: list[str | None] = []


def require_postgres() -> None:
    if not _postgres_checked:
        _postgres_checked.append(_postgres_problem())
    problem = _postgres_checked[0]
    if problem is not None:
        if REQUIRE_SERVICES:
            pytest.fail(problem + " (SOZIALKONFERENZ_REQUIRE_SERVICES=1: PostgreSQL ist Pflicht)")
        pytest.skip(problem + " – PostgreSQL-Tests übersprungen")


_redis_checked: list[str | None] = []


def _redis_problem() -> str | None:
    from redis import Redis

    client = Redis.from_url(REDIS_URL, socket_connect_timeout=3, socket_timeout=3)
    try:
        client.ping()
    except Exception as error:  # any failure to connect means: no usable Redis
        return f"Redis unter {REDIS_URL} nicht erreichbar: {error.__class__.__name__}: {error}"
    finally:
        client.close()
    return None


def require_redis() -> None:
    if not _redis_checked:
        _redis_checked.append(_redis_problem())
    problem = _redis_checked[0]
    if problem is not None:
        if REQUIRE_SERVICES:
            pytest.fail(problem + " (SOZIALKONFERENZ_REQUIRE_SERVICES=1: Redis ist Pflicht)")
        pytest.skip(problem + " – Tests mit Broker übersprungen")


def reset_postgres() -> None:
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


# The suite runs on two workers (pytest-xdist, ``-n 2 --dist loadscope`` in pyproject.toml); each worker is a
# test run of its own as above (database, Redis prefix, temporary files, free ports). A module's tests stay
# together on one worker, so what a module builds once (a demo city, a server) is built once. The browser tests
# share one server for their package, and the cluster tests start processes against each other: each of those
# packages runs as a whole on one worker.
WHOLE_PACKAGES = ("tests/browser/", "tests/cluster/")
# The longest units, handed out first (longest first, so that no long one is left for the end of the run); the
# others follow by number of tests, as pytest-xdist orders them.
LONGEST_FIRST = (
    "tests/browser/",
    "tests/cluster/",
    "tests/oparl/test_oparl.py",
    "tests/api/test_contract.py",
    "tests/fuzz/test_collab_structured.py",  # a campaign of SOZIALKONFERENZ_FUZZ_SECONDS per test and database
)


def scope_of(nodeid: str) -> str:
    """The unit of work a worker takes: the test's package if it is one of WHOLE_PACKAGES, else its module."""
    module = nodeid.split("::", 1)[0]
    return next((package for package in WHOLE_PACKAGES if module.startswith(package)), module)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadscope`` by ``scope_of`` (xdist's ``loadgroup`` marks do not reach the node ids on pytest 9)."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ScopeScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope_of(nodeid)

        def _assign_work_unit(self, node: Any) -> None:
            waiting = next((scope for scope in LONGEST_FIRST if scope in self.workqueue), None)
            if waiting is not None:
                self.workqueue.move_to_end(waiting, last=False)
            super()._assign_work_unit(node)

    return ScopeScheduling(config, log)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'events.db'}"
    require_postgres()
    reset_postgres()
    return POSTGRES_URL


@pytest.fixture
def app(database_url: str) -> Iterator[Sozialkonferenz]:
    application = build_application(database_url)
    yield application
    application.close()
    application.recorder.datastore.engine.dispose()  # type: ignore[attr-defined]


@pytest.fixture
def actor() -> UUID:
    return UUID("11111111-1111-4111-8111-111111111111")
