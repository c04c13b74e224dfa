"""Translate errors into RFC 9457 problem responses, once, at the edge.

Every error response has the media type ``application/problem+json`` and the
members ``type``, ``title``, ``status``, ``detail`` and ``code``; domain errors
add their details (for example ``field`` for invalid input).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ExceptionHandler

from domain.errors import ConcurrencyConflict, DomainError, InvalidInput, NotFound, RuleViolation, TransitionError
from server.auth.http import TooManyAttempts
from server.auth.policy import Forbidden, Unauthenticated
from server.auth.store import InvitationInvalid, InvitationRefused
from server.http.params import BodyTooLarge

PROBLEM_MEDIA_TYPE = "application/problem+json"

# Checked in order; the first matching class decides the status.
DOMAIN_STATUS: dict[type[DomainError], int] = {
    Unauthenticated: 401,
    Forbidden: 403,
    TooManyAttempts: 429,
    InvitationInvalid: 404,
    InvitationRefused: 410,
    InvalidInput: 400,
    NotFound: 404,
    TransitionError: 409,
    ConcurrencyConflict: 409,
    RuleViolation: 422,
}

STANDARD_MEMBERS = frozenset({"type", "title", "status", "detail", "instance", "code"})
RENAMED = {"status": "current_status"}  # a TransitionError's status is the aggregate's, not the response's

TITLES = {
    400: "Ungültige Eingabe",
    401: "Nicht angemeldet",
    403: "Keine Berechtigung",
    410: "Nicht mehr gültig",
    429: "Zu viele Anfragen",
    404: "Nicht gefunden",
    405: "Methode nicht erlaubt",
    409: "Konflikt",
    413: "Anfrage zu groß",
    422: "Regel verletzt",
    500: "Interner Fehler",
}

DETAILS = {
    404: "Unter dieser Adresse gibt es nichts.",
    405: "Diese Adresse unterstützt die verwendete HTTP-Methode nicht.",
    500: "Auf dem Server ist ein unerwarteter Fehler aufgetreten.",
}


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def problem(status: int, code: str, detail: str, headers: Mapping[str, str] | None = None, **extra: Any) -> Response:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status) or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
        **extra,
    }
    return ProblemResponse(body, status_code=status, headers=headers)


def domain_status(error: DomainError) -> int:
    for kind, status in DOMAIN_STATUS.items():
        if isinstance(error, kind):
            return status
    return 400


def extension_members(error: DomainError) -> dict[str, Any]:
    """The error's details, renamed where they would clash with the standard members."""
    members = {}
    for key, value in error.as_dict().items():
        if key in ("code", "message"):
            continue
        if key in STANDARD_MEMBERS:
            key = RENAMED.get(key, f"domain_{key}")
        members[key] = value
    return members


async def domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyAttempts) else None
    return problem(domain_status(exc), exc.code, exc.message, headers=headers, **extension_members(exc))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    generic = exc.detail == HTTPStatus(status).phrase
    detail = DETAILS.get(status, exc.detail) if generic else exc.detail
    code = HTTPStatus(status).name.lower()
    return problem(status, code, detail, headers=exc.headers)


async def body_too_large(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BodyTooLarge)
    limit = exc.args[0]
    return problem(413, "payload_too_large", f"Der Inhalt ist größer als {limit} Bytes.", limit=limit)


async def server_error(request: Request, exc: Exception) -> Response:
    return problem(500, "internal_error", DETAILS[500])


exception_handlers: dict[Any, ExceptionHandler] = {
    DomainError: domain_error,
    HTTPException: http_error,
    BodyTooLarge: body_too_large,
    Exception: server_error,
}
