"""Sign-in with sessions (cookies, CSRF), sign-out, throttling, invitations, API tokens and the CLI."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from uuid import UUID

import pytest
from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR
from server.app import create_app
from server.auth.http import AuthSettings
from server.auth.passwords import hash_password
from server.auth.store import digest
from server.config import Settings
from server.runtime import Runtime
from tests.auth import bearer, issue_token

PASSWORD = "ein-gutes-passwort"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def browser(database_url: str) -> Iterator[TestClient]:
    """A client over HTTPS (the cookies are Secure), nobody signed in; a few failures pause a login."""
    settings = Settings(database_url=database_url, auth=AuthSettings(login_failures=3, login_pause_seconds=60))
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        yield client


def runtime_of(client: TestClient) -> Runtime:
    runtime: Runtime = client.app_state["runtime"]
    return runtime


def account(client: TestClient, name: str, login: str, *, organiser: bool = False) -> UUID:
    runtime = runtime_of(client)
    person = runtime.application.register_person(SYSTEM_ACTOR, name, f"{login}@lindenau.example")
    if organiser:
        runtime.application.grant_global_role(SYSTEM_ACTOR, person, "organiser")
    runtime.accounts.create_account(person, login, hash_password(PASSWORD))
    return person


def sign_in(client: TestClient, login: str, password: str = PASSWORD) -> dict[str, str]:
    response = client.post("/api/session", json={"login": login, "password": password})
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_session_signs_in_and_out_with_secure_http_only_cookies(browser: TestClient) -> None:
    person = account(browser, "Katrin Hoffmann", "organisation", organiser=True)
    assert browser.get("/api/session").status_code == 401

    me = sign_in(browser, "Organisation")  # the sign-in name is not case-sensitive
    cookies = browser.post("/api/session", json={"login": "organisation", "password": PASSWORD}).headers
    session_cookie = next(c for c in cookies.get_list("set-cookie") if c.startswith("sk_session="))
    assert {"HttpOnly", "Secure", "SameSite=lax"} <= {part.strip() for part in session_cookie.split(";")}

    assert me["person_id"] == str(person) and me["name"] == "Katrin Hoffmann" and me["global_roles"] == ["organiser"]
    assert browser.get("/api/session").json()["person_id"] == str(person)
    assert browser.get("/api/measures").status_code == 200

    csrf = {"X-CSRF-Token": browser.cookies["sk_csrf"]}
    assert browser.delete("/api/session", headers=csrf).status_code == 204
    assert browser.get("/api/session").status_code == 401
    assert browser.get("/api/measures").status_code == 401


def test_cookie_authenticated_changes_need_the_csrf_token(browser: TestClient) -> None:
    account(browser, "Katrin Hoffmann", "organisation", organiser=True)
    me = sign_in(browser, "organisation")
    position = runtime_of(browser).application.position()
    body = {"name": "AWO", "kind": "welfare"}

    missing = browser.post("/api/organisations", json=body)
    wrong = browser.post("/api/organisations", json=body, headers={"X-CSRF-Token": "geraten"})
    for refused in (missing, wrong):
        assert refused.status_code == 403 and refused.json()["code"] == "csrf_refused"
    assert runtime_of(browser).application.position() == position  # nothing stored

    right = browser.post("/api/organisations", json=body, headers={"X-CSRF-Token": me["csrf_token"]})
    assert right.status_code == 201
    # A token in the Authorization header is not a cookie a foreign page could ride on: no CSRF token needed.
    browser.cookies.clear()
    token = issue_token(runtime_of(browser), me["person_id"])
    by_token = browser.post("/api/organisations", json=body, headers={"Authorization": f"Bearer {token}"})
    assert by_token.status_code == 201


def test_repeated_failures_pause_the_login_but_not_others(browser: TestClient) -> None:
    account(browser, "Katrin Hoffmann", "organisation")
    account(browser, "Jonas Albrecht", "planung")
    for _ in range(3):
        wrong = browser.post("/api/session", json={"login": "organisation", "password": "falsch-falsch"})
        assert wrong.status_code == 401 and wrong.json()["detail"] == "Anmeldename oder Passwort ist falsch."

    paused = browser.post("/api/session", json={"login": "organisation", "password": PASSWORD})
    assert paused.status_code == 429 and paused.json()["code"] == "too_many_attempts"
    assert 0 < int(paused.headers["Retry-After"]) <= 60
    assert "Sekunden" in paused.json()["detail"]
    sign_in(browser, "planung")  # another person from the same address is not affected


def test_an_unknown_login_fails_like_a_wrong_password(browser: TestClient) -> None:
    response = browser.post("/api/session", json={"login": "niemand", "password": PASSWORD})
    assert response.status_code == 401 and response.json()["detail"] == "Anmeldename oder Passwort ist falsch."
    for body in ({}, {"login": "x"}, {"login": 1, "password": "y"}, []):
        assert browser.post("/api/session", json=body).status_code == 400


def invite(client: TestClient, person: UUID, organiser: UUID) -> str:
    response = client.post(f"/api/people/{person}/invitation", headers=bearer(organiser))
    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["link"] == f"/einladung/{answer['token']}"
    return str(answer["token"])


def test_an_invitation_sets_a_password_once_and_signs_in(browser: TestClient) -> None:
    runtime = runtime_of(browser)
    organiser = runtime.application.register_person(SYSTEM_ACTOR, "Katrin Hoffmann", "k@lindenau.example")
    issue_token(runtime, organiser, organiser=True)
    guest = runtime.application.register_person(SYSTEM_ACTOR, "Aylin Demir", "a@lindenau.example")
    token = invite(browser, guest, organiser)

    shown = browser.get(f"/api/invitations/{token}").json()
    assert (shown["name"], shown["has_account"]) == ("Aylin Demir", False)
    short = browser.post(f"/api/invitations/{token}/acceptance", json={"login": "aylin", "password": "kurz"})
    assert short.status_code == 400 and short.json()["field"] == "password"

    accepted = browser.post(f"/api/invitations/{token}/acceptance", json={"login": "aylin", "password": PASSWORD})
    assert accepted.status_code == 201 and accepted.json()["person_id"] == str(guest)
    assert browser.get("/api/session").json()["name"] == "Aylin Demir"  # signed in at once

    again = browser.post(f"/api/invitations/{token}/acceptance", json={"login": "aylin2", "password": PASSWORD})
    assert again.status_code == 410 and again.json()["code"] == "invitation_used"
    browser.cookies.clear()
    sign_in(browser, "aylin")


def test_expired_forged_and_unknown_invitations_are_refused(browser: TestClient) -> None:
    runtime = runtime_of(browser)
    organiser = runtime.application.register_person(SYSTEM_ACTOR, "Katrin Hoffmann", "k@lindenau.example")
    guest = runtime.application.register_person(SYSTEM_ACTOR, "Aylin Demir", "a@lindenau.example")
    expired, _ = runtime.accounts.create_invitation(guest, organiser, timedelta(seconds=-1))
    valid, _ = runtime.accounts.create_invitation(guest, organiser, timedelta(days=1))
    forged = valid[:-3] + ("AAA" if not valid.endswith("AAA") else "BBB")
    other_id = "00000000-0000-0000-0000-000000000000" + valid[36:]  # a signature for another invitation

    cases = {
        expired: (410, "invitation_expired"),
        forged: (404, "invitation_invalid"),
        other_id: (404, "invitation_invalid"),
        "x": (404, "invitation_invalid"),
    }
    for token, (status, code) in cases.items():
        for response in (
            browser.get(f"/api/invitations/{token}"),
            browser.post(f"/api/invitations/{token}/acceptance", json={"login": "aylin", "password": PASSWORD}),
        ):
            assert (response.status_code, response.json()["code"]) == (status, code), token
    assert runtime.accounts.account_of(guest) is None  # nothing was created


def test_only_organisers_invite_and_create_accounts(browser: TestClient) -> None:
    runtime = runtime_of(browser)
    member = runtime.application.register_person(SYSTEM_ACTOR, "Anja Sommer", "s@lindenau.example")
    issue_token(runtime, member)
    guest = runtime.application.register_person(SYSTEM_ACTOR, "Lena Franke", "f@lindenau.example")
    refused = browser.post(f"/api/people/{guest}/invitation", headers=bearer(member))
    assert refused.status_code == 403
    body = {"person_id": str(guest), "login": "lena", "password": PASSWORD}
    assert browser.post("/api/accounts", json=body, headers=bearer(member)).status_code == 403
    assert browser.post("/api/accounts", json=body).status_code == 401
    assert runtime.accounts.account_of(guest) is None


def test_an_api_token_from_the_command_line_works_until_revoked(browser: TestClient, database_url: str) -> None:
    person = account(browser, "Katrin Hoffmann", "organisation", organiser=True)
    made = subprocess.run(
        [sys.executable, "-m", "server.cli", "token", "create", "--user", "organisation", "--database", database_url],
        cwd=REPO, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    token = made.stdout.strip()
    assert token.startswith("skt_") and "Katrin Hoffmann" in made.stderr
    assert browser.get("/api/session", headers={"Authorization": f"Bearer {token}"}).json()["person_id"] == str(person)

    def listed() -> list[str]:
        shown = subprocess.run(
            [sys.executable, "-m", "server.cli", "token", "list", "--user", "organisation", "--database", database_url],
            cwd=REPO, capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        return [line for line in shown.stdout.splitlines() if line.startswith(digest(token))]

    assert len(listed()) == 1 and "gültig" in listed()[0] and "Kommandozeile" in listed()[0]
    assert token not in "".join(listed())  # only its id (the stored hash)
    runtime_of(browser).accounts.revoke_token(token)
    refused = browser.get("/api/measures", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401 and "widerrufen" in refused.json()["detail"]
    assert "widerrufen" in listed()[0]

    unknown = subprocess.run(
        [sys.executable, "-m", "server.cli", "token", "create", "--user", "niemand", "--database", database_url],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert unknown.returncode == 2 and "Kein Konto" in unknown.stderr


def test_the_request_body_limit_is_a_setting(database_url: str) -> None:
    settings = Settings.load(database_url=database_url, environ={"SOZIALKONFERENZ_MAX_BODY_BYTES": "200"})
    with TestClient(create_app(settings)) as client:
        runtime = runtime_of(client)
        person = runtime.application.register_person(SYSTEM_ACTOR, "Katrin Hoffmann", "k@lindenau.example")
        issue_token(runtime, person, organiser=True)
        client.headers.update(bearer(person))
        position = runtime.application.position()
        large = client.post("/api/organisations", json={"name": "A" * 300, "kind": "welfare"})
        assert large.status_code == 413 and large.json()["limit"] == 200
        assert runtime.application.position() == position
        assert client.post("/api/organisations", json={"name": "AWO", "kind": "welfare"}).status_code == 201
