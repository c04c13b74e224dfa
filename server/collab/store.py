"""Reading and writing the proposal document's stream in the event store (synchronous).

A room loads from the newest checkpoint plus the updates after it. Text time
travel and attribution replay the whole stream (checkpoints are skipped there,
the updates carry everything).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from pycrdt import Doc, Text, TextEvent, get_state
from sqlalchemy import insert

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.document import ProposalDocument, document_id
from domain.errors import ConcurrencyConflict, NotFound
from domain.measure import Measure
from domain.texts import PROPOSAL_FIELDS
from server import chain

SEED_CLIENT_ID = 1  # the seed is built the same way everywhere, so concurrent seeds are one and the same


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text)


def append_events(app: Sozialkonferenz, events: list[Any]) -> None:
    """Store new events in one transaction: what ``app.events.put`` does, in fewer steps.

    The same mapper (transcoding), table, write lock and PostgreSQL table lock as the
    library's recorder, but one multi-row INSERT instead of the ORM's unit of work, which
    cost more than the commit itself on the live-editing path. A version already taken
    fails the whole transaction, as with ``put``.
    """
    recorder: Any = app.recorder
    rows = [
        {
            "originator_id": stored.originator_id,
            "originator_version": stored.originator_version,
            "topic": stored.topic,
            "state": stored.state,
        }
        for stored in map(app.mapper.to_stored_event, events)
    ]
    table = recorder.events_record_cls.__table__
    with recorder.transaction(commit=True) as session:
        recorder._lock_table(session)
        inserted = session.execute(
            insert(table).returning(table.c.id, table.c.originator_id, table.c.originator_version), rows
        )
        chain.append_links(session, chain.inserted_events(inserted, rows))  # the hash chain, same transaction
        recorder._notify_channel(session)


def new_doc(client_id: int | None = None) -> Doc:
    doc = Doc(client_id=client_id, allow_multithreading=True)
    for field in PROPOSAL_FIELDS:
        doc.get(field, type=Text)
    return doc


def text_of(doc: Doc) -> dict[str, str]:
    return {field: str(doc.get(field, type=Text)) for field in PROPOSAL_FIELDS}


def seed_update(fields: dict[str, str]) -> bytes:
    doc = new_doc(SEED_CLIENT_ID)
    for field in PROPOSAL_FIELDS:
        if fields.get(field):
            doc.get(field, type=Text).insert(0, fields[field])
    return doc.get_update()


@dataclass
class LoadedDocument:
    aggregate: ProposalDocument
    doc: Doc
    measure: Measure


def load(app: Sozialkonferenz, measure_id: UUID) -> LoadedDocument:
    """The measure and its live document; a first load seeds the stream from the measure's text."""
    measure = app.load(Measure, measure_id, field="measure_id")
    try:
        aggregate = app.repository.get(document_id(measure.id))
    except AggregateNotFoundError:
        aggregate = ProposalDocument(measure_id=measure.id, actor=SYSTEM_ACTOR, seed=b64(seed_update(measure.fields)))
        try:
            app.save(aggregate)
        except ConcurrencyConflict:  # another process seeded it first
            aggregate = app.repository.get(document_id(measure.id))
    doc = new_doc()
    for event in app.events.get(aggregate.id, gt=aggregate.checkpoint_version - 1):
        for update in _updates_of(event):
            doc.apply_update(update)
    return LoadedDocument(aggregate, doc, measure)


def exists(app: Sozialkonferenz, measure_id: UUID) -> bool:
    return bool(app.recorder.select_events(document_id(measure_id), limit=1))


def _updates_of(event: Any) -> list[bytes]:
    if isinstance(event, ProposalDocument.Started):
        return [unb64(event.seed)]
    if isinstance(event, ProposalDocument.Checkpointed):
        return [unb64(event.state)]
    return [unb64(u["update"]) for u in event.updates]


def is_valid_update(update: bytes) -> bool:
    try:
        get_state(update)
    except ValueError:
        return False
    return True


# --- the auditor's view of the text -------------------------------------------------


def _history(app: Sozialkonferenz, measure_id: UUID) -> list[Any]:
    app.load(Measure, measure_id, field="measure_id")
    return list(app.events.get(document_id(measure_id)))


def text_at(app: Sozialkonferenz, measure_id: UUID, moment: datetime) -> dict[str, Any]:
    """The proposal's text as it was at ``moment`` (replaying updates up to then)."""
    events = _history(app, measure_id)
    if not events or events[0].timestamp > moment:
        raise NotFound(f"Vorschlagstext zum Zeitpunkt {moment.isoformat()}", measure_id)
    doc = new_doc()
    applied = 0
    for event in events:
        if event.timestamp > moment:
            break
        if isinstance(event, ProposalDocument.Checkpointed):
            continue
        for update in _updates_of(event):
            doc.apply_update(update)
            applied += 1
    return {"at": moment.isoformat(), "fields": text_of(doc), "updates": applied}


def attribution(app: Sozialkonferenz, measure_id: UUID) -> dict[str, list[dict[str, Any]]]:
    """Who wrote which part: per field, runs of text with the author's person id (None: the seed).

    The document's change events count offsets in UTF-8 bytes (an embedded object counts one):
    the author marks are kept per such unit, so umlauts and embeds do not shift them.
    """
    events = _history(app, measure_id)
    doc = new_doc()
    authors: dict[str, list[UUID | None]] = {field: [] for field in PROPOSAL_FIELDS}
    current: list[UUID | None] = [None]

    def observer(field: str) -> Any:
        def on_change(event: TextEvent) -> None:
            marks = authors[field]
            index = 0
            for op in event.delta:
                if "retain" in op:
                    index += op["retain"]
                elif "insert" in op:
                    count = _units(op["insert"])
                    marks[index:index] = [current[0]] * count
                    index += count
                elif "delete" in op:
                    del marks[index : index + op["delete"]]

        return on_change

    subscriptions = [doc.get(field, type=Text).observe(observer(field)) for field in PROPOSAL_FIELDS]
    for event in events:
        if isinstance(event, ProposalDocument.Checkpointed):
            continue
        if isinstance(event, ProposalDocument.Started):
            current[0] = None
            doc.apply_update(unb64(event.seed))
            continue
        for entry in event.updates:
            current[0] = entry["actor"]
            doc.apply_update(unb64(entry["update"]))
    del subscriptions  # the document is thrown away with its observers
    result: dict[str, list[dict[str, Any]]] = {}
    for field in PROPOSAL_FIELDS:
        runs: list[dict[str, Any]] = []
        marks, offset = authors[field], 0
        for content, _ in doc.get(field, type=Text).diff():
            if not isinstance(content, str):  # an embedded object is not part of the text
                offset += _units(content)
                continue
            for character in content:
                author = marks[offset]
                offset += _units(character)
                if runs and runs[-1]["actor_id"] == author:
                    runs[-1]["text"] += character
                else:
                    runs.append({"actor_id": author, "text": character})
        assert offset == len(marks), "Autorenmarken passen nicht zum Text"
        result[field] = runs
    return result


def _units(inserted: object) -> int:
    """The length of inserted content in the document's offsets: UTF-8 bytes of text, 1 for an embed."""
    return len(inserted.encode("utf-8")) if isinstance(inserted, str) else 1
