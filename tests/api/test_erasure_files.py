"""Erasure (art. 17) on SQLite: the erased name, e-mail address and sign-in name leave the files themselves.

A deleted row stays in the database file's free space, and the write-ahead log keeps the page
as it was, until a checkpoint; the server must not leave them there. Read while the server runs,
byte by byte.
"""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from domain.application import SYSTEM_ACTOR
from server.app import create_app
from server.auth.passwords import hash_password
from server.config import Settings
from tests.auth import bearer, issue_token

NAME = "Quirinus Zwetschgenbaum"
EMAIL = "q.zwetschgenbaum@lindenau.example"
LOGIN = "zwetschgenbaum-login"


def raw_bytes(database: Path) -> bytes:
    """The database file and its write-ahead log as they lie on disk."""
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_erasure_leaves_no_name_email_or_login_in_the_database_or_its_log(tmp_path: Path) -> None:
    database = tmp_path / "sozialkonferenz.db"
    with TestClient(create_app(Settings(database_url=f"sqlite:///{database}"))) as client:
        runtime = client.app_state["runtime"]
        app = runtime.application
        organiser = app.register_person(SYSTEM_ACTOR, "Katrin Hoffmann", "hoffmann@lindenau.example")
        issue_token(runtime, organiser, organiser=True)
        person = app.register_person(SYSTEM_ACTOR, NAME, EMAIL)
        runtime.accounts.create_account(person, LOGIN, hash_password("ein langes Passwort"))
        signed_in = client.post("/api/session", json={"login": LOGIN, "password": "ein langes Passwort"})
        assert signed_in.status_code == 200, signed_in.text
        client.cookies.clear()
        for secret in (NAME, EMAIL, LOGIN):
            assert secret.encode() in raw_bytes(database), secret  # there to begin with

        erased = client.post(
            f"/api/people/{person}/erasure", json={"reason": "Antrag nach Art. 17 DSGVO"}, headers=bearer(organiser)
        )
        assert erased.status_code == 200, erased.text

        left = raw_bytes(database)
        assert [s for s in (NAME, EMAIL, LOGIN) if s.encode() in left] == []
        assert client.get(f"/api/people/{person}/export", headers=bearer(organiser)).json()["personal_data"] is None
