"""The OParl interface on the demo city: schemas, a crawl without dead links, deleted objects, filters, CORS.

One server per database kind for the whole module (the demo takes a few seconds to load); the tests
that change data (withdrawal, erasure) come last.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote
from uuid import UUID

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR
from domain.measure import Measure
from projections import tables as t
from server.app import create_app
from server.composition import build_application
from server.config import Settings
from server.documents.oparl.settings import OParlSettings
from server.runtime import Runtime
from tests.conftest import POSTGRES_URL, require_postgres, reset_postgres
from tests.documents.pdf import contains, pdf_text
from tests.oparl.crawler import ROOT, Crawl, crawl
from tests.oparl.oparl_schema import problems


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('oparl') / 'events.db'}"
    else:
        require_postgres()
        reset_postgres()
        url = POSTGRES_URL
    settings = Settings(database_url=url, demo=True, oparl=OParlSettings(city_name="Lindenau"))
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def runtime(client: TestClient) -> Runtime:
    state: Runtime = client.app_state["runtime"]
    return state


def caught_up(client: TestClient) -> None:
    state = runtime(client)
    assert state.runner.wait_for(state.application.position(), 10)


@pytest.fixture(scope="module")
def walked(client: TestClient) -> Crawl:
    return crawl(client)


def test_the_crawl_from_the_system_reaches_every_object_without_a_dead_link(client: TestClient, walked: Crawl) -> None:
    assert walked.dead == []
    # Every object shown in a list or inside another object is the object at its id.
    for kind_of_view in (walked.listed, walked.embedded):
        for id, obj in kind_of_view.items():
            assert walked.objects[id] == obj, id
    with runtime(client).runner.engine.connect() as connection:
        docket = connection.execute(select(t.docket.c.measure_id, t.docket.c.committee_id, t.docket.c.decided_on)).all()
        conferences = connection.execute(select(t.conferences.c.id, t.conferences.c.series)).all()
        groups = connection.execute(select(t.working_groups.c.id)).scalars().all()
        committees = connection.execute(select(t.committees.c.id)).scalars().all()
    papers = {id.rpartition("/")[2] for id in walked.of_type("Paper")}
    assert papers == {measure for measure, _, _ in docket}
    assert len(walked.of_type("Consultation")) == len(docket)
    meetings = {id.rpartition("/")[2] for id in walked.of_type("Meeting")}
    derived = {f"{committee}-{day}" for _, committee, day in docket if day}
    assert meetings == {c for c, _ in conferences} | derived
    organizations = walked.of_type("Organization")
    assert {i.rpartition("/")[2] for i in organizations} >= set(groups) | set(committees)
    plenaries = [o for o in organizations.values() if o["shortName"] == "Plenum"]
    assert len(plenaries) == len({series for _, series in conferences}) == 5
    assert {o["name"] for o in walked.of_type("Body").values()} == {
        "Lindenau", "Stadtbezirk Altstadt", "Stadtbezirk Nordstadt", "Stadtbezirk Südfeld", "Stadtbezirk Weststadt",
    }  # fmt: skip
    assert walked.of_type("Person") == {} and walked.of_type("Membership") == {}


def test_every_object_validates_against_the_oparl_schemas(walked: Crawl) -> None:
    assert len(walked.objects) > 300
    kinds = {o["type"].rpartition("/")[2] for o in walked.objects.values()}
    assert kinds >= {"System", "Body", "Organization", "Meeting", "AgendaItem", "Paper", "Consultation", "File"}
    wrong = [p for obj in walked.objects.values() for p in problems(obj)]
    assert wrong == []
    for obj in walked.objects.values():
        if obj["type"].endswith("/System"):
            continue
        assert obj["created"] <= obj["modified"], obj["id"]


def test_papers_carry_the_adopted_text_and_the_committee_decision(client: TestClient, walked: Crawl) -> None:
    with runtime(client).runner.engine.connect() as connection:
        rows = connection.execute(select(t.docket).where(t.docket.c.decision == "amended")).mappings().all()
    row = rows[0]
    paper = walked.objects[f"{ROOT}/paper/{row['measure_id']}"]
    assert paper["paperType"] == "Beschlussvorlage" and paper["reference"] == row["paper_number"]
    main = paper["mainFile"]
    adopted = row["recommendation"]
    assert adopted["sha256"] in main["text"] and adopted["fields"]["goal"] in main["text"]
    [consultation] = [c for c in paper["consultation"] if c["id"].endswith(row["id"].replace(":", "-"))]
    assert consultation["result"] == "mit Änderungen beschlossen" and consultation["role"] == "Entscheidung"
    assert consultation["authoritative"] is True
    [printed_url] = main["derivativeFile"]
    printed = walked.objects[printed_url]
    assert printed["mimeType"] == "application/pdf" and printed["masterFile"] == main["id"]
    pdf, content_type = walked.files[printed["accessUrl"]]
    assert content_type == "application/pdf" and pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert contains(text, row["paper_number"]) and contains(text, adopted["sha256"])
    item = walked.objects[consultation["agendaItem"]]
    assert item["result"] == "mit Änderungen beschlossen" and item["consultation"] == consultation["id"]
    meeting = walked.objects[consultation["meeting"]]
    assert item["id"] in [i["id"] for i in meeting["agendaItem"]]
    assert meeting["start"].startswith(row["decided_on"])


def test_files_are_served_with_honest_size_type_and_checksums(walked: Crawl) -> None:
    files = walked.of_type("File")
    assert len(files) >= 80
    for file in files.values():
        if file["mimeType"] == "application/pdf":  # typeset when asked: no size or checksum promised
            assert walked.files[file["accessUrl"]][1] == "application/pdf" and "size" not in file
            continue
        data, content_type = walked.files[file["accessUrl"]]
        assert content_type.startswith(file["mimeType"])
        assert len(data) == file["size"]
        assert hashlib.sha512(data).hexdigest() == file["sha512Checksum"]
        assert hashlib.sha256(data).hexdigest() == file["sha256Checksum"]
        assert data.decode() == file["text"]


def test_no_one_is_named_or_identified(client: TestClient, walked: Crawl) -> None:
    """The public's rule: no person's name or id, anywhere in the interface."""
    app = runtime(client).application
    with runtime(client).runner.engine.connect() as connection:
        people = connection.execute(select(t.people.c.id)).scalars().all()
    names = [data.name for p in people if (data := app.personal_data.get(UUID(p)))]
    assert len(people) > 20 and "Renate Klein" in names
    body = "\n".join(walked.texts)
    assert [p for p in people if p in body] == []
    assert [n for n in names if n in body] == []


def test_lists_are_paginated_and_keep_their_filters(client: TestClient) -> None:
    url = f"{ROOT}/body/stadt/agendaItem"
    first = client.get(url, params={"limit": 100}).json()
    whole = {"data": list(first["data"])}
    next_url = first["links"].get("next")
    while next_url:  # the demo has more than one page of 100
        page = client.get(next_url).json()
        whole["data"].extend(page["data"])
        next_url = page["links"].get("next")
    assert first["pagination"]["totalElements"] == len(whole["data"]) > 20
    middle = sorted(o["created"] for o in whole["data"])[len(whole["data"]) // 2]
    pages, next_url = [], f"{url}?created_since={quote(middle)}&limit=7"
    while next_url:
        page = client.get(next_url).json()
        assert page["pagination"]["elementsPerPage"] == 7
        pages.extend(page["data"])
        next_url = page["links"].get("next")
        for link in page["links"].values():
            assert "created_since=" in link and "limit=7" in link
    expected = [o["id"] for o in whole["data"] if o["created"] >= middle]
    assert [o["id"] for o in pages] == expected  # the same stable order, page after page
    assert 7 < len(expected) < len(whole["data"])


def test_filters_by_creation_and_change_time(client: TestClient) -> None:
    url = f"{ROOT}/body/stadt/paper"
    papers = client.get(url, params={"limit": 100}).json()["data"]
    created = sorted({p["created"] for p in papers})
    modified = sorted({p["modified"] for p in papers})
    middle_c, middle_m = created[len(created) // 2], modified[len(modified) // 2]

    def ids(**params: str) -> set[str]:
        return {p["id"] for p in client.get(url, params={"limit": "100", **params}).json()["data"]}

    assert ids(created_since=middle_c) == {p["id"] for p in papers if p["created"] >= middle_c}
    assert ids(created_until=middle_c) == {p["id"] for p in papers if p["created"] <= middle_c}
    assert ids(modified_since=middle_m) == {p["id"] for p in papers if p["modified"] >= middle_m}
    assert ids(modified_until=middle_m) == {p["id"] for p in papers if p["modified"] <= middle_m}
    assert ids(created_since=middle_c, created_until=middle_c) == {p["id"] for p in papers if p["created"] == middle_c}
    assert 0 < len(ids(created_since=middle_c)) < len(papers)
    meeting = client.get(f"{ROOT}/body/stadt/meeting", params={"omit_internal": "true"}).json()["data"][0]
    assert "agendaItem" not in meeting


@pytest.mark.parametrize(
    "query",
    ["created_since=2026-01-01", "modified_until=gestern", "created_since=2026-01-01T00:00:00", "limit=0",
     "page=x", "omit_internal=ja"],
)  # fmt: skip
def test_a_bad_filter_is_a_german_problem_not_an_error(client: TestClient, query: str) -> None:
    response = client.get(f"{ROOT}/body/stadt/paper?{query}")
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["access-control-allow-origin"] == "*"
    problem = response.json()
    assert problem["field"] == query.partition("=")[0] and "muss" in problem["detail"]


def test_cors_is_open_for_reading_and_no_sign_in_is_needed(client: TestClient) -> None:
    preflight = client.options(
        f"{ROOT}/system", headers={"Origin": "https://ris.example.org", "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "GET" in preflight.headers["access-control-allow-methods"]
    answer = client.get(f"{ROOT}/system", headers={"Origin": "https://ris.example.org"})
    assert answer.status_code == 200 and answer.headers["access-control-allow-origin"] == "*"
    assert "authorization" not in client.headers
    missing = client.get(f"{ROOT}/paper/unbekannt")
    assert missing.status_code == 404 and missing.headers["access-control-allow-origin"] == "*"
    assert missing.json()["detail"] == "Unter dieser OParl-Adresse gibt es kein Objekt."
    assert client.post(f"{ROOT}/system").status_code == 405


def test_ids_start_with_the_configured_public_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    app = build_application(url)
    app.register_committee(SYSTEM_ACTOR, "Sozialausschuss", "SozA")
    app.close()
    settings = Settings(database_url=url, oparl=OParlSettings(public_url="https://ris.lindenau.example/sk"))
    with TestClient(create_app(settings)) as other:
        system = other.get("/oparl/v1/system").json()
        bodies = other.get(system["body"].replace("https://ris.lindenau.example/sk", "")).json()["data"]
    assert system["id"] == "https://ris.lindenau.example/sk/oparl/v1/system"
    assert [(b["id"], b["name"]) for b in bodies] == [("https://ris.lindenau.example/sk/oparl/v1/body/stadt", "Stadt")]


def test_a_withdrawn_proposal_stays_as_a_deleted_object(client: TestClient) -> None:
    """After the group's decision the proposal was on the plenary's agenda; withdrawn, its item is deleted."""
    state = runtime(client)
    with state.runner.engine.connect() as connection:
        measure_id, conference_id = connection.execute(
            select(t.measures.c.id, t.measures.c.conference_id).where(t.measures.c.status == "proposed").limit(1)
        ).one()
    path = f"{ROOT}/agendaitem/vorschlag-{measure_id}"
    before = client.get(path).json()
    assert before["name"].startswith("Maßnahmenvorschlag") and "deleted" not in before
    meeting_before = client.get(f"{ROOT}/meeting/{conference_id}").json()
    assert path in [i["id"] for i in meeting_before["agendaItem"]]
    organiser = state.application  # the demo's organiser acts; who it is does not matter here
    organiser.withdraw_measure(SYSTEM_ACTOR, measure_id, "Der Träger hat das Angebot bereits selbst eingerichtet.")
    caught_up(client)
    after = client.get(path)
    assert after.status_code == 200
    gone = after.json()
    # Kept: id, type, created and what the schema requires (an agenda item's order); nothing else.
    assert set(gone) == {"id", "type", "created", "modified", "deleted", "order"} and gone["deleted"] is True
    assert gone["created"] == before["created"] and gone["modified"] > before["modified"]
    meeting = client.get(f"{ROOT}/meeting/{conference_id}").json()
    assert path not in [i["id"] for i in meeting["agendaItem"]]  # deleted objects are never embedded
    assert meeting["modified"] == gone["modified"]
    body = meeting_before["organization"][0]
    body_url = client.get(body).json()["body"]
    items = f"{body_url}/agendaItem"
    plain = {o["id"] for o in client.get(items, params={"limit": 100}).json()["data"]}
    assert path not in plain
    since = quote(before["modified"])
    updated = client.get(f"{items}?modified_since={since}&limit=100").json()["data"]
    assert [o for o in updated if o["id"] == path] == [gone]
    assert problems(gone) == []


def test_structured_minutes_are_the_meetings_results_protocol_without_names(client: TestClient) -> None:
    """Published minutes: items, the linked decision with its hash, next steps by organisation, no person named."""
    state = runtime(client)
    app = state.application
    with state.runner.engine.connect() as connection:
        conference_id = connection.execute(
            select(t.conferences.c.id).where(t.conferences.c.status == "in_session", t.conferences.c.kind == "city")
        ).scalar_one()
        measure_id, reference = connection.execute(
            select(t.measures.c.id, t.measures.c.reference).where(
                t.measures.c.conference_id == conference_id, t.measures.c.status == "adopted"
            ).limit(1)
        ).one()
        organisation_id, organisation = connection.execute(select(t.organisations.c.id, t.organisations.c.name)).first()
        person = connection.execute(select(t.people.c.id).where(t.people.c.erased.is_(False))).scalars().first()
    adopted = app.load(Measure, UUID(measure_id)).decisions[-1]["frozen"]["sha256"]
    name = app.person_name(UUID(person))
    before = client.get(f"{ROOT}/meeting/{conference_id}").json()
    assert "resultsProtocol" not in before  # nothing published yet
    app.add_minutes_item(
        SYSTEM_ACTOR, conference_id, topic="Beschlüsse des Plenums", discussion="Das Plenum beriet die Vorschläge.",
        results=[{"measure_id": measure_id, "note": "einstimmig"}],
        next_steps=[{"task": "Vorlage an den Ausschuss", "organisation_id": organisation_id, "due_on": "2027-01-15"},
                    {"task": "Einladung verschicken", "person_id": person, "due_on": "2027-02-01"}],
    )  # fmt: skip
    app.close_session(SYSTEM_ACTOR, conference_id)
    app.publish_minutes(SYSTEM_ACTOR, conference_id)
    caught_up(client)
    meeting = client.get(f"{ROOT}/meeting/{conference_id}").json()
    protocol = meeting["resultsProtocol"]
    assert problems(meeting) == [] and meeting["meetingState"] == "durchgeführt"
    text = protocol["text"]
    assert re.search(r"\n\d+\. Beschlüsse des Plenums\nDas Plenum beriet die Vorschläge\.\n", text)
    assert f"Im Plenum verabschiedet: Maßnahme {reference}" in text and adopted in text and "einstimmig" in text
    assert f"Vorlage an den Ausschuss, bis 2027-01-15, zuständig: {organisation}" in text
    assert "Nächster Schritt: Einladung verschicken, bis 2027-02-01\n" in text
    assert name not in client.get(protocol["accessUrl"]).text and person not in text
    assert client.get(protocol["id"]).json() == protocol


def test_an_erased_person_stays_unnamed(client: TestClient) -> None:
    state = runtime(client)
    app = state.application
    with state.runner.engine.connect() as connection:
        members = connection.execute(select(t.committee_members.c.member_ids)).scalars().all()
    person = next(p for ids in members for p in ids)
    name = app.person_name(UUID(person))
    app.erase_person(SYSTEM_ACTOR, person, "Antrag nach Art. 17 DSGVO")
    caught_up(client)
    again = crawl(client)
    assert again.dead == []
    text = "\n".join(again.texts)
    assert person not in text and name not in text and "gelöschte Person" not in text
