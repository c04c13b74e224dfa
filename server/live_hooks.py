"""Where HTTP commands meet the live documents.

A group agreement and the close of a session freeze the live text: the rooms
are held still and flushed, the command receives the text and the Yjs state
vector it came from, and afterwards the rooms are read-only. Editing a
proposal's text over HTTP is refused once it is edited live.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from anyio.to_thread import run_sync

from domain.errors import InvalidInput, RuleViolation
from server.collab import store
from server.runtime import Runtime

Call = Callable[[], Any]


async def freeze_measure(state: Runtime, kwargs: dict[str, Any], call: Call) -> Any:
    measure_id = kwargs["measure_id"]
    async with state.collab.freezing([measure_id]) as texts:
        if measure_id in texts:
            if kwargs.get("fields"):
                raise InvalidInput("fields", "Der Text wird live bearbeitet; beschlossen wird der Text des Editors.")
            kwargs["fields"], kwargs["state_vector"] = texts[measure_id]
        return await run_sync(call)


async def freeze_conference(state: Runtime, kwargs: dict[str, Any], call: Call) -> Any:
    measure_ids = await run_sync(state.application.open_proposal_ids, kwargs["conference_id"])
    async with state.collab.freezing(measure_ids) as texts:
        kwargs["live_texts"] = texts
        return await run_sync(call)


async def refuse_if_live(state: Runtime, kwargs: dict[str, Any], call: Call) -> Any:
    if await run_sync(store.exists, state.application, kwargs["measure_id"]):
        raise RuleViolation(
            "Dieser Vorschlag wird live bearbeitet; bitte den Text im Editor ändern.", code="live_document"
        )
    return await run_sync(call)


LIVE_HOOKS: dict[str, Callable[[Runtime, dict[str, Any], Call], Awaitable[Any]]] = {
    "freeze_measure": freeze_measure,
    "freeze_conference": freeze_conference,
    "refuse_if_live": refuse_if_live,
}
