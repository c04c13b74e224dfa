"""What a person without any role reads: texts, decisions, group names and counts, no one's name.

The data-protection decision (README "Was die Öffentlichkeit sieht", docs/permissions.md): the public
account (and the operator, who holds nothing beyond the public's rights) reads every view, but every
answer that could say *who* (members and moderators, role holders, the actor of each step, people's
names) is stripped before it leaves the server: lists of people become counts, actors and person ids
are omitted, the list of people is empty. Everyone with a role anywhere (city-wide, in a conference,
in a working group, committee or coordination group) keeps seeing names: they work with these people.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from anyio.to_thread import run_sync
from sqlalchemy import select
from starlette.requests import HTTPConnection

from domain.conference import Conference
from domain.coordination import CoordinationGroup, coordination_group_id
from domain.errors import NotFound
from domain.roles import OPERATOR
from projections import tables as t
from server.auth.http import principal
from server.auth.policy import PUBLIC_COUNTED, PUBLIC_OMITTED
from server.runtime import Runtime, runtime

# A list of people becomes its length under the second name; keys naming a person are omitted.
COUNTED = PUBLIC_COUNTED
PERSONAL = PUBLIC_OMITTED


def holds_no_role(state: Runtime, person_id: UUID) -> bool:
    """No role anywhere: not city-wide (the operator's aside), not in any conference, group or committee."""
    if set(state.policy.global_roles(person_id)) - {OPERATOR}:
        return False
    me = str(person_id)
    with state.runner.engine.connect() as connection:
        groups = connection.execute(select(t.working_groups.c.member_ids, t.working_groups.c.moderator_ids)).all()
        committees = connection.execute(select(t.committee_members.c.member_ids)).scalars().all()
        conference_ids = connection.execute(select(t.conferences.c.id)).scalars().all()
    if any(me in members or me in moderators for members, moderators in groups):
        return False
    if any(me in members for members in committees):
        return False
    with state.runner.engine.connect() as connection:
        series = connection.execute(select(t.conferences.c.series).distinct()).scalars().all()
    for name in series:  # a member of a series' coordination group
        try:
            if state.policy.aggregates.load(CoordinationGroup, coordination_group_id(name)).is_member(person_id):
                return False
        except NotFound:
            continue
    for conference_id in conference_ids:
        try:
            if state.policy.aggregates.load(Conference, UUID(conference_id)).roles_of(person_id):
                return False
        except NotFound:
            continue
    return True


async def reader_is_public(conn: HTTPConnection) -> bool:
    found = await principal(conn)
    if found is None:
        return True
    return await run_sync(holds_no_role, runtime(conn), found.person_id)


def redact(value: Any) -> Any:
    """The answer without anyone's name or id (see the module's docstring)."""
    if isinstance(value, list):
        return [redact(v) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key in COUNTED and isinstance(item, list):
            out[COUNTED[key]] = len(item)
        elif key in PERSONAL or (key == "roles" and isinstance(item, dict)):
            continue  # a conference's state keys its roles by person id
        else:
            out[key] = redact(item)
    return out


async def for_reader(conn: HTTPConnection, value: Any) -> Any:
    """``value`` as the reader may see it."""
    return redact(value) if await reader_is_public(conn) else value


async def own_rows(conn: HTTPConnection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Of the list of people, the public reader sees herself only."""
    found = await principal(conn)
    return [row for row in rows if found is not None and row.get("id") == str(found.person_id)]
