"""Scenarios built through the HTTP API only, the way a script or the browser would build them.

``Api`` is a client acting as one person: commands check their status code
and return the JSON answer, views return the JSON they read. The functions
below bring conferences and measures into a given state, one command at a time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import httpx

from tests.auth import bearer

SERIES = "Sozialkonferenz Musterstadt"

PROPOSAL: dict[str, str] = {
    "title": "Frühe Hilfen im Quartier",
    "description": "Eine Familienlotsin besucht jede Familie im Nordviertel nach der Geburt.",
    "goal": "Jede Familie mit Neugeborenem kennt die Angebote im Quartier.",
    "target_group": "Familien mit Kindern unter drei Jahren",
    "district": "Nordviertel",
    "lead": "Fachbereich Jugend",
    "partners": "AWO Kreisverband",
    "timeframe": "2025–2026",
    "cost": "45.000 € jährlich",
    "funding": "Bundesstiftung Frühe Hilfen",
    "indicators": "Anteil besuchter Familien: Ziel 80 %",
}


def sha256_of(fields: dict[str, str]) -> str:
    """The hash of a proposal text, computed here independently of the domain."""
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Api:
    """An HTTP client acting as one person (with that person's API token)."""

    def __init__(self, client: httpx.Client, actor: str) -> None:
        self.client = client
        self.actor = actor
        if "authorization" not in client.headers:  # plain reads through the client act as this person too
            client.headers.update(bearer(actor))

    def headers(self, actor: str | None = None) -> dict[str, str]:
        """What authenticates a request as this person (or as ``actor``)."""
        return bearer(self.actor if actor is None else actor)

    def send(self, method: str, path: str, body: Any = None, *, actor: str | None = None) -> httpx.Response:
        """A request as this person (or as ``actor``); ``bytes`` are sent as they are, anything else as JSON."""
        headers = {**self.headers(actor), "Content-Type": "application/json"}
        if body is not None and not isinstance(body, bytes):
            body = json.dumps(body).encode("ascii")  # escaped, so even a lone surrogate gets through to the server
        return self.client.request(method, "/api" + path, content=body, headers=headers)

    def command(self, method: str, path: str, body: Any = None, *, status: int = 200) -> dict[str, Any]:
        response = self.send(method, path, body)
        assert response.status_code == status, f"{method} {path}: {response.status_code} {response.text}"
        assert response.headers["content-type"] == "application/json"
        answer: dict[str, Any] = response.json()
        assert isinstance(answer["position"], int) and answer["position"] > 0, answer
        assert response.cookies["sk_position"] == str(answer["position"])
        return answer

    def create(self, path: str, body: Any = None) -> str:
        answer = self.command("POST", path, body, status=201)
        assert set(answer) == {"id", "position"}
        return str(answer["id"])

    def post(self, path: str, body: Any = None) -> dict[str, Any]:
        return self.command("POST", path, body)

    def put(self, path: str, body: Any) -> dict[str, Any]:
        return self.command("PUT", path, body)

    def patch(self, path: str, body: Any) -> dict[str, Any]:
        return self.command("PATCH", path, body)

    def refused(
        self, method: str, path: str, body: Any = None, *, status: int, code: str, actor: str | None = None
    ) -> dict[str, Any]:
        """Send a request that must fail; returns its problem document (RFC 9457)."""
        response = self.send(method, path, body, actor=actor)
        return problem(response, status, code)

    def get(self, path: str, **params: Any) -> Any:
        response = self.client.get("/api" + path, params=params)
        assert response.status_code == 200, f"GET {path}: {response.status_code} {response.text}"
        return response.json()

    def position(self) -> int:
        """The event store's position, as the server reports it."""
        return int(self.get("/health")["position"])


def problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response's problem document, after checking its status, media type and standard members."""
    assert (response.status_code, response.headers["content-type"]) == (status, "application/problem+json"), (
        response.text
    )
    document: dict[str, Any] = response.json()
    assert (document["status"], document["code"], document["type"]) == (status, code, "about:blank"), document
    assert document["title"] and document["detail"]
    return document


@dataclass(frozen=True)
class Reference:
    organisation_id: str
    committee_id: str
    other_committee_id: str
    person_id: str


@dataclass(frozen=True)
class Conference:
    """A conference and its first working group."""

    id: str
    group_id: str


def reference_data(api: Api) -> Reference:
    """Reference data; the acting person is a member of both committees (only members record decisions)."""
    organisation = api.create("/organisations", {"name": "AWO Kreisverband", "kind": "welfare", "district": "Nord"})
    reference = Reference(
        organisation_id=organisation,
        committee_id=api.create("/committees", {"name": "Ausschuss für Soziales", "short_name": "ASG"}),
        other_committee_id=api.create("/committees", {"name": "Jugendhilfeausschuss", "short_name": "JHA"}),
        person_id=api.create(
            "/people", {"name": "Erika Mustermann", "email": "erika@example.org", "organisation_id": organisation}
        ),
    )
    for committee in (reference.committee_id, reference.other_committee_id):
        api.post(f"/committees/{committee}/members", {"person_id": api.actor})
    return reference


def schedule(api: Api, cycle: str = "2025", previous_conference_id: str | None = None, series: str = SERIES) -> str:
    body = {
        "title": f"Sozialkonferenz {cycle}",
        "kind": "city",
        "series": series,
        "cycle": cycle,
        "starts_on": f"{cycle}-03-12",
        "venue": "Rathaus",
    }
    if previous_conference_id is not None:
        body["previous_conference_id"] = previous_conference_id
    return api.create("/conferences", body)


def prepare(api: Api, conference_id: str, reference: Reference) -> None:
    api.put(f"/conferences/{conference_id}/focus-topic", {"focus_topic": "Armut im Quartier"})
    api.put(f"/conferences/{conference_id}/agenda", {"items": ["Begrüßung", "Arbeitsgruppen", "Plenum"]})
    api.post(f"/conferences/{conference_id}/invitations", {"organisation_ids": [reference.organisation_id]})
    api.post(f"/conferences/{conference_id}/preparation")


def prepared_conference(
    api: Api, reference: Reference, cycle: str = "2025", previous: Conference | None = None, series: str = SERIES
) -> Conference:
    """A prepared conference; with ``previous`` it continues that conference's working groups."""
    conference = schedule(api, cycle, previous.id if previous else None, series)
    if previous is None:
        group = api.create(f"/conferences/{conference}/working-groups", {"name": "Wohnen", "topic": "Wohnungsnot"})
    else:
        group = api.post(f"/conferences/{conference}/working-groups/carry-over-all")["ids"][0]
    prepare(api, conference, reference)
    return Conference(conference, group)


def conference_in_session(
    api: Api, reference: Reference, cycle: str = "2025", previous: Conference | None = None, series: str = SERIES
) -> Conference:
    conference = prepared_conference(api, reference, cycle, previous, series)
    api.post(f"/conferences/{conference.id}/session/open")
    return conference


def draft(api: Api, group_id: str, **fields: str) -> str:
    return api.create(f"/working-groups/{group_id}/measures", {"fields": {**PROPOSAL, **fields}})


def adopted_measure(api: Api, group_id: str, **fields: str) -> str:
    """Drafted, agreed in the group and adopted by the plenary (the conference must be in session)."""
    measure = draft(api, group_id, **fields)
    api.post(f"/measures/{measure}/agreement")
    api.post(f"/measures/{measure}/adoption")
    return measure


def close_session(api: Api, conference: Conference) -> None:
    api.post(f"/conferences/{conference.id}/session/close")


def submit(api: Api, measure_id: str, committee_id: str, paper_number: str = "V/2025/017") -> None:
    api.post(f"/measures/{measure_id}/submission", {"committee_id": committee_id, "paper_number": paper_number})


def decide(api: Api, measure_id: str, committee_id: str, decision: str = "approved", **extra: Any) -> str:
    body = {"committee_id": committee_id, "decision": decision, "decided_on": "2025-05-20", **extra}
    return str(api.post(f"/measures/{measure_id}/committee-decision", body)["sha256"])


def implement(api: Api, measure_id: str) -> None:
    api.post(f"/measures/{measure_id}/implementation/start", {"note": "Stelle besetzt"})
    api.post(f"/measures/{measure_id}/implementation/completion", {"outcome": "implemented"})
