"""The auditor's reading of the event store itself: histories, past states, decision texts, exports."""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Iterator
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent as PersistedEvent
from sqlalchemy import select

from domain.application import Sozialkonferenz
from domain.conference import Conference
from domain.errors import NotFound
from domain.measure import Measure
from domain.texts import FIELD_LABELS, PROPOSAL_FIELDS, verify_frozen
from domain.working_group import WorkingGroup
from projections.framework import jsonable

EXPORT_PAGE = 1000
CSV_COLUMNS = ("position", "timestamp", "aggregate_type", "aggregate_id", "version", "type", "actor_id", "data")


def _event_dict(app: Sozialkonferenz, row: Any) -> dict[str, Any]:
    position, originator_id, version, topic, state = row
    domain_event = app.mapper.to_domain_event(PersistedEvent(originator_id, version, topic, bytes(state)))
    data = jsonable(vars(domain_event))
    for key in ("originator_id", "originator_version", "originator_topic"):
        data.pop(key, None)
    name = topic.partition(":")[2]
    return {
        "position": position,
        "timestamp": data.pop("timestamp"),
        "aggregate_type": name.partition(".")[0],
        "aggregate_id": str(originator_id),
        "version": version,
        "type": name,
        "actor_id": data.get("actor"),
        "data": data,
    }


def _events_table(app: Sozialkonferenz) -> Any:
    return app.recorder.events_record_cls.__table__  # type: ignore[attr-defined]


def aggregate_history(app: Sozialkonferenz, aggregate_id: UUID) -> list[dict[str, Any]]:
    table = _events_table(app)
    query = (
        select(table.c.id, table.c.originator_id, table.c.originator_version, table.c.topic, table.c.state)
        .where(table.c.originator_id == aggregate_id)
        .order_by(table.c.originator_version)
    )
    with app.recorder.datastore.engine.connect() as connection:  # type: ignore[attr-defined]
        rows = connection.execute(query).all()
    if not rows:
        raise NotFound("Datensatz", aggregate_id)
    return [_event_dict(app, row) for row in rows]


def first_event(app: Sozialkonferenz, aggregate_id: UUID) -> tuple[str, Any]:
    """An aggregate's kind (its class name) and its first event; raises NotFound for an unknown id."""
    stored = app.recorder.select_events(aggregate_id, lte=1)
    if not stored:
        raise NotFound("Datensatz", aggregate_id)
    return stored[0].topic.partition(":")[2].partition(".")[0], app.mapper.to_domain_event(stored[0])


def state(aggregate: Any) -> dict[str, Any]:
    """An aggregate's state as JSON: its public attributes, with type and version."""
    values = {k.lstrip("_"): v for k, v in vars(aggregate).items() if not k.startswith("__")}
    values.pop("pending_events", None)
    return {"type": type(aggregate).__name__, **jsonable(values)}


def decision_texts(app: Sozialkonferenz, measure_id: UUID) -> list[dict[str, Any]]:
    measure = app.load(Measure, measure_id, field="measure_id")
    result = []
    for decision in measure.decisions:
        entry = jsonable(decision)
        if decision["frozen"] is not None:
            entry["verified"] = verify_frozen(decision["frozen"])
        result.append(entry)
    return result


def diff_decision_texts(app: Sozialkonferenz, measure_id: UUID, first: int, second: int) -> dict[str, Any]:
    """Field-by-field difference between the texts of two decisions (named by aggregate version)."""
    by_version = {d["version"]: d for d in decision_texts(app, measure_id) if d.get("frozen")}
    for version in (first, second):
        if version not in by_version:
            raise NotFound(f"Beschluss mit Text in Version {version} der Maßnahme", measure_id)
    a, b = by_version[first]["frozen"], by_version[second]["frozen"]
    fields = []
    for field in PROPOSAL_FIELDS:
        old, new = a["fields"][field], b["fields"][field]
        fields.append(
            {
                "field": field,
                "label": FIELD_LABELS[field],
                "changed": old != new,
                "diff": list(
                    difflib.unified_diff(old.splitlines(), new.splitlines(), "vorher", "nachher", lineterm="")
                ),
                "words": word_diff(old, new) if old != new else [],
            }
        )
    return {"from": by_version[first], "to": by_version[second], "fields": fields}


def word_diff(old: str, new: str) -> list[dict[str, str]]:
    a, b = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append({"op": "equal", "text": " ".join(a[i1:i2])})
        if op in ("delete", "replace"):
            parts.append({"op": "delete", "text": " ".join(a[i1:i2])})
        if op in ("insert", "replace"):
            parts.append({"op": "insert", "text": " ".join(b[j1:j2])})
    return parts


def conference_aggregate_ids(app: Sozialkonferenz, conference_id: UUID) -> list[UUID]:
    conference = app.load(Conference, conference_id, field="conference_id")
    ids = [conference.id]
    for group_id in conference.working_group_ids:
        group = app.load(WorkingGroup, group_id)
        ids.append(group.id)
        ids.extend(group.proposal_ids)
    return ids


def export_pages(app: Sozialkonferenz, ids: list[UUID]) -> Iterator[list[dict[str, Any]]]:
    """A conference's events in store order, page by page: never the whole history in memory."""
    table = _events_table(app)
    after = 0
    columns = (table.c.id, table.c.originator_id, table.c.originator_version, table.c.topic, table.c.state)
    while True:
        query = (
            select(*columns)
            .where(table.c.originator_id.in_(ids), table.c.id > after)
            .order_by(table.c.id)
            .limit(EXPORT_PAGE)
        )
        with app.recorder.datastore.engine.connect() as connection:  # type: ignore[attr-defined]
            rows = connection.execute(query).all()
        if not rows:
            return
        yield [_event_dict(app, row) for row in rows]
        after = rows[-1][0]


def as_jsonl(events: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events)


def as_csv(events: list[dict[str, Any]], header: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow(CSV_COLUMNS)
    for e in events:
        writer.writerow([*(e[c] for c in CSV_COLUMNS[:-1]), json.dumps(e["data"], ensure_ascii=False)])
    return buffer.getvalue()
