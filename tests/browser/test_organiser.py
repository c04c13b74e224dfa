"""The organiser's conference page: from scheduling a conference to a committee decision, in the browser."""

from __future__ import annotations

import re
import uuid
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, RunningServer, check_accessibility

ORGANISER = "organisation"  # Katrin Hoffmann, the city's organising team
COMMITTEE = "Ausschuss für Soziales, Senioren und Gesundheit"


def _conference_status(page: Any) -> Any:
    return page.locator("dl.facts .badge")


def test_organiser_schedules_prepares_runs_and_follows_up_a_conference(new_page: Any, server: RunningServer) -> None:
    tag = uuid.uuid4().hex[:6]
    series = f"Sozialkonferenz Teststadt {tag}"
    title = f"{series} 2028"
    page = new_page(ORGANISER)

    # Schedule on the start page.
    page.goto("/")
    page.get_by_label("Titel", exact=True).fill(title)
    page.get_by_label("Konferenzreihe").fill(series)
    page.get_by_label("Zyklus (z. B. 2028)").fill("2028")
    page.get_by_label("Datum").fill("2028-03-16")
    page.get_by_label("Ort").fill("Rathaus Teststadt, Ratssaal")
    page.get_by_label("Art").select_option("city")
    page.get_by_label("Vorheriger Zyklus").select_option("")
    page.get_by_role("button", name="Konferenz planen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page).to_have_url(re.compile(r"/konferenzen/[0-9a-f-]{36}$"))
    conference_id = page.url.rsplit("/", 1)[1]
    conference_url = page.url
    expect(_conference_status(page)).to_have_text("Geplant")
    expect(page.get_by_role("link", name="Plenumsansicht für die Leinwand")).to_have_attribute(
        "href", f"/konferenzen/{conference_id}/plenum"
    )
    expect(page.get_by_role("link", name="Prüfung und Verlauf dieser Konferenz")).to_have_attribute(
        "href", f"/pruefung?konferenz={conference_id}"
    )
    check_accessibility(page, "Konferenzseite, geplant")

    # Too early: the server's German reason appears.
    page.get_by_role("button", name="Vorbereitung abschließen").click()
    expect(page.get_by_role("alert")).to_contain_text("Es fehlt: Schwerpunktthema, Tagesordnung")

    # Focus topic.
    page.get_by_role("textbox", name="Schwerpunktthema", exact=True).fill("Teilhabe im Alter sichern")
    page.get_by_role("button", name="Schwerpunktthema speichern").click()
    expect(page.locator("dl.facts")).to_contain_text("Teilhabe im Alter sichern")

    # Agenda: add three items, move the third up, remove the (now) third, save.
    new_item = page.get_by_label("Neuer Tagesordnungspunkt")
    for item in ("Begrüßung", "Mittagspause", "Arbeitsgruppenphase"):
        new_item.fill(item)
        page.get_by_role("button", name="Punkt hinzufügen").click()
    page.get_by_role("button", name="Nach oben: Punkt 3").click()
    expect(page.get_by_label("Tagesordnungspunkt 2", exact=True)).to_have_value("Arbeitsgruppenphase")
    page.get_by_role("button", name="Entfernen: Punkt 3").click()
    page.get_by_role("button", name="Tagesordnung speichern").click()
    expect(page.get_by_text("Es gibt ungespeicherte Änderungen.")).to_have_count(0)

    # A working group: a missing name is refused in German and the topic stays.
    page.get_by_label("Schwerpunkt der Arbeitsgruppe").fill("Einsamkeit im Alter vorbeugen")
    page.get_by_role("button", name="Arbeitsgruppe bilden").click()
    groups = page.get_by_role("region", name="Arbeitsgruppen", exact=True)
    expect(groups.get_by_role("alert")).to_contain_text("darf nicht leer sein")
    expect(page.get_by_label("Schwerpunkt der Arbeitsgruppe")).to_have_value("Einsamkeit im Alter vorbeugen")
    page.get_by_label("Name der Arbeitsgruppe").fill("Seniorinnen und Senioren")
    page.get_by_role("button", name="Arbeitsgruppe bilden").click()
    group_link = groups.get_by_role("link", name="Seniorinnen und Senioren")
    expect(group_link).to_be_visible()

    # Invitations.
    page.get_by_label("AWO Kreisverband Lindenau e. V.").check()
    page.get_by_label("Altstadttreff – Begegnungsstätte der Diakonie").check()
    page.get_by_role("button", name="Ausgewählte Organisationen einladen (2)").click()
    expect(page.get_by_role("heading", name="Eingeladen (2)")).to_be_visible()

    conference = server.get(f"/api/conferences/{conference_id}")
    assert conference["focus_topic"] == "Teilhabe im Alter sichern"
    assert conference["agenda"] == ["Begrüßung", "Arbeitsgruppenphase"]
    assert [g["name"] for g in conference["working_groups"]] == ["Seniorinnen und Senioren"]
    assert len(conference["invited_organisation_ids"]) == 2

    # Preparation done, session open.
    page.get_by_role("button", name="Vorbereitung abschließen").click()
    expect(_conference_status(page)).to_have_text("Vorbereitet")
    page.get_by_role("button", name="Sitzung eröffnen").click()
    expect(_conference_status(page)).to_have_text("In Sitzung")
    expect(page.get_by_role("button", name="Tagesordnung speichern")).to_have_count(0)
    check_accessibility(page, "Konferenzseite, in Sitzung")

    # The working group drafts a proposal and agrees on it (group room and proposal form).
    group_link.click()
    measure_title = f"Besuchsdienst gegen Einsamkeit {tag}"
    page.get_by_label("Titel des neuen Vorschlags").fill(measure_title)
    page.get_by_role("button", name="Vorschlag anlegen").click()
    expect(page).to_have_url(re.compile(r"/arbeitsgruppen/[0-9a-f-]{36}/vorschlaege/[0-9a-f-]{36}$"))
    group_id = page.url.split("/arbeitsgruppen/", 1)[1].split("/", 1)[0]
    for label, text in (("Beschreibung", "Besuche bei Älteren."), ("Ziel", "Weniger Einsamkeit."),
                        ("Zielgruppe", "Allein lebende Ältere"), ("Federführung", "Seniorenbüro")):  # fmt: skip
        field = page.get_by_role("textbox", name=label, exact=True)
        field.click()
        page.keyboard.type(text)
        expect(field).to_have_text(text)
    page.get_by_role("button", name="In der AG beschließen").click()
    page.get_by_role("dialog").get_by_role("button", name="Ja, beschließen").click()
    expect(page.locator(".badge", has_text="In der AG beschlossen").first).to_be_visible()

    # Back on the conference page: the plenary adopts it, the session closes.
    page.goto(conference_url)
    measure = page.locator("article", has_text=measure_title)
    expect(measure.locator(".badge")).to_have_text("In der AG beschlossen")
    measure.get_by_role("button", name="Im Plenum verabschieden").click()
    expect(measure.locator(".badge")).to_have_text("Vom Plenum verabschiedet")
    # Closing asks first and names what lapses; cancelling leaves the session running.
    lapsing_title = f"Unfertiger Entwurf {tag}"
    server.send("POST", f"/api/working-groups/{group_id}/measures", {"fields": {"title": lapsing_title}})
    page.get_by_role("button", name="Sitzung schließen").click()
    dialog = page.get_by_role("dialog", name="Sitzung wirklich schließen?")
    expect(dialog).to_contain_text("1 Arbeitsgruppe wird eingefroren, 1 Entwurf verfällt.")
    expect(dialog.get_by_role("listitem")).to_have_count(1)
    expect(dialog.get_by_role("listitem")).to_contain_text(lapsing_title)
    expect(dialog.get_by_role("button", name="Abbrechen")).to_be_focused()
    check_accessibility(page, "Rückfrage vor dem Schließen der Sitzung")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "organiser-close-session-dialog.png"))
    dialog.get_by_role("button", name="Abbrechen").click()
    expect(dialog).to_be_hidden()
    expect(_conference_status(page)).to_have_text("In Sitzung")
    assert server.get(f"/api/conferences/{conference_id}")["status"] == "in_session"
    assert {m["title"]: m["status"] for m in server.get(f"/api/measures?conference_id={conference_id}")}[
        lapsing_title
    ] == "drafted"
    page.get_by_role("button", name="Sitzung schließen").click()
    expect(dialog).to_be_visible()  # opens once the preview has arrived
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert server.get(f"/api/conferences/{conference_id}")["status"] == "in_session"
    page.get_by_role("button", name="Sitzung schließen").click()
    dialog.get_by_role("button", name="Ja, Sitzung schließen").click()
    expect(_conference_status(page)).to_have_text("Geschlossen")
    assert {m["title"]: m["status"] for m in server.get(f"/api/measures?conference_id={conference_id}")}[
        lapsing_title
    ] == "lapsed"

    # Submit to a committee, then record its decision.
    measure.get_by_label("Ausschuss", exact=True).select_option(label=f"{COMMITTEE} (SozA)")
    measure.get_by_label("Vorlagennummer").fill(f"V/2028/{tag}")
    measure.get_by_role("button", name="Dem Ausschuss vorlegen").click()
    expect(measure.locator(".badge")).to_have_text("Im Ausschuss")
    # Organisers no longer enter committee decisions: the committee's members do, on its page.
    expect(measure.get_by_role("button", name="Ausschussbeschluss erfassen")).to_have_count(0)
    committee = next(c for c in server.get("/api/committees") if c["name"] == COMMITTEE)
    desk = new_page("ausschuss")
    desk.goto(f"/ausschuesse/{committee['id']}")
    paper = desk.locator("article.docket-entry", has_text=f"V/2028/{tag}")
    paper.get_by_label("Beschlussart").select_option("rejected")
    paper.get_by_role("button", name="Beschluss speichern").click()
    expect(paper.get_by_role("alert")).to_contain_text("Begründung")
    expect(paper.get_by_label("Beschlussart")).to_have_value("rejected")
    paper.get_by_label("Beschlussart").select_option("approved")
    paper.get_by_label("Sitzungsdatum").fill("2028-05-04")
    paper.get_by_role("button", name="Beschluss speichern").click()
    expect(paper.locator("p.decision")).to_contain_text("beschlossen")
    page.reload()
    measure = page.locator("article", has_text=measure_title)
    expect(measure.locator(".badge")).to_have_text("Beschlossen")
    expect(measure.get_by_role("button", name="Umsetzung beginnen")).to_be_visible()

    rows = [m for m in server.get(f"/api/measures?conference_id={conference_id}") if m["title"] != lapsing_title]
    assert [(m["title"], m["status"], m["paper_number"]) for m in rows] == [
        (measure_title, "approved", f"V/2028/{tag}")
    ]
    assert rows[0]["committee_id"] == committee["id"]
    assert server.get(f"/api/conferences/{conference_id}")["status"] == "closed"
    # The two refused commands above (and the committee's one) are logged by the browser; nothing else may be.
    refused = [e for e in page.console_errors if re.search(r"status of (400|409|422)", e)]
    assert len(refused) == 2, page.console_errors
    assert [e for e in page.console_errors if e not in refused] == []
    assert len(desk.console_errors) == 1 and "status of 400" in desk.console_errors[0], desk.console_errors


