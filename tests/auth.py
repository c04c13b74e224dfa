"""How tests authenticate: API tokens issued straight into a running server's account store.

Person ids are unique, so one registry serves every server a test starts.
A person without a token gets one that the server does not know (401).
"""

from __future__ import annotations

from uuid import UUID

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.reference import Person
from server.auth.store import AccountStore
from server.runtime import Runtime

TOKENS: dict[str, str] = {}
UNKNOWN_TOKEN = "skt_unbekannt"


def issue_token(runtime: Runtime, person_id: UUID | str, *, organiser: bool = False) -> str:
    """A token for the person; ``organiser`` also grants the city-wide organiser role (as the system)."""
    return issue_token_in(runtime.application, runtime.accounts, person_id, organiser=organiser)


def issue_token_in(app: Sozialkonferenz, accounts: AccountStore, person_id: UUID | str, *, organiser: bool) -> str:
    """The same without a running server: straight into the application and its database."""
    person = UUID(str(person_id))
    if organiser and "organiser" not in app.load(Person, person).global_roles:
        app.grant_global_role(SYSTEM_ACTOR, person, "organiser")
    token = accounts.create_token(person, "Test")
    TOKENS[str(person)] = token
    return token


def accounts_of(app: Sozialkonferenz) -> AccountStore:
    return AccountStore(app.recorder.datastore.engine)  # type: ignore[attr-defined]


def token_of(person_id: UUID | str | None) -> str:
    return TOKENS.get(str(person_id), UNKNOWN_TOKEN)


def bearer(person_id: UUID | str | None) -> dict[str, str]:
    """The header that authenticates a request as the person."""
    return {"Authorization": f"Bearer {token_of(person_id)}"}
