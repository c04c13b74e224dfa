"""The planner's comparison over three evaluated cycles, each figure with the catalogue behind it, and the
catalogue's changes between two conferences (``GET /api/catalogue-diff``); on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import uuid4

import pytest
from starlette.testclient import TestClient

from domain.measure import FACTOR_CATEGORIES
from projections.figures import STAGES
from server.app import create_app
from server.config import Settings
from tests.api import planning_cycles, scenario
from tests.api.conftest import register_planner
from tests.api.planning_cycles import Cycles
from tests.api.scenario import Api
from tests.auth import bearer
from tests.conftest import POSTGRES_URL, require_postgres, reset_postgres

ZERO = dict.fromkeys(STAGES, 0)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def cycles(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Api, Cycles]]:
    """One series with four conferences (2022–2028), built once per database kind for the whole module."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'events.db'}"
    else:
        require_postgres()
        reset_postgres()
        url = POSTGRES_URL
    with TestClient(create_app(Settings(database_url=url))) as client:
        planner = register_planner(client.app_state["runtime"])
        client.headers.update(bearer(planner))
        api = Api(client, planner)
        yield api, planning_cycles.build(api)


def row_of(rows: list[dict[str, Any]], key: str, cycle: str) -> dict[str, Any]:
    return next(r for r in rows if r["key"] == key and r["cycle"] == cycle)


def test_four_cycles_side_by_side_with_what_each_figure_counts(cycles: tuple[Api, Cycles]) -> None:
    api, world = cycles
    comparison = api.get("/cycle-comparison", series=scenario.SERIES)
    assert comparison["cycles"] == ["2022", "2024", "2026", "2028"]
    assert [c["id"] for c in comparison["conferences"]] == [world.conferences[c] for c in comparison["cycles"]]
    housing = world.lineages["Wohnen"]
    figures = {
        cycle: {k: v for k, v in row_of(comparison["working_groups"], housing, cycle).items() if k in STAGES}
        for cycle in comparison["cycles"]
    }
    # 2022: three proposals, of which the group agreed on two (the third lapsed as a draft).
    assert figures["2022"] == {
        **ZERO,
        "proposed": 3,
        "agreed": 2,
        "adopted": 2,
        "approved": 2,
        "mandated": 2,
        "implemented": 1,
        "abandoned": 1,
        "evaluated": 2,
        "carried_over": 1,
    }
    # 2024: the continuation of 2022's measure is a fourth proposal, approved, evaluated and continued again.
    assert figures["2024"] == {
        **ZERO,
        "proposed": 4,
        "agreed": 3,
        "adopted": 3,
        "approved": 3,
        "mandated": 3,
        "implemented": 1,
        "partly_implemented": 1,
        "evaluated": 3,
        "carried_over": 2,
    }
    assert figures["2028"] == {**ZERO, "proposed": 1}  # only the continuation, still a draft
    rates = [row_of(comparison["working_groups"], housing, c)["implementation_rate"] for c in comparison["cycles"]]
    assert rates == [0.5, 0.5, 0.5, None]  # a trend over three evaluated cycles
    first = row_of(comparison["working_groups"], housing, "2022")
    # Measures (not mentions) per category: one measure names "staff" twice, it counts once.
    assert (first["obstacles"], first["enablers"]) == ({"staff": 1, "funding": 2}, {"cooperation": 1})
    health = row_of(comparison["working_groups"], world.lineages["Gesundheit"], "2024")
    assert (health["agreed"], health["adopted"], health["rejected"], health["mandated"]) == (4, 3, 1, 1)
    assert health["label"] == "Gesundheit"
    # Indicator attainment: the mean over the measures whose indicators have an actual value.
    attainment = [
        (
            row_of(comparison["working_groups"], housing, c)["attainment"],
            row_of(comparison["working_groups"], housing, c)["measured"],
        )
        for c in comparison["cycles"][:3]
    ]
    assert attainment == [(0.5, 1), (1.0, 1), (1.0, 1)]
    health_2022 = row_of(comparison["working_groups"], world.lineages["Gesundheit"], "2022")
    assert (health_2022["attainment"], health_2022["measured"]) == (0.5, 1)  # a falling target, half way
    # Districts of the city's list: a measure naming two counts in both; the others by their free text.
    districts = {(r["label"], r["cycle"]): (r["proposed"], r["unlisted"]) for r in comparison["districts"]}
    assert districts[("Südstadt", "2022")] == (2, False)
    assert districts[("gesamtstädtisch", "2022")] == (1, False)  # the health measure naming both
    assert districts[("gesamtstädtisch (Freitext)", "2022")] == (1, True)  # the measure without a district
    assert districts[("Nordviertel", "2022")] == (2, True)
    assert districts[("Weststadt", "2024")] == (1, True)  # the continuation moved there
    south = next(r for r in comparison["districts"] if r["label"] == "Südstadt" and r["cycle"] == "2022")
    assert (south["key"], south["attainment"], south["measured"]) == (world.districts["Südstadt"], 0.5, 1)


