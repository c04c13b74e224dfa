"""The broker between server processes: typed messages over Redis publish/subscribe (``redis.asyncio``).

Redis carries what must reach the other processes at once (view changes, access changes,
later the live rooms' updates); PostgreSQL stays the store and the arbiter of order. Redis
publish/subscribe delivers at most once: a process that was disconnected has missed what was
sent meanwhile, and is told so (``on_gap``), so it can fall back to the database.

API (one ``Broker`` per process, made by the composition in ``server/cluster/wiring.py``)::

    broker = Broker("redis://127.0.0.1:6379/0", prefix="sk:mydb", registry=metrics_registry)
    await broker.start()                       # BrokerUnavailable (German message) if unreachable
    sub = broker.subscribe("measure:<uuid>", on_message, on_gap=resync)   # channel names are local
    broker.publish("measure:<uuid>", "update", b"...")      # bytes, or anything json.dumps takes
    broker.publish_from_thread("views", "changed", {...})   # the same from a worker thread
    sub.close()                                # unsubscribes when nobody else listens there
    await broker.stop()

``on_message(message)`` gets a ``Message(channel, kind, sender, sent_at, payload)``; ``payload``
is ``bytes`` as published (``message.json()`` decodes a JSON payload). A process never receives
its own messages (``sender == broker.process_id`` is filtered out). Handlers run on the event
loop in the order messages arrived; they should be quick (a coroutine is awaited before the next
message). ``on_gap()`` is called after the connection to Redis was lost and is back: messages
published in between are gone. Publishing is ordered per process (one sender task); while Redis
is away messages wait in a bounded queue (the oldest are dropped and counted beyond it).

Every key and channel is namespaced by ``prefix`` (default ``sk:<database name>``, see
``server/config.py``), so several installations or test runs can share one Redis.
Metrics (``sk_broker_*``): messages published, received, dropped; reconnects; connected;
the lag from publishing to receiving.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
import struct
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

log = logging.getLogger("sozialkonferenz.cluster")
OUTBOX_SIZE = 10_000
SEND_BATCH = 500  # messages sent in one write at most
WRITE_NOW_LIMIT = 256 * 1024  # bytes waiting in the publishing connection's buffer beyond which messages queue
BACKOFF_FIRST, BACKOFF_MAX = 0.1, 5.0
_HEADER = struct.Struct("!dBB")  # sent at (wall clock), then the lengths of kind and sender (ASCII) before the payload


class BrokerUnavailable(RuntimeError):
    """Redis could not be reached (at start: the server does not start)."""


@dataclass(frozen=True, slots=True)
class Message:
    channel: str  # without the prefix
    kind: str
    sender: str  # the publishing process's id
    sent_at: float  # wall clock (seconds since the epoch) at publishing
    payload: bytes

    def json(self) -> Any:
        return json.loads(self.payload)


Handler = Callable[[Message], Awaitable[None] | None]
GapHandler = Callable[[], Awaitable[None] | None]


def encode(kind: str, sender: str, payload: bytes | Any) -> bytes:
    """The wire form: a binary header (time, the lengths of kind and sender), kind, sender, then the payload.

    A fixed binary header instead of JSON: every live update crosses the broker twice, and
    the header's JSON was a third of a message's cost.
    """
    body = payload if isinstance(payload, bytes) else json.dumps(payload, separators=(",", ":")).encode()
    k, s = kind.encode("ascii"), sender.encode("ascii")
    return b"".join((_HEADER.pack(time.time(), len(k), len(s)), k, s, body))


def decode(channel: str, data: bytes) -> Message:
    """Raises ValueError (or struct.error) for anything that is not :func:`encode`'s."""
    sent_at, kind_length, sender_length = _HEADER.unpack_from(data)
    start = _HEADER.size + kind_length + sender_length
    if len(data) < start:
        raise ValueError("Nachricht kürzer als ihr Kopf")
    kind = data[_HEADER.size : _HEADER.size + kind_length].decode("ascii")
    sender = data[_HEADER.size + kind_length : start].decode("ascii")
    return Message(channel, kind, sender, sent_at, data[start:])


