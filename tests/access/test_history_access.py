"""Every route that reaches a live document or personal data, as every role: the matrix's answer everywhere.

The generic history routes (``/api/history/{id}`` and ``…/state``) answer for any aggregate, so
they must apply the rule of the aggregate's kind: a live proposal document's history is audit-only
(like ``…/document-history``), a person's record is personal data (organisers city-wide, and the
person herself, like ``…/export``). The expectations are written out here, independently of
``server.auth.policy``. A last test makes sure no GET route escapes the walk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote
from uuid import UUID, uuid4

import pytest
from pycrdt import Text
from starlette.routing import Route
from starlette.testclient import TestClient

from domain.document import document_id
from server.api import api_routes
from server.app import CLIENT_PATHS
from server.collab import store as collab_store
from tests.access.test_http_permissions import headers_of, world_client  # noqa: F401 - the fixture
from tests.access.world import NAMES, PRINCIPALS, World
from tests.oparl.crawler import crawl

SIGNED_IN = frozenset(PRINCIPALS) - {"AN"}
AUDIT = frozenset({"O", "CO", "A"})  # city-wide organiser, the conference's organiser and auditor
CITY = frozenset({"O"})
EVERYONE = frozenset(PRINCIPALS)

# Routes not walked here, and why.
NOT_WALKED = {
    "/changes": "an endless event stream naming changed rows by id (no text, no names); 401 checked below",
}


@dataclass(frozen=True)
class Case:
    route: str  # the route's template, for the completeness check
    path: str
    allowed: frozenset[str]
    status: int = 200  # the answer to those allowed


def self_and_city(who: str) -> frozenset[str]:
    return CITY | {who}


def live_document(client: TestClient, w: World) -> UUID:
    """The measure's live document, seeded, with one update typed by the member (as the room stores them)."""
    app = client.app_state["runtime"].application
    loaded = collab_store.load(app, w.measure)
    before = loaded.doc.get_state()
    loaded.doc.get("goal", type=Text).insert(0, "Mehr Plätze in Krippen")
    update = loaded.doc.get_update(before)
    loaded.aggregate.append([{"actor": w.people["ME"], "update": collab_store.b64(update)}])
    app.save(loaded.aggregate)
    return document_id(w.measure)


