"""The cluster's live processes and what they count together, in Redis.

``ProcessRegistry``: every process keeps a key ``<prefix>:processes:<id>`` (host, pid, start,
rooms, connections, whether it runs the projections) alive with a heartbeat; the key expires
``ttl`` seconds after the process stopped beating (``kill -9`` included). ``/api/health`` lists them.

``ConnectionCounter``: how many live connections a person holds across the cluster, for the
per-person limit. Each process counts its own in a field of the person's hash; a Lua script
adds up only the fields of processes still registered (and deletes the others) and takes one
more only under the limit, atomically. So a killed process's connections stop counting once its
registry key expired. For the live rooms (``RoomManager.join/leave``)::

    counter = cluster.connections
    if not await counter.acquire(f"edit:{person_id}", limit):
        ...refuse with 4429...
    await counter.release(f"edit:{person_id}")   # when the connection ends
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from redis.exceptions import RedisError

from server.cluster.broker import Broker

HEARTBEAT_SECONDS = 2.0
TTL_SECONDS = 6

ACQUIRE = """
local total = 0
local counts = redis.call('HGETALL', KEYS[1])
for i = 1, #counts, 2 do
  if redis.call('EXISTS', ARGV[3] .. counts[i]) == 1 then
    total = total + tonumber(counts[i + 1])
  else
    redis.call('HDEL', KEYS[1], counts[i])
  end
end
if total >= tonumber(ARGV[2]) then
  return 0
end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('EXPIRE', KEYS[1], 86400)
return 1
"""

RELEASE = """
local left = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if left <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
end
return left
"""


class ProcessRegistry:
    def __init__(
        self,
        broker: Broker,
        status: Callable[[], dict[str, Any]],
        heartbeat: float = HEARTBEAT_SECONDS,
        ttl: int = TTL_SECONDS,
    ) -> None:
        self.broker = broker
        self.status = status  # rooms, connections, projections: asked at every heartbeat
        self.heartbeat = heartbeat
        self.ttl = ttl
        self.started = datetime.now(UTC).isoformat(timespec="seconds")
        self._task: asyncio.Task[None] | None = None

    def key(self, process_id: str) -> str:
        return self.broker.key(f"processes:{process_id}")

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.broker.process_id,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "started": self.started,
            **self.status(),
        }

    async def beat(self) -> None:
        await self.broker.redis.set(self.key(self.broker.process_id), json.dumps(self.describe()), ex=self.ttl)

    async def start(self) -> None:
        await self.beat()
        self._task = asyncio.create_task(self._beating())

    async def _beating(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat)
            with contextlib.suppress(RedisError):  # the broker is away: the key expires, returns with a beat
                await self.beat()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        with contextlib.suppress(RedisError):
            await self.broker.redis.delete(self.key(self.broker.process_id))

    async def processes(self) -> list[dict[str, Any]]:
        """The live processes, this one first (fresh), the others as of their last heartbeat."""
        mine = self.describe()
        others: list[dict[str, Any]] = []
        try:
            keys = [k async for k in self.broker.redis.scan_iter(match=self.key("*"), count=1000)]
            values = await self.broker.redis.mget(keys) if keys else []
        except RedisError:
            return [mine]
        for value in values:
            if value is not None:
                process = json.loads(value)
                if process.get("id") != mine["id"]:
                    others.append(process)
        return [mine, *sorted(others, key=lambda p: (p.get("host", ""), p.get("pid", 0)))]


class ConnectionCounter:
    def __init__(self, broker: Broker, registry: ProcessRegistry) -> None:
        self.broker = broker
        self.registry = registry
        self._acquire = broker.redis.register_script(ACQUIRE)
        self._release = broker.redis.register_script(RELEASE)

    def _hash(self, key: str) -> str:
        return self.broker.key(f"connections:{key}")

    async def acquire(self, key: str, limit: int) -> bool:
        """Count one more connection for ``key`` if the cluster holds fewer than ``limit``."""
        taken = await self._acquire(keys=[self._hash(key)], args=[self.broker.process_id, limit, self.registry.key("")])
        return bool(taken)

    async def release(self, key: str) -> None:
        await self._release(keys=[self._hash(key)], args=[self.broker.process_id])

    async def count(self, key: str) -> int:
        """Connections of ``key`` held by live processes (for tests and status)."""
        counts = await self.broker.redis.hgetall(self._hash(key))
        alive = 0
        for process, value in counts.items():
            name = process.decode() if isinstance(process, bytes) else str(process)
            if await self.broker.redis.exists(self.registry.key(name)):
                alive += int(value)
        return alive
