"""The permission matrix over WebSocket: edit, read along, or refused; revocation on open sockets;
the Origin check; the limit on connections per person."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import httpx
import pytest
import websockets

from server.auth.store import digest
from server.collab.room import CLOSE_FLOOD, CLOSE_FORBIDDEN, CLOSE_PROTOCOL, CLOSE_UNAUTHENTICATED, Limits
from server.runtime import Runtime
from tests.access.world import PRINCIPALS, World, build_world
from tests.auth import accounts_of, bearer, token_of
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import STARTUP_TIMEOUT, serve
from tests.collab.helpers import appended_updates, document_events

pytestmark = pytest.mark.anyio

REPO = Path(__file__).resolve().parents[2]
EDIT = {"O", "CO", "MO", "ME"}
READ = {"OM", "A", "P", "C"}  # another group's member, auditor, planner, committee member
# operator: metrics only; the coordination group prepares conferences, it does not read the groups' drafts live
REFUSED = {"PU": CLOSE_FORBIDDEN, "OP": CLOSE_FORBIDDEN, "K": CLOSE_FORBIDDEN, "AN": CLOSE_UNAUTHENTICATED}


class Live:
    def __init__(self, runtime: Runtime, world: World, http: str, ws: str) -> None:
        self.runtime, self.world, self.http, self.ws = runtime, world, http, ws

    def client(self, who: str, mode: str | None = None, token: str | None = None) -> CollabClient:
        actor = None if who == "AN" else self.world.people[who]
        return CollabClient(self.ws, self.world.measure, actor, mode=mode, token=token)


@pytest.fixture
def live(database_url: str) -> Iterator[Live]:
    limits = Limits(
        max_connections_per_person=2,
        max_read_connections_per_person=3,
        catalogue_debounce=0.2,
        credential_check_seconds=0.5,
    )
    server, thread, listener, port = serve(database_url, limits)
    try:
        runtime: Runtime = server.lifespan.state["runtime"]
        yield Live(runtime, build_world(runtime), f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(STARTUP_TIMEOUT)
        listener.close()


def authored_by(live: Live, who: str) -> int:
    person = live.world.people[who]
    updates = appended_updates(document_events(live.runtime.application, live.world.measure))
    return sum(1 for update in updates if update["actor"] == person)


async def test_edit_read_along_or_refused_by_role(live: Live) -> None:
    assert set(PRINCIPALS) == EDIT | READ | set(REFUSED)
    for who in PRINCIPALS:
        client = live.client(who)
        async with client:
            if who in REFUSED:
                assert await client.wait_closed() == REFUSED[who], who
                continue
            await asyncio.wait_for(client.synced.wait(), 10)
            assert client.fields()["title"] == "Frühe Hilfen"  # everyone admitted syncs the text
            await client.edit("goal", 0, f"[{who}]")
            if who in EDIT:
                await wait_until(lambda who=who: authored_by(live, who) > 0)
            else:
                await wait_until(lambda c=client: len(c.denied) >= 2)  # on joining, and for the update
                assert "Nur Lesezugriff" in client.denied[-1]
                assert client.close_code is None  # still connected: it reads along
    await asyncio.sleep(0.3)
    assert all(authored_by(live, who) == 0 for who in READ)  # nothing a reader sent was stored
    async with live.client("O") as fresh:
        await asyncio.wait_for(fresh.synced.wait(), 10)
        goal = fresh.fields()["goal"]
    assert all(f"[{who}]" in goal for who in EDIT) and not any(f"[{who}]" in goal for who in READ)


async def test_presence_reaches_a_read_only_connection(live: Live) -> None:
    async with live.client("ME") as member, live.client("A") as auditor:
        await asyncio.wait_for(auditor.synced.wait(), 10)
        await member.set_presence('{"user":{"name":"Aylin Demir"}}')
        await wait_until(lambda: any("Aylin" in state for state in auditor.awareness.values()))


async def test_removing_a_member_disconnects_her_within_a_second(live: Live) -> None:
    w = live.world
    async with (
        live.client("ME") as member,
        httpx.AsyncClient(base_url=live.http, headers=bearer(w.people["O"])) as http,
    ):
        await asyncio.wait_for(member.synced.wait(), 10)
        started = time.monotonic()
        removed = await http.post(
            f"/api/working-groups/{w.group}/members/{w.people['ME']}/removal", json={"reason": "Ausgeschieden"}
        )
        assert removed.status_code == 200, removed.text
        assert await member.wait_closed(timeout=1.0) == CLOSE_FORBIDDEN
        assert time.monotonic() - started < 1.0
        assert "Keine Berechtigung" in member.close_reason


async def test_a_downgrade_makes_an_open_connection_read_only_at_once(live: Live) -> None:
    w = live.world
    app = live.runtime.application
    app.grant_role(w.people["O"], w.conference, w.people["ME"], "committee_member")  # she may still read along
    async with (
        live.client("ME") as member,
        httpx.AsyncClient(base_url=live.http, headers=bearer(w.people["O"])) as http,
    ):
        await asyncio.wait_for(member.synced.wait(), 10)
        await member.edit("goal", 0, "vorher ")
        await wait_until(lambda: authored_by(live, "ME") == 1)
        removed = await http.post(
            f"/api/working-groups/{w.group}/members/{w.people['ME']}/removal", json={"reason": "Wechsel"}
        )
        assert removed.status_code == 200, removed.text
        await wait_until(lambda: any("Nur Lesezugriff" in d for d in member.denied), timeout=1.0)
        await member.edit("goal", 0, "nachher ")
        await wait_until(lambda: len(member.denied) >= 2)
        await asyncio.sleep(0.3)
        assert authored_by(live, "ME") == 1 and member.close_code is None


async def test_revoking_a_conference_role_disconnects_a_reader(live: Live) -> None:
    w = live.world
    async with (
        live.client("C") as reader,
        httpx.AsyncClient(base_url=live.http, headers=bearer(w.people["CO"])) as http,
    ):
        await asyncio.wait_for(reader.synced.wait(), 10)
        revoked = await http.post(
            f"/api/conferences/{w.conference}/roles/revocation",
            json={"person_id": str(w.people["C"]), "role": "committee_member", "reason": "Mandat beendet"},
        )
        assert revoked.status_code == 200, revoked.text
        assert await reader.wait_closed(timeout=1.0) == CLOSE_FORBIDDEN


async def test_a_foreign_origin_is_refused_and_our_own_is_not(live: Live) -> None:
    url = f"{live.ws}/collab/{live.world.measure}?token={token_of(live.world.people['ME'])}"
    async with websockets.connect(url, origin="http://angreifer.example") as foreign:  # type: ignore[arg-type]
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(foreign.recv(), 5)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == CLOSE_FORBIDDEN
        assert "Origin" in closed.value.rcvd.reason
    own = live.http.replace("http://", "http://")  # the page's origin is the server's own
    async with websockets.connect(url, origin=own) as same:  # type: ignore[arg-type]
        assert (await asyncio.wait_for(same.recv(), 5))[0] == 0  # sync step 1: admitted


async def test_connections_per_person_are_limited(live: Live) -> None:
    first, second, third = (live.client("MO") for _ in range(3))
    async with first:
        await asyncio.wait_for(first.synced.wait(), 10)
        async with second:
            await asyncio.wait_for(second.synced.wait(), 10)
            async with third:
                assert await third.wait_closed() == CLOSE_FLOOD
                assert "Zu viele gleichzeitige Verbindungen" in third.close_reason
            async with live.client("ME") as other:  # someone else is not affected
                await asyncio.wait_for(other.synced.wait(), 10)
        async with live.client("MO") as again:  # a closed connection frees its place
            await asyncio.wait_for(again.synced.wait(), 10)


async def test_an_editor_may_open_a_connection_only_to_read_along(live: Live) -> None:
    """``?mode=read`` (the plenary projector): it syncs and follows, its updates are refused and not stored."""
    async with live.client("MO", mode="read") as reader, live.client("ME") as writer:
        await asyncio.wait_for(asyncio.gather(reader.synced.wait(), writer.synced.wait()), 10)
        assert reader.denied and "Nur Lesen" in reader.denied[0]  # told on joining
        await writer.edit("goal", 0, "[ME]")
        await wait_until(lambda: "[ME]" in reader.fields()["goal"])
        await reader.edit("goal", 0, "[MO lesend]")
        await wait_until(lambda: len(reader.denied) >= 2)
        await live.runtime.collab.refresh_access(live.runtime.policy)  # a role change elsewhere: still read-only
        await reader.edit("goal", 0, "[MO nach Prüfung]")
        await wait_until(lambda: len(reader.denied) >= 3)
        assert reader.close_code is None
    await asyncio.sleep(0.3)
    assert authored_by(live, "MO") == 0
    async with live.client("O") as fresh:
        await asyncio.wait_for(fresh.synced.wait(), 10)
        assert "[ME]" in fresh.fields()["goal"] and "[MO" not in fresh.fields()["goal"]


async def test_reading_connections_have_a_limit_of_their_own_and_an_unknown_mode_is_refused(live: Live) -> None:
    editors = [live.client("MO") for _ in range(2)]  # the edit limit (2) is used up
    readers = [live.client("MO", mode="read") for _ in range(3)]  # the read limit is 3
    opened = [await client.__aenter__() for client in editors + readers]
    try:
        await asyncio.wait_for(asyncio.gather(*(c.synced.wait() for c in opened)), 10)
        async with live.client("MO", mode="read") as fourth:
            assert await fourth.wait_closed() == CLOSE_FLOOD
            assert "Mitlese-Verbindungen" in fourth.close_reason
        async with live.client("MO", mode="write") as odd:
            assert await odd.wait_closed() == CLOSE_PROTOCOL
            assert "Modus" in odd.close_reason
    finally:
        for client in opened:
            await client.__aexit__(None, None, None)
    async with live.client("MO", mode="read") as again:  # closed connections free their places
        await asyncio.wait_for(again.synced.wait(), 10)


async def test_a_browser_session_opens_the_room_and_signing_out_closes_it(live: Live) -> None:
    from datetime import timedelta

    member = live.world.people["ME"]
    session_id, session = live.runtime.accounts.create_session(member, timedelta(hours=1))
    url = f"{live.ws}/collab/{live.world.measure}"
    cookie = {"Cookie": f"sk_session={session_id}"}
    async with websockets.connect(url, additional_headers=cookie, origin=live.http) as socket:  # type: ignore[arg-type]
        assert (await asyncio.wait_for(socket.recv(), 5))[0] == 0  # admitted by the session cookie alone
        async with httpx.AsyncClient(base_url=live.http) as http:
            signed_out = await http.delete("/api/session", headers={**cookie, "X-CSRF-Token": session.csrf_token})
            assert signed_out.status_code == 204
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                await asyncio.wait_for(socket.recv(), 2)
        assert closed.value.rcvd is not None
        assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (CLOSE_UNAUTHENTICATED, "Abgemeldet.")
    async with websockets.connect(url, additional_headers=cookie) as again:
        with pytest.raises(websockets.ConnectionClosed) as refused:
            await asyncio.wait_for(again.recv(), 5)
        assert refused.value.rcvd is not None and refused.value.rcvd.code == CLOSE_UNAUTHENTICATED


async def test_a_revoked_token_closes_its_own_sockets_at_once_and_only_those(live: Live) -> None:
    w = live.world
    member, moderator, organiser = (bearer(w.people[who]) for who in ("ME", "MO", "O"))
    async with httpx.AsyncClient(base_url=live.http) as http:
        made = await http.post("/api/tokens", json={"label": "Beamer Saal 2"}, headers=member)
        assert made.status_code == 201, made.text
        second = made.json()["token"]
        listed = await http.get("/api/tokens", headers=member)
        assert listed.status_code == 200
        assert [t["label"] for t in listed.json()] == ["Test", "Beamer Saal 2"]
        assert second not in listed.text and token_of(w.people["ME"]) not in listed.text  # ids only
        token_id = listed.json()[1]["id"]
        assert token_id == digest(second)

        async with live.client("ME") as usual, live.client("ME", token=second) as projector:
            await asyncio.gather(*(asyncio.wait_for(c.synced.wait(), 10) for c in (usual, projector)))
            # Someone else's token: only organisers may see or revoke it.
            forbidden = await http.delete(f"/api/tokens/{token_id}", headers=moderator)
            assert forbidden.status_code == 403
            peek = await http.get("/api/tokens", params={"person_id": str(w.people["ME"])}, headers=moderator)
            assert peek.status_code == 403
            seen = await http.get("/api/tokens", params={"person_id": str(w.people["ME"])}, headers=organiser)
            assert [t["id"] for t in seen.json()] == [t["id"] for t in listed.json()]
            for unknown in ("0" * 64, "kaputt"):
                assert (await http.delete(f"/api/tokens/{unknown}", headers=member)).status_code == 404

            started = time.monotonic()
            revoked = await http.delete(f"/api/tokens/{token_id}", headers=member)
            assert revoked.status_code == 204
            assert await projector.wait_closed(timeout=1.0) == CLOSE_UNAUTHENTICATED
            assert time.monotonic() - started < 1.0 and "widerrufen" in projector.close_reason
            await usual.edit("goal", 0, "weiter ")  # the other token's connection carries on
            await wait_until(lambda: authored_by(live, "ME") == 1)
            assert usual.close_code is None

        refused = await http.get("/api/measures", headers={"Authorization": f"Bearer {second}"})
        assert refused.status_code == 401
        after = await http.get("/api/tokens", headers=member)
        assert [t["revoked"] for t in after.json()] == [False, True]


async def test_a_token_revoked_or_a_session_ended_elsewhere_closes_the_sockets_at_the_next_check(
    live: Live, database_url: str
) -> None:
    """The command line (another process) cannot reach the server's sockets: the server checks
    its open connections' sessions and tokens every ``credential_check_seconds``."""
    from datetime import timedelta

    w = live.world
    extra = live.runtime.accounts.create_token(w.people["ME"], "Skript")
    session_id, _ = live.runtime.accounts.create_session(w.people["MO"], timedelta(hours=1))
    url = f"{live.ws}/collab/{w.measure}"
    async with (
        live.client("ME", token=extra) as scripted,
        live.client("OM") as reader,
        websockets.connect(url, additional_headers={"Cookie": f"sk_session={session_id}"}, origin=live.http) as browser,  # type: ignore[arg-type]
    ):
        await asyncio.gather(*(asyncio.wait_for(c.synced.wait(), 10) for c in (scripted, reader)))
        assert (await asyncio.wait_for(browser.recv(), 5))[0] == 0
        revoked = subprocess.run(
            [sys.executable, "-m", "server.cli", "token", "revoke", digest(extra), "--database", database_url],
            cwd=REPO, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert revoked.returncode == 0, revoked.stderr
        assert await scripted.wait_closed(timeout=5) == CLOSE_UNAUTHENTICATED
        assert "widerrufen" in scripted.close_reason

        accounts_of(live.runtime.application).end_session(session_id)  # e.g. signed out on another server
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                await asyncio.wait_for(browser.recv(), 5)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == CLOSE_UNAUTHENTICATED
        await asyncio.sleep(0.6)  # another check: the valid ones stay
        assert reader.close_code is None

    unknown = subprocess.run(
        [sys.executable, "-m", "server.cli", "token", "revoke", "0" * 64, "--database", database_url],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert unknown.returncode == 2 and "token list" in unknown.stderr


async def test_a_connection_checked_before_a_revocation_and_joining_after_it_is_checked_again(
    live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: her access is checked (allowed), she is removed from the group and everyone's
    access is refreshed, then her connection joins the room. It must not stay open."""
    w = live.world
    policy = live.runtime.policy
    original = policy.live_access
    checked, release = threading.Event(), threading.Event()

    def slow_check(person_id: UUID, measure_id: UUID) -> str | None:
        decided = original(person_id, measure_id)
        if person_id == w.people["ME"] and not checked.is_set():
            checked.set()
            release.wait(10)  # decided with the old membership; held until the removal is through
        return decided

    monkeypatch.setattr(policy, "live_access", slow_check)
    async with httpx.AsyncClient(base_url=live.http, headers=bearer(w.people["O"])) as http:
        member = live.client("ME")
        joining = asyncio.create_task(member.__aenter__())
        try:
            assert await asyncio.to_thread(checked.wait, 10)
            removed = await http.post(
                f"/api/working-groups/{w.group}/members/{w.people['ME']}/removal", json={"reason": "Ausgeschieden"}
            )
            assert removed.status_code == 200, removed.text
            release.set()
            await joining
            assert await member.wait_closed(timeout=5) == CLOSE_FORBIDDEN
            assert authored_by(live, "ME") == 0
        finally:
            release.set()
            await member.__aexit__(None, None, None)
