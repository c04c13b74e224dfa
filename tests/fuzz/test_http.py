"""Random requests into every API route: never a 5xx, always JSON or a problem document; the store grows
only by the commands that succeeded and still loads afterwards.

Commands get random JSON values, bodies shaped like their parameters with random types and content, and
bytes that are not JSON; reads get random query parameters; every other API operation (sign-in, accounts,
tokens, invitations) gets random JSON or bytes. Path ids are real, random or any text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from server.audit import audit_routes
from server.composition import build_application, close_application
from server.http import openapi
from server.http.commands import COMMANDS, Command
from server.http.views import QUERIES
from server.privacy import privacy_routes
from tests.api import scenario
from tests.api.scenario import Api
from tests.api.shapes import parameters
from tests.fuzz.strategies import encoded, json_values, path_ids, texts, value_of_kind

PER_EXAMPLE = 8  # requests per example: a test-client request costs several milliseconds
GET_PATHS = [q.path for q in QUERIES] + [r.path for r in audit_routes + privacy_routes]
DESCRIBED = {(c.method, c.path) for c in COMMANDS} | {("GET", path) for path in GET_PATHS}
# Every other API operation (sign-in, accounts, invitations, tokens …), except the endless change feed.
OTHERS = sorted(
    (method.upper(), path.removeprefix("/api"))
    for path, item in openapi.build()["paths"].items()
    for method in item
    if path.startswith("/api/") and path != "/api/changes"
    and (method.upper(), path.removeprefix("/api")) not in DESCRIBED
)  # fmt: skip
# Each read route's documented query parameters, and the one every view takes.
QUERY_NAMES = {
    path: [p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"] + ["min_position"]
    for path, item in openapi.build()["paths"].items()
    if "get" in item
}
# Without shrinking: an example is several requests, and the labelled draws already name the culprit.
FUZZ = settings(
    max_examples=30,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass
class World:
    """Real ids to aim at, and the store position the successful commands account for."""

    ids: list[str]
    position: int


@pytest.fixture
def world(api: Api) -> World:
    reference = scenario.reference_data(api)
    earlier = scenario.conference_in_session(api, reference, cycle="2024")
    adopted = scenario.adopted_measure(api, earlier.group_id)
    scenario.close_session(api, earlier)
    conference = scenario.conference_in_session(api, reference, cycle="2025", previous=earlier)
    measure = scenario.draft(api, conference.group_id)
    ids = [reference.organisation_id, reference.committee_id, reference.person_id, api.actor, earlier.id,
           earlier.group_id, adopted, conference.id, conference.group_id, measure]  # fmt: skip
    return World(ids, api.position())


def store_position(api: Api) -> int:
    """The event store's position, read in-process (an HTTP round trip per request would double the run time)."""
    position: int = api.client.app_state["runtime"].application.position()  # type: ignore[attr-defined]
    return position


