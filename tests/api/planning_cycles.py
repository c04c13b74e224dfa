"""Four conferences of one series, built through the HTTP API: the measures of 2022, 2024 and 2026 are
decided, implemented (or not), evaluated at the next conference and partly carried over into it.

Per cycle and working group the measures take different paths, so that every figure of the comparison
counts something different: see ``Cycles`` for what was built.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.api import scenario
from tests.api.scenario import Api

CYCLES = ("2022", "2024", "2026", "2028")
HOUSEHOLDS = {
    "name": "Beratene Haushalte",
    "unit": "Haushalte",
    "baseline": {"value": 0, "year": 2021},
    "target": {"value": 100, "year": 2027},
}
WAITING = {"name": "Wartezeit", "unit": "Tage", "baseline": {"value": 30}, "target": {"value": 10}}
ACTUALS = ("50", "100", "120")  # attainment 0.5, 1.0 and 1.2 (counted as 1.0 in the mean)


@dataclass
class Cycles:
    conferences: dict[str, str] = field(default_factory=dict)  # cycle -> conference id
    lineages: dict[str, str] = field(default_factory=dict)  # "Wohnen" / "Gesundheit" -> lineage id
    groups: dict[tuple[str, str], str] = field(default_factory=dict)  # (cycle, name) -> working group id
    measures: dict[tuple[str, str], str] = field(default_factory=dict)  # (cycle, label) -> measure id
    carried: dict[tuple[str, str], str] = field(default_factory=dict)  # (cycle, label) -> its continuation
    organisations: dict[str, str] = field(default_factory=dict)
    districts: dict[str, str] = field(default_factory=dict)  # name -> id of the city's list
    reference: scenario.Reference | None = None


def _decided(api: Api, measure: str, committee: str, decision: str) -> None:
    scenario.submit(api, measure, committee)
    reason = {"reason": "Keine Mittel im Haushalt"} if decision == "rejected" else {}
    scenario.decide(api, measure, committee, decision, **reason)


def build(api: Api) -> Cycles:
    world = Cycles()
    reference = scenario.reference_data(api)
    world.reference = reference
    world.organisations["AWO"] = reference.organisation_id
    world.organisations["Caritas"] = api.create(
        "/organisations", {"name": "Caritasverband", "kind": "welfare", "district": "Süd"}
    )
    committee = reference.committee_id
    api.create("/districts", {"name": "Südstadt"})
    world.districts = {d["name"]: d["id"] for d in api.get("/districts")}  # with "gesamtstädtisch"
    previous: scenario.Conference | None = None
    for index, cycle in enumerate(CYCLES):
        conference = scenario.prepared_conference(api, reference, cycle, previous)
        world.conferences[cycle] = conference.id
        if previous is None:
            api.create(f"/conferences/{conference.id}/working-groups", {"name": "Gesundheit"})
        for group in api.get(f"/conferences/{conference.id}")["working_groups"]:
            world.lineages.setdefault(group["name"], group["lineage_id"])
            world.groups[(cycle, group["name"])] = group["id"]
        housing, health = world.groups[(cycle, "Wohnen")], world.groups[(cycle, "Gesundheit")]
        if previous is not None:
            _evaluate(api, world, CYCLES[index - 1], housing, health)
        api.post(f"/conferences/{conference.id}/session/open")
        if cycle == CYCLES[-1]:
            break
        _cycle(api, world, cycle, housing, health, committee, conference)
        previous = conference
    return world


def _cycle(
    api: Api, world: Cycles, cycle: str, housing: str, health: str, committee: str, conference: scenario.Conference
) -> None:
    n = CYCLES.index(cycle)
    m = world.measures
    # the continuations of the last cycle go through the plenary again
    for (from_cycle, label), new in world.carried.items():
        if CYCLES.index(from_cycle) == n - 1:
            if label == "W1":  # the continued measure gets another lead organisation
                api.put(f"/measures/{new}/details", {"lead_organisation_id": world.organisations["Caritas"]})
            api.post(f"/measures/{new}/agreement")
            api.post(f"/measures/{new}/adoption")
    m[(cycle, "W1")] = scenario.draft(api, housing, title=f"Wohnungsnotfallhilfe {cycle}")
    details = {"lead_organisation_id": world.organisations["AWO"], "indicators": [HOUSEHOLDS]}
    api.put(f"/measures/{m[(cycle, 'W1')]}/details", details)
    api.post(f"/measures/{m[(cycle, 'W1')]}/agreement")
    api.post(f"/measures/{m[(cycle, 'W1')]}/adoption")
    m[(cycle, "W2")] = scenario.adopted_measure(
        api, housing, title=f"Mieterberatung {cycle}", district="Südstadt", lead="Caritasverband"
    )
    m[(cycle, "W3")] = scenario.draft(api, housing, title=f"Nur ein Entwurf {cycle}")
    m[(cycle, "G1")] = scenario.adopted_measure(api, health, title=f"Gesundheitskiosk {cycle}", district="")
    m[(cycle, "G2")] = scenario.draft(api, health, title=f"Schulgesundheitsfachkraft {cycle}", district="Südstadt")
    if n == 0:
        api.put(f"/measures/{m[(cycle, 'G2')]}/details", {"indicators": [WAITING]})
    api.post(f"/measures/{m[(cycle, 'G2')]}/agreement")
    api.post(f"/measures/{m[(cycle, 'G2')]}/adoption")
    # Measures that name districts of the city's list; the others count under their free-text district.
    api.put(f"/measures/{m[(cycle, 'W2')]}/districts", {"district_ids": [world.districts["Südstadt"]]})
    both = [world.districts["Südstadt"], world.districts["gesamtstädtisch"]]
    api.put(f"/measures/{m[(cycle, 'G2')]}/districts", {"district_ids": both})
    if n >= 1:  # from 2024 on the health group agrees on one more that the plenary never adopts
        m[(cycle, "G3")] = scenario.draft(api, health, title=f"Hitzeschutzplan {cycle}")
        api.post(f"/measures/{m[(cycle, 'G3')]}/agreement")
    scenario.close_session(api, conference)
    if n == 1:  # 2022's continued measure is decided again, to be continued once more in 2026
        _decided(api, world.carried[("2022", "W1")], committee, "approved")
    _decided(api, m[(cycle, "W1")], committee, "approved")
    actual = {"indicator": HOUSEHOLDS["name"], "value": ACTUALS[n], "measured_on": f"{cycle}-06-30"}
    api.post(f"/measures/{m[(cycle, 'W1')]}/indicators/actuals", actual)
    scenario.implement(api, m[(cycle, "W1")])
    _decided(api, m[(cycle, "W2")], committee, "approved")
    outcome = "abandoned" if n % 2 == 0 else "partly_implemented"
    api.post(f"/measures/{m[(cycle, 'W2')]}/implementation/start", {"note": "Beratung begonnen"})
    api.post(f"/measures/{m[(cycle, 'W2')]}/implementation/completion", {"outcome": outcome, "reason": "Kein Personal"})
    _decided(api, m[(cycle, "G1")], committee, "rejected")
    _decided(api, m[(cycle, "G2")], committee, "approved" if n != 1 else "noted")
    if n == 0:  # a falling target: half the way from 30 to 10 days
        actual = {"indicator": WAITING["name"], "value": "20", "measured_on": f"{cycle}-06-30"}
        api.post(f"/measures/{m[(cycle, 'G2')]}/indicators/actuals", actual)
    if n != 2:
        scenario.implement(api, m[(cycle, "G2")])


def evaluate_measure(
    api: Api, measure: str, group: str, verdict: str, obstacles: list[str], enablers: list[str]
) -> None:
    api.post(
        f"/measures/{measure}/evaluation",
        {
            "working_group_id": group,
            "progress": 80,
            "verdict": verdict,
            "rating": 3,
            "obstacles": [{"category": c, "text": f"{c} {i}"} for i, c in enumerate(obstacles)],
            "enablers": [{"category": c, "text": f"{c} {i}"} for i, c in enumerate(enablers)],
        },
    )


def _evaluate(api: Api, world: Cycles, cycle: str, housing: str, health: str) -> None:
    """The next conference's groups evaluate last cycle's measures and carry some of them over."""
    m = world.measures
    n = CYCLES.index(cycle)

    def evaluate(label: str, group: str, verdict: str, obstacles: list[str], enablers: list[str]) -> None:
        evaluate_measure(api, m[(cycle, label)], group, verdict, obstacles, enablers)

    evaluate("W1", housing, "continue", ["staff", "staff", "funding"], ["cooperation"])
    evaluate("W2", housing, "end", ["funding"] if n != 1 else [], [])
    evaluate("G2", health, "adapt", ["premises"], ["demand", "cooperation"] if n >= 1 else ["demand"])
    world.carried[(cycle, "W1")] = api.create(
        f"/measures/{m[(cycle, 'W1')]}/carry-over",
        {
            "working_group_id": housing,
            "fields": {
                "description": "Eine Fachkraft berät Haushalte mit Räumungsklage im Nordviertel und in der Weststadt.",
                "district": "Weststadt" if n == 0 else "Nordviertel",
            },
        },
    )
    if n == 1:
        again = world.carried[("2022", "W1")]
        evaluate_measure(api, again, housing, "continue", [], ["cooperation"])
        world.carried[(cycle, "W1c")] = api.create(f"/measures/{again}/carry-over", {"working_group_id": housing})
    world.carried[(cycle, "G2")] = api.create(
        f"/measures/{m[(cycle, 'G2')]}/carry-over",
        {
            "working_group_id": health,
            "fields": {"lead": "Gesundheitsamt", "title": f"Schulgesundheit, angepasst {cycle}"},
        },
    )