def catalogue(api: Api, **params: str) -> list[dict[str, Any]]:
    return api.get("/measures", series=scenario.SERIES, limit=1000, **params)  # type: ignore[no-any-return]


def test_every_figure_links_to_exactly_the_measures_it_counts(cycles: tuple[Api, Cycles]) -> None:
    api, _world = cycles
    comparison = api.get("/cycle-comparison", series=scenario.SERIES)
    checked = 0
    for rows, dimension in ((comparison["working_groups"], "lineage_id"), (comparison["districts"], "district")):
        for row in rows:
            where = {"cycle": row["cycle"], dimension: row["key"]}
            if row.get("unlisted"):
                where["unlisted"] = "1"
            assert len(catalogue(api, figure="measured", **where)) == row["measured"]
            for figure in STAGES:
                listed = catalogue(api, figure=figure, **where)
                assert len(listed) == row[figure], (figure, where)
                assert all(m["cycle"] == row["cycle"] for m in listed)
                checked += row[figure]
            for factor, counted in (("obstacle", row["obstacles"]), ("enabler", row["enablers"])):
                assert set(counted) <= set(FACTOR_CATEGORIES) and "legal" not in counted
                for category in [*counted, "legal"]:  # the categories named, and one never named
                    listed = catalogue(api, **{factor: category}, **where)
                    assert len(listed) == counted.get(category, 0), (factor, category, where)
    assert checked > 60
    # The same filters narrow each other: agreed but never adopted (the health group's plan of 2024).
    agreed = {m["id"] for m in catalogue(api, figure="agreed", cycle="2024")}
    adopted = {m["id"] for m in catalogue(api, figure="adopted", cycle="2024")}
    assert [m["title"] for m in catalogue(api, cycle="2024") if m["id"] in agreed - adopted] == ["Hitzeschutzplan 2024"]


def test_catalogue_filters_refuse_unknown_figures_and_categories(cycles: tuple[Api, Cycles]) -> None:
    api, _world = cycles
    for params in ({"figure": "beschlossen"}, {"obstacle": "wetter"}, {"enabler": "Personal"}):
        response = api.client.get("/api/measures", params=params)
        assert scenario.problem(response, 400, "invalid_input")["field"] == next(iter(params))


