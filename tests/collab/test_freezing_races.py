"""Races around a freeze, made reproducible by slowing the decision down between loading and saving.

The group agreement runs in a worker thread: it loads the measure, decides, and saves. Nothing that
happens to the live document meanwhile may end up outside the frozen text or make the decision fail.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import httpx
import pytest

from domain.measure import Measure
from domain.texts import content_hash
from server.collab.room import CLOSE_NOT_EDITABLE, Limits
from tests.auth import bearer
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer
from tests.collab.helpers import stored, synced, wait_stored

pytestmark = pytest.mark.anyio

SLOW_DECISION = 0.9  # longer than a round of the rooms' housekeeping (every 0.5 s) plus the debounce


@pytest.fixture
def limits() -> Limits:
    return Limits(catalogue_debounce=0.05, idle_seconds=0.2)


@pytest.fixture
def slow_agreement(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Measure.agree_in_group takes SLOW_DECISION seconds; the event is set when it starts."""
    started = threading.Event()
    agree = Measure.agree_in_group

    def slow(self: Measure, *args: Any, **kwargs: Any) -> None:
        started.set()
        time.sleep(SLOW_DECISION)
        agree(self, *args, **kwargs)

    monkeypatch.setattr(Measure, "agree_in_group", slow)
    return started


async def _agree(s: CollabServer, measure: object) -> httpx.Response:
    async with httpx.AsyncClient(base_url=s.http, timeout=30, headers=bearer(s.scenario.people[0])) as http:
        return await http.post(
            f"/api/measures/{measure}/agreement", json={}, headers=bearer(s.scenario.people[0])
        )


async def test_a_pending_catalogue_sync_does_not_make_the_agreement_fail(
    collab_server: CollabServer, slow_agreement: threading.Event
) -> None:
    s = collab_server
    measure = s.scenario.measure_ids[0]
    async with CollabClient(s.ws, measure, s.scenario.people[1]) as a:
        await synced(a)
        await a.edit("title", 0, "Neu: ")
        await wait_stored(s.runtime.application, measure, a.fields())
        response = await _agree(s, measure)  # the catalogue sync of "Neu: " falls due meanwhile
        assert response.status_code == 200, response.text
        text, _ = await stored(s.runtime.application, measure)
        assert text["title"] == "Neu: Vorschlag 1"
        assert response.json()["sha256"] == content_hash(text)
    async with httpx.AsyncClient(base_url=s.http, timeout=30, headers=bearer(s.scenario.people[0])) as http:
        row = (await http.get(f"/api/measures/{measure}", params={"min_position": response.json()["position"]})).json()
    assert (row["status"], row["title"]) == ("proposed", "Neu: Vorschlag 1")


async def test_joining_a_proposal_while_it_is_being_frozen_waits_and_is_then_refused(
    collab_server: CollabServer, slow_agreement: threading.Event
) -> None:
    s = collab_server
    measure = s.scenario.measure_ids[2]  # never edited live: the freeze finds no room and no document
    agreement = asyncio.create_task(_agree(s, measure))
    assert await asyncio.to_thread(slow_agreement.wait, 10)
    async with CollabClient(s.ws, measure, s.scenario.people[1]) as late:
        assert await late.wait_closed(SLOW_DECISION + 10) == CLOSE_NOT_EDITABLE
        assert not late.synced.is_set()
        assert agreement.done()
    response = await agreement
    assert response.status_code == 200, response.text
    text, _ = await stored(s.runtime.application, measure)
    assert text["title"] == "Vorschlag 3"
    assert response.json()["sha256"] == content_hash(text)


async def test_an_idle_room_is_not_unloaded_or_synced_while_it_is_being_frozen(
    collab_server: CollabServer, slow_agreement: threading.Event
) -> None:
    s = collab_server
    measure = s.scenario.measure_ids[1]
    async with CollabClient(s.ws, measure, s.scenario.people[1]) as a:
        await synced(a)
        await a.edit("description", 0, "Kurz vor dem Beschluss: ")
        await wait_stored(s.runtime.application, measure, a.fields())
    await wait_until(lambda: not s.runtime.collab.rooms[measure].connections)
    response = await _agree(s, measure)  # meanwhile the room is idle, its catalogue text due
    assert response.status_code == 200, response.text
    text, _ = await stored(s.runtime.application, measure)
    assert text["description"] == "Kurz vor dem Beschluss: Ausgangslage."
    assert response.json()["sha256"] == content_hash(text)
