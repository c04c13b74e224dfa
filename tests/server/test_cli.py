"""``python -m server.cli serve`` as a real process: it starts, answers, and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.ports import free_port

REPO = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 30.0


def wait_until_up(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)  # poll interval, not a synchronisation point
    pytest.fail(f"Server not up within {STARTUP_TIMEOUT}s:\n{log.read_text()}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    log = tmp_path / "server.log"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SOZIALKONFERENZ_DATABASE_URL", None)
    command = [
        sys.executable,
        "-m",
        "server.cli",
        "serve",
        "--port",
        str(port),
        "--database",
        f"sqlite:///{tmp_path / 'x.db'}",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, f"{base}/api/health", log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    # uvicorn shuts down gracefully, then re-raises SIGTERM, so the exit status names the signal.
    assert process.returncode in (0, -signal.SIGTERM), log.read_text()
    assert "Application shutdown complete" in log.read_text()


def test_served_app_answers_on_the_given_port(server: str, tmp_path: Path) -> None:
    health = httpx.get(f"{server}/api/health").json()
    assert (health["status"], health["database"], health["position"]) == ("ok", "sqlite", 0)
    refused = httpx.get(f"{server}/api/conferences")  # everything else needs a sign-in
    assert (refused.status_code, refused.json()["detail"]) == (401, "Bitte melden Sie sich an.")
    assert (tmp_path / "x.db").is_file()
    assert not (tmp_path / "data").exists(), "an explicit --database must not create the default data folder"


def test_missing_command_is_a_usage_error() -> None:
    result = subprocess.run([sys.executable, "-m", "server.cli"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 2
    assert "usage: sozialkonferenz" in result.stderr


def test_serve_help_names_its_options() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "server.cli", "serve", "--help"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0
    for option in ("--host", "--port", "--database", "--demo"):
        assert option in result.stdout
