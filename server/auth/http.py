"""Who is asking: sessions (cookie + CSRF) and API tokens (Bearer / ``token``), sign-in and invitations.

``principal`` resolves the person behind any request or WebSocket handshake;
``authorize`` asks the policy. Every ``/api`` route goes through
``protect`` (see ``server.api``), which names the action each route needs.
"""

from __future__ import annotations

import hmac
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from anyio.to_thread import run_sync
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from domain.conference import Conference
from domain.errors import DomainError, NotFound, RuleViolation
from domain.reference import Person
from domain.roles import COORDINATION, granted_roles
from server.auth.passwords import hash_password, verify_password
from server.auth.policy import GLOBAL, MATRIX, Forbidden, Unauthenticated
from server.auth.store import (
    TOKEN_KEY,
    TOKEN_PREFIX,
    TokenInfo,
    check_login,
    check_password,
    session_key,
    token_key,
)
from server.http import bodies
from server.http import query_strings as qs
from server.http.contract import Contract, operation, path_value, query
from server.http.contract import body as checked_body

SESSION_COOKIE = "sk_session"
CSRF_COOKIE = "sk_csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class AuthSettings:
    cookie_secure: bool = True
    session_hours: float = 12.0
    invitation_days: float = 7.0
    login_failures: int = 5  # failures per login (or address) within the window before a pause
    login_window_seconds: float = 900.0
    login_pause_seconds: float = 300.0
    allowed_origins: tuple[str, ...] = ()  # besides the server's own origin
    secret_key: str = ""  # signs invitation links; empty: one is made and kept in the database


class TooManyAttempts(DomainError):
    code = "too_many_attempts"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Zu viele fehlgeschlagene Anmeldeversuche. Bitte in {retry_after} Sekunden erneut versuchen.",
            retry_after=retry_after,
        )
        self.retry_after = retry_after


class CsrfRefused(Forbidden):
    code = "csrf_refused"


@dataclass(frozen=True)
class Principal:
    person_id: UUID
    method: str  # "session" or "token"
    session_id: str = ""
    csrf_token: str = ""
    credential: str = ""  # the session's or token's key (store.session_key / token_key): closes its sockets


@dataclass
class LoginThrottle:
    """Failed sign-ins per login name and per client address, in memory (one server process;
    a cluster shares them in Redis: ``server/cluster/throttle.py``)."""

    settings: AuthSettings
    failures: dict[str, deque[float]] = field(default_factory=dict)
    paused_until: dict[str, float] = field(default_factory=dict)

    async def check(self, *keys: str) -> None:
        now = time.monotonic()
        waits = [self.paused_until.get(k, 0.0) - now for k in keys]
        if max(waits) > 0:
            raise TooManyAttempts(int(max(waits)) + 1)

    async def failed(self, *keys: str) -> None:
        now = time.monotonic()
        for key in keys:
            recent = self.failures.setdefault(key, deque())
            recent.append(now)
            while recent and recent[0] < now - self.settings.login_window_seconds:
                recent.popleft()
            # One address may be a whole town hall behind NAT: it gets five times the allowance.
            allowed = self.settings.login_failures * (5 if key.startswith("addr:") else 1)
            if len(recent) >= allowed:
                self.paused_until[key] = now + self.settings.login_pause_seconds
                recent.clear()
        if len(self.failures) > 100_000:  # bounded memory under a spray of names
            self.failures.clear()

    async def succeeded(self, *keys: str) -> None:
        for key in keys:
            self.failures.pop(key, None)


def _state(conn: HTTPConnection) -> Any:
    return conn.state.runtime


async def principal(conn: HTTPConnection) -> Principal | None:
    """The signed-in person, or None. Cookie-authenticated changes must carry the CSRF token."""
    cached = conn.scope.get("sk.principal", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    found = await _resolve(conn)
    conn.scope["sk.principal"] = found
    return found


async def _resolve(conn: HTTPConnection) -> Principal | None:
    accounts = _state(conn).accounts
    header = conn.headers.get("authorization", "")
    token = ""
    if header.lower().startswith("bearer "):
        token = header[7:].strip()
    elif conn.scope["type"] == "websocket":
        token = conn.query_params.get("token", "")
    if token:
        owner = await run_sync(accounts.token_owner, token) if token.startswith(TOKEN_PREFIX) else None
        if owner is None:
            raise Unauthenticated("Der API-Schlüssel ist ungültig oder widerrufen.")
        return Principal(owner, "token", credential=token_key(token))
    session_id = conn.cookies.get(SESSION_COOKIE)
    if not session_id:
        return None
    session = await run_sync(accounts.session, session_id)
    if session is None:
        return None  # expired or signed out: anonymous
    if conn.scope["type"] == "http" and conn.scope["method"] not in SAFE_METHODS:
        sent = conn.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode(), session.csrf_token.encode()):
            raise CsrfRefused(
                "Sicherheitsprüfung fehlgeschlagen (CSRF): Bitte die Seite neu laden und erneut versuchen."
            )
    return Principal(session.person_id, "session", session_id, session.csrf_token, session_key(session_id))


