"""Reading a catalogue file into rows of text: CSV in any of the encodings and separators towns export, or XLSX.

Whatever goes wrong becomes ``UnreadableFile`` with a German sentence for the report; nothing here raises
anything else for bad input.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # an XLSX is a zip archive: a small file may unpack into a huge one
SEPARATORS = ";,\t|"
SEPARATOR_NAMES = {";": "Semikolon", ",": "Komma", "\t": "Tabulator", "|": "senkrechter Strich"}


class UnreadableFile(Exception):
    """The file as a whole cannot be read; the message says why, in German."""


@dataclass
class Sheet:
    """The rows of a file: ``(row number as the spreadsheet shows it, cells)``, the header first.

    Cells keep their text as written (a draft may end in a space); a cell of only blanks is empty.
    """

    rows: list[tuple[int, list[str]]]
    kind: str  # "CSV" or "XLSX"
    encoding: str = ""
    separator: str = ""
    sheet_name: str = ""
    notes: list[str] = field(default_factory=list)  # what was repaired on the way (merged cells, …)


def read_file(filename: str, content: bytes) -> Sheet:
    if len(content) > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"Die Datei ist {len(content) / 1048576:.1f} MB groß; erlaubt sind höchstens "
            f"{MAX_FILE_BYTES // 1048576} MB. Bitte den Katalog aufteilen."
        )
    if not content.strip():
        raise UnreadableFile("Die Datei ist leer.")
    lower = filename.lower()
    if content.startswith(b"PK\x03\x04") or lower.endswith((".xlsx", ".xlsm")):
        return read_xlsx(content)
    if content.startswith(b"\xd0\xcf\x11\xe0") or lower.endswith(".xls"):
        raise UnreadableFile(
            "Das alte Excel-Format (.xls) wird nicht gelesen. Bitte die Tabelle als .xlsx oder als CSV speichern."
        )
    if content.startswith(b"%PDF"):
        raise UnreadableFile("Die Datei ist ein PDF-Dokument, keine Tabelle. Bitte eine CSV- oder XLSX-Datei wählen.")
    return read_csv(content)


def decode(content: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise UnreadableFile("Die Datei ist als UTF-16 gekennzeichnet, aber nicht lesbar.") from None
    if b"\x00" in content:
        raise UnreadableFile(
            "Die Datei enthält Binärdaten und ist keine Tabelle. Erwartet wird eine CSV- oder XLSX-Datei."
        )
    if content.startswith(b"\xef\xbb\xbf"):
        try:
            return content[3:].decode("utf-8"), "UTF-8 mit BOM"
        except UnicodeDecodeError:
            raise UnreadableFile("Die Datei beginnt wie UTF-8, enthält aber ungültige Zeichen.") from None
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return content.decode("latin-1"), "ISO-8859-1 (Latin-1)"


def read_csv(content: bytes) -> Sheet:
    text, encoding = decode(content)
    if _looks_binary(text):
        raise UnreadableFile(
            "Die Datei enthält Steuerzeichen und ist keine Tabelle. Erwartet wird eine CSV- oder XLSX-Datei."
        )
    separator = _separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS + 1:
                raise UnreadableFile(f"Die Datei hat mehr als {MAX_ROWS:,} Zeilen. Bitte aufteilen.".replace(",", "."))
            rows.append((number, [c if c.strip() else "" for c in cells]))  # text as written; blank is empty
    except csv.Error as error:
        raise UnreadableFile(f"Die CSV-Datei ist fehlerhaft (Zeile {reader.line_num}): {error}.") from None
    return Sheet(rows, "CSV", encoding=encoding, separator=SEPARATOR_NAMES[separator])


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return controls > max(3, len(sample) // 100)


def _separator(text: str) -> str:
    """Semicolon (German Excel), comma, tab or bar: the sniffer decides on the first lines, the header breaks ties."""
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
    except csv.Error:
        header = text.splitlines()[0] if text.splitlines() else ""
        counts = {s: header.count(s) for s in SEPARATORS}
        best = max(counts, key=lambda s: counts[s])
        return best if counts[best] else ";"


def read_xlsx(content: bytes) -> Sheet:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = UnreadableFile(
        "Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx). Ist sie beschädigt oder mit Kennwort geschützt?"
    )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise unreadable from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            f"Die Arbeitsmappe ist entpackt größer als {MAX_UNPACKED_BYTES // 1048576} MB. Bitte den Katalog aufteilen."
        )
    try:
        workbook = load_workbook(io.BytesIO(content), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        raise unreadable from None
    except Exception:  # a damaged or foreign file can fail anywhere inside openpyxl: still the user's file, no 500
        raise unreadable from None
    sheet = workbook.worksheets[0]
    if sheet.max_row > MAX_ROWS + 1:
        raise UnreadableFile(f"Das Tabellenblatt hat mehr als {MAX_ROWS:,} Zeilen. Bitte aufteilen.".replace(",", "."))
    notes = []
    if len(workbook.worksheets) > 1:
        notes.append(f"Gelesen wird nur das erste Tabellenblatt „{sheet.title}“.")
    merged = list(sheet.merged_cells.ranges)
    filled: dict[tuple[int, int], object] = {}
    for cell_range in merged:
        value = sheet.cell(cell_range.min_row, cell_range.min_col).value
        for row in range(cell_range.min_row, cell_range.max_row + 1):
            for col in range(cell_range.min_col, cell_range.max_col + 1):
                filled[(row, col)] = value
    if merged:
        ranges = ", ".join(str(r.coord) for r in merged[:10]) + (" …" if len(merged) > 10 else "")
        notes.append(
            f"{len(merged)} verbundene Zellbereiche ({ranges}): "
            "jede Zelle darin hat den Wert der ersten Zelle erhalten."
        )
    rows: list[tuple[int, list[str]]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_cell_text(filled.get((number, col), value)) for col, value in enumerate(values, start=1)]
        rows.append((number, cells))
    return Sheet(rows, "XLSX", sheet_name=sheet.title, notes=notes)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y") if value.time() == time(0) else value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    return text if text.strip() else ""
