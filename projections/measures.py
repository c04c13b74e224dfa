"""Measure catalogue (Maßnahmenkatalog): every measure with its current fields and status.

Milestone flags (ever proposed, adopted, approved, rejected) and the
evaluation's obstacles and enablers feed the planners' cycle comparison.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.engine import Connection

from domain.measure import COMMITTEE_DECISIONS, OUTCOMES
from domain.texts import PROPOSAL_FIELDS
from projections import tables as t
from projections.framework import Change, Projection, Rows, StoredEvent, chunks, jsonable, sid

SIMPLE_STATUS = {
    "Measure.Withdrawn": "withdrawn",
    "Measure.Returned": "returned",
    "Measure.Adopted": "adopted",
    "Measure.ImplementationStarted": "in_implementation",
}


def search_text(row: dict[str, Any]) -> str:
    return " ".join([row["reference"], *(row[f] for f in PROPOSAL_FIELDS)]).lower()


class MeasureCatalogue(Projection):
    name = "measures"
    label = "Maßnahmenkatalog"
    tables = (t.measures, t.evaluation_factors)
    handles = frozenset(
        {
            "Measure.Drafted",
            "Measure.ProposalEdited",
            "Measure.DetailsSet",
            "Measure.AgreedInGroup",
            "Measure.Submitted",
            "Measure.CommitteeDecided",
            "Measure.ProgressReported",
            "Measure.ImplementationCompleted",
            "Measure.Evaluated",
            "Measure.CarriedOver",
            "Measure.Lapsed",
            *SIMPLE_STATUS,
        }
    )

    def apply(self, connection: Connection, events: list[StoredEvent]) -> list[Change]:
        rows = Rows(connection, t.measures)
        rows.preload(str(e.originator_id) for e in events if e.name != "Measure.Drafted")
        factors: dict[str, list[dict[str, Any]]] = {}
        changes = []
        for e in events:
            id = str(e.originator_id)
            if e.name == "Measure.Drafted":
                row = self._drafted(id, e)
            else:
                found = rows.get(id)
                if found is None:
                    continue
                row = dict(found)
                self._change(row, e, factors)
            row["updated_at"] = e.at
            row["version"] = e.version
            rows.put(row)
            changes.append(Change(self.name, id, row["conference_id"]))
        for id in rows.dirty:
            row = rows.rows[id]
            if row is not None:
                row["search_text"] = search_text(row)
        rows.flush()
        self._write_factors(connection, factors)
        return changes

    @staticmethod
    def _drafted(id: str, e: StoredEvent) -> dict[str, Any]:
        d = e.data
        return {
            "id": id,
            "reference": d["reference"],
            "conference_id": str(d["conference_id"]),
            "cycle": d["cycle"],
            "working_group_id": str(d["working_group_id"]),
            "lineage_id": str(d["lineage_id"]),
            "status": "drafted",
            **{f: d["fields"].get(f, "") for f in PROPOSAL_FIELDS},
            "lead_organisation_id": None,
            "partner_organisation_ids": [],
            "cost_estimate_eur": None,
            "funding_secured": False,
            "indicator_list": [],
            "committee_id": None,
            "paper_number": "",
            "committee_decision": "",
            "progress": 0,
            "outcome": "",
            "proposal_version": 0,
            "verdict": "",
            "rating": None,
            "evaluated_by_conference_id": None,
            "continues_measure_id": sid(d["continues_measure_id"]),
            "carried_over_to": None,
            "ever_proposed": False,
            "ever_adopted": False,
            "ever_approved": False,
            "ever_rejected": False,
            "created_at": e.at,
        }

    @staticmethod
    def _change(row: dict[str, Any], e: StoredEvent, factors: dict[str, list[dict[str, Any]]]) -> None:
        d = e.data
        name = e.name
        if name in SIMPLE_STATUS:
            row["status"] = SIMPLE_STATUS[name]
            if name == "Measure.Adopted":
                row["ever_adopted"] = True
        elif name == "Measure.ProposalEdited":
            row.update(d["fields"])
        elif name == "Measure.DetailsSet":
            details = d["details"]
            row.update(
                lead_organisation_id=sid(details.get("lead_organisation_id")),
                partner_organisation_ids=jsonable(details.get("partner_organisation_ids", [])),
                cost_estimate_eur=details.get("cost_estimate_eur"),
                funding_secured=bool(details.get("funding_secured")),
                indicator_list=jsonable(details.get("indicators", [])),
            )
        elif name == "Measure.Lapsed":
            row.update(d["frozen"]["fields"])
            row["status"] = "lapsed"
        elif name == "Measure.AgreedInGroup":
            row.update(d["frozen"]["fields"])
            row.update(status="proposed", ever_proposed=True, proposal_version=row["proposal_version"] + 1)
        elif name == "Measure.Submitted":
            row.update(status="submitted", committee_id=str(d["committee_id"]), paper_number=d["paper_number"])
        elif name == "Measure.CommitteeDecided":
            decision = d["decision"]
            row.update(status=COMMITTEE_DECISIONS[decision].value, committee_decision=decision)
            if decision == "amended":
                row.update(d["frozen"]["fields"])
            if decision in ("approved", "amended"):
                row["ever_approved"] = True
            elif decision == "rejected":
                row["ever_rejected"] = True
        elif name == "Measure.ProgressReported":
            row["progress"] = d["progress"]
        elif name == "Measure.ImplementationCompleted":
            row.update(status=OUTCOMES[d["outcome"]].value, outcome=d["outcome"])
            if d["outcome"] == "implemented":
                row["progress"] = 100
        elif name == "Measure.Evaluated":
            evaluation = d["evaluation"]
            row.update(
                status="evaluated",
                verdict=evaluation["verdict"],
                rating=evaluation["rating"],
                evaluated_by_conference_id=str(evaluation["conference_id"]),
            )
            factors[row["id"]] = [
                {"measure_id": row["id"], "factor": kind, "category": f["category"], "text": f["text"]}
                for kind, key in (("obstacle", "obstacles"), ("enabler", "enablers"))
                for f in evaluation[key]
            ]
        elif name == "Measure.CarriedOver":
            row.update(status="carried_over", carried_over_to=str(d["new_measure_id"]))

    @staticmethod
    def _write_factors(connection: Connection, factors: dict[str, list[dict[str, Any]]]) -> None:
        if not factors:
            return
        table = t.evaluation_factors
        for ids in chunks(list(factors), 500):
            connection.execute(delete(table).where(table.c.measure_id.in_(ids)))
        new_rows = [row for rows in factors.values() for row in rows]
        for chunk in chunks(new_rows, 500):
            connection.execute(table.insert(), chunk)