async def person(conn: HTTPConnection) -> UUID:
    """The signed-in person's id; raises Unauthenticated."""
    found = await principal(conn)
    if found is None:
        raise Unauthenticated()
    return found.person_id


async def authorize(conn: HTTPConnection, action: str, arguments: Mapping[str, Any] | None = None) -> UUID:
    """The acting person, if the policy lets them do ``action`` on what ``arguments`` name."""
    found = await principal(conn)
    if found is None:
        raise Unauthenticated()
    policy = _state(conn).policy

    def check() -> None:
        scope = policy.scope(action, arguments or {}) if arguments else GLOBAL
        policy.require(found.person_id, action, scope)

    await run_sync(check)
    return found.person_id


def origin_allowed(conn: HTTPConnection, settings: AuthSettings) -> bool:
    """WebSocket handshakes from a browser carry ``Origin``: it must be ours or configured."""
    origin = conn.headers.get("origin")
    if origin is None:
        return True  # not a browser (scripts, the command line): they authenticate with a token
    if origin in settings.allowed_origins:
        return True
    return urlsplit(origin).netloc == conn.headers.get("host", "")


# --- sign-in, sign-out, invitations, accounts, tokens -------------------------


def _client_key(request: Request) -> str:
    return "addr:" + (request.client.host if request.client else "?")


async def _start_session(request: Request, person_id: UUID, status: int = 200) -> Response:
    state = _state(request)
    settings: AuthSettings = state.auth_settings
    session_id, session = await run_sync(
        state.accounts.create_session, person_id, timedelta(hours=settings.session_hours)
    )
    body = await run_sync(_me, state, person_id, session.csrf_token)
    response = JSONResponse(body, status_code=status)
    max_age = int(settings.session_hours * 3600)
    response.set_cookie(
        SESSION_COOKIE, session_id, max_age=max_age, httponly=True, secure=settings.cookie_secure,
        samesite="lax", path="/",
    )  # fmt: skip
    # Readable by the page's script, which sends it back in X-CSRF-Token (double submit).
    response.set_cookie(
        CSRF_COOKIE, session.csrf_token, max_age=max_age, httponly=False, secure=settings.cookie_secure,
        samesite="strict", path="/",
    )  # fmt: skip
    return response


def _me(state: Any, person_id: UUID, csrf_token: str) -> dict[str, Any]:
    account = state.accounts.account_of(person_id)
    found = state.policy.person(person_id)
    return {
        "person_id": str(person_id),
        "name": state.application.person_name(person_id),
        "login": account.login if account else "",
        "global_roles": sorted(state.policy.global_roles(person_id)),
        "named_publicly": bool(found and found.consents_to_public_naming),
        "csrf_token": csrf_token,
    }


@operation(Contract("Anmelden (setzt Sitzungs- und CSRF-Cookie)", body=bodies.SignIn, public=True,
                    problems={401: "Anmeldename oder Passwort falsch", 429: "Zu viele Fehlversuche (Retry-After)"}))
async def sign_in(request: Request) -> Response:
    body = await checked_body(request, bodies.SignIn)
    login, password = body["login"], body["password"]
    state = _state(request)
    keys = ("login:" + login.strip().lower(), _client_key(request))
    await state.throttle.check(*keys)
    account = await run_sync(state.accounts.account_by_login, login)
    valid = await run_sync(verify_password, account.password_hash if account else None, password[:1000])
    if account is None or not valid:
        await state.throttle.failed(*keys)
        raise Unauthenticated("Anmeldename oder Passwort ist falsch.")
    await state.throttle.succeeded(*keys)
    return await _start_session(request, account.person_id)


