"""GDPR art. 15: everything the server holds about one person, as one JSON download.

Personal data and sign-in data come from their tables (never a hash). One pass over the
notification log finds the events the person acted in or is named in, their working-group
memberships and moderations, and their live-editing updates. Events are written out as they
are found; the summaries follow at the end.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from anyio.to_thread import run_sync
from sqlalchemy import Table, select
from sqlalchemy.engine import Engine
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from domain.application import Sozialkonferenz
from domain.document import ProposalDocument
from domain.people import pseudonym
from domain.reference import Person
from projections.framework import iso, jsonable
from server.auth import store as auth
from server.http.contract import Contract, operation, path_value
from server.runtime import runtime

PAGE = 200  # events per written chunk
JOINED = {"WorkingGroup.MemberJoined": "member", "WorkingGroup.ModeratorAssigned": "moderator"}
LEFT = {"WorkingGroup.MemberLeft": "member", "WorkingGroup.ModeratorUnassigned": "moderator"}
LIVE_UPDATES = f"{ProposalDocument.__name__}.UpdatesAppended"
BOOKKEEPING = ("originator_id", "originator_version", "originator_topic", "timestamp")


def _data(domain_event: Any) -> dict[str, Any]:
    data = {k: v for k, v in vars(domain_event).items() if k not in BOOKKEEPING}
    return dict(jsonable(data))


def _names(value: Any, person_id: UUID) -> bool:
    """Whether ``value`` (event data, nested) contains the person's id."""
    if isinstance(value, UUID):
        return value == person_id
    if isinstance(value, str):
        return value == str(person_id)
    if isinstance(value, dict):
        return any(_names(v, person_id) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_names(v, person_id) for v in value)
    return False


def _utc(moment: Any) -> Any:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    if isinstance(moment, datetime):
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()
    return moment


def account_data(engine: Engine, person_id: UUID) -> dict[str, Any]:
    """Sign-in data: the login, API tokens, sessions and invitations, with their times (no hashes, no secrets)."""

    def rows(table: Table, *names: str) -> list[dict[str, Any]]:
        query = select(*(table.c[n] for n in names)).where(table.c.person_id == str(person_id))
        return [{k: _utc(v) for k, v in row.items()} for row in connection.execute(query).mappings()]

    with engine.connect() as connection:
        account = rows(auth.accounts, "login", "created_at")
        return {
            "login": account[0]["login"] if account else None,
            "created_at": account[0]["created_at"] if account else None,
            "api_tokens": rows(auth.api_tokens, "label", "created_at", "revoked"),
            "sessions": rows(auth.sessions, "created_at", "expires_at"),
            "invitations": rows(auth.invitations, "created_by", "created_at", "expires_at", "used_at"),
        }


def header(app: Sozialkonferenz, person_id: UUID, accounts: Engine) -> dict[str, Any]:
    """Personal data, sign-in data and the person's own record; raises NotFound for an unknown person."""
    person = app.load(Person, person_id, field="person_id")
    data = app.personal_data.get(person.id)
    if data is not None:
        personal: dict[str, str] | None = {"name": data.name, "email": data.email}
        note = "Gespeichert sind Name und E-Mail-Adresse; Ereignisse kennen die Person nur unter ihrer Kennung."
    else:
        personal = None
        note = (
            "Name und E-Mail-Adresse sind gelöscht (DSGVO Art. 17); "
            f"alle Ansichten zeigen die Person als „{pseudonym(person.id)}“."
        )
    own: list[Any] = list(app.events.get(person.id))
    history = [
        {"version": e.originator_version, "type": type(e).__qualname__, "timestamp": iso(e.timestamp), **_data(e)}
        for e in own
    ]
    return {
        "title": "Auskunft nach Art. 15 DSGVO",
        "person_id": str(person.id),
        "exported_at": datetime.now(UTC).isoformat(),
        "position": app.position(),
        "personal_data": personal,
        "erased": person.erased,
        "note": note,
        "account": account_data(accounts, person.id),
        "person_history": history,
    }


