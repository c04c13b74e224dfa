"""Which column of a catalogue file means what: header names as German towns write them.

A header is compared without case, spaces, punctuation and with umlauts spelt out ("Ist-Wert", "IST WERT"
and "Istwert" are one name; "Maßnahme" and "Massnahme" too). ``SYNONYMS`` is the documented list; the
README shows it, and a test checks that the README and this list agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# target → (German label shown in the report, accepted header names)
SYNONYMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "key": ("Kennung der Zeile", ("Kennung", "ID", "Nr.", "Nummer", "lfd. Nr.", "Maßnahmen-Nr.", "Schlüssel")),
    "title": ("Titel", ("Maßnahme", "Titel", "Maßnahmentitel", "Bezeichnung", "Name der Maßnahme")),
    "description": (
        "Beschreibung",
        ("Beschreibung", "Maßnahmenbeschreibung", "Ausgangslage", "Vorhaben", "Inhalt", "Kurzbeschreibung"),
    ),
    "goal": ("Ziel", ("Ziel", "Ziele", "Zielsetzung", "Wirkungsziel")),
    "target_group": ("Zielgruppe", ("Zielgruppe", "Zielgruppen", "Adressaten")),
    "district": (
        "Sozialraum",
        ("Sozialraum", "Stadtteil", "Stadtbezirk", "Quartier", "Bezirk", "Ortsteil", "Sozialraum / Stadtteil"),
    ),
    "lead": (
        "Federführung",
        ("Federführung", "Träger", "Federführend", "Verantwortlich", "Verantwortlichkeit", "Zuständigkeit"),
    ),
    "partners": ("Beteiligte Partner", ("Partner", "Beteiligte", "Beteiligte Partner", "Kooperationspartner")),
    "timeframe": ("Zeitrahmen", ("Zeitrahmen", "Zeitraum", "Laufzeit", "Umsetzungszeitraum", "Zeitplan")),
    "cost": ("Kostenschätzung", ("Kosten", "Kostenschätzung", "Kosten (EUR)", "Kosten in Euro", "Finanzbedarf")),
    "funding": ("Finanzierung", ("Finanzierung", "Finanzierungsquelle", "Förderung", "Förderprogramm")),
    "indicators": ("Erfolgsindikatoren", ("Erfolgsindikatoren", "Indikatoren", "Erfolgskriterien")),
    "group": ("Arbeitsgruppe", ("Arbeitsgruppe", "AG", "Arbeitskreis", "Handlungsfeld")),
    "status": ("Status", ("Status", "Stand", "Bearbeitungsstand")),
    "indicator_name": ("Indikator", ("Indikator", "Kennzahl", "Erfolgsindikator")),
    "indicator_unit": ("Einheit", ("Einheit", "Maßeinheit")),
    "indicator_baseline": ("Ausgangswert", ("Ausgangswert", "Basiswert", "Ausgangslage (Wert)", "Baseline")),
    "indicator_target": ("Zielwert", ("Zielwert", "Soll", "Sollwert", "Ziel (Wert)")),
    "indicator_actual": ("Ist-Wert", ("Ist-Wert", "Ist", "Aktueller Wert")),
}
JOINED = frozenset({"description"})  # several columns (Ausgangslage, Vorhaben) are joined, each under its header


@lru_cache(maxsize=4096)
def normalise(header: str) -> str:
    text = header.strip().lower()
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelt)
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", text)


_BY_NAME: dict[str, str] = {normalise(name): target for target, (_, names) in SYNONYMS.items() for name in names}


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: as the spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    target: str  # a key of SYNONYMS, or "" for an unknown column

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    def describe(self) -> dict[str, str]:
        label = SYNONYMS[self.target][0] if self.target else ""
        return {"column": self.letter, "header": self.header, "target": self.target, "label": label}


@dataclass
class ColumnMap:
    columns: list[Column]
    unknown: list[Column]
    duplicates: list[Column]  # a second column for the same target (only description may have several)
    by_target: dict[str, list[Column]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_target = {}
        for column in self.columns:
            self.by_target.setdefault(column.target, []).append(column)

    def of(self, target: str) -> list[Column]:
        return self.by_target.get(target, [])

    def has(self, target: str) -> bool:
        return target in self.by_target


def map_headers(headers: list[str]) -> ColumnMap:
    columns: list[Column] = []
    unknown: list[Column] = []
    duplicates: list[Column] = []
    for index, header in enumerate(headers):
        if not header.strip():
            continue
        target = _BY_NAME.get(normalise(header), "")
        column = Column(index, header.strip(), target)
        if not target:
            unknown.append(column)
        elif target not in JOINED and any(c.target == target for c in columns):
            duplicates.append(column)
        else:
            columns.append(column)
    return ColumnMap(columns, unknown, duplicates)


def expected_names(target: str) -> str:
    return ", ".join(f"„{name}“" for name in SYNONYMS[target][1])


def synonyms_markdown() -> str:
    """The documented list of header names (README.md, section on the catalogue import; a test compares)."""
    lines = ["| Bedeutung | Überschriften in der Datei |", "| --- | --- |"]
    lines += [f"| {label} | {', '.join(names)} |" for label, names in SYNONYMS.values()]
    return "\n".join(lines)
