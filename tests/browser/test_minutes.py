"""The minutes page (Protokoll) and the coordination group, in Debian's Chromium, on the demo city.

As ``planung`` (Dr. Jonas Albrecht, who chairs the city series' coordination group in the demo): the
desk names the group's open task, the 2026 conference's minutes show the demo's items with their
linked plenary decisions, and a new item with a linked decision and a next step is written through
the page's form and shown with the decision's label, who and by when. The coordination page shows
members, chair and decisions.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility

PLANNER = "planung"


def test_a_coordination_member_writes_and_reads_the_minutes(new_page: Any, server: RunningServer) -> None:
    desk = server.get("/api/me/desk", login=PLANNER)
    [group] = desk["coordination"]
    assert group["chair"] and group["upcoming_conference"]["status"] == "in_session"
    conference = group["upcoming_conference"]["id"]

    page = new_page(PLANNER)
    page.goto("/")
    coordination = page.locator("section", has=page.get_by_role("heading", name="In der Koordinierungsgruppe"))
    expect(coordination).to_contain_text("Protokoll schreiben")
    coordination.get_by_role("link", name="Sozialkonferenz Lindenau 2026").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Protokoll: Sozialkonferenz Lindenau 2026")
    plenary = page.locator("article.minutes-item", has_text="TOP 6")
    expect(plenary).to_contain_text("Jugendbudget")
    expect(plenary).to_contain_text("Im Plenum verabschiedet")
    expect(plenary.get_by_role("table")).to_contain_text("Katrin Hoffmann")

    form = page.get_by_role("form", name="Protokollpunkt hinzufügen")
    form.get_by_label("Tagesordnungspunkt").select_option(
        label="TOP 7: Ausblick: Beratung in den Fachausschüssen im ersten Quartal 2027"
    )
    form.get_by_label("Beratung", exact=True).fill("Die Verwaltung bereitet die Vorlagen für die Fachausschüsse vor.")
    form.get_by_role("checkbox", name="Teilzeitausbildung für Alleinerziehende").check()
    form.get_by_role("button", name="Weiteren Schritt hinzufügen").click()
    form.get_by_label("Was", exact=True).fill("Termine der Fachausschüsse bekanntgeben")
    form.get_by_label("Zuständige Person").select_option(label="Katrin Hoffmann")
    form.get_by_label("Bis wann").fill("2027-01-31")
    form.get_by_role("button", name="Speichern").click()

    written = page.locator("article.minutes-item", has_text="TOP 7")
    expect(written).to_contain_text("Die Verwaltung bereitet die Vorlagen für die Fachausschüsse vor.")
    expect(written.locator(".minutes-results")).to_contain_text("Teilzeitausbildung für Alleinerziehende")
    expect(written.locator(".minutes-results")).to_contain_text("Im Plenum verabschiedet")
    expect(written.get_by_role("table")).to_contain_text("Termine der Fachausschüsse bekanntgeben")
    expect(written.get_by_role("table")).to_contain_text("31.01.2027")
    stored = server.get(f"/api/conferences/{conference}/minutes", login=PLANNER)
    [item] = [i for s in stored["sessions"] for i in s["items"] if i.get("agenda_item") == 7]
    assert [r["decision_kind"] for r in item["results"]] == ["adopted"]
    check_accessibility(page, "Protokoll")

    page.goto(f"/konferenzen/{conference}/koordinierung")
    expect(page.get_by_role("heading", level=1)).to_have_text("Koordinierungsgruppe: Sozialkonferenz Lindenau")
    members = page.locator("section[aria-labelledby='members-title']")
    expect(members).to_contain_text("Dr. Jonas Albrecht (Vorsitz)")
    expect(page.locator("section[aria-labelledby='decisions-title']")).to_contain_text("Schwerpunktthema 2026")
    check_accessibility(page, "Koordinierungsgruppe")
    assert page.console_errors == []
