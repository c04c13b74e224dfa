"""Decisions freeze the live text: group agreement and the close of the session, over HTTP."""

from __future__ import annotations

import asyncio
import random
from uuid import UUID

import httpx
import pytest

from domain.texts import content_hash
from server.collab import store
from server.collab.room import CLOSE_NOT_EDITABLE, Limits
from tests.auth import bearer
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import COMPLETE, CollabServer
from tests.collab.helpers import state_vector, stored, synced, wait_stored

pytestmark = pytest.mark.anyio


@pytest.fixture
def limits() -> Limits:
    # The catalogue is synced only much later: a frozen text must come from the live document.
    return Limits(catalogue_debounce=60.0)


class Typist:
    """Types words at random places of a few fields until stopped."""

    def __init__(self, client: CollabClient, seed: int) -> None:
        self.client = client
        self.rng = random.Random(seed)
        self.edits = 0
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(self._type())

    async def _type(self) -> None:
        while not self.stop.is_set():
            field = self.rng.choice(["title", "description", "goal"])
            text = str(self.client.text(field))  # pycrdt counts UTF-8 bytes: insert between characters
            position = len(text[: self.rng.randint(0, len(text))].encode("utf-8"))
            self.client.text(field).insert(position, self.rng.choice([" Quartier", " Teilhabe", " ö", "!"]))
            await self.client.flush()
            self.edits += 1
            await asyncio.sleep(0.005)  # the pace of typing

    async def finish(self) -> None:
        self.stop.set()
        await self.task


def _dominates(vector: dict[int, int], other: dict[int, int]) -> bool:
    return all(vector.get(client, 0) >= clock for client, clock in other.items())


async def _post(s: CollabServer, path: str, json: dict[str, object] | None = None) -> httpx.Response:
    async with httpx.AsyncClient(base_url=s.http, timeout=30, headers=bearer(s.scenario.people[0])) as http:
        return await http.post(path, json=json or {}, headers=bearer(s.scenario.people[0]))


async def _get(s: CollabServer, path: str, **params: object) -> httpx.Response:
    async with httpx.AsyncClient(base_url=s.http, timeout=30, headers=bearer(s.scenario.people[0])) as http:
        return await http.get(path, params=params)


async def _refused_to_join(s: CollabServer, measure: UUID) -> int | None:
    async with CollabClient(s.ws, measure, s.scenario.people[2]) as late:
        code = await late.wait_closed()
        assert not late.synced.is_set()
        return code


async def _edit_is_denied_and_not_stored(s: CollabServer, client: CollabClient, measure: UUID) -> None:
    before_text, before_events = await stored(s.runtime.application, measure)
    denied = len(client.denied)
    await client.edit("title", 0, "Nachträglich: ")
    await wait_until(lambda: len(client.denied) > denied)
    assert "eingefroren" in client.denied[-1]
    # A later edit of the same client is refused as well, so everything before has been handled.
    await client.edit("goal", 0, "Noch später.")
    await wait_until(lambda: len(client.denied) > denied + 1)
    after_text, after_events = await stored(s.runtime.application, measure)
    assert (after_text, len(after_events)) == (before_text, len(before_events))
    assert "Nachträglich" not in after_text["title"]


async def test_agreement_during_live_editing_freezes_exactly_the_live_text(collab_server: CollabServer) -> None:
    s = collab_server
    measure = s.scenario.measure_ids[0]
    async with (
        CollabClient(s.ws, measure, s.scenario.people[0]) as a,
        CollabClient(s.ws, measure, s.scenario.people[1]) as b,
    ):
        await synced(a, b)
        typists = [Typist(a, 1), Typist(b, 2)]
        await wait_until(lambda: all(t.edits >= 20 for t in typists))
        response = await _post(s, f"/api/measures/{measure}/agreement")
        for typist in typists:
            await typist.finish()
        assert response.status_code == 200, response.text
        sha256 = response.json()["sha256"]

        room = s.runtime.collab.rooms[measure]
        assert room.read_only
        text, _ = await stored(s.runtime.application, measure)
        assert text["title"] != "Vorschlag 1"  # live edits made it into the frozen text
        assert sha256 == content_hash(text)
        # Both editors were told, and received everything that was frozen (plus their own refused edits).
        await wait_until(lambda: all(c.denied for c in (a, b)))
        frozen = state_vector(room.doc.get_state())
        for client in (a, b):
            await wait_until(lambda c=client: _dominates(state_vector(c.doc.get_state()), frozen))

        decisions = (await _get(s, f"/api/measures/{measure}/decision-texts")).json()
        agreed = decisions[-1]
        assert agreed["kind"] == "agreed"
        assert agreed["verified"] is True
        assert agreed["frozen"]["sha256"] == sha256
        assert agreed["frozen"]["fields"] == text
        vector = agreed["frozen"]["state_vector"]
        assert vector
        loaded = await asyncio.to_thread(store.load, s.runtime.application, measure)
        assert state_vector(store.unb64(vector)) == state_vector(loaded.doc.get_state())
        assert {a.doc.client_id, b.doc.client_id} <= set(state_vector(store.unb64(vector)))

        catalogue = (await _get(s, f"/api/measures/{measure}", min_position=response.json()["position"])).json()
        assert catalogue["status"] == "proposed"
        assert catalogue["title"] == text["title"]

        await _edit_is_denied_and_not_stored(s, a, measure)
        assert await _refused_to_join(s, measure) == CLOSE_NOT_EDITABLE


