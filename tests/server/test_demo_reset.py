"""``sozialkonferenz demo reset``: asks first, refuses while a server runs, then restores the demo city."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from domain.application import SYSTEM_ACTOR
from server.cli import main
from server.composition import build_application, close_application

REPO = Path(__file__).resolve().parents[2]


def _has_demo_and_not(url: str, name: str) -> tuple[bool, bool]:
    from server.demo import demo_present

    app = build_application(url)
    try:
        with app.recorder.datastore.engine.connect() as connection:  # type: ignore[attr-defined]
            from sqlalchemy import text

            names = {row[0] for row in connection.execute(text("SELECT name FROM personal_data"))}
        return demo_present(app), name in names
    finally:
        close_application(app)


def test_reset_asks_restores_the_demo_and_forgets_what_was_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert main(["demo", "reset", "--yes", "--database", url]) == 0
    app = build_application(url)
    try:
        app.register_person(SYSTEM_ACTOR, "Probe Person", "probe@example.org")
    finally:
        close_application(app)
    assert _has_demo_and_not(url, "Probe Person") == (True, True)

    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["demo", "reset", "--database", url]) == 1  # declined: nothing changes
    assert _has_demo_and_not(url, "Probe Person") == (True, True)

    monkeypatch.setattr("builtins.input", lambda prompt: "j")
    assert main(["demo", "reset", "--database", url]) == 0
    assert _has_demo_and_not(url, "Probe Person") == (True, False)


def test_reset_refuses_while_a_server_runs_on_the_database(tmp_path: Path) -> None:
    from tests.ports import free_port
    from tests.server.test_cli import wait_until_up

    url = f"sqlite:///{tmp_path / 'running.db'}"
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "serve", "--port", str(port), "--database", url],
            cwd=REPO, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_until_up(server, f"http://127.0.0.1:{port}/api/health", log)
        result = subprocess.run(
            [sys.executable, "-m", "server.cli", "demo", "reset", "--yes", "--database", url],
            cwd=REPO, capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 2
        assert "läuft noch ein Server" in result.stderr
    finally:
        server.terminate()
        server.wait(15)
