"""The auditor's replay: the time slider shows the proposal text as it was at each step."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility

EARLY_GOAL = "Familien finden früh eine Anlaufstelle im Quartier."
LATE_GOAL = "Familien finden früh eine Anlaufstelle und eine feste Ansprechperson im Quartier."


def _fresh_measure(server: RunningServer) -> tuple[str, str, str]:
    """A new measure in the demo conference in session, edited twice by another person."""
    conference = next(c for c in server.get("/api/conferences") if c["status"] == "in_session" and c["kind"] == "city")
    group = server.get(f"/api/conferences/{conference['id']}")["working_groups"][0]
    drafter, editor = "moderation", "mitglied"  # Andrea Wolff moderates the group, Anja Sommer is a member
    body = {"fields": {"title": "Prüfpfad für Familienlotsen"}}
    created = server.send("POST", f"/api/working-groups/{group['id']}/measures", body, drafter)
    measure_id = str(created["id"])
    server.send("PATCH", f"/api/measures/{measure_id}/proposal", {"fields": {"goal": EARLY_GOAL}}, editor)
    server.send("PATCH", f"/api/measures/{measure_id}/proposal", {"fields": {"goal": LATE_GOAL}}, drafter)
    return measure_id, "Andrea Wolff", "Anja Sommer"


def test_replay_shows_the_proposal_text_as_it_was_then(new_page: Any, server: RunningServer) -> None:
    measure_id, drafter, editor = _fresh_measure(server)
    history = server.get(f"/api/history/{measure_id}")
    assert [e["type"] for e in history] == ["Measure.Drafted", "Measure.ProposalEdited", "Measure.ProposalEdited"]

    page = new_page("pruefung")
    page.goto(f"/pruefung?massnahme={measure_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Prüfung und Verlauf")
    goal = page.locator(".replay-text dd[data-field='goal']")
    step = page.locator("#replay-step-text")
    slider = page.get_by_label("Zeitpunkt", exact=True)

    # At the end: the latest text, changed by the drafter.
    expect(goal).to_have_text(LATE_GOAL)
    expect(step).to_have_text(f"Vorschlagstext geändert – von {drafter}")

    # One step back (keyboard): the moment before the later edit shows the earlier text.
    slider.focus()
    page.keyboard.press("ArrowLeft")
    expect(slider).to_have_value("1")
    expect(step).to_have_text(f"Vorschlagstext geändert – von {editor}")
    expect(goal).to_have_text(EARLY_GOAL)

    # Back to the start: the goal was still empty, the title already there.
    page.get_by_role("button", name="Vorheriges Ereignis").click()
    expect(step).to_have_text(f"Vorschlag angelegt – von {drafter}")
    expect(goal).to_have_text("(leer)")
    expect(page.locator(".replay-text dd[data-field='title']")).to_have_text("Prüfpfad für Familienlotsen")
    expect(page.get_by_role("button", name="Vorheriges Ereignis")).to_be_disabled()

    page.get_by_role("button", name="Nächstes Ereignis").click()
    page.get_by_role("button", name="Nächstes Ereignis").click()
    expect(goal).to_have_text(LATE_GOAL)

    # Filters reduce the timeline: by kind of event, then by person.
    rows = page.locator("table.replay-timeline tbody tr")
    expect(rows).to_have_count(3)
    page.get_by_label("Ereignisart").select_option(label="Vorschlagstext geändert")
    expect(rows).to_have_count(2)
    expect(page.get_by_text("2 von 3 Ereignissen")).to_be_visible()
    page.get_by_label("Person", exact=True).select_option(label=editor)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(editor)
    expect(goal).to_have_text(EARLY_GOAL)
    page.get_by_role("button", name="Eingrenzung aufheben").click()
    expect(rows).to_have_count(3)

    check_accessibility(page, "Prüfung einer Maßnahme")
    assert page.console_errors == []


def test_replay_of_a_conference_lists_its_events_with_download(new_page: Any, server: RunningServer) -> None:
    conference = next(c for c in server.get("/api/conferences") if c["status"] == "reported")
    page = new_page("pruefung")
    page.goto(f"/pruefung?konferenz={conference['id']}")
    expect(page.get_by_label("Konferenz", exact=True)).to_have_value(conference["id"])
    rows = page.locator("table.replay-timeline tbody tr")
    expect(rows.first).to_contain_text("Konferenz geplant")
    total = rows.count()
    assert total > 50
    page.get_by_label("Ereignisart").select_option(label="Sitzung eröffnet")
    expect(rows).to_have_count(1)
    expect(page.locator(".replay-state")).to_contain_text("In Sitzung")
    expect(page.get_by_role("link", name="als CSV (Tabelle)")).to_have_attribute(
        "href", f"/api/conferences/{conference['id']}/history.csv"
    )
    check_accessibility(page, "Prüfung einer Konferenz")
    assert page.console_errors == []


def test_the_auditor_sees_the_hash_chain_intact_with_the_apis_head(new_page: Any, server: RunningServer) -> None:
    page = new_page("pruefung")
    page.goto("/pruefung")
    panel = page.get_by_role("region", name="Prüfung der Hash-Kette")
    expect(panel.locator(".chain-result")).to_contain_text("Hash-Kette unversehrt")
    shown_hash = panel.locator("#chain-head-hash").inner_text()
    shown_position = int(panel.locator("#chain-head-position").inner_text())

    report = server.get("/api/audit/chain", login="pruefung")
    assert report["ok"] is True
    assert (shown_position, shown_hash) == (report["head_position"], report["head_hash"])
    assert panel.locator("#chain-checked").inner_text() == f"{report['checked']:,}".replace(",", ".")

    panel.get_by_role("button", name="Erneut prüfen").click()
    expect(panel.get_by_role("button", name="Erneut prüfen")).to_be_enabled()
    expect(panel.locator(".chain-result")).to_contain_text("Hash-Kette unversehrt")
    expect(panel.locator("#chain-head-hash")).to_have_text(report["head_hash"])
    check_accessibility(page, "Prüfung der Hash-Kette")
    assert page.console_errors == []
