"""The live proposal document's history: every accepted Yjs update, with its author.

One stream per measure. ``Started`` holds the seed (the proposal text as it
was when live editing began), ``UpdatesAppended`` a group-committed batch of
updates (each with the person whose connection sent it), ``Checkpointed`` the
merged document at that point, so a room loads from the newest checkpoint
while every earlier update stays for time travel and attribution. Updates are
stored as base64 text; the domain does not interpret them. ``Frozen`` marks
where a decision took the text: it takes the stream's next version, so an
update that another server process tries to store after it conflicts and is
refused (the store decides, not timing); ``Reopened`` lifts it again.
"""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from domain.clock import DomainAggregate

DOCUMENT_NAMESPACE = uuid5(NAMESPACE_URL, "https://sozialkonferenz.example/proposal-document")


def document_id(measure_id: UUID) -> UUID:
    return uuid5(DOCUMENT_NAMESPACE, str(measure_id))


class ProposalDocument(DomainAggregate):
    frozen = False  # also for snapshots taken before the marker existed
    @staticmethod
    def create_id(measure_id: UUID, **_: object) -> UUID:
        return document_id(measure_id)

    @event("Started")
    def __init__(self, measure_id: UUID, actor: UUID, seed: str) -> None:
        self.measure_id = measure_id
        self.checkpoint_version = 1  # the Started event carries the first full state
        self.update_count = 0
        self.updates_since_checkpoint = 0
        self.frozen = False

    def freeze(self, actor: UUID) -> None:
        self._frozen(actor=actor)

    def reopen(self, actor: UUID) -> None:
        self._reopened(actor=actor)

    @event("Frozen")
    def _frozen(self, actor: UUID) -> None:
        self.frozen = True

    @event("Reopened")
    def _reopened(self, actor: UUID) -> None:
        self.frozen = False

    def append(self, updates: list[dict[str, object]]) -> None:
        """Append updates, each ``{"actor": UUID, "update": base64}``."""
        self._updates_appended(updates=updates)

    def checkpoint(self, actor: UUID, state: str, state_vector: str) -> None:
        self._checkpointed(actor=actor, state=state, state_vector=state_vector)

    @event("UpdatesAppended")
    def _updates_appended(self, updates: list[dict[str, object]]) -> None:
        self.update_count += len(updates)
        self.updates_since_checkpoint += len(updates)

    @event("Checkpointed")
    def _checkpointed(self, actor: UUID, state: str, state_vector: str) -> None:
        self.checkpoint_version = self.version + 1
        self.updates_since_checkpoint = 0
