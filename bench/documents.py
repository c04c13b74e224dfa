"""Printed documents: how long the Dokumentation of the demo's 2026 conference and a 500-measure catalogue take.

    python -m bench.documents [--runs 7]

Each run reads the record and typesets the PDF, as ``/api/documents/…`` does (without HTTP), on a fresh
SQLite file with the demo city and a conference of 500 measures of realistic length. The first document of
a process pays once for loading Typst's fonts and hyphenation patterns; it is reported apart ("cold").
Results: ``bench/results/documents.json``. Targets: Dokumentation < 2 s, catalogue < 10 s.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from pypdf import PdfReader

from domain.application import SYSTEM_ACTOR, Sozialkonferenz
from projections import queries
from projections.runner import ProjectionRunner
from server.composition import build_application, close_application
from server.demo import load_demo
from server.documents import catalogue, dokumentation
from server.documents.content import Context
from server.documents.record import Record
from server.documents.routes import CatalogueDocument
from server.documents.typesetting import render

RESULTS = Path(__file__).parent / "results"
TARGETS = {"dokumentation_2026": 2.0, "catalogue_500": 10.0}
TEXT = (
    "Im Quartier fehlen niedrigschwellige Angebote für Familien mit kleinen Kindern. Die Maßnahme richtet eine "
    "Anlaufstelle im Stadtteilzentrum ein, die mit Kitas, Kinderärzten und dem Jobcenter zusammenarbeitet."
)


def five_hundred(app: Sozialkonferenz) -> UUID:
    """A prepared conference with one working group and 500 drafted measures."""
    actor = SYSTEM_ACTOR
    organisation = app.register_organisation(actor, "Fachbereich Soziales", "department")
    conference = app.schedule_conference(actor, "Sozialkonferenz 2030", "city", "Benchmark", "2030", "2030-03-01")
    group = app.form_working_group(actor, conference, "Kinderarmut", "Teilhabe")
    app.set_focus_topic(actor, conference, "Teilhabe")
    app.set_agenda(actor, conference, ["Begrüßung"])
    app.invite_organisations(actor, conference, [organisation])
    app.mark_conference_prepared(actor, conference)
    for i in range(500):
        fields = {"title": f"Familienlotsen im Quartier {i}", "description": TEXT, "goal": "Mehr Familien erreichen.",
                  "target_group": "Familien", "district": "Nord", "lead": "Fachbereich Jugend",
                  "indicators": "Erreichte Familien: Ziel 80 %"}  # fmt: skip
        app.draft_measure(actor, group, fields)
    return conference


def context(app: Sozialkonferenz, runner: ProjectionRunner) -> Context:
    def names(ids: list[str]) -> dict[str, str]:
        with runner.engine.connect() as connection:
            return queries.names(connection, ids)

    return Context(Record(app), names, "http://127.0.0.1:8000/", datetime.now(UTC))


def timed(make: Callable[[], tuple[dict[str, Any], bytes]], runs: int) -> dict[str, Any]:
    cold_began = time.perf_counter()
    make()
    cold = time.perf_counter() - cold_began
    totals, reads = [], []
    for _ in range(runs):
        began = time.perf_counter()
        data, pdf = make()
        totals.append(time.perf_counter() - began)
        reads.append(data.pop("_read_seconds"))
    ordered = sorted(totals)
    return {
        "cold_seconds": round(cold, 3),
        "median_seconds": round(statistics.median(totals), 3),
        "p95_seconds": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 3),
        "read_median_seconds": round(statistics.median(reads), 3),
        "typeset_median_seconds": round(statistics.median(t - r for t, r in zip(totals, reads, strict=True)), 3),
        "runs": runs,
        "pdf_bytes": len(pdf),
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = build_application(f"sqlite:///{folder}/bench.db")
        load_demo(app)
        bench_conference = five_hundred(app)
        runner = ProjectionRunner(app)
        runner.step()
        conferences = [c for c in runner_conferences(runner) if c["cycle"] == "2026" and c["kind"] == "city"]
        demo_2026 = UUID(conferences[0]["id"])

        def make_dokumentation() -> tuple[dict[str, Any], bytes]:
            began = time.perf_counter()
            data = dokumentation.dokumentation(context(app, runner), demo_2026)
            read = time.perf_counter() - began
            return {**data, "_read_seconds": read}, render("dokumentation", data)

        def make_catalogue() -> tuple[dict[str, Any], bytes]:
            began = time.perf_counter()
            asked = CatalogueDocument.model_validate({"conference_id": str(bench_conference)})
            data = catalogue.catalogue(context(app, runner), runner.engine, asked)
            assert len(data["measures"]) == 500
            read = time.perf_counter() - began
            return {**data, "_read_seconds": read}, render("massnahmenkatalog", data)

        results = {"dokumentation_2026": timed(make_dokumentation, args.runs),
                   "catalogue_500": timed(make_catalogue, args.runs)}  # fmt: skip
        runner.stop()
        close_application(app)
    for name, target in TARGETS.items():
        results[name]["target_seconds"] = target
        results[name]["met"] = results[name]["p95_seconds"] < target
    report = {
        "benchmark": "documents",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version()},
        "database": "sqlite",
        **results,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "documents.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(report, indent=2, ensure_ascii=False))


def runner_conferences(runner: ProjectionRunner) -> list[dict[str, Any]]:
    with runner.engine.connect() as connection:
        return queries.conferences(connection)


if __name__ == "__main__":
    main()
