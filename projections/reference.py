"""Reference data view: organisations, committees and people (without personal data)."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from projections import tables as t
from projections.framework import Change, Projection, Rows, StoredEvent, sid


class ReferenceData(Projection):
    name = "reference"
    label = "Stammdaten"
    tables = (t.organisations, t.committees, t.people)
    handles = frozenset(
        {
            "Organisation.Registered",
            "Organisation.Renamed",
            "Committee.Registered",
            "Person.Registered",
            "Person.PersonalDataErased",
        }
    )

    def apply(self, connection: Connection, events: list[StoredEvent]) -> list[Change]:
        organisations = Rows(connection, t.organisations)
        committees = Rows(connection, t.committees)
        people = Rows(connection, t.people)
        changes: list[Change] = []
        for e in events:
            id = str(e.originator_id)
            d = e.data
            if e.name == "Organisation.Registered":
                organisations.put({"id": id, "name": d["name"], "kind": d["kind"], "district": d["district"]})
            elif e.name == "Organisation.Renamed":
                row = organisations.get(id)
                if row is not None:
                    organisations.put({**row, "name": d["name"]})
            elif e.name == "Committee.Registered":
                committees.put({"id": id, "name": d["name"], "short_name": d["short_name"]})
            elif e.name == "Person.Registered":
                people.put(
                    {"id": id, "organisation_id": sid(d["organisation_id"]), "erased": False, "registered_at": e.at}
                )
            elif e.name == "Person.PersonalDataErased":
                row = people.get(id)
                if row is not None:
                    people.put({**row, "erased": True})
            changes.append(Change(self.name, id, None))
        organisations.flush()
        committees.flush()
        people.flush()
        return changes
