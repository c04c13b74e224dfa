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

from sqlalchemy import select

from domain.application import Sozialkonferenz
from domain.catalogue_import import imported_row_id
from domain.conference import CONFERENCE_STATUS_LABELS, Conference
from domain.errors import ConcurrencyConflict
from domain.working_group import WorkingGroup
from server.imports.planning import District, Group, Plan, make_plan
from server.imports.reading import Sheet, UnreadableFile, read_file

BATCH_ROWS = 200
LOOKUP_BATCH = 1000
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
    register = app.district_register()
    districts = [District(d["id"], d["name"]) for d in register.districts if not d["retired"]] if register else []
    return make_plan(
        filename,
        sheet,
        groups,
        conference_error=conference_error,
        imported=lambda keys: imported_keys(app, conference.id, keys),
        districts=districts,
    )


def imported_keys(app: Sozialkonferenz, conference_id: UUID, keys: list[str]) -> set[str]:
    """The keys among ``keys`` already imported into the conference: one query per thousand rows."""
    table = app.recorder.events_record_cls.__table__  # type: ignore[attr-defined]
    by_id = {imported_row_id(conference_id, key): key for key in keys}
    ids = list(by_id)
    found: set[str] = set()
    with app.recorder.datastore.engine.connect() as connection:  # type: ignore[attr-defined]
        for start in range(0, len(ids), LOOKUP_BATCH):
            query = select(table.c.originator_id).where(
                table.c.originator_id.in_(ids[start : start + LOOKUP_BATCH]), table.c.originator_version == 1
            )
            found.update(by_id[UUID(str(row[0]))] for row in connection.execute(query))
    return found


def plan_conference(app: Sozialkonferenz, conference_id: Any) -> UUID:
    return app.load(Conference, conference_id, field="conference_id").id


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
        batch = rows[start : start + BATCH_ROWS]
        try:
            created += app.import_measures(actor, conference_id, batch)
        except ConcurrencyConflict:  # imported meanwhile (another import of the same file), or a group changed
            done = imported_keys(app, plan_conference(app, conference_id), [r.source["key"] for r in batch])
            created += app.import_measures(actor, conference_id, [r for r in batch if r.source["key"] not in done])
        if progress is not None:
            progress(min(start + BATCH_ROWS, len(rows)), len(rows))
    return ImportResult(created, plan)
