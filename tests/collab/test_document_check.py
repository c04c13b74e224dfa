"""``sozialkonferenz documents check``: names the stored updates a room skips on load (exit 1), else exit 0."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.document import document_id
from server.cli import main
from server.collab import store
from tests.collab.conftest import build_scenario
from tests.collab.test_fault_isolation import PROBE_UPDATE


def _seeded(app: Sozialkonferenz) -> UUID:
    measure = build_scenario(app, measures=1).measure_ids[0]
    store.load(app, measure)  # seeds the live document
    return measure


def test_a_store_of_sound_documents_passes(
    app: Sozialkonferenz, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _seeded(app)
    assert main(["documents", "check", "--database", database_url]) == 0
    assert "vollständig laden" in capsys.readouterr().out


def test_a_poisoned_update_is_named_with_its_event_and_author(
    app: Sozialkonferenz, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    measure = _seeded(app)
    aggregate = app.repository.get(document_id(measure))
    aggregate.append([{"actor": SYSTEM_ACTOR, "update": store.b64(PROBE_UPDATE)}])
    app.save(aggregate)

    assert main(["documents", "check", "--database", database_url]) == 1
    out = capsys.readouterr().out
    assert f"Maßnahme {measure}: 1 gespeicherte Aktualisierung(en)" in out
    assert f"Ereignis 2, Nr. 1 (von {SYSTEM_ACTOR})" in out
    assert "Client-Kennung" in out or "Elternteil" in out  # the probe's client id is beyond 2^53 as well
