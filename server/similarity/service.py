"""Similar proposals for one measure, from the catalogue's stored texts and the live documents' texts.

Memory is a cache, never the truth: before every answer the service compares each measure's stored view
version with the one it holds and re-reads the changed ones, and reads the live documents that changed
since the last notification id it saw (one indexed query each), so a change made by another server process
counts as soon as it is stored. The per-cycle indexes (:mod:`server.similarity.index`) are then updated one
proposal at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.application import Sozialkonferenz
from domain.document import ProposalDocument, document_id
from domain.errors import NotFound
from projections import tables as t
from server.collab import store
from server.similarity.index import CycleIndex, Scored
from server.similarity.model import shared_words
from server.similarity.text import COMPARED_FIELDS, passage_text, proposal_text, sentences, stem_set

THRESHOLD = 0.255  # tuned on half of tests/similar/pairs.json (python -m bench.similar), checked on the other half
LIMIT = 5
PASSAGES = 2  # overlapping passages shown per similar proposal
HIDDEN = frozenset({"withdrawn", "lapsed"})  # proposals nobody pursues any more are not suggested
EDITABLE = frozenset({"drafted", "returned"})  # only then can the live text differ from the stored one
DOCUMENT_TOPICS = tuple(
    f"{ProposalDocument.__module__}:{ProposalDocument.__qualname__}.{name}"
    for name in ("Started", "UpdatesAppended", "Checkpointed", "Frozen", "Reopened")
)


@dataclass
class Proposal:
    id: str
    version: int
    reference: str
    status: str
    cycle: str
    conference_id: str
    conference: str
    working_group_id: str
    working_group: str
    fields: dict[str, str]
    live: dict[str, str] | None = None  # the live document's text, when editable and different

    def summary(self) -> dict[str, Any]:
        return {
            "measure_id": self.id, "reference": self.reference, "title": self.fields.get("title", ""),
            "status": self.status, "cycle": self.cycle, "conference_id": self.conference_id,
            "conference": self.conference, "working_group_id": self.working_group_id,
            "working_group": self.working_group,
        }  # fmt: skip


class SimilarProposals:
    def __init__(self, app: Sozialkonferenz, engine: Engine, background: bool = True) -> None:
        self.app = app
        self.engine = engine
        self.background = background
        self.proposals: dict[str, Proposal] = {}
        self.indexes: dict[str, CycleIndex] = {}
        self.live: dict[str, dict[str, str]] = {}  # measure id → its live document's text
        self.seen: int | None = None  # notification id up to which live documents were read
        self.documents: dict[str, str] = {}  # live document id → measure id
        self.streams: set[str] = set()  # every live document id seen in the store
        self._lock = threading.RLock()

    # --- keeping current --------------------------------------------------------

    def refresh(self) -> None:
        """Re-read what changed in the store since the last call (all of it on the first)."""
        with self._lock:
            position = self.app.recorder.max_notification_id() or 0  # before reading: later writes count next time
            changed_documents = self._changed_documents(position)
            known = set(self.proposals)
            stored = self._changed_rows()
            for measure_id in stored - known:  # a measure the views show only now: its document may be older
                if str(document_id(UUID(measure_id))) in self.streams:
                    changed_documents.add(measure_id)
            for measure_id in changed_documents:
                self._read_live(measure_id)
            changed = {*stored, *(m for m in changed_documents if m in self.proposals)}
            new_cycles = {self.proposals[m].cycle for m in changed} - set(self.indexes)
            for cycle in new_cycles:  # a cycle seen for the first time is fitted at once, not proposal by proposal
                self.build(cycle)
            for measure_id in changed:
                if self.proposals[measure_id].cycle not in new_cycles:
                    self._index(measure_id)
            self.seen = position

    def _changed_rows(self) -> set[str]:
        m = t.measures
        with self.engine.connect() as connection:
            versions: dict[str, int] = {i: v for i, v in connection.execute(select(m.c.id, m.c.version))}
            changed = [i for i, v in versions.items() if i not in self.proposals or self.proposals[i].version != v]
            for gone in set(self.proposals) - set(versions):
                self._drop(gone)
            g, c = t.working_groups, t.conferences
            for start in range(0, len(changed), 500):
                query = (
                    select(m.c.id, m.c.version, m.c.reference, m.c.status, m.c.cycle, m.c.conference_id,
                           c.c.title.label("conference"), m.c.working_group_id, g.c.name.label("working_group"),
                           *(m.c[name] for name in COMPARED_FIELDS))
                    .join(g, g.c.id == m.c.working_group_id, isouter=True)
                    .join(c, c.c.id == m.c.conference_id, isouter=True)
                    .where(m.c.id.in_(changed[start : start + 500]))
                )  # fmt: skip
                for row in connection.execute(query).mappings():
                    fields = {name: row[name] or "" for name in COMPARED_FIELDS}
                    self.proposals[row["id"]] = Proposal(
                        row["id"], row["version"], row["reference"], row["status"], row["cycle"],
                        row["conference_id"], row["conference"] or "", row["working_group_id"],
                        row["working_group"] or "", fields,
                    )  # fmt: skip
        return set(changed)

    def _changed_documents(self, position: int) -> set[str]:
        """The measures whose live document got events after ``self.seen`` (every one on the first call)."""
        recorder: Any = self.app.recorder
        table = recorder.events_record_cls.__table__
        if self.seen is None:  # every document once: each stream starts with one ``Started``
            query = select(table.c.originator_id).where(table.c.topic == DOCUMENT_TOPICS[0], table.c.id <= position)
        else:  # the events after the last notification id seen (the primary key's range)
            query = select(table.c.originator_id).where(
                table.c.id > self.seen, table.c.id <= position, table.c.topic.in_(DOCUMENT_TOPICS)
            )
        with recorder.transaction(commit=False) as session:
            streams = {str(row[0]) for row in session.execute(query.distinct())}
        self.streams |= streams
        if streams - set(self.documents):  # a document of a measure not yet known here
            with self.engine.connect() as connection:
                for (measure_id,) in connection.execute(select(t.measures.c.id)):
                    self.documents.setdefault(str(document_id(UUID(measure_id))), measure_id)
        return {self.documents[s] for s in streams if s in self.documents}

    def _read_live(self, measure_id: str) -> None:
        try:
            aggregate: Any = self.app.repository.get(document_id(UUID(measure_id)))
        except AggregateNotFoundError:
            self.live.pop(measure_id, None)
            return
        events = list(self.app.events.get(aggregate.id, gt=aggregate.checkpoint_version - 1))
        self.live[measure_id] = store.text_of(store.replay_events(events, checkpoints=True).doc)

    def _live_fields(self, proposal: Proposal) -> dict[str, str] | None:
        live = self.live.get(proposal.id) if proposal.status in EDITABLE else None
        live_fields = {name: live.get(name, "") for name in COMPARED_FIELDS} if live else None
        return live_fields if live_fields and live_fields != proposal.fields else None

    def build(self, cycle: str) -> None:
        """Fit the cycle's index on all its proposals at once."""
        members = [p for p in self.proposals.values() if p.cycle == cycle]
        index = CycleIndex(cycle, {p.id: proposal_text(p.fields) for p in members}, self.background)
        for proposal in members:
            proposal.live = self._live_fields(proposal)
            if proposal.live:
                index.put_live(proposal.id, proposal_text(proposal.live))
        self.indexes[cycle] = index

    def _index(self, measure_id: str) -> None:
        proposal = self.proposals.get(measure_id)
        if proposal is None:
            return
        proposal.live = self._live_fields(proposal)
        for cycle, other in self.indexes.items():
            if cycle != proposal.cycle:
                other.remove(measure_id)  # a measure does not change cycles, but be sure
        index = self.indexes.get(proposal.cycle)
        text = proposal_text(proposal.fields)
        live_text = proposal_text(proposal.live) if proposal.live else None
        if index is None:
            self.indexes[proposal.cycle] = CycleIndex(proposal.cycle, {measure_id: text}, self.background)
            self.indexes[proposal.cycle].put_live(measure_id, live_text)
        else:
            index.put(measure_id, text, live_text)

    def _drop(self, measure_id: str) -> None:
        proposal = self.proposals.pop(measure_id)
        index = self.indexes.get(proposal.cycle)
        if index is not None:
            index.remove(measure_id)

    # --- questions --------------------------------------------------------------

    def similar(
        self,
        measure_id: str,
        live_allowed: Callable[[str], bool],
        limit: int = LIMIT,
        threshold: float = THRESHOLD,
    ) -> dict[str, Any]:
        """The proposals most like ``measure_id`` (see the module's docstring); NotFound for an unknown one."""
        with self._lock:  # one question at a time: the ranking reads what a refresh changes
            self.refresh()
            return self.rank(measure_id, live_allowed, limit, threshold)

    def rank(
        self,
        measure_id: str,
        live_allowed: Callable[[str], bool],
        limit: int = LIMIT,
        threshold: float = THRESHOLD,
    ) -> dict[str, Any]:
        """What :meth:`similar` answers, from memory as it is (``python -m bench.similar`` times this)."""
        subject = self.proposals.get(measure_id)
        if subject is None:
            raise NotFound("Maßnahme", measure_id)
        own_live = subject.live is not None and live_allowed(measure_id)
        own_fields = subject.live if own_live and subject.live else subject.fields
        text = proposal_text(own_fields)
        found: list[tuple[Scored, CycleIndex]] = []
        for cycle, index in self.indexes.items():
            if cycle > subject.cycle:
                continue
            excluded = [measure_id]
            if cycle == subject.cycle:  # the own group's other proposals are its own business
                excluded += [p.id for p in self.proposals.values()
                             if p.cycle == cycle and p.working_group_id == subject.working_group_id]  # fmt: skip
            for scored in index.scores(text, live_allowed, threshold, excluded):
                proposal = self.proposals.get(scored.measure_id)
                if proposal is not None and proposal.status not in HIDDEN:
                    found.append((scored, index))
        found.sort(key=lambda item: (-item[0].score, item[0].measure_id))
        similar = []
        for scored, index in found[:limit]:
            proposal = self.proposals[scored.measure_id]
            fields = proposal.live if scored.live and proposal.live else proposal.fields
            similar.append({
                **proposal.summary(), "title": fields.get("title", ""), "score": round(scored.score, 3),
                "same_cycle": proposal.cycle == subject.cycle, "live": scored.live,
                "passages": passages(index, own_fields, fields),
            })  # fmt: skip
        return {"measure_id": measure_id, "threshold": threshold, "live": own_live, "similar": similar}


def passages(index: CycleIndex, own: dict[str, str], other: dict[str, str]) -> list[dict[str, Any]]:
    """The sentence pairs of both texts that share the most weighted words (stems weighted by their inverse
    document frequency in the cycle), best first, each sentence once."""
    mine, theirs = sentences(passage_text(own)), sentences(passage_text(other))
    model = index.model
    my_stems = [stem_set(s) for s in mine]
    their_stems = [stem_set(s) for s in theirs]
    ranked = []
    for i, a in enumerate(my_stems):
        for j, b in enumerate(their_stems):
            weight = sum(model.stem_weight(x) for x in a & b)
            if weight > 0:
                ranked.append((weight, i, j))
    ranked.sort(key=lambda item: (-item[0], item[1], item[2]))
    result: list[dict[str, Any]] = []
    used_own: set[int] = set()
    used_other: set[int] = set()
    for _, i, j in ranked:
        if len(result) == PASSAGES:
            break
        if i in used_own or j in used_other:
            continue
        used_own.add(i)
        used_other.add(j)
        result.append({"own": mine[i], "other": theirs[j], "shared": shared_words(mine[i], theirs[j], model)})
    return result
