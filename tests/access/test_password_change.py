"""``PUT /api/session/password``: a signed-in person changes her own password, and only with the current one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from server.app import create_app
from server.auth.http import AuthSettings
from server.config import Settings
from tests.access.test_sign_in import PASSWORD, account, sign_in

NEW = "ein-neues-passwort"


@pytest.fixture
def browser(database_url: str) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, auth=AuthSettings(login_failures=3, login_pause_seconds=60))
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        yield client


def change(client: TestClient, current: str, new: str, repeated: str | None = None, csrf: bool = True) -> object:
    headers = {"X-CSRF-Token": client.cookies["sk_csrf"]} if csrf else {}
    again = new if repeated is None else repeated
    body = {"current_password": current, "new_password": new, "new_password_repeated": again}
    return client.put("/api/session/password", json=body, headers=headers)


def signs_in(client: TestClient, login: str, password: str) -> int:
    """Signs in afresh (without the current cookies, which are kept) and answers the status."""
    kept = dict(client.cookies)
    client.cookies.clear()
    status = client.post("/api/session", json={"login": login, "password": password}).status_code
    client.cookies.clear()
    client.cookies.update(kept)
    return status


def test_the_new_password_signs_in_and_the_old_one_no_longer(browser: TestClient) -> None:
    account(browser, "Anja Sommer", "mitglied")
    sign_in(browser, "mitglied")
    response = change(browser, PASSWORD, NEW)
    assert response.status_code == 204, response.text
    assert signs_in(browser, "mitglied", NEW) == 200
    assert signs_in(browser, "mitglied", PASSWORD) == 401
    assert browser.get("/api/session").status_code == 200  # the changing session goes on


def test_a_wrong_current_password_changes_nothing_and_counts_as_a_failure(browser: TestClient) -> None:
    account(browser, "Anja Sommer", "mitglied")
    sign_in(browser, "mitglied")
    response = change(browser, "falsch-geraten-1", NEW)
    assert response.status_code == 403 and response.json()["code"] == "wrong_password"
    change(browser, "falsch-geraten-2", NEW)
    change(browser, "falsch-geraten-3", NEW)
    paused = change(browser, PASSWORD, NEW)  # three failures pause the name: even the right one waits
    assert paused.status_code == 429
    assert signs_in(browser, "mitglied", NEW) != 200


@pytest.mark.parametrize(
    ("new", "repeated", "field", "status"),
    [("kurz", None, "new_password", 400), (NEW, NEW + "x", "new_password_repeated", 422),
     ("x" * 1001, None, "new_password", 400)],
)
def test_bad_new_passwords_are_refused_with_the_field(
    browser: TestClient, new: str, repeated: str | None, field: str, status: int
) -> None:
    account(browser, "Anja Sommer", "mitglied")
    sign_in(browser, "mitglied")
    response = change(browser, PASSWORD, new, repeated)
    assert response.status_code == status, response.text
    assert response.json()["field"] == field
    assert signs_in(browser, "mitglied", PASSWORD) == 200


def test_without_csrf_token_or_session_nothing_changes(browser: TestClient) -> None:
    account(browser, "Anja Sommer", "mitglied")
    sign_in(browser, "mitglied")
    refused = change(browser, PASSWORD, NEW, csrf=False)
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_refused"
    kept = dict(browser.cookies)
    browser.cookies.clear()
    body = {"current_password": PASSWORD, "new_password": NEW, "new_password_repeated": NEW}
    assert browser.put("/api/session/password", json=body).status_code == 401
    browser.cookies.update(kept)
    assert signs_in(browser, "mitglied", PASSWORD) == 200
