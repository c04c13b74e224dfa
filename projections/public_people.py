"""Who agreed to be named publicly, and every span of a public role (for OParl's Person and Membership).

Public roles: moderating a working group, sitting on a committee, on a series' coordination group (and
chairing it), organising a conference (the conference's role). Spans are kept for everyone; only the
people in ``view_public_people`` with ``consented`` are ever shown (``server.documents.oparl.people``).
"""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, uuid5

from sqlalchemy import select
from sqlalchemy.engine import Connection

from domain.roles import ORGANISER
from projections import tables as t
from projections.framework import Change, Projection, Rows, StoredEvent, upsert

# event name → (kind of role, True: it starts / False: it ends)
SPANS: dict[str, tuple[str, bool]] = {
    "WorkingGroup.ModeratorAssigned": ("moderator", True),
    "WorkingGroup.ModeratorUnassigned": ("moderator", False),
    "Committee.MemberAppointed": ("committee", True),
    "Committee.MemberRemoved": ("committee", False),
    "CoordinationGroup.MemberAppointed": ("coordination", True),
    "CoordinationGroup.MemberRemoved": ("coordination", False),
}
CONSENT = {"Person.PublicNamingConsented": True, "Person.PublicNamingWithdrawn": False}


class PublicPeople(Projection):
    name = "public_people"
    label = "Öffentlich genannte Personen"
    tables = (t.public_people, t.public_roles)
    handles = frozenset(
        {*SPANS, *CONSENT, "Person.PersonalDataErased", "CoordinationGroup.ChairNamed", "Conference.RoleGranted",
         "Conference.RoleRevoked"}
    )  # fmt: skip

    def apply(self, connection: Connection, events: list[StoredEvent]) -> list[Change]:
        people = Rows(connection, t.public_people)
        self._open: dict[tuple[str, str, str], dict[str, Any]] = {}  # (kind, target, person) → open span
        self._written: dict[str, dict[str, Any]] = {}
        self._connection = connection
        for e in events:
            id, d = str(e.originator_id), e.data
            if e.name in CONSENT:
                found = people.get(id)
                created = found["created_at"] if found else e.at
                people.put({"id": id, "consented": CONSENT[e.name], "erased": False, "created_at": created,
                            "modified_at": e.at})  # fmt: skip
            elif e.name == "Person.PersonalDataErased":
                found = people.get(id)
                if found is not None:
                    people.put({**found, "consented": False, "erased": True, "modified_at": e.at})
            elif e.name in SPANS:
                kind, starts = SPANS[e.name]
                self._span(kind, id, str(d["person_id"]), e, starts)
                if kind == "coordination" and not starts:
                    self._span("chair", id, str(d["person_id"]), e, False)
            elif e.name == "CoordinationGroup.ChairNamed":
                for (kind, target, person), _ in list(self._chairs(id).items()):
                    self._span(kind, target, person, e, False)
                self._span("chair", id, str(d["person_id"]), e, True)
            elif d.get("role") == ORGANISER:  # a conference's organisers
                self._span("organiser", id, str(d["person_id"]), e, e.name == "Conference.RoleGranted")
        people.flush()
        upsert(connection, t.public_roles, list(self._written.values()))
        return []  # no view of the change feed shows these

    def _chairs(self, group: str) -> dict[tuple[str, str, str], dict[str, Any]]:
        r = t.public_roles.c
        query = select(t.public_roles).where(r.kind == "chair", r.target_id == group, r.end_at.is_(None))
        for row in self._connection.execute(query).mappings():
            self._open.setdefault(("chair", group, row["person_id"]), dict(row))
        return {k: v for k, v in self._open.items() if k[0] == "chair" and k[1] == group and v["end_at"] is None}

    def _span(self, kind: str, target: str, person: str, e: StoredEvent, starts: bool) -> None:
        key = (kind, target, person)
        if key not in self._open:
            r = t.public_roles.c
            query = select(t.public_roles).where(
                r.kind == kind, r.target_id == target, r.person_id == person, r.end_at.is_(None)
            )
            row = self._connection.execute(query).mappings().first()
            if row is not None:
                self._open[key] = dict(row)
        span = self._open.get(key)
        if starts and (span is None or span["end_at"] is not None):
            span_id = str(uuid5(NAMESPACE_URL, f"sozialkonferenz-role:{kind}:{target}:{person}:{e.position}"))
            span = {"id": span_id, "person_id": person, "kind": kind, "target_id": target, "start_at": e.at,
                    "end_at": None, "modified_at": e.at}  # fmt: skip
        elif not starts and span is not None and span["end_at"] is None:
            span = {**span, "end_at": e.at, "modified_at": e.at}
        else:
            return
        self._open[key] = span
        self._written[span["id"]] = span
