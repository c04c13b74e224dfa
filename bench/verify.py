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

from eventsourcing_sqlalchemy.recorders import SQLAlchemyApplicationRecorder
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
    """Wall-clock time, and this process's CPU time (what a shared machine's load does not inflate)."""
    engine = app.recorder.datastore.engine  # type: ignore[attr-defined]
    timings, cpu = [], []
    for _ in range(runs):
        cpu_began = time.process_time()
        report = verify_chain(engine, app.recorder.events_table_name)  # type: ignore[attr-defined]
        cpu.append(time.process_time() - cpu_began)
        assert report.ok, report.as_json()
        timings.append(report.seconds)
        print(f"verify: {report.checked} events in {report.seconds:.2f} s ({cpu[-1]:.2f} s CPU)", flush=True)
    best = min(timings)
    return {
        "runs": runs,
        "checked": report.checked,
        "seconds_best": round(best, 2),
        "seconds_median": round(statistics.median(timings), 2),
        "events_per_second": round(report.checked / best),
        "events_per_second_median": round(report.checked / statistics.median(timings)),
        "cpu_seconds_best": round(min(cpu), 2),
        "events_per_cpu_second": round(report.checked / min(cpu)),
        "head_position": report.head_position,
        "head_hash": report.head_hash,
    }


def timed_catch_up(app: Sozialkonferenz) -> dict[str, Any]:
    engine = app.recorder.datastore.engine  # type: ignore[attr-defined]
    with engine.begin() as connection:
        connection.execute(delete(chain.event_chain))
        connection.execute(delete(chain.event_chain_catch_up))  # as a store from before the chain
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
        SQLAlchemyApplicationRecorder._lock_table(recorder, session)  # the library's lock, without the last link
        session.execute(insert(recorder.events_record_cls.__table__), rows)
        recorder._notify_channel(session)


def timed_group_commits(app: Sozialkonferenz, commits: int) -> dict[str, Any]:
    """One-update group commits with the chain and without (the baseline), interleaved."""
    appends = {"chained": store.append_events, "unchained": _unchained_append}
    documents = {name: ProposalDocument(uuid4(), SYSTEM_ACTOR, "AA==") for name in appends}
    app.save(*documents.values())
    timings: dict[str, list[float]] = {name: [] for name in appends}
    for _ in range(commits):
        for name, append in appends.items():
            documents[name].append([{"actor": SYSTEM_ACTOR, "update": "AQ=="}])
            events = list(documents[name].collect_events())
            began = time.perf_counter()
            append(app, events)
            timings[name].append((time.perf_counter() - began) * 1000)
    # The baseline's updates have no links: take them out again, so that the store verifies.
    table = app.recorder.events_record_cls.__table__  # type: ignore[attr-defined]
    with app.recorder.datastore.engine.begin() as connection:  # type: ignore[attr-defined]
        unchained = (table.c.originator_id == documents["unchained"].id) & (table.c.originator_version > 1)
        connection.execute(delete(table).where(unchained))
    result: dict[str, Any] = {"commits": commits}
    for name, values in timings.items():
        result[name] = {"p50_ms": round(statistics.median(values), 3), "mean_ms": round(statistics.mean(values), 3)}
    print("group commit:", json.dumps(result), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--database", default="sqlite:///bench/data/verify.db")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--commits", type=int, default=500)
    args = parser.parse_args()
    ensure_database(args.database)
    app = build_application(args.database)
    report: dict[str, Any] = {"database": app.recorder.datastore.engine.dialect.name, "machine": platform.machine()}  # type: ignore[attr-defined]
    try:
        results = RESULTS / f"verify-{report['database']}.json"
        if app.position() == 0:
            series = max(1, math.ceil(args.events / EVENTS_PER_SERIES))
            began = time.perf_counter()
            generate(app, series_count=series, cycles=10, measures_per_group=12, edits=85)
            report["generate_seconds"] = round(time.perf_counter() - began, 1)
        elif results.is_file():  # the store is reused: keep what generating it took
            report["generate_seconds"] = json.loads(results.read_text()).get("generate_seconds")
        report["position"] = app.position()
        print(f"store: position {report['position']}", flush=True)
        report["verify"] = timed_verification(app, args.runs)
        report["events"] = report["verify"]["checked"]
        report["catch_up"] = timed_catch_up(app)
        report["group_commit"] = timed_group_commits(app, args.commits)
    finally:
        close_application(app)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"verify-{report['database']}.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
