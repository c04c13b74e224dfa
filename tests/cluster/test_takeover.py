"""The projections run in one process of the cluster; when it is killed another takes them over."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.auth import bearer
from tests.cluster.conftest import Pair, ServerProcess, fresh_world, wait_until


def runs_projections(server: ServerProcess) -> bool:
    return bool(server.health()["processes"][0]["projections"])


def test_another_process_takes_over_the_projections_when_their_process_is_killed(tmp_path: Path) -> None:
    pair = Pair(tmp_path, fresh_world())
    try:
        wait_until(lambda: runs_projections(pair.a) or runs_projections(pair.b), message="a leading process")
        leader, survivor = (pair.a, pair.b) if runs_projections(pair.a) else (pair.b, pair.a)
        assert not runs_projections(survivor)
        leader.kill()  # kill -9: its lease (an advisory lock) ends with its database session
        wait_until(lambda: runs_projections(survivor), message="the survivor running the projections")

        response = pair.post(survivor, "/organisations", {"name": "Nach der Übernahme", "kind": "other"})
        assert response.status_code == 201, response.text
        created, position = response.json()["id"], response.json()["position"]
        wait_until(
            lambda: min(p["position"] for p in survivor.health()["projections"]) >= position,
            message="the survivor's views catching up",
        )
        listed = httpx.get(f"{survivor.http}/api/organisations", headers=bearer(pair.organiser)).json()
        assert created in {row["id"] for row in listed}
        wait_until(  # the killed process's registry entry expires
            lambda: [p["pid"] for p in survivor.health()["processes"]] == [survivor.process.pid],
            message="the killed process leaving the registry",
        )
    finally:
        pair.stop()
