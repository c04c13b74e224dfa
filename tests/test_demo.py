"""The demo data: what it contains, that it loads once, and that its history reads in time order.

Loading takes a few seconds, so one test per database loads the demo and checks
everything; the expected counts come from the data files in ``server/demo/``.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from eventsourcing.utils import get_topic

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.conference import Conference
from domain.measure import Measure
from domain.working_group import WorkingGroup
from server.demo import DEMO_SERIES, load_demo, local_time

CITY_GROUP_NAMES = [
    "Kinderarmut",
    "Wohnen",
    "Gesundheit",
    "Bildung",
    "Jugend",
    "Senior*innen",
    "Integration",
    "Arbeit und Beschäftigung",
    "Inklusion",
    "Familie",
    "Sucht und Prävention",
    "Quartiersentwicklung",
]
STATUS_2024 = {
    "evaluated": 18,
    "carried_over": 7,
    "implemented": 1,  # not evaluated yet (AG Inklusion)
    "in_implementation": 1,  # not evaluated yet (AG Quartiersentwicklung)
    "rejected": 1,
    "withdrawn": 1,
    "lapsed": 1,
}
STATUS_2026 = {"drafted": 12, "proposed": 3, "adopted": 3, "returned": 1}
COMMITTEE_DECISIONS_2024 = {"approved": 23, "amended": 3, "deferred": 1, "rejected": 1, "noted": 1}
NOW = datetime(2026, 11, 21, tzinfo=UTC)


def conferences_by_series(app: Sozialkonferenz) -> dict[str, list[Conference]]:
    topic = get_topic(Conference.Scheduled)  # type: ignore[attr-defined]
    result: dict[str, list[Conference]] = {}
    for notification in app.recorder.select_notifications(start=1, limit=1000, topics=[topic]):
        conference = app.load(Conference, notification.originator_id)
        result.setdefault(conference.series, []).append(conference)
    for conferences in result.values():
        conferences.sort(key=lambda c: c.starts_on)
    return result


def groups_of(app: Sozialkonferenz, conference: Conference) -> list[WorkingGroup]:
    return [app.load(WorkingGroup, g) for g in conference.working_group_ids]


def measures_of(app: Sozialkonferenz, conference: Conference) -> list[Measure]:
    return [app.load(Measure, m) for g in groups_of(app, conference) for m in g.proposal_ids]


def all_events(app: Sozialkonferenz) -> list[Any]:
    return [app.mapper.to_domain_event(n) for n in app.iter_notifications()]


def older_cycles(app: Sozialkonferenz, c2020: Conference, c2022: Conference, c2024: Conference) -> None:
    """2020 and 2022: catalogues imported from the planning office's spreadsheet, evaluated at the next
    conference, some measures carried over into the next cycle."""
    measures_2020, measures_2022 = measures_of(app, c2020), measures_of(app, c2022)
    assert len(measures_2020) == len(measures_2022) == 12
    assert Counter(m.status for m in measures_2020) == {"evaluated": 8, "carried_over": 4}
    assert Counter(m.status for m in measures_2022) == {"evaluated": 7, "carried_over": 4, "rejected": 1}
    imported_2020 = [m.import_source for m in measures_2020]
    assert all(s is not None and s["file"] == "massnahmen-stadt-2020.csv" for s in imported_2020)
    assert sum(m.import_source is not None for m in measures_2022) == 8  # four were carried over instead
    for older, evaluating in ((measures_2020, c2022), (measures_2022, c2024)):
        evaluated = [m for m in older if m.evaluation is not None]
        assert evaluated and all(m.evaluation["conference_id"] == evaluating.id for m in evaluated)  # type: ignore[index]
        assert all(m.evaluation["obstacles"] and m.evaluation["enablers"] for m in evaluated)  # type: ignore[index]
    next_cycle = {m.id: m for m in measures_2022 + measures_of(app, c2024)}
    for old in measures_2020 + measures_2022:
        if old.status == "carried_over":
            new = next_cycle[old.carried_over_to]  # type: ignore[index]
            assert new.continues_measure_id == old.id and new.lineage_id == old.lineage_id
    structured = [m.details["indicators"][0] for m in measures_2020]
    assert all(i["baseline"]["value"] is not None and i["target"]["value"] is not None for i in structured)
    assert all(m.district_ids for m in measures_2020)  # the Sozialraum column mapped onto the city's list
    # actual values reported during implementation, for the indicator charts and the attainment
    assert all(len(m.indicator_actuals) == 2 for m in measures_2020 if m.status != "rejected")
    assert all(len(m.indicator_actuals) == 2 for m in measures_2022 if m.status != "rejected")


def test_local_time_follows_central_european_daylight_saving() -> None:
    assert local_time("2024-03-14", "09:00") == datetime(2024, 3, 14, 8, 0, tzinfo=UTC)
    assert local_time("2025-09-25", "14:00", 5) == datetime(2025, 9, 25, 12, 5, tzinfo=UTC)
    assert local_time("2026-11-19", "16:05") == datetime(2026, 11, 19, 15, 5, tzinfo=UTC)


def test_demo(app: Sozialkonferenz) -> None:
    assert load_demo(app) is True
    series = conferences_by_series(app)

    # --- the city series: three finished cycles and a conference in session --------
    c2020, c2022, c2024, c2026 = series[DEMO_SERIES]
    assert [(c.cycle, c.kind, c.status) for c in (c2020, c2022, c2024)] == [
        ("2020", "city", "reported"),
        ("2022", "city", "reported"),
        ("2024", "city", "reported"),
    ]
    assert (c2026.cycle, c2026.kind, c2026.status) == ("2026", "city", "in_session")
    assert c2020.previous_conference_id is None
    assert [c.previous_conference_id for c in (c2022, c2024, c2026)] == [c2020.id, c2022.id, c2024.id]
    older_cycles(app, c2020, c2022, c2024)
    assert c2024.minutes.startswith("Protokoll der Sozialkonferenz Lindenau 2024")

    groups_2024, groups_2026 = groups_of(app, c2024), groups_of(app, c2026)
    assert [g.predecessor_id for g in groups_2024] == [g.id for g in groups_of(app, c2022)]
    assert [g.name for g in groups_2024] == CITY_GROUP_NAMES
    assert [g.name for g in groups_2026] == CITY_GROUP_NAMES
    assert all(g.closed for g in groups_2024) and not any(g.closed for g in groups_2026)
    # carried over: the same standing groups, linked to their predecessors
    assert [g.lineage_id for g in groups_2026] == [g.lineage_id for g in groups_2024]
    assert [g.predecessor_id for g in groups_2026] == [g.id for g in groups_2024]
    quartier = groups_2026[CITY_GROUP_NAMES.index("Quartiersentwicklung")]
    assert quartier.topic == "Integrierte Quartiersentwicklung in Südfeld und Weststadt"
    integration_2024 = groups_2024[CITY_GROUP_NAMES.index("Integration")]
    integration_2026 = groups_2026[CITY_GROUP_NAMES.index("Integration")]
    assert len(integration_2024.member_ids) == 4 and len(integration_2026.member_ids) == 5

    # --- the 2024 measures: from proposal to evaluation --------------------------
    measures_2024 = measures_of(app, c2024)
    assert len(measures_2024) == 30
    assert Counter(m.status for m in measures_2024) == STATUS_2024
    decisions = Counter(d["decision"] for m in measures_2024 for d in m.decisions if d["kind"] == "committee")
    assert decisions == COMMITTEE_DECISIONS_2024
    deferred = [m for m in measures_2024 if any(d.get("decision") == "deferred" for d in m.decisions)]
    assert len(deferred) == 1
    assert [d.get("decision") for d in deferred[0].decisions if d["kind"] == "committee"] == ["deferred", "approved"]
    assert deferred[0].paper_number.startswith("V/2024/")
    returned = [m for m in measures_2024 if any(d["kind"] == "returned" for d in m.decisions)]
    assert len(returned) == 1 and returned[0].proposal_version == 2 and returned[0].status == "evaluated"

    evaluated = [m for m in measures_2024 if m.evaluation is not None]
    assert len(evaluated) == 25
    assert all(m.evaluation["conference_id"] == c2026.id for m in evaluated)  # type: ignore[index]
    assert all(m.evaluation["obstacles"] and m.evaluation["enablers"] for m in evaluated)  # type: ignore[index]
    obstacles = Counter(o["category"] for m in evaluated for o in m.evaluation["obstacles"])  # type: ignore[index]
    enablers = Counter(e["category"] for m in evaluated for e in m.evaluation["enablers"])  # type: ignore[index]
    assert [category for category, _ in obstacles.most_common(2)] == ["staff", "funding"]
    assert enablers.most_common(1)[0][0] == "cooperation"
    assert Counter(m.evaluation["verdict"] for m in evaluated) == {"continue": 12, "adapt": 9, "end": 4}  # type: ignore[index]

    # --- the 2026 proposals: every group drafts, some carried over ----------------
    measures_2026 = measures_of(app, c2026)
    assert Counter(m.status for m in measures_2026) == STATUS_2026
    for group in groups_2026:
        statuses = [app.load(Measure, m).status for m in group.proposal_ids]
        assert "drafted" in statuses, group.name
    carried = [m for m in measures_2024 if m.status == "carried_over"]
    assert len(carried) == 7
    by_id = {m.id: m for m in measures_2026}
    for old in carried:
        assert old.carried_over_to is not None
        new = by_id[old.carried_over_to]
        assert new.continues_measure_id == old.id and new.lineage_id == old.lineage_id
    assert {m.status for m in measures_2026 if m.continues_measure_id} == {"drafted", "proposed", "adopted", "returned"}

    # --- the district series -------------------------------------------------------
    districts = {name: confs for name, confs in series.items() if name != DEMO_SERIES}
    assert len(districts) == 4
    assert {confs[0].district for confs in districts.values()} == {"Altstadt", "Nordstadt", "Südfeld", "Weststadt"}
    for name, (first, second) in districts.items():
        assert name == f"Stadtbezirkskonferenz {first.district}"
        assert first.kind == second.kind == "district" and first.district == second.district
        assert first.status == "reported" and 2 <= len(first.working_group_ids) <= 4
        assert second.status in ("scheduled", "prepared") and second.previous_conference_id == first.id
        decided = [m for m in measures_of(app, first) if any(d["kind"] == "committee" for d in m.decisions)]
        assert len(decided) >= 2, name
    assert Counter(confs[1].status for confs in districts.values()) == {"prepared": 2, "scheduled": 2}

    # --- districts: the city's list, and the measures naming theirs -------------------
    register = app.district_register()
    assert register is not None
    names = {d["id"]: d["name"] for d in register.districts}
    assert list(names.values()) == ["gesamtstädtisch", "Nordstadt", "Südfeld", "Weststadt", "Altstadt"]
    by_text = {m.fields["district"]: [names[i] for i in m.district_ids] for m in measures_2024 + measures_2026}
    assert by_text["gesamtstädtisch (alle Begegnungsstätten)"] == ["gesamtstädtisch"]
    assert by_text["Nordstadt"] == ["Nordstadt"]
    assert by_text["alle vier Stadtbezirke"] == ["gesamtstädtisch"]
    assert by_text["Nordstadt und Weststadt"] == ["Nordstadt", "Weststadt"]
    assert all(m.district_ids for m in measures_2024 + measures_2026 if m.fields["district"])
    for confs in districts.values():  # a district conference's measures name its district at least
        assert all(confs[0].district in [names[i] for i in m.district_ids] for m in measures_of(app, confs[0]))

    # --- the history: plausible actors, time order ---------------------------------
    events = all_events(app)
    people = {e.originator_id for e in events if type(e).__qualname__ == "Person.Registered"}
    assert len(people) == 56
    # Only the first organisation, the first organiser and her city-wide role come from the system.
    from_system = [type(e).__qualname__ for e in events if e.actor == SYSTEM_ACTOR]
    assert from_system == ["Organisation.Registered", "Person.Registered", "Person.RoleGranted"]
    assert {e.actor for e in events} - {SYSTEM_ACTOR} <= people
    organiser = app.history(c2026.id)[0].actor  # type: ignore[attr-defined]
    assert app.person_name(organiser) == "Katrin Hoffmann"
    timestamps = [e.timestamp for e in events]
    assert timestamps == sorted(timestamps)
    assert timestamps[0] >= datetime(2019, 10, 1, tzinfo=UTC) and timestamps[-1] <= NOW
    opened = [e for e in events if type(e).__qualname__ == "Conference.SessionOpened" and e.originator_id == c2026.id]
    assert opened[0].timestamp == local_time("2026-11-19", "09:00")

    # --- loading again changes nothing ---------------------------------------------
    position = app.position()
    assert position == len(events)
    assert load_demo(app) is False
    assert app.position() == position
