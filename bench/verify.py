"""Hash-chain benchmark: verification rate over a large store, catch-up rate, cost on the live-editing commit.

    python -m bench.verify --events 1000000
    python -m bench.verify --events 1000000 --database postgresql+psycopg://postgres@127.0.0.1:5432/sozialkonferenz_verify

Generates a county's history on first use (``bench.generate``, whole series of
about 136,000 events each until ``--events`` is reached; the chain is written
with the events), then times ``verify_chain`` over the whole store, rebuilding
the chain from scratch (what a store from before the chain gets on start-up),
and single-event group commits on the live-editing path with and without the
chain's extra work. Results go to ``bench/results/verify-<database>.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import statistics
import time
from pathlib import Path
from typing import Any
from uuid import uuid4

from sqlalchemy import delete, insert

from bench.generate import generate
from bench.projections import ensure_database
from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from domain.document import ProposalDocument
from server import chain
from server.chain_verification import verify_chain
from server.collab import store
from server.composition import build_application, close_application

RESULTS = Path(__file__).parent / "results"
EVENTS_PER_SERIES = 136_322  # what one series of ten cycles stores (bench.generate's defaults)


def timed_verification(app: Sozialkonferenz, runs: int) -> dict[str, Any]:
    engine = app.recorder.datastore.engine  # type: ignore[attr-defined]
    timings = []
    for _ in range(runs):
        report = verify_chain(engine, app.recorder.events_table_name)  # type: ignore[attr-defined]
        assert report.ok, report.as_json()
        timings.append(report.seconds)
        print(f"verify: {report.checked} events in {report.seconds:.2f} s", flush=True)
    best = min(timings)
    return {
        "runs": runs,
        "seconds_best": round(best, 2),
        "seconds_median": round(statistics.median(timings), 2),
        "events_per_second": round(report.checked / best),
        "events_per_second_median": round(report.checked / statistics.median(timings)),
        "head_position": report.head_position,
        "head_hash": report.head_hash,
    }


def timed_catch_up(app: Sozialkonferenz) -> dict[str, Any]:
    engine = app.recorder.datastore.engine  # type: ignore[attr-defined]
    with engine.begin() as connection:
        connection.execute(delete(chain.event_chain))
    began = time.perf_counter()
    count = chain.catch_up(app.recorder)  # type: ignore[arg-type]
    seconds = time.perf_counter() - began
    print(f"catch-up: {count} links in {seconds:.1f} s", flush=True)
    return {"events": count, "seconds": round(seconds, 1), "events_per_second": round(count / seconds)}


def _unchained_append(app: Sozialkonferenz, events: list[Any]) -> None:
    """``store.append_events`` as it was before the chain: the baseline."""
    recorder: Any = app.recorder
    rows = [
        {
            "originator_id": s.originator_id,
            "originator_version": s.originator_version,
            "topic": s.topic,
            "state": s.state,
        }
        for s in map(app.mapper.to_stored_event, events)
    ]
    with recorder.transaction(commit=True) as session:
        recorder._lock_table(session)
        session.execute(insert(recorder.events_record_cls.__table__), rows)
        recorder._notify_channel(session)


def timed_group_commits(app: Sozialkonferenz, commits: int) -> dict[str, Any]:
    """Median time of a one-update group commit, chained and (baseline) not; run last: it leaves links out."""
    result: dict[str, Any] = {"commits": commits}
    for name, append in (("chained", store.append_events), ("unchained", _unchained_append)):
        document = ProposalDocument(uuid4(), SYSTEM_ACTOR, "AA==")
        app.save(document)
        timings = []
        for _ in range(commits):
            document.append([{"actor": SYSTEM_ACTOR, "update": "AQ=="}])
            events = list(document.collect_events())
            began = time.perf_counter()
            append(app, events)
            timings.append((time.perf_counter() - began) * 1000)
        result[name] = {"p50_ms": round(statistics.median(timings), 3), "mean_ms": round(statistics.mean(timings), 3)}
    chain.catch_up(app.recorder)  # type: ignore[arg-type]  # the baseline's events get their links after all
    print("group commit:", json.dumps(result), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--database", default="sqlite:///bench/data/verify.db")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--commits", type=int, default=500)
    args = parser.parse_args()
    ensure_database(args.database)
    app = build_application(args.database)
    report: dict[str, Any] = {"database": app.recorder.datastore.engine.dialect.name, "machine": platform.machine()}  # type: ignore[attr-defined]
    try:
        if app.position() == 0:
            series = max(1, math.ceil(args.events / EVENTS_PER_SERIES))
            began = time.perf_counter()
            generate(app, series_count=series, cycles=10, measures_per_group=12, edits=85)
            report["generate_seconds"] = round(time.perf_counter() - began, 1)
        report["events"] = app.position()
        print(f"store: {report['events']} events", flush=True)
        report["verify"] = timed_verification(app, args.runs)
        report["catch_up"] = timed_catch_up(app)
        report["group_commit"] = timed_group_commits(app, args.commits)
    finally:
        close_application(app)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"verify-{report['database']}.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
