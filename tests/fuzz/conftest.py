"""The fuzz tests run against the servers of the API and collab tests: the API fixtures, reused, and a live
collaboration server with a small message limit (oversized frames are cheap to send) and frequent checkpoints."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from server.collab.room import Limits
from tests.api.conftest import api, client, planner  # noqa: F401
from tests.collab.conftest import CollabServer, start_server

MAX_MESSAGE = 8192


@pytest.fixture
def collab_server(database_url: str) -> Iterator[CollabServer]:
    limits = Limits(max_message_bytes=MAX_MESSAGE, catalogue_debounce=0.1, checkpoint_every=20)
    running = start_server(database_url, limits)
    try:
        yield running
    finally:
        running.stop()