async def test_closing_the_session_freezes_every_open_proposal_with_its_live_text(
    collab_server: CollabServer,
) -> None:
    s = collab_server
    live, agreed, untouched = s.scenario.measure_ids
    async with (
        CollabClient(s.ws, live, s.scenario.people[0]) as a,
        CollabClient(s.ws, live, s.scenario.people[1]) as b,
        CollabClient(s.ws, agreed, s.scenario.people[2]) as c,
    ):
        await synced(a, b, c)
        await c.edit("goal", 0, "Beschlossenes Ziel.")
        await wait_stored(s.runtime.application, agreed, c.fields())
        agreement = await _post(s, f"/api/measures/{agreed}/agreement")
        assert agreement.status_code == 200, agreement.text

        typists = [Typist(a, 3), Typist(b, 4)]
        await wait_until(lambda: all(t.edits >= 20 for t in typists))
        response = await _post(s, f"/api/conferences/{s.scenario.conference_id}/session/close")
        for typist in typists:
            await typist.finish()
        assert response.status_code == 200, response.text

        expected = {}
        for measure in (live, agreed):
            expected[measure], _ = await stored(s.runtime.application, measure)
            assert s.runtime.collab.rooms[measure].read_only
        assert expected[live]["title"] != "Vorschlag 1"
        assert expected[agreed]["goal"] == "Beschlossenes Ziel." + COMPLETE["goal"]  # typed before the drafted goal

        for measure in (live, agreed, untouched):
            decisions = (await _get(s, f"/api/measures/{measure}/decision-texts")).json()
            lapsed = decisions[-1]
            assert lapsed["kind"] == "lapsed"
            assert lapsed["verified"] is True
            if measure == untouched:  # never edited live: its catalogue text, without a state vector
                assert lapsed["frozen"]["fields"]["title"] == "Vorschlag 3"
                assert lapsed["frozen"]["state_vector"] is None
            else:
                assert lapsed["frozen"]["fields"] == expected[measure]
                assert lapsed["frozen"]["sha256"] == content_hash(expected[measure])
                assert lapsed["frozen"]["state_vector"]
            row = (await _get(s, f"/api/measures/{measure}", min_position=response.json()["position"])).json()
            assert row["status"] == "lapsed"

        await _edit_is_denied_and_not_stored(s, b, live)
        for measure in (live, agreed, untouched):
            assert await _refused_to_join(s, measure) == CLOSE_NOT_EDITABLE


async def test_editing_a_live_proposal_over_http_is_refused(collab_server: CollabServer) -> None:
    s = collab_server
    live, plain = s.scenario.measure_ids[:2]
    async with CollabClient(s.ws, live, s.scenario.people[0]) as a:
        await synced(a)
    async with httpx.AsyncClient(base_url=s.http, timeout=30, headers=bearer(s.scenario.people[0])) as http:
        headers = bearer(s.scenario.people[0])
        body = {"fields": {"title": "Per HTTP geändert"}}
        refused = await http.patch(f"/api/measures/{live}/proposal", json=body, headers=headers)
        assert refused.status_code == 422
        assert refused.json()["code"] == "live_document"
        accepted = await http.patch(f"/api/measures/{plain}/proposal", json=body, headers=headers)
        assert accepted.status_code == 200, accepted.text
    text, _ = await stored(s.runtime.application, live)
    assert text["title"] == "Vorschlag 1"


async def test_a_proposal_returned_to_the_group_can_be_edited_live_again(collab_server: CollabServer) -> None:
    s = collab_server
    measure = s.scenario.measure_ids[0]
    async with CollabClient(s.ws, measure, s.scenario.people[0]) as a:  # stays connected throughout
        await synced(a)
        agreement = await _post(s, f"/api/measures/{measure}/agreement")
        assert agreement.status_code == 200, agreement.text
        returned = await _post(s, f"/api/measures/{measure}/return", {"reason": "Bitte die Kosten ergänzen."})
        assert returned.status_code == 200, returned.text
        async with CollabClient(s.ws, measure, s.scenario.people[1]) as b:
            await wait_until(lambda: b.synced.is_set() or b.close_code is not None)
            assert b.close_code is None, b.close_reason
            await b.edit("cost", 0, "12.000 Euro")
            await wait_stored(s.runtime.application, measure, b.fields())


async def test_refused_agreement_of_a_live_text_with_an_emptied_required_field_leaves_the_room_editable(
    collab_server: CollabServer,
) -> None:
    s = collab_server
    measure = s.scenario.measure_ids[0]
    async with CollabClient(s.ws, measure, s.scenario.people[1]) as writer:
        await synced(writer)
        assert str(writer.text("lead")) == "Jugendamt"  # the stored text is complete ...
        del writer.text("lead")[0 : len("Jugendamt")]  # ... the live one is not
        await writer.flush()
        await wait_stored(s.runtime.application, measure, {**writer.fields()})

        response = await _post(s, f"/api/measures/{measure}/agreement")
        assert response.status_code == 422, response.text
        problem = response.json()
        assert (problem["code"], problem["missing"], problem["missing_labels"]) == (
            "required_fields_missing", ["lead"], ["Federführung"]
        )  # fmt: skip
        assert not s.runtime.collab.rooms[measure].read_only
        assert (await _get(s, f"/api/measures/{measure}")).json()["status"] == "drafted"
        assert [d["kind"] for d in (await _get(s, f"/api/measures/{measure}/decision-texts")).json()] == []

        # The room still takes edits, and stores them.
        await writer.edit("lead", 0, "Sozialamt")
        events = await wait_stored(s.runtime.application, measure, writer.fields())
        assert events and writer.denied == []

        agreed = await _post(s, f"/api/measures/{measure}/agreement")
        assert agreed.status_code == 200, agreed.text
        text, _ = await stored(s.runtime.application, measure)
        assert text["lead"] == "Sozialamt" and agreed.json()["sha256"] == content_hash(text)
        assert s.runtime.collab.rooms[measure].read_only
