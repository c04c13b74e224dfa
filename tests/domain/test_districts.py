"""Districts (Sozialräume) as reference data, and the districts a measure names."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from domain.application import Sozialkonferenz
from domain.districts import CITYWIDE_ID, DistrictRegister
from domain.errors import InvalidInput, NotFound, RuleViolation
from domain.measure import Measure
from tests.domain.builders import conference_in_status, measure_in_status


def names(app: Sozialkonferenz) -> list[tuple[str, bool]]:
    register = app.district_register()
    assert register is not None
    return [(d["name"], d["retired"]) for d in register.districts]


def test_organisers_keep_the_list_of_districts_with_gesamtstaedtisch(app: Sozialkonferenz, actor: UUID) -> None:
    assert app.district_register() is None
    north = app.register_district(actor, "Nordstadt")
    south = app.register_district(actor, " Südfeld ")
    assert names(app) == [("gesamtstädtisch", False), ("Nordstadt", False), ("Südfeld", False)]

    app.rename_district(actor, north, "Nordstadt/Lindenplatz")
    app.retire_district(actor, south, "Mit Weststadt zusammengelegt.")
    assert names(app) == [("gesamtstädtisch", False), ("Nordstadt/Lindenplatz", False), ("Südfeld", True)]
    events = [type(e).__name__ for e in app.history(DistrictRegister.create_id())]
    assert events == ["Established", "DistrictRegistered", "DistrictRegistered", "DistrictRenamed", "DistrictRetired"]

    with pytest.raises(RuleViolation) as duplicate:
        app.register_district(actor, "nordstadt/lindenplatz")
    assert duplicate.value.code == "district_exists"
    with pytest.raises(RuleViolation) as citywide:
        app.retire_district(actor, CITYWIDE_ID, "Gibt es nicht mehr.")
    assert citywide.value.code == "citywide_district"
    with pytest.raises(RuleViolation) as retired:
        app.rename_district(actor, south, "Südfeld-West")
    assert retired.value.code == "district_retired"
    with pytest.raises(InvalidInput):
        app.register_district(actor, "  ")
    with pytest.raises(InvalidInput):
        app.retire_district(actor, north, "")
    with pytest.raises(NotFound):
        app.rename_district(actor, uuid4(), "Irgendwo")
    # A retired name may be registered again as a new district.
    assert app.register_district(actor, "Südfeld") != south


def test_a_measure_names_existing_active_districts(app: Sozialkonferenz, actor: UUID) -> None:
    conference = conference_in_status(app, actor, "in_session")
    measure_id = app.draft_measure(actor, conference.group_id, {"title": "Quartierslotsen"})
    with pytest.raises(NotFound):  # no register yet: no id can exist
        app.set_measure_districts(actor, measure_id, [str(uuid4())])
    north = app.register_district(actor, "Nordstadt")
    west = app.register_district(actor, "Weststadt")

    app.set_measure_districts(actor, measure_id, [str(north), CITYWIDE_ID, north])
    measure = app.load(Measure, measure_id)
    assert measure.district_ids == [north, CITYWIDE_ID]
    version = measure.version
    app.set_measure_districts(actor, measure_id, [north, CITYWIDE_ID])  # unchanged: no event
    assert app.load(Measure, measure_id).version == version

    with pytest.raises(NotFound):
        app.set_measure_districts(actor, measure_id, [uuid4()])
    with pytest.raises(InvalidInput) as malformed:
        app.set_measure_districts(actor, measure_id, [north, "Nordstadt"])
    assert malformed.value.field == "district_ids.1"
    app.retire_district(actor, west, "Zusammengelegt.")
    with pytest.raises(RuleViolation):
        app.set_measure_districts(actor, measure_id, [west])
    # A district retired after it was named stays named; the measure's free text stays as it was.
    app.retire_district(actor, north, "Neu geschnitten.")
    app.set_measure_districts(actor, measure_id, [north])
    assert app.load(Measure, measure_id).district_ids == [north]

    decided = measure_in_status(app, actor, "implemented")  # districts can be named in any status
    app.set_measure_districts(actor, decided.measure_id, [CITYWIDE_ID])
    assert app.load(Measure, decided.measure_id).district_ids == [CITYWIDE_ID]
    app.set_measure_districts(actor, decided.measure_id, [])
    assert app.load(Measure, decided.measure_id).district_ids == []
