"""The HTTP app against a real database (SQLite and PostgreSQL), lifespan included."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from server.app import create_app
from server.config import Settings
from tests.auth import bearer, issue_token


def signed_in(client: TestClient) -> TestClient:
    """The client with the token of a freshly registered person (public: may read)."""
    runtime = client.app_state["runtime"]
    person = runtime.application.register_person(SYSTEM_ACTOR, "Leserin", "")
    issue_token(runtime, person)
    client.headers.update(bearer(person))
    return client


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=database_url))) as test_client:
        yield signed_in(test_client)


def test_health_reports_database_kind_and_position(database_url: str, app: Sozialkonferenz, actor: UUID) -> None:
    app.schedule_conference(actor, "Sozialkonferenz 2025", "city", "Stadt", "2025", "2025-03-12")
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        response = client.get("/api/health")
    assert response.status_code == 200
    health = response.json()
    assert health["status"] == "ok"
    assert health["database"] == database_url.split(":")[0].split("+")[0]
    assert health["position"] == app.position() > 0
    assert {p["name"] for p in health["projections"]} == {
        "reference",
        "conferences",
        "working_groups",
        "measures",
        "decisions",
        "docket",
        "districts",
        "indicator_actuals",
        "object_times",
        "public_people",
    }
    assert all(p["position"] == app.position() and p["lag"] == 0 for p in health["projections"])


def test_empty_store_lists_no_conferences(client: TestClient) -> None:
    response = client.get("/api/conferences")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == []


def test_conferences_are_listed_by_series_then_date(database_url: str, app: Sozialkonferenz, actor: UUID) -> None:
    city_2025 = app.schedule_conference(actor, "Stadtkonferenz 2025", "city", "Stadt", "2025", "2025-03-12", "Rathaus")
    nord = app.schedule_conference(
        actor, "Bezirkskonferenz Nord", "district", "Bezirk Nord", "2025", "2025-05-02", district="Nord"
    )
    city_2026 = app.schedule_conference(
        actor, "Stadtkonferenz 2026", "city", "Stadt", "2026", "2026-03-11", previous_conference_id=city_2025
    )
    app.set_focus_topic(actor, city_2026, "Wohnungslosigkeit")
    app.form_working_group(actor, city_2026, "Wohnen")
    app.form_working_group(actor, city_2026, "Gesundheit")

    with TestClient(create_app(Settings(database_url=database_url))) as client:
        listed = signed_in(client).get("/api/conferences").json()

    assert [c["id"] for c in listed] == [str(nord), str(city_2025), str(city_2026)]
    assert listed[2] | {"created_at": None, "updated_at": None} == {
        "id": str(city_2026),
        "title": "Stadtkonferenz 2026",
        "kind": "city",
        "series": "Stadt",
        "cycle": "2026",
        "status": "scheduled",
        "starts_on": "2026-03-11",
        "venue": "",
        "district": "",
        "focus_topic": "Wohnungslosigkeit",
        "previous_conference_id": str(city_2025),
        "working_group_count": 2,
        "agenda": [],
        "invited_organisation_ids": [],
        "measures_by_status": {},
        "measure_count": 0,
        "version": 4,
        "created_at": None,
        "updated_at": None,
    }
    assert listed[0]["district"] == "Nord"
    assert listed[1]["previous_conference_id"] is None


def test_unknown_route_is_a_problem_document(client: TestClient) -> None:
    response = client.get("/api/gibt-es-nicht")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 404
    assert problem["code"] == "not_found"
    assert problem["type"] == "about:blank"
    assert problem["title"] and problem["detail"]


def test_wrong_method_is_a_problem_document(client: TestClient) -> None:
    response = client.delete("/api/conferences")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "method_not_allowed"


def test_application_paths_serve_the_built_page_and_assets(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Sozialkonferenz</title>", encoding="utf-8")
    (dist / "assets" / "index-abc123.js").write_text("console.log(1)", encoding="utf-8")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.db'}", client_dist=dist)
    with TestClient(create_app(settings)) as client:
        for path in ("/", "/vergleich", "/pruefung?konferenz=x", f"/konferenzen/{uuid4()}/plenum"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert "<title>Sozialkonferenz</title>" in response.text
            assert response.headers["cache-control"] == "no-cache"
        asset = client.get("/assets/index-abc123.js")
        assert asset.text == "console.log(1)"
        assert "immutable" in asset.headers["cache-control"]
        assert client.get("/assets/missing.js").status_code == 404
        assert client.get("/nirgendwo").headers["content-type"] == "application/problem+json"


def test_an_unbuilt_client_is_explained_in_german(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.db'}", client_dist=tmp_path / "nothing")
    with TestClient(create_app(settings)) as client:
        response = client.get("/")
    assert response.status_code == 503
    assert "nicht gebaut" in response.text and "make run" in response.text


def test_demo_is_loaded_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("server.demo", reason="server/demo.py is not there yet")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'demo.db'}", demo=True)
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/conferences").json()
    assert "Demodaten wurden geladen." in capsys.readouterr().out
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/health").json()["position"] > 0
    assert "Demodaten sind bereits vorhanden" in capsys.readouterr().out
