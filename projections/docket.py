"""Committee docket: measures submitted to each committee with text, cost, recommendation and decision.

Also the committee's members (appointed and removed as events of the committee), who record its decisions.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from projections import tables as t
from projections.framework import Change, Projection, Rows, StoredEvent, jsonable


class CommitteeDocket(Projection):
    name = "docket"
    label = "Ausschuss-Vorlagen"
    tables = (t.docket, t.docket_recommendations, t.committee_members)
    handles = frozenset(
        {
            "Measure.Adopted",
            "Measure.Submitted",
            "Measure.CommitteeDecided",
            "Committee.MemberAppointed",
            "Committee.MemberRemoved",
        }
    )

    def members(self, connection: Connection, events: list[StoredEvent]) -> list[Change]:
        rows = Rows(connection, t.committee_members)
        changes = []
        for e in events:
            committee_id = str(e.originator_id)
            found = rows.get(committee_id)
            members = list(found["member_ids"]) if found else []
            person_id = str(e.data["person_id"])
            if e.name == "Committee.MemberAppointed":
                members.append(person_id)
            else:
                members = [p for p in members if p != person_id]
            rows.put({"id": committee_id, "member_ids": members})
            changes.append(Change(self.name, committee_id, None))
        rows.flush()
        return changes

    def apply(self, connection: Connection, events: list[StoredEvent]) -> list[Change]:
        changes = self.members(connection, [e for e in events if e.name.startswith("Committee.")])
        events = [e for e in events if not e.name.startswith("Committee.")]
        recommendations = Rows(connection, t.docket_recommendations)
        recommendations.preload(str(e.originator_id) for e in events)
        entries = Rows(connection, t.docket)
        for e in events:
            measure_id = str(e.originator_id)
            d = e.data
            known = recommendations.get(measure_id)
            if e.name == "Measure.Adopted":
                recommendation = {"at": e.at, "actor_id": e.actor, **jsonable(d["frozen"])}
                submissions = known["submissions"] if known else 0
                recommendations.put({"id": measure_id, "recommendation": recommendation, "submissions": submissions})
                continue
            if known is None:
                continue
            if e.name == "Measure.Submitted":
                number = known["submissions"] + 1
                recommendations.put({**known, "submissions": number})
                entry = {
                    "id": f"{measure_id}:{number}",
                    "measure_id": measure_id,
                    "committee_id": str(d["committee_id"]),
                    "paper_number": d["paper_number"],
                    "submitted_at": e.at,
                    "recommendation": known["recommendation"],
                    "decision": "",
                    "decided_on": "",
                    "reason": "",
                    "decided_text": None,
                }
            else:
                found = entries.get(f"{measure_id}:{known['submissions']}")
                if found is None:
                    continue
                entry = {
                    **found,
                    "decision": d["decision"],
                    "decided_on": d["decided_on"],
                    "reason": d["reason"],
                    "decided_text": jsonable(d["frozen"]),
                }
            entries.put(entry)
            changes.append(Change(self.name, entry["id"], None))
        recommendations.flush()
        entries.flush()
        return changes
