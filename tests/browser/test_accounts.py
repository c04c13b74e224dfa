"""Sign-in, sign-out, invitation links, roles and what each role is offered, in the browser."""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Any
from urllib.parse import quote

from playwright.sync_api import expect

from tests.browser.conftest import RunningServer, check_accessibility

SERIES = "Sozialkonferenz Lindenau"


def conference(server: RunningServer, title: str) -> dict[str, Any]:
    return next(c for c in server.get("/api/conferences") if c["title"] == title)


def refused(page: Any, status: int) -> list[str]:
    """The browser's log lines for answers with this status (each refused request logs one)."""
    return [e for e in page.console_errors if f"status of {status}" in e]


def test_signing_in_through_the_form_and_out_again(new_page: Any, server: RunningServer) -> None:
    lindenau = conference(server, "Sozialkonferenz Lindenau 2026")
    page = new_page()

    # Signed out, a page of the application leads to sign-in, which remembers where to go on.
    page.goto(f"/konferenzen/{lindenau['id']}")
    expect(page).to_have_url(re.compile(r"/anmelden\?weiter=" + re.escape(quote(f"/konferenzen/{lindenau['id']}", ""))))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")
    expect(page.get_by_role("navigation", name="Hauptnavigation")).to_have_count(0)
    check_accessibility(page, "Anmeldung")

    page.get_by_label("Anmeldename").fill("ausschuss")
    page.get_by_label("Passwort").fill("kein-richtiges-passwort")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Anmeldename oder Passwort ist falsch.")
    expect(page.get_by_label("Passwort")).to_have_value("")
    expect(page.get_by_label("Anmeldename")).to_have_value("ausschuss")

    page.get_by_label("Passwort").fill("lindenau-demo")
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(rf"/konferenzen/{lindenau['id']}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(lindenau["title"])
    banner = page.get_by_role("banner")
    expect(banner).to_contain_text("Renate Klein")
    me = page.request.get("/api/session")
    assert me.ok and me.json()["login"] == "ausschuss"

    # Her name leads to her account page, where she makes an API key for a script.
    banner.get_by_role("link", name="Angemeldet als Renate Klein").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Konto")
    page.get_by_label("Bezeichnung").fill("Ausschussvorlagen")
    page.get_by_role("button", name="API-Schlüssel erzeugen").click()
    key = page.get_by_label("Neuer API-Schlüssel").input_value()
    check_accessibility(page, "Kontoseite")
    script = urllib.request.Request(server.url + "/api/session", headers={"Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(script, timeout=30) as response:
        assert json.loads(response.read())["name"] == "Renate Klein"

    banner.get_by_role("button", name="Abmelden").click()
    expect(page).to_have_url(re.compile(r"/anmelden$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")
    expect(banner).not_to_contain_text("Renate Klein")
    expect(banner.get_by_role("button", name="Abmelden")).to_have_count(0)
    assert page.request.get("/api/session").status == 401  # the session ended on the server too
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/anmelden\?weiter=%2F$"))
    # The wrong password was answered with 401; nothing else failed.
    assert len(refused(page, 401)) == 1, page.console_errors
    assert [e for e in page.console_errors if e not in refused(page, 401)] == []


def test_a_session_ended_elsewhere_leads_back_to_sign_in_and_on(new_page: Any, server: RunningServer) -> None:
    page = new_page("planung", fresh=True)  # its session ends here, not the other tests'
    page.goto("/")
    expect(page.get_by_role("heading", name=SERIES, level=2)).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text("Dr. Jonas Albrecht (Sozialplanung)")
    # Signed out in another tab: the session is gone on the server, the page does not know yet.
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "sk_csrf")
    assert page.request.delete("/api/session", headers={"X-CSRF-Token": csrf}).status == 204
    page.get_by_role("link", name="Zyklenvergleich").click()
    expect(page).to_have_url(re.compile(r"/anmelden\?weiter=%2Fvergleich$"))
    page.get_by_label("Anmeldename").fill("planung")
    page.get_by_label("Passwort").fill("lindenau-demo")
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(re.compile(r"/vergleich$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Zyklenvergleich")
    expect(page.get_by_role("banner")).to_contain_text("Dr. Jonas Albrecht")
    expect(page.locator(".connection")).to_have_text("Live verbunden")  # the change feed is back
    assert refused(page, 401), "Die beendete Sitzung wurde mit 401 beantwortet"


def test_sign_in_after_too_many_failures_says_how_long_to_wait(new_page: Any) -> None:
    page = new_page(lang="en")
    page.goto("/anmelden")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_role("button", name="Language: Deutsch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")
    # The server pauses sign-in for the whole address after repeated failures; provoking that here
    # would lock every other test out, so its answer (429 with Retry-After) is played back instead.
    problem = {
        "type": "about:blank",
        "title": "Zu viele Versuche",
        "status": 429,
        "detail": "Zu viele fehlgeschlagene Anmeldeversuche. Bitte in 42 Sekunden erneut versuchen.",
        "code": "too_many_attempts",
    }
    page.route(
        "**/api/session",
        lambda route: route.fulfill(
            status=429,
            headers={"Retry-After": "42", "Content-Type": "application/problem+json"},
            body=json.dumps(problem),
        ),
    )
    page.get_by_label("Anmeldename").fill("mitglied")
    page.get_by_label("Passwort").fill("noch-ein-versuch")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Zu viele fehlgeschlagene Anmeldeversuche. Bitte in 42 Sekunden erneut versuchen."
    )
    expect(page).to_have_url(re.compile(r"/anmelden$"))


def test_an_invitation_link_sets_up_an_account_once(new_page: Any, server: RunningServer) -> None:
    weststadt = conference(server, "Stadtbezirkskonferenz Weststadt 2026")
    organiser = new_page("organisation")
    organiser.goto(f"/konferenzen/{weststadt['id']}")
    section = organiser.get_by_role("region", name="Konten und Einladungslinks")
    section.get_by_label("Person").select_option(label="Elke Brandt")
    section.get_by_role("button", name="Einladungslink erstellen").click()
    link_field = section.get_by_label("Einladungslink für Elke Brandt")
    expect(link_field).to_have_value(re.compile(rf"^{re.escape(server.url)}/einladung/\S+$"))
    expect(section).to_contain_text("Gültig bis")
    check_accessibility(organiser, "Konferenzseite mit Rollen und Einladungslink")
    link = link_field.input_value()

    invited = new_page()
    invited.goto(link)
    expect(invited.get_by_role("heading", level=1)).to_have_text("Einladung für Elke Brandt")
    expect(invited.get_by_text("gültig bis")).to_be_visible()
    check_accessibility(invited, "Einladung")
    invited.get_by_label("Anmeldename").fill("elke.brandt")
    invited.get_by_label("Passwort", exact=True).fill("zu-kurz")
    invited.get_by_label("Passwort wiederholen").fill("zu-kurz")
    invited.get_by_role("button", name="Konto einrichten").click()
    expect(invited.get_by_role("alert")).to_contain_text("mindestens 10 Zeichen")
    invited.get_by_label("Passwort", exact=True).fill("Altstadttreff-2026")
    invited.get_by_label("Passwort wiederholen").fill("Altstadttreff-2025")
    invited.get_by_role("button", name="Konto einrichten").click()
    expect(invited.get_by_role("alert")).to_contain_text("stimmen nicht überein")
    invited.get_by_label("Passwort wiederholen").fill("Altstadttreff-2026")
    invited.get_by_role("button", name="Konto einrichten").click()
    expect(invited).to_have_url(re.compile(r"/$"))
    expect(invited.get_by_role("heading", level=1)).to_have_text("Sozialkonferenzen")
    expect(invited.get_by_role("banner")).to_contain_text("Elke Brandt")
    assert invited.console_errors == []

    # The new account signs in with the chosen password.
    server.passwords["elke.brandt"] = "Altstadttreff-2026"
    assert server.get("/api/session", login="elke.brandt")["name"] == "Elke Brandt"

    # The link works once.
    again = new_page()
    again.goto(link)
    expect(again.get_by_role("heading", level=1)).to_have_text("Einladung nicht mehr gültig")
    expect(again.get_by_role("alert")).to_contain_text("bereits verwendet")
    expect(again.get_by_role("button", name="Konto einrichten")).to_have_count(0)
    assert len(refused(again, 410)) == 1 and len(again.console_errors) == 1, again.console_errors


def test_an_organiser_grants_and_revokes_a_conference_role(new_page: Any, server: RunningServer) -> None:
    altstadt = conference(server, "Stadtbezirkskonferenz Altstadt 2026")
    page = new_page("organisation")
    page.goto(f"/konferenzen/{altstadt['id']}")
    roles = page.get_by_role("region", name="Rollen", exact=True)
    roles.get_by_label("Person").select_option(label="Katharina Seidel")
    roles.get_by_label("Rolle", exact=True).select_option(label="Ausschussmitglied")
    roles.get_by_role("button", name="Rolle vergeben").click()
    row = roles.locator("tr", has_text="Katharina Seidel")
    expect(row).to_contain_text("Ausschussmitglied")
    seidel = server.person("Katharina Seidel")
    granted = {r["person_id"]: r["roles"] for r in server.get(f"/api/conferences/{altstadt['id']}/roles")}
    assert granted[seidel] == ["committee_member"]

    row.get_by_role("button", name="Entziehen: Katharina Seidel, Ausschussmitglied").click()
    roles.get_by_role("button", name="Rolle entziehen").click()
    expect(roles.get_by_role("alert")).to_contain_text("Bitte eine Begründung angeben.")
    roles.get_by_label("Begründung für das Entziehen (Katharina Seidel, Ausschussmitglied)").fill(
        "Nicht mehr im Ausschuss"
    )
    roles.get_by_role("button", name="Rolle entziehen").click()
    expect(roles.locator("tr", has_text="Katharina Seidel")).to_have_count(0)
    granted = {r["person_id"]: r["roles"] for r in server.get(f"/api/conferences/{altstadt['id']}/roles")}
    assert seidel not in granted
    assert page.console_errors == []


def test_an_auditor_is_offered_no_organiser_action_on_the_conference_page(new_page: Any, server: RunningServer) -> None:
    lindenau = conference(server, "Sozialkonferenz Lindenau 2026")
    measures = server.get(f"/api/measures?conference_id={lindenau['id']}&limit=1000")
    assert any(m["status"] == "proposed" for m in measures), "Die Demo hat Vorschläge für das Plenum"

    organiser = new_page("organisation")
    organiser.goto(f"/konferenzen/{lindenau['id']}")
    expect(organiser.locator(".conference-page")).to_have_attribute("data-permissions", "loaded")
    expect(organiser.get_by_role("button", name="Sitzung schließen")).to_be_visible()
    expect(organiser.get_by_role("button", name="Im Plenum verabschieden").first).to_be_visible()

    auditor = new_page("pruefung")
    auditor.goto(f"/konferenzen/{lindenau['id']}")
    expect(auditor.get_by_role("heading", level=1)).to_have_text(lindenau["title"])
    expect(auditor.locator(".conference-page")).to_have_attribute("data-permissions", "loaded")
    expect(auditor.get_by_role("banner")).to_contain_text("Gerhard Lindner (Prüfung)")
    # Everything to read is there, nothing to change: no button, no form field in the page.
    expect(auditor.get_by_role("region", name="Maßnahmen im Plenum und danach").locator("article")).to_have_count(
        len(measures)
    )
    # the one button reads too: the browser's own print of the page (documents.tsx)
    expect(auditor.locator("main button")).to_have_count(1)
    expect(auditor.locator("main button")).to_have_text("Seite drucken")
    expect(auditor.locator("main input, main select, main textarea")).to_have_count(0)
    expect(auditor.get_by_role("region", name="Rollen", exact=True)).to_have_count(0)
    expect(auditor.get_by_role("region", name="Konten und Einladungslinks")).to_have_count(0)
    expect(auditor.get_by_role("link", name="Prüfung und Verlauf dieser Konferenz")).to_be_visible()
    check_accessibility(auditor, "Konferenzseite für die Prüfung")
    assert auditor.console_errors == []
