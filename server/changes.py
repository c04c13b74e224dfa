"""The live change feed: which view rows changed, as Server-Sent Events.

The projection runner reports changes from its thread; the hub hands them to
every connected dashboard's queue on the event loop. A slow client whose queue
fills up gets a ``resync`` notice instead of silently missing changes.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import suppress
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import StreamingResponse

from projections.framework import Change

QUEUE_SIZE = 1000
HEARTBEAT_SECONDS = 15.0


@dataclass(eq=False)  # compared and hashed by identity: the hub keeps its subscribers in a set
class Subscriber:
    conference_id: str | None
    queue: asyncio.Queue[dict[str, object]] = field(default_factory=lambda: asyncio.Queue(QUEUE_SIZE))
    overflowed: bool = False


class ChangeHub:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.subscribers: set[Subscriber] = set()

    def publish_from_thread(self, changes: list[Change], position: int) -> None:
        if changes and self.subscribers:
            self.loop.call_soon_threadsafe(self.publish, changes, position)

    def publish(self, changes: list[Change], position: int) -> None:
        for subscriber in list(self.subscribers):
            mine = [c for c in changes if subscriber.conference_id in (None, c.conference_id)]
            if not mine:
                continue
            message = {
                "position": position,
                "changes": [{"view": c.view, "id": c.id, "conference_id": c.conference_id} for c in mine],
            }
            try:
                subscriber.queue.put_nowait(message)
            except asyncio.QueueFull:
                subscriber.overflowed = True

    def resync(self) -> None:
        """Changes may have been missed (the broker was away): every client should reload."""
        for subscriber in list(self.subscribers):
            subscriber.overflowed = True
            with suppress(asyncio.QueueFull):  # a full queue wakes the stream anyway
                subscriber.queue.put_nowait({})  # wakes the stream, which sends the resync notice

    async def stream(self, subscriber: Subscriber, request: Request) -> AsyncIterator[str]:
        self.subscribers.add(subscriber)
        try:
            yield "retry: 2000\n\n"
            while True:
                if subscriber.overflowed:
                    subscriber.overflowed = False
                    yield "event: resync\ndata: {}\n\n"
                try:
                    message = await asyncio.wait_for(subscriber.queue.get(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    if await request.is_disconnected():
                        return
                    yield ": keep-alive\n\n"
                    continue
                if not message:  # a wake-up from resync()
                    continue
                yield f"id: {message['position']}\nevent: change\ndata: {json.dumps(message)}\n\n"
        finally:
            self.subscribers.discard(subscriber)

    def response(self, request: Request, conference_id: str | None) -> StreamingResponse:
        return StreamingResponse(
            self.stream(Subscriber(conference_id), request),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