@dataclass(eq=False)
class Subscription:
    broker: Broker
    channel: str
    handler: Handler
    on_gap: GapHandler | None = None

    def close(self) -> None:
        self.broker._unsubscribe(self)


@dataclass
class BrokerMetrics:
    registry: CollectorRegistry
    published: Counter = field(init=False)
    received: Counter = field(init=False)
    dropped: Counter = field(init=False)
    reconnects: Counter = field(init=False)
    connected: Gauge = field(init=False)
    lag: Histogram = field(init=False)
    _children: dict[tuple[str, str], Any] = field(init=False, default_factory=dict)

    def of_kind(self, which: str, kind: str) -> Any:
        """``published`` or ``received`` for one kind of message (the labelled child, looked up once)."""
        child = self._children.get((which, kind))
        if child is None:
            child = self._children[(which, kind)] = getattr(self, which).labels(kind)
        return child

    def __post_init__(self) -> None:
        r = self.registry
        self.published = Counter("sk_broker_published", "Messages published to the broker", ["kind"], registry=r)
        self.received = Counter("sk_broker_received", "Messages received from other processes", ["kind"], registry=r)
        self.dropped = Counter("sk_broker_dropped", "Messages dropped while the broker was away", registry=r)
        self.reconnects = Counter("sk_broker_reconnects", "Connections to the broker lost and made again", registry=r)
        self.connected = Gauge("sk_broker_connected", "1 while subscribed to the broker", registry=r)
        self.lag = Histogram(
            "sk_broker_lag_seconds", "Time from publishing in one process to receiving in another",
            buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0), registry=r,
        )  # fmt: skip


