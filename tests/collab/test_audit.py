"""The auditor's view of a live proposal: its text at a moment, and who wrote which part."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from server.collab.room import Limits
from tests.auth import bearer
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import COMPLETE, CollabServer
from tests.collab.helpers import synced, wait_stored

pytestmark = pytest.mark.anyio


@pytest.fixture
def limits() -> Limits:
    return Limits(catalogue_debounce=0.2, checkpoint_every=2)  # checkpoints must not disturb the history


def _now() -> str:
    return datetime.now(UTC).isoformat()


async def test_the_text_at_a_moment_and_its_authors(collab_server: CollabServer) -> None:
    s = collab_server
    app, measure = s.runtime.application, s.scenario.measure_ids[0]
    ada, bo = s.scenario.people[:2]
    before_live = _now()
    async with (
        httpx.AsyncClient(base_url=s.http, timeout=10, headers=bearer(s.scenario.people[0])) as http,
        CollabClient(s.ws, measure, ada) as a,
        CollabClient(s.ws, measure, bo) as b,
    ):

        async def text_at(moment: str) -> Any:
            response = await http.get(f"/api/measures/{measure}/text", params={"at": moment})
            assert response.status_code == 200, response.text
            return response.json()

        await synced(a, b)
        seeded = _now()
        await a.edit("description", 0, "Ada schreibt. ")
        await wait_stored(app, measure, a.fields())
        after_ada = _now()
        await wait_until(lambda: b.fields() == a.fields())
        await b.edit("description", len(b.fields()["description"]), " Bo ergänzt.")
        await b.edit("title", len(b.fields()["title"]), "!")
        await wait_stored(app, measure, b.fields())
        del b.text("description")[len("Ada schreibt. ") : len("Ada schreibt. Ausgangs")]  # "lage." stays
        await b.flush()
        final = await wait_stored(app, measure, b.fields())
        assert any(type(e).__name__ == "Checkpointed" for e in final)

        assert (await text_at(seeded))["fields"]["description"] == "Ausgangslage."
        assert (await text_at(after_ada))["fields"]["description"] == "Ada schreibt. Ausgangslage."
        assert (await text_at(after_ada))["fields"]["title"] == "Vorschlag 1"
        now = await text_at(_now())
        assert now["fields"]["description"] == "Ada schreibt. lage. Bo ergänzt."
        assert now["fields"]["title"] == "Vorschlag 1!"
        assert now["fields"] == b.fields()

        # Before live editing began there is no live text; a moment must be a moment with a time zone.
        assert (await http.get(f"/api/measures/{measure}/text", params={"at": before_live})).status_code == 404
        for bad in ("gestern", "2026-11-19T10:00:00", ""):
            refused = await http.get(f"/api/measures/{measure}/text", params={"at": bad})
            assert (refused.status_code, refused.json()["code"]) == (400, "invalid_input")

        authors = (await http.get(f"/api/measures/{measure}/authors")).json()
        names = {str(ada): "Ada", str(bo): "Bo", None: "Ausgangstext"}
        runs = [(r["actor_id"], r["actor_name"], r["text"]) for r in authors["fields"]["description"]]
        assert runs == [
            (str(ada), "Ada", "Ada schreibt. "),
            (None, "Ausgangstext", "lage."),
            (str(bo), "Bo", " Bo ergänzt."),
        ]
        title_runs = [(r["actor_id"], r["text"]) for r in authors["fields"]["title"]]
        assert title_runs == [(None, "Vorschlag 1"), (str(bo), "!")]
        assert [(r["actor_id"], r["text"]) for r in authors["fields"]["goal"]] == [(None, COMPLETE["goal"])]  # drafted
        people = {p["actor_id"]: (p["actor_name"], p["characters"]) for p in authors["people"]}
        assert people == {
            str(ada): ("Ada", len("Ada schreibt. ")),
            str(bo): ("Bo", len(" Bo ergänzt.!")),
            None: ("Ausgangstext", len("lage.Vorschlag 1") + sum(len(COMPLETE[f]) for f in ("goal", "target_group", "lead"))),  # noqa: E501
        }
        assert all(names[p["actor_id"]] == p["actor_name"] for p in authors["people"])

        # The document's own stream: the seed, then every stored update with the person who sent it.
        document = (await http.get(f"/api/measures/{measure}/document-history")).json()
        assert document[0]["type"].endswith("Started")
        senders = {u["actor"] for e in document if e["type"].endswith("UpdatesAppended") for u in e["data"]["updates"]}
        assert senders == {str(ada), str(bo)}


async def test_a_measure_without_live_document_has_an_empty_document_history(collab_server: CollabServer) -> None:
    s = collab_server
    async with httpx.AsyncClient(base_url=s.http, timeout=10, headers=bearer(s.scenario.people[0])) as http:
        response = await http.get(f"/api/measures/{s.scenario.measure_ids[1]}/document-history")
        assert (response.status_code, response.json()) == (200, [])
        unknown = await http.get("/api/measures/kein-uuid/document-history")
        assert unknown.status_code == 400
