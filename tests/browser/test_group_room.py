"""The working group room: members, proposals, a new proposal, evaluating last cycle's measures."""

from __future__ import annotations

import re
import uuid
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility


def lindenau_2026(server: RunningServer) -> dict[str, Any]:
    conference = next(
        c for c in server.get("/api/conferences") if c["series"] == "Sozialkonferenz Lindenau" and c["cycle"] == "2026"
    )
    return server.get(f"/api/conferences/{conference['id']}")


def test_room_shows_group_people_proposals_and_evaluation(new_page: Any, server: RunningServer) -> None:
    conference = lindenau_2026(server)
    group = server.get(f"/api/working-groups/{conference['working_groups'][0]['id']}")
    page = new_page("mitglied")  # Anja Sommer, a member of this group
    page.goto(f"/arbeitsgruppen/{group['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"AG {group['number']}: {group['name']}")
    expect(page.get_by_role("link", name=conference["title"])).to_have_attribute(
        "href", f"/konferenzen/{conference['id']}"
    )
    facts = page.locator("dl.group-facts")
    for person in group["moderators"] + group["members"]:
        expect(facts).to_contain_text(person["name"])
    assert group["proposals"], "Die Demo-AG hat Vorschläge"
    for proposal in group["proposals"]:
        row = page.locator("table.proposals tr", has=page.get_by_text(proposal["reference"], exact=True))
        expect(row.get_by_role("link", name=proposal["title"])).to_have_attribute(
            "href", f"/arbeitsgruppen/{group['id']}/vorschlaege/{proposal['id']}"
        )
        expect(row.locator(".badge")).to_have_count(1)
        expect(row.get_by_role("link", name=f"Maßnahmenseite {proposal['reference']}")).to_have_attribute(
            "href", f"/massnahmen/{proposal['id']}"
        )
    for measure in group["to_evaluate"]:
        expect(page.get_by_role("heading", name=f"{measure['reference']}: {measure['title']}", level=3)).to_be_visible()
    # Members write proposals; evaluating is the moderation's task.
    expect(page.get_by_role("button", name="Vorschlag anlegen")).to_be_visible()
    assert group["to_evaluate"], "Die Demo-AG hat Maßnahmen zu evaluieren"
    expect(page.get_by_role("button", name="Evaluierung speichern")).to_have_count(0)
    check_accessibility(page, "Arbeitsgruppenraum")
    assert page.console_errors == []


def test_a_new_proposal_opens_its_live_form(new_page: Any, server: RunningServer) -> None:
    group = lindenau_2026(server)["working_groups"][0]
    page = new_page(person="Aylin Demir")  # a member of the group, with an account made for the test
    page.goto(f"/arbeitsgruppen/{group['id']}")
    page.get_by_role("button", name="Vorschlag anlegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte einen Titel")
    page.get_by_label("Titel des neuen Vorschlags").fill("Mobile Beratung auf dem Wochenmarkt")
    page.get_by_role("button", name="Vorschlag anlegen").click()
    expect(page).to_have_url(re.compile(rf"/arbeitsgruppen/{group['id']}/vorschlaege/[0-9a-f-]{{36}}$"))
    expect(page.get_by_role("textbox", name="Titel", exact=True)).to_have_text("Mobile Beratung auf dem Wochenmarkt")
    expect(page.locator(".proposal-facts .badge")).to_have_text("Entwurf")
    page.get_by_role("link", name=re.compile(r"^AG \d+: ")).click()
    expect(page.get_by_role("link", name="Mobile Beratung auf dem Wochenmarkt")).to_be_visible()
    assert page.console_errors == []


def previous_cycle_with_an_approved_measure(server: RunningServer) -> tuple[str, str, str]:
    """An own series: cycle 1 adopts and approves a measure, cycle 2 carries the group over.

    Returns (group id in cycle 2, measure id, measure title).
    """
    series = f"Testreihe Evaluierung {uuid.uuid4().hex[:8]}"

    def send(path: str, body: dict[str, Any], method: str = "POST") -> Any:
        return server.send(method, f"/api{path}", body)  # as the organiser

    first = send("/conferences", {"title": f"{series} 2030", "kind": "city", "series": series, "cycle": "2030",
                                  "starts_on": "2030-03-01"})["id"]  # fmt: skip
    send(f"/conferences/{first}/focus-topic", {"focus_topic": "Teilhabe"}, "PUT")
    send(f"/conferences/{first}/agenda", {"items": ["Arbeitsgruppen", "Plenum"]}, "PUT")
    group = send(f"/conferences/{first}/working-groups", {"name": "Wohnen", "topic": "Bezahlbarer Wohnraum"})["id"]
    send(f"/conferences/{first}/invitations", {"organisation_ids": [server.get("/api/organisations")[0]["id"]]})
    send(f"/conferences/{first}/preparation", {})
    send(f"/conferences/{first}/session/open", {})
    title = "Wohnraumberatung für Familien"
    fields = {"title": title, "description": "Beratung bei Wohnungssuche.", "goal": "Weniger Räumungen.",
              "target_group": "Familien mit geringem Einkommen", "lead": "Sozialamt"}  # fmt: skip
    measure = send(f"/working-groups/{group}/measures", {"fields": fields})["id"]
    send(f"/measures/{measure}/agreement", {})
    send(f"/measures/{measure}/adoption", {})
    send(f"/conferences/{first}/session/close", {})
    committee = next(c["id"] for c in server.get("/api/committees") if c["short_name"] == "SozA")
    send(f"/measures/{measure}/submission", {"committee_id": committee, "paper_number": "V/2030/1"})
    server.send("POST", f"/api/measures/{measure}/committee-decision",  # a member of the committee decides
                {"committee_id": committee, "decision": "approved", "decided_on": "2030-05-01"}, login="ausschuss")
    second = send("/conferences", {"title": f"{series} 2032", "kind": "city", "series": series, "cycle": "2032",
                                   "starts_on": "2032-03-01", "previous_conference_id": first})["id"]  # fmt: skip
    carried = send(f"/conferences/{second}/working-groups/carry-over", {"previous_group_id": group})["id"]
    return carried, measure, title


def test_evaluating_a_measure_of_the_previous_cycle(new_page: Any, server: RunningServer) -> None:
    group_id, measure_id, title = previous_cycle_with_an_approved_measure(server)
    page = new_page("organisation")
    page.goto(f"/arbeitsgruppen/{group_id}")
    item = page.locator("article.evaluation", has=page.get_by_role("heading", name=re.compile(title)))
    expect(item).to_contain_text("Noch nicht evaluiert.")
    item.get_by_label("Fortschritt der Umsetzung (%)").fill("70")
    item.get_by_label("Bewertung (1 = sehr schlecht, 5 = sehr gut)").select_option("4")
    item.get_by_label("Empfehlung").select_option(label="Anpassen und fortführen")
    item.get_by_label("Zusammenfassung").fill("Beratung gut angenommen, Wartezeiten zu lang.")
    item.get_by_role("button", name="Hemmnis hinzufügen").click()
    item.get_by_label("Kategorie 1").first.select_option(label="Personal")
    item.get_by_label("Beschreibung 1").first.fill("Eine Stelle war ein halbes Jahr unbesetzt.")
    item.get_by_role("button", name="Förderliche Rahmenbedingung hinzufügen").click()
    enablers = item.locator("fieldset", has_text="Förderliche Rahmenbedingungen")
    enablers.get_by_label("Kategorie 1").select_option(label="Kooperation")
    enablers.get_by_label("Beschreibung 1").fill("Die Wohnungsbaugesellschaft meldet freie Wohnungen.")
    check_accessibility(page, "Evaluierungsformular")
    item.get_by_role("button", name="Evaluierung speichern").click()

    recorded = item.locator("dl.recorded-evaluation")
    expect(recorded).to_contain_text("70 %")
    expect(recorded).to_contain_text("Anpassen und fortführen")
    expect(recorded).to_contain_text("Beratung gut angenommen, Wartezeiten zu lang.")
    expect(recorded).to_contain_text("Personal: Eine Stelle war ein halbes Jahr unbesetzt.")
    expect(recorded).to_contain_text("Kooperation: Die Wohnungsbaugesellschaft meldet freie Wohnungen.")
    expect(item.locator(".badge")).to_have_text("Bewertet")
    measure = server.get(f"/api/measures/{measure_id}")
    assert measure["status"] == "evaluated"
    evaluation = server.get(f"/api/history/{measure_id}/state?version={measure['version']}")["evaluation"]
    assert (evaluation["progress"], evaluation["verdict"], evaluation["rating"]) == (70, "adapt", 4)
    assert evaluation["obstacles"] == [{"category": "staff", "text": "Eine Stelle war ein halbes Jahr unbesetzt."}]
    assert evaluation["enablers"] == [
        {"category": "cooperation", "text": "Die Wohnungsbaugesellschaft meldet freie Wohnungen."}
    ]
    assert page.console_errors == []
