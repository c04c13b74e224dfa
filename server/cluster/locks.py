"""Who may run on a database: the server guard, and the lease under which the projections run.

Both are PostgreSQL advisory locks, session-level, on a connection of their own: they end with
the session, so a process killed with ``kill -9`` (or a machine that vanished: TCP keep-alives
end its session) leaves nothing behind. On SQLite the guard is a file lock beside the database
(``flock``, released by the kernel when the process dies).

- ``ServerGuard``: a server without a broker holds the server lock exclusively, servers with a
  broker hold it shared. So a second process on one database starts only when every process has
  the broker; otherwise it refuses with a German message saying what to configure.
- ``Lease``: held by one process of the cluster at a time; another takes it over within a poll
  interval when that one ends. Two exist: the projections' (that process runs them) and the live
  writer's (that process stores the live rooms' updates; the others forward theirs to it).
"""

from __future__ import annotations

import fcntl
import hashlib
import time
from pathlib import Path
from typing import IO

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

SERVER_KEY = 0x534B_5345_5256  # "SKSERV": held by every running server process
PROJECTIONS_KEY = 0x534B_5052_4F4A  # "SKPROJ": held by the process running the projections
LIVE_WRITER_KEY = 0x534B_4C49_5645  # "SKLIVE": held by the process storing the live rooms' updates (see lease_key)
STARTUP_KEY = 0x534B_5354_5254  # "SKSTRT": held while a process creates and checks its tables
LEASE_CHECK_SECONDS = 2.0

SOLO_TAKEN = (
    "Auf dieser Datenbank läuft schon ein anderer Serverprozess. Ohne Broker darf nur einer laufen, "
    "sonst sähen die Prozesse die Änderungen der anderen nicht: den anderen beenden, oder allen Prozessen "
    "denselben Broker geben (--broker redis://HOST:PORT/DB bzw. SOZIALKONFERENZ_BROKER_URL)."
)
SHARED_BLOCKED = (
    "Auf dieser Datenbank läuft schon ein Serverprozess ohne Broker. Ihn beenden und mit demselben "
    "--broker redis://HOST:PORT/DB (SOZIALKONFERENZ_BROKER_URL) neu starten wie diesen; dann laufen "
    "beliebig viele Prozesse nebeneinander."
)
SQLITE_TAKEN = (
    "Diese SQLite-Datei bedient schon ein anderer Serverprozess. Eine SQLite-Datei kann nur ein Prozess "
    "bedienen; für mehrere Prozesse PostgreSQL und einen Broker verwenden "
    "(--database postgresql+psycopg://…, --broker redis://…)."
)


def lease_key(key: int, prefix: str) -> int:
    """``key`` for the cluster named by its broker prefix: processes that do not share a broker (another
    installation's on the same database, a test's) cannot forward to each other, so each has its own."""
    digest = hashlib.sha256(f"{key}:{prefix}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class AlreadyServed(RuntimeError):
    """Another server process holds the database in a way that excludes this one."""


def lock_connection(engine: Engine) -> Connection:
    """A connection of its own, outside the pool, in autocommit, whose session PostgreSQL ends
    soon after its peer vanished."""
    dedicated = create_engine(engine.url, poolclass=NullPool)
    connection = dedicated.connect().execution_options(isolation_level="AUTOCOMMIT")
    for setting in ("tcp_keepalives_idle = 10", "tcp_keepalives_interval = 5", "tcp_keepalives_count = 3"):
        connection.execute(text(f"SET {setting}"))
    return connection


class StartupLock:
    """Processes starting together on one PostgreSQL database create their tables one after the other
    (``CREATE TABLE`` of two sessions at once fails on PostgreSQL's catalogue)."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self._connection: Connection | None = None

    def acquire(self) -> None:
        if not self.database_url.startswith("postgresql"):
            return
        connection = lock_connection(create_engine(self.database_url, poolclass=NullPool))
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": STARTUP_KEY})
        self._connection = connection

    def release(self) -> None:
        if self._connection is not None:
            self._connection.close()  # ends the session, and the lock with it
            self._connection.engine.dispose()
            self._connection = None


class ServerGuard:
    def __init__(self, engine: Engine, shared: bool) -> None:
        self.engine = engine
        self.shared = shared
        self._connection: Connection | None = None
        self._file: IO[bytes] | None = None

    def acquire(self) -> None:
        """Raises AlreadyServed with a German message when this process must not run."""
        if self.engine.dialect.name == "sqlite":
            self._lock_file()
        elif self.engine.dialect.name == "postgresql":
            connection = lock_connection(self.engine)
            function = "pg_try_advisory_lock_shared" if self.shared else "pg_try_advisory_lock"
            if not connection.execute(text(f"SELECT {function}(:key)"), {"key": SERVER_KEY}).scalar():
                connection.close()
                raise AlreadyServed(SHARED_BLOCKED if self.shared else SOLO_TAKEN)
            self._connection = connection

    def _lock_file(self) -> None:
        database = self.engine.url.database
        if not database or database == ":memory:":
            return
        handle = Path(f"{database}.server-lock").open("ab")  # noqa: SIM115  # held for the process lifetime
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise AlreadyServed(SQLITE_TAKEN) from None
        self._file = handle

    def release(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection.engine.dispose()
            self._connection = None
        if self._file is not None:
            self._file.close()  # closing drops the flock
            self._file = None


class Lease:
    """Held by at most one process of the cluster; ``hold()`` is called from a worker thread."""

    def __init__(self, engine: Engine, key: int = PROJECTIONS_KEY, check_seconds: float = LEASE_CHECK_SECONDS) -> None:
        self.engine = engine
        self.key = key
        self.check_seconds = check_seconds
        self.held = False
        self._connection: Connection | None = None
        self._checked = 0.0

    def hold(self) -> bool:
        """True while this process holds the lease (tries to take it when it does not)."""
        try:
            if self.held:
                if time.monotonic() - self._checked >= self.check_seconds:
                    self._connection.execute(text("SELECT 1"))  # type: ignore[union-attr]  # session still there?
                    self._checked = time.monotonic()
                return True
            if self._connection is None:
                self._connection = lock_connection(self.engine)
            taken = self._connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key})
            self.held = bool(taken.scalar())
            self._checked = time.monotonic()
        except Exception:  # the connection went: the lock went with it; try again with a new one
            self._drop()
        return self.held

    def _drop(self) -> None:
        self.held = False
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
                connection.engine.dispose()
            except Exception:  # already broken
                pass

    def release(self) -> None:
        self._drop()