def cases(client: TestClient, w: World) -> list[Case]:
    document = live_document(client, w)
    now = quote(datetime.now(UTC).isoformat())
    versions = [
        d["version"]
        for d in client.get(f"/api/measures/{w.previous_measure}/decision-texts", headers=headers_of(w, "O")).json()
    ]
    p = w.people
    walked = [
        # views (people's names, the catalogue that follows the live text)
        Case("/conferences", "/conferences", SIGNED_IN),
        Case("/conferences/{conference_id}", f"/conferences/{w.conference}", SIGNED_IN),
        Case("/conferences/{conference_id}/roles", f"/conferences/{w.conference}/roles", SIGNED_IN),
        Case(  # what closing the session would freeze and let lapse: titles, no names
            "/conferences/{conference_id}/session/close-preview",
            f"/conferences/{w.conference}/session/close-preview",
            frozenset({"O", "CO"}),
        ),
        Case(  # a catalogue import's progress: the conference's organisers (none ran here: 404 for them)
            "/conferences/{conference_id}/catalogue-import/{import_id}",
            f"/conferences/{w.conference}/catalogue-import/{uuid4()}",
            frozenset({"O", "CO"}),
            status=404,
        ),
        Case("/working-groups/{working_group_id}", f"/working-groups/{w.group}", SIGNED_IN),
        Case("/measures", "/measures?q=Fr%C3%BChe", SIGNED_IN),
        Case("/measures/{measure_id}", f"/measures/{w.measure}", SIGNED_IN),
        Case("/decisions", f"/decisions?actor_id={p['ME']}", SIGNED_IN),
        Case("/cycle-comparison", "/cycle-comparison?series=Lindenau", SIGNED_IN),
        Case("/catalogue-diff", f"/catalogue-diff?from={w.previous}&to={w.conference}", SIGNED_IN),
        Case("/committees", "/committees", SIGNED_IN),
        Case("/committees/{committee_id}", f"/committees/{w.committee}", SIGNED_IN),
        Case("/committees/{committee_id}/docket", f"/committees/{w.committee}/docket", SIGNED_IN),
        Case("/organisations", "/organisations", SIGNED_IN),
        Case("/districts", "/districts", SIGNED_IN),
        Case("/people", "/people", SIGNED_IN),
        Case("/conferences/{conference_id}/minutes", f"/conferences/{w.conference}/minutes", SIGNED_IN),
        Case("/conferences/{conference_id}/minutes", f"/conferences/{w.conference}/minutes?at={now}", SIGNED_IN),
        Case("/coordination-groups/{coordination_group_id}", f"/coordination-groups/{w.coordination}", SIGNED_IN),
        # sign-in data
        Case("/session", "/session", SIGNED_IN),
        Case("/session/permissions", f"/session/permissions?measure_id={w.measure}", SIGNED_IN),
        Case("/tokens", "/tokens", SIGNED_IN),
        Case("/me/desk", "/me/desk", SIGNED_IN),  # each her own (tests/api/test_desk.py)
        Case("/tokens", f"/tokens?person_id={p['PU']}", self_and_city("PU")),
        Case("/invitations/{token}", "/invitations/unbekannt", EVERYONE, status=404),
        Case("/health", "/health", EVERYONE),
        # a person's own data
        Case("/people/{person_id}/export", f"/people/{p['PU']}/export", self_and_city("PU")),
        Case("/people/{person_id}/export", f"/people/{p['ME']}/export", self_and_city("ME")),
        # decided texts (public) and the auditor's views of the live text
        Case("/measures/{measure_id}/decision-texts", f"/measures/{w.previous_measure}/decision-texts", SIGNED_IN),
        Case("/measures/{measure_id}/decision-texts/diff",
             f"/measures/{w.previous_measure}/decision-texts/diff?from={versions[0]}&to={versions[-1]}", SIGNED_IN),
        Case("/measures/{measure_id}/similar", f"/measures/{w.measure}/similar", SIGNED_IN),  # live text: read along
        Case("/measures/{measure_id}/text", f"/measures/{w.measure}/text?at={now}", AUDIT),
        Case("/measures/{measure_id}/authors", f"/measures/{w.measure}/authors", AUDIT),
        Case("/measures/{measure_id}/document-history", f"/measures/{w.measure}/document-history", AUDIT),
        Case("/measures/{measure_id}/live-steps", f"/measures/{w.measure}/live-steps", AUDIT),
        Case("/measures/{measure_id}/live-updates", f"/measures/{w.measure}/live-updates?from=1&to=2", AUDIT),
        Case("/measures/{measure_id}/text", f"/measures/{w.measure}/text?version=1", AUDIT),
        Case("/conferences/{conference_id}/history.jsonl", f"/conferences/{w.conference}/history.jsonl", AUDIT),
        Case("/conferences/{conference_id}/history.csv", f"/conferences/{w.conference}/history.csv", AUDIT),
        Case("/audit/chain", "/audit/chain", CITY),
        # printed documents: the pages' rule (names only for those who see them there: tests/documents/)
        Case("/documents/conferences/{conference_id}/dokumentation.pdf",
             f"/documents/conferences/{w.conference}/dokumentation.pdf", SIGNED_IN),
        Case("/documents/massnahmenkatalog.pdf", f"/documents/massnahmenkatalog.pdf?conference_id={w.conference}",
             SIGNED_IN),
        Case("/documents/measures/{measure_id}/beschlussvorlage.pdf",
             f"/documents/measures/{w.previous_measure}/beschlussvorlage.pdf", SIGNED_IN),
        Case("/documents/measures/{measure_id}/beschlussnachweis.pdf",
             f"/documents/measures/{w.previous_measure}/beschlussnachweis.pdf?at={now}", SIGNED_IN),
        # the generic history: the live document is audit-only, a person's record is personal data
        Case("/history/{aggregate_id}", f"/history/{document}", AUDIT),
        Case("/history/{aggregate_id}/state", f"/history/{document}/state?version=2", AUDIT),
        Case("/history/{aggregate_id}/state", f"/history/{document}/state?at={now}", AUDIT),
        Case("/history/{aggregate_id}", f"/history/{p['PU']}", self_and_city("PU")),
        Case("/history/{aggregate_id}/state", f"/history/{p['PU']}/state?version=1", self_and_city("PU")),
        Case("/history/{aggregate_id}", f"/history/{p['A']}", self_and_city("A")),
        Case("/history/{aggregate_id}/state", f"/history/{p['A']}/state?at={now}", self_and_city("A")),
    ]  # fmt: skip
    for subject in (w.measure, w.conference, w.group, w.organisation, w.committee, w.coordination):
        walked.append(Case("/history/{aggregate_id}", f"/history/{subject}", SIGNED_IN))
        walked.append(Case("/history/{aggregate_id}/state", f"/history/{subject}/state?version=1", SIGNED_IN))
    return walked


