"""The auditor's replay of live editing: steps of typing, each update keystroke-fine, the text after any version."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from domain.document import ProposalDocument
from server.collab.room import Limits
from server.integrity import live_text
from tests.auth import bearer
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer
from tests.collab.helpers import synced, wait_stored

pytestmark = pytest.mark.anyio


@pytest.fixture
def limits() -> Limits:
    return Limits(catalogue_debounce=0.2, checkpoint_every=2)  # checkpoints must not disturb the steps


async def test_two_people_typing_make_one_step_that_opens_keystroke_fine(collab_server: CollabServer) -> None:
    s = collab_server
    app, measure = s.runtime.application, s.scenario.measure_ids[0]
    ada, bo = s.scenario.people[:2]
    async with (
        httpx.AsyncClient(base_url=s.http, timeout=10, headers=bearer(ada)) as http,
        CollabClient(s.ws, measure, ada) as a,
        CollabClient(s.ws, measure, bo) as b,
    ):

        async def get(path: str, **params: Any) -> Any:
            response = await http.get(f"/api/measures/{measure}/{path}", params=params)
            assert response.status_code == 200, response.text
            return response.json()

        assert await get("live-steps") == []  # nobody has typed yet: the seed is no one's step
        await synced(a, b)
        for word in ("Ada ", "schreibt. "):  # several stored batches, keystroke after keystroke
            await a.edit("description", len(a.fields()["description"]), word)
            await wait_stored(app, measure, a.fields())
        await wait_until(lambda: b.fields() == a.fields())
        await b.edit("goal", 0, "Bo zielt.")
        events = await wait_stored(app, measure, b.fields())
        assert any(isinstance(e, ProposalDocument.Checkpointed) for e in events)

        [step] = await get("live-steps")
        assert [p["actor_name"] for p in step["people"]] == ["Ada", "Bo"]
        assert step["actor_ids"] == [str(ada), str(bo)]
        assert step["fields"] == ["description", "goal"]
        appended = [e for e in events if isinstance(e, ProposalDocument.UpdatesAppended)]
        assert (step["first_version"], step["last_version"]) == (
            appended[0].originator_version,
            appended[-1].originator_version,
        )
        assert step["updates"] == sum(len(e.updates) for e in appended) >= 3
        assert step["from"] <= step["to"]

        # The text after the step is the text the people saw; after the seed, the proposal as it was.
        assert (await get("text", version=step["last_version"]))["fields"] == b.fields()
        seed = (await get("text", version=1))["fields"]
        assert (seed["description"], seed["goal"]) == ("Ausgangslage.", "Ziel.")

        # Opened keystroke-fine: each update with its person, the field it changed and that field's text after it.
        fine = await get("live-updates", **{"from": step["first_version"], "to": step["last_version"]})
        assert fine["truncated"] is False and len(fine["updates"]) == step["updates"]
        seen = [(u["actor_name"], u["fields"], u["text"]) for u in fine["updates"]]
        assert seen[0] == ("Ada", ["description"], {"description": "Ausgangslage.Ada "})
        assert seen[1] == ("Ada", ["description"], {"description": "Ausgangslage.Ada schreibt. "})
        assert seen[-1] == ("Bo", ["goal"], {"goal": "Bo zielt.Ziel."})

        # Bad input is refused with a clear error.
        for params in ({"version": "0"}, {"version": "x"}):
            refused = await http.get(f"/api/measures/{measure}/text", params=params)
            assert (refused.status_code, refused.json()["code"]) == (400, "invalid_input"), params
        for params in ({}, {"from": "1"}, {"from": "0", "to": "1"}):
            refused = await http.get(f"/api/measures/{measure}/live-updates", params=params)
            assert (refused.status_code, refused.json()["code"]) == (400, "invalid_input"), params
        backwards = await http.get(f"/api/measures/{measure}/live-updates", params={"from": "3", "to": "2"})
        assert (backwards.status_code, backwards.json()["code"]) == (422, "invalid_range")
        beyond = await http.get(f"/api/measures/{measure}/text", params={"version": events[-1].originator_version + 1})
        assert (beyond.status_code, beyond.json()["code"]) == (404, "not_found")
        assert (await get("text"))["fields"] == b.fields()  # neither version nor moment: the text now
        unknown = await http.get(f"/api/measures/{s.scenario.measure_ids[1]}/text", params={"version": "1"})
        assert unknown.status_code == 404


async def test_a_pause_longer_than_the_gap_starts_a_new_step(collab_server: CollabServer) -> None:
    s = collab_server
    app, measure = s.runtime.application, s.scenario.measure_ids[0]
    async with CollabClient(s.ws, measure, s.scenario.people[0]) as a:
        await synced(a)
        await a.edit("title", 0, "A")
        await wait_stored(app, measure, a.fields())
        await a.edit("title", 0, "B")
        events = await wait_stored(app, measure, a.fields())
    batches = [e for e in events if isinstance(e, ProposalDocument.UpdatesAppended)]
    assert len(batches) == 2 and batches[0].timestamp < batches[1].timestamp
    assert len(live_text.steps(app, measure)) == 1
    apart = live_text.steps(app, measure, gap=timedelta(0))  # every pause is too long
    assert [(st["first_version"], st["last_version"]) for st in apart] == [
        (b.originator_version, b.originator_version) for b in batches
    ]
