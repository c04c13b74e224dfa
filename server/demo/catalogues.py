"""The demo's measure texts, read from catalogue files by the catalogue importer like any town's file.

``massnahmen-*.csv`` hold one measure per row (column „Kennung“ is the demo's key, „AG“ the working
group's name); ``verlauf-*.json`` say what happened to each measure afterwards, in the order of the day.
"""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, uuid5

from server.demo.data import FOLDER, read_json
from server.imports.planning import Group, make_plan
from server.imports.reading import read_file


def read_catalogue(name: str, groups: dict[str, str]) -> dict[str, tuple[str, dict[str, str]]]:
    """Group key and fields of every measure in the file, by its key (``Kennung``); ``groups`` maps the
    working groups' keys to the names the file uses."""
    known = [
        Group(uuid5(NAMESPACE_URL, f"demo-group:{key}"), title, n) for n, (key, title) in enumerate(groups.items(), 1)
    ]
    path = FOLDER / name
    plan = make_plan(name, read_file(name, path.read_bytes()), known, imported=lambda keys: set())
    if not plan.readable:
        problems = "; ".join(plan.file_errors + [f"Zeile {p.row}: {p.reason}" for p in plan.problems])
        raise ValueError(f"Demo-Katalog {name} ist nicht lesbar: {problems}")
    key_of = dict(zip((g.id for g in known), groups, strict=True))
    return {
        row.source["key"].removeprefix("kennung:"): (key_of[row.working_group_id], row.fields)
        for _, row, _ in plan.to_create
    }


def measures(catalogue: str, history: str | list[dict[str, Any]], groups: dict[str, str]) -> list[dict[str, Any]]:
    """The measures of one conference: what happened to each (``history``), with its text from ``catalogue``.

    An empty cell is a field nobody filled in; ``cleared`` in the history names fields a group emptied
    (a continued measure starts from its predecessor's text).
    """
    texts = read_catalogue(catalogue, groups)
    result = []
    for entry in read_json(history) if isinstance(history, str) else history:
        group, all_fields = texts[entry["key"]]
        fields = {name: value for name, value in all_fields.items() if value}
        fields.update({name: "" for name in entry.get("cleared", ())})
        result.append({**entry, "group": group, "fields": fields})
    if len(result) != len(texts):
        raise ValueError(f"Demo-Katalog {catalogue}: {len(texts)} Zeilen, aber {len(result)} Verläufe")
    return result
