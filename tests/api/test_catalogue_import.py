"""The catalogue import over HTTP, on SQLite and PostgreSQL: dry run, import, idempotence, bad files, 10,000 rows."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.conference import Conference as ConferenceAggregate
from domain.errors import ConcurrencyConflict
from domain.measure import Measure
from domain.working_group import WorkingGroup
from server.app import create_app
from server.config import Settings
from server.imports.catalogue import plan_import, run_import
from tests.api.conftest import register_planner
from tests.auth import bearer, issue_token
from tests.conftest import POSTGRES_URL, require_postgres, reset_postgres
from tests.imports.files import HEADER, ROWS, Conference, csv_bytes, many_rows, prepared_conference, xlsx_bytes


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One server per database kind for the whole module; each test imports into a conference of its own."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('import') / 'events.db'}"
    else:
        require_postgres()
        reset_postgres()
        url = POSTGRES_URL
    with TestClient(create_app(Settings(database_url=url))) as test_client:
        planner = register_planner(test_client.app_state["runtime"])
        test_client.headers.update(bearer(planner))
        test_client.planner = UUID(planner)  # type: ignore[attr-defined]
        yield test_client


def app_of(client: TestClient) -> Sozialkonferenz:
    app: Sozialkonferenz = client.app_state["runtime"].application
    return app


@pytest.fixture
def conference(client: TestClient) -> Conference:
    return prepared_conference(app_of(client), client.planner)  # type: ignore[attr-defined]


def upload(client: TestClient, conference: Conference, content: bytes, *, filename: str = "katalog.csv",
           mode: str = "dry_run", headers: dict[str, str] | None = None) -> Any:  # fmt: skip
    body = {"filename": filename, "content_base64": base64.b64encode(content).decode("ascii"), "mode": mode}
    return client.post(f"/api/conferences/{conference.id}/catalogue-import", json=body, headers=headers)


def dry_run(client: TestClient, conference: Conference, content: bytes, filename: str = "katalog.csv") -> Any:
    response = upload(client, conference, content, filename=filename)
    assert response.status_code == 200, response.text
    return response.json()["report"]


def run(client: TestClient, conference: Conference, content: bytes, mode: str = "import") -> dict[str, Any]:
    """Start the import and follow its progress until it is done."""
    response = upload(client, conference, content, mode=mode)
    assert response.status_code == 200, response.text
    job = response.json()
    deadline = time.monotonic() + 60
    while job["state"] == "running":
        assert time.monotonic() < deadline, job
        time.sleep(0.05)
        job = client.get(f"/api/conferences/{conference.id}/catalogue-import/{job['import_id']}").json()
    assert job["state"] == "done", job
    assert job["done"] == job["total"]
    return job


def measures_of(app: Sozialkonferenz, conference: Conference) -> list[Measure]:
    found = []
    for group_id in conference.groups.values():
        found += [app.load(Measure, m) for m in app.load(WorkingGroup, group_id).proposal_ids]
    return found


def test_german_headers_are_mapped_and_the_dry_run_lists_what_would_be_created(
    client: TestClient, conference: Conference
) -> None:
    before = app_of(client).position()
    report = dry_run(client, conference, csv_bytes(ROWS))
    mapped = {c["header"]: c["target"] for c in report["columns"]}
    assert mapped == {
        "Lfd. Nr.": "key", "Maßnahme": "title", "Beschreibung": "description", "ZIEL": "goal",
        "Ziel-Gruppe": "target_group", "Federführung": "lead", "Stadtteil": "district", "AG": "group",
        "Status": "status", "Indikator": "indicator_name", "Ausgangswert": "indicator_baseline",
        "Zielwert": "indicator_target",
    }  # fmt: skip
    assert [(c["column"], c["header"]) for c in report["unknown_columns"]] == [("M", "Bemerkung")]
    assert (report["encoding"], report["separator"]) == ("UTF-8", "Semikolon")
    assert [(r["row"], r["working_group"], r["proposed"]) for r in report["to_create"]] == [
        (2, "Kinderarmut", True),
        (3, "Wohnen und Quartier", False),
        (4, "Wohnen und Quartier", False),
    ]
    assert report["counts"]["to_create"] == 3 and report["readable"] is True
    assert app_of(client).position() == before  # a dry run writes nothing


def test_the_import_writes_marked_measures_and_a_second_import_creates_nothing(
    client: TestClient, conference: Conference
) -> None:
    app = app_of(client)
    content = csv_bytes(ROWS)
    job = run(client, conference, content)
    assert job["report"]["created"] == 3
    measures = {m.fields["title"]: m for m in measures_of(app, conference)}
    assert len(measures) == 3
    lotsinnen = measures["Familienlotsinnen in der Nordstadt"]
    assert lotsinnen.status == "proposed"  # "von der AG vorgeschlagen" in the file: agreed through the rule
    assert lotsinnen.details["indicators"] == [
        {
            "name": "Begleitete Familien",
            "unit": "",
            "baseline": {"value": "0", "year": None},
            "target": {"value": "120", "year": None},
            "remark": "",
        }
    ]
    assert measures["Fachstelle Wohnungssicherung"].status == "drafted"
    history = [type(e).__qualname__ for e in app.history(lotsinnen.id)]
    assert history[:2] == ["Measure.Drafted", "Measure.Imported"]
    imported = app.history(lotsinnen.id)[1]
    assert imported.source == {"file": "katalog.csv", "row": 2, "key": "kennung:1"}  # type: ignore[attr-defined]

    position = app.position()
    again = dry_run(client, conference, content)
    assert again["counts"] | {"rows": 3} == {**again["counts"], "to_create": 0, "already_imported": 3}
    second = run(client, conference, content)
    assert second["report"]["created"] == 0
    assert app.position() == position  # nothing new at all
    assert len(measures_of(app, conference)) == 3


def test_rows_that_cannot_be_read_are_reported_and_stop_the_import_unless_asked(
    client: TestClient, conference: Conference
) -> None:
    app = app_of(client)
    rows = [
        *ROWS[:2],
        ["4", "", "Ohne Titel", "", "", "", "", "Kinderarmut", "", "", "", "", ""],
        ["5", "Seniorentreff", "Treff im Quartier", "", "", "", "", "AG Senioren", "", "", "", "", ""],
        ["6", "Sprachcafé", "Deutsch üben", "", "", "", "", "Kinderarmut", "umgesetzt", "", "", "", ""],
        ["7", "Ferienprogramm", "Ferien", "", "", "", "", "Kinderarmut", "vorgeschlagen", "", "", "", ""],
        ["8", "Zählung", "x", "", "", "", "", "Kinderarmut", "", "", "5", "10", ""],
        ["1", "Anderer Text mit derselben Nummer", "x", "", "", "", "", "Kinderarmut", "", "", "", "", ""],
    ]  # fmt: skip
    report = dry_run(client, conference, csv_bytes(rows))
    reasons = {(p["row"], p["column"]): p["reason"] for p in report["problems"]}
    assert reasons[(4, "B")] == "Der Titel der Maßnahme fehlt."
    assert reasons[(5, "H")].startswith("Eine Arbeitsgruppe „AG Senioren“ gibt es in dieser Konferenz nicht")
    assert reasons[(6, "I")].startswith("Status „umgesetzt“ kann nicht importiert werden")
    assert "fehlen Pflichtangaben: Ziel, Zielgruppe, Federführung" in reasons[(7, "")]
    assert reasons[(8, "J")].startswith("Werte eines Indikators ohne seinen Namen")
    assert reasons[(9, "A")] == "Die Kennung „1“ steht schon in Zeile 2."
    assert report["counts"]["unreadable"] == 6 and report["counts"]["to_create"] == 2

    before = app.position()
    refused = upload(client, conference, csv_bytes(rows), mode="import")
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "import_refused"
    assert "6 Zeile(n) sind nicht lesbar" in refused.json()["detail"]
    assert len(refused.json()["report"]["problems"]) == 6
    assert app.position() == before and measures_of(app, conference) == []  # nothing at all

    job = run(client, conference, csv_bytes(rows), mode="import_readable")
    assert job["report"]["created"] == 2
    assert sorted(m.fields["title"] for m in measures_of(app, conference)) == [
        "Fachstelle Wohnungssicherung",
        "Familienlotsinnen in der Nordstadt",
    ]


def test_encodings_and_separators_are_detected(client: TestClient, conference: Conference) -> None:
    for encoding, separator, expected in (
        ("utf-8-sig", ";", ("UTF-8 mit BOM", "Semikolon")),
        ("cp1252", ";", ("Windows-1252", "Semikolon")),
        ("latin-1", ",", ("Windows-1252", "Komma")),  # Latin-1 text reads the same as Windows-1252
        ("utf-8", "\t", ("UTF-8", "Tabulator")),
        ("utf-16", ";", ("UTF-16", "Semikolon")),
    ):
        report = dry_run(client, conference, csv_bytes(ROWS, separator=separator, encoding=encoding))
        assert (report["encoding"], report["separator"]) == expected, encoding
        assert report["counts"]["to_create"] == 3, encoding
        assert report["to_create"][0]["title"] == "Familienlotsinnen in der Nordstadt", encoding
        assert report["columns"][1]["header"] == "Maßnahme", encoding  # umlauts and ß decoded right


def test_empty_rows_and_a_title_line_above_the_header_are_skipped(client: TestClient, conference: Conference) -> None:
    content = "Maßnahmenkatalog 2026;;\r\n;;\r\n" + csv_bytes([ROWS[0], [""] * 13, ROWS[1], [""] * 13]).decode()
    report = dry_run(client, conference, content.encode())
    assert report["header_row"] == 3
    assert [r["row"] for r in report["to_create"]] == [4, 6]
    assert report["counts"]["empty_skipped"] == 2


def test_merged_cells_in_xlsx_are_filled_from_their_first_cell(client: TestClient, conference: Conference) -> None:
    rows: list[list[object]] = [HEADER[:9], *[r[:9] for r in ROWS]]
    rows[3][7] = None  # the AG cell of row 3 and 4 is merged into row 2's ("AG Kinderarmut")
    rows[2][7] = None
    rows[1][0] = 1  # numbers stay numbers in Excel
    report = dry_run(client, conference, xlsx_bytes(rows, merged=("H2:H4",)), filename="katalog.xlsx")
    assert report["format"] == "XLSX" and report["sheet"] == "Maßnahmen"
    assert [r["working_group"] for r in report["to_create"]] == ["Kinderarmut"] * 3
    assert "1 verbundene Zellbereiche (H2:H4)" in report["notes"][0]
    job = run(client, conference, xlsx_bytes(rows, merged=("H2:H4",)))
    assert job["report"]["created"] == 3


@pytest.mark.parametrize(
    ("filename", "content", "expected"),
    [
        ("katalog.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "ist ein PDF-Dokument, keine Tabelle"),
        ("bild.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "enthält Binärdaten und ist keine Tabelle"),
        ("alt.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "Das alte Excel-Format (.xls)"),
        ("kaputt.xlsx", b"PK\x03\x04 nicht wirklich ein zip", "keine lesbare Excel-Arbeitsmappe"),
        ("leer.csv", b"  \r\n", "Die Datei ist leer."),
        ("brief.txt", b"Sehr geehrte Damen und Herren,\nanbei die Liste.\n", "Keine Spalte für den Titel"),
    ],
)
def test_a_file_that_is_no_catalogue_gets_a_clear_report(
    client: TestClient, conference: Conference, filename: str, content: bytes, expected: str
) -> None:
    report = dry_run(client, conference, content, filename=filename)
    assert expected in report["file_errors"][0], report["file_errors"]
    refused = upload(client, conference, content, filename=filename, mode="import_readable")
    assert refused.status_code == 422 and expected in refused.json()["detail"]


def test_oversize_and_malformed_uploads_are_refused_in_german(client: TestClient, conference: Conference) -> None:
    big = csv_bytes(ROWS) + b"x" * (10 * 1024 * 1024)
    response = upload(client, conference, big)
    assert response.status_code == 413
    assert response.json()["detail"].startswith("Die Datei ist zu groß: erlaubt sind höchstens 10 MB")
    body = {"filename": "k.csv", "content_base64": "kein base64!", "mode": "dry_run"}
    bad = client.post(f"/api/conferences/{conference.id}/catalogue-import", json=body)
    assert bad.status_code == 400 and bad.json()["field"] == "content_base64"
    assert bad.json()["detail"].startswith("„content_base64“")
    body = {"filename": "k.csv", "content_base64": "", "mode": "alles"}
    assert client.post(f"/api/conferences/{conference.id}/catalogue-import", json=body).status_code == 400


def test_only_organisers_of_the_conference_may_import(client: TestClient, conference: Conference) -> None:
    app = app_of(client)
    member = app.register_person(SYSTEM_ACTOR, "Mitglied der AG", "ag@example.org")
    app.add_member(client.planner, conference.groups["Kinderarmut"], member)  # type: ignore[attr-defined]
    issue_token(client.app_state["runtime"], member)
    local = app.register_person(SYSTEM_ACTOR, "Organisatorin dieser Konferenz", "org@example.org")
    app.grant_role(client.planner, conference.id, local, "organiser")  # type: ignore[attr-defined]
    issue_token(client.app_state["runtime"], local)
    assert upload(client, conference, csv_bytes(ROWS), headers=bearer(member)).status_code == 403
    assert upload(client, conference, csv_bytes(ROWS), headers={"Authorization": ""}).status_code == 401
    assert upload(client, conference, csv_bytes(ROWS), headers=bearer(local)).status_code == 200


def test_a_conference_that_takes_no_proposals_refuses_the_import(client: TestClient) -> None:
    app = app_of(client)
    planner = client.planner  # type: ignore[attr-defined]
    conference_id = app.schedule_conference(planner, "Noch in Planung", "city", "Importstadt", "2027", "2027-03-01")
    app.form_working_group(planner, conference_id, "Kinderarmut", "Kinderarmut")
    conference = Conference(conference_id, {})
    report = dry_run(client, conference, csv_bytes(ROWS[:1]))
    assert "nimmt keine Maßnahmenvorschläge an" in report["file_errors"][0]
    assert upload(client, conference, csv_bytes(ROWS[:1]), mode="import_readable").status_code == 422
    assert app.load(ConferenceAggregate, conference_id).status == "scheduled"


def test_ten_thousand_rows_are_checked_quickly(client: TestClient, conference: Conference) -> None:
    content = csv_bytes(many_rows(10_000))
    started = time.perf_counter()
    report = dry_run(client, conference, content)
    elapsed = time.perf_counter() - started
    assert report["counts"]["to_create"] == 10_000 and report["readable"]
    assert len(report["to_create"]) == 500  # the list is capped; the counts are complete
    assert elapsed < 30, elapsed  # about 3 s measured on a busy 2-core machine


def test_an_import_that_crashed_half_way_is_completed_by_running_it_again(
    client: TestClient, conference: Conference, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_of(client)
    planner = client.planner  # type: ignore[attr-defined]
    monkeypatch.setattr("server.imports.catalogue.BATCH_ROWS", 50)
    content = csv_bytes(many_rows(120))  # three batches of up to 50 rows
    original = app.import_measures
    calls = []

    def crash_on_the_second_batch(*args: Any, **kwargs: Any) -> list[UUID]:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("Stromausfall")
        return original(*args, **kwargs)

    monkeypatch.setattr(app, "import_measures", crash_on_the_second_batch)
    with pytest.raises(RuntimeError):
        run_import(app, planner, conference.id, plan_import(app, conference.id, "k.csv", content))
    assert len(measures_of(app, conference)) == 50  # the first batch whole, nothing of the second
    monkeypatch.setattr(app, "import_measures", original)

    plan = plan_import(app, conference.id, "k.csv", content)
    assert (len(plan.already_imported), len(plan.to_create)) == (50, 70)
    result = run_import(app, planner, conference.id, plan)
    assert len(result.created) == 70
    titles = [m.fields["title"] for m in measures_of(app, conference)]
    assert sorted(titles) == sorted(f"Maßnahme Nummer {n}" for n in range(1, 121))  # complete, no duplicates


def test_the_store_refuses_a_row_imported_meanwhile_and_writes_nothing_of_that_batch(
    client: TestClient, conference: Conference
) -> None:
    """Two imports of the same file racing: the second one's save hits the first one's row record."""
    app = app_of(client)
    planner = client.planner  # type: ignore[attr-defined]
    content = csv_bytes(ROWS)
    first = plan_import(app, conference.id, "k.csv", content)
    second = plan_import(app, conference.id, "k.csv", content)  # planned before the first one wrote
    run_import(app, planner, conference.id, first)
    assert app.is_row_imported(conference.id, "kennung:1")
    position = app.position()
    rows = [row for _, row, _ in second.to_create]
    with pytest.raises(ConcurrencyConflict):
        app.import_measures(planner, conference.id, rows)
    assert app.position() == position
    assert run_import(app, planner, conference.id, second).created == []  # the import itself rechecks and skips
    assert len(measures_of(app, conference)) == 3


def test_districts_are_mapped_onto_the_list_and_actuals_kept_as_remarks(
    client: TestClient, conference: Conference
) -> None:
    app = app_of(client)
    planner = client.planner  # type: ignore[attr-defined]
    listed = {name: app.register_district(planner, name) for name in ("Nordstadt", "Weststadt")}
    header = ["Maßnahme", "Beschreibung", "Sozialraum", "AG", "Indikator", "Einheit", "Ausgangswert", "Zielwert",
              "Ist-Wert"]  # fmt: skip
    rows = [
        ["Lernpaten", "Hilfe beim Lernen", "Nordstadt und Weststadt (Schulen)", "Kinderarmut", "Kinder", "Anzahl",
         "10", "40", "25"],
        ["Stadtfest", "Ein Fest für alle", "gesamtstädtisch", "Wohnen", "", "", "", "", ""],
        ["Bolzplatz", "Ein Platz", "Am Mühlbach", "Wohnen", "", "", "", "", ""],
    ]  # fmt: skip
    report = dry_run(client, conference, csv_bytes(rows, header=header))
    warnings = {(w["row"], w["column"]): w["reason"] for w in report["warnings"]}
    assert warnings[(2, "I")].startswith("Der Ist-Wert steht als Bemerkung beim Indikator")
    assert warnings[(4, "C")] == "„Am Mühlbach“ nennt keinen Sozialraum der Liste; der Text bleibt stehen."
    run(client, conference, csv_bytes(rows, header=header))
    by_title = {m.fields["title"]: m for m in measures_of(app, conference)}
    names = {d["id"]: d["name"] for d in app.district_register().districts}  # type: ignore[union-attr]
    assert [names[i] for i in by_title["Lernpaten"].district_ids] == ["Nordstadt", "Weststadt"]
    assert by_title["Lernpaten"].fields["district"] == "Nordstadt und Weststadt (Schulen)"  # the text stays
    assert [names[i] for i in by_title["Stadtfest"].district_ids] == ["gesamtstädtisch"]
    assert by_title["Bolzplatz"].district_ids == []
    assert by_title["Lernpaten"].details["indicators"][0]["remark"] == "Ist-Wert laut Datei: 25"
    assert listed["Nordstadt"] in by_title["Lernpaten"].district_ids
