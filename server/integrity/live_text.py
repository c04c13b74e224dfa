"""The auditor's reading of a live proposal document: its updates one by one, grouped into steps, and its
text after any version of the document's stream.

A burst of typing is stored as many small updates; the auditor wants to see it as one step ("Anja Sommer und
Andrea Wolff bearbeiteten Beschreibung und Ziel, 10:02–10:09") and open it to go keystroke-fine. Steps are
the stored update batches that follow each other with no more than ``STEP_GAP`` between them and no
decision marker (``Frozen``/``Reopened``) in between; all who typed in that stretch are the step's people.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from pycrdt import Doc, Text

from domain.application import Sozialkonferenz
from domain.document import ProposalDocument
from domain.errors import NotFound, RuleViolation
from domain.texts import PROPOSAL_FIELDS
from server.collab.store import Replay, attributed, document_events, text_of

STEP_GAP = timedelta(minutes=5)  # a pause longer than this starts a new step
MAX_UPDATES = 1000  # updates listed per request of the keystroke-fine list


@dataclass
class LiveUpdate:
    """One stored update: where it is in the stream, when and by whom, which fields it changed."""

    version: int
    index: int
    timestamp: datetime
    actor: str | None
    fields: list[str]
    text: dict[str, str]  # the changed fields' text after it (only if asked for)

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "index": self.index,
            "timestamp": self.timestamp.isoformat(),
            "actor_id": self.actor,
            "fields": self.fields,
            "text": self.text,
        }


@dataclass
class LiveStep:
    """Consecutive stored update batches: from/to time, the people and fields, first/last stream version."""

    first_version: int
    last_version: int
    start: datetime
    end: datetime
    actors: list[str | None] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    updates: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "first_version": self.first_version,
            "last_version": self.last_version,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "actor_ids": self.actors,
            "fields": [f for f in PROPOSAL_FIELDS if f in self.fields],
            "updates": self.updates,
        }


class _ObservedReplay:
    """A :class:`Replay` that notes which fields each applied update changed."""

    def __init__(self) -> None:
        self.replay = Replay()
        self.changed: set[str] = set()
        self._observed: Doc | None = None
        self._subscriptions: list[Any] = []

    def _observe(self) -> None:
        if self._observed is self.replay.doc:
            return
        self._observed = self.replay.doc
        texts = [(name, self._observed.get(name, type=Text)) for name in PROPOSAL_FIELDS]
        self._subscriptions = [text.observe(self._noter(name)) for name, text in texts]

    def _noter(self, name: str) -> Any:
        def note(_event: Any) -> None:  # one parameter: pycrdt passes the transaction too to a callback taking two
            self.changed.add(name)

        return note

    def apply(self, update: bytes, version: int, index: int, actor: Any) -> list[str] | None:
        """The fields the update changed (in the proposal's order); None if it was skipped as not fitting."""
        self._observe()
        self.changed = set()
        if not self.replay.apply(update, version, index, actor):
            return None
        return [name for name in PROPOSAL_FIELDS if name in self.changed]


def _events(app: Sozialkonferenz, measure_id: UUID) -> list[Any]:
    events = document_events(app, measure_id)
    if not events:
        raise NotFound("Live-Dokument der Maßnahme", measure_id)
    return events


def _walk(events: list[Any], upto: int | None = None) -> Iterator[tuple[Any, Any]]:
    """(event, None) for markers, (event, (index, actor, fields, replay)) for each applied update."""
    observed = _ObservedReplay()
    for event in events:
        if upto is not None and event.originator_version > upto:
            return
        if isinstance(event, ProposalDocument.Checkpointed):
            continue  # the updates before it carry everything
        if isinstance(event, (ProposalDocument.Frozen, ProposalDocument.Reopened)):
            yield event, None
            continue
        for index, (actor, update) in enumerate(attributed(event)):
            fields = observed.apply(update, event.originator_version, index, actor)
            if fields is not None:
                yield event, (index, actor, fields, observed.replay)


def steps(app: Sozialkonferenz, measure_id: UUID, gap: timedelta = STEP_GAP) -> list[dict[str, Any]]:
    """The live editing of a measure's proposal as steps (see the module's docstring); [] if never edited live."""
    events = document_events(app, measure_id)
    result: list[LiveStep] = []
    current: LiveStep | None = None
    for event, applied in _walk(events):
        if applied is None or isinstance(event, ProposalDocument.Started):
            current = None  # a decision marker ends a step; the seed is no one's edit
            continue
        _, actor, fields, _ = applied
        actor = str(actor) if actor else None
        if current is None or event.timestamp - current.end > gap:
            current = LiveStep(event.originator_version, event.originator_version, event.timestamp, event.timestamp)
            result.append(current)
        current.last_version, current.end = event.originator_version, event.timestamp
        current.updates += 1
        if actor not in current.actors:
            current.actors.append(actor)
        current.fields.extend(f for f in fields if f not in current.fields)
    return [step.as_json() for step in result]


def updates(app: Sozialkonferenz, measure_id: UUID, first: int, last: int) -> dict[str, Any]:
    """Each update stored in versions ``first``..``last`` with time, person, fields and their text after it."""
    if last < first:
        raise RuleViolation("„to“ darf nicht vor „from“ liegen.", code="invalid_range", field="to")
    listed: list[LiveUpdate] = []
    for event, applied in _walk(_events(app, measure_id), upto=last):
        if applied is None or event.originator_version < first or isinstance(event, ProposalDocument.Started):
            continue
        if len(listed) == MAX_UPDATES:
            return {"updates": [u.as_json() for u in listed], "truncated": True}
        index, actor, fields, replay = applied
        text = {name: str(replay.doc.get(name, type=Text)) for name in fields}
        who = str(actor) if actor else None
        listed.append(LiveUpdate(event.originator_version, index, event.timestamp, who, fields, text))
    return {"updates": [u.as_json() for u in listed], "truncated": False}


def text_after(app: Sozialkonferenz, measure_id: UUID, version: int | None = None) -> dict[str, Any]:
    """The proposal's text after version ``version`` of its live document's stream (None: the latest)."""
    events = _events(app, measure_id)
    version = events[-1].originator_version if version is None else version
    if version > events[-1].originator_version:
        raise NotFound(f"Version {version} des Live-Dokuments (es hat {events[-1].originator_version})", measure_id)
    replay: Replay | None = None
    for _, applied in _walk(events, upto=version):
        if applied is not None:
            replay = applied[3]
    moment = next(e.timestamp for e in events if e.originator_version == version)
    fields = text_of(replay.doc) if replay else {name: "" for name in PROPOSAL_FIELDS}
    return {"version": version, "at": moment.isoformat(), "fields": fields}
