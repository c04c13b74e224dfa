"""The committee's desk and what the public sees, in Debian's Chromium.

As ``ausschuss`` (Renate Klein, member of the Sozialausschuss): the docket with the adopted text and its
SHA-256, and a decision recorded there. As ``mitglied``: the same docket, no way to decide (the
API refuses her too: tests/access/test_committee_desk.py). As ``oeffentlichkeit``: a group page and
a measure page without anyone's name.
"""

from __future__ import annotations

import uuid
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility


def submitted_paper(server: RunningServer) -> tuple[str, str, str, dict[str, Any]]:
    """An adopted measure of an own series, submitted to the SozA: (committee id, measure id, paper, adopted text)."""
    series = f"Testreihe Ausschuss {uuid.uuid4().hex[:8]}"

    def send(path: str, body: dict[str, Any], method: str = "POST") -> Any:
        return server.send(method, f"/api{path}", body)  # as the organiser

    conference = send("/conferences", {"title": f"{series} 2030", "kind": "city", "series": series, "cycle": "2030",
                                       "starts_on": "2030-03-01"})["id"]  # fmt: skip
    send(f"/conferences/{conference}/focus-topic", {"focus_topic": "Teilhabe"}, "PUT")
    send(f"/conferences/{conference}/agenda", {"items": ["Arbeitsgruppen", "Plenum"]}, "PUT")
    group = send(f"/conferences/{conference}/working-groups", {"name": "Wohnen", "topic": "Wohnraum"})["id"]
    send(f"/conferences/{conference}/invitations", {"organisation_ids": [server.get("/api/organisations")[0]["id"]]})
    send(f"/conferences/{conference}/preparation", {})
    send(f"/conferences/{conference}/session/open", {})
    fields = {
        "title": f"Mietschuldenberatung {series[-8:]}",
        "description": "Beratung in allen Stadtteilen.",
        "goal": "Weniger Räumungsklagen.",
        "target_group": "Mieterinnen und Mieter mit Schulden",
        "lead": "Sozialamt",
    }
    measure = send(f"/working-groups/{group}/measures", {"fields": fields})["id"]
    send(f"/measures/{measure}/agreement", {})
    send(f"/measures/{measure}/adoption", {})
    send(f"/conferences/{conference}/session/close", {})
    committee = next(c["id"] for c in server.get("/api/committees") if c["short_name"] == "SozA")
    paper = f"V/2030/{series[-8:]}"
    send(f"/measures/{measure}/submission", {"committee_id": committee, "paper_number": paper})
    adopted = server.get(f"/api/measures/{measure}/decision-texts")[-1]["frozen"]
    return committee, measure, paper, adopted


def test_a_committee_member_sees_the_docket_and_records_an_amended_decision(
    new_page: Any, server: RunningServer
) -> None:
    committee, measure, paper, adopted = submitted_paper(server)
    page = new_page("ausschuss")
    page.goto(f"/ausschuesse/{committee}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("SozA")
    expect(page.locator("section[aria-labelledby='members-title']")).to_contain_text("Renate Klein")
    entry = page.locator("article.docket-entry", has_text=paper)
    expect(entry).to_contain_text(adopted["sha256"])
    expect(entry).to_contain_text("Beratung in allen Stadtteilen.")
    check_accessibility(page, "Ausschuss, Vorlage offen")

    form = entry.get_by_role("form")
    form.get_by_label("Beschlussart").select_option("amended")
    form.get_by_label("Sitzungsdatum").fill("2030-05-12")
    form.get_by_label("Begründung").fill("Zunächst in zwei Stadtteilen")
    form.get_by_label("Beschreibung").fill("Beratung in zwei Stadtteilen.")
    form.get_by_role("button", name="Beschluss speichern").click()

    expect(entry).to_contain_text("mit Änderungen beschlossen")
    expect(entry.get_by_role("form")).to_have_count(0)
    [decided] = [d for d in server.get(f"/api/committees/{committee}")["docket"] if d["paper_number"] == paper]
    assert decided["decision"] == "amended" and decided["decided_on"] == "2030-05-12"
    assert decided["decided_text"]["fields"]["description"] == "Beratung in zwei Stadtteilen."
    expect(entry).to_contain_text(decided["decided_text"]["sha256"])
    assert server.get(f"/api/measures/{measure}")["status"] == "amended"
    check_accessibility(page, "Ausschuss, entschieden")
    assert page.console_errors == []


def test_a_group_member_sees_the_docket_but_cannot_decide(new_page: Any, server: RunningServer) -> None:
    committee, _, paper, adopted = submitted_paper(server)
    page = new_page("mitglied")
    page.goto(f"/ausschuesse/{committee}")
    entry = page.locator("article.docket-entry", has_text=paper)
    expect(entry).to_contain_text(adopted["sha256"])
    expect(entry).to_contain_text("noch nicht entschieden")
    expect(page.get_by_role("button", name="Beschluss speichern")).to_have_count(0)
    expect(page.get_by_role("form")).to_have_count(0)
    assert page.console_errors == []


def test_the_public_sees_no_names_on_a_group_page_and_a_measure_page(new_page: Any, server: RunningServer) -> None:
    conference = next(c for c in server.get("/api/conferences") if c["cycle"] == "2026")
    groups = server.get(f"/api/conferences/{conference['id']}")["working_groups"]
    board = next(b for b in (server.get(f"/api/working-groups/{g['id']}") for g in groups) if b["members"])
    names = [p["name"] for p in board["members"] + board["moderators"]]
    measure = server.get("/api/measures?cycle=2024&limit=1")[0]
    history = server.get(f"/api/history/{measure['id']}")
    people = {p["id"]: p["name"] for p in server.get("/api/people")}
    actors = {people[e["actor_id"]] for e in history if e.get("actor_id") in people}
    assert names and actors  # the organiser sees them: there is something to hide

    page = new_page("oeffentlichkeit")
    page.goto(f"/arbeitsgruppen/{board['id']}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(board["name"])
    facts = page.locator("dl.group-facts")
    expect(facts).to_contain_text(f"{len(board['members'])} (Namen nur für Beteiligte)")
    for name in names:
        expect(page.locator("body")).not_to_contain_text(name)
    check_accessibility(page, "AG, öffentlich")

    page.goto(f"/massnahmen/{measure['id']}")
    timeline = page.locator("table.measure-timeline tbody tr")
    expect(timeline).to_have_count(len(history))
    expect(timeline.first).to_contain_text("nicht öffentlich")
    for name in actors:
        expect(page.locator("body")).not_to_contain_text(name)
    check_accessibility(page, "Maßnahme, öffentlich")

    page.goto(f"/konferenzen/{conference['id']}")  # the groups' table counts members without knowing them
    row = page.locator("tr", has=page.get_by_role("link", name=board["name"]))
    expect(row).to_contain_text(str(len(board["members"])))
    for name in names:
        expect(page.locator("body")).not_to_contain_text(name)
    assert page.console_errors == []
