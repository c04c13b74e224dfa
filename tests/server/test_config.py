"""Settings: command-line options win over the environment, the environment over defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.composition import build_application, close_application
from server.config import Settings


def test_options_win_over_environment() -> None:
    env = {"HOST": "0.0.0.0", "PORT": "9000", "SOZIALKONFERENZ_DATABASE_URL": "sqlite:///env.db"}
    settings = Settings.load(host="127.0.0.2", port=8001, database_url="sqlite:///option.db", environ=env)
    assert (settings.host, settings.port, settings.database_url) == ("127.0.0.2", 8001, "sqlite:///option.db")


def test_environment_wins_over_defaults() -> None:
    env = {"HOST": "0.0.0.0", "PORT": "9000", "SOZIALKONFERENZ_DATABASE_URL": "postgresql+psycopg://u@h/db"}
    settings = Settings.load(environ=env)
    assert (settings.host, settings.port, settings.database_url) == ("0.0.0.0", 9000, "postgresql+psycopg://u@h/db")


def test_default_database_is_a_sqlite_file_in_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.load(environ={})
    assert settings.database_url == f"sqlite:///{tmp_path.resolve() / 'data' / 'sozialkonferenz.db'}"
    assert (tmp_path / "data").is_dir()
    assert (settings.host, settings.port, settings.demo) == ("127.0.0.1", 8000, False)


@pytest.mark.parametrize("port", ["abc", "70000"])
def test_bad_port_is_refused(port: str) -> None:
    with pytest.raises(ValueError, match="PORT"):
        Settings.load(database_url="sqlite://", environ={"PORT": port})


@pytest.mark.parametrize(("value", "expected"), [(None, "FULL"), ("normal", "NORMAL"), ("FULL", "FULL")])
def test_sqlite_synchronous_comes_from_the_environment(value: str | None, expected: str) -> None:
    environ = {} if value is None else {"SOZIALKONFERENZ_SQLITE_SYNCHRONOUS": value}
    assert Settings.load(database_url="sqlite://", environ=environ).sqlite_synchronous == expected


def test_an_unknown_sqlite_synchronous_level_is_refused() -> None:
    with pytest.raises(ValueError, match="FULL oder NORMAL"):
        Settings.load(database_url="sqlite://", environ={"SOZIALKONFERENZ_SQLITE_SYNCHRONOUS": "OFF"})


@pytest.mark.parametrize(("level", "pragma"), [("FULL", 2), ("NORMAL", 1)])
def test_sqlite_connections_use_the_chosen_synchronous_level(tmp_path: Path, level: str, pragma: int) -> None:
    app = build_application(f"sqlite:///{tmp_path / 'store.db'}", level)
    try:
        with app.recorder.datastore.engine.connect() as connection:  # type: ignore[attr-defined]
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == pragma
    finally:
        close_application(app)


def test_client_build_folder_comes_from_the_environment(tmp_path: Path) -> None:
    assert Settings.load(database_url="sqlite://", environ={}).client_dist.parts[-2:] == ("client", "dist")
    environ = {"SOZIALKONFERENZ_CLIENT_DIST": str(tmp_path)}
    assert Settings.load(database_url="sqlite://", environ=environ).client_dist == tmp_path


def test_postgres_tests_use_a_database_of_their_own_run() -> None:
    from sqlalchemy import make_url

    from tests.conftest import POSTGRES_URL, RUN_DATABASE, SERVER_POSTGRES_URL

    assert make_url(POSTGRES_URL).database == RUN_DATABASE != make_url(SERVER_POSTGRES_URL).database
    assert RUN_DATABASE.startswith("sk_test_")


def test_oparl_public_url_and_city_name_come_from_the_environment() -> None:
    env = {"SOZIALKONFERENZ_PUBLIC_URL": "https://ris.example.org/sk/", "SOZIALKONFERENZ_CITY_NAME": "Musterstadt"}
    settings = Settings.load(database_url="sqlite://", environ=env)
    assert (settings.oparl.public_url, settings.oparl.city_name) == ("https://ris.example.org/sk", "Musterstadt")
    plain = Settings.load(database_url="sqlite://", environ={})
    assert (plain.oparl.public_url, plain.oparl.city_name) == ("", "Stadt")
    assert Settings.load(database_url="sqlite://", demo=True, environ={}).oparl.city_name == "Lindenau"
    with pytest.raises(ValueError, match="SOZIALKONFERENZ_PUBLIC_URL muss mit http:// oder https:// beginnen"):
        Settings.load(database_url="sqlite://", environ={"SOZIALKONFERENZ_PUBLIC_URL": "ris.example.org"})