@operation(Contract("Angemeldete Person"))
async def who_am_i(request: Request) -> Response:
    found = await principal(request)
    if found is None:
        raise Unauthenticated("Nicht angemeldet.")
    state = _state(request)
    return JSONResponse(await run_sync(_me, state, found.person_id, found.csrf_token))


@operation(Contract("Abmelden", status=204, public=True))
async def sign_out(request: Request) -> Response:
    found = await principal(request)
    state = _state(request)
    if found is not None and found.method == "session":
        await run_sync(state.accounts.end_session, found.session_id)
        state.collab.close_credential(session_key(found.session_id), "Abgemeldet.")
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=state.auth_settings.cookie_secure, httponly=True)
    response.delete_cookie(CSRF_COOKIE, path="/", secure=state.auth_settings.cookie_secure)
    return response


@operation(Contract("Rollen und erlaubte Aktionen der angemeldeten Person (für eine Maßnahme, AG, Konferenz, "
                    "Koordinierungsgruppe)",
                    query=qs.Permissions))
async def permissions(request: Request) -> Response:
    """What the signed-in person may do about one measure, group or conference (for the client's buttons)."""
    who = await person(request)
    state = _state(request)
    arguments = query(request, qs.Permissions).model_dump(exclude_none=True)

    def compute() -> dict[str, Any]:
        scope = state.policy.scope("", arguments)
        roles = state.policy.roles(who, scope)
        if state.policy.coordinates(who, scope):
            roles.add(COORDINATION)
        actions = sorted(a for a, (allowed, _) in MATRIX.items() if roles & allowed)
        live = state.policy.live_access(who, arguments["measure_id"]) if "measure_id" in arguments else None
        return {"roles": sorted(roles), "actions": actions, "live": live}

    return JSONResponse(await run_sync(compute))


@operation(Contract("Konto für eine Person anlegen (Organisationsteam)", body=bodies.NewAccount, status=201,
                    problems={422: "Person hat schon ein Konto, oder der Anmeldename ist vergeben"}))
async def create_account(request: Request) -> Response:
    await authorize(request, "manage_accounts")
    body = await checked_body(request, bodies.NewAccount)
    person_id = body["person_id"]
    login = check_login(body["login"])
    password = check_password(body["password"])
    state = _state(request)
    await run_sync(lambda: state.application.load(Person, person_id, field="person_id"))
    await run_sync(state.accounts.create_account, person_id, login, await run_sync(hash_password, password))
    return JSONResponse({"person_id": str(person_id), "login": login}, status_code=201)


@operation(Contract("Einladungslink erstellen (signiert, befristet, einmalig)", body=bodies.Empty, status=201,
                    problems={422: "Die Daten der Person sind gelöscht (code person_erased)"}))
async def invite_person(request: Request) -> Response:
    actor = await authorize(request, "manage_accounts")
    person_id = path_value(request, "person_id")
    await checked_body(request, bodies.Empty)
    state = _state(request)
    target = await run_sync(lambda: state.application.load(Person, person_id, field="person_id"))
    if target.erased:
        message = "Die Daten dieser Person wurden gelöscht; sie kann nicht eingeladen werden."
        raise RuleViolation(message, code="person_erased")
    lifetime = timedelta(days=state.auth_settings.invitation_days)
    token, invitation = await run_sync(state.accounts.create_invitation, person_id, actor, lifetime)
    return JSONResponse(
        {
            "token": token,
            "link": f"/einladung/{token}",
            "person_id": str(person_id),
            "expires_at": invitation.expires_at.isoformat(),
        },
        status_code=201,
    )


@operation(Contract("Einladung ansehen", public=True, problems={410: "Einladung abgelaufen oder schon verwendet"}))
async def show_invitation(request: Request) -> Response:
    state = _state(request)
    invitation = await run_sync(state.accounts.invitation, request.path_params["token"])
    account = await run_sync(state.accounts.account_of, invitation.person_id)
    return JSONResponse(
        {
            "person_id": str(invitation.person_id),
            "name": await run_sync(state.application.person_name, invitation.person_id),
            "expires_at": invitation.expires_at.isoformat(),
            "has_account": account is not None,
            "login": account.login if account else "",
        }
    )


@operation(Contract("Einladung annehmen: Passwort setzen und anmelden", body=bodies.Acceptance, status=201,
                    public=True, problems={410: "Einladung abgelaufen oder schon verwendet"}))
