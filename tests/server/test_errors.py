"""Domain errors become RFC 9457 problem documents with the right status."""

from __future__ import annotations

from uuid import UUID

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient

from domain.errors import ConcurrencyConflict, DomainError, InvalidInput, NotFound, RuleViolation, TransitionError
from server.http.errors import exception_handlers

SOME_ID = UUID("22222222-2222-4222-8222-222222222222")


def raising(error: Exception) -> TestClient:
    async def endpoint(request: Request) -> Response:
        raise error

    app = Starlette(routes=[Route("/", endpoint)], exception_handlers=exception_handlers)
    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (InvalidInput("title", "Der Titel fehlt."), 400, "invalid_input"),
        (NotFound("Konferenz", SOME_ID), 404, "not_found"),
        (TransitionError("Die Konferenz", SOME_ID, "tagt", "verschieben"), 409, "invalid_transition"),
        (ConcurrencyConflict([SOME_ID]), 409, "concurrency_conflict"),
        (
            RuleViolation("Es fehlt etwas.", code="preparation_incomplete", missing=["Tagesordnung"]),
            422,
            "preparation_incomplete",
        ),
    ],
)
def test_domain_error_becomes_problem(error: DomainError, status: int, code: str) -> None:
    response = raising(error).get("/")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert problem["code"] == code
    assert problem["detail"] == error.message
    assert problem["title"]
    assert problem["type"]


def test_problem_carries_the_errors_details() -> None:
    assert raising(InvalidInput("starts_on", "Kein Datum.")).get("/").json()["field"] == "starts_on"
    assert raising(NotFound("Konferenz", SOME_ID)).get("/").json()["id"] == str(SOME_ID)
    missing = RuleViolation("Es fehlt etwas.", code="preparation_incomplete", missing=["Tagesordnung"])
    assert raising(missing).get("/").json()["missing"] == ["Tagesordnung"]


def test_detail_named_like_a_standard_member_is_renamed() -> None:
    problem = raising(TransitionError("Die Konferenz", SOME_ID, "tagt", "verschieben")).get("/").json()
    assert problem["status"] == 409
    assert problem["current_status"] == "tagt"
    assert problem["action"] == "verschieben"


def test_unexpected_error_is_a_problem_without_internals() -> None:
    response = raising(RuntimeError("geheime Einzelheit")).get("/")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "geheime" not in response.text
    assert response.json()["code"] == "internal_error"
