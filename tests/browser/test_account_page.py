"""The account page (/konto): change the password and sign in with the new one; API keys created, listed, revoked;
consent to being named publicly given and withdrawn."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_LOGINS, RunningServer, check_accessibility

NEW_PASSWORD = "Neues-Passwort-2026"


def test_a_key_is_created_shown_once_listed_and_revoked_after_confirmation(
    new_page: Any, server: RunningServer
) -> None:
    page = new_page("planung")
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Mein Konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Konto")
    page.get_by_label("Bezeichnung des neuen Schlüssels").fill("Quartalsauswertung")
    page.get_by_role("button", name="API-Schlüssel erzeugen").click()
    key = page.get_by_label("Neuer API-Schlüssel").input_value()
    assert key.startswith("skt_")
    row = page.get_by_role("row").filter(has_text="Quartalsauswertung")
    expect(row).to_contain_text("gültig")
    check_accessibility(page, "Kontoseite")

    page.once("dialog", lambda dialog: dialog.dismiss())  # changed her mind: nothing happens
    row.get_by_role("button", name="Widerrufen").click()
    expect(row).to_contain_text("gültig")
    assert whoami(server, key) == 200

    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Widerrufen").click()
    expect(row).to_contain_text("widerrufen")
    expect(row.get_by_role("button", name="Widerrufen")).to_have_count(0)
    assert whoami(server, key) == 401
    assert page.console_errors == []


def test_she_agrees_to_be_named_publicly_and_withdraws_it_after_confirmation(
    new_page: Any, server: RunningServer
) -> None:
    page = new_page("mitglied")  # Anja Sommer: a group member who has not agreed (the demo)
    page.goto("/konto")
    section = page.get_by_role("region", name="Öffentliche Nennung")
    expect(section.get_by_role("status")).to_have_text("Sie werden öffentlich nicht genannt.")
    section.get_by_role("button", name="In die öffentliche Nennung einwilligen").click()
    expect(section.get_by_role("status")).to_have_text("Sie haben eingewilligt, öffentlich genannt zu werden.")
    assert page.request.get("/api/session").json()["named_publicly"] is True
    check_accessibility(page, "Kontoseite mit Einwilligung")

    page.once("dialog", lambda dialog: dialog.dismiss())  # changed her mind: nothing happens
    section.get_by_role("button", name="Einwilligung widerrufen").click()
    expect(section.get_by_role("status")).to_have_text("Sie haben eingewilligt, öffentlich genannt zu werden.")
    page.once("dialog", lambda dialog: dialog.accept())
    section.get_by_role("button", name="Einwilligung widerrufen").click()
    expect(section.get_by_role("status")).to_have_text("Sie werden öffentlich nicht genannt.")
    assert page.request.get("/api/session").json()["named_publicly"] is False
    assert page.console_errors == []


def test_the_password_is_changed_and_the_new_one_signs_in(new_page: Any, server: RunningServer) -> None:
    names = [p["name"] for p in server.get("/api/people") if p["name"] not in DEMO_LOGINS and not p["erased"]]
    login = server.account(names[-1])
    old = server.password(login)
    page = new_page(login, fresh=True)
    page.goto("/konto")
    page.get_by_label("Aktuelles Passwort").fill("falsches-passwort")
    page.get_by_label("Neues Passwort", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Neues Passwort wiederholen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Passwort ändern").click()
    expect(page.get_by_role("alert")).to_contain_text("Das aktuelle Passwort ist falsch.")

    page.get_by_label("Aktuelles Passwort").fill(old)
    page.get_by_role("button", name="Passwort ändern").click()
    expect(page.get_by_role("status").filter(has_text="Das Passwort wurde geändert.")).to_be_visible()
    server.passwords[login] = NEW_PASSWORD  # later tests sign her in with the new one
    server.tokens.pop(login, None)

    page.get_by_role("banner").get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")
    page.get_by_label("Anmeldename").fill(login)
    page.get_by_label("Passwort").fill(old)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Anmeldename oder Passwort ist falsch.")
    page.get_by_label("Passwort").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sozialkonferenzen")
    expect(page.get_by_role("banner")).to_contain_text(names[-1])


def whoami(server: RunningServer, key: str) -> int:
    request = urllib.request.Request(server.url + "/api/session", headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            json.loads(response.read())
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
