"""The districts view: the city's list of districts (Sozialräume) and which districts each measure names."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from projections import tables as t
from projections.framework import Change, Projection, Rows, StoredEvent, sid

REGISTER = "DistrictRegister."


class DistrictList(Projection):
    name = "districts"
    label = "Sozialräume"
    tables = (t.districts, t.measure_districts)
    handles = frozenset(
        {
            "DistrictRegister.Established",
            "DistrictRegister.DistrictRegistered",
            "DistrictRegister.DistrictRenamed",
            "DistrictRegister.DistrictRetired",
            "Measure.DistrictsSet",
        }
    )

    def apply(self, connection: Connection, events: list[StoredEvent]) -> list[Change]:
        districts = Rows(connection, t.districts)
        changes: list[Change] = []
        count = connection.execute(select(func.count()).select_from(t.districts)).scalar() or 0
        for e in events:
            d = e.data
            if e.name == "DistrictRegister.Established":
                districts.put(
                    {"id": str(d["citywide_id"]), "name": d["citywide_name"], "citywide": True, "retired": False,
                     "position": count}
                )  # fmt: skip
                count += 1
            elif e.name == "DistrictRegister.DistrictRegistered":
                districts.put(
                    {"id": str(d["district_id"]), "name": d["name"], "citywide": False, "retired": False,
                     "position": count}
                )  # fmt: skip
                count += 1
            elif e.name in ("DistrictRegister.DistrictRenamed", "DistrictRegister.DistrictRetired"):
                row = districts.get(str(d["district_id"]))
                if row is not None:
                    change = {"name": d["name"]} if e.name.endswith("Renamed") else {"retired": True}
                    districts.put({**row, **change})
            elif e.name == "Measure.DistrictsSet":
                self._set_measure(connection, str(e.originator_id), [str(i) for i in d["district_ids"]])
                changes.append(Change("measures", str(e.originator_id), None))  # the measure page shows them
                continue
            changes.append(Change(self.name, sid(d.get("district_id") or d.get("citywide_id")) or "", None))
        districts.flush()
        return changes

    @staticmethod
    def _set_measure(connection: Connection, measure_id: str, district_ids: list[str]) -> None:
        table = t.measure_districts
        connection.execute(delete(table).where(table.c.measure_id == measure_id))
        if district_ids:
            connection.execute(
                table.insert(),
                [{"measure_id": measure_id, "district_id": d, "position": i} for i, d in enumerate(district_ids)],
            )
