"""The pure functions other views share: attainment, an indicator's series, free district text → names."""

from __future__ import annotations

import pytest

from projections.district_text import DistrictMatch, districts_in_text
from projections.indicators import attainment, indicator_view, mean_attainment

DEMO_DISTRICTS = ["gesamtstädtisch", "Nordstadt", "Südfeld", "Weststadt", "Altstadt"]


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "expected"),
    [
        ("0", "120", "64", 0.5333),
        ("20", "80", "80", 1.0),
        ("20", "80", "95", 1.25),  # beyond the target
        ("30", "10", "20", 0.5),  # a falling target
        ("20", "80", "10", -0.1667),  # moved away
        ("20", "20", "30", None),  # no way to go
        (None, "80", "30", None),
        ("20", "80", None, None),
        ("20", "viel", "30", None),
    ],
)
def test_attainment_is_the_share_of_the_way_from_baseline_to_target(
    baseline: str | None, target: str | None, actual: str | None, expected: float | None
) -> None:
    assert attainment(baseline, target, actual) == expected


def test_an_indicator_view_orders_its_series_and_takes_the_latest_number() -> None:
    indicator = {"name": "Familien", "unit": "", "baseline": {"value": "0", "year": 2023}, "target": {"value": "120"}}
    actuals = [
        {"indicator": "Familien", "value": "64", "date": "2025-06-16"},
        {"indicator": "Familien", "value": None, "date": "2025-09-01", "remark": "Zählung läuft"},
        {"indicator": "Familien", "value": "9", "date": "2024-12-09"},
        {"indicator": "Andere", "value": "1000", "date": "2026-01-01"},
    ]
    view = indicator_view(indicator, actuals)
    assert [a["date"] for a in view["actuals"]] == ["2024-12-09", "2025-06-16", "2025-09-01"]
    assert view["latest"]["value"] == "64" and view["attainment"] == 0.5333
    assert indicator_view({"name": "Leer", "baseline": "", "target": ""}, [])["attainment"] is None
    assert mean_attainment([0.5, None, 1.5, -0.5]) == 0.5 and mean_attainment([None]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gesamtstädtisch", DistrictMatch(["gesamtstädtisch"], "")),
        ("gesamtstädtisch (alle Begegnungsstätten)", DistrictMatch(["gesamtstädtisch"], "alle Begegnungsstätten")),
        ("gesamtstädtisch (18 Sozialräume)", DistrictMatch(["gesamtstädtisch"], "18 Sozialräume")),
        (
            "gesamtstädtisch, Beginn in Nordstadt und Südfeld",
            DistrictMatch(["gesamtstädtisch"], "Beginn in Nordstadt und Südfeld"),
        ),
        ("gesamtstädtisch, Schwerpunkt Altstadt", DistrictMatch(["gesamtstädtisch"], "Schwerpunkt Altstadt")),
        ("alle vier Stadtbezirke", DistrictMatch(["gesamtstädtisch"], "")),
        ("Nordstadt", DistrictMatch(["Nordstadt"], "")),
        ("Nordstadt (Lindenplatz-Viertel)", DistrictMatch(["Nordstadt"], "Lindenplatz-Viertel")),
        ("Südfeld und Nordstadt", DistrictMatch(["Südfeld", "Nordstadt"], "")),
        (
            "Nordstadt und Südfeld (Erweiterung auf Altstadt und Weststadt nach Auswertung)",
            DistrictMatch(["Nordstadt", "Südfeld"], "Erweiterung auf Altstadt und Weststadt nach Auswertung"),
        ),
        ("Oststadt", DistrictMatch([], "Oststadt")),
        ("", DistrictMatch([], "")),
    ],
)
def test_free_district_text_maps_onto_the_list(text: str, expected: DistrictMatch) -> None:
    assert districts_in_text(text, DEMO_DISTRICTS) == expected