@pytest.fixture
def walk(world_client: tuple[TestClient, World]) -> Iterator[tuple[TestClient, World, list[Case]]]:  # noqa: F811
    client, w = world_client
    yield client, w, cases(client, w)


def test_every_route_to_live_documents_and_personal_data_answers_as_the_matrix_says(
    walk: tuple[TestClient, World, list[Case]],
) -> None:
    client, w, walked = walk
    wrong = []
    for case in walked:
        for who in PRINCIPALS:
            response = client.get("/api" + case.path, headers=headers_of(w, who))
            expected = case.status if who in case.allowed else 401 if who == "AN" else 403
            if response.status_code != expected:
                wrong.append((case.path, who, response.status_code, expected))
            elif expected == 403:
                assert response.json()["code"] == "forbidden", response.text
    assert not wrong, "\n".join(f"{path} as {who}: {got}, expected {want}" for path, who, got, want in wrong)


def test_the_live_documents_history_reaches_auditors_with_every_keystroke(
    walk: tuple[TestClient, World, list[Case]],
) -> None:
    """The routes above answer with the real thing when allowed: the member's update, with her id."""
    client, w, _ = walk
    events = client.get(f"/api/history/{document_id(w.measure)}", headers=headers_of(w, "A")).json()
    assert [e["type"] for e in events] == ["ProposalDocument.Started", "ProposalDocument.UpdatesAppended"]
    assert events[1]["data"]["updates"][0]["actor"] == str(w.people["ME"])


def test_the_change_feed_needs_a_sign_in(walk: tuple[TestClient, World, list[Case]]) -> None:
    client, _, _ = walk
    assert client.get("/api/changes").status_code == 401


def test_no_get_route_escapes_the_walk(walk: tuple[TestClient, World, list[Case]]) -> None:
    _, _, walked = walk
    routes = {r.path for r in api_routes if isinstance(r, Route) and "GET" in (r.methods or ())}
    assert routes - {c.route for c in walked} == set(NOT_WALKED)


def test_outside_the_api_pages_are_the_same_shell_for_everyone_and_metrics_are_for_operators(
    walk: tuple[TestClient, World, list[Case]],
) -> None:
    """The application's pages carry no data (the same bytes for every role); /metrics is the operator's."""
    client, w, _ = walk
    ids = {"conference_id": w.conference, "group_id": w.group, "measure_id": w.measure, "token": "x",
           "committee_id": w.committee}
    for template in CLIENT_PATHS:
        path = template.format(**ids)
        answers = {
            (r.status_code, r.content) for r in (client.get(path, headers=headers_of(w, who)) for who in PRINCIPALS)
        }
        assert len(answers) == 1 and next(iter(answers))[0] in (200, 503), path  # 503: client not built
    assert {
        who: client.get("/openapi.json", headers=headers_of(w, who)).status_code for who in PRINCIPALS
    } == dict.fromkeys(PRINCIPALS, 200)
    metrics = {who: client.get("/metrics", headers=headers_of(w, who)).status_code for who in PRINCIPALS}
    assert metrics == {who: 200 if who == "OP" else 401 if who == "AN" else 403 for who in PRINCIPALS}


def test_oparl_is_public_the_same_for_everyone_and_names_no_one(walk: tuple[TestClient, World, list[Case]]) -> None:
    """OParl (outside /api) needs no sign-in and shows every role exactly the public's answer: no person at all."""
    client, w, _ = walk
    paths = ["/oparl/v1/system", "/oparl/v1/body", f"/oparl/v1/organization/{w.group}",
             f"/oparl/v1/organization/{w.committee}", "/oparl/v1/body/stadt/person"]  # fmt: skip
    for path in paths:
        answers = {
            (r.status_code, r.content) for r in (client.get(path, headers=headers_of(w, who)) for who in PRINCIPALS)
        }
        assert len(answers) == 1 and next(iter(answers))[0] == 200, path
    walked = crawl(client)
    assert walked.dead == [] and len(walked.objects) > 5
    text = "\n".join(walked.texts)
    names = {NAMES[key] for key in w.people}
    assert [p for p in w.people.values() if str(p) in text] == [] and [n for n in names if n in text] == []
