"""One process's part in a cluster, put together in the app's lifespan when a broker is configured.

``Cluster.start`` connects to the broker (or fails with a German message), registers the
process, hands the projections to whichever process holds the lease, and relays view and
access changes; ``stop`` undoes it in reverse order. Without a broker none of this exists and
the server is the single process it always was (``ServerGuard`` keeps it single).
"""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry

from projections.runner import ProjectionRunner
from server.auth.http import AuthSettings
from server.changes import ChangeHub
from server.cluster.broker import Broker
from server.cluster.locks import LIVE_WRITER_KEY, Lease, lease_key
from server.cluster.registry import ConnectionCounter, ProcessRegistry
from server.cluster.relays import AccessRelay, ClusterRoomManager, ViewRelay
from server.cluster.throttle import SharedLoginThrottle
from server.collab.manager import AccessPolicy


class Cluster:
    def __init__(
        self,
        url: str,
        prefix: str,
        runner: ProjectionRunner,
        hub: ChangeHub,
        collab: ClusterRoomManager,
        policy: AccessPolicy,
        auth: AuthSettings,
        registry: CollectorRegistry,
    ) -> None:
        self.broker = Broker(url, prefix, registry)
        self.lease = Lease(runner.engine)
        self.live_writer = Lease(runner.engine, key=lease_key(LIVE_WRITER_KEY, prefix), check_seconds=1.0)
        self.runner = runner
        self.collab = collab
        self.processes = ProcessRegistry(self.broker, self.status)
        self.connections = ConnectionCounter(self.broker, self.processes)
        self.views = ViewRelay(self.broker, runner, hub, self.lease)
        self.access = AccessRelay(self.broker, collab, policy)
        self.throttle = SharedLoginThrottle(self.broker, auth)
        runner.lease = self.lease.hold

    def status(self) -> dict[str, Any]:
        return {**self.collab.status(), "projections": self.lease.held, "live_writer": self.live_writer.held}

    async def start(self) -> None:
        await self.broker.start()
        self.views.start()
        self.access.start()
        self.collab.relay = self.access
        self.collab.bus = self.broker  # live rooms share their stored updates and presence
        self.collab.connection_counter = self.connections
        await self.collab.share_writes(self.live_writer.hold)  # one process stores the live updates
        await self.processes.start()

    async def stop(self) -> None:
        self.collab.relay = None
        self.collab.unshare_writes()
        self.collab.bus = None
        self.collab.connection_counter = None
        await self.processes.stop()
        await self.views.stop()
        await self.broker.stop()
        self.lease.release()
        self.live_writer.release()
