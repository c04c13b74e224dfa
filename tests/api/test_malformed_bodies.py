"""No request body, however malformed, makes a command route answer 500 or change the event store."""

from __future__ import annotations

import json
from collections.abc import Callable
from uuid import uuid4

from server.http.commands import COMMANDS, Command
from tests.api import scenario
from tests.api.scenario import Api
from tests.api.shapes import parameters

WRONG_TYPE = {
    "uuid": 17,
    "text": 17,
    "date": 20251231,
    "int": "17",
    "bool": "ja",
    "texts": {"0": "Begrüßung"},
    "uuids": "AWO",
    "fields": ["title"],
    "objects": {"name": "Indikator"},
}
WRONG_INSIDE = {"texts": [[]], "uuids": [{}], "fields": {"title": 17}, "objects": [[1]]}
# The right JSON type, but content the domain must refuse.
BAD_CONTENT = {
    "uuid": str(uuid4()),
    "text": "   ",
    "date": "31.12.2025",
    "int": -1,
    "bool": False,
    "texts": [""],
    "uuids": [str(uuid4())],
    "fields": {"farbe": "rot"},
    "objects": [{"category": "wetter"}],
}


def encoded(body: object) -> bytes:
    return json.dumps(body).encode("ascii")


def each_param(value: Callable[[str], object]) -> Callable[[Command], bytes | None]:
    """A body giving every parameter of the command a value by its kind; None for commands without parameters."""

    def body(command: Command) -> bytes | None:
        params = parameters(command)
        return encoded({p.name: value(p.kind) for p in params}) if params else None

    return body


MALFORMED: dict[str, Callable[[Command], bytes | None]] = {
    "not JSON": lambda command: b'{"name": "AWO",',
    "not UTF-8": lambda command: b'{"name": "\xff\xfe"}',
    "a JSON array": lambda command: b'[{"name": "AWO"}]',
    "a JSON string": lambda command: b'"AWO"',
    "nested too deep": lambda command: b"[" * 100_000 + b"]" * 100_000,
    "a number with 5000 digits": lambda command: b'{"progress": ' + b"9" * 5000 + b"}",
    "an unknown parameter": lambda command: encoded({"farbe": "rot"}),
    "wrong JSON types": each_param(lambda kind: WRONG_TYPE[kind]),
    "wrong types inside lists and objects": each_param(lambda kind: WRONG_INSIDE.get(kind, WRONG_TYPE[kind])),
    "content the domain refuses": each_param(lambda kind: BAD_CONTENT[kind]),
    "NUL characters": each_param(lambda kind: "AWO\u0000"),
    "lone surrogates": each_param(lambda kind: {"title": "\ud800"} if kind == "fields" else "\udfff"),
}


def test_malformed_bodies_never_cause_a_server_error_or_a_change(api: Api) -> None:
    reference = scenario.reference_data(api)
    conference = scenario.conference_in_session(api, reference)
    ids = {
        "conference_id": conference.id,
        "working_group_id": conference.group_id,
        "measure_id": scenario.draft(api, conference.group_id),
        "person_id": reference.person_id,
        "committee_id": reference.committee_id,
        "district_id": api.create("/districts", {"name": "Nordstadt"}),
    }
    before = api.position()
    failures = []

    for command in COMMANDS:
        path = command.path.format(**ids)
        for label, make_body in MALFORMED.items():
            body = make_body(command)
            if body is None:
                continue
            try:
                response = api.send(command.method, path, body)
            except Exception as error:  # the test client re-raises what the app did not handle
                failures.append(f"{command.method} {command.path} with {label}: {error!r}")
                continue
            media_type = response.headers["content-type"]
            if response.status_code >= 500 or media_type != "application/problem+json":
                failures.append(f"{command.method} {command.path} with {label}: {response.status_code} {media_type}")

    assert failures == []
    assert api.position() == before
    assert api.get("/health")["status"] == "ok"
