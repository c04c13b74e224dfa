"""Old free-text "Stadtbezirk / Sozialraum" entries mapped onto the city's list of districts.

Used by the demo data and the catalogue importer. Pure: it works on names, the caller turns them
into district ids. Rules, in order:

1. A text that starts with "gesamtstädtisch" (or "stadtweit", "alle … Stadtbezirke/Sozialräume")
   names the whole city; what follows is the remark ("gesamtstädtisch (alle Begegnungsstätten)"
   → gesamtstädtisch, remark "alle Begegnungsstätten").
2. Otherwise every known district named before the first parenthesis counts
   ("Nordstadt und Südfeld (Erweiterung auf Altstadt …)" → Nordstadt, Südfeld); the parenthesis
   is the remark.
3. A text that names nothing known maps to no district and is kept whole as the remark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

CITYWIDE = "gesamtstädtisch"
_CITYWIDE_TEXT = re.compile(
    r"^\s*(gesamtstädtisch|stadtweit|gesamte stadt|alle\s+(\w+\s+)?(stadtbezirke|sozialräume|stadtteile))\b[\s,;:–-]*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DistrictMatch:
    names: list[str] = field(default_factory=list)  # known names, in the spelling of the list
    remark: str = ""


def _strip_brackets(text: str) -> str:
    text = text.strip().strip(",;:–- ")
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text


def districts_in_text(text: str, known: Iterable[str], citywide: str = CITYWIDE) -> DistrictMatch:
    """The known district names a free text names, and the rest of the text as a remark."""
    text = (text or "").strip()
    if not text:
        return DistrictMatch()
    citywide_match = _CITYWIDE_TEXT.match(text)
    if citywide_match:
        rest = text[citywide_match.end() :]
        return DistrictMatch([citywide], _strip_brackets(rest))
    head, bracket, tail = text.partition("(")
    names = []
    for name in sorted({n for n in known if n.casefold() != citywide.casefold()}, key=len, reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
        if pattern.search(head) and name not in names:
            names.append(name)
            head = pattern.sub(" ", head)
    if not names:
        return DistrictMatch([], text)
    order = {name: text.casefold().find(name.casefold()) for name in names}
    return DistrictMatch(sorted(names, key=order.__getitem__), _strip_brackets(bracket + tail))
