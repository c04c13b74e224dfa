"""The start page, the application shell and serving of the built client."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility


def test_start_page_lists_series_and_cycles_with_status(new_page: Any, server: RunningServer) -> None:
    page = new_page("oeffentlichkeit")
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sozialkonferenzen")
    conferences = server.get("/api/conferences")
    series = {c["series"] for c in conferences}
    for name in series:
        expect(page.get_by_role("heading", name=name, level=2)).to_be_visible()
    for conference in conferences:
        link = page.get_by_role("link", name=conference["title"], exact=True)
        row = page.locator("tr", has=link)  # the table's row, not the desk's current conference
        expect(row.get_by_role("link", name=conference["title"], exact=True)).to_be_visible()
        expect(row.locator(".badge")).to_have_count(1)
    # Scheduling conferences is the organisers' task: the public sees no form for it.
    expect(page.get_by_role("button", name="Konferenz planen")).to_have_count(0)
    check_accessibility(page, "Startseite")
    assert page.console_errors == []


def test_language_switch_keeps_the_choice(new_page: Any) -> None:
    page = new_page("oeffentlichkeit")
    page.goto("/")
    page.get_by_role("button", name="Sprache: English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Social conferences")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Social conferences")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_a_failed_command_shows_the_servers_german_problem_detail(new_page: Any, server: RunningServer) -> None:
    page = new_page("organisation")
    page.goto("/")
    page.get_by_label("Titel").fill("Sozialkonferenz ohne Datum")
    page.get_by_role("button", name="Konferenz planen").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Ungültige Eingabe")
    expect(alert).to_contain_text("darf nicht leer sein")
    expect(page.get_by_label("Titel")).to_have_value("Sozialkonferenz ohne Datum")


def test_unknown_paths_get_the_not_found_page(new_page: Any) -> None:
    page = new_page("oeffentlichkeit")
    response = page.goto("/konferenzen/00000000-0000-0000-0000-000000000000/plenum/extra")
    assert response is not None and response.status == 404


def test_a_district_conference_is_scheduled_with_its_district(new_page: Any, server: RunningServer) -> None:
    page = new_page("organisation")
    page.goto("/")
    page.get_by_label("Titel").fill("Stadtbezirkskonferenz Probe 2030")
    page.get_by_label("Konferenzreihe").fill("Stadtbezirkskonferenz Probe")
    page.get_by_label("Zyklus (z. B. 2028)").fill("2030")
    page.get_by_label("Datum").fill("2030-05-04")
    page.get_by_label("Art").select_option("district")
    page.get_by_label("Stadtbezirk (bei Bezirkskonferenzen)").fill("Probstheide")
    page.get_by_label("Vorheriger Zyklus").select_option("")
    page.get_by_role("button", name="Konferenz planen").click()
    expect(page).to_have_url(re.compile(r"/konferenzen/[0-9a-f-]{36}$"))
    # The conference page shows it once the view has it (the views follow the events a moment later).
    expect(page.get_by_role("heading", level=1)).to_have_text("Stadtbezirkskonferenz Probe 2030")
    conference = server.get("/api/conferences/" + page.url.rsplit("/", 1)[1])
    assert (conference["kind"], conference["district"], conference["cycle"]) == ("district", "Probstheide", "2030")
