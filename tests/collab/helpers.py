"""What the event store holds for a live proposal, and small helpers the collab tests share."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from pycrdt import Doc, Text, merge_updates

from domain.application import Sozialkonferenz
from domain.document import ProposalDocument, document_id
from domain.texts import PROPOSAL_FIELDS
from server.collab import protocol, store
from tests.collab.client import CollabClient


def document_events(app: Sozialkonferenz, measure_id: UUID) -> list[Any]:
    return list(app.events.get(document_id(measure_id)))


async def stored(app: Sozialkonferenz, measure_id: UUID) -> tuple[dict[str, str], list[Any]]:
    """The stored document's text (as a room would load it) and the document stream's events."""

    def read() -> tuple[dict[str, str], list[Any]]:
        return store.text_of(store.load(app, measure_id).doc), document_events(app, measure_id)

    return await asyncio.to_thread(read)


def appended_updates(events: list[Any]) -> list[dict[str, Any]]:
    return [u for e in events if isinstance(e, ProposalDocument.UpdatesAppended) for u in e.updates]


def state_vector(encoded: bytes) -> dict[int, int]:
    """Decode a Yjs state vector (varUint count, then pairs of client id and clock)."""
    reader = protocol.Reader(encoded)
    return dict((reader.uint(), reader.uint()) for _ in range(reader.uint()))


def doc_from(updates: list[bytes]) -> Doc:
    doc = store.new_doc()
    if updates:
        doc.apply_update(merge_updates(*updates))
    return doc


def fields_of(doc: Doc) -> dict[str, str]:
    return {field: str(doc.get(field, type=Text)) for field in PROPOSAL_FIELDS}


async def synced(*clients: CollabClient, timeout: float = 10) -> None:
    await asyncio.gather(*(asyncio.wait_for(c.synced.wait(), timeout) for c in clients))


async def wait_stored(app: Sozialkonferenz, measure_id: UUID, fields: dict[str, str], timeout: float = 10) -> list[Any]:
    """Wait until the stored document has exactly ``fields``; returns the document stream's events."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        text, events = await stored(app, measure_id)
        if text == fields:
            return events
        if loop.time() > deadline:
            raise AssertionError(f"gespeicherter Text {text!r} statt {fields!r}")
        await asyncio.sleep(0.02)
