"""``PUT /api/session/password``: the signed-in person changes her password (current one, new one twice).

Same rules as at invitation acceptance (argon2id, at least 10 characters). A wrong current password
counts as a failed sign-in of her name, so a borrowed session cannot guess it at leisure.
"""

from __future__ import annotations

from typing import Any

from anyio.to_thread import run_sync
from starlette.requests import Request
from starlette.responses import Response

from domain.errors import InvalidInput
from server.auth.http import _state, person
from server.auth.passwords import hash_password, verify_password
from server.auth.policy import Forbidden
from server.auth.store import check_password
from server.params import read_json_object

FIELDS = ("current_password", "new_password", "new_password_repeated")


class WrongPassword(Forbidden):
    code = "wrong_password"


async def change_password(request: Request) -> Response:
    """Passwort ändern: aktuelles Passwort, neues Passwort und seine Wiederholung."""
    who = await person(request)  # a session's change carries the CSRF token (checked there)
    body = await read_json_object(request)
    current, new, repeated = body.get("current_password"), body.get("new_password"), body.get("new_password_repeated")
    if not isinstance(current, str) or not current:
        raise InvalidInput("current_password", "Bitte das aktuelle Passwort angeben.")
    try:
        new = check_password(new)
    except InvalidInput as error:
        raise InvalidInput("new_password", error.message) from None
    if repeated != new:
        raise InvalidInput("new_password_repeated", "Die beiden neuen Passwörter stimmen nicht überein.")
    state = _state(request)
    account = await run_sync(state.accounts.account_of, who)
    if account is None:
        raise InvalidInput("current_password", "Für diese Person gibt es kein Konto mit Passwort.")
    keys = ("login:" + account.login,)
    await state.throttle.check(*keys)
    if not await run_sync(verify_password, account.password_hash, current[:1000]):
        await state.throttle.failed(*keys)
        raise WrongPassword("Das aktuelle Passwort ist falsch.")
    await state.throttle.succeeded(*keys)
    await run_sync(state.accounts.set_password_hash, who, await run_sync(hash_password, new))
    return Response(status_code=204)


_TEXT = {"type": "string"}
OPENAPI: dict[str, dict[str, Any]] = {
    "/api/session/password": {
        "put": {
            "summary": "Eigenes Passwort ändern (aktuelles Passwort, neues zweimal; mindestens 10 Zeichen)",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {n: _TEXT for n in FIELDS},
                            "required": list(FIELDS),
                        }
                    }
                },
            },
            "responses": {"204": {"description": "Geändert"}},
        }
    }
}