def test_catalogue_diff_lists_new_continued_and_dropped_measures_per_group(cycles: tuple[Api, Cycles]) -> None:
    api, world = cycles
    m = world.measures
    diff = api.get("/catalogue-diff", **{"from": world.conferences["2022"], "to": world.conferences["2024"]})
    assert (diff["from"]["cycle"], diff["to"]["cycle"]) == ("2022", "2024")
    assert diff["counts"] == {
        "new": 6,
        "continued": 2,
        "dropped": 3,
        "changed_text": 2,
        "changed_district": 2,
        "changed_lead": 2,
    }
    groups = {g["name"]: g for g in diff["working_groups"]}
    assert list(groups) == ["Gesundheit", "Wohnen"]
    housing = groups["Wohnen"]
    assert housing["counts"] == {
        "new": 3,
        "continued": 1,
        "dropped": 2,
        "changed_text": 1,
        "changed_district": 1,
        "changed_lead": 1,
    }
    assert {n["id"] for n in housing["new"]} == {m[("2024", k)] for k in ("W1", "W2", "W3")}
    assert {d["id"]: (d["status"], d["verdict"]) for d in housing["dropped"]} == {
        m[("2022", "W2")]: ("evaluated", "end"),
        m[("2022", "W3")]: ("lapsed", ""),
    }
    (continued,) = housing["continued"]
    assert (continued["id"], continued["predecessor"]["id"]) == (world.carried[("2022", "W1")], m[("2022", "W1")])
    changes = {c["field"]: c["words"] for c in continued["changes"]}
    assert set(changes) == {"description", "district"}
    assert changes["district"] == [{"op": "delete", "text": "Nordviertel"}, {"op": "insert", "text": "Weststadt"}]
    inserted = " ".join(w["text"] for w in changes["description"] if w["op"] == "insert")
    assert "Räumungsklage" in inserted
    assert all(w["op"] in ("equal", "insert", "delete") for w in changes["description"])
    assert (continued["predecessor"]["district"], continued["district"]) == ("Nordviertel", "Weststadt")
    assert (continued["predecessor"]["lead_organisation"], continued["lead_organisation"]) == (
        "AWO Kreisverband",
        "Caritasverband",
    )
    assert (continued["district_changed"], continued["lead_changed"]) == (True, True)
    (health,) = groups["Gesundheit"]["continued"]
    assert {c["field"] for c in health["changes"]} == {"title", "lead"}
    # The continuation names none of its predecessor's districts of the list (a carry-over copies the text only).
    assert (health["predecessor"]["districts"], health["districts"]) == (["Südstadt", "gesamtstädtisch"], [])
    assert (health["district_changed"], health["lead_changed"]) == (True, True)
    assert {d["id"] for d in groups["Gesundheit"]["dropped"]} == {m[("2022", "G1")]}


def test_catalogue_diff_follows_carry_overs_through_cycles_in_between(cycles: tuple[Api, Cycles]) -> None:
    api, world = cycles
    diff = api.get("/catalogue-diff", **{"from": world.conferences["2022"], "to": world.conferences["2026"]})
    pairs = {(c["predecessor"]["id"], c["id"]) for g in diff["working_groups"] for c in g["continued"]}
    # 2022 -> 2024 -> 2026: the measure continued twice; 2026's other continuations go back to 2024 only.
    assert pairs == {(world.measures[("2022", "W1")], world.carried[("2024", "W1c")])}
    assert diff["counts"]["continued"] == 1
    later = api.get("/catalogue-diff", **{"from": world.conferences["2024"], "to": world.conferences["2028"]})
    assert later["counts"]["continued"] == 0 and later["counts"]["new"] == 2
    assert later["counts"]["dropped"] == len([k for k in world.measures if k[0] == "2024"]) + 2


def test_catalogue_diff_refuses_bad_and_unknown_conferences(cycles: tuple[Api, Cycles]) -> None:
    api, world = cycles
    known = world.conferences["2022"]
    unknown = str(uuid4())
    cases = [
        ({"from": "nicht-uuid", "to": known}, 400, "invalid_input", "from"),
        ({"from": known}, 400, "invalid_input", "to"),
        ({"from": known, "to": known}, 422, "same_conference", "to"),  # well-formed, but nothing to compare
    ]
    for params, status, code, field in cases:
        response = api.client.get("/api/catalogue-diff", params=params)
        document = scenario.problem(response, status, code)
        assert document["field"] == field, document
    for params in ({"from": unknown, "to": known}, {"from": known, "to": unknown}):
        document = scenario.problem(api.client.get("/api/catalogue-diff", params=params), 404, "not_found")
        assert unknown in document["detail"] and "Konferenz" in document["detail"]
