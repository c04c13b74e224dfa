"""Before the server starts: settings that cannot work are refused with a German message, and
``--workers N`` prepares the database once and lets uvicorn start N processes on one port.

``check_startup`` is a courtesy: the lifespan takes the same locks for good (``ServerGuard``),
so a process started in a race still refuses, only less politely.
"""

from __future__ import annotations

import os

from starlette.applications import Starlette

from server.config import Settings

BROKER_NEEDS_POSTGRESQL = (
    "Ein Broker verbindet mehrere Serverprozesse auf einer PostgreSQL-Datenbank; eine SQLite-Datei "
    "bedient nur ein Prozess. Bitte --database postgresql+psycopg://… angeben oder den Broker weglassen."
)
WORKERS_NEED = (
    "--workers {n} startet {n} Prozesse auf einer Datenbank: das braucht PostgreSQL "
    "(--database postgresql+psycopg://…) und einen Broker (--broker redis://HOST:PORT/DB "
    "oder SOZIALKONFERENZ_BROKER_URL)."
)


def check_startup(settings: Settings, workers: int = 1) -> None:
    """Raises ValueError (German) for settings this server cannot start with."""
    if workers < 1:
        raise ValueError(f"--workers muss mindestens 1 sein, nicht {workers}.")
    if workers > 1 and (settings.broker_url is None or not settings.database_url.startswith("postgresql")):
        raise ValueError(WORKERS_NEED.format(n=workers))
    if settings.broker_url is not None and not settings.database_url.startswith("postgresql"):
        raise ValueError(BROKER_NEEDS_POSTGRESQL)
    if settings.broker_url is not None:
        _ping(settings.broker_url)
    _check_guard(settings)


def _ping(url: str) -> None:
    from redis import Redis
    from redis.exceptions import RedisError

    from server.cluster.broker import unreachable

    client = Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
    try:
        client.ping()
    except (RedisError, OSError) as error:
        raise ValueError(unreachable(url, error)) from error
    finally:
        client.close()


def _check_guard(settings: Settings) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError

    from server.cluster.locks import AlreadyServed, ServerGuard

    engine = create_engine(settings.database_url)
    guard = ServerGuard(engine, shared=settings.broker_url is not None)
    try:
        guard.acquire()
    except AlreadyServed as error:
        raise ValueError(str(error)) from None
    except SQLAlchemyError:
        return  # the database itself is the problem: the start-up says so
    finally:
        guard.release()
        engine.dispose()


def prepare_workers(settings: Settings) -> None:
    """Tables, the signing key and (``--demo``) the demo data once, before the workers race for them;
    then the settings go into the environment the workers read them from."""
    from projections.runner import ProjectionRunner
    from server.app import load_demo_accounts, load_demo_data
    from server.auth.store import AccountStore
    from server.composition import build_application, close_application

    application = build_application(settings.database_url, settings.sqlite_synchronous)
    try:
        ProjectionRunner(application)  # creates the views' tables
        engine = application.recorder.datastore.engine  # type: ignore[attr-defined]
        accounts = AccountStore(engine, settings.auth.secret_key or None)
        if settings.demo:
            load_demo_data(application)
            load_demo_accounts(application, accounts)
    finally:
        close_application(application)
    os.environ["SOZIALKONFERENZ_DATABASE_URL"] = settings.database_url
    os.environ["SOZIALKONFERENZ_BROKER_URL"] = settings.broker_url or ""
    os.environ["SOZIALKONFERENZ_BROKER_PREFIX"] = settings.broker_prefix


def worker_app() -> Starlette:
    """The application of one worker (uvicorn's factory), from the environment ``prepare_workers`` set."""
    from server.app import create_app

    return create_app(Settings.load())