def _sendable(text: str) -> str:
    """A query text httpx can encode: lone surrogates become replacement characters (NUL stays)."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _answered(send: Any, what: str) -> httpx.Response:
    """The response, checked: no 5xx, and every refusal a problem document."""
    try:
        response: httpx.Response = send()
    except Exception as error:  # the test client re-raises what the app did not handle: a 500
        raise AssertionError(f"{what}: {error!r}") from error
    media_type = response.headers.get("content-type", "").partition(";")[0]
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:500]}"
    if response.status_code >= 400:
        assert media_type == "application/problem+json", f"{what}: {media_type}"
        problem = response.json()
        assert problem["status"] == response.status_code and problem["code"] and problem["detail"], what
    return response


def _bodies(command: Command, ids: st.SearchStrategy[str]) -> st.SearchStrategy[bytes | None]:
    shaped = st.fixed_dictionaries(
        {p.name: value_of_kind(p.kind, ids) for p in parameters(command) if p.required},
        optional={p.name: value_of_kind(p.kind, ids) for p in parameters(command) if not p.required},
    )
    return st.none() | json_values.map(encoded) | shaped.map(encoded) | st.binary(max_size=64)


def _command(api: Api, world: World, data: st.DataObject, command: Command) -> None:
    ids = path_ids(world.ids)
    path = command.path.format(**{name: data.draw(ids, label=name) for name in command.path_params})
    body = data.draw(_bodies(command, st.sampled_from(world.ids) | st.uuids().map(str)), label=command.operation)
    what = f"{command.method} {path} {body!r:.300}"
    response = _answered(lambda: api.send(command.method, path, body), what)
    if response.status_code < 300:
        assert response.headers["content-type"] == "application/json", what
        position = response.json()["position"]
        assert position >= world.position, what  # some commands succeed without news (all groups carried over)
        world.position = position
    else:
        assert store_position(api) == world.position, f"{what}: refused, yet the store changed"


def _read(api: Api, world: World, data: st.DataObject, template: str) -> None:
    names = [part[1:-1] for part in template.split("/") if part.startswith("{")]
    path = template.format(**{name: data.draw(path_ids(world.ids), label=name) for name in names})
    moments = st.datetimes(timezones=st.none() | st.timezones()).map(lambda d: d.isoformat())
    values = texts | st.integers().map(str) | st.sampled_from(world.ids) | moments
    keys = st.sampled_from(QUERY_NAMES["/api" + template]) | texts
    params = data.draw(st.dictionaries(keys, values, max_size=4), label=path)
    params = {_sendable(k): _sendable(v) for k, v in params.items()}
    response = _answered(lambda: api.client.get("/api" + path, params=params, headers=api.headers()), f"GET {path}")
    if response.status_code < 300:
        assert response.headers["content-type"].partition(";")[0] in {
            "application/json", "application/x-ndjson", "text/csv"
        }, path  # fmt: skip


def _other(api: Api, world: World, data: st.DataObject, route: tuple[str, str]) -> None:
    method, template = route
    names = [part[1:-1] for part in template.split("/") if part.startswith("{")]
    path = template.format(**{name: data.draw(path_ids(world.ids), label=name) for name in names})
    body = data.draw(st.none() | json_values.map(encoded) | st.binary(max_size=64), label=f"{method} {path}")
    response = _answered(lambda: api.send(method, path, body), f"{method} {path} {body!r:.300}")
    if response.status_code < 300:
        world.position = store_position(api)
    else:
        assert store_position(api) == world.position, f"{method} {path}: refused, yet the store changed"


def _still_loads(api: Api, world: World, database_url: str) -> None:
    """Every view answers, the projections have no error, and a fresh application loads every aggregate."""
    health = api.get("/health")
    assert (health["status"], health["projection_error"], health["position"]) == ("ok", None, world.position)
    for query in QUERIES:
        if "{" not in query.path:
            required: dict[str, dict[str, Any]] = {
                "/cycle-comparison": {"series": scenario.SERIES},
                "/catalogue-diff": {"from": world.ids[4], "to": world.ids[7]},  # the earlier and the later conference
            }
            api.get(query.path, **required.get(query.path, {}))
    for aggregate_id in world.ids:
        api.get(f"/history/{aggregate_id}")
    application = build_application(database_url)
    try:
        originators = {n.originator_id for n in application.iter_notifications()}
        assert all(application.repository.get(i).id == i for i in originators)
    finally:
        close_application(application)


def test_random_requests_into_every_route_never_fail_the_server_or_the_store(
    api: Api, world: World, database_url: str
) -> None:
    routes = st.sampled_from(COMMANDS) | st.sampled_from(GET_PATHS) | st.sampled_from(OTHERS)

    @FUZZ
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        for route in data.draw(st.lists(routes, min_size=1, max_size=PER_EXAMPLE)):
            if isinstance(route, Command):
                _command(api, world, data, route)
            elif isinstance(route, tuple):
                _other(api, world, data, route)
            else:
                _read(api, world, data, route)

    fuzz()
    _still_loads(api, world, database_url)
