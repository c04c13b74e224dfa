"""Settings: command-line options win over the environment, the environment over defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

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
