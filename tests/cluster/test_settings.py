"""The broker's settings: option over environment, a prefix from the database's name, PostgreSQL only."""

from __future__ import annotations

import pytest

from server.cluster.startup import check_startup
from server.config import Settings

PG = "postgresql+psycopg://sk@db.example/stadt_lindenau"


def test_without_broker_nothing_changes() -> None:
    settings = Settings.load(database_url=PG, environ={})
    assert settings.broker_url is None


def test_broker_from_option_wins_over_environment() -> None:
    env = {"SOZIALKONFERENZ_BROKER_URL": "redis://env:6379/1"}
    assert Settings.load(database_url=PG, environ=env).broker_url == "redis://env:6379/1"
    assert (
        Settings.load(database_url=PG, broker_url="redis://cli:6379/2", environ=env).broker_url == "redis://cli:6379/2"
    )


def test_prefix_defaults_to_the_database_name_and_can_be_set() -> None:
    assert Settings.load(database_url=PG, environ={}).broker_prefix == "sk:stadt_lindenau"
    env = {"SOZIALKONFERENZ_BROKER_PREFIX": "lindenau-prod"}
    assert Settings.load(database_url=PG, environ=env).broker_prefix == "lindenau-prod"


def test_serving_with_a_broker_is_refused_for_sqlite_and_other_addresses() -> None:
    settings = Settings.load(database_url="sqlite:///x.db", broker_url="redis://127.0.0.1:6379/0", environ={})
    with pytest.raises(ValueError, match="PostgreSQL-Datenbank"):
        check_startup(settings)
    with pytest.raises(ValueError, match="Redis-Adresse"):
        Settings.load(database_url=PG, broker_url="amqp://rabbit", environ={})