def test_organiser_carries_over_every_group_of_the_previous_cycle(new_page: Any, server: RunningServer) -> None:
    series = f"Stadtbezirkskonferenz Test {uuid.uuid4().hex[:6]}"
    base = {"kind": "district", "series": series, "venue": "Stadtteilzentrum", "district": "Nordstadt"}
    previous = server.send(
        "POST",
        "/api/conferences",
        {**base, "title": f"{series} 2025", "cycle": "2025", "starts_on": "2025-04-01"},
    )["id"]
    for name in ("Jugend", "Wohnen im Quartier"):
        server.send("POST", f"/api/conferences/{previous}/working-groups", {"name": name, "topic": ""})
    current = server.send(
        "POST",
        "/api/conferences",
        {
            **base,
            "title": f"{series} 2027",
            "cycle": "2027",
            "starts_on": "2027-04-01",
            "previous_conference_id": previous,
        },
    )["id"]

    page = new_page(ORGANISER)
    page.goto(f"/konferenzen/{current}")
    groups = page.get_by_role("region", name="Arbeitsgruppen", exact=True)
    expect(groups).to_contain_text("Es ist noch keine Arbeitsgruppe gebildet.")
    groups.get_by_role("button", name="Alle 2 Arbeitsgruppen übernehmen").click()
    expect(groups.get_by_role("link", name="Jugend")).to_be_visible()
    expect(groups.get_by_role("link", name="Wohnen im Quartier")).to_be_visible()
    expect(groups).to_contain_text("Alle Arbeitsgruppen der Vorgängerkonferenz sind übernommen.")

    # Someone else sets the focus topic meanwhile: the page follows live, what is being typed stays.
    page.get_by_role("textbox", name="Schwerpunktthema", exact=True).fill("Mein Entwurf")
    server.send("PUT", f"/api/conferences/{current}/focus-topic", {"focus_topic": "Jugend im Stadtteil"})
    expect(page.locator("dl.facts")).to_contain_text("Jugend im Stadtteil")
    expect(page.get_by_role("textbox", name="Schwerpunktthema", exact=True)).to_have_value("Mein Entwurf")
    expect(page.get_by_text("Es gibt ungespeicherte Änderungen.")).to_be_visible()

    before = {g["name"]: g["lineage_id"] for g in server.get(f"/api/conferences/{previous}")["working_groups"]}
    after = {g["name"]: g["lineage_id"] for g in server.get(f"/api/conferences/{current}")["working_groups"]}
    assert after == before
    assert page.console_errors == []


