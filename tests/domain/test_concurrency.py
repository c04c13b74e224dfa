"""Two people act on the same measure at once: exactly one wins, the other hears about it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any
from uuid import UUID

import pytest

from domain.application import Sozialkonferenz
from domain.errors import ConcurrencyConflict
from domain.measure import Measure
from domain.texts import freeze
from tests.domain.assertions import state
from tests.domain.builders import conference_in_status, measure_in_status

ROUNDS = 5
Action = Callable[[Measure], None]


def race(app: Sozialkonferenz, measure_id: UUID, actions: dict[str, Action]) -> dict[str, Any]:
    """Each thread loads the same version, waits for the others, then changes and saves.

    Returns, per action, the saved aggregate or the exception it raised.
    """
    barrier = threading.Barrier(len(actions), timeout=30)
    results: dict[str, Any] = {}

    def run(name: str, action: Action) -> None:
        try:
            measure = app.load(Measure, measure_id)
            barrier.wait()  # both have loaded the same version before either saves
            action(measure)
            app.save(measure)
            results[name] = measure
        except Exception as error:  # handed to the test thread, which asserts on it
            results[name] = error

    threads = [threading.Thread(target=run, args=item) for item in actions.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    return results


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_conflicting_adopt_and_return_let_exactly_one_win(app: Sozialkonferenz, actor: UUID, round_: int) -> None:
    conference = conference_in_status(app, actor, "in_session")
    for _ in range(3):  # several measures per round, each a fresh race
        case = measure_in_status(app, actor, "proposed", conference=conference)
        version = app.load(Measure, case.measure_id).version
        results = race(
            app,
            case.measure_id,
            {
                "adopt": lambda m: m.adopt(actor, freeze(m.fields)),
                "return": lambda m: m.return_to_group(actor, "Bitte konkretisieren."),
            },
        )

        winners = {name: r for name, r in results.items() if isinstance(r, Measure)}
        losers = {name: r for name, r in results.items() if not isinstance(r, Measure)}
        assert len(winners) == 1 and len(losers) == 1, results
        [(winner_name, winner)] = winners.items()
        [loser_error] = losers.values()
        assert isinstance(loser_error, ConcurrencyConflict), repr(loser_error)
        assert loser_error.code == "concurrency_conflict"
        assert loser_error.details["ids"] == [str(case.measure_id)]

        history = app.history(case.measure_id)
        assert [e.originator_version for e in history] == list(range(1, version + 2))
        assert type(history[-1]).__name__ == {"adopt": "Adopted", "return": "Returned"}[winner_name]
        reloaded = app.load(Measure, case.measure_id)
        assert state(reloaded) == state(winner)
        assert reloaded.status == {"adopt": "adopted", "return": "returned"}[winner_name]


def test_conflicting_edits_through_the_application_never_lose_an_event(app: Sozialkonferenz, actor: UUID) -> None:
    case = measure_in_status(app, actor, "drafted")
    outcomes: list[str] = []
    barrier = threading.Barrier(4, timeout=30)

    def edit(i: int) -> None:
        barrier.wait()
        for j in range(5):
            try:
                app.edit_proposal(actor, case.measure_id, {"goal": f"Fassung {i}.{j}"})
                outcomes.append("saved")
            except ConcurrencyConflict:
                outcomes.append("conflict")

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(outcomes) == 20
    history = app.history(case.measure_id)
    assert [e.originator_version for e in history] == list(range(1, len(history) + 1))
    assert len(history) == 1 + outcomes.count("saved")
    assert app.load(Measure, case.measure_id).fields["goal"] == history[-1].fields["goal"]  # type: ignore[attr-defined]
