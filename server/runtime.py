"""What a running server holds: the application, the projection runner and the change hub."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from anyio.to_thread import run_sync
from starlette.requests import Request

from domain.application import Sozialkonferenz
from domain.errors import InvalidInput
from domain.reference import Person
from projections.runner import ProjectionRunner
from server.changes import ChangeHub
from server.collab.manager import RoomManager

POSITION_COOKIE = "sk_position"
READ_YOUR_WRITES_TIMEOUT = 5.0


@dataclass
class Runtime:
    application: Sozialkonferenz
    runner: ProjectionRunner
    hub: ChangeHub
    database_kind: str
    collab: RoomManager
    known_actors: set[UUID] = field(default_factory=set)


def runtime(request: Request) -> Runtime:
    value: Runtime = request.state.runtime
    return value


async def actor(request: Request) -> UUID:
    """The acting person. Until sign-in exists, scripts and the browser name it in ``X-Actor-Id``."""
    raw = request.headers.get("x-actor-id", "")
    try:
        person_id = UUID(raw)
    except ValueError:
        raise InvalidInput(
            "X-Actor-Id", "Bitte die handelnde Person im Kopffeld „X-Actor-Id“ als Kennung (UUID) angeben."
        ) from None
    state = runtime(request)
    if person_id not in state.known_actors:
        await run_sync(lambda: state.application.load(Person, person_id, field="X-Actor-Id"))
        state.known_actors.add(person_id)
    return person_id


async def wait_for_own_writes(request: Request) -> None:
    """Read-your-writes: wait (bounded) until the views include the client's last command."""
    raw = request.query_params.get("min_position") or request.cookies.get(POSITION_COOKIE)
    if not raw:
        return
    try:
        position = int(raw)
    except ValueError:
        raise InvalidInput("min_position", "„min_position“ muss eine ganze Zahl sein.") from None
    state = runtime(request)
    if min(state.runner.positions.values()) >= position:
        return
    # A position the store never reached (a stale cookie, or another local server's) cannot be waited for.
    position = min(position, await run_sync(state.application.position))
    await run_sync(state.runner.wait_for, position, READ_YOUR_WRITES_TIMEOUT)
