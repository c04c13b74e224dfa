"""The printed documents (server/documents/): their text as pdftotext reads it, their metadata, ``?at=``,
the public's view, hostile text, and a catalogue of 500 measures that does not hold up other requests."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from uuid import UUID

from starlette.testclient import TestClient

from domain.measure import Measure
from domain.texts import FIELD_LABELS, check_fields
from domain.working_group import WorkingGroup
from tests.api import scenario
from tests.api.scenario import PROPOSAL, Api
from tests.auth import bearer, issue_token
from tests.documents.pdf import contains, metadata, pdf_text

DOCS = "/api/documents"


def pdf(api: Api, path: str, *, as_person: str | None = None, **params: str) -> bytes:
    headers = bearer(as_person) if as_person else {}
    response = api.client.get(DOCS + path, params=params, headers=headers)
    assert response.status_code == 200, (path, response.status_code, response.text)
    assert response.headers["content-type"] == "application/pdf"
    return response.content


def test_decision_record_and_committee_paper_carry_the_exact_decided_texts_and_hashes(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    measure = scenario.adopted_measure(api, conference.group_id)
    scenario.close_session(api, conference)
    scenario.submit(api, measure, reference.committee_id, "V/2025/017")
    scenario.decide(api, measure, reference.committee_id, "approved")
    decided = [d for d in api.get(f"/measures/{measure}/decision-texts") if d["frozen"]]
    reference_number = api.get(f"/measures/{measure}")["reference"]

    record = pdf(api, f"/measures/{measure}/beschlussnachweis.pdf")
    head = api.get("/audit/chain")
    text = pdf_text(record)

    assert [d["kind"] for d in decided] == ["agreed", "adopted", "committee"]
    for d in decided:
        assert d["frozen"]["sha256"] in text  # the hash as printed, character for character
        assert contains(text, f"/massnahmen/{measure}?pruefsumme={d['frozen']['sha256']}")  # the QR code's address
        for name, value in d["frozen"]["fields"].items():
            assert contains(text, value), name
    assert text.count("Prüfsumme stimmt mit dem Text überein") == 3
    assert "Ausschuss für Soziales" in text and "20.05.2025" in text and "Sozialplanung Musterstadt" in text
    assert f"{head['head_position']}:{head['head_hash']}" in text
    assert "Seite 1 von" in text and "Gedruckt am" in text
    assert metadata(record)[:2] == (f"Beschlussnachweis {reference_number}: {PROPOSAL['title']}", "de-DE")

    paper = pdf(api, f"/measures/{measure}/beschlussvorlage.pdf")
    text = pdf_text(paper)
    for heading in ("Betreff", "Sachverhalt", "Beschlussvorschlag", "Finanzielle Auswirkungen"):
        assert heading in text
    assert "V/2025/017" in text and decided[1]["frozen"]["sha256"] in text
    for name in ("description", "goal", "target_group", "cost", "funding"):
        assert contains(text, PROPOSAL[name]), name
    assert metadata(paper)[:2] == (f"Beschlussvorlage V/2025/017: {PROPOSAL['title']}", "de-DE")


def test_dokumentation_shows_groups_evaluations_adopted_texts_plenary_and_minutes(api: Api, client: TestClient) -> None:
    reference = scenario.reference_data(api)
    first = scenario.conference_in_session(api, reference, "2025")
    old = scenario.adopted_measure(api, first.group_id)
    scenario.close_session(api, first)
    scenario.submit(api, old, reference.committee_id)
    scenario.decide(api, old, reference.committee_id)
    scenario.implement(api, old)
    second = scenario.prepared_conference(api, reference, "2026", previous=first)
    api.post(f"/working-groups/{second.group_id}/members", {"person_id": reference.person_id})
    api.post(f"/measures/{old}/evaluation", {
        "working_group_id": second.group_id, "progress": 80, "verdict": "adapt", "rating": 4,
        "summary": "Gut angenommen im Nordviertel",
        "obstacles": [{"category": "staff", "text": "Stelle lange unbesetzt"}],
        "enablers": [{"category": "cooperation", "text": "Kinderärzte verweisen Familien"}],
    })  # fmt: skip
    api.post(f"/conferences/{second.id}/session/open")
    new = scenario.adopted_measure(api, second.group_id, title="Familienzentrum am Markt", goal="Ein offener Treff.")
    returned = scenario.draft(api, second.group_id, title="Spielplatzpaten")
    api.post(f"/measures/{returned}/agreement")
    api.post(f"/measures/{returned}/return", {"reason": "Kosten unklar"})
    scenario.close_session(api, second)
    coordination = api.create(f"/conferences/{second.id}/coordination-group")
    api.post(f"/coordination-groups/{coordination}/members", {"person_id": reference.person_id})
    api.create(f"/coordination-groups/{coordination}/decisions", {
        "title": "Einladungskreis", "text": "Auch die Schulen des Nordviertels werden eingeladen.",
        "decided_on": "2026-02-01", "conference_id": second.id,
    })  # fmt: skip
    api.create(f"/conferences/{second.id}/minutes/items", {
        "agenda_item": 3, "discussion": "Das Plenum berät die Vorschläge der AGs.",
        "results": [{"measure_id": new, "note": "einstimmig"}],
        "next_steps": [{"task": "Vorlage für den Ausschuss schreiben", "person_id": reference.person_id,
                        "due_on": "2026-04-30"}],
    })  # fmt: skip
    adopted = api.get(f"/measures/{new}/decision-texts")[1]["frozen"]

    document = pdf(api, f"/conferences/{second.id}/dokumentation.pdf")
    text = pdf_text(document)

    assert metadata(document)[:2] == ("Dokumentation: Sozialkonferenz 2026", "de-DE")
    for expected in ("Armut im Quartier", "Begrüßung", "Arbeitsgruppen", "Plenum", "AG 1: Wohnen", "Wohnungsnot",
                     "Gut angenommen im Nordviertel", "Personal: Stelle lange unbesetzt",
                     "Kooperation: Kinderärzte verweisen Familien", "Fortschritt 80 %", "Empfehlung: anpassen",
                     "Verabschiedung im Plenum", "Zurückverweisung an die Arbeitsgruppe", "Kosten unklar",
                     "Einladungskreis (01.02.2026)", "Auch die Schulen des Nordviertels werden eingeladen.",
                     "Das Plenum berät die Vorschläge der AGs.", "Familienzentrum am Markt: Im Plenum verabschiedet",
                     "einstimmig", "Vorlage für den Ausschuss schreiben – Erika Mustermann, bis 30.04.2026",
                     "Erika Mustermann"):  # fmt: skip
        assert contains(text, expected), expected
    assert adopted["sha256"] in text
    for name, value in adopted["fields"].items():
        assert contains(text, value), name
    assert "Spielplatzpaten" in text  # in the plenary's decisions (returned), but not among the adopted
    assert text.count("Verabschiedet am") == 1

    public = api.create("/people", {"name": "Paula Publikum", "email": "paula@example.org"})
    issue_token(client.app_state["runtime"], UUID(public))
    seen_by_public = pdf_text(pdf(api, f"/conferences/{second.id}/dokumentation.pdf", as_person=public))
    assert "Mitglieder: 1 Personen" in seen_by_public and "Erika Mustermann" not in seen_by_public
    assert contains(seen_by_public, "Vorlage für den Ausschuss schreiben, bis 30.04.2026")
    assert adopted["sha256"] in seen_by_public
    record_for_public = pdf_text(pdf(api, f"/measures/{new}/beschlussnachweis.pdf", as_person=public))
    assert adopted["sha256"] in record_for_public and "Erfasst von" not in record_for_public
    assert "Sozialplanung Musterstadt" not in record_for_public  # who recorded it: not for the public
    assert "Sozialplanung Musterstadt" in pdf_text(pdf(api, f"/measures/{new}/beschlussnachweis.pdf"))


def test_the_public_dokumentation_names_only_those_who_agreed_to_be_named(api: Api, client: TestClient) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    erika = reference.person_id
    max_ = api.create("/people", {"name": "Max Meier", "email": "max@example.org"})
    for person in (erika, max_):
        api.post(f"/working-groups/{conference.group_id}/members", {"person_id": person})
    coordination = api.create(f"/conferences/{conference.id}/coordination-group")
    api.post(f"/coordination-groups/{coordination}/members", {"person_id": erika})
    api.post(f"/coordination-groups/{coordination}/members", {"person_id": max_})
    before = datetime.now(UTC).isoformat()
    time.sleep(0.01)
    api.post(f"/people/{erika}/public-naming")
    public = api.create("/people", {"name": "Paula Publikum", "email": "paula@example.org"})
    issue_token(client.app_state["runtime"], UUID(public))
    path = f"/conferences/{conference.id}/dokumentation.pdf"

    seen = pdf_text(pdf(api, path, as_person=public))
    assert contains(seen, "Mitglieder: 2 Personen – Erika Mustermann (1 weitere ohne Einwilligung in die Nennung)")
    assert seen.count("Erika Mustermann") == 2 and "Max Meier" not in seen  # in her group and the coordination
    earlier = pdf_text(pdf(api, path, as_person=public, at=before))  # as the record stood: no consent yet
    assert "Erika Mustermann" not in earlier and contains(earlier, "Mitglieder: 2 Personen")
    assert "Max Meier" in pdf_text(pdf(api, path))  # a reader with a role sees every name, as before
    api.post(f"/people/{erika}/public-naming/withdrawal")
    assert "Erika Mustermann" not in pdf_text(pdf(api, path, as_person=public))
    api.post(f"/people/{erika}/public-naming")
    api.post(f"/people/{erika}/erasure", {"reason": "Antrag nach Art. 17 DSGVO"})
    erased = pdf_text(pdf(api, path, as_person=public))
    assert "Erika Mustermann" not in erased and "gelöschte Person" not in erased


def test_at_gives_each_document_as_the_record_stood_then(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    measure = scenario.draft(api, conference.group_id, goal="Alter Zieltext vom Vormittag.")
    remembered = datetime.now(UTC).isoformat()
    time.sleep(0.01)
    api.patch(f"/measures/{measure}/proposal", {"fields": {"goal": "Neuer Zieltext vom Nachmittag."}})
    api.post(f"/measures/{measure}/agreement")
    api.post(f"/measures/{measure}/adoption")

    then = pdf_text(pdf(api, f"/measures/{measure}/beschlussvorlage.pdf", at=remembered))
    now = pdf_text(pdf(api, f"/measures/{measure}/beschlussvorlage.pdf"))
    dokumentation_then = pdf_text(pdf(api, f"/conferences/{conference.id}/dokumentation.pdf", at=remembered))
    catalogue_then = pdf_text(pdf(api, "/massnahmenkatalog.pdf", conference_id=conference.id, status="drafted",
                                  at=remembered))  # fmt: skip
    catalogue_now = pdf_text(pdf(api, "/massnahmenkatalog.pdf", conference_id=conference.id, status="drafted"))

    assert contains(then, "Alter Zieltext vom Vormittag.") and "Nachmittag" not in then
    assert "Stand:" in then and "im Entwurf" in then
    assert contains(now, "Neuer Zieltext vom Nachmittag.") and "Vormittag" not in now
    assert "Verabschiedet am" not in dokumentation_then
    assert PROPOSAL["title"] in catalogue_then and "1 Maßnahmen" in catalogue_then
    assert PROPOSAL["title"] not in catalogue_now and "0 Maßnahmen" in catalogue_now

    edges = {"0001-01-01T00:00:00+14:00": "0 Maßnahmen", "9999-12-31T23:59:59-14:00": "1 Maßnahmen"}
    for edge, expected in edges.items():  # beyond Python's range in UTC: the first or the last moment
        response = api.client.get(f"{DOCS}/massnahmenkatalog.pdf", params={"at": edge, "conference_id": conference.id})
        assert response.status_code == 200 and expected in pdf_text(response.content), edge
    before = "2000-01-01T00:00:00+00:00"
    missing = api.client.get(f"{DOCS}/conferences/{conference.id}/dokumentation.pdf", params={"at": before})
    assert scenario.problem(missing, 404, "not_found")["detail"]
    assert scenario.problem(api.client.get(f"{DOCS}/measures/{measure}/beschlussnachweis.pdf",
                                           params={"at": "2026-01-01T10:00:00"}), 400, "invalid_input")  # fmt: skip
    assert scenario.problem(api.client.get(f"{DOCS}/measures/{conference.id}/beschlussvorlage.pdf"), 404, "not_found")


HOSTILE = {
    "title": 'Titel #import "/etc/passwd": * ] [ $x^2$ \\ <script>alert(1)</script>',
    "description": '#panic("eingeschleust") ] #{ read("/etc/hostname") } \\ = Keine Überschrift'
    '\n\n*nicht fett* _nicht_',
    "goal": "$ sum_(i=1)^n i $ @label <label> // kein Kommentar /* auch nicht */",
    "lead": '#set text(size: 100pt) ]] \\\\ "Fachbereich" `raw`',
}


def test_hostile_text_is_printed_as_it_was_written_in_every_document(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    measure = scenario.adopted_measure(api, conference.group_id, **HOSTILE)
    api.post(f"/conferences/{conference.id}/session/close")
    api.post(f"/conferences/{conference.id}/minutes", {"minutes": HOSTILE["description"]})

    paths = (f"/measures/{measure}/beschlussnachweis.pdf", f"/measures/{measure}/beschlussvorlage.pdf",
             f"/conferences/{conference.id}/dokumentation.pdf", f"/massnahmenkatalog.pdf?q={measure[:0]}")  # fmt: skip
    for path in paths:
        text = pdf_text(pdf(api, path))
        assert contains(text, HOSTILE["title"]), path
        if "katalog" not in path:
            for name in ("description", "goal", "lead"):
                for line in HOSTILE[name].split("\n"):
                    assert contains(text, line), (path, name, line)
    assert metadata(pdf(api, paths[0]))[0].endswith(HOSTILE["title"])
    assert FIELD_LABELS["lead"] in pdf_text(pdf(api, paths[0]))


def test_catalogue_of_500_measures_is_printed_while_other_requests_are_answered(api: Api, client: TestClient) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    app = client.app_state["runtime"].application
    group = app.load(WorkingGroup, UUID(conference.group_id))
    drafts = []
    for i in range(500):  # as draft_measure does, saved in one transaction (500 commands take ~50 s here)
        fields = check_fields({**PROPOSAL, "title": f"Maßnahme Nummer {i}"}, partial=False)
        drafts.append(Measure(actor=UUID(api.actor), conference_id=UUID(conference.id), working_group_id=group.id,
                              lineage_id=group.lineage_id, cycle="2025", reference=f"M-2025-01.{i + 1}", fields=fields,
                              continues_measure_id=None))  # fmt: skip
        group.start_proposal(UUID(api.actor), drafts[-1].id)
    app.save(group, *drafts)
    position = str(app.position())
    result: dict[str, bytes] = {}

    def print_catalogue() -> None:
        result["pdf"] = pdf(api, "/massnahmenkatalog.pdf", conference_id=conference.id, min_position=position)

    printing = threading.Thread(target=print_catalogue)
    began = time.perf_counter()
    printing.start()
    waits = []
    while printing.is_alive():
        asked = time.perf_counter()
        assert client.get("/api/health").status_code == 200
        waits.append(time.perf_counter() - asked)
        time.sleep(0.05)
    printing.join()
    took = time.perf_counter() - began

    text = pdf_text(result["pdf"])
    assert all(f"Maßnahme Nummer {i}" in text for i in range(500))
    assert "500 Maßnahmen" in text and metadata(result["pdf"])[2] > 10
    assert len(waits) >= 3 and max(waits) < max(2.0, took / 3), (waits, took)  # answered throughout, not after
    filtered = {"conference_id": conference.id, "q": "Nummer 499"}  # the reference M-….499 matches too
    listed = [m["title"] for m in api.get("/measures", **filtered)]
    one = pdf_text(pdf(api, "/massnahmenkatalog.pdf", **filtered))
    assert sorted(listed) == ["Maßnahme Nummer 498", "Maßnahme Nummer 499"]
    assert all(title in one for title in listed) and "Nummer 497" not in one and "2 Maßnahmen" in one
