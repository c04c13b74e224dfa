"""A small store written through both write paths (commands, a live-editing group commit); SQL to tamper with it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import Notification
from sqlalchemy import text
from sqlalchemy.engine import Engine

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.document import ProposalDocument
from server.chain_report import ChainReport
from server.chain_verification import verify_chain
from server.collab import store
from tests.api.conftest import api, client, planner  # noqa: F401 - the HTTP fixtures, for test_api

EVENTS = "sozialkonferenz_events"


@dataclass
class Store:
    app: Sozialkonferenz
    organisation: UUID
    person: UUID
    document: UUID

    @property
    def engine(self) -> Engine:
        engine: Engine = self.app.recorder.datastore.engine  # type: ignore[attr-defined]
        return engine

    def notifications(self) -> list[Notification]:
        return list(self.app.recorder.select_notifications(start=1, limit=10_000))

    def event(self, originator_id: UUID, version: int) -> Notification:
        return next(
            n for n in self.notifications() if (n.originator_id, n.originator_version) == (originator_id, version)
        )

    def sql(self, statement: str, **params: Any) -> None:
        with self.engine.begin() as connection:
            connection.execute(text(statement), params)

    def verify(self) -> ChainReport:
        return verify_chain(self.engine)


def fill(app: Sozialkonferenz) -> Store:
    """Commands through the library's recorder, then a group commit through the live-editing path, then more."""
    organisation = app.register_organisation(SYSTEM_ACTOR, "Diakonisches Werk", "welfare")
    app.register_committee(SYSTEM_ACTOR, "Sozialausschuss", "SozA")
    document = ProposalDocument(uuid4(), SYSTEM_ACTOR, "AA==")
    app.save(document)
    document.append([{"actor": SYSTEM_ACTOR, "update": "AQ=="}])
    document.append([{"actor": SYSTEM_ACTOR, "update": "Ag=="}, {"actor": SYSTEM_ACTOR, "update": "Aw=="}])
    store.append_events(app, list(document.collect_events()))  # two events in one multi-row INSERT
    person = app.register_person(SYSTEM_ACTOR, "Ada Lovelace", "ada@example.org", organisation)
    return Store(app, organisation, person, document.id)


@pytest.fixture
def filled(app: Sozialkonferenz) -> Store:
    return fill(app)