class Broker:
    def __init__(
        self, url: str, prefix: str, registry: CollectorRegistry | None = None, process_id: str | None = None
    ) -> None:
        self.url = url
        self.prefix = prefix
        self.process_id = process_id or uuid.uuid4().hex[:12]
        self.listener_name = f"sk-listen-{self.process_id}"  # CLIENT LIST shows whose connection it is
        self.metrics = BrokerMetrics(registry or CollectorRegistry())
        # Commands (publish, keys) retry a little; the listening connection does not, so a lost
        # connection is noticed (and reported as a gap) instead of being silently re-made.
        self.redis: Redis = Redis.from_url(url, socket_connect_timeout=3)
        self._listen_redis: Redis = Redis.from_url(
            url, socket_connect_timeout=3, retry=Retry(NoBackoff(), 0), client_name=self.listener_name
        )
        self._subscriptions: dict[str, list[Subscription]] = {}
        self._subscribed: dict[str, asyncio.Event] = {}  # per channel: set once its SUBSCRIBE is sent
        self._pubsub: Any = None
        self._outbox: asyncio.Queue[tuple[str, str, bytes]] = asyncio.Queue()
        self._publisher: Any = None  # the publishing connection (replies off), made by _send
        self._sending = False  # _send is writing a batch: later messages queue behind it
        self._tasks: list[asyncio.Task[None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self.connected = asyncio.Event()

    def key(self, name: str) -> str:
        """A Redis key or channel in this cluster's namespace."""
        return f"{self.prefix}:{name}"

    # --- lifetime --------------------------------------------------------------

    async def start(self) -> None:
        try:
            await self.redis.ping()
        except (RedisError, OSError) as error:
            raise BrokerUnavailable(unreachable(self.url, error)) from error
        self._loop = asyncio.get_running_loop()
        self._tasks = [asyncio.create_task(self._listen()), asyncio.create_task(self._send())]
        try:
            await asyncio.wait_for(self.connected.wait(), 10)
        except TimeoutError as error:
            await self.stop(flush_seconds=0)
            raise BrokerUnavailable(unreachable(self.url, error)) from error

    async def stop(self, flush_seconds: float = 1.0) -> None:
        """Send what is queued (for at most ``flush_seconds``), then disconnect."""
        if self._tasks and self.connected.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._outbox.join(), flush_seconds)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        await self._drop_publisher(flush=True)
        await self.redis.aclose()
        await self._listen_redis.aclose()

    # --- publishing ------------------------------------------------------------

    def publish(self, channel: str, kind: str, payload: bytes | Any) -> None:
        """Send a message to the other processes, in order; never blocks.

        With nothing queued or being sent before it, the message is written to the publishing
        connection at once (it leaves with this turn of the event loop, not the next); otherwise,
        and while that connection is away, it is queued for :meth:`_send`.
        """
        data = encode(kind, self.process_id, payload)
        if not self._sending and self._outbox.empty() and self._write_now(channel, data):
            self.metrics.of_kind("published", kind).inc()
            return
        if self._outbox.qsize() >= OUTBOX_SIZE:
            self._outbox.get_nowait()
            self._outbox.task_done()
            self.metrics.dropped.inc()
        self._outbox.put_nowait((channel, kind, data))

    def _write_now(self, channel: str, data: bytes) -> bool:
        """Write one PUBLISH to the publishing connection's buffer if it is open and not backed up."""
        writer = self._open_writer()
        if writer is None or writer.transport.get_write_buffer_size() > WRITE_NOW_LIMIT:
            return False  # Redis reads slowly: queue, so _send waits for it (drain) and notices a lost connection
        writer.writelines(self._publisher.pack_commands([("PUBLISH", self.key(channel), data)]))
        return True

    def _open_writer(self) -> Any:
        """The publishing connection's stream while it is open (its socket not closing), else None."""
        writer = getattr(self._publisher, "_writer", None)
        transport = getattr(writer, "transport", None)
        return writer if transport is not None and not transport.is_closing() else None

    def publish_from_thread(self, channel: str, kind: str, payload: bytes | Any) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self.publish, channel, kind, payload)

    async def _send(self) -> None:
        """Send what is queued, in order: everything waiting at once, in one write.

        Publishing uses a connection of its own with Redis' replies switched off (``CLIENT REPLY
        OFF``): a publish is then one write, with no reply to wait for, read and parse. A live
        update crosses the broker twice, so this is most of what the broker costs a process.
        A lost connection is noticed on writing; the batch is sent again whole on a new one.
        """
        delay = BACKOFF_FIRST
        while True:
            batch = [await self._outbox.get()]
            while not self._outbox.empty() and len(batch) < SEND_BATCH:
                batch.append(self._outbox.get_nowait())
            self._sending = True
            while True:
                try:
                    connection = await self._publishing_connection()
                    commands = [("PUBLISH", self.key(channel), data) for channel, _, data in batch]
                    await connection.send_packed_command(connection.pack_commands(commands), check_health=False)
                    break
                except (RedisError, OSError) as error:  # sent again whole: a receiver may get one twice
                    await self._drop_publisher()
                    log.warning("Broker: Senden fehlgeschlagen (%s), neuer Versuch in %.1f s", error, delay)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, BACKOFF_MAX)
            delay = BACKOFF_FIRST
            self._sending = not self._outbox.empty()  # what queued meanwhile goes first, then direct writes again
            for _, kind, _ in batch:
                self.metrics.of_kind("published", kind).inc()
                self._outbox.task_done()

    async def _publishing_connection(self) -> Any:
        connection = self._publisher
        if self._open_writer() is None:  # never made, or its socket closed (Redis went away)
            await self._drop_publisher()
            connection = self.redis.connection_pool.make_connection()
            await connection.connect()
            await connection.send_command("CLIENT", "REPLY", "OFF", check_health=False)
            self._publisher = connection
        return connection

    async def _drop_publisher(self, flush: bool = False) -> None:
        """Close the publishing connection (``flush``: after what is written to it has left)."""
        connection, self._publisher = self._publisher, None
        if connection is not None:
            with contextlib.suppress(RedisError, OSError):
                await connection.disconnect(nowait=not flush)

    # --- subscribing -----------------------------------------------------------

    def subscribe(self, channel: str, handler: Handler, on_gap: GapHandler | None = None) -> Subscription:
        subscription = Subscription(self, channel, handler, on_gap)
        first = channel not in self._subscriptions
        self._subscriptions.setdefault(channel, []).append(subscription)
        if first:
            subscribed = self._subscribed[channel] = asyncio.Event()
            if self._pubsub is not None and self.connected.is_set():
                self._command(self._pubsub.subscribe(self.key(channel)), subscribed)
        return subscription

    async def subscribed(self, channel: str, timeout: float = 5.0) -> bool:
        """Wait until the subscription to ``channel`` is sent to Redis (a message published after that
        reaches this process); False after ``timeout`` or when nobody here listens there any more."""
        event = self._subscribed.get(channel)
        if event is None:
            return False
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)
        return event.is_set()

    def _unsubscribe(self, subscription: Subscription) -> None:
        listed = self._subscriptions.get(subscription.channel, [])
        if subscription in listed:
            listed.remove(subscription)
        gone = not listed and self._subscriptions.pop(subscription.channel, None) is not None
        if gone:
            self._subscribed.pop(subscription.channel, None)
        if gone and self._pubsub is not None and self.connected.is_set():
            self._command(self._pubsub.unsubscribe(self.key(subscription.channel)))

    def _command(self, coroutine: Awaitable[Any], done: asyncio.Event | None = None) -> None:
        async def run() -> None:
            # A failure here: the listener notices the lost connection and subscribes everything again.
            await _quietly(coroutine)
            if done is not None and self.connected.is_set():
                done.set()

        asyncio.get_running_loop().create_task(run())

    async def _listen(self) -> None:
        delay, lost = BACKOFF_FIRST, False
        while True:
            pubsub = self._listen_redis.pubsub(ignore_subscribe_messages=True)
            try:
                # A channel of our own keeps the connection subscribed while nothing else is.
                await pubsub.subscribe(self.key(f"process:{self.process_id}"))
                sent: set[str] = set()
                while todo := [channel for channel in self._subscriptions if channel not in sent]:
                    await pubsub.subscribe(*map(self.key, todo))  # channels subscribed meanwhile come next round
                    sent.update(todo)
                for channel in sent:
                    event = self._subscribed.get(channel)
                    if event is not None:
                        event.set()
                self._pubsub = pubsub
                self.connected.set()
                self.metrics.connected.set(1)
                delay = BACKOFF_FIRST
                if lost:
                    lost = False
                    self.metrics.reconnects.inc()
                    await self._gap()
                while True:
                    raw = await pubsub.get_message(timeout=None)
                    if raw is not None and raw.get("type") == "message":
                        await self._deliver(raw["channel"].decode(), raw["data"])
            except (RedisError, OSError) as error:
                if self.connected.is_set():
                    log.warning("Broker: Verbindung zu %s verloren (%s)", redacted(self.url), error)
                lost = True
            finally:
                self._pubsub = None
                self.connected.clear()
                self.metrics.connected.set(0)
                await _quietly(pubsub.aclose())
            await asyncio.sleep(delay)
            delay = min(delay * 2, BACKOFF_MAX)

    async def _deliver(self, channel: str, data: bytes) -> None:
        local = channel[len(self.prefix) + 1 :]
        try:
            message = decode(local, data)
        except (ValueError, KeyError, struct.error):
            log.warning("Broker: unlesbare Nachricht auf %s verworfen", channel)
            return
        if message.sender == self.process_id:
            return
        self.metrics.of_kind("received", message.kind).inc()
        self.metrics.lag.observe(max(0.0, time.time() - message.sent_at))
        for subscription in list(self._subscriptions.get(local, ())):
            await _call(subscription.handler, message)

    async def _gap(self) -> None:
        for subscriptions in list(self._subscriptions.values()):
            for subscription in list(subscriptions):
                if subscription.on_gap is not None:
                    await _call(subscription.on_gap)


async def _call(function: Callable[..., Awaitable[None] | None], *args: Any) -> None:
    try:
        result = function(*args)
        if inspect.isawaitable(result):
            await result
    except Exception:  # one failing handler must not stop the others (nor the listener)
        log.exception("Broker: Fehler in einem Empfänger")


async def _quietly(coroutine: Awaitable[Any]) -> None:
    with contextlib.suppress(RedisError, OSError):
        await coroutine


def redacted(url: str) -> str:
    """The broker's address without its password (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username or ''}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def unreachable(url: str, error: BaseException) -> str:
    return (
        f"Der Broker {redacted(url)} ist nicht erreichbar ({error.__class__.__name__}: {error}). "
        "Bitte prüfen, ob Redis läuft und die Adresse in --broker bzw. SOZIALKONFERENZ_BROKER_URL stimmt."
    )
