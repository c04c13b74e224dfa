"""The catalogue import, start to end: read the file, plan every row, then write the plan in batches.

Writing is not one transaction: the event store saves many aggregates at once, but a 10,000-row catalogue
in one transaction would hold PostgreSQL's insert lock for seconds. Each batch of rows is one save (one
transaction), and every row carries a key the store can only take once (``domain.catalogue_import``).
A crash after some batches leaves those batches whole and the rest unwritten; the same import run again
skips what exists and writes the rest, so the result is the complete catalogue, never half of a row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.application import Sozialkonferenz
from domain.conference import CONFERENCE_STATUS_LABELS, Conference
from domain.working_group import WorkingGroup
from server.imports.planning import Group, Plan, make_plan
from server.imports.reading import Sheet, UnreadableFile, read_file

BATCH_ROWS = 200
Progress = Callable[[int, int], None]  # rows done, rows to do


class ImportRefused(Exception):
    """The plan has problems and the user did not choose to import only the readable rows."""

    def __init__(self, plan: Plan) -> None:
        super().__init__("Der Katalog wurde nicht importiert: die Datei enthält Fehler.")
        self.plan = plan


@dataclass(frozen=True)
class ImportResult:
    created: list[UUID]
    plan: Plan

    def report(self) -> dict[str, Any]:
        return {**self.plan.report(), "created": len(self.created), "measure_ids": [str(i) for i in self.created]}


def plan_import(app: Sozialkonferenz, conference_id: Any, filename: str, content: bytes) -> Plan:
    """The dry run: nothing is written."""
    conference = app.load(Conference, conference_id, field="conference_id")
    groups = []
    for group_id in conference.working_group_ids:
        group = app.load(WorkingGroup, group_id)
        groups.append(Group(group.id, group.name, group.number, not group.closed))
    conference_error = ""
    if not conference.is_open_for_proposals:
        conference_error = (
            f"Die Konferenz „{conference.title}“ nimmt keine Maßnahmenvorschläge an "
            f"(Status: {CONFERENCE_STATUS_LABELS[conference.status]}). Importiert wird in eine vorbereitete "
            "oder tagende Konferenz."
        )
    try:
        sheet = read_file(filename, content)
    except UnreadableFile as error:
        plan = Plan(filename, Sheet([], ""))
        plan.file_errors.append(str(error))
        return plan
    return make_plan(
        filename,
        sheet,
        groups,
        conference_error=conference_error,
        imported=lambda key: app.is_row_imported(conference.id, key),
    )


def run_import(
    app: Sozialkonferenz,
    actor: UUID,
    conference_id: Any,
    plan: Plan,
    *,
    readable_rows_only: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Write the plan; all rows, or (when asked for explicitly) the readable ones only."""
    if not plan.importable or (plan.problems and not readable_rows_only):
        raise ImportRefused(plan)
    rows = [row for _, row, _ in plan.to_create]
    created: list[UUID] = []
    for start in range(0, len(rows), BATCH_ROWS):
        created += app.import_measures(actor, conference_id, rows[start : start + BATCH_ROWS])
        if progress is not None:
            progress(min(start + BATCH_ROWS, len(rows)), len(rows))
    return ImportResult(created, plan)
