"""From the rows of a file to a plan: what would be created, what was imported before, and every row that
cannot be read, with its number and the reason. The dry run shows the plan; the import carries it out.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from domain.catalogue_import import RowToImport
from domain.errors import DomainError
from domain.measure_commands import _indicators as checked_indicators
from domain.texts import FIELD_LABELS, PROPOSAL_FIELDS, check_fields, missing_required
from projections.district_text import districts_in_text
from server.imports.columns import SYNONYMS, Column, ColumnMap, expected_names, map_headers, normalise
from server.imports.reading import Sheet

HEADER_SEARCH_ROWS = 10  # a title line above the header ("Maßnahmenkatalog 2024") is common
REPORT_ROWS = 500  # rows listed by name in the report; the counts are always complete
DRAFT_STATUSES = frozenset(normalise(s) for s in ("", "Entwurf", "in Bearbeitung", "neu", "offen", "geplant"))
PROPOSED_STATUSES = frozenset(
    normalise(s) for s in ("vorgeschlagen", "von der AG vorgeschlagen", "AG-Vorschlag", "in der AG beschlossen")
)
MAX_INDICATOR_TEXT = 500


@dataclass(frozen=True)
class Group:
    id: UUID
    name: str
    number: int
    open: bool = True


@dataclass(frozen=True)
class District:
    id: UUID
    name: str


@dataclass
class Problem:
    row: int
    reason: str
    column: str = ""

    def describe(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class Plan:
    filename: str
    sheet: Sheet
    columns: ColumnMap | None = None
    header_row: int = 0
    file_errors: list[str] = field(default_factory=list)
    to_create: list[tuple[int, RowToImport, str]] = field(default_factory=list)  # row number, row, group name
    already_imported: list[int] = field(default_factory=list)
    repeated: list[tuple[int, int]] = field(default_factory=list)  # (row, the earlier row it repeats)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    empty_rows: int = 0

    @property
    def readable(self) -> bool:
        """Nothing stands in the way of importing every row."""
        return not self.file_errors and not self.problems

    @property
    def importable(self) -> bool:
        """At least the readable rows may be imported (the file itself is fine)."""
        return not self.file_errors

    def report(self) -> dict[str, Any]:
        sheet = self.sheet
        return {
            "filename": self.filename,
            "format": sheet.kind,
            "encoding": sheet.encoding,
            "separator": sheet.separator,
            "sheet": sheet.sheet_name,
            "header_row": self.header_row,
            "columns": [c.describe() for c in self.columns.columns] if self.columns else [],
            "unknown_columns": [c.describe() for c in self.columns.unknown] if self.columns else [],
            "duplicate_columns": [c.describe() for c in self.columns.duplicates] if self.columns else [],
            "notes": sheet.notes,
            "file_errors": self.file_errors,
            "counts": {
                "rows": len(self.to_create) + len(self.already_imported) + len(self.repeated) + self.problem_rows,
                "to_create": len(self.to_create),
                "already_imported": len(self.already_imported),
                "repeated": len(self.repeated),
                "unreadable": self.problem_rows,
                "empty_skipped": self.empty_rows,
            },
            "to_create": [
                {
                    "row": number,
                    "title": row.fields["title"],
                    "working_group": group,
                    "district": row.fields.get("district", ""),
                    "district_ids": [str(i) for i in row.district_ids],
                    "proposed": row.agree,
                    "indicators": len(row.indicators),
                }
                for number, row, group in self.to_create[:REPORT_ROWS]
            ],
            "already_imported": self.already_imported[:REPORT_ROWS],
            "repeated": [{"row": row, "same_as": first} for row, first in self.repeated[:REPORT_ROWS]],
            "problems": [p.describe() for p in self.problems[:REPORT_ROWS]],
            "warnings": [w.describe() for w in self.warnings[:REPORT_ROWS]],
            "readable": self.readable,
        }

    @property
    def problem_rows(self) -> int:
        return len({p.row for p in self.problems if p.row})


def make_plan(
    filename: str,
    sheet: Sheet,
    groups: list[Group],
    *,
    conference_error: str = "",
    imported: Callable[[list[str]], set[str]],
    districts: list[District] | None = None,
) -> Plan:
    """Read every row; ``imported(keys)`` answers which of the row keys are already in the conference."""
    plan = Plan(filename, sheet)
    if conference_error:
        plan.file_errors.append(conference_error)
    header_at = _find_header(sheet)
    if header_at is None:
        first = next((cells for _, cells in sheet.rows if any(cells)), [])
        found = ", ".join(f"„{c}“" for c in first if c)[:300] or "keine"
        plan.file_errors.append(
            "Keine Spalte für den Titel der Maßnahme gefunden (erwartet eine dieser Überschriften: "
            f"{expected_names('title')}). Gefundene Überschriften: {found}."
        )
        return plan
    index, plan.header_row, headers = header_at
    plan.columns = columns = map_headers(headers)
    if not groups:
        plan.file_errors.append("Die Konferenz hat noch keine Arbeitsgruppen; bitte zuerst Arbeitsgruppen bilden.")
    elif len(groups) > 1 and not columns.has("group"):
        plan.file_errors.append(
            "Die Konferenz hat mehrere Arbeitsgruppen, die Datei aber keine Spalte dafür "
            f"(erwartet: {expected_names('group')})."
        )
    keys: dict[str, tuple[int, str]] = {}
    for number, cells in sheet.rows[index + 1 :]:
        if not any(cells):
            plan.empty_rows += 1
            continue
        _plan_row(plan, columns, groups, number, cells, keys, districts or [])
    done = imported([row.source["key"] for _, row, _ in plan.to_create])
    if done:
        plan.already_imported = [number for number, row, _ in plan.to_create if row.source["key"] in done]
        plan.to_create = [entry for entry in plan.to_create if entry[1].source["key"] not in done]
    return plan


def _find_header(sheet: Sheet) -> tuple[int, int, list[str]] | None:
    seen = 0
    for index, (number, cells) in enumerate(sheet.rows):
        if not any(cells):
            continue
        if map_headers(cells).has("title"):
            return index, number, cells
        seen += 1
        if seen >= HEADER_SEARCH_ROWS:
            return None
    return None


def _cell(cells: list[str], column: Column) -> str:
    return cells[column.index] if column.index < len(cells) else ""


def _plan_row(
    plan: Plan,
    columns: ColumnMap,
    groups: list[Group],
    number: int,
    cells: list[str],
    keys: dict[str, tuple[int, str]],
    districts: list[District],
) -> None:
    def value(target: str) -> str:
        """The cell of a proposal field as written; of the other columns without surrounding blanks."""
        found = columns.of(target)
        text = _cell(cells, found[0]) if found else ""
        return text if target in PROPOSAL_FIELDS else text.strip()

    problems: list[Problem] = []
    fields = {name: value(name) for name in PROPOSAL_FIELDS if name != "description"}
    parts = [(c.header, _cell(cells, c)) for c in columns.of("description")]
    parts = [(header, text) for header, text in parts if text]
    fields["description"] = parts[0][1] if len(parts) == 1 else "\n\n".join(f"{h}: {t}" for h, t in parts)
    if not fields["title"].strip():
        problems.append(Problem(number, "Der Titel der Maßnahme fehlt.", _letter(columns, "title")))
    group_name = ""
    group = _group(value("group"), groups) if columns.has("group") else (groups[0] if len(groups) == 1 else None)
    if columns.has("group"):
        if not value("group"):
            problems.append(Problem(number, "Die Arbeitsgruppe fehlt.", _letter(columns, "group")))
        elif group is None:
            names = "; ".join(g.name for g in groups)
            problems.append(
                Problem(
                    number,
                    f"Eine Arbeitsgruppe „{value('group')}“ gibt es in dieser Konferenz nicht (vorhanden: {names}).",
                    _letter(columns, "group"),
                )
            )
    if group is not None:
        group_name = group.name
        if not group.open:
            problems.append(Problem(number, f"Die Arbeitsgruppe „{group.name}“ ist geschlossen."))
    status = normalise(value("status"))
    agree = status in PROPOSED_STATUSES
    if status not in DRAFT_STATUSES and not agree:
        problems.append(
            Problem(
                number,
                f"Status „{value('status')}“ kann nicht importiert werden: importiert werden Vorschläge "
                "(leer, „Entwurf“ oder „von der AG vorgeschlagen“).",
                _letter(columns, "status"),
            )
        )
    try:
        fields = check_fields(fields, partial=False)
    except DomainError as error:
        problems.append(Problem(number, str(error)))
    if agree and fields["title"].strip():
        missing = [FIELD_LABELS[name] for name in missing_required(fields)]
        if missing:
            problems.append(
                Problem(number, f"Für „von der AG vorgeschlagen“ fehlen Pflichtangaben: {', '.join(missing)}.")
            )
    indicators = _indicator(plan, columns, number, value, problems, fields)
    if problems:
        plan.problems.extend(problems)
        return
    assert group is not None
    content = _content_key(fields, group_name, indicators, agree)
    key = f"kennung:{value('key')}" if value("key") else content
    if key in keys:
        first, first_content = keys[key]
        if first_content == content:
            plan.repeated.append((number, first))
        else:
            plan.problems.append(
                Problem(number, f"Die Kennung „{value('key')}“ steht schon in Zeile {first}.", _letter(columns, "key"))
            )
        return
    keys[key] = (number, content)
    source = {"file": plan.filename, "row": number, "key": key}
    district_ids = _districts(plan, number, fields["district"], districts, _letter(columns, "district"))
    row = RowToImport(group.id, fields, source, indicators, district_ids=district_ids, agree=agree)
    plan.to_create.append((number, row, group_name))


def _districts(plan: Plan, number: int, text: str, districts: list[District], column: str) -> list[UUID]:
    """The listed districts (Sozialräume) the free text names; the text itself stays as it is."""
    if not text.strip() or not districts:
        return []
    by_name = {d.name: d.id for d in districts}
    names = districts_in_text(text, list(by_name)).names
    if not names:
        plan.warnings.append(
            Problem(number, f"„{text.strip()}“ nennt keinen Sozialraum der Liste; der Text bleibt stehen.", column)
        )
    return [by_name[name] for name in names if name in by_name]


def _indicator(
    plan: Plan,
    columns: ColumnMap,
    number: int,
    value: Callable[[str], str],
    problems: list[Problem],
    fields: dict[str, str],
) -> list[dict[str, str]]:
    parts = {key: value(f"indicator_{key}") for key in ("name", "unit", "baseline", "target", "actual")}
    if not any(parts.values()):
        return []
    if not parts["name"]:
        problems.append(
            Problem(
                number,
                "Werte eines Indikators ohne seinen Namen (Spalte „Indikator“).",
                _letter(columns, "indicator_name"),
            )
        )
        return []
    for key, text in parts.items():
        if len(text) > MAX_INDICATOR_TEXT:
            label = SYNONYMS[f"indicator_{key}"][0]
            problems.append(Problem(number, f"„{label}“ darf höchstens {MAX_INDICATOR_TEXT} Zeichen haben."))
    indicator = {key: parts[key] for key in ("name", "unit", "baseline", "target")}
    if parts["actual"]:
        # A draft has no reported actuals yet (they are reported once it is decided); the value stays readable.
        indicator["remark"] = f"Ist-Wert laut Datei: {parts['actual']}"
        plan.warnings.append(
            Problem(
                number,
                "Der Ist-Wert steht als Bemerkung beim Indikator (berichtet wird er, sobald die Maßnahme "
                "beschlossen ist).",
                _letter(columns, "indicator_actual"),
            )
        )
    try:
        checked_indicators([indicator])
    except DomainError as error:
        problems.append(Problem(number, str(error)))
    return [indicator]


def _letter(columns: ColumnMap, target: str) -> str:
    found = columns.of(target)
    return found[0].letter if found else ""


GROUP_NUMBER = re.compile(r"^(?:ag|arbeitsgruppe)?(\d{1,3})$")


def _group(text: str, groups: list[Group]) -> Group | None:
    wanted = normalise(text)
    if not wanted:
        return None
    for prefix in ("arbeitsgruppe", "ag"):
        for group in groups:
            name = normalise(group.name)
            if wanted in (name, prefix + name) or (name.startswith(prefix) and wanted == name[len(prefix) :]):
                return group
    match = GROUP_NUMBER.match(wanted)
    if match:
        return next((g for g in groups if g.number == int(match.group(1))), None)
    containing = [g for g in groups if wanted in normalise(g.name)]
    return containing[0] if len(containing) == 1 else None


def _content_key(fields: dict[str, str], group: str, indicators: list[dict[str, str]], agree: bool) -> str:
    """A row without its own number (column „Kennung“/„Nr.“) is known by its content."""
    content = json.dumps([fields, group, indicators, agree], sort_keys=True, ensure_ascii=False)
    return "inhalt:" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:40]
