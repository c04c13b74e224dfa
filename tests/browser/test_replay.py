"""The auditor's replay: the time slider shows the proposal text as it was at each step, live typing included."""

from __future__ import annotations

import re
import time
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility
from tests.browser.test_live_editing import MEMBER, MODERATOR, editor, new_proposal, open_form, type_at_end

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


def _live_steps(server: RunningServer, measure_id: str) -> list[dict[str, Any]]:
    return server.get(f"/api/measures/{measure_id}/live-steps", login="pruefung")  # type: ignore[no-any-return]


def test_replay_of_live_typing_shows_each_step_as_it_was_and_opens_it_keystroke_fine(
    new_page: Any, server: RunningServer
) -> None:
    group_id, measure_id = new_proposal(server, "Sprachcafé für Eltern")
    andrea = new_page(MODERATOR)
    aylin = new_page(person=MEMBER)
    open_form(andrea, group_id, measure_id)
    open_form(aylin, group_id, measure_id)
    type_at_end(andrea, "Beschreibung", "Andrea schreibt.")
    expect(editor(aylin, "Beschreibung")).to_have_text("Andrea schreibt.")
    type_at_end(aylin, "Ziel", "Aylin ergänzt.")
    expect(editor(andrea, "Ziel")).to_have_text("Aylin ergänzt.")
    deadline = time.monotonic() + 15  # stored with a short group-commit delay: wait until the step holds both
    while [p["actor_name"] for p in (_live_steps(server, measure_id) or [{"people": []}])[-1]["people"]] != [
        "Andrea Wolff", "Aylin Demir"
    ]:  # fmt: skip
        assert time.monotonic() < deadline, _live_steps(server, measure_id)
        time.sleep(0.1)
    [step] = _live_steps(server, measure_id)
    assert step["fields"] == ["description", "goal"] and step["updates"] >= len("Andrea schreibt.")

    page = new_page("pruefung")
    page.goto(f"/pruefung?massnahme={measure_id}")
    rows = page.locator("table.replay-timeline tbody tr")
    sentence = re.compile(r"^Andrea Wolff und Aylin Demir bearbeiteten Beschreibung und Ziel, \d\d:\d\d–\d\d:\d\d$")
    live_rows = rows.filter(has_text="Text gemeinsam bearbeitet")
    expect(live_rows).to_have_count(1)  # one step, not one row per stored batch of keystrokes
    expect(live_rows.first.locator("td").last).to_have_text(sentence)
    index = next(i for i in range(rows.count()) if "Text gemeinsam bearbeitet" in rows.nth(i).inner_text())

    # The slider on the live step: the text as it was right after it, not "Wird geladen …".
    slider = page.get_by_label("Zeitpunkt", exact=True)
    slider.fill(str(index))
    expect(page.locator("#replay-step-text")).to_have_text(sentence)
    expect(page.locator(".replay-text dd[data-field='description']")).to_have_text("Andrea schreibt.")
    expect(page.locator(".replay-text dd[data-field='goal']")).to_have_text("Aylin ergänzt.")
    expect(page.locator(".replay-text")).to_contain_text(f"Stand nach Version {step['last_version']}")
    # One step earlier (before anyone typed live) the fields were still empty.
    slider.fill(str(index - 1))
    expect(page.locator(".replay-text dd[data-field='description']")).to_have_text("(leer)")
    slider.fill(str(index))

    # Opened: every stored change with time, person, field and the text after it.
    page.get_by_text("Einzelne Änderungen dieses Schritts").click()
    changes = page.locator("table.replay-keystroke-list tbody tr")
    expect(changes).to_have_count(step["updates"])
    cells = [changes.nth(i).locator("td").all_inner_texts() for i in range(changes.count())]
    described = [text for _, who, field, text in cells if (who, field) == ("Andrea Wolff", "Beschreibung")]
    assert described[0] == "A" and described[-1] == "Andrea schreibt.", described
    assert all(later.startswith(earlier) for earlier, later in zip(described, described[1:], strict=False))
    assert cells[-1][1:] == ["Aylin Demir", "Ziel", "Aylin ergänzt."]
    check_accessibility(page, "Prüfung einer live bearbeiteten Maßnahme")
    assert page.console_errors == []
