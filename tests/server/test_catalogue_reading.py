"""Reading catalogue files: what the API tests do not reach (unpacked size, cell values from Excel)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from server.imports import reading
from server.imports.reading import UnreadableFile, read_file
from tests.imports.files import xlsx_bytes


def test_a_workbook_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    content = xlsx_bytes([["Maßnahme"], ["Lernpaten"]])
    assert read_file("k.xlsx", content).rows[1] == (2, ["Lernpaten"])
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(UnreadableFile, match="entpackt größer als"):
        read_file("k.xlsx", content)


def test_excel_values_become_text_as_a_german_office_writes_them() -> None:
    rows = [["Maßnahme", "Kosten", "Anteil", "Beginn", "Termin", "Gesichert", "Leer"],
            ["Lernpaten", 12000.0, 12.5, date(2024, 7, 1), datetime(2024, 7, 1, 9, 30), True, "   "]]  # fmt: skip
    sheet = read_file("k.xlsx", xlsx_bytes(rows))
    assert sheet.rows[1][1] == ["Lernpaten", "12000", "12,5", "01.07.2024", "01.07.2024 09:30", "ja", ""]


def test_a_draft_keeps_its_text_as_written() -> None:
    content = "Maßnahme;Beschreibung\nLernpaten;Vorhaben: \n".encode()
    assert read_file("k.csv", content).rows[1] == (2, ["Lernpaten", "Vorhaben: "])
