"""``GET /api/measures/{id}/similar`` against a real server on SQLite and PostgreSQL: other groups' and earlier
cycles' proposals found, the own group's left out, sign-in and read-along rules, live text typed over a real
WebSocket, and writes by another application on the same database."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest

from domain.application import SYSTEM_ACTOR
from server.collab.room import Limits
from server.composition import build_application, close_application
from tests.auth import bearer, issue_token
from tests.collab.client import CollabClient
from tests.collab.conftest import COMPLETE, CollabServer, start_server
from tests.collab.helpers import synced
from tests.conftest import POSTGRES_URL, require_postgres, reset_postgres

LUNCH = {
    "title": "Mittagstisch für Seniorinnen und Senioren im Quartier",
    "description": "In der Begegnungsstätte Nordstadt wird dreimal pro Woche ein günstiger Mittagstisch für ältere "
    "Menschen angeboten, um Vereinsamung vorzubeugen.",
    "goal": "Weniger einsame ältere Menschen in der Nordstadt.",
}
LUNCH_OWN_GROUP = {
    "title": "Mittagstisch für Senioren in der Begegnungsstätte Nordstadt",
    "description": "Ein günstiger Mittagstisch für ältere Menschen dreimal pro Woche beugt der Vereinsamung vor.",
}
LUNCH_OTHER_GROUP = {
    "title": "Gemeinsamer Mittagstisch für Seniorinnen und Senioren gegen Einsamkeit",
    "description": "Ältere Alleinlebende sollen sich mehrmals wöchentlich zu einem preiswerten Mittagessen im "
    "Quartierstreff treffen können; die Begegnung beugt der Vereinsamung vor.",
    "goal": "Ältere Menschen kommen regelmäßig aus dem Haus.",
}
LUNCH_2024 = {
    "title": "Mittagstisch für ältere Menschen in der Nordstadt",
    "description": "Die Begegnungsstätte Nordstadt bietet älteren Menschen einen günstigen Mittagstisch an.",
}
YOUTH = {
    "title": "Jugendparlament einrichten",
    "description": "Jugendliche wählen ein Jugendparlament, das bei kommunalen Entscheidungen angehört wird.",
    "goal": "Jugendliche reden bei Entscheidungen der Stadt mit.",
}
HEAT = {
    "title": "Hitzeschutz an Schulen",
    "description": "Klassenräume erhalten außenliegenden Sonnenschutz.",
    "goal": "Unterricht auch im Hochsommer.",
}


@dataclass
class World:
    server: CollabServer
    url: str  # the database
    subject: UUID  # group 1: lunch
    own_group: UUID  # group 1: lunch again
    other_group: UUID  # group 2: lunch in other words
    unrelated: UUID  # group 3: youth parliament
    typed: UUID  # group 3: heat protection, until someone types
    earlier: UUID  # 2024: lunch
    member: dict[str, str]  # Bo: member of every 2026 group
    public: dict[str, str]  # no role anywhere

    def get(self, measure_id: UUID | str, who: dict[str, str] | None = None, **params: Any) -> httpx.Response:
        headers = self.member if who is None else who
        return httpx.get(f"{self.server.http}/api/measures/{measure_id}/similar", headers=headers, params=params)

    def similar(self, measure_id: UUID | str, who: dict[str, str] | None = None) -> dict[str, dict[str, Any]]:
        response = self.get(measure_id, who)
        assert response.status_code == 200, response.text
        return {item["measure_id"]: item for item in response.json()["similar"]}


def fields(text: dict[str, str]) -> dict[str, str]:
    return {**COMPLETE, **text}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('similar') / 'events.db'}"
    else:
        require_postgres()
        reset_postgres()
        url = POSTGRES_URL
    # The catalogue takes the live text only after an hour here: what the live text does is seen alone.
    server = start_server(url, Limits(idle_seconds=600, catalogue_debounce=3600))
    try:
        app, s = server.runtime.application, server.scenario
        for measure, text in zip(s.measure_ids, (LUNCH, LUNCH_OTHER_GROUP, YOUTH), strict=True):
            app.edit_proposal(SYSTEM_ACTOR, measure, text)
        own_group = app.draft_measure(SYSTEM_ACTOR, s.group_ids[0], fields(LUNCH_OWN_GROUP))
        typed = app.draft_measure(SYSTEM_ACTOR, s.group_ids[2], fields(HEAT))
        earlier = app.schedule_conference(SYSTEM_ACTOR, "Sozialkonferenz 2024", "city", "Teststadt", "2024",
                                          "2024-11-14")  # fmt: skip
        group = app.form_working_group(SYSTEM_ACTOR, earlier, "AG Senioren")
        app.set_focus_topic(SYSTEM_ACTOR, earlier, "Alter")
        app.set_agenda(SYSTEM_ACTOR, earlier, ["Arbeitsgruppen"])
        organisation = app.register_organisation(SYSTEM_ACTOR, "Caritas", "welfare")
        app.invite_organisations(SYSTEM_ACTOR, earlier, [organisation])
        app.mark_conference_prepared(SYSTEM_ACTOR, earlier)
        app.open_session(SYSTEM_ACTOR, earlier)
        lunch_2024 = app.draft_measure(SYSTEM_ACTOR, group, fields(LUNCH_2024))
        public = app.register_person(SYSTEM_ACTOR, "Paula Öffentlich", "paula@example.org")
        issue_token(server.runtime, public)
        server.runtime.runner.wait_for(app.position(), 10)
        yield World(server, url, s.measure_ids[0], own_group, s.measure_ids[1], s.measure_ids[2], typed,
                    lunch_2024, bearer(s.people[1]), bearer(public))  # fmt: skip
    finally:
        server.stop()


def test_other_groups_and_earlier_cycles_are_found_most_similar_first(world: World) -> None:
    response = world.get(world.subject)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["measure_id"] == str(world.subject) and 0 < body["threshold"] < 1
    found = [item["measure_id"] for item in body["similar"]]
    assert set(found) == {str(world.other_group), str(world.earlier)}, body  # not the own group, not the youth
    scores = [item["score"] for item in body["similar"]]
    assert scores == sorted(scores, reverse=True) and all(body["threshold"] <= s <= 1 for s in scores)
    earlier = next(item for item in body["similar"] if item["measure_id"] == str(world.earlier))
    assert earlier["cycle"] == "2024" and earlier["same_cycle"] is False
    assert earlier["conference"] == "Sozialkonferenz 2024" and earlier["working_group"] == "AG Senioren"
    other = next(item for item in body["similar"] if item["measure_id"] == str(world.other_group))
    assert other["cycle"] == "2026" and other["same_cycle"] is True and other["title"] == LUNCH_OTHER_GROUP["title"]
    for passage in other["passages"]:
        assert passage["own"] in " ".join(LUNCH.values()) and passage["shared"]
        assert passage["other"] in " ".join(LUNCH_OTHER_GROUP.values())
    assert any("Mittagstisch" in passage["shared"] for passage in other["passages"]), other["passages"]


def test_the_own_group_is_left_out_though_its_proposal_is_the_closest(world: World) -> None:
    from_other_group = world.similar(world.other_group)
    assert str(world.own_group) in from_other_group and str(world.subject) in from_other_group
    assert str(world.own_group) not in world.similar(world.subject)
    assert world.similar(world.unrelated) == {}
    best = world.get(world.subject).json()["similar"][0]
    assert world.get(world.subject, limit=1).json()["similar"] == [best]


def test_sign_in_is_needed_and_bad_questions_get_german_problems(world: World) -> None:
    assert world.get(world.subject, who={}).status_code == 401
    unknown = world.get(uuid4())
    assert unknown.status_code == 404 and "Maßnahme" in unknown.json()["detail"]
    assert world.get("kein-uuid").status_code == 400
    too_many = world.get(world.subject, limit=500)
    assert too_many.status_code == 400 and too_many.json()["title"]
    assert set(world.similar(world.subject, world.public)) == {str(world.other_group), str(world.earlier)}


def test_a_write_by_another_application_on_the_database_counts(world: World) -> None:
    """As another server process would: its own application object, its own connections."""
    other = build_application(world.url)
    try:
        other.edit_proposal(SYSTEM_ACTOR, world.unrelated, LUNCH_2024)
        position = other.position()
    finally:
        close_application(other)
    world.server.runtime.runner.wait_for(position, 10)
    try:
        assert str(world.unrelated) in world.similar(world.subject)
    finally:
        other = build_application(world.url)
        try:
            other.edit_proposal(SYSTEM_ACTOR, world.unrelated, YOUTH)
            position = other.position()
        finally:
            close_application(other)
        world.server.runtime.runner.wait_for(position, 10)
    assert str(world.unrelated) not in world.similar(world.subject)


def test_typing_into_the_live_document_changes_the_score_for_those_who_may_read_along(world: World) -> None:
    async def scenario() -> None:
        before = world.similar(world.subject)
        assert str(world.typed) not in before
        bo = world.server.scenario.people[1]
        async with CollabClient(world.server.ws, world.typed, bo) as client:
            await synced(client)
            await client.edit("description", 0, LUNCH["description"] + " ")
            await client.edit("title", 0, "Mittagstisch für Senioren statt ")
            deadline = time.monotonic() + 10
            while str(world.typed) not in (found := await asyncio.to_thread(world.similar, world.subject)):
                assert time.monotonic() < deadline, found
                await asyncio.sleep(0.05)
            item = found[str(world.typed)]
            assert item["live"] is True and item["title"].startswith("Mittagstisch für Senioren statt")
            assert any("Mittagstisch" in p["shared"] for p in item["passages"]), item
            # The live document's own view: its live text is what is compared.
            own = (await asyncio.to_thread(world.get, world.typed)).json()
            assert own["live"] is True and str(world.subject) in {i["measure_id"] for i in own["similar"]}
            # The public does not read along: for her the catalogue's text counts, not yet changed.
            assert str(world.typed) not in await asyncio.to_thread(world.similar, world.subject, world.public)
            public_own = (await asyncio.to_thread(world.get, world.typed, world.public)).json()
            assert public_own["live"] is False and public_own["similar"] == []

    asyncio.run(scenario())