class Findings:
    """What the pass over the log collects besides the events themselves (small: per group, per document)."""

    def __init__(self, person_id: UUID) -> None:
        self.person_id = person_id
        self.memberships: list[dict[str, Any]] = []
        self.updates: dict[UUID, dict[str, Any]] = {}  # per document stream

    def membership(self, name: str, group_id: UUID, data: Any, at: str) -> None:
        if getattr(data, "person_id", None) != self.person_id:
            return
        if name in JOINED:
            entry = {"working_group_id": str(group_id), "role": JOINED[name], "since": at, "until": None, "reason": ""}
            self.memberships.append(entry)
            return
        for entry in reversed(self.memberships):
            if entry["working_group_id"] == str(group_id) and entry["role"] == LEFT[name] and entry["until"] is None:
                entry["until"], entry["reason"] = at, getattr(data, "reason", "")
                return

    def live_updates(self, document_id: UUID, domain_event: Any, at: str) -> None:
        count = sum(1 for u in domain_event.updates if u.get("actor") in (self.person_id, str(self.person_id)))
        if count:
            summary = self.updates.setdefault(document_id, {"updates": 0, "first_at": at})
            summary["updates"] += count
            summary["last_at"] = at


def _mentions_person(app: Sozialkonferenz, state: bytes, needles: tuple[bytes, ...]) -> bool:
    """A cheap test on the stored bytes before decoding (only where they are plain JSON)."""
    if app.mapper.cipher is not None or app.mapper.compressor is not None:
        return True
    return any(needle in state for needle in needles)


def events_and_findings(app: Sozialkonferenz, person_id: UUID, stop: int, findings: Findings) -> Iterator[str]:
    """JSON texts of the events up to position ``stop`` that the person acted in or is named in."""
    needles = (person_id.hex.encode(), str(person_id).encode())
    for notification in app.iter_notifications():
        if notification.id > stop:
            return
        if notification.originator_id == person_id or not _mentions_person(app, notification.state, needles):
            continue  # the person's own record is in the header
        domain_event: Any = app.mapper.to_domain_event(notification)
        name = notification.topic.partition(":")[2]
        at = iso(domain_event.timestamp)
        if name == LIVE_UPDATES:
            findings.live_updates(notification.originator_id, domain_event, at)
            continue
        if name in JOINED or name in LEFT:
            findings.membership(name, notification.originator_id, domain_event, at)
        acted = getattr(domain_event, "actor", None) == person_id
        data = _data(domain_event)
        if not acted and not _names({k: v for k, v in data.items() if k != "actor"}, person_id):
            continue
        entry = {
            "position": notification.id,
            "timestamp": at,
            "aggregate_type": name.partition(".")[0],
            "aggregate_id": str(notification.originator_id),
            "version": notification.originator_version,
            "type": name,
            "role": "actor" if acted else "named",
        }
        yield json.dumps(entry, ensure_ascii=False)


def summaries(app: Sozialkonferenz, findings: Findings) -> dict[str, Any]:
    """Memberships with their group's name, and live-editing contributions per measure."""
    groups: dict[str, dict[str, Any]] = {}
    for entry in findings.memberships:
        group_id = entry["working_group_id"]
        if group_id not in groups:
            group: Any = app.repository.get(UUID(group_id))
            groups[group_id] = {"working_group": group.name, "conference_id": str(group.conference_id)}
        entry.update(groups[group_id])
    live = []
    for document_id, summary in findings.updates.items():
        started: Any = next(iter(app.events.get(document_id, lte=1)))
        live.append({"measure_id": str(started.measure_id), **summary})
    return {"memberships": findings.memberships, "live_editing": live}


def export_chunks(app: Sozialkonferenz, head: dict[str, Any]) -> Iterator[str]:
    """The export document in pieces: header, the events page by page, then the summaries."""
    person_id = UUID(head["person_id"])
    findings = Findings(person_id)
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "events": ['
    page: list[str] = []
    written = 0
    for text in events_and_findings(app, person_id, head["position"], findings):
        page.append(text)
        if len(page) >= PAGE:
            yield ("," if written else "") + ",".join(page)
            written, page = written + len(page), []
    if page:
        yield ("," if written else "") + ",".join(page)
    yield "], " + json.dumps(summaries(app, findings), ensure_ascii=False)[1:]


@operation(Contract("Auskunft über alle gespeicherten Daten einer Person (DSGVO Art. 15) als JSON-Datei"))
async def export(request: Request) -> Response:
    """Alle Daten über eine Person (DSGVO Art. 15) als JSON-Datei"""
    state = runtime(request)
    app = state.application
    person_id = path_value(request, "person_id")
    head = await run_sync(header, app, person_id, state.accounts.engine)
    chunks = export_chunks(app, head)

    async def body() -> AsyncIterator[str]:
        while (chunk := await run_sync(next, chunks, None)) is not None:
            yield chunk

    headers = {"Content-Disposition": f'attachment; filename="auskunft-{head["person_id"]}.json"'}
    return StreamingResponse(body(), media_type="application/json", headers=headers)


privacy_routes = [Route("/people/{person_id}/export", export, methods=["GET"])]
