"""Reading and writing the proposal document's stream in the event store (synchronous).

A room loads from the newest checkpoint plus the updates after it. Text time
travel and attribution replay the whole stream (checkpoints are skipped there,
the updates carry everything). Every replay checks each stored update as the
live path does (:mod:`server.collab.updates`): one that does not fit (stored by
a server from before that check) is skipped and reported, never fatal.
"""

from __future__ import annotations

import base64
import dataclasses
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import StoredEvent
from pycrdt import Doc, Text, TextEvent
from sqlalchemy import func, insert, select

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.document import ProposalDocument, document_id
from domain.errors import ConcurrencyConflict, NotFound
from domain.measure import Measure
from domain.texts import PROPOSAL_FIELDS
from server import chain
from server.collab.updates import DocState, FieldMap, InvalidUpdate, advance, check_update, crdt_failure

log = logging.getLogger("sozialkonferenz.collab")

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
    rows = stored_rows(app, events)
    append_in_order(app, lambda _: rows)


def stored_rows(app: Sozialkonferenz, events: list[Any]) -> list[dict[str, Any]]:
    """Events as rows of the event table (encoded by the application's mapper)."""
    return [
        {
            "originator_id": stored.originator_id,
            "originator_version": stored.originator_version,
            "topic": stored.topic,
            "state": stored.state,
        }
        for stored in map(app.mapper.to_stored_event, events)
    ]


def append_in_order(app: Sozialkonferenz, prepare: Callable[[Any], list[dict[str, Any]]]) -> None:
    """Insert the rows ``prepare`` gives once the table's write lock is held, in the same transaction.

    With the lock held nobody else can insert (on PostgreSQL, ``LOCK TABLE ... EXCLUSIVE``;
    SQLite has one writer anyway), so ``prepare`` may read the streams' newest versions
    (:func:`stream_versions`, :func:`stream_events_after`) and number its rows after them:
    another process's write in the meantime costs no lost race. The mapper leaves a row's
    version out of its state, so renumbering a row is changing its ``originator_version``.
    """
    recorder: Any = app.recorder
    table = recorder.events_record_cls.__table__
    with recorder.transaction(commit=True) as session:
        recorder._lock_table(session)
        rows = prepare(session)
        if not rows:
            return
        inserted = session.execute(
            insert(table).returning(table.c.id, table.c.originator_id, table.c.originator_version), rows
        )
        chain.append_links(session, chain.inserted_events(inserted, rows))  # the hash chain, same transaction
        recorder._notify_channel(session)


def stream_versions(app: Sozialkonferenz, session: Any, originator_ids: list[UUID]) -> dict[UUID, int]:
    """The newest stored version of each stream (inside :func:`append_in_order`'s transaction)."""
    if not originator_ids:
        return {}
    table = app.recorder.events_record_cls.__table__  # type: ignore[attr-defined]
    # One column per stream, each a max() over one stream alone: answered from the primary key's index by
    # its last entry (both databases), where a GROUP BY over all the streams read every row of them.
    newest = [
        select(func.max(table.c.originator_version)).where(table.c.originator_id == originator).scalar_subquery()
        for originator in originator_ids
    ]
    row = session.execute(select(*newest)).one()
    return {originator: int(version) for originator, version in zip(originator_ids, row, strict=True) if version}


def stream_events_after(app: Sozialkonferenz, session: Any, originator_id: UUID, version: int) -> list[StoredEvent]:
    """A stream's stored events after ``version``, oldest first (still encoded)."""
    table = app.recorder.events_record_cls.__table__  # type: ignore[attr-defined]
    query = (
        select(table.c.originator_version, table.c.topic, table.c.state)
        .where(table.c.originator_id == originator_id, table.c.originator_version > version)
        .order_by(table.c.originator_version)
    )
    return [StoredEvent(originator_id, v, topic, bytes(state)) for v, topic, state in session.execute(query)]


