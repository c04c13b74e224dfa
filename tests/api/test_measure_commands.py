"""Measures over HTTP, from the first draft to the next cycle: each command's answer and its effect on the views."""

from __future__ import annotations

from tests.api import scenario
from tests.api.scenario import PROPOSAL, Api, sha256_of


def test_drafted_measure_is_on_the_board_and_in_the_catalogue(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.prepared_conference(api, reference)

    measure = api.create(f"/working-groups/{conference.group_id}/measures", {"fields": {"title": "Familienlotsin"}})
    api.patch(f"/measures/{measure}/proposal", {"fields": {"goal": "Jede Familie kennt die Angebote."}})
    api.put(
        f"/measures/{measure}/details",
        {
            "lead_organisation_id": reference.organisation_id,
            "partner_organisation_ids": [reference.organisation_id],
            "cost_estimate_eur": 45000,
            "funding_secured": True,
            "indicators": [{"name": "Besuchte Familien", "unit": "%", "baseline": "20", "target": "80"}],
        },
    )

    [proposal] = api.get(f"/working-groups/{conference.group_id}")["proposals"]
    assert (proposal["id"], proposal["reference"], proposal["status"]) == (measure, "M-2025-01.1", "drafted")
    view = api.get(f"/measures/{measure}")
    assert (view["title"], view["goal"]) == ("Familienlotsin", "Jede Familie kennt die Angebote.")
    assert view["description"] == ""
    assert view["lead_organisation_id"] == reference.organisation_id
    assert view["partner_organisation_ids"] == [reference.organisation_id]
    assert (view["cost_estimate_eur"], view["funding_secured"]) == (45000, True)
    assert view["indicator_list"] == [
        {
            "name": "Besuchte Familien",
            "unit": "%",
            "baseline": {"value": "20", "year": None},
            "target": {"value": "80", "year": None},
            "remark": "",
        }
    ]
    assert [m["id"] for m in api.get("/measures", conference_id=conference.id)] == [measure]


def test_agreement_and_adoption_answer_with_the_hash_of_the_decided_text(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    measure = scenario.draft(api, conference.group_id)

    agreed = api.post(f"/measures/{measure}/agreement", {"fields": {"timeframe": "2026"}})
    assert set(agreed) == {"position", "sha256"}
    assert agreed["sha256"] == sha256_of({**PROPOSAL, "timeframe": "2026"})
    view = api.get(f"/measures/{measure}")
    assert (view["status"], view["timeframe"], view["proposal_version"]) == ("proposed", "2026", 1)

    adopted = api.post(f"/measures/{measure}/adoption")
    assert adopted["sha256"] == agreed["sha256"]
    assert api.get(f"/measures/{measure}")["status"] == "adopted"
    log = api.get("/decisions", aggregate_id=measure)
    assert [(d["kind"], d["content_hash"], d["actor_name"]) for d in log] == [
        ("agreed_in_group", agreed["sha256"], "Sozialplanung Musterstadt"),
        ("adopted", agreed["sha256"], "Sozialplanung Musterstadt"),
    ]


def test_returned_measure_can_be_edited_again_and_withdrawn(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    measure = scenario.draft(api, conference.group_id)
    api.post(f"/measures/{measure}/agreement")

    api.post(f"/measures/{measure}/return", {"reason": "Finanzierung ungeklärt"})
    assert api.get(f"/measures/{measure}")["status"] == "returned"
    api.patch(f"/measures/{measure}/proposal", {"fields": {"funding": "Landesprogramm"}})
    assert api.get(f"/measures/{measure}")["funding"] == "Landesprogramm"

    api.post(f"/measures/{measure}/withdrawal", {"reason": "Doppelt zu Maßnahme M-2025-02.1"})

    assert api.get(f"/measures/{measure}")["status"] == "withdrawn"
    [returned, withdrawn] = api.get("/decisions", aggregate_id=measure, kind="returned") + api.get(
        "/decisions", aggregate_id=measure, kind="withdrawn"
    )
    assert returned["reason"] == "Finanzierung ungeklärt"
    assert withdrawn["reason"] == "Doppelt zu Maßnahme M-2025-02.1"


def test_committee_decision_and_implementation_are_recorded(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    measure = scenario.adopted_measure(api, conference.group_id)
    scenario.close_session(api, conference)

    scenario.submit(api, measure, reference.committee_id, "V/2025/017")
    view = api.get(f"/measures/{measure}")
    assert (view["status"], view["committee_id"], view["paper_number"]) == (
        "submitted",
        reference.committee_id,
        "V/2025/017",
    )
    sha256 = scenario.decide(api, measure, reference.committee_id, "approved")
    assert sha256 == sha256_of(PROPOSAL)
    assert (api.get(f"/measures/{measure}")["status"], api.get(f"/measures/{measure}")["committee_decision"]) == (
        "approved",
        "approved",
    )
    api.post(f"/measures/{measure}/implementation/start", {"note": "Stelle besetzt"})
    assert api.get(f"/measures/{measure}")["status"] == "in_implementation"
    api.post(f"/measures/{measure}/progress", {"progress": 40, "note": "Erste Besuche", "indicator_actuals": {}})
    assert api.get(f"/measures/{measure}")["progress"] == 40
    api.post(f"/measures/{measure}/implementation/completion", {"outcome": "implemented"})

    view = api.get(f"/measures/{measure}")
    assert (view["status"], view["outcome"], view["progress"]) == ("implemented", "implemented", 100)


def test_next_cycle_evaluates_the_measure_and_carries_it_over(api: Api) -> None:
    reference = scenario.reference_data(api)
    first = scenario.conference_in_session(api, reference, "2025")
    measure = scenario.adopted_measure(api, first.group_id)
    scenario.close_session(api, first)
    scenario.submit(api, measure, reference.committee_id)
    scenario.decide(api, measure, reference.committee_id)
    scenario.implement(api, measure)
    second = scenario.prepared_conference(api, reference, "2026", previous=first)
    assert [m["id"] for m in api.get(f"/working-groups/{second.group_id}")["to_evaluate"]] == [measure]

    api.post(
        f"/measures/{measure}/evaluation",
        {
            "working_group_id": second.group_id,
            "progress": 100,
            "verdict": "continue",
            "rating": 4,
            "summary": "Gut angenommen",
            "obstacles": [{"category": "staff", "text": "Stelle lange unbesetzt"}],
            "enablers": [{"category": "cooperation", "text": "Kinderärzte verweisen"}],
        },
    )
    view = api.get(f"/measures/{measure}")
    assert (view["status"], view["verdict"], view["rating"]) == ("evaluated", "continue", 4)
    assert view["evaluated_by_conference_id"] == second.id
    assert view["factors"] == [
        {"factor": "obstacle", "category": "staff", "text": "Stelle lange unbesetzt"},
        {"factor": "enabler", "category": "cooperation", "text": "Kinderärzte verweisen"},
    ]
    assert api.get(f"/working-groups/{second.group_id}")["to_evaluate"][0]["evaluated"] is True

    follow_up = api.create(
        f"/measures/{measure}/carry-over", {"working_group_id": second.group_id, "fields": {"timeframe": "2026–2027"}}
    )

    assert api.get(f"/measures/{measure}")["carried_over_to"] == follow_up
    continued = api.get(f"/measures/{follow_up}")
    assert (continued["status"], continued["cycle"], continued["reference"]) == ("drafted", "2026", "M-2026-01.1")
    assert (continued["continues_measure_id"], continued["timeframe"]) == (measure, "2026–2027")
    assert continued["lineage_id"] == view["lineage_id"] == first.group_id


def test_agreement_of_an_incomplete_proposal_is_refused_naming_the_missing_fields(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    measure = api.create(f"/working-groups/{conference.group_id}/measures", {"fields": {"title": "Nur ein Titel"}})
    api.patch(f"/measures/{measure}/proposal", {"fields": {"goal": "Ein Ziel"}})
    before = api.position()
    document = api.refused("POST", f"/measures/{measure}/agreement", {}, status=422, code="required_fields_missing")
    assert document["missing"] == ["description", "target_group", "lead"]
    assert document["missing_labels"] == ["Beschreibung (Ausgangslage und Vorhaben)", "Zielgruppe", "Federführung"]
    assert "Federführung" in document["detail"]
    assert api.position() == before
    assert api.get(f"/measures/{measure}")["status"] == "drafted"
    agreed = api.post(
        f"/measures/{measure}/agreement",
        {"fields": {"description": "Lage", "target_group": "Familien", "lead": "Jugendamt"}},
    )
    assert agreed["sha256"]


def test_close_preview_lists_the_groups_and_the_drafts_that_would_lapse(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    lapsing = api.create(f"/working-groups/{conference.group_id}/measures", {"fields": {"title": "Entwurf"}})
    adopted = scenario.adopted_measure(api, conference.group_id)
    before = api.position()
    preview = api.get(f"/conferences/{conference.id}/session/close-preview")
    assert api.position() == before
    assert (preview["working_group_count"], preview["lapsing_count"], preview["can_close"]) == (1, 1, True)
    [group] = preview["working_groups"]
    assert group["working_group_id"] == conference.group_id
    assert [(m["measure_id"], m["title"], m["status"]) for m in group["lapsing"]] == [(lapsing, "Entwurf", "drafted")]
    scenario.close_session(api, conference)
    assert api.get(f"/measures/{lapsing}")["status"] == "lapsed"
    assert api.get(f"/measures/{adopted}")["status"] == "adopted"