async def accept_invitation(request: Request) -> Response:
    body = await checked_body(request, bodies.Acceptance)
    state = _state(request)
    token = request.path_params["token"]
    invitation = await run_sync(state.accounts.invitation, token)  # refuse early: nothing hashed for nothing
    existing = await run_sync(state.accounts.account_of, invitation.person_id)
    login = existing.login if existing else check_login(body.get("login"))
    password_hash = await run_sync(hash_password, check_password(body.get("password")))
    person_id = await run_sync(state.accounts.use_invitation, token, login, password_hash)
    return await _start_session(request, person_id, status=201)


@operation(Contract("API-Schlüssel für die angemeldete Person erzeugen", body=bodies.NewToken, status=201))
async def create_token(request: Request) -> Response:
    """An API token for the signed-in person (scripts); shown once."""
    who = await person(request)
    label = (await checked_body(request, bodies.NewToken)).get("label", "")
    token = await run_sync(_state(request).accounts.create_token, who, label)
    return JSONResponse({"token": token}, status_code=201)


def _token_row(token: TokenInfo) -> dict[str, Any]:
    return {"id": token.id, "label": token.label, "created_at": token.created_at.isoformat(), "revoked": token.revoked}


@operation(Contract("API-Schlüssel einer Person auflisten (nur Kennung, Bezeichnung, Datum, widerrufen)",
                    query=qs.Tokens))
async def list_tokens(request: Request) -> Response:
    """A person's API tokens (never the tokens themselves): one's own, or, for organisers, anyone's."""
    who = await person(request)
    owner = query(request, qs.Tokens).person_id or who
    if owner != who:
        await authorize(request, "manage_accounts")
    tokens = await run_sync(_state(request).accounts.tokens_of, owner)
    return JSONResponse([_token_row(token) for token in tokens])


@operation(Contract("API-Schlüssel widerrufen; seine offenen Live-Verbindungen werden geschlossen", status=204))
async def revoke_token(request: Request) -> Response:
    """Revoke an API token by its id: one's own, or, for organisers, anyone's. Its open live
    connections are closed at once."""
    who = await person(request)
    state = _state(request)
    token_id = path_value(request, "token_id")
    token = await run_sync(state.accounts.token_info, token_id) if len(token_id) == 64 else None
    if token is None:
        raise NotFound("API-Schlüssel", token_id)
    if token.person_id != who:
        await authorize(request, "manage_accounts")
    await run_sync(state.accounts.revoke_token_id, token_id)
    state.collab.close_credential(TOKEN_KEY + token_id, "API-Schlüssel widerrufen.")
    return Response(status_code=204)


@operation(Contract("Vergebene Rollen einer Konferenz"))
async def conference_roles(request: Request) -> Response:
    """Who holds which role in a conference (granted roles; moderators and members are in the groups)."""
    await person(request)
    conference_id = path_value(request, "conference_id")
    state = _state(request)

    def read() -> list[dict[str, Any]]:
        conference = state.application.load(Conference, conference_id, field="conference_id")
        rows = [
            {"person_id": person_id, "name": state.application.person_name(UUID(person_id)), "roles": roles}
            for person_id, roles in granted_roles(conference).items()
            if roles
        ]
        return sorted(rows, key=lambda row: row["name"])

    from server.http.public_view import reader_is_public  # imports this module

    rows = await run_sync(read)
    if await reader_is_public(request):  # how many hold which role, not who
        rows = [{"roles": row["roles"]} for row in rows]
    return JSONResponse(rows)


auth_routes: list[BaseRoute] = [
    Route("/conferences/{conference_id}/roles", conference_roles, methods=["GET"]),
    Route("/session", sign_in, methods=["POST"]),
    Route("/session", who_am_i, methods=["GET"]),
    Route("/session", sign_out, methods=["DELETE"]),
    Route("/session/permissions", permissions, methods=["GET"]),
    Route("/accounts", create_account, methods=["POST"]),
    Route("/people/{person_id}/invitation", invite_person, methods=["POST"]),
    Route("/invitations/{token}", show_invitation, methods=["GET"]),
    Route("/invitations/{token}/acceptance", accept_invitation, methods=["POST"]),
    Route("/tokens", create_token, methods=["POST"]),
    Route("/tokens", list_tokens, methods=["GET"]),
    Route("/tokens/{token_id}", revoke_token, methods=["DELETE"]),
]
