"""What the processes of a cluster tell each other: view changes and access changes.

``ViewRelay``: a process that stored events wakes the one running the projections; that one
announces every batch (positions and the changed rows) and, once a second, its positions; the
others ``follow`` (their change feed, read-your-writes and the rooms' measure rechecks work as if
they had run the batch themselves).
After a gap they read the stored positions and tell their change-feed clients to resync.

``AccessRelay`` and ``ClusterRoomManager``: a role or membership change, an erasure, a sign-out
or a revoked token re-checks (or closes) the open live connections of every process, not only of
the one that took the command. The periodic credential check stays as the fallback.
"""

from __future__ import annotations

import asyncio
from typing import Any

from anyio.to_thread import run_sync

from projections.framework import Change
from projections.runner import ProjectionRunner
from server.changes import ChangeHub
from server.cluster.broker import Broker, Message
from server.cluster.locks import Lease
from server.collab.manager import CREDENTIAL_ENDED, AccessPolicy, RoomManager
from server.config import Settings

VIEWS = "views"
ACCESS = "access"
POSITIONS_EVERY = 1.0


class ViewRelay:
    def __init__(self, broker: Broker, runner: ProjectionRunner, hub: ChangeHub, lease: Lease) -> None:
        self.broker = broker
        self.runner = runner
        self.hub = hub
        self.lease = lease
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.runner.announcers.append(self.announce)
        self.runner.app.save_listeners.append(self.saved)
        self.broker.subscribe(VIEWS, self._received, on_gap=self._gap)
        self._task = asyncio.create_task(self._positions())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def announce(self, changes: list[Change], position: int) -> None:
        """From the runner's thread, after each batch it applied."""
        payload = {
            "position": position,
            "positions": dict(self.runner.positions),
            "changes": [[c.view, c.id, c.conference_id] for c in changes],
        }
        self.broker.publish_from_thread(VIEWS, "changed", payload)

    def saved(self, position: int) -> None:
        """From the thread that stored events here: wake the projections' process at once
        (without this it would find them at its next poll)."""
        if not self.lease.held:
            self.broker.publish_from_thread(VIEWS, "saved", {"position": position})

    async def _positions(self) -> None:
        """Views with nothing to do advance in memory only: tell the others how far, now and then."""
        while True:
            await asyncio.sleep(POSITIONS_EVERY)
            if self.lease.held:
                positions = dict(self.runner.positions)
                self.broker.publish(VIEWS, "positions", {"position": min(positions.values()), "positions": positions})

    async def _received(self, message: Message) -> None:
        data: dict[str, Any] = message.json()
        if message.kind == "saved":
            self.runner.wake()
            return
        changes = [Change(view, id, conference) for view, id, conference in data.get("changes", [])]
        self.runner.follow({k: int(v) for k, v in data["positions"].items()}, changes, int(data["position"]))

    async def _gap(self) -> None:
        await run_sync(self.runner.refresh_positions)
        self.hub.resync()


class AccessRelay:
    def __init__(self, broker: Broker, collab: RoomManager, policy: AccessPolicy) -> None:
        self.broker = broker
        self.collab = collab
        self.policy = policy

    def start(self) -> None:
        self.broker.subscribe(ACCESS, self._received, on_gap=self._gap)

    def access_changed(self) -> None:
        self.broker.publish(ACCESS, "refresh", {})

    def credential_closed(self, credential: str, reason: str) -> None:
        self.broker.publish(ACCESS, "close", {"credential": credential, "reason": reason})

    async def _received(self, message: Message) -> None:
        if message.kind == "refresh":
            await RoomManager.refresh_access(self.collab, self.policy)
        elif message.kind == "close":
            data = message.json()
            RoomManager.close_credential(self.collab, str(data["credential"]), str(data["reason"]))

    async def _gap(self) -> None:
        await RoomManager.refresh_access(self.collab, self.policy)


class ClusterRoomManager(RoomManager):
    """The rooms, telling the other processes when access changed here (``relay`` set with a broker)."""

    relay: AccessRelay | None = None

    async def refresh_access(self, policy: AccessPolicy) -> None:
        await super().refresh_access(policy)
        if self.relay is not None:
            self.relay.access_changed()

    def close_credential(self, credential: str, reason: str) -> None:
        super().close_credential(credential, reason)
        # The periodic check's closings are found by every process's own check.
        if self.relay is not None and reason != CREDENTIAL_ENDED:
            self.relay.credential_closed(credential, reason)


def publish_credential_closed(settings: Settings, credential: str, reason: str) -> None:
    """For the command line (synchronous): close a credential's live connections on every process."""
    from redis import Redis
    from redis.exceptions import RedisError

    from server.cluster.broker import encode, unreachable

    client = Redis.from_url(settings.broker_url or "", socket_connect_timeout=3)
    try:
        data = encode("close", "cli", {"credential": credential, "reason": reason})
        client.publish(f"{settings.broker_prefix}:{ACCESS}", data)
    except (RedisError, OSError) as error:
        raise ValueError(
            unreachable(settings.broker_url or "", error) + " Die Server trennen beim nächsten Prüfen."
        ) from error
    finally:
        client.close()
