"""The sign-in pause shared by every process of a cluster: failed sign-ins counted in Redis.

Same rules as the in-memory ``LoginThrottle`` (``server/auth/http.py``): after
``login_failures`` failures within the window a name is paused (an address after five times as
many). ``INCR`` with an expiry counts atomically across processes; the pause is a key with a TTL.
Names and addresses appear only as hashes. While Redis is away the process's own memory counts.
"""

from __future__ import annotations

import hashlib
import math

from redis.exceptions import RedisError

from server.auth.http import AuthSettings, LoginThrottle, TooManyAttempts
from server.cluster.broker import Broker


class SharedLoginThrottle:
    def __init__(self, broker: Broker, settings: AuthSettings) -> None:
        self.broker = broker
        self.settings = settings
        self.local = LoginThrottle(settings)

    def _key(self, kind: str, key: str) -> str:
        return self.broker.key(f"signin:{kind}:{hashlib.sha256(key.encode()).hexdigest()[:32]}")

    async def check(self, *keys: str) -> None:
        try:
            async with self.broker.redis.pipeline(transaction=False) as pipe:
                for key in keys:
                    pipe.pttl(self._key("pause", key))
                waits = [w for w in await pipe.execute() if w and w > 0]
        except RedisError:
            await self.local.check(*keys)
            return
        if waits:
            raise TooManyAttempts(math.ceil(max(waits) / 1000))

    async def failed(self, *keys: str) -> None:
        try:
            for key in keys:
                await self._failed(key)
        except RedisError:
            await self.local.failed(*keys)

    async def _failed(self, key: str) -> None:
        failures = self._key("failures", key)
        async with self.broker.redis.pipeline(transaction=True) as pipe:
            pipe.incr(failures)
            pipe.expire(failures, math.ceil(self.settings.login_window_seconds), nx=True)
            count, _ = await pipe.execute()
        # One address may be a whole town hall behind NAT: it gets five times the allowance.
        allowed = self.settings.login_failures * (5 if key.startswith("addr:") else 1)
        if count >= allowed:
            async with self.broker.redis.pipeline(transaction=True) as pipe:
                pipe.set(self._key("pause", key), 1, px=math.ceil(self.settings.login_pause_seconds * 1000))
                pipe.delete(failures)
                await pipe.execute()

    async def succeeded(self, *keys: str) -> None:
        try:
            await self.broker.redis.delete(*(self._key("failures", key) for key in keys))
        except RedisError:
            await self.local.succeeded(*keys)
