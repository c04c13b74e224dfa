"""The import report as lines of German text, for the command line."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def report_lines(report: dict[str, Any], *, dry_run: bool) -> Iterator[str]:
    counts = report["counts"]
    where = f"Tabellenblatt „{report['sheet']}“" if report["sheet"] else f"{report['encoding']}, {report['separator']}"
    kind = f"{report['format']}, {where}" if report["format"] else "unbekanntes Format"
    yield f"Datei {report['filename']} ({kind})"
    for error in report["file_errors"]:
        yield f"FEHLER: {error}"
    for column in report["columns"]:
        yield f"  Spalte {column['column']} „{column['header']}“ → {column['label']}"
    for column in report["unknown_columns"]:
        yield f"  Spalte {column['column']} „{column['header']}“: unbekannt, wird nicht gelesen"
    for column in report["duplicate_columns"]:
        yield f"  Spalte {column['column']} „{column['header']}“: doppelt ({column['label']}), wird nicht gelesen"
    for note in report["notes"]:
        yield f"Hinweis: {note}"
    for problem in report["problems"]:
        column = f", Spalte {problem['column']}" if problem["column"] else ""
        yield f"Zeile {problem['row']}{column}: {problem['reason']}"
    for warning in report["warnings"]:
        yield f"Zeile {warning['row']} (Hinweis): {warning['reason']}"
    verb = "würden angelegt" if dry_run else "angelegt"
    created = counts["to_create"] if dry_run else report.get("created", 0)
    yield (
        f"{counts['rows']} Zeilen gelesen: {created} Maßnahmen {verb}, {counts['already_imported']} bereits "
        f"importiert, {counts['repeated']} wiederholt, {counts['unreadable']} nicht lesbar, "
        f"{counts['empty_skipped']} leere Zeilen übersprungen."
    )
