"""The import page: an organiser checks a catalogue file (dry run), sees the unreadable row, imports the rest."""

from __future__ import annotations

import time
import uuid
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import ORGANISER, RunningServer, check_accessibility

CATALOGUE = (
    "Nr.;Maßnahme;Beschreibung;Zielgruppe;AG;Stadtteil;Bemerkung\n"
    "1;Mittagstisch für Kinder;Warmes Mittagessen nach der Schule;Grundschulkinder;Kinderarmut;Nordstadt;neu\n"
    "2;;Ohne Titel geht es nicht;;Kinderarmut;;\n"
    "3;Mieterberatung vor Ort;Sprechstunde im Stadtteilbüro;Mieterinnen und Mieter;Wohnen;Südstadt;\n"
).encode("cp1252")


def _prepared_conference(server: RunningServer) -> str:
    tag = uuid.uuid4().hex[:6]
    created = server.send("POST", "/api/conferences", {
        "title": f"Importkonferenz {tag}", "kind": "city", "series": f"Importstadt {tag}", "cycle": "2028",
        "starts_on": "2028-03-16",
    })  # fmt: skip
    conference = created["id"]
    for name in ("Kinderarmut", "Wohnen und Quartier"):
        server.send("POST", f"/api/conferences/{conference}/working-groups", {"name": name})
    server.send("PUT", f"/api/conferences/{conference}/focus-topic", {"focus_topic": "Teilhabe"})
    server.send("PUT", f"/api/conferences/{conference}/agenda", {"items": ["Begrüßung"]})
    organisation = server.get("/api/organisations")[0]["id"]
    server.send("POST", f"/api/conferences/{conference}/invitations", {"organisation_ids": [organisation]})
    server.send("POST", f"/api/conferences/{conference}/preparation", {})
    return str(conference)


def _titles_once_visible(server: RunningServer, conference: str, count: int) -> list[str]:
    """The catalogue's titles once the views show ``count`` measures of the conference (bounded wait)."""
    deadline = time.monotonic() + 15
    while True:
        titles = sorted(m["title"] for m in server.get(f"/api/measures?conference_id={conference}"))
        if len(titles) >= count or time.monotonic() > deadline:
            return titles
        time.sleep(0.1)


def test_organiser_checks_a_catalogue_and_imports_the_readable_rows(new_page: Any, server: RunningServer) -> None:
    conference = _prepared_conference(server)
    page = new_page(ORGANISER)
    page.goto(f"/konferenzen/{conference}")
    page.get_by_role("link", name="Maßnahmenkatalog importieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maßnahmenkatalog importieren")

    page.get_by_label("Datei").set_input_files(
        files=[{"name": "katalog.csv", "mimeType": "text/csv", "buffer": CATALOGUE}]
    )
    page.get_by_role("button", name="Datei prüfen (Probelauf)").click()
    expect(page.get_by_test_id("import-counts")).to_have_text(
        "3 Zeilen gelesen: 2 neue Maßnahmen, 0 bereits importiert, 0 doppelt in der Datei, 1 nicht lesbar, "
        "0 leere Zeilen übersprungen."
    )
    expect(page.get_by_text("Format: CSV · Zeichenkodierung: Windows-1252 · Trennzeichen: Semikolon")).to_be_visible()
    expect(page.get_by_role("row", name="G Bemerkung nicht erkannt, wird nicht gelesen")).to_be_visible()
    problems = page.get_by_test_id("import-problems")
    expect(problems.get_by_role("row").nth(1)).to_have_text("3BDer Titel der Maßnahme fehlt.")
    rows = page.get_by_test_id("import-rows")
    expect(rows).to_contain_text("Mittagstisch für Kinder")
    expect(rows).to_contain_text("Wohnen und Quartier")
    assert server.get(f"/api/measures?conference_id={conference}") == []  # the dry run wrote nothing
    check_accessibility(page, "Katalogimport, Probelauf")

    page.get_by_role("button", name="Nur die 2 lesbaren Zeilen importieren").click()
    expect(page.get_by_test_id("import-done")).to_have_text("Import abgeschlossen: 2 Maßnahmen angelegt.")
    assert _titles_once_visible(server, conference, 2) == ["Mieterberatung vor Ort", "Mittagstisch für Kinder"]

    # The same file again: nothing new.
    page.reload()
    page.get_by_label("Datei").set_input_files(
        files=[{"name": "katalog.csv", "mimeType": "text/csv", "buffer": CATALOGUE}]
    )
    page.get_by_role("button", name="Datei prüfen (Probelauf)").click()
    expect(page.get_by_test_id("import-counts")).to_contain_text("0 neue Maßnahmen, 2 bereits importiert")
    expect(page.get_by_text("Nichts Neues: alle Zeilen sind schon importiert.")).to_be_visible()
