"""Planners' views over HTTP: the cycle comparison of a conference series and a committee's docket."""

from __future__ import annotations

from tests.api import scenario
from tests.api.scenario import PROPOSAL, Api, sha256_of

ZERO = {
    "proposed": 0,
    "agreed": 0,
    "adopted": 0,
    "approved": 0,
    "mandated": 0,
    "rejected": 0,
    "implemented": 0,
    "partly_implemented": 0,
    "abandoned": 0,
    "evaluated": 0,
    "carried_over": 0,
}


def test_cycle_comparison_counts_each_standing_group_cycle_by_cycle(api: Api) -> None:
    reference = scenario.reference_data(api)
    first = scenario.schedule(api, "2025")
    housing = api.create(f"/conferences/{first}/working-groups", {"name": "Wohnen"})
    health = api.create(f"/conferences/{first}/working-groups", {"name": "Gesundheit"})
    scenario.prepare(api, first, reference)
    api.post(f"/conferences/{first}/session/open")
    implemented = scenario.adopted_measure(api, housing)
    lapsed_proposal = scenario.draft(api, housing, title="Mietschuldenberatung")
    api.post(f"/measures/{lapsed_proposal}/agreement")
    scenario.draft(api, health, title="Gesundheitslotsen", district="")
    scenario.close_session(api, scenario.Conference(first, housing))
    scenario.submit(api, implemented, reference.committee_id)
    scenario.decide(api, implemented, reference.committee_id, "approved")
    scenario.implement(api, implemented)
    second = scenario.prepared_conference(api, reference, "2026", previous=scenario.Conference(first, housing))
    api.post(
        f"/measures/{implemented}/evaluation",
        {
            "working_group_id": second.group_id,
            "progress": 100,
            "verdict": "continue",
            "rating": 4,
            "obstacles": [
                {"category": "staff", "text": "Stelle lange unbesetzt"},
                {"category": "funding", "text": "x"},
            ],
            "enablers": [{"category": "cooperation", "text": "Kinderärzte verweisen"}],
        },
    )
    api.create(f"/measures/{implemented}/carry-over", {"working_group_id": second.group_id})

    comparison = api.get("/cycle-comparison", series=scenario.SERIES)

    assert (comparison["series"], comparison["cycles"]) == (scenario.SERIES, ["2025", "2026"])
    rows = [{k: v for k, v in row.items() if k != "key"} for row in comparison["working_groups"]]
    assert rows == [
        {**ZERO, "label": "Gesundheit", "cycle": "2025", "proposed": 1, "implementation_rate": None}
        | {"measured": 0, "attainment": None}
        | {"obstacles": {}, "enablers": {}},
        {
            "label": "Wohnen",
            "cycle": "2025",
            "proposed": 2,  # both drafts; the group agreed on both
            "agreed": 2,
            "adopted": 1,
            "approved": 1,
            "mandated": 1,
            "rejected": 0,
            "implemented": 1,
            "partly_implemented": 0,
            "abandoned": 0,
            "evaluated": 1,
            "carried_over": 1,
            "implementation_rate": 1.0,
            "measured": 0,
            "attainment": None,
            # The evaluation in 2026 judged the 2025 measure: its factors count for 2025.
            "obstacles": {"staff": 1, "funding": 1},
            "enablers": {"cooperation": 1},
        },
        {**ZERO, "label": "Wohnen", "cycle": "2026", "proposed": 1, "implementation_rate": None}
        | {"measured": 0, "attainment": None}
        | {"obstacles": {}, "enablers": {}},
    ]
    assert [row["key"] for row in comparison["working_groups"]] == [health, housing, housing]
    assert [(r["label"], r["cycle"], r["proposed"]) for r in comparison["districts"]] == [
        ("Nordviertel", "2025", 2),
        ("Nordviertel", "2026", 1),
        ("gesamtstädtisch", "2025", 1),
    ]


def test_other_series_and_unknown_series_are_not_counted(api: Api) -> None:
    scenario.schedule(api, "2025", series="Bezirkskonferenz Nord")

    assert api.get("/cycle-comparison", series="Gibt es nicht") == {
        "series": "Gibt es nicht",
        "cycles": [],
        "conferences": [],
        "working_groups": [],
        "districts": [],
    }
    assert api.get("/cycle-comparison", series="Bezirkskonferenz Nord")["cycles"] == ["2025"]
    missing = api.client.get("/api/cycle-comparison")
    assert scenario.problem(missing, 400, "invalid_input")["field"] == "series"


def test_docket_lists_each_submission_with_recommendation_and_decision(api: Api, planner: str) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    measure = scenario.adopted_measure(api, conference.group_id)
    scenario.close_session(api, conference)
    scenario.submit(api, measure, reference.committee_id, "V/2025/017")
    scenario.decide(api, measure, reference.committee_id, "deferred", reason="Beratungsbedarf in den Fraktionen")
    scenario.submit(api, measure, reference.committee_id, "V/2025/017-1")
    scenario.decide(api, measure, reference.committee_id, "approved")

    docket = api.get(f"/committees/{reference.committee_id}/docket")

    assert [(e["id"], e["paper_number"], e["decision"], e["reason"]) for e in docket] == [
        (f"{measure}:1", "V/2025/017", "deferred", "Beratungsbedarf in den Fraktionen"),
        (f"{measure}:2", "V/2025/017-1", "approved", ""),
    ]
    entry = docket[1]
    assert (entry["measure_id"], entry["committee_id"], entry["decided_on"]) == (
        measure,
        reference.committee_id,
        "2025-05-20",
    )
    assert (entry["reference"], entry["title"], entry["cost"], entry["status"]) == (
        "M-2025-01.1",
        PROPOSAL["title"],
        PROPOSAL["cost"],
        "approved",
    )
    recommendation = entry["recommendation"]
    assert (recommendation["fields"], recommendation["sha256"]) == (PROPOSAL, sha256_of(PROPOSAL))
    assert recommendation["actor_id"] == planner
    assert entry["decided_text"]["sha256"] == sha256_of(PROPOSAL)
    assert api.get(f"/committees/{reference.other_committee_id}/docket") == []


def test_measures_without_district_and_city_wide_ones_share_one_district_row(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.schedule(api, "2025")
    group = api.create(f"/conferences/{conference}/working-groups", {"name": "Armut"})
    scenario.prepare(api, conference, reference)
    api.post(f"/conferences/{conference}/session/open")
    scenario.draft(api, group, title="Ohne Bezirk", district="")
    scenario.draft(api, group, title="Für alle", district="gesamtstädtisch")

    districts = api.get("/cycle-comparison", series=scenario.SERIES)["districts"]

    assert [(r["key"], r["label"], r["cycle"], r["proposed"]) for r in districts] == [
        ("gesamtstädtisch", "gesamtstädtisch", "2025", 2)
    ]
