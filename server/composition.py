"""The composition root: builds the application and its storage from one database URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventsourcing.utils import get_topic
from sqlalchemy import event

from domain.application import Sozialkonferenz
from projections.personal_data import SqlPersonalData
from server.chain import ChainedFactory, catch_up

DEFAULT_DATA_DIR = Path("data")


def default_database_url(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(data_dir / 'sozialkonferenz.db').resolve()}"


def application_env(database_url: str) -> dict[str, str]:
    return {
        "PERSISTENCE_MODULE": get_topic(ChainedFactory),  # eventsourcing_sqlalchemy, chaining every event
        "SQLALCHEMY_URL": database_url,
    }


SQLITE_SYNCHRONOUS = ("FULL", "NORMAL")


def build_application(database_url: str, sqlite_synchronous: str = "FULL") -> Sozialkonferenz:
    """The application on one database.

    ``sqlite_synchronous`` (SQLite only, always in WAL mode): ``FULL`` syncs the log to disk
    at every commit, so a commit survives a power failure; ``NORMAL`` leaves that to the
    operating system: a commit survives the server being killed (``kill -9``) or crashing,
    but a power failure or system crash may take back the last commits.
    """
    if sqlite_synchronous not in SQLITE_SYNCHRONOUS:
        raise ValueError(f"SQLite-Synchronisierung muss FULL oder NORMAL sein, nicht {sqlite_synchronous!r}.")
    app = Sozialkonferenz(env=application_env(database_url))
    engine = app.recorder.datastore.engine  # type: ignore[attr-defined]
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _synchronous(dbapi_connection: Any, _: Any) -> None:
            dbapi_connection.execute(f"PRAGMA synchronous={sqlite_synchronous}")
            # Deleted rows are overwritten with zeros, not left in free space (erasure, art. 17).
            dbapi_connection.execute("PRAGMA secure_delete=ON")

        engine.dispose()  # connections made before the listener (there should be none) go
    app.personal_data = SqlPersonalData(engine)
    catch_up(app.recorder)  # type: ignore[arg-type]  # a store from before the hash chain gets its links
    return app


def close_application(app: Sozialkonferenz) -> None:
    """Close the application and release its database connections."""
    app.close()
    app.recorder.datastore.engine.dispose()  # type: ignore[attr-defined]


def database_kind(app: Sozialkonferenz) -> str:
    """``sqlite`` or ``postgresql``: the dialect of the event store's database."""
    name: str = app.recorder.datastore.engine.dialect.name  # type: ignore[attr-defined]
    return name
