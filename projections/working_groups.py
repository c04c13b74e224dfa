"""Working group board: a group's members, moderators and proposal count."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from projections import tables as t
from projections.framework import Change, Projection, Rows, StoredEvent, sid


class WorkingGroupBoard(Projection):
    name = "working_groups"
    label = "Arbeitsgruppen"
    tables = (t.working_groups,)
    handles = frozenset(
        {
            "WorkingGroup.Formed",
            "WorkingGroup.Refocused",
            "WorkingGroup.MemberJoined",
            "WorkingGroup.MemberLeft",
            "WorkingGroup.ModeratorAssigned",
            "WorkingGroup.ModeratorUnassigned",
            "WorkingGroup.ProposalStarted",
            "WorkingGroup.Closed",
        }
    )

    def apply(self, connection: Connection, events: list[StoredEvent]) -> list[Change]:
        rows = Rows(connection, t.working_groups)
        rows.preload(str(e.originator_id) for e in events if e.name != "WorkingGroup.Formed")
        changes = []
        for e in events:
            id = str(e.originator_id)
            d = e.data
            if e.name == "WorkingGroup.Formed":
                row = {
                    "id": id,
                    "conference_id": str(d["conference_id"]),
                    "number": d["number"],
                    "name": d["name"],
                    "topic": d["topic"],
                    "lineage_id": sid(d["lineage_id"]) or id,
                    "predecessor_id": sid(d["predecessor_id"]),
                    "member_ids": [],
                    "moderator_ids": [],
                    "proposal_count": 0,
                    "closed": False,
                }
            else:
                found = rows.get(id)
                if found is None:
                    continue
                row = dict(found)
                person = sid(d.get("person_id"))
                if e.name == "WorkingGroup.Refocused":
                    row["topic"] = d["topic"]
                elif e.name == "WorkingGroup.MemberJoined":
                    row["member_ids"] = [*row["member_ids"], person]
                elif e.name == "WorkingGroup.MemberLeft":
                    row["member_ids"] = [p for p in row["member_ids"] if p != person]
                elif e.name == "WorkingGroup.ModeratorAssigned":
                    row["moderator_ids"] = [*row["moderator_ids"], person]
                elif e.name == "WorkingGroup.ModeratorUnassigned":
                    row["moderator_ids"] = [p for p in row["moderator_ids"] if p != person]
                elif e.name == "WorkingGroup.ProposalStarted":
                    row["proposal_count"] += 1
                elif e.name == "WorkingGroup.Closed":
                    row["closed"] = True
            row["updated_at"] = e.at
            row["version"] = e.version
            rows.put(row)
            changes.append(Change(self.name, id, row["conference_id"]))
        rows.flush()
        return changes
