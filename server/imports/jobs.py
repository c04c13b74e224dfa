"""Catalogue imports running in the background of this process, with their progress for the import page."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID, uuid4

from domain.application import Sozialkonferenz
from domain.errors import NotFound
from server.imports.catalogue import run_import
from server.imports.planning import Plan

FINISHED_JOBS_KEPT = 50


@dataclass
class ImportJob:
    id: UUID
    conference_id: UUID
    filename: str
    total: int
    done: int = 0
    state: str = "running"  # running, done, failed
    report: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    position: int = 0

    def describe(self) -> dict[str, Any]:
        return {
            "import_id": str(self.id),
            "conference_id": str(self.conference_id),
            "filename": self.filename,
            "state": self.state,
            "total": self.total,
            "done": self.done,
            "error": self.error,
            "position": self.position,
            "report": self.report,
        }


class ImportJobs:
    """The imports this process runs or ran (a restart forgets them; running the same import again completes
    an interrupted one, as rows already written are skipped)."""

    def __init__(self) -> None:
        self._jobs: dict[UUID, ImportJob] = {}
        self._lock = threading.Lock()

    def get(self, conference_id: UUID, import_id: UUID) -> ImportJob:
        with self._lock:
            job = self._jobs.get(import_id)
        if job is None or job.conference_id != conference_id:
            raise NotFound("Import", import_id)
        return job

    def start(
        self, app: Sozialkonferenz, actor: UUID, conference_id: UUID, plan: Plan, readable_only: bool
    ) -> ImportJob:
        job = ImportJob(uuid4(), conference_id, plan.filename, total=len(plan.to_create))
        with self._lock:
            finished = [j for j in self._jobs.values() if j.state != "running"]
            for old in finished[: max(0, len(finished) - FINISHED_JOBS_KEPT)]:
                del self._jobs[old.id]
            self._jobs[job.id] = job

        def progress(done: int, total: int) -> None:
            job.done = done

        def work() -> None:
            try:
                result = run_import(
                    app, actor, conference_id, plan, readable_rows_only=readable_only, progress=progress
                )
                job.report = result.report()
                job.position = app.position()
                job.state = "done"
            except Exception as error:  # the job reports it; a re-run completes what was written
                job.error = (
                    f"Der Import wurde unterbrochen ({error.__class__.__name__}). Bereits geschriebene Zeilen "
                    "bleiben; den Import erneut starten, um den Rest zu schreiben."
                )
                job.position = app.position()
                job.state = "failed"

        threading.Thread(target=work, name=f"catalogue-import-{job.id}", daemon=True).start()
        return job
