"""The measure page's indicator charts and the form to report an actual value; the districts page."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility


def _measure_with_actuals(server: RunningServer) -> dict[str, Any]:
    """A 2024 demo measure whose indicators have numbers and reported actuals (from its progress reports)."""
    for measure in server.get("/api/measures?cycle=2024&limit=1000"):
        measured = [i for i in measure["indicators"] if i["actuals"] and i["attainment"] is not None]
        if measured and measure["status"] in ("implemented", "evaluated", "carried_over"):
            return measure
    raise AssertionError("Keine Demo-Maßnahme mit Ist-Werten")


def test_indicator_chart_and_reporting_an_actual(new_page: Any, server: RunningServer) -> None:
    measure = _measure_with_actuals(server)
    indicator = next(i for i in measure["indicators"] if i["actuals"] and i["attainment"] is not None)

    public = new_page("oeffentlichkeit")
    public.goto(f"/massnahmen/{measure['id']}")
    section = public.locator("section", has=public.get_by_role("heading", name="Indikatoren und Ist-Werte"))
    chart = section.locator(f"svg[data-indicator='{indicator['name']}']")
    expect(chart).to_have_attribute("role", "img")
    label = chart.get_attribute("aria-label") or ""
    assert indicator["name"] in label and "Ausgangswert" in label and "Zielwert" in label and "Zielerreichung" in label
    expect(chart.locator("circle.actual")).to_have_count(len([a for a in indicator["actuals"] if a["value"]]))
    expect(section.locator(".indicator-legend").first).to_contain_text("Ist-Werte")
    expect(public.get_by_role("button", name="Ist-Wert speichern")).to_have_count(0)  # the public reports nothing

    page = new_page("organisation")
    page.goto(f"/massnahmen/{measure['id']}")
    page.get_by_label("Indikator", exact=True).select_option(label=_option(indicator))
    page.get_by_label("Wert", exact=True).fill("1234,5")
    page.get_by_label("Stichtag").fill(date.today().isoformat())
    page.get_by_label("Quelle").fill("Jahresstatistik")
    page.get_by_role("button", name="Ist-Wert speichern").click()
    expect(page.get_by_role("status").filter(has_text="Ist-Wert gespeichert")).to_be_visible()
    chart = page.locator(f"svg[data-indicator='{indicator['name']}']")
    expect(chart.locator("circle.actual")).to_have_count(len([a for a in indicator["actuals"] if a["value"]]) + 1)
    expect(chart).to_have_attribute("aria-label", re.compile(re.escape("1.234,5")))
    after = server.get(f"/api/measures/{measure['id']}")
    [changed] = [i for i in after["indicators"] if i["name"] == indicator["name"]]
    assert (changed["latest"]["value"], changed["latest"]["source"]) == ("1234.5", "Jahresstatistik")

    page.get_by_label("Wert", exact=True).fill("viele")
    page.get_by_role("button", name="Ist-Wert speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("Zahl")
    check_accessibility(page, "Maßnahmenseite mit Indikatoren")
    # The one refused request is the browser's note of the 400 the bad value got.
    assert [e for e in page.console_errors if "status of 400" not in e] == [] and public.console_errors == []


def test_organisers_keep_the_districts_list(new_page: Any, server: RunningServer) -> None:
    page = new_page("organisation")
    page.goto("/sozialraeume")
    table = page.locator("table.districts")
    for name in ("gesamtstädtisch", "Nordstadt", "Südfeld", "Weststadt", "Altstadt"):
        expect(table).to_contain_text(name)
    page.get_by_label("Name des neuen Sozialraums").fill("Oststadt")
    page.get_by_role("button", name="Anlegen").click()
    expect(table.locator("tr", has_text="Oststadt")).to_contain_text("aktiv")
    assert "Oststadt" in [d["name"] for d in server.get("/api/districts")]
    check_accessibility(page, "Sozialräume")

    # A measure names the new district beside the one the demo gave it.
    measure = next(m for m in server.get("/api/measures?cycle=2026&limit=1000") if m["districts"])
    page.goto(f"/massnahmen/{measure['id']}")
    choice = page.locator("fieldset.district-choice")
    expect(choice.get_by_label(measure["districts"][0]["name"])).to_be_checked()
    choice.get_by_label("Oststadt").check()
    choice.get_by_role("button", name="Sozialräume speichern").click()
    facts = page.locator("section", has=page.get_by_role("heading", name="Angaben zu Umsetzung und Beschluss"))
    expect(facts.locator("dd", has_text="Oststadt")).to_be_visible()
    named = [d["name"] for d in server.get(f"/api/measures/{measure['id']}")["districts"]]
    assert named == [*(d["name"] for d in measure["districts"]), "Oststadt"]

    public = new_page("oeffentlichkeit")
    public.goto("/sozialraeume")
    expect(public.locator("table.districts")).to_contain_text("Oststadt")
    expect(public.get_by_role("button", name="Anlegen")).to_have_count(0)
    assert page.console_errors == [] and public.console_errors == []


def _option(indicator: dict[str, Any]) -> str:
    return f"{indicator['name']} ({indicator['unit']})" if indicator["unit"] else indicator["name"]

