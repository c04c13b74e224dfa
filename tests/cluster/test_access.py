"""Access across processes: a change made through one process (or the command line) reaches the
open live connections of every other process at once, and the limits and caches of sign-in and
permission hold for the cluster as a whole."""

from __future__ import annotations

import os
import subprocess
import sys
from uuid import UUID

import httpx
import pytest
from sqlalchemy import create_engine

from server.auth.store import AccountStore, digest
from server.collab.manager import READ_ONLY_ACCESS
from server.collab.room import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from tests.auth import TOKENS, bearer
from tests.cluster.conftest import REPO, WAIT, Pair
from tests.collab.client import CollabClient, wait_until
from tests.conftest import POSTGRES_URL, REDIS_URL

pytestmark = pytest.mark.anyio
PASSWORD = "richtig-geheim-42"


def new_person(pair: Pair, name: str) -> str:
    response = pair.post(pair.a, "/people", {"name": name})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def new_token(pair: Pair, person: str) -> str:
    """A second token for a person (made through process A)."""
    response = httpx.post(f"{pair.a.http}/api/tokens", json={"label": "Zweiter"}, headers=bearer(person))
    assert response.status_code == 201, response.text
    return str(response.json()["token"])


async def test_member_removed_through_one_process_only_reads_along_on_the_other(pair: Pair) -> None:
    group, measure = pair.scenario.group_ids[0], pair.scenario.measure_ids[0]
    member = pair.scenario.people[1]  # still a member of the other groups: may read along
    async with CollabClient(pair.b.ws, measure, member) as client:
        await wait_until(client.synced.is_set)
        response = pair.post(pair.a, f"/working-groups/{group}/members/{member}/removal", {"reason": "Ausgeschieden"})
        assert response.status_code == 200, response.text
        await wait_until(lambda: any(READ_ONLY_ACCESS in d for d in client.denied), timeout=WAIT)
        assert client.close_code is None


async def test_person_erased_through_one_process_is_disconnected_on_the_other(pair: Pair) -> None:
    person = new_person(pair, "Ella Erasmus")
    group, measure = pair.scenario.group_ids[1], pair.scenario.measure_ids[1]
    assert pair.post(pair.a, f"/working-groups/{group}/members", {"person_id": person}).status_code == 200
    token = new_token_for(person)
    async with CollabClient(pair.b.ws, measure, person, token=token) as client:
        await wait_until(client.synced.is_set)
        response = pair.post(pair.a, f"/people/{person}/erasure", {"reason": "Antrag nach Art. 17"})
        assert response.status_code == 200, response.text
        assert await client.wait_closed(WAIT) in (CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED)


def new_token_for(person: str) -> str:
    """A token for someone without one, straight into the shared database."""
    engine = create_engine(POSTGRES_URL)
    try:
        token = AccountStore(engine).create_token(UUID(person), "Test")
    finally:
        engine.dispose()
    TOKENS[person] = token
    return token


async def test_token_revoked_through_one_process_closes_its_connections_on_the_other(pair: Pair) -> None:
    person, measure = str(pair.scenario.people[0]), pair.scenario.measure_ids[2]
    token = new_token(pair, person)
    async with CollabClient(pair.b.ws, measure, person, token=token) as client:
        await wait_until(client.synced.is_set)
        response = httpx.delete(f"{pair.a.http}/api/tokens/{digest(token)}", headers=bearer(person))
        assert response.status_code == 204, response.text
        assert await client.wait_closed(WAIT) == CLOSE_UNAUTHENTICATED


async def test_token_revoked_on_the_command_line_closes_its_connections_at_once(pair: Pair) -> None:
    person, measure = str(pair.scenario.people[0]), pair.scenario.measure_ids[2]
    token = new_token(pair, person)
    async with CollabClient(pair.b.ws, measure, person, token=token) as client:
        await wait_until(client.synced.is_set)
        env = {**os.environ, "SOZIALKONFERENZ_BROKER_PREFIX": pair.prefix}
        command = [sys.executable, "-m", "server.cli", "token", "revoke", digest(token)]
        result = subprocess.run(
            [*command, "--database", POSTGRES_URL, "--broker", REDIS_URL],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert await client.wait_closed(WAIT) == CLOSE_UNAUTHENTICATED


def test_sign_in_pause_counts_failures_on_every_process(pair: Pair) -> None:
    person = new_person(pair, "Paul Pause")
    login = "paul.pause"
    assert (
        pair.post(pair.a, "/accounts", {"person_id": person, "login": login, "password": PASSWORD}).status_code == 201
    )
    servers = [pair.a, pair.b] * 3
    for server in servers[:5]:  # five failures (the default allowance), spread over both processes
        wrong = httpx.post(f"{server.http}/api/session", json={"login": login, "password": "falsch-falsch"})
        assert wrong.status_code == 401, wrong.text
    paused = httpx.post(f"{pair.b.http}/api/session", json={"login": login, "password": PASSWORD})
    assert paused.status_code == 429, paused.text
    assert paused.json()["code"] == "too_many_attempts"


def test_invitation_used_through_one_process_is_refused_by_the_other(pair: Pair) -> None:
    person = new_person(pair, "Ina Einladung")
    invitation = pair.post(pair.a, f"/people/{person}/invitation")
    assert invitation.status_code == 201, invitation.text
    token = invitation.json()["token"]
    body = {"login": "ina.einladung", "password": PASSWORD}
    assert httpx.post(f"{pair.a.http}/api/invitations/{token}/acceptance", json=body).status_code == 201
    again = httpx.post(f"{pair.b.http}/api/invitations/{token}/acceptance", json={**body, "login": "ina.zwei"})
    assert again.status_code == 410, again.text
    assert again.json()["code"] == "invitation_used"


def test_role_granted_through_one_process_counts_on_the_other_at_once(pair: Pair) -> None:
    member = str(pair.scenario.people[2])
    body = {"name": "Nachbarschaftshilfe", "kind": "initiative"}
    refused = httpx.post(f"{pair.b.http}/api/organisations", json=body, headers=bearer(member))
    assert refused.status_code == 403  # and the policy on B now keeps the person's aggregate
    granted = pair.post(pair.a, f"/people/{member}/roles", {"role": "organiser"})
    assert granted.status_code == 200, granted.text
    allowed = httpx.post(f"{pair.b.http}/api/organisations", json=body, headers=bearer(member))
    assert allowed.status_code == 201, allowed.text


def test_chain_verification_on_one_process_covers_what_another_wrote(pair: Pair) -> None:
    auditor = str(pair.scenario.people[0])  # the organiser audits too (docs/permissions.md)
    before = pair.get(pair.b, "/audit/chain", actor=auditor).json()
    assert before["ok"]
    written = pair.post(pair.a, "/organisations", {"name": "Tafel", "kind": "welfare"}).json()["position"]
    after = pair.get(pair.b, "/audit/chain", actor=auditor).json()
    assert after["ok"]
    assert after["head_position"] >= written > before["head_position"]
