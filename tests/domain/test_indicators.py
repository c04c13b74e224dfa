"""Structured indicators with reported actual values; old free-text indicators still load."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent

from domain.application import Sozialkonferenz
from domain.errors import InvalidInput, RuleViolation, TransitionError
from domain.indicators import decimal_value, legacy_actuals, plain_number, structured_indicator
from domain.measure import Measure
from tests.domain.builders import PROPOSAL, ConferenceCase, conference_in_status, measure_in_status

FAMILIES = {
    "name": "Begleitete Familien",
    "unit": "Familien",
    "baseline": {"value": "10", "year": 2023},
    "target": {"value": 120, "year": 2026},
}


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("20", "", "20"),
        ("20 %", "%", "20"),
        ("1.200 Familien", "Familien", "1200"),
        ("12,5", "", "12.5"),
        ("ca. 20", "", None),
        ("20 (2023)", "", None),
        ("steigend", "", None),
    ],
)
def test_plain_numbers_are_read_from_free_text_and_nothing_else(text: str, unit: str, expected: str | None) -> None:
    assert plain_number(text, unit) == expected


def test_numbers_are_checked_and_kept_as_exact_decimal_text() -> None:
    assert [decimal_value("v", v, label="Wert") for v in (12, 12.5, "12,5", " 0.10 ", None)] == [
        "12",
        "12.5",
        "12.5",
        "0.1",
        None,
    ]
    assert decimal_value("v", 0.30000000000000004, label="Wert") == "0.3"  # 15 significant digits
    for bad in ("zwölf", "1,2,3", "1e3", True, [1], float("nan"), 10**13):
        with pytest.raises(InvalidInput) as error:
            decimal_value("value", bad, label="Ist-Wert")
        assert "„Ist-Wert“" in error.value.message and error.value.field == "value"


def test_free_text_indicator_is_read_into_the_structured_shape() -> None:
    old = {"name": "Anteil besuchter Familien", "unit": "%", "baseline": "20", "target": "Ziel 80 % bis 2026"}
    assert structured_indicator(old) == {
        "name": "Anteil besuchter Familien",
        "unit": "%",
        "baseline": {"value": "20", "year": None},
        "target": {"value": None, "year": None},
        "remark": "Zielwert: Ziel 80 % bis 2026",
    }
    [actual] = legacy_actuals({"Anteil": "72 %"}, date="2025-01-02", source="Fortschrittsbericht", reported_by=None)
    assert (actual["value"], actual["remark"]) == ("72", "")
    [text] = legacy_actuals({"Anteil": "gut drei Viertel"}, date="2025-01-02", source="x", reported_by=None)
    assert (text["value"], text["remark"]) == (None, "gut drei Viertel")


def test_actuals_only_for_decided_measures_and_known_indicators(app: Sozialkonferenz, actor: UUID) -> None:
    conference = conference_in_status(app, actor, "in_session")
    draft = app.draft_measure(actor, conference.group_id, {"title": "Familienlotsen"})
    app.set_measure_details(actor, draft, indicators=[FAMILIES, {"name": "Kooperationen", "baseline": "6"}])
    measure = app.load(Measure, draft)
    assert measure.indicators[0] == {
        "name": "Begleitete Familien",
        "unit": "Familien",
        "baseline": {"value": "10", "year": 2023},
        "target": {"value": "120", "year": 2026},
        "remark": "",
    }
    assert measure.indicators[1]["baseline"] == {"value": "6", "year": None}
    with pytest.raises(TransitionError):  # nothing is measured before the measure is decided
        app.report_indicator_actual(actor, draft, "Begleitete Familien", 5, "2024-05-01")

    approved = measure_in_status(app, actor, "approved")  # its indicators are free text in the proposal only
    with pytest.raises(RuleViolation) as unknown:
        app.report_indicator_actual(actor, approved.measure_id, "Begleitete Familien", 5, "2024-05-01")
    assert unknown.value.code == "unknown_indicator"


def test_reporting_an_actual_records_value_date_source_and_reporter(app: Sozialkonferenz, actor: UUID) -> None:
    conference = conference_in_status(app, actor, "in_session")
    measure_id = app.draft_measure(actor, conference.group_id, measure_fields())
    app.set_measure_details(actor, measure_id, indicators=[FAMILIES])
    drive_to_approved(app, actor, conference, measure_id)

    app.report_indicator_actual(
        actor, measure_id, "Begleitete Familien", "64,5", "2025-06-30", source="Jahresbericht AWO", remark="Halbjahr"
    )
    measure = app.load(Measure, measure_id)
    assert measure.indicator_actuals == [
        {
            "indicator": "Begleitete Familien",
            "value": "64.5",
            "date": "2025-06-30",
            "source": "Jahresbericht AWO",
            "remark": "Halbjahr",
            "reported_by": actor,
        }
    ]
    last = app.history(measure_id)[-1]
    assert isinstance(last, Measure.IndicatorActualReported) and last.value == "64.5"

    for arguments, field in (
        (("Begleitete Familien", "viele", "2025-06-30"), "value"),
        (("Begleitete Familien", 3, "30.06.2025"), "measured_on"),
        (("", 3, "2025-06-30"), "indicator"),
    ):
        with pytest.raises(InvalidInput) as error:
            app.report_indicator_actual(actor, measure_id, *arguments)
        assert error.value.field == field
    with pytest.raises(RuleViolation) as future:
        app.report_indicator_actual(actor, measure_id, "Begleitete Familien", 3, "2999-01-01")
    assert future.value.code == "measured_on_out_of_range"
    assert len(app.load(Measure, measure_id).indicator_actuals) == 1  # refused reports wrote nothing


def test_indicator_details_refuse_bad_numbers_and_duplicate_names(app: Sozialkonferenz, actor: UUID) -> None:
    conference = conference_in_status(app, actor, "in_session")
    measure_id = app.draft_measure(actor, conference.group_id, {"title": "Familienlotsen"})
    cases = [
        ([{**FAMILIES, "baseline": {"value": "zehn", "year": 2023}}], "indicators.0.baseline.value"),
        ([{**FAMILIES, "target": {"value": 1, "year": 1800}}], "indicators.0.target.year"),
        ([{**FAMILIES, "colour": "rot"}], "indicators.0.colour"),
    ]
    for indicators, field in cases:
        with pytest.raises(InvalidInput) as error:
            app.set_measure_details(actor, measure_id, indicators=indicators)
        assert error.value.field == field
    with pytest.raises(RuleViolation) as duplicate:
        app.set_measure_details(actor, measure_id, indicators=[FAMILIES, {**FAMILIES, "name": "begleitete familien"}])
    assert duplicate.value.code == "duplicate_indicator"
    # As before, a text baseline is accepted; what is not a number is kept as remark.
    app.set_measure_details(actor, measure_id, indicators=[{"name": "Quote", "baseline": "etwa ein Fünftel"}])
    [indicator] = app.load(Measure, measure_id).indicators
    assert indicator["baseline"] == {"value": None, "year": None}
    assert indicator["remark"] == "Ausgangswert: etwa ein Fünftel"


def insert_old_details(app: Sozialkonferenz, actor: UUID, measure_id: UUID) -> None:
    """What version 1 of ``Measure.DetailsSet`` wrote: free-text indicators, no ``class_version``."""
    measure = app.load(Measure, measure_id)
    state = {
        "timestamp": datetime(2024, 3, 5, 10, 0, tzinfo=UTC),
        "actor": actor,
        "details": {
            "lead_organisation_id": None,
            "partner_organisation_ids": [],
            "cost_estimate_eur": 45000,
            "funding_secured": True,
            "indicators": [
                {"name": "Anteil besuchter Familien", "unit": "%", "baseline": "20 %", "target": "80"},
                {"name": "Zufriedenheit", "unit": "", "baseline": "", "target": "hoch"},
            ],
        },
    }
    app.recorder.insert_events(
        [
            StoredEvent(
                originator_id=measure_id,
                originator_version=measure.version + 1,
                topic="domain.measure:Measure.DetailsSet",
                state=app.mapper.transcoder.encode(state),
            )
        ]
    )


def test_old_free_text_indicator_events_load_structured(app: Sozialkonferenz, actor: UUID) -> None:
    conference = conference_in_status(app, actor, "in_session")
    measure_id = app.draft_measure(actor, conference.group_id, measure_fields())
    insert_old_details(app, actor, measure_id)
    [stored] = [e for e in app.recorder.select_events(measure_id) if e.topic.endswith("DetailsSet")]
    assert b"class_version" not in stored.state

    measure = app.load(Measure, measure_id)
    assert measure.indicators == [
        {
            "name": "Anteil besuchter Familien",
            "unit": "%",
            "baseline": {"value": "20", "year": None},
            "target": {"value": "80", "year": None},
            "remark": "",
        },
        {
            "name": "Zufriedenheit",
            "unit": "",
            "baseline": {"value": None, "year": None},
            "target": {"value": None, "year": None},
            "remark": "Zielwert: hoch",
        },
    ]
    old_event = app.history(measure_id)[-1]
    assert isinstance(old_event, Measure.DetailsSet) and old_event.details["indicators"][0]["target"]["value"] == "80"
    # The measure goes on: decided, and actuals reported against the old indicator's name.
    drive_to_approved(app, actor, conference, measure_id)
    app.report_indicator_actual(actor, measure_id, "Anteil besuchter Familien", 55, "2025-01-31")
    assert app.load(Measure, measure_id).indicator_actuals[0]["value"] == "55"
    # New details events are version 2.
    new_conference = conference_in_status(app, actor, "in_session")
    other = app.draft_measure(actor, new_conference.group_id, {"title": "Zweite"})
    app.set_measure_details(actor, other, indicators=[FAMILIES])
    decoded = app.mapper.transcoder.decode(app.recorder.select_events(other)[-1].state)
    assert decoded["class_version"] == 2


def test_old_snapshot_of_a_measure_loads_with_structured_indicators() -> None:
    state = {"details": {"indicators": [{"name": "Quote", "unit": "%", "baseline": "20", "target": "80"}]}}
    Measure.upcast_v1_v2(state)
    assert state["details"]["indicators"][0]["target"] == {"value": "80", "year": None}
    assert (state["indicator_actuals"], state["district_ids"]) == ([], [])


def measure_fields() -> dict[str, str]:
    return dict(PROPOSAL)


def drive_to_approved(app: Sozialkonferenz, actor: UUID, conference: ConferenceCase, measure_id: UUID) -> None:
    committee_id = conference.partners.committee_id
    app.agree_in_group(actor, measure_id)
    app.adopt_measure(actor, measure_id)
    app.close_session(actor, conference.conference_id)
    app.submit_measure(actor, measure_id, committee_id, "V/2024/0815")
    app.record_committee_decision(actor, measure_id, committee_id, "approved", "2024-06-12")