MARKER_TOPICS = frozenset(
    f"{ProposalDocument.__module__}:{cls.__qualname__}" for cls in (ProposalDocument.Frozen, ProposalDocument.Reopened)
)
CHECKPOINT_TOPIC = f"{ProposalDocument.__module__}:{ProposalDocument.Checkpointed.__qualname__}"


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


@dataclass(frozen=True)
class SkippedUpdate:
    """A stored update a replay left out: where it is, who sent it, and why it does not fit."""

    version: int  # the event's version in the document's stream
    index: int  # the update's place in the event's batch
    actor: str | None
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"version": self.version, "index": self.index, "actor_id": self.actor, "reason": self.reason}


@dataclass
class Replay:
    """A document rebuilt from stored updates, each checked first; what does not fit is skipped."""

    doc: Doc = dataclasses.field(default_factory=lambda: new_doc())
    state: dict[int, int] = dataclasses.field(default_factory=dict)  # a DocState where the fields are wanted
    skipped: list[SkippedUpdate] = dataclasses.field(default_factory=list)
    applied: list[bytes] = dataclasses.field(default_factory=list)

    def apply(self, update: bytes, version: int = 0, index: int = 0, actor: Any = None) -> bool:
        try:
            summary = check_update(update, self.state, PROPOSAL_FIELDS)
        except InvalidUpdate as error:
            self._skip(version, index, actor, str(error))
            return False
        try:
            self.doc.apply_update(update)
        except BaseException as error:  # the document may hold part of it now: build it again without it
            if not crdt_failure(error):
                raise
            self._skip(version, index, actor, f"nicht anwendbar ({error})")
            self.doc = new_doc()
            for earlier in self.applied:
                self.doc.apply_update(earlier)
            return False
        advance(self.state, summary)
        self.applied.append(update)
        return True

    def _skip(self, version: int, index: int, actor: Any, reason: str) -> None:
        self.skipped.append(SkippedUpdate(version, index, str(actor) if actor else None, reason))


def replay_events(events: list[Any], replay: Replay | None = None, checkpoints: bool = False) -> Replay:
    """Apply the updates of a document's events in order (checkpoints only if asked)."""
    replay = replay or Replay()
    for event in events:
        if isinstance(event, ProposalDocument.Checkpointed) and not checkpoints:
            continue
        for index, (actor, update) in enumerate(attributed(event)):
            replay.apply(update, event.originator_version, index, actor)
    return replay


@dataclass
class LoadedDocument:
    aggregate: ProposalDocument
    doc: Doc
    measure: Measure
    skipped: list[SkippedUpdate] = dataclasses.field(default_factory=list)
    fields: FieldMap = dataclasses.field(default_factory=FieldMap)  # where each of the document's items lies


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
    # A room needs to know where each item lies (the live check); other replays (history, checks) do not.
    state = DocState()
    since_checkpoint = list(app.events.get(aggregate.id, gt=aggregate.checkpoint_version - 1))
    replay = replay_events(since_checkpoint, Replay(state=state), checkpoints=True)
    if replay.skipped and aggregate.checkpoint_version > 1:  # the checkpoint itself may be what does not fit
        state = DocState()
        replay = replay_events(list(app.events.get(aggregate.id)), Replay(state=state))
    if replay.skipped:
        log.warning(
            "Live-Dokument der Maßnahme %s: %d gespeicherte Aktualisierung(en) übersprungen (%s); "
            "siehe „sozialkonferenz documents check“",
            measure.id, len(replay.skipped), replay.skipped[0].reason,
        )  # fmt: skip
    return LoadedDocument(aggregate, replay.doc, measure, replay.skipped, state.fields)


def exists(app: Sozialkonferenz, measure_id: UUID) -> bool:
    return bool(app.recorder.select_events(document_id(measure_id), limit=1))


