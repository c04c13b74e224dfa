"""The measure catalogue follows the live text: debounced ProposalEdited events."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

import httpx
import pytest

from domain.measure import Measure
from server.collab.room import Limits
from tests.auth import bearer
from tests.collab.client import CollabClient
from tests.collab.conftest import CollabServer, start_server
from tests.collab.helpers import synced, wait_stored

pytestmark = pytest.mark.anyio


async def _catalogue_row(s: CollabServer, measure: UUID) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=s.http, timeout=30, headers=bearer(s.scenario.people[0])) as http:
        response = await http.get(f"/api/measures/{measure}")
        assert response.status_code == 200, response.text
        return dict(response.json())


async def _wait_for_row(s: CollabServer, measure: UUID, expected: dict[str, str], timeout: float = 10) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        row = await _catalogue_row(s, measure)
        if {k: row[k] for k in expected} == expected:
            return
        if loop.time() > deadline:
            raise AssertionError(f"Katalog zeigt {({k: row[k] for k in expected})!r} statt {expected!r}")
        await asyncio.sleep(0.05)


def _edits(s: CollabServer, measure: UUID) -> list[Any]:
    return [e for e in s.runtime.application.events.get(measure) if isinstance(e, Measure.ProposalEdited)]


async def test_the_catalogue_shows_the_live_text_after_the_debounce(collab_server: CollabServer) -> None:
    s = collab_server
    measure, editor = s.scenario.measure_ids[0], s.scenario.people[1]
    async with CollabClient(s.ws, measure, editor) as a:
        await synced(a)
        for i, character in enumerate("Neuer Titel: "):
            await a.edit("title", i, character)
        await a.edit("goal", 0, "Weniger Armut im Quartier.")
        await wait_stored(s.runtime.application, measure, a.fields())
        expected = {"title": "Neuer Titel: Vorschlag 1", "goal": "Weniger Armut im Quartier.Ziel."}
        assert {k: a.fields()[k] for k in expected} == expected
        await _wait_for_row(s, measure, expected)
    edits = await asyncio.to_thread(_edits, s, measure)
    assert 1 <= len(edits) <= 3  # 14 keystrokes, debounced into very few catalogue events
    assert all(e.actor == editor for e in edits)


@pytest.mark.parametrize("limits", [Limits(catalogue_debounce=60.0)])
async def test_live_text_not_yet_in_the_catalogue_reaches_it_after_a_restart(
    collab_server: CollabServer, database_url: str, limits: Limits
) -> None:
    s = collab_server
    measure = s.scenario.measure_ids[0]
    async with CollabClient(s.ws, measure, s.scenario.people[1]) as a:
        await synced(a)
        await a.edit("title", 0, "Vor dem Neustart: ")
        await wait_stored(s.runtime.application, measure, a.fields())
    assert (await _catalogue_row(s, measure))["title"] == "Vorschlag 1"  # the sync is not due for a minute
    s.stop()
    restarted = start_server(database_url, Limits(catalogue_debounce=0.2), s.scenario)
    try:
        # Nobody opens the proposal again; the catalogue must not keep the old title for good.
        await _wait_for_row(restarted, measure, {"title": "Vor dem Neustart: Vorschlag 1"})
    finally:
        restarted.stop()


@pytest.mark.parametrize("limits", [Limits(catalogue_debounce=60.0)])
async def test_after_the_session_closes_the_catalogue_shows_the_lapsed_live_text(
    collab_server: CollabServer, limits: Limits
) -> None:
    s = collab_server
    measure = s.scenario.measure_ids[0]
    async with CollabClient(s.ws, measure, s.scenario.people[1]) as a:
        await synced(a)
        await a.edit("title", 0, "Live: ")
        await wait_stored(s.runtime.application, measure, a.fields())
        async with httpx.AsyncClient(base_url=s.http, timeout=30, headers=bearer(s.scenario.people[0])) as http:
            closed = await http.post(
                f"/api/conferences/{s.scenario.conference_id}/session/close",
                json={},
                headers=bearer(s.scenario.people[0]),
            )
            assert closed.status_code == 200, closed.text
            decisions = (await http.get(f"/api/measures/{measure}/decision-texts")).json()
            assert decisions[-1]["frozen"]["fields"]["title"] == "Live: Vorschlag 1"
            position = closed.json()["position"]
            row = (await http.get(f"/api/measures/{measure}", params={"min_position": position})).json()
    assert row["status"] == "lapsed"
    assert row["title"] == "Live: Vorschlag 1"
