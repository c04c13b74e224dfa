"""What a running server holds: the application, the projection runner, the change hub and its cluster."""

from __future__ import annotations

from dataclasses import dataclass, field

from anyio.to_thread import run_sync
from starlette.requests import Request

from domain.application import Sozialkonferenz
from domain.errors import InvalidInput
from projections.runner import ProjectionRunner
from server.auth.http import AuthSettings, LoginThrottle
from server.auth.policy import Policy
from server.auth.store import AccountStore
from server.changes import ChangeHub
from server.cluster.throttle import SharedLoginThrottle
from server.cluster.wiring import Cluster
from server.collab.manager import RoomManager
from server.http.params import MAX_BODY_BYTES
from server.imports.jobs import ImportJobs
from server.similarity.service import SimilarProposals

POSITION_COOKIE = "sk_position"
READ_YOUR_WRITES_TIMEOUT = 5.0


@dataclass
class Runtime:
    application: Sozialkonferenz
    runner: ProjectionRunner
    hub: ChangeHub
    database_kind: str
    collab: RoomManager
    accounts: AccountStore
    policy: Policy
    auth_settings: AuthSettings = field(default_factory=AuthSettings)
    max_body_bytes: int = MAX_BODY_BYTES
    cluster: Cluster | None = None  # with a broker: the other processes (server/cluster/)
    throttle: LoginThrottle | SharedLoginThrottle = field(init=False)
    similar: SimilarProposals | None = None  # „Ähnliche Vorschläge“: built at the first question
    imports: ImportJobs = field(default_factory=ImportJobs)  # catalogue imports of this process

    def __post_init__(self) -> None:
        self.throttle = LoginThrottle(self.auth_settings) if self.cluster is None else self.cluster.throttle


def runtime(request: Request) -> Runtime:
    value: Runtime = request.state.runtime
    return value


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
