"""Catalogue import benchmark: a 10,000-row CSV catalogue, dry run and full import, then the same file again.

    python -m bench.catalogue_import
    python -m bench.catalogue_import --rows 10000 --database postgresql+psycopg://postgres@127.0.0.1:5432/sk_import_bench

Each run starts from an empty database (SQLite file, or a PostgreSQL database dropped and made again).
Results go to ``bench/results/catalogue-import-<database>.json``: seconds and rows per second for the
dry run, the import (in batches of ``server.imports.catalogue.BATCH_ROWS`` rows, one transaction each)
and the second run (which finds every row imported and writes nothing).
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text

from bench.projections import ensure_database
from domain.application import SYSTEM_ACTOR
from server.composition import build_application, close_application
from server.imports.catalogue import BATCH_ROWS, plan_import, run_import
from tests.imports.files import csv_bytes, many_rows, prepared_conference

RESULTS = Path(__file__).parent / "results"


def fresh(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        Path(parsed.database or "").unlink(missing_ok=True)
        return
    ensure_database(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def timed(work: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def run(url: str, rows: int) -> dict[str, Any]:
    fresh(url)
    app = build_application(url)
    try:
        conference = prepared_conference(app, SYSTEM_ACTOR)
        content = csv_bytes(many_rows(rows))
        plan, dry_seconds, dry_cpu = timed(lambda: plan_import(app, conference.id, "katalog.csv", content))
        assert plan.readable and len(plan.to_create) == rows
        before = app.position()
        result, import_seconds, import_cpu = timed(lambda: run_import(app, SYSTEM_ACTOR, conference.id, plan))
        assert len(result.created) == rows
        events = app.position() - before
        again, again_seconds, _ = timed(lambda: plan_import(app, conference.id, "katalog.csv", content))
        assert len(again.already_imported) == rows and not again.to_create
    finally:
        close_application(app)
    return {
        "database": make_url(url).get_backend_name(),
        "rows": rows,
        "file_bytes": len(content),
        "batch_rows": BATCH_ROWS,
        "dry_run_seconds": round(dry_seconds, 2),
        "dry_run_cpu_seconds": round(dry_cpu, 2),
        "import_seconds": round(import_seconds, 2),
        "import_cpu_seconds": round(import_cpu, 2),
        "import_rows_per_second": round(rows / import_seconds),
        "events_written": events,
        "second_dry_run_seconds": round(again_seconds, 2),
        "machine": {"python": platform.python_version(), "processor": platform.processor() or platform.machine()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a SQLite file in a temporary folder)")
    args = parser.parse_args()
    url = args.database or f"sqlite:///{Path(tempfile.mkdtemp()) / 'import.db'}"
    result = run(url, args.rows)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"catalogue-import-{result['database']}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
