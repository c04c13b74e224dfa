"""``PUT /api/session/password``: the signed-in person changes her password (current one, new one twice).

Same rules as at invitation acceptance (argon2id, 10 to 1000 characters). A wrong current password
counts as a failed sign-in of her name, so a borrowed session cannot guess it at leisure.
"""

from __future__ import annotations

from typing import Annotated

from anyio.to_thread import run_sync
from pydantic import Field, StringConstraints
from starlette.requests import Request
from starlette.responses import Response

from domain.errors import RuleViolation
from server.auth.http import _state, person
from server.auth.passwords import hash_password, verify_password
from server.auth.policy import Forbidden
from server.http.contract import Contract, operation
from server.http.contract import body as checked_body
from server.http.types import ANY_TEXT, Model, Password

Given = Annotated[str, StringConstraints(pattern=ANY_TEXT, min_length=1)]


class PasswordChange(Model):
    current_password: Given = Field(description="das aktuelle Passwort")
    new_password: Password = Field(description="das neue Passwort: 10 bis 1000 Zeichen")
    new_password_repeated: Given = Field(description="das neue Passwort noch einmal")


class WrongPassword(Forbidden):
    code = "wrong_password"


@operation(Contract("Eigenes Passwort ändern (aktuelles Passwort, neues zweimal)", body=PasswordChange, status=204,
                    problems={403: "Aktuelles Passwort falsch (oder CSRF-Token fehlt)",
                              422: "Neue Passwörter verschieden, oder kein Konto mit Passwort",
                              429: "Zu viele Fehlversuche (Retry-After)"}))  # fmt: skip
async def change_password(request: Request) -> Response:
    """Passwort ändern: aktuelles Passwort, neues Passwort und seine Wiederholung."""
    who = await person(request)  # a session's change carries the CSRF token (checked there)
    body = await checked_body(request, PasswordChange)
    if body["new_password_repeated"] != body["new_password"]:
        raise RuleViolation(
            "Die beiden neuen Passwörter stimmen nicht überein.", code="passwords_differ", field="new_password_repeated"
        )
    state = _state(request)
    account = await run_sync(state.accounts.account_of, who)
    if account is None:
        raise RuleViolation("Für diese Person gibt es kein Konto mit Passwort.", code="no_account")
    keys = ("login:" + account.login,)
    await state.throttle.check(*keys)
    if not await run_sync(verify_password, account.password_hash, body["current_password"][:1000]):
        await state.throttle.failed(*keys)
        raise WrongPassword("Das aktuelle Passwort ist falsch.")
    await state.throttle.succeeded(*keys)
    await run_sync(state.accounts.set_password_hash, who, await run_sync(hash_password, body["new_password"]))
    return Response(status_code=204)
