"""The OParl interface on the demo city: schemas, a crawl without dead links, deleted objects, filters, CORS.

One server per database kind for the whole module (the demo takes a few seconds to load); the tests
that change data (withdrawal, erasure) come last.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR
from domain.coordination import coordination_group_id
from domain.measure import Measure
from projections import tables as t
from server.app import create_app
from server.composition import build_application
from server.config import Settings
from server.documents.oparl import prints
from server.documents.oparl.corpus import Corpus
from server.documents.oparl.routes import Corpora
from server.documents.oparl.settings import OParlSettings
from server.runtime import Runtime
from tests.conftest import POSTGRES_URL, require_postgres, reset_postgres
from tests.documents.pdf import contains, pdf_text
from tests.oparl.crawler import ROOT, Crawl, crawl
from tests.oparl.oparl_schema import problems

# The demo's people in public roles who agreed to be named publicly (server/demo/stadt.json "public_naming").
CONSENTING = ["Andrea Wolff", "Dr. Jonas Albrecht", "Renate Klein", "Sabine Lorenz"]


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


def oparl_corpus(client: TestClient) -> Corpus:
    """The corpus the endpoint serves (built by a request)."""
    assert client.get(f"{ROOT}/system").status_code == 200
    [(_, corpus)] = corpora_of(client)._cache.values()
    return corpus


def corpora_of(client: TestClient) -> Corpora:
    app: Any = client.app
    [route] = [r for r in app.routes if getattr(r, "path", "") == "/oparl/v1/{path:path}"]
    corpora: Corpora = route.endpoint.corpora
    return corpora


def state_prints(client: TestClient) -> prints.Prints:
    found = corpora_of(client).prints
    assert found is not None
    return found


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
    persons = walked.of_type("Person")
    assert sorted(p["name"] for p in persons.values()) == CONSENTING  # the demo's, all in public roles
    memberships = walked.of_type("Membership")
    assert len(memberships) >= 2 * len(CONSENTING)
    for membership in memberships.values():
        assert membership["person"] in persons and membership["organization"] in organizations
        assert membership["id"] in organizations[membership["organization"]]["membership"]
        assert membership["id"] in [m["id"] for m in persons[membership["person"]]["membership"]]
    listed_people = {o["id"] for o in walked.listed.values() if o["type"].endswith("/Person")}
    assert listed_people == set(persons)


def test_every_object_validates_against_the_oparl_schemas(walked: Crawl) -> None:
    assert len(walked.objects) > 300
    kinds = {o["type"].rpartition("/")[2] for o in walked.objects.values()}
    assert kinds >= {"System", "Body", "Organization", "Meeting", "AgendaItem", "Paper", "Consultation", "File",
                     "Person", "Membership"}  # fmt: skip
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
    pdfs = [f for f in files.values() if f["mimeType"] == "application/pdf"]
    assert len(pdfs) > len(files) / 2  # each paper's Beschlussvorlage and Beschlussnachweis, each Dokumentation
    for file in files.values():
        data, content_type = walked.files[file["accessUrl"]]
        assert content_type.startswith(file["mimeType"])
        assert len(data) == file["size"]
        assert hashlib.sha512(data).hexdigest() == file["sha512Checksum"]
        assert hashlib.sha256(data).hexdigest() == file["sha256Checksum"]
        if file["mimeType"] == "text/plain":
            assert data.decode() == file["text"]


def test_only_those_who_agreed_are_named_and_no_one_is_identified(client: TestClient, walked: Crawl) -> None:
    """The public's rule: names only of people in public roles who agreed, no one's internal id, anywhere in
    the interface: its JSON and the text of every PDF it serves."""
    app = runtime(client).application
    with runtime(client).runner.engine.connect() as connection:
        people = connection.execute(select(t.people.c.id)).scalars().all()
    names = [data.name for p in people if (data := app.personal_data.get(UUID(p)))]
    assert len(people) > 20 and set(CONSENTING) < set(names)
    printed = [pdf_text(data) for data, kind in walked.files.values() if kind == "application/pdf"]
    body = "\n".join([*walked.texts, *printed])
    assert [p for p in people if p in body] == []
    assert [n for n in names if n in body and n not in CONSENTING] == []
    assert all(n in body for n in CONSENTING)
    dokumentation = "\n".join(t for t in printed if "Dokumentation: " in t)
    assert "Andrea Wolff" in dokumentation and "weitere ohne Einwilligung in die Nennung" in dokumentation


def test_the_dokumentation_and_the_decision_record_are_files_of_the_meeting_and_the_paper(
    client: TestClient, walked: Crawl
) -> None:
    with runtime(client).runner.engine.connect() as connection:
        row = connection.execute(select(t.docket).where(t.docket.c.decision == "approved")).mappings().first()
        conference = connection.execute(
            select(t.conferences).where(t.conferences.c.status == "in_session", t.conferences.c.kind == "city")
        ).mappings().one()  # fmt: skip
    assert row is not None
    meeting = walked.objects[f"{ROOT}/meeting/{conference['id']}"]
    [dokumentation] = meeting["auxiliaryFile"]
    assert dokumentation["mimeType"] == "application/pdf" and dokumentation["meeting"] == [meeting["id"]]
    assert walked.objects[dokumentation["id"]] == dokumentation and meeting["modified"] >= dokumentation["modified"]
    text = pdf_text(walked.files[dokumentation["accessUrl"]][0])
    assert contains(text, f"Dokumentation: {conference['title']}") and contains(text, conference["focus_topic"])
    paper = walked.objects[f"{ROOT}/paper/{row['measure_id']}"]
    [record] = paper["auxiliaryFile"]
    assert record["name"].startswith("Beschlussnachweis") and record["paper"] == [paper["id"]]
    assert walked.objects[record["id"]] == record and paper["modified"] >= record["modified"]
    text = pdf_text(walked.files[record["accessUrl"]][0])
    assert row["recommendation"]["sha256"] in text and "beschlossen" in text
    assert contains(text, "Glied der Hash-Kette zum letzten Ereignis der Maßnahme")
    for file in (dokumentation, record):
        assert {"size", "sha256Checksum", "created", "modified", "accessUrl", "mimeType"} <= set(file)


def test_a_print_is_the_same_bytes_for_the_same_state_dated_by_its_last_change(client: TestClient) -> None:
    """Typeset again in a fresh store of prints (nothing kept): byte for byte the same, dated by the last
    event it shows, not by the clock."""
    state = runtime(client)
    corpus = oparl_corpus(client)
    assert len(corpus.printed) > 100
    chosen = {}
    for path, job in corpus.printed.items():
        chosen.setdefault(job.document, (path, job))
    assert set(chosen) == {"beschlussvorlage", "beschlussnachweis", "dokumentation"}
    for path, job in chosen.values():
        file = corpus.objects[path]
        served = client.get(file["accessUrl"]).content
        again = prints.typeset(state.application, job)
        assert again == served and len(served) == file["size"]
        assert hashlib.sha256(served).hexdigest() == file["sha256Checksum"]
        moment = datetime.fromisoformat(file["modified"]).astimezone(UTC)
        assert moment.strftime("/CreationDate(D:%Y%m%d%H%M%SZ)").encode() in served
        assert "Gedruckt am" not in pdf_text(served) and file["modified"] == job.at


def test_a_change_typesets_again_only_the_prints_it_touches(client: TestClient) -> None:
    """The corpus is rebuilt after a change; prints of unchanged documents are the kept ones, not typeset."""
    state = runtime(client)
    before = oparl_corpus(client)
    kept = {path: state_prints(client).cached(job) for path, job in before.printed.items()}
    assert all(p is not None for p in kept.values())
    with state.runner.engine.connect() as connection:
        committee = connection.execute(select(t.committees.c.id)).scalars().first()
        outsider = connection.execute(
            select(t.people.c.id).where(t.people.c.erased.is_(False)).order_by(t.people.c.id.desc())
        ).scalars().first()  # fmt: skip
    state.application.appoint_committee_member(SYSTEM_ACTOR, committee, outsider)  # nobody named, no paper changed
    caught_up(client)
    client.get(f"{ROOT}/system")
    after = oparl_corpus(client)
    assert after is not before and after.printed == before.printed
    assert all(state_prints(client).cached(job) is kept[path] for path, job in after.printed.items())


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


def person_named(client: TestClient, name: str) -> dict[str, Any]:
    listed = client.get(f"{ROOT}/body/stadt/person").json()["data"]
    [person] = [p for p in listed if p["name"] == name]
    return person


def person_id_of(client: TestClient, name: str) -> str:
    app = runtime(client).application
    with runtime(client).runner.engine.connect() as connection:
        people = connection.execute(select(t.people.c.id)).scalars().all()
    [found] = [p for p in people if (data := app.personal_data.get(UUID(p))) and data.name == name]
    return str(found)


def test_a_withdrawn_consent_deletes_the_person_and_her_memberships(client: TestClient) -> None:
    state = runtime(client)
    before = person_named(client, "Andrea Wolff")
    memberships = [m["id"] for m in before["membership"]]
    assert memberships and all(m["role"] == "Moderation" for m in before["membership"])
    group = client.get(before["membership"][0]["organization"]).json()
    assert memberships[0] in group["membership"]
    meeting = next(m for m in client.get(f"{ROOT}/body/stadt/meeting?limit=100").json()["data"]
                   if m.get("organization") == [group["subOrganizationOf"]]
                   and "Andrea Wolff" in pdf_text(client.get(m["auxiliaryFile"][0]["accessUrl"]).content))
    dokumentation = meeting["auxiliaryFile"][0]

    state.application.withdraw_public_naming_consent(SYSTEM_ACTOR, person_id_of(client, "Andrea Wolff"))
    caught_up(client)

    gone = client.get(before["id"]).json()
    assert set(gone) == {"id", "type", "created", "modified", "deleted"} and gone["deleted"] is True
    assert gone["created"] == before["created"] and gone["modified"] > before["modified"]
    for membership in memberships:
        deleted = client.get(membership).json()
        assert deleted["deleted"] is True and "person" not in deleted and problems(deleted) == []
    assert memberships[0] not in client.get(group["id"]).json().get("membership", [])
    plain = client.get(f"{ROOT}/body/stadt/person").json()["data"]
    assert before["id"] not in [p["id"] for p in plain]
    since = client.get(f"{ROOT}/body/stadt/person", params={"modified_since": before["modified"]}).json()["data"]
    assert gone in since
    renewed = client.get(dokumentation["id"]).json()
    assert renewed["modified"] > dokumentation["modified"]
    assert renewed["sha256Checksum"] != dokumentation["sha256Checksum"]
    data = client.get(renewed["accessUrl"]).content
    assert hashlib.sha256(data).hexdigest() == renewed["sha256Checksum"] and "Andrea Wolff" not in pdf_text(data)
    assert "Andrea Wolff" not in client.get(f"{ROOT}/body/stadt/membership?limit=100").text

    state.application.consent_to_public_naming(SYSTEM_ACTOR, person_id_of(client, "Andrea Wolff"))
    caught_up(client)
    back = client.get(before["id"]).json()
    assert back["name"] == "Andrea Wolff" and [m["id"] for m in back["membership"]] == memberships


def test_a_role_that_ended_is_a_membership_with_its_end_date(client: TestClient) -> None:
    state = runtime(client)
    before = person_named(client, "Dr. Jonas Albrecht")
    roles = {m["role"]: m for m in before["membership"]}
    assert set(roles) == {"Mitglied der Koordinierungsgruppe", "Vorsitz der Koordinierungsgruppe"}
    assert all("endDate" not in m and m["startDate"] == "2026-05-12" for m in roles.values())
    with state.runner.engine.connect() as connection:
        city = select(t.conferences.c.series).where(t.conferences.c.kind == "city")
        series = connection.execute(city).scalars().first()
    state.application.remove_coordination_member(
        SYSTEM_ACTOR, coordination_group_id(series), person_id_of(client, "Dr. Jonas Albrecht"), "Ruhestand"
    )
    caught_up(client)
    after = person_named(client, "Dr. Jonas Albrecht")
    today = datetime.now(ZoneInfo("Europe/Berlin")).date().isoformat()
    assert {m["role"]: m.get("endDate") for m in after["membership"]} == {r: today for r in roles}
    assert all(problems(m) == [] for m in after["membership"])


def test_an_erased_person_stays_unnamed(client: TestClient) -> None:
    state = runtime(client)
    app = state.application
    person = person_id_of(client, "Renate Klein")  # on two committees, named with her consent until now
    before = person_named(client, "Renate Klein")
    app.erase_person(SYSTEM_ACTOR, person, "Antrag nach Art. 17 DSGVO")
    caught_up(client)
    again = crawl(client)
    assert again.dead == []
    printed = [pdf_text(data) for data, kind in again.files.values() if kind == "application/pdf"]
    text = "\n".join([*again.texts, *printed])
    assert person not in text and "Renate Klein" not in text and "gelöschte Person" not in text
    assert before["id"] not in again.objects
    assert client.get(before["id"]).json()["deleted"] is True
    assert [client.get(m["id"]).json().get("deleted") for m in before["membership"]] == [True, True]