def test_a_finished_cycle_shows_its_measures_by_group_with_follow_up_forms(
    new_page: Any, server: RunningServer
) -> None:
    conference = next(c for c in server.get("/api/conferences") if c["title"] == "Sozialkonferenz Lindenau 2024")
    detail = server.get(f"/api/conferences/{conference['id']}")
    measures = server.get(f"/api/measures?conference_id={conference['id']}&limit=1000")
    page = new_page(ORGANISER)
    page.goto(f"/konferenzen/{conference['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text(conference["title"])
    expect(page.locator("dl.facts .badge")).to_have_text("Dokumentiert")
    expect(page.get_by_role("button", name="Tagesordnung speichern")).to_have_count(0)
    region = page.get_by_role("region", name="Maßnahmen im Plenum und danach")
    expect(region.locator("article")).to_have_count(len(measures))
    for group in detail["working_groups"]:
        if any(m["working_group_id"] == group["id"] for m in measures):
            expect(
                region.get_by_role("heading", name=f"AG {group['number']}: {group['name']}", exact=True)
            ).to_be_visible()
    running = [m for m in measures if m["status"] == "in_implementation"]
    assert running, "Die Demo hat Maßnahmen in Umsetzung"
    item = region.locator("article", has_text=running[0]["title"])
    expect(item.get_by_role("button", name="Fortschritt berichten")).to_be_visible()
    expect(item).to_contain_text(f"Fortschritt bisher: {running[0]['progress']} %")
    check_accessibility(page, "Konferenzseite, dokumentiert")
    assert page.console_errors == []
