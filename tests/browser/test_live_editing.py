"""The live proposal form: two people writing at once, offline editing, agreeing in the group, reading along."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, RunningServer, check_accessibility

LABELS = [
    "Titel",
    "Beschreibung",
    "Ziel",
    "Zielgruppe",
    "Sozialraum/Stadtteil",
    "Federführung",
    "Partner",
    "Zeitraum",
    "Kosten",
    "Finanzierung",
    "Indikatoren",
]
OFFLINE = "Offline – Ihre Änderungen werden im Browser gespeichert"
# Going offline on purpose makes the browser log the requests it could not make (the change
# feed's reconnects, the live connection's retries); those and only those are expected here.
OFFLINE_NOISE = ("ERR_INTERNET_DISCONNECTED", "WebSocket connection to")


MODERATOR = "moderation"  # Andrea Wolff, moderator of AG 1 (Kinderarmut) in 2026
MEMBER = "Aylin Demir"  # a member of AG 1; the tests make her an account


def new_proposal(server: RunningServer, title: str, group_number: int = 1) -> tuple[str, str]:
    """A fresh proposal in a working group of the 2026 Lindenau conference (in session), drafted by its moderator."""
    conference = next(
        c for c in server.get("/api/conferences") if c["series"] == "Sozialkonferenz Lindenau" and c["cycle"] == "2026"
    )
    group = next(g for g in server.get(f"/api/conferences/{conference['id']}")["working_groups"]
                 if g["number"] == group_number)  # fmt: skip
    created = server.send(
        "POST",
        f"/api/working-groups/{group['id']}/measures",
        {"fields": {"title": title}},
        MODERATOR if group_number == 1 else "organisation",
    )
    return group["id"], created["id"]


def editor(page: Any, label: str) -> Any:
    return page.get_by_role("textbox", name=label, exact=True)


def type_at_end(page: Any, label: str, text: str) -> None:
    field = editor(page, label)
    field.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def open_form(page: Any, group_id: str, measure_id: str) -> None:
    page.goto(f"/arbeitsgruppen/{group_id}/vorschlaege/{measure_id}")
    expect(page.locator(".collab-connection")).to_have_text("Verbunden")


def unexpected_errors(page: Any) -> list[str]:
    return [e for e in page.console_errors if not any(noise in e for noise in OFFLINE_NOISE)]


def test_two_people_write_at_once_and_see_each_other(new_page: Any, server: RunningServer) -> None:
    group_id, measure_id = new_proposal(server, "Familienzentrum als Lernort")
    andrea = new_page(MODERATOR)
    aylin = new_page(person=MEMBER)
    open_form(andrea, group_id, measure_id)
    open_form(aylin, group_id, measure_id)
    expect(andrea.get_by_role("heading", level=1)).to_contain_text("Vorschlag M-2026-01.")
    expect(editor(aylin, "Titel")).to_have_text("Familienzentrum als Lernort")

    type_at_end(andrea, "Ziel", "Mehr Familien nutzen das Angebot.")
    type_at_end(aylin, "Zielgruppe", "Familien mit kleinen Kindern")
    type_at_end(andrea, "Beschreibung", " Andrea schreibt hier.")
    # Aylin goes on at the end once Andrea's sentence has reached her (else she writes into its middle).
    expect(editor(aylin, "Beschreibung")).to_contain_text("Andrea schreibt hier.")
    type_at_end(aylin, "Beschreibung", " Aylin ergänzt.")

    for page in (andrea, aylin):
        description = editor(page, "Beschreibung")
        expect(description).to_contain_text("Andrea schreibt hier.")
        expect(description).to_contain_text("Aylin ergänzt.")
        expect(editor(page, "Ziel")).to_have_text("Mehr Familien nutzen das Angebot.")
        expect(editor(page, "Zielgruppe")).to_have_text("Familien mit kleinen Kindern")
    for label in LABELS:
        expect(editor(aylin, label)).to_have_text(editor(andrea, label).inner_text())

    expect(andrea.locator(".presence")).to_contain_text("Aylin Demir")
    expect(aylin.locator(".presence")).to_contain_text("Andrea Wolff")
    # Aylin's caret is in the description: Andrea sees it there, with Aylin's name.
    expect(andrea.locator(".field-description .ql-cursor .ql-cursor-name")).to_have_text("Aylin Demir")
    check_accessibility(andrea, "Vorschlagsformular")
    assert andrea.console_errors == [] and aylin.console_errors == []


def test_offline_edits_merge_when_the_connection_returns(new_page: Any, server: RunningServer) -> None:
    group_id, measure_id = new_proposal(server, "Offline weiterschreiben")
    andrea = new_page(MODERATOR)
    aylin = new_page(person=MEMBER)
    open_form(andrea, group_id, measure_id)
    open_form(aylin, group_id, measure_id)

    andrea.context.set_offline(True)
    expect(andrea.locator(".collab-connection")).to_contain_text(OFFLINE)
    type_at_end(andrea, "Partner", "Stadtteilbibliothek (offline notiert)")
    type_at_end(aylin, "Partner", "Jugendamt")
    expect(editor(aylin, "Partner")).to_have_text("Jugendamt")
    expect(editor(andrea, "Partner")).not_to_contain_text("Jugendamt")

    andrea.context.set_offline(False)
    expect(andrea.locator(".collab-connection")).to_have_text("Verbunden")
    for page in (andrea, aylin):
        expect(editor(page, "Partner")).to_contain_text("Stadtteilbibliothek (offline notiert)")
        expect(editor(page, "Partner")).to_contain_text("Jugendamt")
    expect(editor(aylin, "Partner")).to_have_text(editor(andrea, "Partner").inner_text())
    assert unexpected_errors(andrea) == [] and aylin.console_errors == []


def test_offline_edits_survive_closing_the_page(new_page: Any, server: RunningServer) -> None:
    group_id, measure_id = new_proposal(server, "Im Browser gespeichert")
    andrea = new_page(MODERATOR)
    aylin = new_page(person=MEMBER)
    open_form(andrea, group_id, measure_id)
    open_form(aylin, group_id, measure_id)
    context = andrea.context

    context.set_offline(True)
    expect(andrea.locator(".collab-connection")).to_contain_text(OFFLINE)
    type_at_end(andrea, "Indikatoren", "Besuche pro Monat (Ziel: 80)")
    expect(editor(andrea, "Indikatoren")).to_have_text("Besuche pro Monat (Ziel: 80)")
    expect(andrea.locator(".local-save")).to_have_text("Alle Änderungen sind im Browser gesichert.")
    assert unexpected_errors(andrea) == []
    andrea.close()

    context.set_offline(False)
    again = context.new_page()
    again.goto(f"/arbeitsgruppen/{group_id}/vorschlaege/{measure_id}")
    expect(editor(again, "Indikatoren")).to_have_text("Besuche pro Monat (Ziel: 80)")
    expect(again.locator(".collab-connection")).to_have_text("Verbunden")
    expect(editor(aylin, "Indikatoren")).to_have_text("Besuche pro Monat (Ziel: 80)")


def test_agreeing_in_the_group_freezes_the_form(new_page: Any, server: RunningServer) -> None:
    group_id, measure_id = new_proposal(server, "Sprechstunde im Quartier")
    page = new_page(MODERATOR)
    open_form(page, group_id, measure_id)
    expect(page.locator(".proposal-facts .badge")).to_have_text("Entwurf")
    type_at_end(page, "Titel", " für Alleinerziehende")
    expect(editor(page, "Titel")).to_have_text("Sprechstunde im Quartier für Alleinerziehende")

    # Asked first: the dialog names the consequence; Escape cancels and nothing changes.
    agree = page.get_by_role("button", name="In der AG beschließen")
    agree.click()
    dialog = page.get_by_role("dialog", name="Vorschlag in der AG beschließen?")
    expect(dialog).to_contain_text("Der Text wird eingefroren; danach kann die AG ihn nicht mehr bearbeiten.")
    expect(dialog.get_by_role("button", name="Abbrechen")).to_be_focused()
    check_accessibility(page, "Rückfrage vor dem AG-Beschluss")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the focus stays inside the dialog
    expect(dialog.get_by_role("button", name="Abbrechen")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(agree).to_be_focused()
    assert server.get(f"/api/measures/{measure_id}")["status"] == "drafted"
    expect(editor(page, "Titel")).to_have_attribute("contenteditable", "true")

    # Confirmed with empty required fields: refused, and the form says which ones.
    agree.click()
    dialog.get_by_role("button", name="Ja, beschließen").click()
    refusal = page.locator(".card", has=page.get_by_role("heading", name="Moderation")).get_by_role("alert")
    expect(refusal).to_contain_text("Diese Pflichtfelder sind noch leer")
    expect(refusal.get_by_role("listitem")).to_have_text(["Beschreibung", "Ziel", "Zielgruppe", "Federführung"])
    check_accessibility(page, "Abgelehnter AG-Beschluss")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "agreement-refused-missing-fields.png"), full_page=True)
    assert server.get(f"/api/measures/{measure_id}")["status"] == "drafted"
    expect(editor(page, "Titel")).to_have_attribute("contenteditable", "true")  # still editable

    for label, text in (("Beschreibung", "Offene Sprechstunde."), ("Ziel", "Beratung ohne Termin."),
                        ("Zielgruppe", "Alleinerziehende"), ("Federführung", "Jugendamt")):  # fmt: skip
        type_at_end(page, label, text)
        expect(editor(page, label)).to_have_text(text)
    agree.click()
    dialog.get_by_role("button", name="Ja, beschließen").click()
    expect(page.locator(".proposal-facts .badge")).to_have_text("In der AG beschlossen")
    expect(page.locator(".frozen-notice")).to_contain_text("eingefroren")
    for label in LABELS:
        expect(editor(page, label)).to_have_attribute("contenteditable", "false")
    expect(page.get_by_role("button", name="In der AG beschließen")).to_have_count(0)

    # The group agreed on the text as it stood in the editor.
    deadline = time.monotonic() + 15
    while server.get(f"/api/measures/{measure_id}")["title"] != "Sprechstunde im Quartier für Alleinerziehende":
        assert time.monotonic() < deadline, "Der beschlossene Titel kam nicht an"
        time.sleep(0.2)

    page.reload()
    expect(page.locator(".notice")).to_contain_text("eingefroren")
    expect(page.locator("dl.proposal-readonly")).to_contain_text("Sprechstunde im Quartier für Alleinerziehende")
    expect(page.get_by_role("textbox")).to_have_count(0)
    check_accessibility(page, "Eingefrorener Vorschlag")
    refused = [e for e in page.console_errors if "status of 422" in e]  # the agreement with empty fields
    assert len(refused) == 1 and [e for e in page.console_errors if e not in refused] == [], page.console_errors


def test_a_member_of_another_group_reads_along_but_cannot_edit(new_page: Any, server: RunningServer) -> None:
    group_id, measure_id = new_proposal(server, "Nur zum Mitlesen", group_number=3)
    organiser = new_page("organisation")
    reader = new_page("mitglied")  # Anja Sommer: member of AG 1 and AG 4 of this conference, not of AG 3
    open_form(organiser, group_id, measure_id)
    open_form(reader, group_id, measure_id)

    notice = reader.locator(".read-only-notice")
    expect(notice).to_have_text("Nur Lesezugriff – bearbeiten können die Mitglieder der Arbeitsgruppe.")
    for label in LABELS:
        expect(editor(reader, label)).to_have_attribute("contenteditable", "false")
    expect(reader.get_by_role("button", name="In der AG beschließen")).to_have_count(0)
    expect(reader.get_by_role("button", name="Zurückziehen")).to_have_count(0)

    # She reads along: what the organiser writes reaches her at once, and both see each other.
    type_at_end(organiser, "Ziel", "Alle Kinder erreichen.")
    expect(editor(reader, "Ziel")).to_have_text("Alle Kinder erreichen.")
    expect(reader.locator(".presence")).to_contain_text("Katrin Hoffmann")

    # What she types goes nowhere: not into her editor, not to the organiser, not to the server.
    editor(reader, "Titel").click(force=True)
    reader.keyboard.press("Control+End")
    reader.keyboard.type(" GEÄNDERT")
    editor(reader, "Beschreibung").click(force=True)
    reader.keyboard.type("Von außen geschrieben")
    type_at_end(organiser, "Zielgruppe", "Grundschulkinder")  # the last edit: everything before it has arrived
    expect(editor(reader, "Zielgruppe")).to_have_text("Grundschulkinder")
    expect(editor(reader, "Titel")).to_have_text("Nur zum Mitlesen")
    expect(editor(organiser, "Titel")).to_have_text("Nur zum Mitlesen")
    expect(editor(organiser, "Beschreibung")).not_to_contain_text("Von außen")
    now = quote(datetime.now(UTC).isoformat())
    text = server.get(f"/api/measures/{measure_id}/text?at={now}")["fields"]
    assert text["title"].strip() == "Nur zum Mitlesen"
    assert "Von außen" not in text["description"]
    assert text["target_group"].strip() == "Grundschulkinder"
    authors = server.get(f"/api/measures/{measure_id}/authors")["people"]
    assert "Anja Sommer" not in {a["actor_name"] for a in authors}

    check_accessibility(reader, "Vorschlag, nur lesen")
    assert reader.console_errors == [] and organiser.console_errors == []


def test_revoking_the_role_ends_reading_along_at_once(new_page: Any, server: RunningServer) -> None:
    group_id, measure_id = new_proposal(server, "Mitlesen bis auf Widerruf", group_number=3)
    conference_id = server.get(f"/api/working-groups/{group_id}")["conference_id"]
    seidel = server.person("Katharina Seidel")  # no part in this conference but the role granted here
    roles = f"/api/conferences/{conference_id}/roles"
    server.send("POST", roles, {"person_id": seidel, "role": "committee_member"})
    page = new_page("oeffentlichkeit")
    open_form(page, group_id, measure_id)
    expect(page.locator(".read-only-notice")).to_be_visible()

    server.send("POST", f"{roles}/revocation", {"person_id": seidel, "role": "committee_member", "reason": "Test"})
    notice = page.locator(".frozen-notice")
    expect(notice).to_have_text("Keine Berechtigung mehr für diesen Vorschlag.")
    expect(page.locator(".collab-connection")).to_have_text("Nur lesen")
    expect(page.locator(".read-only-notice")).to_have_count(0)
    for label in LABELS:
        expect(editor(page, label)).to_have_attribute("contenteditable", "false")
    assert page.console_errors == []


def test_withdrawing_asks_for_a_reason(new_page: Any, server: RunningServer) -> None:
    group_id, measure_id = new_proposal(server, "Doppelt angelegt")
    page = new_page(MODERATOR)
    open_form(page, group_id, measure_id)
    page.get_by_role("button", name="Zurückziehen").click()
    page.get_by_role("button", name="Vorschlag zurückziehen").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte eine Begründung angeben.")
    page.get_by_label("Begründung für das Zurückziehen").fill("Gleicher Vorschlag wie M-2026-03.1")
    page.get_by_role("button", name="Vorschlag zurückziehen").click()
    expect(page.locator(".proposal-facts .badge")).to_have_text("Zurückgezogen")
    expect(page.locator(".frozen-notice")).to_be_visible()
    expect(editor(page, "Titel")).to_have_attribute("contenteditable", "false")
    assert server.get(f"/api/measures/{measure_id}")["status"] == "withdrawn"
    assert page.console_errors == []
