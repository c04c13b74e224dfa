"""Projection benchmark: catch-up rate from zero, catalogue query latency, history export time.

    python -m bench.projections --database sqlite:///bench/data/county.db
    python -m bench.projections --database postgresql+psycopg://postgres@127.0.0.1:5432/sozialkonferenz_bench

Generates a large county's history on first use (about 1,000,000 events and
10,000 measures with the default seven series), then measures. Results go to
``bench/results/projections-<database>.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from bench.generate import generate
from projections import queries
from projections import tables as t
from projections.history import as_jsonl, conference_aggregate_ids, export_pages
from projections.runner import ProjectionRunner
from server.composition import build_application, close_application

RESULTS = Path(__file__).parent / "results"


def ensure_database(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        Path(parsed.database or "").parent.mkdir(parents=True, exist_ok=True)
        return
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(
            text("select 1 from pg_database where datname = :n"), {"n": parsed.database}
        ).first()
        if not exists:
            connection.execute(text(f'create database "{parsed.database}"'))
    admin.dispose()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def catalogue_latency(runner: ProjectionRunner, runs: int) -> dict[str, Any]:
    rng = random.Random(3)
    with runner.engine.connect() as connection:
        conference_ids = list(connection.execute(select(t.conferences.c.id)).scalars())
        cycles = sorted(set(connection.execute(select(t.conferences.c.cycle)).scalars()))
        lineages = list(connection.execute(select(t.working_groups.c.lineage_id).distinct()).scalars())
        measure_count = connection.execute(select(text("count(*)")).select_from(t.measures)).scalar_one()
        cases = {
            "conference+status": lambda: dict(
                filters={"conference_id": rng.choice(conference_ids), "status": "evaluated"}
            ),
            "cycle+group": lambda: dict(filters={"cycle": rng.choice(cycles), "lineage_id": rng.choice(lineages)}),
            "district+status": lambda: dict(filters={"status": "implemented"}, district=f"Bezirk {rng.randint(1, 4)}"),
            "full text": lambda: dict(filters={}, text=rng.choice(["quartier", "kita pflege", "ehrenamt netzwerk"])),
            "series+text+status": lambda: dict(
                filters={"status": "abandoned"}, series=f"Gemeinde {rng.randint(1, 7)}", text="beratung"
            ),
        }
        result: dict[str, Any] = {"measures": measure_count}
        for name, make in cases.items():
            timings = []
            for _ in range(runs):
                kwargs = make()
                began = time.perf_counter()
                queries.catalogue(connection, **kwargs, limit=200)
                timings.append((time.perf_counter() - began) * 1000)
            result[name] = {
                "p50_ms": round(statistics.median(timings), 2),
                "p99_ms": round(percentile(timings, 0.99), 2),
            }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", required=True)
    parser.add_argument("--series", type=int, default=7)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    ensure_database(args.database)
    app = build_application(args.database)
    report: dict[str, Any] = {"database": app.recorder.datastore.engine.dialect.name, "machine": platform.machine()}  # type: ignore[attr-defined]
    try:
        if app.position() == 0:
            began = time.perf_counter()
            generate(app, series_count=args.series, cycles=10, measures_per_group=12, edits=85)
            report["generate_seconds"] = round(time.perf_counter() - began, 1)
        events = app.position()
        report["events"] = events

        runner = ProjectionRunner(app)
        with runner._writing() as connection:
            for projection in runner.projections.values():
                for table in projection.tables:
                    connection.execute(table.delete())
                runner.record_position(connection, projection.name, 0)
        runner.positions = runner._read_positions()
        began = time.perf_counter()
        runner.catch_up()
        seconds = time.perf_counter() - began
        report["catch_up"] = {"seconds": round(seconds, 1), "events_per_second": round(events / seconds)}
        print(f"catch-up: {events} events in {seconds:.1f} s = {events / seconds:,.0f} events/s", flush=True)

        report["catalogue"] = catalogue_latency(runner, args.runs)
        print("catalogue:", json.dumps(report["catalogue"]), flush=True)

        with runner.engine.connect() as connection:
            conference_id = connection.execute(select(t.conferences.c.id).order_by(t.conferences.c.starts_on)).first()[
                0
            ]
        began = time.perf_counter()
        ids = conference_aggregate_ids(app, conference_id)
        size = lines = 0
        for page in export_pages(app, ids):
            chunk = as_jsonl(page)
            size += len(chunk.encode())
            lines += len(page)
        seconds = time.perf_counter() - began
        report["export"] = {
            "events": lines,
            "bytes": size,
            "seconds": round(seconds, 2),
            "events_per_second": round(lines / seconds),
        }
        print("export:", json.dumps(report["export"]), flush=True)
    finally:
        close_application(app)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"projections-{report['database']}.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