def attributed(event: Any) -> list[tuple[Any, bytes]]:
    """(actor, update) of an event: the seed and checkpoints have no author (None)."""
    if isinstance(event, ProposalDocument.Started):
        return [(None, unb64(event.seed))]
    if isinstance(event, ProposalDocument.Checkpointed):
        return [(None, unb64(event.state))]
    if isinstance(event, ProposalDocument.UpdatesAppended):
        return [(u["actor"], unb64(u["update"])) for u in event.updates]
    return []  # Frozen, Reopened: markers without text


def document_ids(app: Sozialkonferenz) -> Iterator[UUID]:
    """Every live proposal document in the store (the streams that start with ``Started``)."""
    recorder: Any = app.recorder
    table = recorder.events_record_cls.__table__
    topic = f"{ProposalDocument.__module__}:{ProposalDocument.Started.__qualname__}"
    with recorder.transaction(commit=False) as session:
        rows = session.execute(select(table.c.originator_id).where(table.c.topic == topic)).all()
    for (originator_id,) in rows:
        yield originator_id if isinstance(originator_id, UUID) else UUID(str(originator_id))


def check_documents(app: Sozialkonferenz) -> list[tuple[UUID, list[SkippedUpdate]]]:
    """Replay every live document; the measures whose stored history holds updates that do not fit."""
    found = []
    for stream in document_ids(app):
        events = list(app.events.get(stream))
        replay = replay_events(events)
        if replay.skipped:
            found.append((events[0].measure_id, replay.skipped))
    return found


# --- the auditor's view of the text -------------------------------------------------


def document_events(app: Sozialkonferenz, measure_id: UUID) -> list[Any]:
    """The events of the measure's live document ([] if never edited live); NotFound for an unknown measure."""
    app.load(Measure, measure_id, field="measure_id")
    return list(app.events.get(document_id(measure_id)))


def text_at(app: Sozialkonferenz, measure_id: UUID, moment: datetime) -> dict[str, Any]:
    """The proposal's text as it was at ``moment`` (replaying updates up to then)."""
    events = document_events(app, measure_id)
    if not events or events[0].timestamp > moment:
        raise NotFound(f"Vorschlagstext zum Zeitpunkt {moment.isoformat()}", measure_id)
    replay = replay_events([event for event in events if event.timestamp <= moment])
    return {"at": moment.isoformat(), "fields": text_of(replay.doc), "updates": len(replay.applied)}


def attribution(app: Sozialkonferenz, measure_id: UUID) -> dict[str, list[dict[str, Any]]]:
    """Who wrote which part: per field, runs of text with the author's person id (None: the seed).

    The document's change events count offsets in UTF-8 bytes (an embedded object counts one):
    the author marks are kept per such unit, so umlauts and embeds do not shift them.
    """
    events = document_events(app, measure_id)
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
    state: dict[int, int] = {}
    for event in events:
        if isinstance(event, ProposalDocument.Checkpointed):
            continue
        for actor, update in attributed(event):
            try:  # what does not fit is left out, as everywhere (see Replay)
                summary = check_update(update, state, PROPOSAL_FIELDS)
            except InvalidUpdate:
                continue
            current[0] = actor
            doc.apply_update(update)
            advance(state, summary)
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
                author = marks[offset] if offset < len(marks) else None
                offset += _units(character)
                if runs and runs[-1]["actor_id"] == author:
                    runs[-1]["text"] += character
                else:
                    runs.append({"actor_id": author, "text": character})
        if offset != len(marks):  # known after long runs of formatting and deletions: say so, answer anyway
            log.warning("Autorenmarken von %s (%s) passen nicht zum Text: %d statt %d", measure_id, field,
                        len(marks), offset)  # fmt: skip
        result[field] = runs
    return result


def _units(inserted: object) -> int:
    """The length of inserted content in the document's offsets: UTF-8 bytes of text, 1 for an embed."""
    return len(inserted.encode("utf-8")) if isinstance(inserted, str) else 1
