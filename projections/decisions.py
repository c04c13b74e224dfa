"""Decision log: every decision with actor, time, reason and the hash of the text decided on."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from projections import tables as t
from projections.framework import Change, Projection, Rows, StoredEvent, jsonable, sid, upsert

KINDS = {
    "Conference.Prepared": "conference_prepared",
    "Conference.SessionOpened": "session_opened",
    "Conference.SessionClosed": "session_closed",
    "Conference.MinutesPublished": "minutes_published",
    "Measure.AgreedInGroup": "agreed_in_group",
    "Measure.Adopted": "adopted",
    "Measure.Returned": "returned",
    "Measure.Withdrawn": "withdrawn",
    "Measure.Lapsed": "lapsed",
    "Measure.Submitted": "submitted",
    "Measure.CommitteeDecided": "committee_decision",
    "Measure.ImplementationStarted": "implementation_started",
    "Measure.ProgressReported": "progress_reported",
    "Measure.ImplementationCompleted": "implementation_completed",
    "Measure.Evaluated": "evaluated",
    "Measure.CarriedOver": "carried_over",
    "CoordinationGroup.DecisionRecorded": "coordination_decision",
}

DETAIL_KEYS = (
    "paper_number", "decided_on", "progress", "note", "outcome", "new_measure_id", "proposal_version", "title", "text"
)  # fmt: skip


class DecisionLog(Projection):
    name = "decisions"
    label = "Beschlussprotokoll"
    tables = (t.decisions, t.decision_measures)
    handles = frozenset({*KINDS, "Measure.Drafted"})

    def apply(self, connection: Connection, events: list[StoredEvent]) -> list[Change]:
        conference_of = Rows(connection, t.decision_measures)
        conference_of.preload(str(e.originator_id) for e in events if e.name.startswith("Measure."))
        rows: list[dict[str, Any]] = []
        changes = []
        for e in events:
            id = str(e.originator_id)
            d = e.data
            if e.name == "Measure.Drafted":
                conference_of.put({"id": id, "conference_id": str(d["conference_id"])})
                continue
            if e.name.startswith("Conference."):
                aggregate_type, conference_id = "conference", id
            elif e.name.startswith("CoordinationGroup."):  # about one conference of the series, or none
                aggregate_type, conference_id = "coordination_group", sid(d.get("conference_id"))
            else:
                known = conference_of.get(id)
                aggregate_type, conference_id = "measure", known["conference_id"] if known else None
            frozen = d.get("frozen") or {}
            evaluation = d.get("evaluation") or {}
            detail = {k: jsonable(d[k]) for k in DETAIL_KEYS if k in d}
            if evaluation:
                detail.update(
                    verdict=evaluation["verdict"], rating=evaluation["rating"], progress=evaluation["progress"]
                )
            rows.append(
                {
                    "position": e.position,
                    "at": e.at,
                    "kind": KINDS[e.name],
                    "aggregate_type": aggregate_type,
                    "aggregate_id": id,
                    "aggregate_version": e.version,
                    "conference_id": conference_id,
                    "actor_id": e.actor,
                    "reason": d.get("reason", ""),
                    "content_hash": frozen.get("sha256", ""),
                    "decision": d.get("decision", ""),
                    "committee_id": sid(d.get("committee_id")),
                    "detail": detail,
                }
            )
            changes.append(Change(self.name, str(e.position), conference_id))
        conference_of.flush()
        upsert(connection, t.decisions, rows)
        return changes
