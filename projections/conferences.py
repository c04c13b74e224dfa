"""Conference overview: conferences by series and cycle with status and focus topic."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from projections import tables as t
from projections.framework import Change, Projection, Rows, StoredEvent, jsonable, sid

STATUS_AFTER = {
    "Conference.Prepared": "prepared",
    "Conference.SessionOpened": "in_session",
    "Conference.SessionClosed": "closed",
    "Conference.MinutesPublished": "reported",
}


class ConferenceOverview(Projection):
    name = "conferences"
    label = "Konferenzübersicht"
    tables = (t.conferences,)
    handles = frozenset(
        {
            "Conference.Scheduled",
            "Conference.Rescheduled",
            "Conference.FocusTopicSet",
            "Conference.AgendaSet",
            "Conference.WorkingGroupConstituted",
            "Conference.Invited",
            *STATUS_AFTER,
        }
    )

    def apply(self, connection: Connection, events: list[StoredEvent]) -> list[Change]:
        rows = Rows(connection, t.conferences)
        rows.preload(str(e.originator_id) for e in events if e.name != "Conference.Scheduled")
        changes = []
        for e in events:
            id = str(e.originator_id)
            d = e.data
            if e.name == "Conference.Scheduled":
                row = {
                    "id": id,
                    "series": d["series"],
                    "title": d["title"],
                    "kind": d["kind"],
                    "cycle": d["cycle"],
                    "district": d["district"],
                    "starts_on": d["starts_on"],
                    "venue": d["venue"],
                    "status": "scheduled",
                    "focus_topic": "",
                    "agenda": [],
                    "previous_conference_id": sid(d["previous_conference_id"]),
                    "working_group_count": 0,
                    "invited_organisation_ids": [],
                    "minutes": "",
                    "created_at": e.at,
                }
            else:
                found = rows.get(id)
                if found is None:
                    continue
                row = dict(found)
                if e.name == "Conference.Rescheduled":
                    row.update(starts_on=d["starts_on"], venue=d["venue"])
                elif e.name == "Conference.FocusTopicSet":
                    row["focus_topic"] = d["focus_topic"]
                elif e.name == "Conference.AgendaSet":
                    row["agenda"] = list(d["items"])
                elif e.name == "Conference.WorkingGroupConstituted":
                    row["working_group_count"] += 1
                elif e.name == "Conference.Invited":
                    row["invited_organisation_ids"] = row["invited_organisation_ids"] + jsonable(d["organisation_ids"])
                else:
                    row["status"] = STATUS_AFTER[e.name]
                    if e.name == "Conference.MinutesPublished":
                        row["minutes"] = d["minutes"]
            row["updated_at"] = e.at
            row["version"] = e.version
            rows.put(row)
            changes.append(Change(self.name, id, id))
        rows.flush()
        return changes
