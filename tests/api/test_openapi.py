"""The OpenAPI document describes exactly the routes the app serves, with each method."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from starlette.routing import BaseRoute, Mount, Route
from starlette.testclient import TestClient

from server.app import CLIENT_PATHS, create_app
from server.config import Settings
from server.documents.oparl.routes import OPARL_PATH
from server.http.commands import COMMANDS
from tests.api.shapes import parameters

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def served(routes: Sequence[BaseRoute], prefix: str = "") -> Iterator[tuple[str, str]]:
    """(path, method) of every route, through mounts; HEAD is implied by GET and left out."""
    for route in routes:
        if isinstance(route, Mount):
            yield from served(route.routes, prefix + route.path)
        elif isinstance(route, Route):
            for method in route.methods or ():
                if method != "HEAD":
                    yield prefix + route.path, method.lower()


def documented(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(path, method) for path, item in document["paths"].items() for method in item if method in METHODS}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    # Without ``with`` the lifespan does not run: the document needs no database.
    response = TestClient(create_app(Settings(database_url="sqlite://"))).get("/openapi.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    return dict(response.json())


def test_document_looks_like_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1.")
    assert document["info"]["title"] and document["info"]["version"]
    assert document["paths"]
    for path, item in document["paths"].items():
        assert path.startswith("/")
        for method, operation in item.items():
            assert method in METHODS, (path, method)
            assert operation["summary"], (path, method)
            assert operation["responses"], (path, method)
            in_path = set(re.findall(r"{(\w+)}", path))
            parameters = [(p["name"], p["in"]) for p in operation.get("parameters", [])]
            assert len(parameters) == len(set(parameters)), (path, method)
            assert {name for name, where in parameters if where == "path"} == in_path, (path, method)
    problem = document["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "code"}


def test_every_served_route_is_documented_and_every_documented_route_is_served(document: dict[str, Any]) -> None:
    app = create_app(Settings(database_url="sqlite://"))

    pages = {(path, "get") for path in CLIENT_PATHS}  # the browser application's pages are not API
    oparl = {(OPARL_PATH, method) for method in ("get", "options")}  # OParl has its own specification
    assert pages | oparl <= set(served(app.routes))
    routes = set(served(app.routes)) - pages - oparl

    assert routes - documented(document) == set()
    assert documented(document) - routes == set()
    assert ("/api/conferences/{conference_id}/history.csv", "get") in routes


def test_command_bodies_are_documented_by_the_models_that_check_them(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    for command in COMMANDS:
        operation = document["paths"]["/api" + command.path][command.method.lower()]
        reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        schema = schemas[reference.rpartition("/")[2]]
        variants = [schemas[v["$ref"].rpartition("/")[2]] for v in schema["oneOf"]] if "oneOf" in schema else [schema]
        params = parameters(command)
        assert {name for v in variants for name in v["properties"]} == {p.name for p in params}, command.path
        assert all(v["additionalProperties"] is False for v in variants), command.path
        assert operation["requestBody"]["required"] == any(p.required for p in params), command.path
        assert ("201" if command.created else "200") in operation["responses"]
        assert {"400", "401", "403", "404", "409", "422"} <= set(operation["responses"]), command.path
        assert operation["security"] == [{"bearer": []}, {"session": [], "csrf": []}]


def test_document_is_the_same_on_every_request(document: dict[str, Any]) -> None:
    client = TestClient(create_app(Settings(database_url="sqlite://")))

    assert client.get("/openapi.json").json() == client.get("/openapi.json").json() == document


def test_a_method_a_path_does_not_have_is_refused_naming_every_method_it_has(document: dict[str, Any]) -> None:
    client = TestClient(create_app(Settings(database_url="sqlite://")))

    for path, item in document["paths"].items():
        if not path.startswith("/api/"):
            continue
        concrete = re.sub(r"{\w+}", "00000000-0000-4000-8000-000000000000", path)
        response = client.options(concrete)
        documented = {method.upper() for method in item} | ({"HEAD"} if "get" in item else set())
        assert response.status_code == 405, path
        assert set(response.headers["allow"].split(", ")) == documented, path
        assert response.headers["content-type"] == "application/problem+json", path


def test_every_api_operation_declares_who_may_call_it_and_what_it_takes(document: dict[str, Any]) -> None:
    open_operations = {
        (path, method)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if operation.get("security") == []
    }

    assert open_operations == {
        ("/api/health", "get"), ("/api/session", "post"), ("/api/session", "delete"),
        ("/api/invitations/{token}", "get"), ("/api/invitations/{token}/acceptance", "post"),
        ("/openapi.json", "get"),
    }  # fmt: skip
    schemas = document["components"]["schemas"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            body = operation.get("requestBody")
            if body is not None:
                reference = body["content"]["application/json"]["schema"]["$ref"]
                assert reference.rpartition("/")[2] in schemas, (path, method)
            for parameter in operation.get("parameters", []):
                assert parameter["schema"].get("type") in ("string", "integer"), (path, method, parameter)


def test_names_inside_objects_are_checked_by_propertynames_not_patternproperties(document: dict[str, Any]) -> None:
    # patternProperties lets every name outside the pattern through with any value; the models refuse them.
    text = json.dumps(document)

    assert "patternProperties" not in text
    progress = document["components"]["schemas"]["Progress"]["properties"]["indicator_actuals"]["anyOf"][0]
    assert progress["propertyNames"]["pattern"] == progress["additionalProperties"]["pattern"]
