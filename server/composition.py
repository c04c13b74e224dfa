"""The composition root: builds the application and its storage from one database URL."""

from __future__ import annotations

from pathlib import Path

from domain.application import Sozialkonferenz
from projections.personal_data import SqlPersonalData

DEFAULT_DATA_DIR = Path("data")


def default_database_url(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(data_dir / 'sozialkonferenz.db').resolve()}"


def application_env(database_url: str) -> dict[str, str]:
    return {
        "PERSISTENCE_MODULE": "eventsourcing_sqlalchemy",
        "SQLALCHEMY_URL": database_url,
    }


def build_application(database_url: str) -> Sozialkonferenz:
    app = Sozialkonferenz(env=application_env(database_url))
    engine = app.recorder.datastore.engine  # type: ignore[attr-defined]
    app.personal_data = SqlPersonalData(engine)
    return app


def close_application(app: Sozialkonferenz) -> None:
    """Close the application and release its database connections."""
    app.close()
    app.recorder.datastore.engine.dispose()  # type: ignore[attr-defined]


def database_kind(app: Sozialkonferenz) -> str:
    """``sqlite`` or ``postgresql``: the dialect of the event store's database."""
    name: str = app.recorder.datastore.engine.dialect.name  # type: ignore[attr-defined]
    return name
