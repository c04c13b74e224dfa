"""Catalogue files as towns send them, and a prepared conference to import them into."""

from __future__ import annotations

import io
from dataclasses import dataclass
from uuid import UUID

from domain.application import Sozialkonferenz

HEADER = [
    "Lfd. Nr.", "Maßnahme", "Beschreibung", "ZIEL", "Ziel-Gruppe", " Federführung ", "Stadtteil", "AG", "Status",
    "Indikator", "Ausgangswert", "Zielwert", "Bemerkung",
]  # fmt: skip
ROWS = [
    ["1", "Familienlotsinnen in der Nordstadt", "Lotsinnen begleiten Familien an den Übergängen.",
     "Kein Kind geht an einem Übergang verloren.", "Familien mit Kindern bis 16 Jahre", "Fachbereich Jugend",
     "Nordstadt", "AG Kinderarmut", "von der AG vorgeschlagen", "Begleitete Familien", "0", "120", "dringend"],
    ["2", "Fachstelle Wohnungssicherung", "Beratung bei drohendem Wohnungsverlust.", "Räumungen vermeiden.",
     "Mieterinnen und Mieter mit Mietschulden", "Sozialamt", "Südstadt", "wohnen", "Entwurf", "", "", "", ""],
    ["3", "Bewegte Pause an Grundschulen", "Spielgeräte und Pausenhelfer.", "", "", "", "Weststadt", "2", "", "",
     "", "", "Schulträger fragen"],
]  # fmt: skip


@dataclass(frozen=True)
class Conference:
    id: UUID
    groups: dict[str, UUID]


def prepared_conference(app: Sozialkonferenz, actor: UUID, title: str = "Sozialkonferenz 2026") -> Conference:
    """A conference ready for proposals, with the groups AG Kinderarmut (1) and Wohnen und Quartier (2)."""
    conference = app.schedule_conference(actor, title, "city", "Importstadt", "2026", "2026-03-14")
    groups = {
        name: app.form_working_group(actor, conference, name, topic)
        for name, topic in (("Kinderarmut", "Kinderarmut"), ("Wohnen und Quartier", "Wohnen"))
    }
    app.set_focus_topic(actor, conference, "Teilhabe")
    app.set_agenda(actor, conference, ["Begrüßung", "Arbeitsgruppen"])
    organisation = app.register_organisation(actor, "Stadtverwaltung Importstadt", "department")
    app.invite_organisations(actor, conference, [organisation])
    app.mark_conference_prepared(actor, conference)
    return Conference(conference, groups)


def csv_bytes(
    rows: list[list[str]], *, header: list[str] = HEADER, separator: str = ";", encoding: str = "utf-8"
) -> bytes:
    def line(cells: list[str]) -> str:
        return separator.join(f'"{c}"' if separator in c or '"' in c or "\n" in c else c for c in cells)

    return ("\r\n".join(line(r) for r in [header, *rows]) + "\r\n").encode(encoding)


def xlsx_bytes(rows: list[list[object]], merged: tuple[str, ...] = ()) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Maßnahmen"
    for row in rows:
        sheet.append(row)
    for cell_range in merged:
        sheet.merge_cells(cell_range)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def many_rows(count: int) -> list[list[str]]:
    """``count`` distinct, readable rows spread over both groups."""
    return [
        [str(n), f"Maßnahme Nummer {n}", f"Beschreibung der Maßnahme {n} im Quartier.", "Mehr Teilhabe.", "Familien",
         "Fachbereich Soziales", "Nordstadt", "Kinderarmut" if n % 2 else "Wohnen", "", "", "", "", ""]
        for n in range(1, count + 1)
    ]  # fmt: skip
