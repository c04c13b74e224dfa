"""Commit pacing: updates that come within ``commit_interval`` of the last group commit share the next one."""

from __future__ import annotations

import asyncio

import pytest

from domain.document import ProposalDocument
from server.collab.room import Limits
from tests.collab.client import CollabClient, wait_until
from tests.collab.conftest import CollabServer
from tests.collab.helpers import document_events, synced

pytestmark = pytest.mark.anyio


@pytest.fixture
def limits() -> Limits:
    # Far longer than the server needs for a commit: what arrives after one commit waits for the next.
    return Limits(idle_seconds=60.0, catalogue_debounce=0.2, commit_interval=3.0)


async def test_updates_within_the_interval_share_one_commit_stored_before_they_are_sent_on(
    collab_server: CollabServer,
) -> None:
    s = collab_server
    app, measure = s.runtime.application, s.scenario.measure_ids[0]
    async with (
        CollabClient(s.ws, measure, s.scenario.people[0]) as writer,
        CollabClient(s.ws, measure, s.scenario.people[1]) as reader,
    ):
        await synced(writer, reader)
        await writer.edit("title", 0, "A")
        await wait_until(lambda: reader.fields()["title"].startswith("A"))
        # Right after that commit: two edits 0.3 s apart, both within the interval.
        await writer.edit("title", 0, "B")
        await asyncio.sleep(0.3)
        assert not reader.fields()["title"].startswith("B"), "B waits for the next commit (and is sent on after it)"
        await writer.edit("title", 0, "C")
        await wait_until(lambda: reader.fields()["title"].startswith("CBA"))

    events = await asyncio.to_thread(document_events, app, measure)
    appended = [e.updates for e in events if isinstance(e, ProposalDocument.UpdatesAppended)]
    assert [len(updates) for updates in appended[-2:]] == [1, 2], "A alone, then B and C in one commit"
